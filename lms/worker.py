"""The database task worker, made to outlive the faults of a real deployment.

django-tasks-db's ``db_worker`` exits on the first database error, marks a task failed for
good when the database restarts under it, and never takes back a task whose worker was
killed: it stays RUNNING forever. ``manage.py run_worker`` runs the same worker with:

- reconnection with backoff: a database or Redis outage is waited out, never a reason to exit;
- retries: a task that meets an outage goes back to the queue (after a growing delay) instead
  of failing, up to ``LMS_WORKER_MAX_ATTEMPTS`` runs;
- a heartbeat: each worker touches a file under ``LMS_WORKER_HEARTBEAT_DIR`` every few
  seconds (``/healthz`` answers 503 when none is fresh);
- reclaiming: a RUNNING task whose worker has been silent for ``LMS_WORKER_STALE_SECONDS``
  goes back to the queue. Tasks are written to be run again safely (issuance resumes).

Heartbeats are files because they must be readable while the database is down; workers of
the database backend therefore share one LMS_VAR_DIR (one machine, as the README says).
"""

import hashlib
import logging
import os
import re
import threading
import time
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import OperationalError, close_old_connections, connection, transaction
from django.utils import timezone
from django_tasks_db.compat import TaskContext, TaskResultStatus, task_finished, task_started
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception

from lms.outage import outage_component

logger = logging.getLogger("lms.worker")


class WorkerLost(Exception):
    """Recorded on a task whose worker stopped while running it too many times."""


def stale_after() -> float:
    return float(getattr(settings, "LMS_WORKER_STALE_SECONDS", 60))


def max_attempts() -> int:
    return int(getattr(settings, "LMS_WORKER_MAX_ATTEMPTS", 5))


def heartbeat_dir() -> Path:
    default = Path(settings.VAR_DIR) / "worker"
    return Path(getattr(settings, "LMS_WORKER_HEARTBEAT_DIR", default))


def heartbeat_path(worker_id: str) -> Path:
    safe = re.sub(r"[^A-Za-z0-9_.-]", "_", worker_id)[:40]
    digest = hashlib.sha256(worker_id.encode()).hexdigest()[:12]
    return heartbeat_dir() / f"{safe}-{digest}.beat"


def heartbeat_age(worker_id: str | None = None) -> float | None:
    """Seconds since ``worker_id`` (or the freshest worker) last beat; None if never."""
    paths = [heartbeat_path(worker_id)] if worker_id else heartbeat_dir().glob("*.beat")
    mtimes = []
    for path in paths:
        try:
            mtimes.append(path.stat().st_mtime)
        except OSError:
            continue
    return time.time() - max(mtimes) if mtimes else None


def worker_alive(worker_id: str | None = None) -> bool:
    """Some worker (or ``worker_id``) beat lately; one that said it stopped is not running
    its tasks any more, though /healthz still counts it until it goes stale (a restart)."""
    age = heartbeat_age(worker_id)
    if age is None or age > stale_after():
        return False
    if worker_id is not None:
        try:
            return not heartbeat_path(worker_id).read_text().rstrip().endswith(" stopped")
        except OSError:
            return False
    return True


