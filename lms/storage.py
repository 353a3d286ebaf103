"""Storage for private uploads (consent scans, submissions): never under a public URL.

Files here are served only by views that check permissions first. Models take the
callable ``private_storage`` so migrations do not record a machine-specific path.
"""

from functools import cache

from django.conf import settings
from django.core.files.storage import FileSystemStorage


@cache
def _storage_for(location: str) -> FileSystemStorage:
    return FileSystemStorage(location=location, base_url=None)


def private_storage() -> FileSystemStorage:
    return _storage_for(str(settings.PRIVATE_MEDIA_ROOT))
