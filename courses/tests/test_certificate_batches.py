"""Bulk issuance under faults: a run that dies resumes, counts only what it issued, never
issues twice, gives every document its PDF, and its page says truthfully what is going on.

The worker process itself (killed, database cut) is exercised in lms/tests/faults/.
"""

import errno
from datetime import timedelta

import pytest
from django.core.files.storage import FileSystemStorage
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from courses.certificates import pdf
from courses.certificates.batches import batch_start, batch_state
from courses.certificates.services import certificate_issue
from courses.certificates.tasks import issue_for_cohort
from courses.models import Certificate, CertificateBatch
from courses.tests.factories import EnrollmentFactory
from courses.tests.test_certificates import _finish, cohort  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db


class Killed(BaseException):
    """The worker process dying (SIGKILL): nothing after it runs, no handler sees it."""


@pytest.fixture
def eligible(cohort):  # noqa: F811 - the fixture imported above
    enrollments = [EnrollmentFactory(cohort=cohort) for _ in range(4)]
    for enrollment in enrollments:
        _finish(enrollment)
    return enrollments


def _batch(cohort, users, enrollments) -> CertificateBatch:  # noqa: F811
    return CertificateBatch.objects.create(
        cohort=cohort, requested_by=users["registrar"], enrollment_ids=[e.pk for e in enrollments]
    )


def _has_pdf(certificate) -> bool:
    return bool(certificate.pdf) and certificate.pdf.storage.exists(certificate.pdf.name)


def test_a_run_killed_between_a_commit_and_its_pdf_resumes_and_issues_each_once(
    users,
    cohort,  # noqa: F811
    eligible,
    monkeypatch,
):
    batch = _batch(cohort, users, eligible)
    real, drawn = pdf.render_pdf, []

    def dies_at_the_second(*args, **kwargs):
        drawn.append(1)
        if len(drawn) == 2:
            raise Killed  # the second document is committed; its PDF never written
        return real(*args, **kwargs)

    monkeypatch.setattr(pdf, "render_pdf", dies_at_the_second)
    with pytest.raises(Killed):
        issue_for_cohort.call(batch.pk)
    assert Certificate.objects.count() == 2

    issue_for_cohort.call(batch.pk)  # the worker's next run (reclaimed or retried)
    batch.refresh_from_db()
    assert (batch.done, batch.failed, batch.skipped) == (4, 0, 0)  # not "6 of 4" (150 %)
    assert batch.finished and batch.percent == 100
    assert sorted(Certificate.objects.values_list("sequence", flat=True)) == [1, 2, 3, 4]
    assert all(_has_pdf(c) for c in Certificate.objects.all())

    issue_for_cohort.call(batch.pk)  # a re-queue of a finished batch changes nothing
    batch.refresh_from_db()
    assert batch.done == 4 and Certificate.objects.count() == 4


def test_a_batch_counts_only_the_documents_it_issued(users, cohort, eligible):  # noqa: F811
    certificate_issue(enrollment=eligible[0], by=users["registrar"], render_later=False)
    batch = _batch(cohort, users, eligible)
    issue_for_cohort.call(batch.pk)
    batch.refresh_from_db()
    assert (batch.done, batch.failed, batch.skipped, batch.percent) == (3, 0, 1, 100)
    assert Certificate.objects.count() == 4


class Refused(Exception):
    pass


def test_the_batch_and_its_task_are_one_transaction(client, users, cohort, eligible, monkeypatch):  # noqa: F811
    """A web worker killed between saving the batch and queueing its task used to leave a
    batch at 0 % forever."""
    from django_tasks.backends.immediate import ImmediateBackend

    def dies(*args, **kwargs):
        raise Refused

    monkeypatch.setattr(ImmediateBackend, "enqueue", dies)
    client.force_login(users["registrar"])
    with pytest.raises(Refused):
        client.post(
            reverse("cohort_certificates_issue", args=[cohort.pk]),
            {"enrollments": [e.pk for e in eligible]},
        )
    assert not CertificateBatch.objects.exists()


