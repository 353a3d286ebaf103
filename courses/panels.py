from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel


class ModuleHoursPanel(Panel):
    """Shows editors the modules' hours beside the program's total, mismatch highlighted."""

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", _("Hours of the modules"))
        super().__init__(**kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "courses/panels/module_hours.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            program = self.instance
            modules = program.module_hours_total() if program.pk else 0
            context.update(
                modules=modules, total=program.total_hours, matches=modules == program.total_hours
            )
            return context
