"""Purging what has outlived its retention period; a dry run reports without touching."""

import logging
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from lms.privacy.registry import Erase, registry
from lms.storage import delete_on_commit

logger = logging.getLogger(__name__)


@dataclass
class PurgeLine:
    name: str
    describe: str
    cutoff: date
    count: int


def retention_purge(*, apply: bool = False, today: date | None = None) -> list[PurgeLine]:
    today = today or timezone.localdate()
    report = []
    for rule in registry.retention:
        cutoff = today - rule.period()
        rows = rule.expired(cutoff)
        line = PurgeLine(rule.name, str(rule.describe), cutoff, rows.count())
        if apply and line.count:
            with transaction.atomic():
                for obj in rows.order_by("pk"):
                    for name in rule.files:
                        delete_on_commit(getattr(obj, name))  # once the rows are gone
                if rule.action == Erase.DELETE:
                    rows.delete()
                else:
                    rows.update(**dict.fromkeys(rule.blank, ""))
        report.append(line)
        logger.info(
            "retention %s: %s rows before %s%s",
            rule.name,
            line.count,
            cutoff,
            "" if apply else " (dry run)",
        )
    return report


@task()
def purge_expired() -> list[dict]:
    """The scheduled form (cron or a systemd timer enqueues it daily; see README)."""
    return [
        line.__dict__ | {"cutoff": line.cutoff.isoformat()} for line in retention_purge(apply=True)
    ]
