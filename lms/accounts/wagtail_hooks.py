from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component

# Wagtail builds "Add <model>" from the nominative ("Добавить группа"); our catalogue gives
# the phrase a form that reads right for any noun. Kept here so makemessages sees it.
ADD_ITEM = _("Add %(model_name)s")


@hooks.register("register_log_actions")
def register_privacy_actions(actions):
    actions.register_action("lms.consent.give", _("Consent"), _("Consent given"))
    actions.register_action("lms.consent.withdraw", _("Consent"), _("Consent withdrawn"))
    actions.register_action("lms.privacy.export", _("Data export"), _("Personal data exported"))
    actions.register_action("lms.privacy.erase", _("Erasure"), _("Personal data erased"))
    actions.register_action("lms.read", _("Read"), _("Confidential item opened"))
    actions.register_action("lms.roles.change", _("Roles"), _("Roles changed"))
    actions.register_action(
        "lms.particulars.request", _("Particulars"), _("Change of particulars requested")
    )
    actions.register_action(
        "lms.particulars.confirm", _("Particulars"), _("Change of particulars confirmed")
    )
    actions.register_action(
        "lms.particulars.decline", _("Particulars"), _("Change of particulars declined")
    )
    actions.register_action("lms.scope.assign", _("Staff scope"), _("Territory assigned"))
    actions.register_action("lms.scope.remove", _("Staff scope"), _("Territory removed"))


class QueuesPanel(Component):
    """The admin's dashboard shows the same waiting work as the site's home page."""

    name = "lms_queues"
    order = 50
    template_name = "lms/admin/queues_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        from lms.queues import queues_for

        return {"queues": queues_for(self.user)}


@hooks.register("construct_homepage_panels")
def add_queues_panel(request, panels):
    panels.insert(0, QueuesPanel(request.user))
