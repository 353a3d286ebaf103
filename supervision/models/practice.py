from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from supervision.vocab import (
    CaseCategory,
    CaseSubcategory,
    Outcome,
    ProgramType,
    ReferralSource,
    ServiceKind,
)


class ReconciliationService(models.Model):
    """A school or territorial reconciliation service: the unit the region's report counts."""

    kind = models.CharField(_("kind"), max_length=20, choices=ServiceKind.choices)
    organisation = models.CharField(_("organisation"), max_length=255)
    territory = models.ForeignKey(
        "accounts.Territory",
        verbose_name=_("municipal territory"),
        on_delete=models.PROTECT,
        related_name="reconciliation_services",
    )

    class Meta:
        ordering = ["territory__name", "organisation"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "organisation", "territory"], name="one_service_per_organisation"
            )
        ]
        verbose_name = _("reconciliation service")
        verbose_name_plural = _("reconciliation services")

    def __str__(self):
        return f"{self.organisation} ({self.territory})"


class EntryStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Awaiting sign-off")
    RETURNED = "returned", _("Returned for correction")
    SIGNED = "signed", _("Signed off")

    @classmethod
    def editable(cls) -> tuple[str, ...]:
        return (cls.DRAFT, cls.RETURNED)

    @classmethod
    def reported(cls) -> tuple[str, ...]:
        """Entries the monitoring report and the requirements count: only a supervisor's
        sign-off vouches for an entry (anyone may hand one in)."""
        return (cls.SIGNED,)


class PracticeEntry(models.Model):
    """One restorative program a mediator conducted. The parties are never named here."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("mediator"),
        on_delete=models.PROTECT,
        related_name="practice_entries",
    )
    service = models.ForeignKey(
        ReconciliationService,
        verbose_name=_("reconciliation service"),
        on_delete=models.PROTECT,
        related_name="entries",
    )
    program_type = models.CharField(
        _("restorative program"), max_length=30, choices=ProgramType.choices
    )
    case_category = models.CharField(
        _("case category"), max_length=20, choices=CaseCategory.choices
    )
    case_subcategory = models.CharField(
        _("sub-category"), max_length=30, choices=CaseSubcategory.choices, blank=True
    )
    referral_source = models.CharField(
        _("referred by"), max_length=30, choices=ReferralSource.choices
    )
    request_date = models.DateField(_("request received on"))
    preliminary_meeting_on = models.DateField(_("first preliminary meeting"), null=True, blank=True)
    joint_meeting_on = models.DateField(_("joint (closing) meeting"), null=True, blank=True)
    adults = models.PositiveSmallIntegerField(_("adult participants"))
    children = models.PositiveSmallIntegerField(_("child participants"))
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    not_completed_reason = models.TextField(_("why it was not completed"), blank=True)
    summary = models.TextField(_("de-identified description"), blank=True)
    follow_up = models.TextField(_("follow-up"), blank=True)

    status = models.CharField(
        _("status"), max_length=12, choices=EntryStatus.choices, default=EntryStatus.DRAFT
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    review_comment = models.TextField(_("supervisor's comment"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-request_date", "-pk"]
        indexes = [
            models.Index(fields=["joint_meeting_on"], name="practice_joint_meeting"),
            models.Index(fields=["request_date"], name="practice_request_date"),
            models.Index(fields=["author", "status"], name="practice_author_status"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(preliminary_meeting_on__isnull=True)
                | Q(preliminary_meeting_on__gte=F("request_date")),
                name="practice_preliminary_after_request",
            ),
            models.CheckConstraint(
                condition=Q(joint_meeting_on__isnull=True)
                | Q(joint_meeting_on__gte=F("request_date")),
                name="practice_joint_after_request",
            ),
        ]
        verbose_name = _("practice entry")
        verbose_name_plural = _("practice log")

    def __str__(self):
        return f"{self.get_program_type_display()} ({self.request_date:%d.%m.%Y})"

    @property
    def participants(self) -> int:
        return self.adults + self.children

    @property
    def completed(self) -> bool:
        return self.outcome in Outcome.completed()

    @property
    def editable(self) -> bool:
        return self.status in EntryStatus.editable()


class MediatorStatus(models.TextChoices):
    """A co-mediator's answer: nobody is counted as having led a program without saying so."""

    PENDING = "pending", _("Awaiting the co-mediator's answer")
    CONFIRMED = "confirmed", _("Took part")
    DECLINED = "declined", _("Declined")


class PracticeMediator(models.Model):
    """Who led a program: the author and co-mediators. ``student`` marks a school student
    (a minor on the request date), counted apart in the report as "student mediators".
    A co-mediator counts (report, requirements, their log) only once ``confirmed``."""

    entry = models.ForeignKey(PracticeEntry, on_delete=models.CASCADE, related_name="mediators")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("mediator"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    student = models.BooleanField(_("student mediator"), default=False)
    status = models.CharField(
        _("co-mediator's answer"),
        max_length=10,
        choices=MediatorStatus.choices,
        default=MediatorStatus.PENDING,
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["entry", "user"], name="one_mediator_row_per_entry")
        ]
        indexes = [models.Index(fields=["user", "status"], name="practice_mediator_user_status")]

    def __str__(self):
        return f"{self.user} — {self.entry}"


class CoMediatorInvitation(models.Model):
    """A co-mediator named by an email nobody has signed up with. They are invited by email;
    once they sign up with that address the entry waits for their answer in their log."""

    entry = models.ForeignKey(PracticeEntry, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("email address"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["entry", "email"], name="one_invitation_per_entry")
        ]
        indexes = [models.Index(fields=["email"], name="practice_invitation_email")]
        verbose_name = _("co-mediator invitation")
        verbose_name_plural = _("co-mediator invitations")

    def __str__(self):
        return f"{self.email} — {self.entry}"
