"""The confidentiality guard: finds personal data in case texts before they are handed in.

Plain functions, no Django. Each finding names its kind and the text found, so the trainee
can replace it with a pseudonym. Names are the hard part; see `names` below.
"""

import re
from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Finding:
    kind: str
    text: str
    start: int
    end: int

    def as_dict(self) -> dict:
        return asdict(self)


PATTERNS = {
    "email": re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE),
    "phone": re.compile(r"(?<!\d)(?:\+7|8)[\s(-]*\d{3}[\s)-]*\d{3}[\s-]*\d{2}[\s-]*\d{2}(?!\d)"),
    "address": re.compile(
        r"\b(?:ул\.|улиц[аеуы]|пр-т|проспект[аеу]?|пер\.|переул(?:ок|ке)|б-р|бульвар[аеу]?)"
        r"\s*[А-ЯЁ0-9][\w-]*(?:\s[А-ЯЁ][\w-]*)?(?:,?\s*(?:д\.|дом)\s*\d+\w?)?(?:,?\s*кв\.\s*\d+)?",
        re.IGNORECASE,
    ),
    "school": re.compile(
        r"\b(?:школ[аеуы]|СОШ|ООШ|лице[йяюе]|гимнази[яиюей]|МБОУ|МАОУ)\s*(?:СОШ\s*)?№\s*\d+",
        re.IGNORECASE,
    ),
    # Name + patronymic ("Анна Сергеевна"), surname + initials ("Петров А. С.", "А.С. Петров").
    "name": re.compile(
        r"\b[А-ЯЁ][а-яё]+\s+[А-ЯЁ][а-яё]+(?:вич|вна|чна|тична|ична|ич)(?:а|у|ем|ой|е|ы)?\b"
        r"|\b[А-ЯЁ][а-яё]+(?:ов|ев|ин|ын|ская|ский|ова|ева|ина|ына)(?:а|у|ым|ой|ой|е)?\s+[А-ЯЁ]\.\s?[А-ЯЁ]\."
        r"|\b[А-ЯЁ]\.\s?[А-ЯЁ]\.\s?[А-ЯЁ][а-яё]+(?:ов|ев|ин|ын|ская|ский|ова|ева|ина|ына)\w*"
    ),
}
# Pseudonyms the trainee has already marked are fine.
MARKED = re.compile(r"\(\s*имя изменено\s*\)", re.IGNORECASE)


def find_personal_data(text: str) -> list[Finding]:
    findings = []
    for kind, pattern in PATTERNS.items():
        for match in pattern.finditer(text or ""):
            after = text[match.end() : match.end() + 20]
            if MARKED.match(after.lstrip()):
                continue
            findings.append(Finding(kind, match.group(0).strip(), match.start(), match.end()))
    return sorted(findings, key=lambda f: f.start)
