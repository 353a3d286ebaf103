"""Handing out files once a view has checked who may have them.

Three ways, chosen by configuration rather than by each view: the app streams the file
(development, tests); nginx streams it on an ``X-Accel-Redirect`` to an internal location
(production with files on disk); or the browser is sent to a signed link valid for a minute
(S3-compatible storage).

Two internal locations, one per folder on disk (deploy/nginx/mediator-lms.conf):
``LMS_X_ACCEL_REDIRECT_PREFIX`` for PRIVATE_MEDIA_ROOT (hand-ins, certificates, consent
scans) and ``LMS_X_ACCEL_MEDIA_PREFIX`` for MEDIA_ROOT (Wagtail's documents and images,
which lessons make as private as themselves). Wagtail's document view reaches ``sendfile``
below through ``SENDFILE_BACKEND``.
"""

import mimetypes
import os
from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.utils.http import content_disposition_header


def _internal_roots() -> list[tuple[str, str]]:
    """(folder on disk, nginx's internal location for it), for the locations configured."""
    pairs = (
        (settings.PRIVATE_MEDIA_ROOT, getattr(settings, "LMS_X_ACCEL_REDIRECT_PREFIX", "")),
        (settings.MEDIA_ROOT, getattr(settings, "LMS_X_ACCEL_MEDIA_PREFIX", "")),
    )
    return [(os.path.abspath(root), prefix) for root, prefix in pairs if prefix]


def accel_redirect_uri(path: str) -> str | None:
    """The internal URI under which nginx sends the file at ``path`` (absolute), or None if
    no internal location covers its folder and the app must send it itself."""
    path = os.path.abspath(path)
    for root, prefix in _internal_roots():
        if os.path.commonpath([root, path]) == root and path != root:
            relative = os.path.relpath(path, root).replace(os.sep, "/")
            return prefix.rstrip("/") + "/" + quote(relative)
    return None


def _accel_uri_for(fieldfile) -> str | None:
    storage = fieldfile.storage
    if not isinstance(storage, FileSystemStorage):
        return None
    return accel_redirect_uri(storage.path(fieldfile.name))


def _accel_response(uri: str, *, content_type: str) -> HttpResponse:
    # nginx keeps Content-Type, Content-Disposition and Cache-Control from this response and
    # adds the security headers itself (the internal locations in the nginx site).
    response = HttpResponse(content_type=content_type)
    response["X-Accel-Redirect"] = uri
    return response


def private_file_response(
    fieldfile, *, filename: str, content_type: str, as_attachment: bool = True
) -> HttpResponse:
    storage = fieldfile.storage
    disposition = content_disposition_header(as_attachment, filename)
    if not isinstance(storage, FileSystemStorage):
        url = storage.url(
            fieldfile.name,
            parameters={
                "ResponseContentDisposition": disposition,
                "ResponseContentType": content_type,
            },
        )
        response = HttpResponseRedirect(url)
    elif uri := _accel_uri_for(fieldfile):
        if not storage.exists(fieldfile.name):
            raise Http404
        response = _accel_response(uri, content_type=content_type)
        response["Content-Disposition"] = disposition
    else:
        try:
            handle = fieldfile.open("rb")
        except FileNotFoundError as error:
            raise Http404 from error
        response = FileResponse(
            handle, as_attachment=as_attachment, filename=filename, content_type=content_type
        )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def media_file_response(fieldfile, *, cache_control: str) -> HttpResponse:
    """An image (or rendition) shown inline, after the view's permission check."""
    uri = _accel_uri_for(fieldfile)
    if uri is not None:
        if not fieldfile.storage.exists(fieldfile.name):
            raise Http404
        content_type = mimetypes.guess_type(fieldfile.name)[0] or "application/octet-stream"
        response = _accel_response(uri, content_type=content_type)
    else:
        try:
            response = FileResponse(fieldfile.open("rb"))
        except FileNotFoundError as error:
            raise Http404 from error
    response["Cache-Control"] = cache_control
    response["X-Content-Type-Options"] = "nosniff"
    return response


def sendfile(request, filename, **kwargs):
    """Wagtail's document view (SENDFILE_BACKEND): nginx sends files it has a location for.

    Wagtail has run its ``before_serve_document`` hooks (the permission check) before this,
    and sets the download name and type on whatever is returned.
    """
    uri = accel_redirect_uri(filename)
    if uri is None:
        from wagtail.utils.sendfile_streaming_backend import sendfile as stream

        return stream(request, filename, **kwargs)
    return _accel_response(uri, content_type=kwargs.get("mimetype") or "application/octet-stream")
