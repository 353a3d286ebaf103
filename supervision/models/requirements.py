from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel


class ProgramRequirements(models.Model):
    """What a program asks beyond lessons and assignments: supervision, attendance, practice."""

    program = models.OneToOneField(
        "courses.ProgramPage",
        verbose_name=_("program"),
        on_delete=models.CASCADE,
        related_name="supervision_requirements",
    )
    supervision_hours = models.DecimalField(
        _("supervision and intervision hours"),
        max_digits=5,
        decimal_places=1,
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(500)],
    )
    hours_from_module = models.PositiveSmallIntegerField(
        _("hours count from module"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
        help_text=_("Sessions count once the cohort's classes of this module have begun."),
    )
    min_attendance_percent = models.PositiveSmallIntegerField(
        _("minimum attendance of classes and seminars, %"),
        default=0,
        validators=[MaxValueValidator(100)],
    )
    min_practice_entries = models.PositiveSmallIntegerField(
        _("minimum signed practice entries"), default=0, validators=[MaxValueValidator(200)]
    )

    panels = [
        FieldPanel("program"),
        FieldRowPanel([FieldPanel("supervision_hours"), FieldPanel("hours_from_module")]),
        FieldRowPanel([FieldPanel("min_attendance_percent"), FieldPanel("min_practice_entries")]),
    ]

    class Meta:
        verbose_name = _("practice and supervision requirements")
        verbose_name_plural = _("practice and supervision requirements")

    def __str__(self):
        return str(self.program)
