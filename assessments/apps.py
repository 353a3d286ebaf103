from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = _("Assessments")

    def ready(self):
        from assessments.calendar import roleplay_events
        from assessments.dashboard import assignments_section
        from assessments.requirements import assessments_passed, assessments_passed_many
        from courses import calendar, completion

        completion.register("assessments", assessments_passed, many=assessments_passed_many)
        calendar.register_source("roleplays", roleplay_events)
        from modules.dashboard import register_section

        register_section(template="assessments/dashboard_section.html", context=assignments_section)

        from lms.navigation import NavItem, register
        from lms.roles import Role

        register(
            NavItem(
                key="grading",
                label=_("Grading"),
                url_name="grading_queue",
                order=35,
                roles=frozenset({Role.TRAINER}),
                group="teaching",
            )
        )
