"""Assignments attached to a module, with deadlines relative to each cohort's start."""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index


class AssignmentKind(models.TextChoices):
    CASE_ANALYSIS = "case_analysis", _("Case analysis")
    ROLE_PLAY = "role_play", _("Case role-play")
    SKILLS = "skills", _("Skills demonstration")
    QUIZ = "quiz", _("Quiz")
    REFLECTION = "reflection", _("Reflection")


# Kinds the trainee hands in as text (and files); the others are graded live or auto-graded.
WRITTEN_KINDS = (AssignmentKind.CASE_ANALYSIS, AssignmentKind.REFLECTION)


class RoleKind(models.TextChoices):
    MEDIATOR = "mediator", _("Mediator")
    CO_MEDIATOR = "co_mediator", _("Co-mediator")
    PARTY = "party", _("Party")
    OBSERVER = "observer", _("Observer")


class RoleBlock(blocks.StructBlock):
    name = blocks.CharBlock(
        label=_("role"), max_length=100, help_text=_("For example: the one harmed, a parent.")
    )
    kind = blocks.ChoiceBlock(label=_("kind"), choices=RoleKind.choices)
    brief = blocks.TextBlock(label=_("brief"), help_text=_("Seen only by whoever plays this role."))


class OptionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("answer"), max_length=500)
    correct = blocks.BooleanBlock(label=_("correct"), required=False)


class QuestionBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("question"))
    multiple = blocks.BooleanBlock(label=_("several answers are correct"), required=False)
    options = blocks.ListBlock(OptionBlock(), label=_("answers"), min_num=2)


class Assignment(index.Indexed, models.Model):
    module = models.ForeignKey(
        "modules.ModulePage",
        verbose_name=_("module"),
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=AssignmentKind.choices)
    title = models.CharField(_("title"), max_length=255)
    instructions = RichTextField(
        _("instructions"), features=["h3", "bold", "italic", "link", "ol", "ul"]
    )
    due_days = models.PositiveIntegerField(
        _("due, days after the cohort starts"), help_text=_("A cohort may set its own date.")
    )
    max_score = models.DecimalField(_("maximum score"), max_digits=5, decimal_places=1, default=100)
    passing_score = models.DecimalField(
        _("passing score"), max_digits=5, decimal_places=1, default=60
    )
    counts_toward_completion = models.BooleanField(_("counts toward completion"), default=True)
    rubric = models.ForeignKey(
        "assessments.Rubric",
        verbose_name=_("rubric"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    roles = StreamField(
        [("role", RoleBlock())],
        verbose_name=_("role-play roles"),
        blank=True,
        help_text=_("Role-plays only: each role's private brief."),
    )
    observation_questions = models.TextField(
        _("questions for observers"), blank=True, help_text=_("Role-plays only. One per line.")
    )
    questions = StreamField(
        [("question", QuestionBlock())], verbose_name=_("quiz questions"), blank=True
    )
    attempts_limit = models.PositiveSmallIntegerField(_("attempts allowed"), default=3)
    shuffle = models.BooleanField(_("shuffle questions and answers"), default=True)
    blind_marking = models.BooleanField(
        _("blind marking"),
        default=False,
        help_text=_("Trainers see no names until grades are released."),
    )

    panels = [
        FieldPanel("module"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("title")]),
        FieldPanel("instructions"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("due_days"), FieldPanel("counts_toward_completion")]),
                FieldRowPanel([FieldPanel("max_score"), FieldPanel("passing_score")]),
                FieldPanel("rubric"),
                FieldPanel("blind_marking"),
            ],
            heading=_("Deadline and grading"),
        ),
        MultiFieldPanel(
            [FieldPanel("questions"), FieldPanel("attempts_limit"), FieldPanel("shuffle")],
            heading=_("Quiz"),
            classname="collapsed",
        ),
        MultiFieldPanel(
            [FieldPanel("roles"), FieldPanel("observation_questions")],
            heading=_("Role-play"),
            classname="collapsed",
        ),
    ]
    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]

    class Meta:
        ordering = ["module__path", "due_days", "title"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(passing_score__lte=models.F("max_score")),
                name="assessments_passing_not_above_max",
                violation_error_message=_("The passing score cannot exceed the maximum score."),
            )
        ]

    def __str__(self):
        return self.title

    @property
    def is_written(self) -> bool:
        return self.kind in WRITTEN_KINDS

    def due_at(self, cohort, *, overrides=None, extension=None) -> datetime:
        """The deadline for a cohort (its override, else start + due_days), or an extension."""
        if extension is not None:
            return extension
        override = (overrides or {}).get(cohort.pk)
        if override is not None:
            return override
        day = cohort.starts_on + timedelta(days=self.due_days)
        return timezone.make_aware(datetime.combine(day, time(23, 59)))


class CohortDeadline(models.Model):
    """A cohort's own date for an assignment (its timetable differs from the default)."""

    assignment = models.ForeignKey(
        Assignment, on_delete=models.CASCADE, related_name="cohort_deadlines"
    )
    cohort = models.ForeignKey("courses.Cohort", on_delete=models.CASCADE, related_name="+")
    due_at = models.DateTimeField(_("due"))

    class Meta:
        verbose_name = _("cohort deadline")
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "cohort"], name="assessments_deadline_once"
            ),
        ]

    def __str__(self):
        return f"{self.assignment} — {self.cohort}: {self.due_at:%d.%m.%Y}"


class Extension(models.Model):
    """A later deadline granted to one trainee."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="extensions")
    enrollment = models.ForeignKey("courses.Enrollment", on_delete=models.CASCADE, related_name="+")
    due_at = models.DateTimeField(_("new deadline"))
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("extension")
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "enrollment"], name="assessments_extension_once"
            ),
        ]

    def __str__(self):
        return f"{self.assignment} — {self.enrollment}: {self.due_at:%d.%m.%Y}"
