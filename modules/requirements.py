from django.utils.translation import gettext as _

from courses.completion import RequirementResult
from modules.progress import progress_for


def _result(progress) -> RequirementResult:
    missing = progress.lessons_total - progress.lessons_done
    return RequirementResult(
        key="lessons",
        label=_("All lessons completed"),
        met=progress.complete,
        detail=_("%(count)s lessons left") % {"count": missing} if missing else "",
    )


def lessons_completed(enrollment) -> RequirementResult:
    return _result(progress_for([enrollment])[enrollment.pk])


def lessons_completed_many(enrollments) -> dict[int, RequirementResult]:
    return {pk: _result(progress) for pk, progress in progress_for(enrollments).items()}
