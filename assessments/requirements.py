from collections import defaultdict

from django.utils.translation import gettext as _

from assessments.models import Assignment, Grade
from courses.completion import RequirementResult
from courses.tree import is_within, under


def assessments_passed_many(enrollments) -> dict[int, RequirementResult]:
    """Every assignment that counts toward completion has a released, passing grade.
    Two queries for any number of enrollments."""
    enrollments = list(enrollments)
    if not enrollments:
        return {}
    paths = {e.cohort.program.path for e in enrollments}
    required = list(
        Assignment.objects.filter(under(paths, "module__path"), counts_toward_completion=True)
        .order_by("module__path", "pk")
        .values_list("pk", "passing_score", "title", "module__path")
    )
    grades = defaultdict(dict)
    for enrollment_id, assignment_id, score in Grade.objects.filter(
        submission__enrollment__in=[e.pk for e in enrollments],
        final=True,
        released_at__isnull=False,
    ).values_list("submission__enrollment_id", "submission__assignment_id", "score"):
        grades[enrollment_id][assignment_id] = score
    results = {}
    for enrollment in enrollments:
        program_path = enrollment.cohort.program.path
        mine = grades[enrollment.pk]
        missing = [
            title
            for pk, passing, title, path in required
            if is_within(path, program_path) and (mine.get(pk) is None or mine[pk] < passing)
        ]
        results[enrollment.pk] = RequirementResult(
            key="assessments",
            # Names the requirement, not its state: it stands beside what is missing.
            label=_("Required assessments"),
            met=not missing,
            detail=_("Not yet passed: %(titles)s") % {"titles": ", ".join(missing)}
            if missing
            else "",
        )
    return results


def assessments_passed(enrollment) -> RequirementResult:
    return assessments_passed_many([enrollment])[enrollment.pk]
