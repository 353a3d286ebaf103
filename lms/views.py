import logging
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger("lms.healthz")


def _database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return "unavailable"
    return "ok"


def _writable(folder: Path) -> bool:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".healthz-"):
            pass
    except OSError:
        return False
    return True


def _storage() -> str:
    """The folders uploads and certificates are written to must take a file."""
    from lms.storage import private_storage

    folders = [
        Path(storage.location)
        for storage in (default_storage, private_storage())
        if isinstance(storage, FileSystemStorage)
    ]
    unwritable = [str(folder) for folder in folders if not _writable(folder)]
    if unwritable:
        logger.error("Storage not writable: %s", ", ".join(unwritable))
        return "unwritable"
    return "ok"


def _worker_expected() -> bool:
    default = settings.TASKS.get("default", {}).get("BACKEND", "") == (
        "django_tasks_db.DatabaseBackend"
    )
    return getattr(settings, "LMS_HEALTHZ_WORKER", default)


def _worker() -> str:
    from lms.worker import worker_alive

    return "ok" if worker_alive() else "silent"


@never_cache
@require_GET
def healthz(request):
    """Database, storage and (with the database task backend) the worker's heartbeat, for
    load balancers and monitoring: 503 naming the failing component."""
    report = {"database": _database(), "storage": _storage()}
    if _worker_expected():
        report["worker"] = _worker()
    healthy = all(value == "ok" for value in report.values())
    report = {"status": "ok" if healthy else "error", **report}
    return JsonResponse(report, status=200 if healthy else 503)
