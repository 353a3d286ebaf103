"""Image files go through this view, so a lesson's images are as private as the lesson.

Documents go through Wagtail's view, its ``before_serve_document`` hook (wagtail_hooks.py)
and ``lms.files.sendfile``; both end in nginx sending the file when it is configured.
"""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.views.decorators.http import require_GET
from wagtail.images import get_image_model

from lms.files import media_file_response
from modules.media_access import is_public, may_download

IMAGE_PREFIXES = ("images/", "original_images/")


def _image_for(path: str):
    Image = get_image_model()
    image = Image.objects.filter(file=path).first()
    if image is not None:
        return image, image.file
    rendition = (
        Image.get_rendition_model().objects.filter(file=path).select_related("image").first()
    )
    if rendition is not None:
        return rendition.image, rendition.file
    raise Http404


@require_GET
def image_file(request, path: str):
    # Only names recorded in the database are served: nothing of the URL reaches the disk.
    if not path.startswith(IMAGE_PREFIXES) or ".." in path or "\x00" in path:
        raise Http404
    image, file = _image_for(path)
    if not may_download(request.user, image):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise PermissionDenied
    # nginx sends the file when LMS_X_ACCEL_MEDIA_PREFIX names its internal location.
    cache_control = "public, max-age=86400" if is_public(image) else "private, max-age=3600"
    return media_file_response(file, cache_control=cache_control)
