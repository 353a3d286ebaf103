"""Bulk issuance: started with its task in one transaction, run so that running it again is
safe, and described truthfully (running, waiting, interrupted, stalled, stopped, finished).

Each trainee's document and the batch's progress commit together, so a run that dies (worker
killed, database restarted, disk refused) resumes after the last trainee it dealt with, never
issues or counts a document twice, and counts only the documents it issued itself.
"""

import logging
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.certificates.services import CertificateError, certificate_issue
from courses.certificates.tasks import issue_for_cohort, pdf_missing, render
from courses.models import Certificate, CertificateBatch, CertificateStatus, Enrollment
from lms.outage import outage_component

logger = logging.getLogger(__name__)


def _in_same_transaction(backend) -> bool:
    """The database backend writes its task row in the caller's transaction (both rows commit
    or neither does); the immediate and dummy backends run or keep it right here."""
    from django_tasks.backends.dummy import DummyBackend
    from django_tasks.backends.immediate import ImmediateBackend
    from django_tasks_db.backend import DatabaseBackend

    return isinstance(backend, DatabaseBackend | ImmediateBackend | DummyBackend)


def _enqueue(batch: CertificateBatch) -> None:
    def send():
        result = issue_for_cohort.enqueue(batch.pk)
        batch.task_id = str(result.id)
        CertificateBatch.objects.filter(pk=batch.pk).update(task_id=batch.task_id)

    if _in_same_transaction(issue_for_cohort.get_backend()):
        send()
    else:  # a queue outside the database (RQ): told once the batch exists
        transaction.on_commit(send)


@transaction.atomic
def batch_start(*, cohort, by, enrollment_ids: list[int]) -> CertificateBatch:
    """The batch and its task, in one transaction: never a batch nobody will run."""
    batch = CertificateBatch.objects.create(
        cohort=cohort, requested_by=by, enrollment_ids=enrollment_ids
    )
    _enqueue(batch)
    return batch


@transaction.atomic
def batch_retry(*, batch: CertificateBatch, by) -> CertificateBatch:
    """Run a stopped or stalled batch again; safe even if its old task still runs."""
    batch = CertificateBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.finished:
        raise CertificateError(_("This issuance has already finished."))
    batch.failure = ""
    batch.save(update_fields=["failure", "updated_at"])
    _enqueue(batch)
    return batch


def _issue_one(batch_id: int, enrollment_id: int) -> Certificate | None:
    """One trainee, and the batch's progress, in one transaction; the document if this run
    issued it."""
    with transaction.atomic():
        batch = (
            CertificateBatch.objects.select_for_update()
            .select_related("requested_by")
            .get(pk=batch_id)
        )
        if enrollment_id in batch.processed:
            return None  # dealt with by an earlier run
        issued = None
        try:
            with transaction.atomic():
                enrollment = Enrollment.objects.select_for_update().get(
                    pk=enrollment_id, cohort_id=batch.cohort_id
                )
                had_one = enrollment.certificates.filter(status=CertificateStatus.ISSUED).exists()
                certificate = certificate_issue(
                    enrollment=enrollment, by=batch.requested_by, render_later=False
                )
        except Enrollment.DoesNotExist:
            batch.failed += 1
            batch.errors.append(_("An enrollment of this issuance no longer exists."))
        except PermissionDenied:
            batch.failed += 1
            batch.errors.append(_("The person who started this issuance may no longer issue."))
        except CertificateError as error:
            batch.failed += 1
            batch.errors.append(" ".join(error.messages))
        else:
            if not had_one:
                batch.done += 1
                issued = certificate
        batch.processed.append(enrollment_id)
        batch.save(update_fields=["processed", "done", "failed", "errors", "updated_at"])
    return issued


def _render(certificate: Certificate) -> OSError | None:
    """The PDF, or the storage error that kept it from the disk (issuing goes on meanwhile)."""
    try:
        if pdf_missing(certificate):
            render(certificate)
    except OSError as error:
        if outage_component(error) != "storage":
            raise
        return error
    return None


