from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from supervision.models import ProgramRequirements, ReconciliationService
from supervision.permissions import requirements_policy, service_policy

register_permission_policy(ProgramRequirements, requirements_policy)
register_permission_policy(ReconciliationService, service_policy)


class RequirementsViewSet(ModelViewSet):
    model = ProgramRequirements
    icon = "tasks"
    menu_label = _("Practice requirements")
    menu_order = 230
    add_to_admin_menu = True
    list_display = [
        "program",
        "supervision_hours",
        "min_attendance_percent",
        "min_practice_entries",
    ]
    form_fields = [
        "program",
        "supervision_hours",
        "hours_from_module",
        "min_attendance_percent",
        "min_practice_entries",
    ]


class ServiceViewSet(ModelViewSet):
    model = ReconciliationService
    icon = "site"
    menu_label = _("Reconciliation services")
    menu_order = 240
    add_to_admin_menu = True
    list_display = ["organisation", "kind", "territory"]
    list_filter = ["kind", "territory"]
    search_fields = ["organisation"]
    form_fields = ["kind", "organisation", "territory"]


@hooks.register("register_admin_viewset")
def register_requirements_viewset():
    return RequirementsViewSet("practice_requirements")


@hooks.register("register_admin_viewset")
def register_service_viewset():
    return ServiceViewSet("reconciliation_services")


@hooks.register("register_log_actions")
def register_supervision_log_actions(actions):
    actions.register_action("supervision.session.create", _("Session"), _("Session planned"))
    actions.register_action("supervision.session.change", _("Session"), _("Session changed"))
    actions.register_action("supervision.session.join", _("Sign-up"), _("Signed up for a session"))
    actions.register_action(
        "supervision.participant.add", _("Participant"), _("Participant added to a session")
    )
    actions.register_action(
        "supervision.participant.remove",
        _("Participant"),
        _("Participant removed from a session"),
    )
    actions.register_action("supervision.attendance.mark", _("Attendance"), _("Attendance marked"))
    actions.register_action("supervision.reflection.save", _("Reflection"), _("Reflection written"))
    actions.register_action(
        "supervision.practice.create", _("Practice"), _("Practice entry created")
    )
    actions.register_action(
        "supervision.practice.change", _("Practice"), _("Practice entry changed")
    )
    actions.register_action("supervision.practice.submit", _("Practice"), _("Sent for sign-off"))
    actions.register_action(
        "supervision.practice.sign", _("Sign-off"), _("Practice entry signed off")
    )
    actions.register_action(
        "supervision.practice.return", _("Return"), _("Practice entry returned")
    )
    actions.register_action(
        "supervision.practice.took_part", _("Co-mediator"), _("Co-mediator confirmed taking part")
    )
    actions.register_action(
        "supervision.practice.declined", _("Co-mediator"), _("Co-mediator declined")
    )
    actions.register_action(
        "supervision.service.create", _("Reconciliation service"), _("Service added")
    )
