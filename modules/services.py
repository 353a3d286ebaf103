from django.db import transaction
from django.utils import timezone

from modules.models import LessonProgress


def lesson_record_visit(*, enrollment, lesson) -> LessonProgress:
    """Remember the lesson as the trainee's place, for "continue where you left off"."""
    progress, created = LessonProgress.objects.get_or_create(enrollment=enrollment, lesson=lesson)
    if not created:
        progress.save(update_fields=["last_opened_at"])
    return progress


@transaction.atomic
def lesson_mark_complete(*, enrollment, lesson, complete: bool = True) -> LessonProgress:
    progress, _created = LessonProgress.objects.select_for_update().get_or_create(
        enrollment=enrollment, lesson=lesson
    )
    # Completing twice keeps the first time; un-completing clears it.
    if complete and progress.completed_at is None:
        progress.completed_at = timezone.now()
    elif not complete:
        progress.completed_at = None
    progress.save()
    return progress
