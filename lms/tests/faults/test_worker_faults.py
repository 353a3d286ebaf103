"""Real worker processes under real faults: SIGKILL mid-batch, and the database connection
cut (through our own proxy) while idle and while issuing. The batch finishes exactly once:
every trainee one document, gapless numbers, every PDF on disk, counts that add up."""

import json
import os
import time

from django.db import connection

from courses.certificates.batches import batch_start
from courses.models import Certificate, CertificateBatch
from courses.tests.factories import CohortFactory, EnrollmentFactory, build_program
from courses.tests.test_certificates import _finish
from lms.tests.faults.helpers import (
    FAULTS,
    TcpProxy,
    child_env,
    database_url,
    wait_for,
)

pytestmark = FAULTS
COHORT = int(os.environ.get("LMS_FAULTS_COHORT", "40"))


def figure(name: str, value) -> None:
    """Figures for bench/RESULTS.md, when the bench asks for them."""
    if path := os.environ.get("LMS_FAULTS_FIGURES"):
        with open(path, "a", encoding="utf-8") as out:
            out.write(json.dumps({"figure": name, "value": value}) + "\n")


def _start_batch(make_user, size: int = COHORT) -> CertificateBatch:
    registrar = make_user("registrar")
    cohort = CohortFactory(program=build_program(modules=1, lessons=1))
    enrollments = EnrollmentFactory.create_batch(size, cohort=cohort)
    for enrollment in enrollments:
        _finish(enrollment)
    return batch_start(cohort=cohort, by=registrar, enrollment_ids=[e.pk for e in enrollments])


def _progress(batch) -> int:
    return len(CertificateBatch.objects.get(pk=batch.pk).processed)


def _finished(batch) -> bool:
    return CertificateBatch.objects.get(pk=batch.pk).finished


def _assert_exactly_once(batch, var_dir) -> None:
    from django_tasks_db.models import DBTaskResult

    batch = CertificateBatch.objects.get(pk=batch.pk)
    assert (batch.done, batch.failed, batch.skipped, batch.percent) == (COHORT, 0, 0, 100)
    certificates = Certificate.objects.filter(enrollment__cohort=batch.cohort_id)
    assert certificates.count() == COHORT
    assert len({c.enrollment_id for c in certificates}) == COHORT  # one each
    assert sorted(c.sequence for c in certificates) == list(range(1, COHORT + 1))  # gapless
    missing = [c.number for c in certificates if not (var_dir / "private" / c.pdf.name).is_file()]
    assert missing == [], f"issued without a PDF: {missing}"
    assert DBTaskResult.objects.get(pk=batch.task_id).status == "SUCCESSFUL"


def test_a_worker_killed_mid_batch_is_replaced_and_the_batch_finishes_once(
    make_user, processes, redis, database_tasks, client
):
    var_dir = database_tasks
    db = connection.settings_dict
    env = child_env(var_dir, database_url(db["HOST"] or "127.0.0.1", db["PORT"] or 5432), redis.url)
    batch = _start_batch(make_user)
    first = processes.worker("w1", env)
    wait_for("half the batch", lambda: _progress(batch) >= COHORT // 2, 120, log=first.log)
    assert client.get("/healthz").json()["worker"] == "ok"

    processes.kill(first)  # SIGKILL, in the middle of the batch
    killed = time.monotonic()
    assert not _finished(batch)
    # Nobody beats any more: /healthz says so (with db_worker it said 200 regardless).
    wait_for("/healthz to see the silence", lambda: client.get("/healthz").status_code == 503, 10)
    assert client.get("/healthz").json()["worker"] == "silent"

    second = processes.worker("w2", env)  # what systemd's Restart=always does
    wait_for("the batch to finish", lambda: _finished(batch), 120, log=second.log)
    figure("seconds from the kill to the finished batch", round(time.monotonic() - killed, 1))
    _assert_exactly_once(batch, var_dir)
    from django_tasks_db.models import DBTaskResult

    assert DBTaskResult.objects.get(pk=batch.task_id).worker_ids == ["w1", "w2"]


def test_the_worker_outlives_database_restarts_idle_and_mid_batch(
    make_user, processes, redis, database_tasks
):
    var_dir = database_tasks
    db = connection.settings_dict
    proxy = TcpProxy(db["HOST"] or "127.0.0.1", int(db["PORT"] or 5432)).start()
    try:
        env = child_env(var_dir, database_url("127.0.0.1", proxy.port), redis.url)
        worker = processes.worker("w1", env)
        wait_for("the worker's first look at the queue", lambda: "idle" in _beat(var_dir), 30)

        proxy.cut()  # the database is gone for 8 s while the worker waits for work
        time.sleep(8)
        assert worker.poll() is None, "the idle worker exited on a database outage"
        proxy.restore()

        batch = _start_batch(make_user)
        wait_for("a third of the batch", lambda: _progress(batch) >= COHORT // 3, 120)
        proxy.cut()  # a restart in the middle of the batch
        cut = time.monotonic()
        time.sleep(2.5)
        proxy.restore()
        wait_for("the batch to finish", lambda: _finished(batch), 120, log=worker.log)
        figure("seconds from a 2.5 s database cut to the finished batch", time.monotonic() - cut)
        assert worker.poll() is None, "the worker exited on a database outage"
        _assert_exactly_once(batch, var_dir)
    finally:
        proxy.stop()


def _beat(var_dir) -> str:
    beats = list((var_dir / "worker").glob("*.beat"))
    return beats[0].read_text() if beats else ""
