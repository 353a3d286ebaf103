"""Reusable rubrics: criteria, each with levels that carry points and a descriptor."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index


class LevelBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("level"), max_length=100)
    points = blocks.DecimalBlock(label=_("points"), min_value=0, max_digits=5, decimal_places=1)
    descriptor = blocks.TextBlock(label=_("what it looks like"), required=False)


class CriterionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("criterion"), max_length=200)
    description = blocks.TextBlock(label=_("description"), required=False)
    levels = blocks.ListBlock(LevelBlock(), label=_("levels"), min_num=2)

    class Meta:
        icon = "list-ul"
        label = _("Criterion")


class Rubric(index.Indexed, models.Model):
    """A grading rubric. Grades keep the criterion ids and points they were given with."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)
    criteria = StreamField([("criterion", CriterionBlock())], verbose_name=_("criteria"), min_num=1)

    panels = [FieldPanel("name"), FieldPanel("description"), FieldPanel("criteria")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("rubric")
        verbose_name_plural = _("rubrics")

    def __str__(self):
        return self.name

    def clean(self):
        for block in self.criteria:
            points = [level["points"] for level in block.value["levels"]]
            if len(set(points)) != len(points):
                raise ValidationError(
                    {
                        "criteria": _(
                            "Within a criterion each level needs different points: %(title)s."
                        )
                        % {"title": block.value["title"]}
                    }
                )

    @property
    def max_points(self):
        from assessments.scoring import rubric_max

        return rubric_max(self)
