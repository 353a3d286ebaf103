from django.utils.translation import gettext as _

from courses.completion import RequirementResult
from modules.progress import progress_for


def _result(progress) -> RequirementResult:
    # The label names the requirement, not its state: it is shown beside what is missing.
    return RequirementResult(
        key="lessons",
        label=_("Lessons"),
        met=progress.complete,
        detail=""
        if progress.complete
        else _("%(done)s of %(total)s completed")
        % {"done": progress.lessons_done, "total": progress.lessons_total},
    )


def lessons_completed(enrollment) -> RequirementResult:
    return _result(progress_for([enrollment])[enrollment.pk])


def lessons_completed_many(enrollments) -> dict[int, RequirementResult]:
    return {pk: _result(progress) for pk, progress in progress_for(enrollments).items()}
