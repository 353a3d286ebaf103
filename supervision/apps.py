from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisionConfig(AppConfig):
    name = "supervision"
    verbose_name = _("Supervision and practice")

    def ready(self):
        from django.db.models.signals import post_save

        from courses import calendar, completion
        from courses.models import Enrollment
        from lms.accounts.particulars import register_dependent
        from lms.navigation import NavItem, register
        from lms.roles import Role
        from modules.dashboard import register_section
        from supervision.calendar import session_events
        from supervision.dashboard import requirements_section
        from supervision.permissions import may_see_report
        from supervision.progress import supervision_requirement, supervision_requirement_many
        from supervision.receivers import enrollment_saved

        # Late joiners are put on the cohort's planned sessions when they are approved.
        post_save.connect(
            enrollment_saved, sender=Enrollment, dispatch_uid="supervision-enrollment"
        )

        # Practice entries count for the territory of their author's services.
        register_dependent(lambda user: user.practice_entries.exists())
        completion.register(
            "supervision", supervision_requirement, many=supervision_requirement_many
        )
        calendar.register_source("supervision", session_events)
        register_section(
            template="supervision/dashboard_section.html", context=requirements_section
        )
        register(
            NavItem(
                key="supervision",
                label=_("Supervision"),
                url_name="supervision_sessions",
                order=45,
                roles=frozenset(
                    {Role.TRAINEE, Role.TRAINER, Role.SUPERVISOR, Role.REGISTRAR, Role.CURATOR}
                ),
                group="supervision",
            )
        )
        register(
            NavItem(
                key="practice",
                label=_("Practice log"),
                url_name="practice_log",
                order=46,
                roles=frozenset({Role.TRAINEE, Role.SUPERVISOR}),
                group="supervision",
            )
        )
        register(
            NavItem(
                key="monitoring",
                label=_("Monitoring"),
                url_name="monitoring_report",
                order=60,
                visible=may_see_report,
                group="centre",
            )
        )
