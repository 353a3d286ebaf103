from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lms.storage import private_storage


class EnrollmentStatus(models.TextChoices):
    APPLIED = "applied", _("Under review")
    WAITLISTED = "waitlisted", _("On the waiting list")
    APPROVED = "approved", _("Enrolled")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# Statuses in which a person holds (or waits for) a place in the cohort.
ACTIVE_STATUSES = (EnrollmentStatus.APPLIED, EnrollmentStatus.WAITLISTED, EnrollmentStatus.APPROVED)


class EnrollmentQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=EnrollmentStatus.APPROVED)

    def active(self):
        return self.filter(status__in=ACTIVE_STATUSES)


class Enrollment(models.Model):
    """A person's place in a cohort, from application to withdrawal; never deleted."""

    cohort = models.ForeignKey(
        "courses.Cohort",
        verbose_name=_("cohort"),
        on_delete=models.PROTECT,
        related_name="enrollments",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trainee"),
        on_delete=models.PROTECT,
        related_name="enrollments",
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=EnrollmentStatus.choices,
        default=EnrollmentStatus.APPLIED,
    )
    # What the applicant said at the time; the profile may change later.
    organisation = models.CharField(_("organisation"), max_length=255, blank=True)
    position = models.CharField(_("position"), max_length=255, blank=True)
    applied_at = models.DateTimeField(_("applied at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decision_reason = models.TextField(_("reason"), blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    # Roles this enrollment's approval gave the person (courses.enrollment_roles): only these
    # are taken back when it ends, never a role they held for another reason.
    roles_granted = models.JSONField(
        _("roles granted by the enrollment"), default=list, blank=True, editable=False
    )

    objects = EnrollmentQuerySet.as_manager()

    class Meta:
        ordering = ["applied_at"]
        verbose_name = _("enrollment")
        verbose_name_plural = _("enrollments")
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "user"], name="courses_enrollment_once_per_cohort"
            ),
        ]
        indexes = [
            models.Index(fields=["cohort", "status"]),
            models.Index(fields=["user", "status"]),
        ]

    def __str__(self):
        return f"{self.user} — {self.cohort}"

    @property
    def needs_guardian_consent(self) -> bool:
        return self.cohort.program.requires_guardian_consent or self.user.is_minor

    @property
    def has_guardian_consent(self) -> bool:
        return hasattr(self, "guardian_consent")


class GuardianConsent(models.Model):
    """A parent's or guardian's consent for a minor's enrollment, with the scanned document."""

    enrollment = models.OneToOneField(
        Enrollment, on_delete=models.PROTECT, related_name="guardian_consent"
    )
    guardian_full_name = models.CharField(_("guardian's full name"), max_length=255)
    guardian_relation = models.CharField(_("relation to the trainee"), max_length=100)
    given_on = models.DateField(_("consent given on"))
    document = models.FileField(
        _("scanned document"), storage=private_storage, upload_to="consents/%Y/%m/"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("guardian's consent")
        verbose_name_plural = _("guardians' consents")

    def __str__(self):
        return f"{self.guardian_full_name} ({self.enrollment})"