def batch_run(batch_id: int) -> None:
    """The task's body. Raises (so the worker retries it) on an outage or unwritten PDFs."""
    try:
        batch = CertificateBatch.objects.get(pk=batch_id)
        if batch.finished:
            return
        storage_error = None
        for enrollment_id in batch.enrollment_ids:
            certificate = _issue_one(batch_id, enrollment_id)
            if certificate is not None:
                storage_error = _render(certificate) or storage_error
        # A run killed between a document's commit and its render left it without a PDF.
        issued = Certificate.objects.filter(
            enrollment_id__in=batch.enrollment_ids, status=CertificateStatus.ISSUED
        )
        for certificate in issued:
            storage_error = _render(certificate) or storage_error
        if storage_error is not None:
            raise storage_error
        CertificateBatch.objects.filter(pk=batch_id).update(
            finished=True, failure="", updated_at=timezone.now()
        )
    except Exception as error:
        _note_failure(batch_id, error)
        raise


def failure_code(error: BaseException | str) -> str:
    """What the batch page says stopped it: database, cache, storage, worker or error."""
    if isinstance(error, BaseException):
        return outage_component(error) or "error"
    path = error
    if "WorkerLost" in path:
        return "worker"
    if "OperationalError" in path or "InterfaceError" in path:
        return "database"
    if "redis" in path:
        return "cache"
    if "PermissionError" in path or path.endswith("OSError"):
        return "storage"
    return "error" if path else ""


def _note_failure(batch_id: int, error: BaseException) -> None:
    try:
        CertificateBatch.objects.filter(pk=batch_id).update(failure=failure_code(error))
    except Exception:  # the database may be what failed: the task's record says it instead
        logger.warning("Batch %s: could not record its failure", batch_id, exc_info=True)


@dataclass(frozen=True)
class BatchState:
    code: str  # queued | running | retrying | stalled | failed | done
    message: str
    can_retry: bool = False

    @property
    def refreshing(self) -> bool:
        return self.code in {"queued", "running", "retrying", "stalled"}


def _reasons() -> dict[str, str]:
    return {
        "database": _("the database was unavailable."),
        "cache": _("Redis was unavailable."),
        "storage": _("the documents could not be written to disk."),
        "worker": _("the task worker stopped (it was restarted or killed)."),
        "error": _("an unexpected error; the administrator will find it in the log."),
    }


def _task_record(batch: CertificateBatch):
    """(status, exception class path) of the batch's task, if the backend keeps them."""
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    if not batch.task_id or not isinstance(issue_for_cohort.get_backend(), DatabaseBackend):
        return None
    return (
        DBTaskResult.objects.filter(pk=batch.task_id)
        .values_list("status", "exception_class_path", "run_after")
        .first()
    )


def batch_state(batch: CertificateBatch, *, now=None) -> BatchState:
    from lms.worker import stale_after, worker_alive

    now = now or timezone.now()
    if batch.finished:
        return BatchState("done", _("Finished."))
    again = _("You can start it again: documents already issued are not issued twice.")
    record = _task_record(batch)
    status, path = (record[0], record[1]) if record else ("", "")
    reason = _reasons().get(failure_code(path) or batch.failure, _reasons()["error"])
    if status == "FAILED" or (not record and batch.failure):
        stopped = _("Stopped: %(reason)s") % {"reason": reason}
        return BatchState("failed", f"{stopped} {again}", can_retry=True)
    if record and not worker_alive():
        return BatchState(
            "stalled",
            _(
                "Waiting: the task worker is not running. Tell the administrator; the "
                "issuance resumes by itself once the worker runs again."
            ),
        )
    if status == "READY" and path:
        return BatchState(
            "retrying",
            _("Interrupted: %(reason)s It resumes by itself shortly.") % {"reason": reason},
        )
    if status == "READY":
        return BatchState("queued", _("Waiting for the task worker to start it."))
    if (now - batch.updated_at).total_seconds() > 2 * stale_after() or status == "SUCCESSFUL":
        return BatchState("stalled", _("No progress for a while.") + " " + again, True)
    return BatchState("running", _("Issuing. This page refreshes itself."))
