from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = _("Assessments")

    def ready(self):
        from assessments.dashboard import assignments_section
        from modules.dashboard import register_section

        register_section(template="assessments/dashboard_section.html", context=assignments_section)
