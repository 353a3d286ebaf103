from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from assessments.models import Rubric


class RubricViewSet(SnippetViewSet):
    model = Rubric
    icon = "table"
    menu_label = _("Rubrics")
    menu_order = 220
    add_to_admin_menu = True
    list_display = ["name"]
    search_fields = ["name"]


register_snippet(RubricViewSet)


@hooks.register("register_log_actions")
def register_submission_log_actions(actions):
    actions.register_action("assessments.submission.submit", _("Hand-in"), _("Work handed in"))
