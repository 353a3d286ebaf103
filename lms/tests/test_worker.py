"""`manage.py run_worker` (lms/worker.py): outages are waited out, never a reason to exit or to
fail a task for good, and a task whose worker died goes back to the queue.

These run the worker loop in this process on the test database; lms/tests/faults/ kills real
worker processes and cuts their database connection.
"""

import signal
from datetime import timedelta

import pytest
from django.db import OperationalError
from django.utils import timezone
from django_tasks import task

from lms import worker as worker_module
from lms.worker import Heartbeat, ResilientWorker, reclaim_stale

# Committed rows, as the worker sees them in production: on PostgreSQL it drops its broken
# connection, which inside a test's transaction would take the test's data with it.
pytestmark = pytest.mark.django_db(transaction=True)

RUNS: list[str] = []


@task()
def sample(name: str) -> str:
    RUNS.append(name)
    if name.startswith("outage"):
        raise OperationalError("server closed the connection unexpectedly")
    return name


@pytest.fixture
def database_tasks(settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.LMS_WORKER_HEARTBEAT_DIR = tmp_path
    settings.LMS_WORKER_STALE_SECONDS = 30
    settings.LMS_WORKER_RETRY_SECONDS = 60
    RUNS.clear()
    handlers = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    yield tmp_path
    for number, handler in handlers.items():
        signal.signal(number, handler)


def _worker(worker_id="w2") -> ResilientWorker:
    return ResilientWorker(
        queue_names=["default"],
        excluded_queue_names=[],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id,
        heartbeat_every=60,
        reclaim_every=0,
    )


def _claimed_by(result_id, worker_id, *, ago: float):
    from django_tasks_db.models import DBTaskResult

    row = DBTaskResult.objects.get(pk=result_id)
    row.status, row.worker_ids = "RUNNING", [*row.worker_ids, worker_id]
    row.started_at = timezone.now() - timedelta(seconds=ago)
    row.save()
    return row


def test_a_task_whose_worker_was_killed_goes_back_to_the_queue_and_runs(database_tasks):
    from django_tasks_db.models import DBTaskResult

    result = sample.enqueue("batch")
    _claimed_by(result.id, "killed", ago=120)  # SIGKILL: RUNNING forever under db_worker
    Heartbeat("alive", every=60).beat()
    _claimed_by(sample.enqueue("elsewhere").id, "alive", ago=120)

    assert reclaim_stale(backend_name="default", me="w2") == 1
    assert DBTaskResult.objects.get(pk=result.id).status == "READY"

    _worker().run()
    row = DBTaskResult.objects.get(pk=result.id)
    assert (row.status, row.worker_ids, RUNS) == ("SUCCESSFUL", ["killed", "w2"], ["batch"])
    # The task of a worker that still beats is left to it.
    assert DBTaskResult.objects.exclude(pk=result.id).get().status == "RUNNING"


def test_a_task_that_keeps_losing_its_worker_fails_with_the_reason(database_tasks, settings):
    from django_tasks_db.models import DBTaskResult

    settings.LMS_WORKER_MAX_ATTEMPTS = 2
    result = sample.enqueue("poison")
    _claimed_by(result.id, "first", ago=120)
    _claimed_by(result.id, "second", ago=120)
    reclaim_stale(backend_name="default", me="w2")
    row = DBTaskResult.objects.get(pk=result.id)
    assert row.status == "FAILED" and row.exception_class_path == "lms.worker.WorkerLost"


def test_the_worker_waits_out_a_database_outage_instead_of_exiting(database_tasks, monkeypatch):
    """db_worker exited on the first OperationalError, idle or not."""
    from django_tasks_db.models import DBTaskResult

    result = sample.enqueue("after the outage")
    real_ready, failures = DBTaskResult.objects.ready, []

    def unreachable():
        if len(failures) < 2:
            failures.append(1)
            raise OperationalError("could not connect to server: Connection refused")
        return real_ready()

    monkeypatch.setattr(DBTaskResult.objects, "ready", unreachable)
    monkeypatch.setattr(worker_module.Backoff, "wait", lambda self, running: None)
    _worker().run()
    assert len(failures) == 2
    assert DBTaskResult.objects.get(pk=result.id).status == "SUCCESSFUL"


def test_a_task_cut_off_by_an_outage_is_retried_later_not_failed(database_tasks):
    from django_tasks_db.models import DBTaskResult

    result = sample.enqueue("outage in the middle")
    _worker().run()
    row = DBTaskResult.objects.get(pk=result.id)
    assert row.status == "READY" and row.run_after > timezone.now() + timedelta(seconds=30)
    assert row.exception_class_path == "django.db.utils.OperationalError"


def test_run_worker_beats_while_it_runs_and_stops_beating_when_it_stops(database_tasks):
    from django.core.management import call_command

    from lms.worker import heartbeat_age, worker_alive

    sample.enqueue("one")
    beats = []
    real = Heartbeat.beat

    def counted(self):
        beats.append(worker_alive())
        real(self)

    Heartbeat.beat = counted
    try:
        call_command("run_worker", "--batch", "--no-startup-delay", "--worker-id", "cmd")
    finally:
        Heartbeat.beat = real
    assert beats and RUNS == ["one"]
    # On the way out it says it stopped: its tasks are free at once; /healthz lets a restart
    # pass until the beat goes stale.
    assert heartbeat_age("cmd") is not None and not worker_alive("cmd") and worker_alive()
