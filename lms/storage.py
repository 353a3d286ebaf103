"""Storage for private uploads (consent scans, submissions, certificates): never a public URL.

Files here are served only by views that check permissions first (`lms.files`). Models take
the callable ``private_storage`` so migrations do not record a machine-specific path. With
``LMS_S3`` configured, private files go to an S3-compatible bucket (django-storages) under
their own prefix, private ACL, and are only ever handed out as short-lived signed links.
"""

from functools import cache

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage


class PrivateFileSystemStorage(FileSystemStorage):
    """Files on disk that have no URL at all: a template asking for one is a bug, not a leak."""

    def url(self, name):
        raise ValueError("Private files have no public URL; serve them through a checked view.")


@cache
def _storage_for(location: str) -> FileSystemStorage:
    return PrivateFileSystemStorage(location=location)


@cache
def _s3_storage(options: tuple) -> Storage:
    from storages.backends.s3 import S3Storage

    return S3Storage(**dict(options))


def private_storage() -> Storage:
    s3 = getattr(settings, "LMS_S3", None)
    if s3:
        return _s3_storage(tuple(sorted({**s3, "location": "private"}.items())))
    return _storage_for(str(settings.PRIVATE_MEDIA_ROOT))
