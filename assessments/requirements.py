from django.utils.translation import gettext as _

from assessments.models import Assignment, Grade
from courses.completion import RequirementResult


def assessments_passed(enrollment) -> RequirementResult:
    """Every assignment that counts toward completion has a released, passing grade."""
    required = list(
        Assignment.objects.filter(
            module__path__startswith=enrollment.cohort.program.path, counts_toward_completion=True
        ).values_list("pk", "passing_score", "title")
    )
    grades = dict(
        Grade.objects.filter(
            submission__enrollment=enrollment, final=True, released_at__isnull=False
        ).values_list("submission__assignment_id", "score")
    )
    missing = [
        title for pk, passing, title in required if grades.get(pk) is None or grades[pk] < passing
    ]
    return RequirementResult(
        key="assessments",
        label=_("Required assessments passed"),
        met=not missing,
        detail=_("Not yet passed: %(titles)s") % {"titles": ", ".join(missing)} if missing else "",
    )
