"""`manage.py restore DIR [--force]`: put back what `manage.py backup` wrote.

Everything that can be checked is checked before anything changes: the checksums, an existing
database with users, upload folders or a signing key already in place (the live site's, unless
LMS_VAR_DIR points elsewhere), and every member of the upload archive.
"""

import copy
import json
import os
import sqlite3
import tarfile
from contextlib import closing
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from lms.file_refs import missing_on_disk, referenced_files

from .backup import (
    ARCHIVE,
    DUMPS,
    KEY_MEMBER,
    open_connection,
    pg_command,
    row_counts,
    run_tool,
    sha256,
    upload_roots,
)


def _renamed(member: tarfile.TarInfo, name: str) -> tarfile.TarInfo:
    # TarInfo.replace() and extraction filters arrived in 3.11.4; Debian 12 has 3.11.2.
    renamed = copy.copy(member)
    renamed.name = name
    return renamed


def _extract(tar: tarfile.TarFile, member: tarfile.TarInfo, root: Path) -> None:
    if hasattr(tarfile, "data_filter"):
        # "data" refuses links, devices and escapes again, and drops owners and modes.
        tar.extract(member, path=root, filter="data")
    else:
        # placements() let only plain files and folders inside the roots through; owners and
        # modes are made safe here as "data" would: this process's, without write for others.
        safe = copy.copy(member)
        safe.mode = member.mode & 0o755
        safe.uid, safe.gid, safe.uname, safe.gname = os.getuid(), os.getgid(), "", ""
        tar.extract(safe, path=root)


