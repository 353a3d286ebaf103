"""Reads for the public check: a document by its QR code, or by its printed number together
with the holder's last name.

Numbers are sequential, so anyone can guess them: a number alone must not tell whether a
document exists, let alone whose it is. A lookup by number answers only when the last name
matches too, and a wrong number and a wrong name are the same answer (None).
"""

import hmac
import re
import unicodedata
from typing import NamedTuple

from courses.models import Certificate

# What the public page shows; the PDF, the enrollment and the audit trail stay out of reach.
PUBLIC_FIELDS = (
    "number",
    "status",
    "holder_name",
    "holder_last_name",
    "program_title",
    "hours",
    "issued_on",
    "revoked_at",
    "kind",
    "code",
)

# Codes are URL-safe base64: anything else (NUL bytes, quotes, 200 characters) is not one.
CODE = re.compile(r"[A-Za-z0-9_-]{8,64}")

DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
# Latin letters that look like the Cyrillic ones of a series (СО typed as "CO", "CY" for СУ):
# on paper the two alphabets are indistinguishable, so a typed number may mix them.
LOOKALIKES = str.maketrans("ABCEHKMOPTXY", "АВСЕНКМОРТХУ")
NUMBER = re.compile(r"([А-ЯЁ]{1,10})\s*-?\s*(\d{4})\s*-?\s*(\d{1,9})")
# "№ СУ-…" as printed; NFKC turns "№" into "No".
PREFIX = re.compile(r"^(?:№|NO\.?)\s*")


class Number(NamedTuple):
    series: str
    year: int
    sequence: int


def _dashes_to_hyphens(value: str) -> str:
    return re.sub(f"\\s*[{DASHES}]\\s*", "-", value)


def number_parse(value: str) -> Number | None:
    """A printed number ("СУ-2026-000002", "су 2026 2", "CY-2026-000002") or None."""
    value = _dashes_to_hyphens(unicodedata.normalize("NFKC", value).strip().upper())
    match = NUMBER.fullmatch(PREFIX.sub("", value).translate(LOOKALIKES))
    if match is None:
        return None
    series, year, sequence = match.groups()
    return Number(series, int(year), int(sequence))


def last_name_key(value: str) -> str:
    """A last name as compared: letter case, ё/е, spaces and kinds of dash do not matter."""
    value = unicodedata.normalize("NFKC", value).casefold().replace("ё", "е")
    return " ".join(_dashes_to_hyphens(value).split())


def certificate_by_code(code: str) -> Certificate | None:
    if not CODE.fullmatch(code):
        return None
    return Certificate.objects.filter(code=code).only(*PUBLIC_FIELDS).first()


def certificate_by_number(*, number: Number, last_name: str) -> Certificate | None:
    """The document with this number whose holder has this last name, else None."""
    certificate = (
        Certificate.objects.filter(series=number.series, year=number.year, sequence=number.sequence)
        .only(*PUBLIC_FIELDS)
        .first()
    )
    stored = last_name_key(certificate.holder_last_name) if certificate else ""
    typed = last_name_key(last_name)
    # Compared even when there is no document, and in constant time, so that the answer's
    # timing says no more than its text does.
    same = hmac.compare_digest(stored.encode(), typed.encode())
    if certificate is None or not stored or not same:
        return None
    return certificate
