"""`manage.py backup --output DIR`: database dump, uploads and signing key, with a manifest,
in a new DIR/lms-backup-<time>/ folder on every run.

`manage.py restore DIR` (restore.py) reads what this writes; both share the helpers below.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from contextlib import closing
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from lms.file_refs import referenced_files
from lms.storage import BackupRunning, deletions_deferred

DUMPS = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}
ARCHIVE = "media.tar.gz"
KEY_MEMBER = "credential-key.pem"
COUNTED = {
    "users": "accounts.User",
    "enrollments": "courses.Enrollment",
    "submissions": "assessments.Submission",
    "grades": "assessments.Grade",
    "certificates": "courses.Certificate",
}


def sha256(path) -> str:
    with open(path, "rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()


def upload_roots() -> dict[str, Path]:  # top-level folder in the archive -> folder on disk
    return {"media": Path(settings.MEDIA_ROOT), "private": Path(settings.PRIVATE_MEDIA_ROOT)}


def row_counts(cursor) -> dict[str, int]:
    """Plain SQL, so it also runs on a bare sqlite3 cursor (the copy just written)."""
    counts = {}
    for label, model in COUNTED.items():
        table = connection.ops.quote_name(apps.get_model(model)._meta.db_table)
        cursor.execute(f"SELECT COUNT(*) FROM {table}")  # noqa: S608 - names from our models
        counts[label] = cursor.fetchone()[0]
    return counts


def applied_migrations(cursor) -> dict[str, dict]:
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
    summary: dict[str, dict] = {}
    for app, name in cursor.fetchall():
        entry = summary.setdefault(app, {"count": 0})
        entry["count"] += 1
        entry["latest"] = name
    return summary


def open_connection(command: str) -> None:
    try:
        connection.ensure_connection()
    except DatabaseError as error:
        raise CommandError(f"{command}: cannot connect to the database: {error}") from error
    # SQLite's backup API would wait forever on our own write lock, and pg_dump/pg_restore
    # (other processes) can neither see uncommitted rows nor get past our locks.
    raw = connection.connection
    if connection.in_atomic_block or getattr(raw, "in_transaction", False):
        raise CommandError(f"{command} cannot run inside an open database transaction.")


def pg_command(program: str, *options: str) -> tuple[list[str], dict[str, str]]:
    """argv and environment for a PostgreSQL client tool: the password only in PGPASSWORD."""
    db = connection.settings_dict
    argv = [program, *options, "--no-password"]
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db[key]:
            argv.append(f"{flag}={db[key]}")
    argv.append(f"--dbname={db['NAME']}")
    _args, env = connection.client.settings_to_cmd_args_env(db, [])
    return argv, {**os.environ, **(env or {})}


def run_tool(argv: list[str], env: dict[str, str]) -> None:
    try:
        # No shell; the password is in env, never in argv (visible to every user in ps).
        # cwd: the site's user may not enter the administrator's working folder.
        result = subprocess.run(  # noqa: S603 - argv built by pg_command from settings
            argv, env=env, capture_output=True, text=True, check=False, cwd="/"
        )
    except FileNotFoundError as error:
        raise CommandError(f"{argv[0]} not found: install the PostgreSQL client tools.") from error
    if result.returncode:
        raise CommandError(f"{argv[0]} failed: {result.stderr.strip()}")


class Command(BaseCommand):
    help = "Back up the database, uploads and credential key into a new folder with a manifest."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            required=True,
            help="Folder that collects backups (made if missing): each run writes a new "
            "lms-backup-<time> folder inside it and prints its name.",
        )

    def handle(self, *args, output, **options):
        if settings.LMS_S3:
            warning = "Uploads are in the S3 bucket, not in this backup: back the bucket up too."
            self.stderr.write(self.style.WARNING(warning))
        final, staging = self.destination(Path(output))
        try:
            manifest = self.write(staging)
            # Published only once complete: a failed run leaves no half-written backup.
            staging.rename(final)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        self.stdout.write(self.style.SUCCESS(f"Backup written to {final}"))
        for label, count in manifest["counts"].items():
            self.stdout.write(f"  {label}: {count}")

    def destination(self, output: Path) -> tuple[Path, Path]:
        """(the new backup folder inside ``output``, a staging folder beside it).

        Every run makes its own lms-backup-<time> folder, so the same --output (a nightly
        timer's) collects backups side by side and never writes into an earlier one.
        """
        if output.exists() and not output.is_dir():
            raise CommandError(f"{output} is not a folder: give a folder for the backup.")
        output.mkdir(mode=0o700, parents=True, exist_ok=True)
        stamp = f"lms-backup-{timezone.localtime():%Y%m%d-%H%M%S}"
        final = output / stamp
        for suffix in range(2, 100):
            if not final.exists():
                break
            final = output / f"{stamp}-{suffix}"
        else:
            raise CommandError(f"{final} already exists.")
        # mkdtemp makes the folder 0700: nobody else can look in while files are written.
        staging = tempfile.mkdtemp(prefix=f".{final.name}.partial-", dir=output)
        return final, Path(staging)

    def write(self, folder: Path) -> dict:
        vendor = connection.vendor
        if vendor not in DUMPS:
            raise CommandError(f"Backups support PostgreSQL and SQLite, not {vendor}.")
        open_connection("backup")
        dump = folder / DUMPS[vendor]
        dumper = self.dump_postgresql if vendor == "postgresql" else self.dump_sqlite
        archive = folder / ARCHIVE
        # Uploads after the database: a file uploaded meanwhile is only an orphan on restore.
        # Files deleted meanwhile stay on disk until the archive is written (lms/storage.py),
        # so every row of the dump finds its file in the archive.
        try:
            with deletions_deferred():
                counts, migrations = dumper(dump)
                self.archive(archive)
        except BackupRunning as error:
            raise CommandError(str(error)) from error
        missing = [ref for ref in self.referenced if ref.member not in self.archived]
        for ref in missing:
            self.stderr.write(self.style.WARNING(f"Missing before the backup: {ref.member}"))
        manifest = {
            "format": 1,
            "created": timezone.now().isoformat(),
            "database": {"vendor": vendor, "migrations": migrations},
            "counts": counts,
            "missing_files": [f"{ref.label}: {ref.member}" for ref in missing],
            "sha256": {path.name: sha256(path) for path in (dump, archive)},
        }
        (folder / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
        for path in folder.iterdir():
            path.chmod(0o600)
        return manifest

    def dump_postgresql(self, path: Path):
        with transaction.atomic(), connection.cursor() as cursor:
            # pg_dump imports this transaction's snapshot: the counts describe exactly the dump.
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            counts, migrations = row_counts(cursor), applied_migrations(cursor)
            self.referenced = referenced_files(cursor, upload_roots())
            options = ("--format=custom", f"--snapshot={snapshot}", f"--file={path}")
            run_tool(*pg_command("pg_dump", *options))
        return counts, migrations

    def dump_sqlite(self, path: Path):
        with closing(sqlite3.connect(path)) as copy:
            connection.connection.backup(copy)
            # A single self-contained file, with no -wal beside it.
            copy.execute("PRAGMA journal_mode=DELETE")
            # Counted in the copy itself, so the counts describe exactly what was saved.
            cursor = copy.cursor()
            self.referenced = referenced_files(cursor, upload_roots())
            return row_counts(cursor), applied_migrations(cursor)

    def archive(self, path: Path) -> None:
        def plain(member: tarfile.TarInfo):
            # restore accepts only files and folders; links would be refused there.
            if member.isfile() or member.isdir():
                self.archived.add(member.name)
                return member
            self.stderr.write(self.style.WARNING(f"Skipped (not a file): {member.name}"))
            return None

        self.archived: set[str] = set()
        with tarfile.open(path, "w:gz") as tar:
            for name, root in upload_roots().items():
                if root.is_dir():
                    tar.add(root, arcname=name, filter=plain)
            key = Path(settings.LMS_CREDENTIAL_KEY_FILE)
            if key.is_file():
                tar.add(key, arcname=KEY_MEMBER)