class Heartbeat:
    """Touches this worker's file from a thread of its own, so that a long task still beats.
    A worker that stops says so in its last beat: its tasks are free at once, while /healthz
    lets a restart pass without a 503."""

    def __init__(self, worker_id: str, every: float):
        self.path = heartbeat_path(worker_id)
        self.every = every
        self.state = "starting"
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="heartbeat", daemon=True)

    def beat(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.path.with_suffix(f".{os.getpid()}.tmp")
            temporary.write_text(f"{os.getpid()} {self.state}\n")
            temporary.replace(self.path)
        except OSError:
            logger.exception("Cannot write the worker heartbeat %s", self.path)

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            self.beat()

    def start(self) -> None:
        self.beat()
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self.state = "stopped"
        self.beat()


def retry_delay(attempt: int) -> float:
    base = float(getattr(settings, "LMS_WORKER_RETRY_SECONDS", 5))
    return min(base * 2 ** max(attempt - 1, 0), 300)


def requeue(result: DBTaskResult, error: BaseException | str, *, delay: float) -> None:
    """Back to the queue, keeping what happened (the batch page shows it as the reason)."""
    result.status = TaskResultStatus.READY
    result.run_after = timezone.now() + timedelta(seconds=delay)
    if isinstance(error, BaseException):
        result.exception_class_path = f"{type(error).__module__}.{type(error).__qualname__}"
        result.traceback = f"{type(error).__name__}: {error}"[:2000]
    else:
        result.exception_class_path = f"{WorkerLost.__module__}.{WorkerLost.__qualname__}"
        result.traceback = error
    result.save(update_fields=["status", "run_after", "exception_class_path", "traceback"])


def reclaim_stale(*, backend_name: str, me: str | None = None) -> int:
    """Put back in the queue the RUNNING tasks nobody is running: their worker is silent (or
    is ``me``, between tasks). A task that lost its worker too often fails instead."""
    now = timezone.now()
    reclaimed = 0
    running = DBTaskResult.objects.running().filter(backend_name=backend_name)
    for candidate in running:
        last = candidate.worker_ids[-1] if candidate.worker_ids else None
        mine = me is not None and last == me
        old = candidate.started_at is None or (now - candidate.started_at).total_seconds() > (
            stale_after()
        )
        if not mine and (worker_alive(last) or not old):
            continue
        with transaction.atomic():
            result = (
                DBTaskResult.objects.select_for_update(skip_locked=True)
                .filter(pk=candidate.pk, status=TaskResultStatus.RUNNING)
                .first()
            )
            if result is None or result.worker_ids != candidate.worker_ids:
                continue  # another worker got there first
            attempts = len(result.worker_ids)
            reason = f"The worker {last} stopped while running this task (attempt {attempts})."
            if attempts >= max_attempts():
                result.set_failed(WorkerLost(reason))
            else:
                requeue(result, reason, delay=0)
            reclaimed += 1
        logger.warning("Reclaimed task %s (%s): %s", result.pk, result.task_path, reason)
    return reclaimed


class Backoff:
    def __init__(self, first: float = 0.5, limit: float = 30):
        self.first, self.limit, self.next_delay = first, limit, first

    def wait(self, running) -> None:
        deadline = time.monotonic() + self.next_delay
        while running() and time.monotonic() < deadline:
            time.sleep(0.1)
        self.next_delay = min(self.next_delay * 2, self.limit)

    def reset(self) -> None:
        self.next_delay = self.first


class ResilientWorker(Worker):
    def __init__(self, *, heartbeat_every: float, reclaim_every: float, **kwargs):
        super().__init__(**kwargs)
        self.heartbeat = Heartbeat(self.worker_id, heartbeat_every)
        self.reclaim_every = reclaim_every
        self._last_reclaim = float("-inf")

    def run(self) -> None:
        logger.info("Starting worker %s (queues %s)", self.worker_id, ",".join(self.queue_names))
        self.heartbeat.start()
        backoff = Backoff()
        try:
            while self.running:
                try:
                    stop = self._iteration()
                except Exception as error:
                    if outage_component(error) is None:
                        raise  # a bug in the worker itself: let the supervisor restart it
                    self.heartbeat.state = f"waiting for the {outage_component(error)}"
                    logger.warning("Worker %s: %s; retrying", self.worker_id, error)
                    self._drop_connection()
                    backoff.wait(lambda: self.running)
                    continue
                backoff.reset()
                if stop:
                    return
        finally:
            self.heartbeat.stop()

    def _drop_connection(self) -> None:
        if connection.in_atomic_block:
            return  # only a caller's transaction (a test) can end it
        try:
            connection.close()
        except Exception:  # the socket is already gone; Django forgets it all the same
            logger.debug("Closing a broken connection failed", exc_info=True)

    def _iteration(self) -> bool:
        """One look at the queue, as db_worker's loop; True when the worker should stop."""
        close_old_connections()
        if time.monotonic() - self._last_reclaim >= self.reclaim_every:
            reclaim_stale(backend_name=self.backend_name, me=self.worker_id)
            self._last_reclaim = time.monotonic()
        self.heartbeat.state = "idle"
        tasks = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        if not self.process_all_queues:
            tasks = tasks.filter(queue_name__in=self.queue_names)
        if self.excluded_queue_names:
            tasks = tasks.exclude(queue_name__in=self.excluded_queue_names)
        retrieved = True
        with exclusive_transaction(tasks.db):
            try:
                task_result = tasks.get_locked()
                if task_result is not None:
                    task_result.claim(self.worker_id)
            except OperationalError as error:
                if not is_locked_database_exception(error):
                    raise
                task_result, retrieved = None, False  # SQLite busy: it unlocks eventually
        if task_result is not None:
            self.run_task(task_result)
        if self.batch and retrieved and task_result is None:
            return True
        if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
            return True
        close_old_connections()
        if self.running and task_result is None:
            time.sleep(self.interval)
        return False

    def run_task(self, db_task_result: DBTaskResult) -> None:
        """As db_worker's, except that an outage sends the task back to the queue."""
        self.running_task = True
        self.heartbeat.state = f"running {db_task_result.task_path}"
        try:
            task = db_task_result.task
            task_result = db_task_result.task_result
            sender = type(task.get_backend())
            task_started.send(sender=sender, task_result=task_result)
            if task.takes_context:
                value = task.call(
                    TaskContext(task_result=task_result), *task_result.args, **task_result.kwargs
                )
            else:
                value = task.call(*task_result.args, **task_result.kwargs)
            db_task_result.set_successful(value)
            task_finished.send(sender=sender, task_result=db_task_result.task_result)
        except Exception as error:
            self._after_failure(db_task_result, error)
        finally:
            self.running_task = False
            self._run_tasks += 1

    def _after_failure(self, db_task_result: DBTaskResult, error: Exception) -> None:
        attempts = len(db_task_result.worker_ids)
        component = outage_component(error)
        if component is not None and attempts < max_attempts():
            logger.warning(
                "Task %s met an outage of the %s (attempt %s): %s; it will run again",
                db_task_result.pk,
                component,
                attempts,
                error,
            )
            if component == "database":
                self._drop_connection()
            # If the database is still down this raises, and run() waits it out; the task,
            # still RUNNING under this worker's id, is reclaimed on the next look.
            requeue(db_task_result, error, delay=retry_delay(attempts))
            return
        logger.error("Task %s failed", db_task_result.pk, exc_info=error)
        db_task_result.set_failed(error)
        task_finished.send(
            sender=type(db_task_result.task.get_backend()),
            task_result=db_task_result.task_result,
        )
