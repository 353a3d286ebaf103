from django.urls import include, path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from courses import admin_views
from courses.hours import refuse_bulk_publishing
from courses.models import Cohort, ProgramPage
from courses.permissions import cohort_admin_policy, cohort_policy


class CohortViewSet(ModelViewSet):
    model = Cohort
    icon = "group"
    menu_label = _("Cohorts")
    menu_order = 200
    add_to_admin_menu = True
    # "Да"/"Нет", not the "True"/"False" a plain field (or Wagtail's tick's hidden text) shows.
    list_display = [
        "name",
        "program",
        "starts_on",
        "ends_on",
        "capacity",
        Column(
            "accepts_applications",
            label=_("Accepts applications"),
            accessor=lambda cohort: (
                gettext("Yes") if cohort.accepts_applications else gettext("No")
            ),
        ),
    ]
    list_filter = ["delivery", "accepts_applications"]
    search_fields = ["name"]


register_permission_policy(Cohort, cohort_admin_policy)


@hooks.register("register_admin_viewset")
def register_cohort_viewset():
    return CohortViewSet("cohorts")


admin_urls = (
    [
        path("", admin_views.overview, name="overview"),
        path("cohort/<int:cohort_id>/", admin_views.cohort_enrollments, name="cohort"),
        path("decide/<int:enrollment_id>/", admin_views.decide, name="decide"),
        path("consent/<int:enrollment_id>/", admin_views.consent, name="consent"),
        path("cohort/<int:cohort_id>/import/", admin_views.bulk_import, name="import"),
    ],
    "courses_admin",
)


@hooks.register("register_admin_urls")
def register_enrollment_urls():
    return [path("enrollment/", include(admin_urls))]


class RegistrarMenuItem(MenuItem):
    def is_shown(self, request):
        return cohort_policy.user_has_permission(request.user, "change")


@hooks.register("register_admin_menu_item")
def register_enrollment_menu_item():
    return RegistrarMenuItem(
        _("Applications"), reverse("courses_admin:overview"), icon_name="user", order=210
    )


@hooks.register("register_log_actions")
def register_enrollment_log_actions(actions):
    actions.register_action("courses.enrollment.apply", _("Application"), _("Applied to a cohort"))
    actions.register_action("courses.enrollment.approved", _("Approval"), _("Enrollment approved"))
    actions.register_action(
        "courses.enrollment.waitlisted", _("Waiting list"), _("Put on the waiting list")
    )
    actions.register_action("courses.enrollment.declined", _("Decline"), _("Application declined"))
    actions.register_action(
        "courses.enrollment.import", _("Bulk enrollment"), _("Enrolled from a staff list")
    )
    actions.register_action(
        "courses.enrollment.withdraw", _("Withdrawal"), _("Withdrew from the cohort")
    )
    actions.register_action(
        "courses.consent.record", _("Consent"), _("Guardian's consent recorded")
    )
    actions.register_action(
        "courses.attendance.mark", _("Attendance"), _("Class attendance marked")
    )
    actions.register_action("courses.certificate.issue", _("Document"), _("Document issued"))
    actions.register_action("courses.certificate.revoke", _("Revocation"), _("Document revoked"))
    actions.register_action("courses.certificate.reissue", _("Reissue"), _("Document reissued"))


@hooks.register("before_bulk_action")
def refuse_bulk_publishing_unbalanced_programs(request, action_type, objects, action):
    """The page form refuses a mismatch on publish; bulk publishing must not slip past it."""
    if action_type != "publish":
        return None
    unbalanced = [
        page.specific.title
        for page in objects
        if isinstance(page.specific, ProgramPage)
        and page.specific.module_hours_total() != page.specific.total_hours
    ]
    if not unbalanced:
        return None
    return refuse_bulk_publishing(request, unbalanced)