@pytest.fixture
def database_tasks(settings, tmp_path):
    """Production's task backend (rows in this database, run by `run_worker`), with a
    heartbeat folder of this test's own."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.LMS_WORKER_HEARTBEAT_DIR = tmp_path
    settings.LMS_WORKER_STALE_SECONDS = 30
    return tmp_path


def _said(msgid: str) -> str:
    """The sentence as the page shows it (Russian once translated)."""
    with translation.override("ru"):
        return escape(translation.gettext(msgid))


def _page_state(client, batch) -> tuple[str, str]:
    html = client.get(reverse("certificate_batch", args=[batch.pk])).content.decode()
    state = html.split('data-state="', 1)[1].split('"', 1)[0]
    return state, html


def test_the_batch_page_says_what_the_task_is_doing(
    client,
    users,
    cohort,  # noqa: F811
    eligible,
    database_tasks,
):
    from django_tasks_db.models import DBTaskResult

    from lms.worker import Heartbeat

    batch = batch_start(
        cohort=cohort, by=users["registrar"], enrollment_ids=[e.pk for e in eligible]
    )
    batch.refresh_from_db()
    task = DBTaskResult.objects.get()
    assert batch.task_id == str(task.pk) and task.args_kwargs["args"] == [batch.pk]
    client.force_login(users["registrar"])

    state, html = _page_state(client, batch)
    assert state == "stalled" and "batch-retry" not in html  # no worker: say so
    Heartbeat("w1", every=60).beat()
    assert _page_state(client, batch)[0] == "queued"

    task.status, task.started_at, task.worker_ids = "RUNNING", timezone.now(), ["w1"]
    task.save()
    state, html = _page_state(client, batch)
    assert state == "running" and 'http-equiv="refresh"' in html

    CertificateBatch.objects.filter(pk=batch.pk).update(
        updated_at=timezone.now() - timedelta(minutes=5)
    )
    state, html = _page_state(client, batch)
    assert state == "stalled" and "batch-retry" in html

    task.status, task.exception_class_path = "FAILED", "django.db.utils.OperationalError"
    task.save()
    state, html = _page_state(client, batch)
    assert state == "failed" and "batch-retry" in html and 'http-equiv="refresh"' not in html
    assert _said("the database was unavailable.") in html  # the reason, in plain words

    response = client.post(reverse("certificate_batch_retry", args=[batch.pk]))
    assert response.status_code == 302
    batch.refresh_from_db()
    assert DBTaskResult.objects.count() == 2
    assert DBTaskResult.objects.get(pk=batch.task_id).status == "READY"
    assert client.get(reverse("certificate_batch_status", args=[batch.pk])).json()["state"] in {
        "queued",
        "stalled",
    }


def test_an_unwritable_documents_folder_issues_everyone_and_reports_why_pdfs_wait(
    client,
    users,
    cohort,  # noqa: F811
    eligible,
    monkeypatch,
):
    batch = _batch(cohort, users, eligible)
    real_save = FileSystemStorage._save

    def refused(self, name, content):
        raise PermissionError(errno.EACCES, "Permission denied", name)

    monkeypatch.setattr(FileSystemStorage, "_save", refused)
    with pytest.raises(PermissionError):
        issue_for_cohort.call(batch.pk)  # the worker retries it later
    batch.refresh_from_db()
    assert Certificate.objects.count() == 4 and batch.done == 4 and not batch.finished
    state = batch_state(batch)
    assert state.code == "failed" and state.can_retry
    client.force_login(users["registrar"])
    assert _said("the documents could not be written to disk.") in _page_state(client, batch)[1]

    # A holder downloads the document meanwhile: drawn again and sent from memory.
    certificate = Certificate.objects.first()
    client.force_login(certificate.enrollment.user)
    response = client.get(reverse("certificate_pdf", args=[certificate.pk]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")

    monkeypatch.setattr(FileSystemStorage, "_save", real_save)  # the disk is fixed
    issue_for_cohort.call(batch.pk)
    batch.refresh_from_db()
    assert batch.finished and batch.done == 4
    assert all(_has_pdf(c) for c in Certificate.objects.all())
