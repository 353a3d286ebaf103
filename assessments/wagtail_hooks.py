from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from assessments.models import Assignment, Rubric


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


class AssignmentViewSet(SnippetViewSet):
    model = Assignment
    icon = "tasks"
    menu_label = _("Assignments")
    menu_order = 221
    add_to_admin_menu = True
    list_display = ["title", "kind", "module", "due_days", "max_score"]
    list_filter = ["kind", "counts_toward_completion"]
    search_fields = ["title"]


register_snippet(AssignmentViewSet)


@hooks.register("register_log_actions")
def register_grading_log_actions(actions):
    actions.register_action("assessments.grade.save", _("Grade"), _("Grade saved"))
    actions.register_action(
        "assessments.grade.moderation_request", _("Moderation"), _("Moderation requested")
    )
    actions.register_action("assessments.grade.moderated", _("Moderation"), _("Grade moderated"))
    actions.register_action("assessments.grade.release", _("Release"), _("Grade released"))
    actions.register_action("assessments.extension.grant", _("Extension"), _("Deadline extended"))
    actions.register_action("assessments.deadline.set", _("Deadline"), _("Cohort deadline set"))
    actions.register_action(
        "assessments.submission.return", _("Return"), _("Returned for revision")
    )


@hooks.register("register_log_actions")
def register_roleplay_log_actions(actions):
    actions.register_action("assessments.roleplay.plan", _("Role-play"), _("Role-play planned"))
    actions.register_action(
        "assessments.roleplay.cast", _("Role-play"), _("Role-play roles assigned")
    )
    actions.register_action("assessments.roleplay.hold", _("Role-play"), _("Role-play held"))
