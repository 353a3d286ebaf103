"""Upload checks shared by every form that accepts files: size and real type (by content)."""

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

# Magic numbers of the types we accept; the browser's content type is not trusted.
SIGNATURES = {
    "application/pdf": (b"%PDF-",),
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "application/zip": (b"PK\x03\x04",),  # DOCX and XLSX are ZIP containers
}


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# The extension a file of each type (as found by content) is stored and handed out with.
EXTENSIONS = {
    "application/pdf": "pdf",
    "image/jpeg": "jpg",
    "image/png": "png",
    DOCX: "docx",
}


def sniff(upload) -> str | None:
    head = upload.read(16)
    upload.seek(0)
    for mime, signatures in SIGNATURES.items():
        if any(head.startswith(sig) for sig in signatures):
            return mime
    return None


def docx_or_zip(upload) -> str | None:
    """A ZIP that is a Word document (it holds word/document.xml), else None."""
    import zipfile

    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        return None
    finally:
        upload.seek(0)
    return "docx" if "word/document.xml" in names else None


def validate_upload(upload, *, allowed: dict[str, str], max_bytes: int | None = None):
    """Refuse files that are too large or whose content is not one of ``allowed`` types."""
    limit = max_bytes or settings.LMS_MAX_UPLOAD_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("The file is too large (%(size)s); the limit is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
        )
    if sniff(upload) not in allowed:
        raise ValidationError(
            _("This file type is not accepted. Upload one of: %(types)s.")
            % {"types": ", ".join(sorted(set(allowed.values()))).upper()}
        )
    return upload


def display_name(name: str, content_type: str, *, max_length: int = 200) -> str:
    """The sender's file name, for downloads, ending in the extension of the type found by
    content: a PDF named "x.html" becomes "x.pdf". A file that is both a PDF and a page
    (a polyglot) would otherwise be saved as .html and opened by a browser as a page.
    """
    extension = EXTENSIONS.get(content_type, "bin")
    try:
        name = get_valid_filename(name)
    except SuspiciousFileOperation:  # nothing usable left, e.g. ".."
        name = ""
    stem = name.rpartition(".")[0] if "." in name else name
    stem = stem.rstrip(".")[: max_length - len(extension) - 1] or "file"
    return f"{stem}.{extension}"
