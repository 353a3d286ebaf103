"""Fixtures of the fault suite (`pytest -m faults lms/tests/faults`, PostgreSQL only)."""

import pytest

from lms.tests.faults.helpers import Processes, RedisServer


@pytest.fixture
def processes(tmp_path):
    started = Processes(tmp_path)
    yield started
    started.stop_all()


@pytest.fixture
def redis(tmp_path):
    server = RedisServer(tmp_path).start()
    yield server
    server.stop()


@pytest.fixture
def database_tasks(settings, tmp_path):
    """This process queues tasks in the database, and /healthz here reads the heartbeats of
    the worker processes this test starts (they share LMS_VAR_DIR = tmp_path/var)."""
    var_dir = tmp_path / "var"
    var_dir.mkdir()
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.LMS_WORKER_HEARTBEAT_DIR = var_dir / "worker"
    settings.LMS_WORKER_STALE_SECONDS = 3
    return var_dir
