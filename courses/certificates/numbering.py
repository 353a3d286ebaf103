"""Gapless numbers per series and year, safe under concurrent issuance.

The sequence row is locked (SELECT ... FOR UPDATE) in the transaction that creates the
certificate: a second issuer waits, and a rolled-back issue gives its number back.
"""

from django.db import transaction

from courses.models import NumberSequence

REGISTRATION_SERIES = "РЕГ"


def number_take(*, series: str, year: int) -> int:
    """The next number of ``series`` in ``year``; call inside the issuing transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("number_take must run inside the transaction that uses the number")
    # Create the row if this is the year's first number; a concurrent creator is harmless.
    NumberSequence.objects.bulk_create(
        [NumberSequence(series=series, year=year)], ignore_conflicts=True
    )
    sequence = NumberSequence.objects.select_for_update().get(series=series, year=year)
    sequence.last += 1
    sequence.save(update_fields=["last"])
    return sequence.last


def format_number(series: str, year: int, sequence: int) -> str:
    return f"{series}-{year}-{sequence:06d}"


def format_registration(year: int, sequence: int) -> str:
    return f"{year}/{sequence:05d}"
