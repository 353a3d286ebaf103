from django.db import models
from django.utils.translation import gettext_lazy as _


class QuizAttempt(models.Model):
    """One attempt at a quiz: the order the trainee saw, the answers, the auto-graded score."""

    assignment = models.ForeignKey(
        "assessments.Assignment", on_delete=models.PROTECT, related_name="attempts"
    )
    enrollment = models.ForeignKey("courses.Enrollment", on_delete=models.PROTECT, related_name="+")
    number = models.PositiveSmallIntegerField(_("attempt"))
    # {question id: [option indexes in the order shown]} and the question order itself.
    layout = models.JSONField(default=dict)
    answers = models.JSONField(default=dict, blank=True)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=1, null=True, blank=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("quiz attempt")
        verbose_name_plural = _("quiz attempts")
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "enrollment", "number"], name="assessments_attempt_once"
            ),
        ]

    def __str__(self):
        return f"{self.assignment} — {self.enrollment} #{self.number}"
