"""Backup and restore: a small world survives a round trip into an empty database.

The restore runs in a separate process against a new database (PostgreSQL: a fresh
`lms_helper_backup_restore_*` database; SQLite: a file), with its own upload folders, the
way an operator would restore onto a new machine.
"""

import io
import json
import os
import secrets
import sqlite3
import subprocess
import sys
import tarfile
from contextlib import closing, contextmanager
from pathlib import Path
from urllib.parse import quote

import pytest
from django.apps import apps
from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import FileField

from assessments.models import Grade, Rubric
from assessments.scoring import criteria
from assessments.services import (
    attachment_add,
    draft_save,
    grade_save,
    grades_release,
    submission_get_or_create,
    submission_submit,
)
from assessments.tests.factories import AssignmentFactory
from courses.certificates.services import certificate_issue
from courses.certificates.tasks import render
from courses.models import Certificate
from courses.tests.factories import CohortFactory, EnrollmentFactory, build_program
from courses.tests.test_certificates import _finish
from lms.accounts.management.commands import backup, restore
from lms.accounts.models import User
from lms.storage import private_storage
from modules.models import ModulePage

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"
TEXT = "Подросток (имя изменено) согласился на встречу; стороны заключили договор."


def committed(test):
    """Committed data, so that pg_dump (another process) and SQLite's backup API (which waits
    forever on a connection inside a write transaction) see it; serialized rollback gives
    back the roles and pages from the data migrations that earlier transactional tests
    flushed."""
    return pytest.mark.django_db(transaction=True, serialized_rollback=True)(test)


@pytest.fixture
def roots(settings, tmp_path, monkeypatch):
    """Upload folders and key of this test only: the shared var/test-* folders change under
    other test runs."""
    shared = private_storage()
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    # File fields took their private storage when the models were loaded: move them too.
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, FileField) and field.storage is shared:
                monkeypatch.setattr(field, "storage", private_storage())
    settings.LMS_CREDENTIAL_KEY_FILE = str(tmp_path / "credential-key.pem")
    Path(settings.LMS_CREDENTIAL_KEY_FILE).write_bytes(secrets.token_bytes(64))
    default_storage.save("images/logo.png", ContentFile(secrets.token_bytes(300)))
    return settings


def files_under(root) -> dict[str, bytes]:
    root = Path(root)
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def build_world(users):
    """An enrollment with a graded, released submission (with an attachment) and a certificate."""
    program = build_program(modules=1, lessons=1)
    cohort = CohortFactory(program=program, trainers=[users["trainer"]])
    enrollment = EnrollmentFactory(cohort=cohort, user=users["trainee"])
    assignment = AssignmentFactory(
        module=ModulePage.objects.child_of(program).get(), max_score=18, passing_score=10
    )
    trainee, trainer = users["trainee"], users["trainer"]
    submission = submission_get_or_create(assignment=assignment, enrollment=enrollment)
    draft_save(submission=submission, text=TEXT, revision=0, by=trainee)
    attachment_add(submission=submission, upload=SimpleUploadedFile("scan.pdf", PDF), by=trainee)
    submission_submit(submission=submission, by=trainee)
    choices = {cid: 2 for cid, _value in criteria(Rubric.objects.get())}
    grade_save(submission=submission, by=trainer, choices=choices, final=True)
    grades_release(assignment=assignment, cohort=cohort, by=trainer)
    _finish(enrollment)
    certificate = certificate_issue(
        enrollment=enrollment, by=users["registrar"], render_later=False
    )
    render(certificate)


def select(model, columns: str) -> str:
    return f"SELECT {columns} FROM {model._meta.db_table}"  # noqa: S608 - names from our models


@contextmanager
def empty_database(tmp_path):
    """A new, empty database: its DATABASE_URL and a function running SQL on it."""
    if connection.vendor == "sqlite":
        path = tmp_path / "restored.sqlite3"

        def query_file(sql):
            with closing(sqlite3.connect(path)) as db:
                return db.execute(sql).fetchall()

        yield f"sqlite:///{path}", query_file
        return
    import psycopg
    from psycopg.sql import SQL, Identifier

    current = connection.settings_dict
    server = {
        "host": current["HOST"] or "localhost",
        "port": current["PORT"] or "5432",
        "user": current["USER"] or None,
        "password": current["PASSWORD"] or None,
    }
    name = f"lms_helper_backup_restore_{secrets.token_hex(4)}"

    def admin(statement):
        with psycopg.connect(dbname="postgres", autocommit=True, **server) as pg:
            pg.execute(SQL(statement).format(Identifier(name)))

    def query(sql):
        with psycopg.connect(dbname=name, **server) as pg:
            return pg.execute(sql).fetchall()

    admin("CREATE DATABASE {}")
    auth = ":".join(quote(server[k], safe="") for k in ("user", "password") if server[k])
    try:
        yield f"postgres://{auth}@{server['host']}:{server['port']}/{name}", query
    finally:
        admin("DROP DATABASE IF EXISTS {} WITH (FORCE)")


