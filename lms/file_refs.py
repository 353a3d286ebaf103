"""The files the database's rows point at, for the backup and the restore to check.

Plain SQL on a cursor, so that it reads exactly the backup's snapshot (PostgreSQL's exported
snapshot, or the SQLite copy just written) rather than the live database.
"""

from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.core.files.storage import FileSystemStorage
from django.db import connection
from django.db.models import FileField


@dataclass(frozen=True)
class FileRef:
    label: str  # app_label.Model.field #pk, for the operator
    folder: str  # the archive's top-level folder ("media" or "private")
    name: str  # the path inside that folder

    @property
    def member(self) -> str:
        return f"{self.folder}/{self.name}"


def _folder_of(field: FileField, roots: dict[str, Path]) -> str | None:
    storage = field.storage
    if not isinstance(storage, FileSystemStorage):
        return None  # object storage: not in the archive at all (backup warns)
    location = Path(storage.location).resolve()
    for folder, root in roots.items():
        if Path(root).resolve() == location:
            return folder
    return None


def referenced_files(cursor, roots: dict[str, Path], tables=None) -> list[FileRef]:
    """``tables``: those that exist (a restored backup may predate a model), or None: all."""
    refs = []
    quote = connection.ops.quote_name
    for model in apps.get_models():
        meta = model._meta
        if meta.proxy or not meta.managed or (tables is not None and meta.db_table not in tables):
            continue
        for field in meta.concrete_fields:
            if not isinstance(field, FileField):
                continue
            folder = _folder_of(field, roots)
            if folder is None:
                continue
            cursor.execute(
                f"SELECT {quote(meta.pk.column)}, {quote(field.column)} "  # noqa: S608 - names from our models
                f"FROM {quote(meta.db_table)} WHERE {quote(field.column)} <> ''"
            )
            for pk, name in cursor.fetchall():
                refs.append(FileRef(f"{meta.label}.{field.name} #{pk}", folder, name))
    return refs


def missing_on_disk(refs: list[FileRef], roots: dict[str, Path]) -> list[FileRef]:
    return [ref for ref in refs if not (Path(roots[ref.folder]) / ref.name).is_file()]
