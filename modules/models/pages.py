from django.core.exceptions import PermissionDenied
from django.db import models
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from modules.blocks import LessonBodyBlock
from modules.forms import ModulePageForm


class ModulePage(Page):
    """A module of a program. Its page is public; its lessons are not."""

    number = models.PositiveSmallIntegerField(_("number"))
    contact_hours = models.PositiveIntegerField(_("contact hours"), default=0)
    self_study_hours = models.PositiveIntegerField(_("self-study hours"), default=0)
    supervision_hours = models.PositiveIntegerField(_("supervision hours"), default=0)
    outcomes = models.TextField(_("learning outcomes"), blank=True, help_text=_("One per line."))
    requires_previous = models.BooleanField(
        _("opens after the previous module is completed"), default=False
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("number"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("contact_hours"),
                        FieldPanel("self_study_hours"),
                        FieldPanel("supervision_hours"),
                    ]
                )
            ],
            heading=_("Hours"),
        ),
        FieldPanel("outcomes"),
        FieldPanel("requires_previous"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("outcomes")]
    parent_page_types = ["courses.ProgramPage"]
    subpage_types = ["modules.LessonPage"]
    base_form_class = ModulePageForm

    class Meta:
        verbose_name = _("module")
        verbose_name_plural = _("modules")

    @property
    def total_hours(self) -> int:
        return self.contact_hours + self.self_study_hours + self.supervision_hours

    @property
    def outcome_list(self) -> list[str]:
        return [line.strip() for line in self.outcomes.splitlines() if line.strip()]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Titles only: the catalogue may show what a module covers, not the lessons themselves.
        context["lessons"] = (
            LessonPage.objects.child_of(self).live().only("title", "duration_minutes")
        )
        return context


class LessonPage(Page):
    """A lesson: for the cohort's trainees, their trainers and the centre's staff only."""

    duration_minutes = models.PositiveSmallIntegerField(_("duration, minutes"), default=45)
    body = StreamField(LessonBodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("duration_minutes"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("body")]
    parent_page_types = ["modules.ModulePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")

    def serve(self, request, *args, **kwargs):
        from modules.access import lesson_access

        if not request.user.is_authenticated:
            return redirect(f"{reverse('account_login')}?next={request.path}")
        access = lesson_access(user=request.user, lesson=self)
        if not access.allowed:
            raise PermissionDenied
        if access.enrollment is not None:
            from modules.progress import progress_for
            from modules.services import lesson_record_visit

            progress = progress_for([access.enrollment])[access.enrollment.pk]
            module = progress.module_of(self)
            if module is not None and module.locked:
                raise PermissionDenied
            lesson_record_visit(enrollment=access.enrollment, lesson=self)
            request.lesson_progress = progress  # reused by get_context
        request.lesson_access = access
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from modules.selectors import lesson_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(lesson_page_context(lesson=self, request=request))
        return context
