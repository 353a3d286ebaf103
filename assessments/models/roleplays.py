"""Case role-plays: a session in a cohort, each trainee in a role with a private brief."""

from datetime import timedelta

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class RolePlaySession(models.Model):
    assignment = models.ForeignKey(
        "assessments.Assignment", on_delete=models.PROTECT, related_name="sessions"
    )
    cohort = models.ForeignKey("courses.Cohort", on_delete=models.PROTECT, related_name="+")
    starts_at = models.DateTimeField(_("starts at"))
    duration = models.PositiveSmallIntegerField(
        _("duration, minutes"),
        default=90,
        validators=[MinValueValidator(15), MaxValueValidator(600)],
    )
    place = models.CharField(_("place"), max_length=255, blank=True)
    # Set when the trainer marks the session as held: only then is the mediator's work
    # handed in, and the cast is frozen as the rotation's history.
    held_at = models.DateTimeField(_("held"), null=True, blank=True)

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("role-play session")
        verbose_name_plural = _("role-play sessions")

    def __str__(self):
        return f"{self.assignment} — {self.starts_at:%d.%m.%Y %H:%M}"

    @property
    def ends_at(self):
        return self.starts_at + timedelta(minutes=self.duration)


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
