from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("Present")
    LATE = "late", _("Late")
    ABSENT = "absent", _("Absent")
    EXCUSED = "excused", _("Excused")

    @classmethod
    def attended(cls) -> tuple[str, ...]:
        return (cls.PRESENT, cls.LATE)


class ClassAttendance(models.Model):
    """Whether a trainee came to one class; marked by the cohort's trainer."""

    session = models.ForeignKey(
        "courses.ClassSession",
        verbose_name=_("class session"),
        on_delete=models.CASCADE,
        related_name="attendance",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trainee"),
        on_delete=models.PROTECT,
        related_name="class_attendance",
    )
    status = models.CharField(_("attendance"), max_length=10, choices=AttendanceStatus.choices)
    remark = models.CharField(_("remark"), max_length=255, blank=True)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("marked by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    marked_at = models.DateTimeField(_("marked at"), auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "user"], name="one_class_mark_per_trainee")
        ]
        verbose_name = _("class attendance")
        verbose_name_plural = _("class attendance")

    def __str__(self):
        return f"{self.user} — {self.session}"
