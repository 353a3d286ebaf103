"""Case role-plays: a session in a cohort, each trainee in a role with a private brief."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RolePlaySession(models.Model):
    assignment = models.ForeignKey(
        "assessments.Assignment", on_delete=models.PROTECT, related_name="sessions"
    )
    cohort = models.ForeignKey("courses.Cohort", on_delete=models.PROTECT, related_name="+")
    starts_at = models.DateTimeField(_("starts at"))
    place = models.CharField(_("place"), max_length=255, blank=True)

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("role-play session")
        verbose_name_plural = _("role-play sessions")

    def __str__(self):
        return f"{self.assignment} — {self.starts_at:%d.%m.%Y %H:%M}"


class RolePlayParticipant(models.Model):
    session = models.ForeignKey(
        RolePlaySession, on_delete=models.CASCADE, related_name="participants"
    )
    enrollment = models.ForeignKey("courses.Enrollment", on_delete=models.PROTECT, related_name="+")
    role_id = models.CharField(_("role"), max_length=64)  # the role block's stable id
    observation = models.TextField(_("observation"), blank=True, max_length=20000)

    class Meta:
        verbose_name = _("role-play participant")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "enrollment"], name="assessments_one_role_per_session"
            ),
        ]

    def __str__(self):
        return f"{self.session}: {self.enrollment}"
