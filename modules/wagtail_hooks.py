from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseForbidden
from wagtail import hooks

from modules.media_access import may_download


@hooks.register("before_serve_document")
def protect_lesson_documents(document, request):
    if may_download(request.user, document):
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return HttpResponseForbidden()


@hooks.register("before_bulk_action")
def refuse_bulk_publishing_modules_over_their_program(request, action_type, objects, action):
    """Bulk publishing must not slip past ModulePageForm's check."""
    from courses.hours import refuse_bulk_publishing
    from courses.tree import program_of
    from modules.forms import hours_over_program
    from modules.models import ModulePage

    if action_type != "publish":
        return None
    over = [
        page.specific.title
        for page in objects
        if isinstance(page.specific, ModulePage)
        # What bulk publishing makes live: the latest draft's hours.
        and hours_over_program(
            page.specific,
            page.specific.get_latest_revision_as_object().total_hours,
            program_of(page),
        )
    ]
    if not over:
        return None
    return refuse_bulk_publishing(request, over)
