from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable


class Delivery(models.TextChoices):
    CENTRE = "centre", _("At the regional centre")
    BRANCH = "branch", _("At a branch")
    ORGANISATION = "organisation", _("At the ordering organisation")
    ONLINE = "online", _("Online")


class CohortQuerySet(models.QuerySet):
    def open_for_applications(self):
        return self.filter(accepts_applications=True, ends_on__gte=timezone.localdate())

    def taught_by(self, user):
        return self.filter(Q(trainers=user) | Q(supervisors=user)).distinct()


class Cohort(ClusterableModel):
    """A group of trainees taking one program together, with its trainers and timetable."""

    program = models.ForeignKey(
        "courses.ProgramPage",
        verbose_name=_("program"),
        on_delete=models.PROTECT,
        related_name="cohorts",
    )
    name = models.CharField(_("name"), max_length=200)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    delivery = models.CharField(_("delivery"), max_length=20, choices=Delivery.choices)
    venue = models.CharField(_("venue"), max_length=255, blank=True)
    trainers = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trainers"),
        blank=True,
        related_name="cohorts_taught",
    )
    supervisors = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("supervisors"),
        blank=True,
        related_name="cohorts_supervised",
    )
    capacity = models.PositiveIntegerField(_("capacity"), default=20)
    accepts_applications = models.BooleanField(_("accepts applications"), default=True)

    objects = CohortQuerySet.as_manager()

    panels = [
        FieldPanel("program"),
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
        FieldRowPanel([FieldPanel("delivery"), FieldPanel("venue")]),
        FieldRowPanel([FieldPanel("capacity"), FieldPanel("accepts_applications")]),
        MultiFieldPanel([FieldPanel("trainers"), FieldPanel("supervisors")], heading=_("Staff")),
        InlinePanel("sessions", heading=_("Class sessions"), label=_("class session")),
    ]

    class Meta:
        ordering = ["-starts_on", "name"]
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")

    def __str__(self):
        return self.name

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The cohort cannot end before it starts.")})

    @property
    def is_open(self) -> bool:
        return self.accepts_applications and self.ends_on >= timezone.localdate()


class ClassSession(Orderable):
    """One class in a cohort's timetable: in a room or online."""

    cohort = ParentalKey(Cohort, on_delete=models.CASCADE, related_name="sessions")
    date = models.DateField(_("date"))
    starts_at = models.TimeField(_("starts at"))
    ends_at = models.TimeField(_("ends at"))
    place = models.CharField(_("place"), max_length=255, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    topic = models.CharField(_("topic"), max_length=255)
    module = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("module"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldPanel("topic"),
        FieldRowPanel([FieldPanel("place"), FieldPanel("online_url")]),
        FieldPanel("module"),
    ]

    class Meta(Orderable.Meta):
        ordering = ["date", "starts_at"]
        verbose_name = _("class session")
        verbose_name_plural = _("class sessions")

    def __str__(self):
        return f"{self.date:%d.%m.%Y} {self.starts_at:%H:%M} {self.topic}"

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("A class must end after it starts.")})
