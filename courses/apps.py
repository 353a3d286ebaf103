from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Programs and cohorts")

    def ready(self):
        from lms.navigation import NavItem, register

        register(
            NavItem(
                key="catalogue", label=_("Programs"), url_name="catalogue", order=10, anonymous=True
            )
        )
        register(NavItem(key="calendar", label=_("Calendar"), url_name="calendar", order=40))
        from lms.roles import Role

        register(
            NavItem(
                key="register",
                label=_("Document register"),
                url_name="certificate_register",
                order=50,
                roles=frozenset({Role.REGISTRAR}),
            )
        )
