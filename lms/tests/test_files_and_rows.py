"""Files and rows agree: a file goes only once its row's deletion commits; a backup holds
back deletions until its archive is written; a restore names every file a row misses; a
folder that refuses files gives a 503 that says so."""

import errno
import io
import json
import os
import tarfile
from pathlib import Path

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse

from assessments.models import Attachment
from courses.models import Certificate
from lms.accounts.management.commands import backup
from lms.privacy.services import person_erase
from lms.tests.test_backup import (  # noqa: F401 - roots is a fixture
    PDF,
    build_world,
    committed,
    empty_database,
    restore_elsewhere,
    roots,
)


class Killed(BaseException):
    """The web worker dying before its transaction commits."""


def work_with_attachments(users, count: int = 5) -> list[Attachment]:
    """A trainee's draft with attached files (erasure deletes both)."""
    from assessments.services import attachment_add, draft_save, submission_get_or_create
    from assessments.tests.factories import AssignmentFactory
    from courses.tests.factories import CohortFactory, EnrollmentFactory, build_program
    from modules.models import ModulePage

    program = build_program(modules=1, lessons=1)
    enrollment = EnrollmentFactory(cohort=CohortFactory(program=program), user=users["trainee"])
    assignment = AssignmentFactory(module=ModulePage.objects.child_of(program).get())
    submission = submission_get_or_create(assignment=assignment, enrollment=enrollment)
    draft_save(submission=submission, text="Черновик", revision=0, by=users["trainee"])
    for number in range(count):
        upload = SimpleUploadedFile(f"scan-{number}.pdf", PDF, content_type="application/pdf")
        attachment_add(submission=submission, upload=upload, by=users["trainee"])
    return list(Attachment.objects.all())


@pytest.mark.django_db
def test_an_erasure_that_never_commits_deletes_no_file(roots, users):  # noqa: F811
    attachments = work_with_attachments(users)
    with pytest.raises(Killed), transaction.atomic():
        person_erase(person=users["trainee"], by=users["registrar"], reason="заявление")
        raise Killed
    assert Attachment.objects.count() == 5
    assert all(Path(a.file.path).is_file() for a in attachments)  # rows back: files too


@committed
def test_an_erasure_during_a_backup_leaves_every_file_of_the_dump_in_its_archive(
    roots,  # noqa: F811
    users,
    tmp_path,
    monkeypatch,
):
    names = [a.file.name for a in work_with_attachments(users)]
    archive_uploads = backup.Command.archive

    def erased_meanwhile(self, path):
        # Committed after the database dump, before the uploads are archived.
        person_erase(person=users["trainee"], by=users["registrar"], reason="заявление")
        archive_uploads(self, path)

    monkeypatch.setattr(backup.Command, "archive", erased_meanwhile)
    call_command(backup.Command(), "--output", str(tmp_path / "backups"), stdout=io.StringIO())
    [folder] = (tmp_path / "backups").iterdir()
    assert json.loads((folder / "manifest.json").read_text())["missing_files"] == []
    with tarfile.open(folder / "media.tar.gz") as tar:
        archived = set(tar.getnames())
    assert {f"private/{name}" for name in names} <= archived
    # The erasure is carried out all the same, once the backup is written.
    assert not any(Path(roots.PRIVATE_MEDIA_ROOT, name).exists() for name in names)

    with empty_database(tmp_path) as (url, _query):
        result = restore_elsewhere(folder, url, tmp_path / "restored-var")
    assert result.returncode == 0, result.stderr
    assert "Every file the rows point at is there." in result.stdout


@committed
def test_a_restore_names_each_file_a_row_points_at_and_the_backup_lacked(
    roots,  # noqa: F811
    users,
    tmp_path,
):
    build_world(users)
    certificate = Certificate.objects.get()
    os.remove(certificate.pdf.path)  # lost behind the row's back
    call_command(backup.Command(), "--output", str(tmp_path / "backups"), stdout=io.StringIO())
    [folder] = (tmp_path / "backups").iterdir()
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["missing_files"] == [
        f"courses.Certificate.pdf #{certificate.pk}: private/{certificate.pdf.name}"
    ]
    with empty_database(tmp_path) as (url, _query):
        result = restore_elsewhere(folder, url, tmp_path / "restored-var")
    assert result.returncode != 0  # it used to say "the counts match" and stop there
    assert f"private/{certificate.pdf.name}" in result.stderr


@pytest.mark.django_db
def test_an_upload_to_a_folder_that_refuses_files_is_a_503_page(roots, users, monkeypatch):  # noqa: F811
    from assessments.services import submission_get_or_create
    from assessments.tests.factories import AssignmentFactory
    from courses.tests.factories import CohortFactory, EnrollmentFactory, build_program
    from modules.models import ModulePage

    program = build_program(modules=1, lessons=1)
    enrollment = EnrollmentFactory(cohort=CohortFactory(program=program), user=users["trainee"])
    assignment = AssignmentFactory(module=ModulePage.objects.child_of(program).get())
    submission_get_or_create(assignment=assignment, enrollment=enrollment)

    def refused(self, name, content):
        raise PermissionError(errno.EACCES, "Permission denied", name)

    monkeypatch.setattr(FileSystemStorage, "_save", refused)
    browser = Client(raise_request_exception=False)
    browser.force_login(users["trainee"])
    response = browser.post(
        reverse("attachment_upload", args=[assignment.pk]),
        {"file": SimpleUploadedFile("scan.pdf", PDF, content_type="application/pdf")},
    )
    assert response.status_code == 503 and response["Retry-After"]
