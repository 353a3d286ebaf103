from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
    """The site's front page: who the centre is and where to start."""

    lead = models.TextField(_("lead paragraph"), blank=True)
    body = RichTextField(
        _("body"), blank=True, features=["h2", "h3", "bold", "italic", "link", "ol", "ul"]
    )

    content_panels = [*Page.content_panels, FieldPanel("lead"), FieldPanel("body")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        from lms.queues import queues_for

        context = super().get_context(request, *args, **kwargs)
        # Staff land here: what waits for them, with counts (lms.queues).
        context["queues"] = queues_for(request.user)
        return context

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")


@register_setting(icon="site")
class CentreSettings(BaseGenericSetting):
    """The training centre's particulars, shown in the layout and printed on documents."""

    name = models.CharField(_("name (Russian)"), max_length=255, default="")
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("email"), blank=True)
    signatory_name = models.CharField(_("signatory's name"), max_length=255, blank=True)
    signatory_position = models.CharField(_("signatory's position"), max_length=255, blank=True)

    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("name_en"), FieldPanel("short_name")], heading=_("Name")
        ),
        MultiFieldPanel(
            [FieldPanel("city"), FieldPanel("address"), FieldPanel("phone"), FieldPanel("email")],
            heading=_("Contacts"),
        ),
        MultiFieldPanel(
            [FieldPanel("signatory_name"), FieldPanel("signatory_position")], heading=_("Documents")
        ),
    ]

    class Meta:
        verbose_name = _("training centre")

    @property
    def display_name(self) -> str:
        """The name in the interface language, falling back to Russian."""
        if (get_language() or "ru").startswith("en") and self.name_en:
            return self.name_en
        return self.name or str(_("Restorative mediation training centre"))
