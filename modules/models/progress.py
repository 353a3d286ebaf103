from django.db import models
from django.utils.translation import gettext_lazy as _


class LessonProgress(models.Model):
    """A trainee's progress through one lesson within one enrollment."""

    enrollment = models.ForeignKey(
        "courses.Enrollment", on_delete=models.CASCADE, related_name="lesson_progress"
    )
    lesson = models.ForeignKey("modules.LessonPage", on_delete=models.CASCADE, related_name="+")
    first_opened_at = models.DateTimeField(_("first opened"), auto_now_add=True)
    last_opened_at = models.DateTimeField(_("last opened"), auto_now=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)

    class Meta:
        verbose_name = _("lesson progress")
        verbose_name_plural = _("lesson progress")
        constraints = [
            models.UniqueConstraint(fields=["enrollment", "lesson"], name="modules_progress_once"),
        ]
        indexes = [models.Index(fields=["enrollment", "-last_opened_at"])]

    def __str__(self):
        return f"{self.enrollment} — {self.lesson_id}"