class Command(BaseCommand):
    help = "Restore a backup made by `manage.py backup` into the configured database and folders."

    def add_arguments(self, parser):
        parser.add_argument("folder", help="The backup folder (the one holding manifest.json).")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Restore even though the database already has users (their data is replaced).",
        )

    def handle(self, *args, folder, force, **options):
        folder = Path(folder)
        manifest = self.verified_manifest(folder)
        open_connection("restore")
        if not force and self.has_users():
            raise CommandError(
                "The database already has users: restoring would replace them. "
                "Restore into an empty database, or pass --force to replace its data."
            )
        if not force and (occupied := self.occupied()):
            raise CommandError(
                f"Files are already in {', '.join(occupied)}: restoring would mix the backup's "
                "files with them. Point LMS_VAR_DIR at an empty folder (to try a backup beside "
                "a live site), or pass --force to write over them."
            )
        self.stdout.write(
            f"Restoring into the database {connection.settings_dict['NAME']} and "
            f"{', '.join(map(str, upload_roots().values()))} (LMS_VAR_DIR)."
        )
        with tarfile.open(folder / ARCHIVE) as tar:
            placed = self.placements(tar)
            self.restore_database(folder / DUMPS[connection.vendor])
            self.extract(tar, placed)
        missing = self.missing_files()
        self.compare(manifest["counts"])
        if missing:
            raise CommandError(
                f"{len(missing)} files that rows point at are missing (listed above): the "
                "backup was made without them. Restore them from an older backup."
            )
        executor = MigrationExecutor(connection)
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            self.stdout.write(
                self.style.WARNING(
                    "This code has migrations newer than the backup: run `manage.py migrate`."
                )
            )

    def verified_manifest(self, folder: Path) -> dict:
        try:
            manifest = json.loads((folder / "manifest.json").read_text())
        except FileNotFoundError as error:
            raise CommandError(f"No manifest.json in {folder}: not a backup folder.") from error
        vendor = manifest["database"]["vendor"]
        if vendor != connection.vendor:
            raise CommandError(
                f"The backup holds a {vendor} database; this site uses {connection.vendor}."
            )
        needed = {DUMPS[vendor], ARCHIVE}
        if not needed <= set(manifest["sha256"]):
            raise CommandError(f"The manifest does not list {', '.join(sorted(needed))}.")
        for name, digest in manifest["sha256"].items():
            # A name is a file in this folder, never a path leading out of it.
            path = folder / name
            if Path(name).name != name or not path.is_file():
                raise CommandError(f"{name}: missing from {folder}. Nothing was restored.")
            if sha256(path) != digest:
                raise CommandError(
                    f"{name}: sha256 does not match the manifest; the backup is damaged or "
                    "was changed. Nothing was restored."
                )
        return manifest

    def has_users(self) -> bool:
        user = get_user_model()
        if user._meta.db_table not in connection.introspection.table_names():
            return False
        return user.objects.exists()

    def occupied(self) -> list[str]:
        """Upload folders holding files, and the signing key if one is there already."""
        found = [
            str(root)
            for root in upload_roots().values()
            if root.is_dir() and any(path.is_file() for path in root.rglob("*"))
        ]
        key = Path(settings.LMS_CREDENTIAL_KEY_FILE)
        return [*found, str(key)] if key.exists() else found

    def placements(self, tar: tarfile.TarFile) -> list[tuple[tarfile.TarInfo, Path | None]]:
        """(member renamed relative to its folder, that folder; None for the key file), all
        checked before anything is written."""
        roots = upload_roots()
        placed: list[tuple[tarfile.TarInfo, Path | None]] = []
        for member in tar.getmembers():
            path = PurePosixPath(member.name)
            top, rest = path.parts[0] if path.parts else "", path.parts[1:]
            safe = not path.is_absolute() and ".." not in path.parts
            if safe and member.isfile() and member.name == KEY_MEMBER:
                placed.append((member, None))
            elif safe and top in roots and (member.isfile() or member.isdir()):
                if rest:
                    placed.append((_renamed(member, "/".join(rest)), roots[top]))
            else:
                raise CommandError(f"Unsafe archive member {member.name!r}: nothing was restored.")
        return placed

    def restore_database(self, dump: Path) -> None:
        if connection.vendor == "postgresql":
            # pg_restore drops and recreates tables: this process must hold nothing open.
            connection.close()
            options = ("--clean", "--if-exists", "--no-owner", "--single-transaction")
            argv, env = pg_command("pg_restore", *options)
            run_tool([*argv, str(dump)], env)
        else:
            with closing(sqlite3.connect(dump)) as source:
                source.backup(connection.connection)
        self.stdout.write(f"Database restored from {dump.name}.")

    def extract(self, tar: tarfile.TarFile, placed) -> None:
        for root in upload_roots().values():
            root.mkdir(parents=True, exist_ok=True)
        for member, root in placed:
            if root is None:
                self.write_key(tar, member, Path(settings.LMS_CREDENTIAL_KEY_FILE))
            else:
                _extract(tar, member, root)
        self.stdout.write(f"Uploads restored into {', '.join(map(str, upload_roots().values()))}.")

    def write_key(self, tar: tarfile.TarFile, member: tarfile.TarInfo, path: Path) -> None:
        # Created 0600 from the start: the signing key is never readable by others, even briefly.
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as file:
            os.fchmod(file.fileno(), 0o600)
            file.write(tar.extractfile(member).read())
        self.stdout.write(f"Credential key restored to {path}.")

    def missing_files(self) -> list:
        """Every file a restored row points at must be on disk; each missing one is named."""
        roots = upload_roots()
        tables = set(connection.introspection.table_names())
        with connection.cursor() as cursor:
            missing = missing_on_disk(referenced_files(cursor, roots, tables), roots)
        for ref in missing:
            self.stderr.write(self.style.ERROR(f"Missing file: {ref.member} ({ref.label})"))
        if not missing:
            self.stdout.write("Every file the rows point at is there.")
        return missing

    def compare(self, expected: dict[str, int]) -> None:
        with connection.cursor() as cursor:
            restored = row_counts(cursor)
        self.stdout.write(f"{'':<14}{'in backup':>10}{'restored':>10}")
        for label, count in expected.items():
            self.stdout.write(f"{label:<14}{count:>10}{restored.get(label, 0):>10}")
        differ = [label for label, count in expected.items() if restored.get(label) != count]
        if differ:
            raise CommandError(f"Restored counts differ from the backup: {', '.join(differ)}.")
        self.stdout.write(self.style.SUCCESS("Restore complete: the counts match the backup."))
