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
