from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class AccountsConfig(AppConfig):
    default = True  # apps.py also holds UsersAdminConfig below
    name = "lms.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from django.utils.module_loading import autodiscover_modules

        # Each app's personal_data.py declares what it keeps about people (lms.privacy).
        autodiscover_modules("personal_data")
        # Each app's queues.py declares the waiting work of its staff (lms.queues).
        autodiscover_modules("queues")
        import lms.accounts.receivers
        import lms.audit  # noqa: F401 - connects the audit log's signal receivers
        from lms.navigation import NavItem, register

        # No "Home" entry: the centre's name at the left of the header leads home.
        register(
            NavItem(
                key="admin",
                label=_("Site administration"),
                url_name="wagtailadmin_home",
                order=900,
                group="centre",
                visible=lambda user: user.has_perm("wagtailadmin.access_admin"),
            )
        )
        register(
            NavItem(
                key="profile",
                label=_("My profile"),
                url_name="profile",
                order=950,
                group="account",
            )
        )
        register(
            NavItem(
                key="my_data", label=_("My data"), url_name="my_data", order=960, group="account"
            )
        )
        register(
            NavItem(
                key="privacy",
                label=_("Personal data"),
                url_name="privacy_people",
                order=880,
                roles=frozenset({"registrar"}),
                group="centre",
            )
        )
        register(
            NavItem(
                key="audit",
                label=_("Audit log"),
                url_name="audit_log",
                order=890,
                roles=frozenset({"registrar", "trainer", "supervisor", "curator"}),
                # Beside the name: for most it holds their own actions and reads of their work.
                group="account",
            )
        )


class UsersAdminConfig(WagtailUsersAppConfig):
    """Wagtail's user admin, with forms that include our user model's fields."""

    user_viewset = "lms.accounts.viewsets.UserViewSet"
