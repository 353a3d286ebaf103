"""The public catalogue: an index of programs, each a Wagtail page with modules below it."""

from django.db import models
from django.db.models import Count, Min, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from courses.forms import ProgramPageForm
from courses.panels import ModuleHoursPanel

TEXT_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul"]


class Audience(models.TextChoices):
    SCHOOL_SPECIALISTS = "school_specialists", _("School specialists")
    PREVENTION_STAFF = "prevention_staff", _("Prevention-system staff")
    PRINCIPALS = "principals", _("School principals")
    TEACHERS = "teachers", _("Teachers")
    STUDENT_VOLUNTEERS = "student_volunteers", _("Student volunteers")


class ProgramFormat(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    BLENDED = "blended", _("Blended")
    DISTANCE = "distance", _("Distance")


class FinalDocument(models.TextChoices):
    ADVANCED_TRAINING = "advanced_training", _("Certificate of advanced training")
    COMPLETION = "completion", _("Certificate of completion")
    PARTICIPATION = "participation", _("Certificate of participation")


class ProgramIndexPage(Page):
    intro = RichTextField(_("introduction"), blank=True, features=TEXT_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["courses.ProgramPage"]
    max_count = 1

    class Meta:
        verbose_name = _("program catalogue")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        today = timezone.localdate()
        open_cohorts = Q(cohorts__accepts_applications=True, cohorts__ends_on__gte=today)
        context["programs"] = (
            ProgramPage.objects.child_of(self)
            .live()
            .public()
            .annotate(
                open_cohort_count=Count("cohorts", filter=open_cohorts, distinct=True),
                next_start=Min("cohorts__starts_on", filter=open_cohorts),
            )
            .order_by("path")
        )
        return context


class ProgramPage(Page):
    """A program of additional professional education (ДПО): 254, 72, 36 or 8 hours."""

    code = models.CharField(_("code"), max_length=30, unique=True)
    audience = models.CharField(_("audience"), max_length=30, choices=Audience.choices)
    total_hours = models.PositiveIntegerField(_("total hours"))
    format = models.CharField(_("format"), max_length=20, choices=ProgramFormat.choices)
    final_document = models.CharField(
        _("final document"), max_length=30, choices=FinalDocument.choices
    )
    summary = models.TextField(_("summary"), max_length=600, help_text=_("Shown in the catalogue."))
    description = RichTextField(_("description"), blank=True, features=TEXT_FEATURES)
    completion_requirements = RichTextField(
        _("completion requirements"), blank=True, features=TEXT_FEATURES
    )
    hours_illustrative = models.BooleanField(
        _("module hours are illustrative"),
        default=False,
        help_text=_("Say so on the page when the per-module hours are not the official ones."),
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("code"),
                FieldPanel("audience"),
                FieldPanel("format"),
                FieldPanel("final_document"),
                FieldPanel("total_hours"),
                ModuleHoursPanel(),
                FieldPanel("hours_illustrative"),
            ],
            heading=_("Program"),
        ),
        FieldPanel("summary"),
        FieldPanel("description"),
        FieldPanel("completion_requirements"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("code"),
        index.SearchField("summary"),
        index.SearchField("description"),
        index.FilterField("audience"),
    ]
    base_form_class = ProgramPageForm
    parent_page_types = ["courses.ProgramIndexPage"]
    subpage_types = ["modules.ModulePage"]

    class Meta:
        verbose_name = _("program")
        verbose_name_plural = _("programs")

    @property
    def requires_guardian_consent(self) -> bool:
        """Programs for student volunteers enrol minors: a guardian must consent."""
        return self.audience == Audience.STUDENT_VOLUNTEERS

    def module_hours_total(self) -> int:
        """Sum of the hours of the module pages below (draft or live)."""
        # Modules live in the `modules` app, which builds on this one: read them generically.
        return sum(getattr(child, "total_hours", 0) for child in self.get_children().specific())

    def get_context(self, request, *args, **kwargs):
        from courses.selectors import program_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(program_page_context(program=self, user=request.user))
        return context
