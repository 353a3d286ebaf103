from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModulesConfig(AppConfig):
    name = "modules"
    verbose_name = _("Modules and lessons")

    def ready(self):
        from courses import completion
        from lms.navigation import NavItem, register
        from lms.roles import Role
        from modules.requirements import lessons_completed, lessons_completed_many

        completion.register("lessons", lessons_completed, many=lessons_completed_many)
        register(
            NavItem(
                key="learning",
                label=_("My learning"),
                url_name="learning_dashboard",
                order=20,
                group="learning",
            )
        )
        register(
            NavItem(
                key="my_cohorts",
                label=_("My cohorts"),
                url_name="my_cohorts",
                order=30,
                roles=frozenset({Role.TRAINER, Role.SUPERVISOR, Role.REGISTRAR}),
                group="teaching",
            )
        )