def restore_elsewhere(folder, database_url, var_dir):
    """`restore` in its own process, with the test settings pointed at another database and
    other upload folders (the test settings put them under LMS_VAR_DIR)."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lms.settings.test",
        "DATABASE_URL": database_url,
        "LMS_VAR_DIR": str(var_dir),
    }
    return subprocess.run(  # noqa: S603 - this interpreter, our manage.py
        [sys.executable, "manage.py", "restore", str(folder)],
        cwd=django_settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )


@committed
def test_a_backup_restores_users_grades_certificates_and_files_into_an_empty_database(
    roots, users, tmp_path
):
    build_world(users)
    call_command(backup.Command(), "--output", str(tmp_path / "backups"), stdout=io.StringIO())
    [folder] = (tmp_path / "backups").iterdir()
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["database"]["vendor"] == connection.vendor
    assert manifest["counts"]["users"] == User.objects.count()
    assert manifest["counts"]["grades"] == manifest["counts"]["certificates"] == 1
    assert set(manifest["sha256"]) == {backup.DUMPS[connection.vendor], "media.tar.gz"}

    emails = sorted(User.objects.values_list("email", flat=True))
    grades = [(float(g.score), g.final) for g in Grade.objects.all()]
    certificates = sorted(Certificate.objects.values_list("number", "code", "holder_name", "pdf"))
    var_dir = tmp_path / "restored-var"
    with empty_database(tmp_path) as (url, query):
        result = restore_elsewhere(folder, url, var_dir)
        assert result.returncode == 0, result.stderr
        assert "certificates" in result.stdout and "restored" in result.stdout
        assert sorted(email for (email,) in query(select(User, "email"))) == emails
        rows = query(select(Grade, "score, final"))
        assert [(float(score), bool(final)) for score, final in rows] == grades
        rows = query(select(Certificate, "number, code, holder_name, pdf"))
        assert sorted(rows) == [tuple(c) for c in certificates]

    private = files_under(roots.PRIVATE_MEDIA_ROOT)
    assert any(name.startswith("certificates/") for name in private)
    assert any(name.startswith("submissions/") for name in private)
    assert files_under(var_dir / "test-private") == private
    assert files_under(var_dir / "test-media") == files_under(roots.MEDIA_ROOT)
    key = var_dir / "test-credential-key.pem"
    assert key.read_bytes() == Path(roots.LMS_CREDENTIAL_KEY_FILE).read_bytes()
    assert key.stat().st_mode & 0o077 == 0


@pytest.fixture
def made_backup(roots, make_user, tmp_path):
    make_user()
    Path(roots.PRIVATE_MEDIA_ROOT, "consents").mkdir(parents=True)
    Path(roots.PRIVATE_MEDIA_ROOT, "consents", "scan.pdf").write_bytes(PDF)
    call_command(backup.Command(), "--output", str(tmp_path / "backups"), stdout=io.StringIO())
    [folder] = (tmp_path / "backups").iterdir()
    # Changed after the backup, so a restore that went ahead would be seen putting it back.
    Path(roots.PRIVATE_MEDIA_ROOT, "consents", "scan.pdf").write_bytes(PDF + b"signed")
    return folder


def attempt_restore(folder, roots, *args):
    """Run a restore that must be refused; return its message after checking nothing moved."""
    users = sorted(User.objects.values_list("email", flat=True))
    private, media = files_under(roots.PRIVATE_MEDIA_ROOT), files_under(roots.MEDIA_ROOT)
    with pytest.raises(CommandError) as refused:
        call_command(restore.Command(), str(folder), *args, stdout=io.StringIO())
    assert sorted(User.objects.values_list("email", flat=True)) == users
    assert files_under(roots.PRIVATE_MEDIA_ROOT) == private
    assert files_under(roots.MEDIA_ROOT) == media
    return str(refused.value)


@committed
def test_restore_refuses_a_database_that_already_has_users(made_backup, roots):
    assert "already has users" in attempt_restore(made_backup, roots)


@committed
def test_a_tampered_dump_is_refused_even_with_force_and_nothing_changes(made_backup, roots):
    dump = made_backup / backup.DUMPS[connection.vendor]
    data = bytearray(dump.read_bytes())
    data[len(data) // 2] ^= 0xFF
    dump.write_bytes(bytes(data))
    assert "sha256" in attempt_restore(made_backup, roots, "--force")


@committed
def test_an_archive_member_escaping_the_upload_folders_is_refused(made_backup, roots, tmp_path):
    archive = made_backup / "media.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        evil = tarfile.TarInfo("private/../../escaped.txt")
        tar.addfile(evil, io.BytesIO(b""))
    manifest = json.loads((made_backup / "manifest.json").read_text())
    manifest["sha256"]["media.tar.gz"] = backup.sha256(archive)
    (made_backup / "manifest.json").write_text(json.dumps(manifest))
    assert "Unsafe archive member" in attempt_restore(made_backup, roots, "--force")
    assert not (tmp_path / "escaped.txt").exists()


def test_backup_fails_clearly_when_the_output_is_a_file(tmp_path):
    target = tmp_path / "not-a-folder"
    target.write_text("")
    with pytest.raises(CommandError, match="not a folder"):
        call_command(backup.Command(), "--output", str(target))
