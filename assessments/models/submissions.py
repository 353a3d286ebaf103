"""A trainee's work on an assignment: a draft that is never lost, and every submitted version."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from lms.storage import private_storage

# A 100,000-word Russian answer is about 900,000 characters; anything much longer is refused.
MAX_TEXT = 1_200_000


class SubmissionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned for revision")
    GRADED = "graded", _("Graded")


class Submission(models.Model):
    assignment = models.ForeignKey(
        "assessments.Assignment", on_delete=models.PROTECT, related_name="submissions"
    )
    enrollment = models.ForeignKey(
        "courses.Enrollment", on_delete=models.PROTECT, related_name="submissions"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=SubmissionStatus.choices, default=SubmissionStatus.DRAFT
    )
    draft = models.TextField(_("draft"), blank=True, max_length=MAX_TEXT)
    # Bumped on every draft save, so a stale browser tab cannot overwrite newer text.
    draft_revision = models.PositiveIntegerField(default=0)
    draft_saved_at = models.DateTimeField(_("draft saved"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    revision_note = models.TextField(_("what to revise"), blank=True, max_length=5000)

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "enrollment"], name="assessments_submission_once"
            ),
        ]
        indexes = [models.Index(fields=["status", "submitted_at"])]

    def __str__(self):
        return f"{self.assignment} — {self.enrollment}"

    def shown_name(self) -> str:
        """The trainee's name, or a neutral label while blind marking hides it."""
        grade = getattr(self, "grade", None)
        if self.assignment.blind_marking and (grade is None or grade.released_at is None):
            return f"№ {self.pk}"
        return self.enrollment.user.get_full_name()

    @property
    def editable(self) -> bool:
        return self.status in (SubmissionStatus.DRAFT, SubmissionStatus.RETURNED)


class SubmissionVersion(models.Model):
    """One handed-in version, kept for good so trainers can see what changed."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    text = models.TextField(_("text"), max_length=MAX_TEXT)
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    late = models.BooleanField(_("late"), default=False)
    # What the confidentiality guard found, and whether the trainee submitted anyway.
    guard_findings = models.JSONField(_("personal data found"), default=list, blank=True)
    guard_overridden = models.BooleanField(_("warning overridden"), default=False)

    class Meta:
        ordering = ["submission", "number"]
        verbose_name = _("submitted version")
        verbose_name_plural = _("submitted versions")
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "number"], name="assessments_version_once"
            ),
        ]

    def __str__(self):
        return f"{self.submission} v{self.number}"


class DeadlineReminder(models.Model):
    """Remembers that the 48-hour reminder went out, so it is sent once."""

    assignment = models.ForeignKey(
        "assessments.Assignment", on_delete=models.CASCADE, related_name="+"
    )
    enrollment = models.ForeignKey("courses.Enrollment", on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "enrollment"], name="assessments_reminder_once"
            ),
        ]

    def __str__(self):
        return f"{self.assignment} — {self.enrollment}"


class Attachment(models.Model):
    """A file handed in with a case analysis, kept in private storage."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), storage=private_storage, upload_to="submissions/%Y/%m/")
    name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.name
