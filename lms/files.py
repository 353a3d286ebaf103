"""Handing out private files once a view has checked who may have them.

Three ways, chosen by configuration rather than by each view: the app streams the file
(development, tests); nginx streams it on an ``X-Accel-Redirect`` to an internal location
(production with files on disk, ``LMS_X_ACCEL_REDIRECT_PREFIX``); or the browser is sent to a
signed link valid for a minute (S3-compatible storage).
"""

from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.utils.http import content_disposition_header


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
    elif prefix := getattr(settings, "LMS_X_ACCEL_REDIRECT_PREFIX", ""):
        if not storage.exists(fieldfile.name):
            raise Http404
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + quote(fieldfile.name)
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
