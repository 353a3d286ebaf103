from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Programs and cohorts")

    def ready(self):
        from courses.enrollment_roles import ENROLLMENT_ROLES, roles_from_enrollments
        from courses.models.enrollment import ACTIVE_STATUSES
        from lms.accounts.particulars import register_dependent
        from lms.navigation import NavItem, register, register_role_source

        # An application or enrollment was decided on the person's territory and age.
        register_dependent(
            lambda user: user.enrollments.filter(status__in=ACTIVE_STATUSES).exists()
        )

        # The menu follows approved enrollments even where the group is missing (imports and
        # approvals made before approval gave the role).
        register_role_source(roles=ENROLLMENT_ROLES, source=roles_from_enrollments)
        register(
            NavItem(
                key="catalogue", label=_("Programs"), url_name="catalogue", order=10, anonymous=True
            )
        )
        register(
            NavItem(
                key="calendar",
                label=_("Calendar"),
                url_name="calendar",
                order=40,
                group="learning",
            )
        )
        from lms.roles import Role

        register(
            NavItem(
                key="register",
                label=_("Document register"),
                url_name="certificate_register",
                order=50,
                roles=frozenset({Role.REGISTRAR}),
                group="centre",
            )
        )
