"""Reads for the registrar's desk: what a confirmed issuance will use."""

from dataclasses import dataclass

from django.utils import timezone

from courses.certificates.numbering import format_number
from courses.models import NumberSequence
from courses.models.certificates import SERIES


@dataclass(frozen=True)
class NumberPreview:
    series: str
    year: int
    count: int
    first: str
    last: str


def numbers_preview(*, kind: str, count: int, on=None) -> NumberPreview:
    """The numbers the next ``count`` documents of ``kind`` would get if issued now. Only a
    forecast: whoever issues in the meantime takes the next ones first."""
    series, year = SERIES[kind], (on or timezone.localdate()).year
    taken = (
        NumberSequence.objects.filter(series=series, year=year)
        .values_list("last", flat=True)
        .first()
        or 0
    )
    return NumberPreview(
        series=series,
        year=year,
        count=count,
        first=format_number(series, year, taken + 1),
        last=format_number(series, year, taken + max(count, 1)),
    )
