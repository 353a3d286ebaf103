from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Grade(models.Model):
    """A trainer's grade of a submission; the trainee sees it only once released."""

    submission = models.OneToOneField(
        "assessments.Submission", on_delete=models.CASCADE, related_name="grade"
    )
    version = models.ForeignKey(
        "assessments.SubmissionVersion",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("version"),
    )
    # Empty for an auto-graded quiz.
    grader = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    # {criterion block id: chosen level index}; the rubric's ids are stable.
    choices = models.JSONField(_("rubric levels"), default=dict, blank=True)
    criterion_comments = models.JSONField(_("comments per criterion"), default=dict, blank=True)
    comment = models.TextField(_("overall comment"), blank=True, max_length=20000)
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=1, null=True, blank=True)
    final = models.BooleanField(_("final"), default=False)
    released_at = models.DateTimeField(_("released"), null=True, blank=True)
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderator"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="grades_to_moderate",
    )
    moderated_at = models.DateTimeField(_("moderated"), null=True, blank=True)
    moderation_note = models.TextField(_("moderation note"), blank=True, max_length=5000)
    # Bumped on every save so that a second trainer cannot silently overwrite the first.
    lock_version = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("grade")
        verbose_name_plural = _("grades")

    def __str__(self):
        return f"{self.submission}: {self.score}"

    @property
    def passed(self) -> bool:
        return self.score is not None and self.score >= self.submission.assignment.passing_score
