import errno
import os
import time

import pytest
from django.db import OperationalError

pytestmark = pytest.mark.django_db


def test_healthz_reports_a_healthy_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "storage": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_answers_503_when_the_database_is_down(client, monkeypatch):
    from django.db import connection

    def broken_cursor(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unavailable", "storage": "ok"}


def test_healthz_answers_503_when_the_upload_folders_refuse_files(client, monkeypatch):
    """An unwritable media folder used to leave /healthz at 200 while uploads failed."""
    import tempfile

    def refused(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "NamedTemporaryFile", refused)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["storage"] == "unwritable"


@pytest.fixture
def database_worker(settings, tmp_path):
    """Production's task backend: /healthz then expects the worker's heartbeat."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.LMS_WORKER_HEARTBEAT_DIR = tmp_path
    settings.LMS_WORKER_STALE_SECONDS = 30
    return tmp_path


def test_healthz_answers_503_when_the_worker_is_silent(client, database_worker):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["worker"] == "silent"

    from lms.worker import Heartbeat

    beat = Heartbeat("worker-1", every=60)
    beat.beat()
    assert client.get("/healthz").json() == {
        "status": "ok",
        "database": "ok",
        "storage": "ok",
        "worker": "ok",
    }
    old = time.time() - 31
    os.utime(beat.path, (old, old))  # killed half a minute ago
    response = client.get("/healthz")
    assert response.status_code == 503 and response.json()["worker"] == "silent"
