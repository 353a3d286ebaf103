from django.utils.translation import gettext as _

from courses.completion import RequirementResult
from modules.progress import progress_for


def lessons_completed(enrollment) -> RequirementResult:
    progress = progress_for([enrollment])[enrollment.pk]
    missing = progress.lessons_total - progress.lessons_done
    return RequirementResult(
        key="lessons",
        label=_("All lessons completed"),
        met=progress.complete,
        detail=_("%(count)s lessons left") % {"count": missing} if missing else "",
    )
