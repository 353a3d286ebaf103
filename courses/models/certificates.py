"""Documents the centre issues: advanced training, completion and participation certificates."""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from courses.models.pages import FinalDocument
from lms.storage import private_storage

# The series printed before each number, per kind of document.
SERIES = {
    "advanced_training": "ПК",
    "completion": "СО",
    "participation": "СУ",
}


def new_code() -> str:
    """The public verification code: 128 random bits, URL-safe, unguessable."""
    return secrets.token_urlsafe(16)


class CertificateStatus(models.TextChoices):
    ISSUED = "issued", _("Valid")
    REVOKED = "revoked", _("Revoked")
    REPLACED = "replaced", _("Replaced by a new document")


class NumberSequence(models.Model):
    """The last number given in a series and year; locked while a number is taken, so the
    sequence has no gaps and no duplicates under concurrent issuance."""

    series = models.CharField(_("series"), max_length=10)
    year = models.PositiveSmallIntegerField(_("year"))
    last = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["series", "year"], name="one_sequence_per_series_year")
        ]
        verbose_name = _("number sequence")
        verbose_name_plural = _("number sequences")

    def __str__(self):
        return f"{self.series}-{self.year}: {self.last}"


class Certificate(models.Model):
    """An issued document. What it says is copied at issue time: later edits of the
    program or the person's name do not change a document already handed out."""

    enrollment = models.ForeignKey(
        "courses.Enrollment",
        verbose_name=_("enrollment"),
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=FinalDocument.choices)
    series = models.CharField(_("series"), max_length=10)
    year = models.PositiveSmallIntegerField(_("year"))
    sequence = models.PositiveIntegerField(_("number in the series"))
    number = models.CharField(_("number"), max_length=32, unique=True)
    registration_number = models.CharField(_("registration number"), max_length=32, unique=True)
    code = models.CharField(_("verification code"), max_length=32, unique=True, default=new_code)
    holder_name = models.CharField(_("holder"), max_length=300)
    # The parts of the name as printed, for the federal registry's separate columns: a later
    # change of name in the profile must not change the register of documents already issued.
    holder_last_name = models.CharField(_("holder's last name"), max_length=150, blank=True)
    holder_first_name = models.CharField(_("holder's first name"), max_length=150, blank=True)
    holder_patronymic = models.CharField(_("holder's patronymic"), max_length=150, blank=True)
    program_title = models.CharField(_("program"), max_length=500)
    hours = models.PositiveSmallIntegerField(_("hours"))
    studied_from = models.DateField(_("studied from"))
    studied_to = models.DateField(_("studied to"))
    issued_on = models.DateField(_("issued on"))
    city = models.CharField(_("city"), max_length=100, blank=True)
    signatory_name = models.CharField(_("signatory"), max_length=255, blank=True)
    signatory_position = models.CharField(_("signatory's position"), max_length=255, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=CertificateStatus.choices,
        default=CertificateStatus.ISSUED,
    )
    pdf = models.FileField(
        _("PDF"), storage=private_storage, upload_to="certificates/%Y/", blank=True
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    issued_at = models.DateTimeField(_("issued at"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revocation_reason = models.TextField(_("reason for revocation"), blank=True)
    # The Open Badge credential's id and the salt of its holder hash: random, so that a
    # credential passed to third parties does not lead to the public check (and the name).
    credential_uuid = models.UUIDField(
        _("credential id"), unique=True, default=uuid.uuid4, editable=False
    )
    replaces = models.OneToOneField(
        "self",
        verbose_name=_("replaces"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaced_by",
    )

    class Meta:
        ordering = ["-issued_at"]
        constraints = [
            # Issuing twice never gives a trainee two valid documents for one enrollment.
            models.UniqueConstraint(
                fields=["enrollment"],
                condition=Q(status="issued"),
                name="one_valid_certificate_per_enrollment",
            ),
            models.UniqueConstraint(
                fields=["series", "year", "sequence"], name="one_number_per_series_year"
            ),
        ]
        # The register lists documents in this order; without it the first page sorts them all.
        indexes = [models.Index(fields=["year", "series", "sequence"], name="certificate_register")]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")

    def __str__(self):
        return self.number

    @property
    def valid(self) -> bool:
        return self.status == CertificateStatus.ISSUED


class CertificateBatch(models.Model):
    """A bulk issuance for a cohort, run in the background; its counts drive the progress bar."""

    cohort = models.ForeignKey(
        "courses.Cohort", verbose_name=_("cohort"), on_delete=models.CASCADE, related_name="+"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    enrollment_ids = models.JSONField(_("enrollments"), default=list)
    # The enrollments dealt with, saved in the transaction that issues each document: a
    # task run again (worker killed, database restarted) resumes after them.
    processed = models.JSONField(_("processed"), default=list, blank=True)
    done = models.PositiveIntegerField(_("issued"), default=0)
    failed = models.PositiveIntegerField(_("failed"), default=0)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    finished = models.BooleanField(_("finished"), default=False)
    task_id = models.CharField(_("task"), max_length=64, blank=True)
    failure = models.TextField(_("reason of the last failure"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("bulk issuance")
        verbose_name_plural = _("bulk issuances")

    def __str__(self):
        return f"{self.cohort} ({self.created_at:%d.%m.%Y %H:%M})"

    @property
    def total(self) -> int:
        return len(self.enrollment_ids)

    @property
    def handled(self) -> int:
        return max(len(self.processed), self.done + self.failed)

    @property
    def skipped(self) -> int:
        """Trainees who had received their document some other way meanwhile."""
        return max(self.handled - self.done - self.failed, 0)

    @property
    def percent(self) -> int:
        if self.finished or not self.total:
            return 100
        return min(int(self.handled * 100 / self.total), 100)
