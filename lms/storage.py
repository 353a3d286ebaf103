"""Storage for private uploads (consent scans, submissions, certificates): never a public URL.

Files here are served only by views that check permissions first (`lms.files`). Models take
the callable ``private_storage`` so migrations do not record a machine-specific path. With
``LMS_S3`` configured, private files go to an S3-compatible bucket (django-storages) under
their own prefix, private ACL, and are only ever handed out as short-lived signed links.

Files and rows agree: a file is deleted only once the transaction that dropped its row has
committed (``delete_on_commit``), and while ``manage.py backup`` runs, deletions wait in a
list until it is done (``deletions_deferred``) so that every row in its database snapshot
still finds its file in the archive made after it.
"""

import logging
import os
import time
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import FileSystemStorage, Storage
from django.db import transaction

logger = logging.getLogger("lms.storage")

# A lock older than this is a backup that crashed, not one still running.
BACKUP_LOCK_MAX_AGE = 6 * 60 * 60


def _backup_lock() -> Path:
    return Path(settings.VAR_DIR) / "backup.lock"


def _deferred_list() -> Path:
    return Path(settings.VAR_DIR) / "backup-deferred-deletions.txt"


class BackupRunning(Exception):
    pass


def backup_running() -> bool:
    try:
        age = time.time() - _backup_lock().stat().st_mtime
    except FileNotFoundError:
        return False
    return age < BACKUP_LOCK_MAX_AGE


class DeferredDeletionMixin:
    """Deletes wait while a backup runs; everything else is FileSystemStorage's."""

    def delete(self, name):
        if name and backup_running():
            line = f"{Path(self.location).resolve()}\t{name}\n"
            with _deferred_list().open("a", encoding="utf-8") as deferred:
                deferred.write(line)
            return
        super().delete(name)


class MediaStorage(DeferredDeletionMixin, FileSystemStorage):
    """MEDIA_ROOT (Wagtail's documents and images)."""


def delete_on_commit(fieldfile) -> None:
    """Delete a stored file once the current transaction commits (at once outside one): a
    rollback, or a process killed before the commit, keeps both the row and its file."""
    if not fieldfile:
        return
    storage, name = fieldfile.storage, fieldfile.name
    transaction.on_commit(lambda: storage.delete(name))


def apply_deferred_deletions() -> int:
    """Carry out the deletions a backup held back (only under the two upload folders)."""
    path = _deferred_list()
    if backup_running() or not path.exists():
        return 0
    working = path.with_suffix(f".{os.getpid()}.applying")
    path.replace(working)
    roots = {
        str(Path(root).resolve()) for root in (settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT)
    }
    done = 0
    for line in working.read_text(encoding="utf-8").splitlines():
        location, _tab, name = line.partition("\t")
        if location not in roots or not name:
            logger.warning("Deferred deletion outside the upload folders ignored: %r", line)
            continue
        try:
            FileSystemStorage(location=location).delete(name)
            done += 1
        except (OSError, SuspiciousFileOperation):
            logger.exception("Deferred deletion of %s failed", name)
    working.unlink()
    return done


@contextmanager
def deletions_deferred():
    """While the block runs, deleted upload files stay on disk (``manage.py backup``)."""
    lock = _backup_lock()
    lock.parent.mkdir(parents=True, exist_ok=True)
    if backup_running():
        raise BackupRunning(f"Another backup is running ({lock} exists).")
    lock.unlink(missing_ok=True)  # one left by a backup that crashed hours ago
    try:
        descriptor = os.open(lock, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError as error:
        raise BackupRunning(f"Another backup is running ({lock} exists).") from error
    with os.fdopen(descriptor, "w") as handle:
        handle.write(f"{os.getpid()}\n")
    try:
        yield
    finally:
        lock.unlink(missing_ok=True)
        apply_deferred_deletions()


class PrivateFileSystemStorage(DeferredDeletionMixin, FileSystemStorage):
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
