"""The trainee's assignments on the dashboard: four queries for any number of cohorts."""

from functools import reduce
from operator import or_

from django.db.models import Q

from assessments.models import Assignment, CohortDeadline, Extension, Submission
from assessments.models.assignments import WRITTEN_KINDS, AssignmentKind


def assignments_section(*, user, enrollments) -> dict:
    if not enrollments:
        return {"rows": []}
    paths = {e.cohort.program.path: e for e in enrollments}
    assignments = list(
        Assignment.objects.filter(
            reduce(or_, (Q(module__path__startswith=path) for path in paths)),
            kind__in=[*WRITTEN_KINDS, AssignmentKind.QUIZ],
        ).select_related("module")
    )
    submissions = {
        (s.assignment_id, s.enrollment_id): s
        for s in Submission.objects.filter(enrollment__in=enrollments, assignment__in=assignments)
    }
    overrides = {
        (d.assignment_id, d.cohort_id): d.due_at
        for d in CohortDeadline.objects.filter(cohort__in=[e.cohort_id for e in enrollments])
    }
    extensions = {
        (x.assignment_id, x.enrollment_id): x.due_at
        for x in Extension.objects.filter(enrollment__in=enrollments)
    }
    rows = []
    for assignment in assignments:
        enrollment = next(e for path, e in paths.items() if assignment.module.path.startswith(path))
        due = assignment.due_at(
            enrollment.cohort,
            overrides={enrollment.cohort_id: overrides[(assignment.pk, enrollment.cohort_id)]}
            if (assignment.pk, enrollment.cohort_id) in overrides
            else None,
            extension=extensions.get((assignment.pk, enrollment.pk)),
        )
        rows.append(
            {
                "assignment": assignment,
                "program": enrollment.cohort.program.title,
                "submission": submissions.get((assignment.pk, enrollment.pk)),
                "due": due,
            }
        )
    rows.sort(key=lambda row: row["due"])
    return {"rows": rows}
