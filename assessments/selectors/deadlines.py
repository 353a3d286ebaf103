"""Deadlines for many trainees and assignments at once: two queries, whatever the numbers.

The rule is `Assignment.due_at`: a trainee's extension, else the cohort's own date, else
the cohort's start plus the assignment's days. `deadline_for` (selectors.submissions) is
the one-off form.
"""

from assessments.models import Assignment, CohortDeadline, Extension
from courses.tree import is_within, under


def assignments_for(enrollments, *, kinds) -> list[Assignment]:
    """Assignments of the enrollments' programs (one query); enrollments need cohort__program."""
    paths = {e.cohort.program.path for e in enrollments}
    if not paths:
        return []
    return list(
        Assignment.objects.filter(under(paths, "module__path"), kind__in=kinds).select_related(
            "module"
        )
    )


def pairs(enrollments, assignments):
    """(enrollment, assignment) for every assignment of each enrollment's program."""
    for enrollment in enrollments:
        path = enrollment.cohort.program.path
        for assignment in assignments:
            if is_within(assignment.module.path, path):
                yield enrollment, assignment


def deadlines(enrollments, assignments) -> dict[tuple[int, int], object]:
    """{(assignment id, enrollment id): deadline} for every pair."""
    overrides = {
        (a, c): due
        for a, c, due in CohortDeadline.objects.filter(
            cohort__in={e.cohort_id for e in enrollments}, assignment__in=assignments
        ).values_list("assignment_id", "cohort_id", "due_at")
    }
    extensions = {
        (a, e): due
        for a, e, due in Extension.objects.filter(
            enrollment__in=enrollments, assignment__in=assignments
        ).values_list("assignment_id", "enrollment_id", "due_at")
    }
    result = {}
    for enrollment, assignment in pairs(enrollments, assignments):
        override = overrides.get((assignment.pk, enrollment.cohort_id))
        result[(assignment.pk, enrollment.pk)] = assignment.due_at(
            enrollment.cohort,
            overrides={enrollment.cohort_id: override} if override else None,
            extension=extensions.get((assignment.pk, enrollment.pk)),
        )
    return result
