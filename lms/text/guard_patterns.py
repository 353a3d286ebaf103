"""Personal data found by regular expressions, for the confidentiality guard (plain functions).

Phones, emails, addresses and school numbers; and Russian document numbers. A number in a
document's own layout is reported wherever it stands: СНИЛС "123-456-789 01", passport
"45 06 123456", birth certificate "II-ИК № 123456" (roman-numeral series and two Cyrillic
letters), 16-digit ОМС policy. A bare run of digits counts only right after the document's
name ("ИНН 4205…", "паспорт: 4506 123456"), except a 12-digit ИНН whose two check digits
hold: a random 12-digit number passes them once in a hundred.
"""

import re

# --------------------------------------------------------------------------- contacts, places
_SEP = r"[\s\-‐–()]{0,3}"
PHONE_RE = re.compile(
    rf"(?<![\w+])(?:\+\s?7|8){_SEP}\d{{3,5}}{_SEP}\d{{1,3}}{_SEP}\d{{2}}{_SEP}\d{{2}}(?!\w)"
    rf"|(?<![\w+\-])9\d{{2}}{_SEP}\d{{3}}[\s\-]?\d{{2}}[\s\-]?\d{{2}}(?![\w\-])"
)
# A short local number only after the word: "дом. тел. 52-07-33".
LOCAL_PHONE_RE = re.compile(
    r"(?i:\bтел\.?|\bтелефон\w*)(?:\s+\w+){0,2}?[\s:.—–-]*(?P<n>(?<![\d\-])\d{2,3}-\d{2}-\d{2})(?![\d\-])"
)
EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}(?!\w)")
_STREET = (
    r"(?i:ул\.|улиц[аеуыи]|улицей|пр-к?т[ае]?\.?|просп\.|(?<!\bи )пр\.|проспект(?:а|е|у|ом)?|пер\."
    r"|переул(?:ок|ка|ке|ку|ком)|б-р|бульвар(?:а|е|у|ом)?|пл\.|площад(?:ь|и|ью)|ш\.|шоссе|наб\."
    r"|набережн(?:ая|ой|ую)|мкр\.?|микрорайон(?:а|е|у|ом)?|проезд(?:а|е|у|ом)?|тупик(?:а|е)?)"
)
_HOUSE = (
    r"(?:\s*,?\s*(?:(?:д\.|дом(?:а|е)?|№)\s*)?\d+(?:\s*[а-яА-Я](?![а-яё]))?(?:\s*[/-]\s*\d+)?"
    r"(?:\s*,?\s*(?:корп\.|корпус|к\.|стр\.|строение)\s*\d+)?(?:\s*,?\s*(?:кв\.|квартира|кв)\s*\d+)?)?"
)
ADDRESS_RE = re.compile(
    rf"(?:(?:г\.|город|пос\.|пгт|с\.)\s*[А-ЯЁ][а-яё\-]+,?\s*)?\b{_STREET}\s*"
    rf"(?:\d{{1,2}}\s+)?[А-ЯЁ][А-Яа-яЁё\-]+(?:\s+(?:лет\s+)?[А-ЯЁ][а-яё\-]+){{0,2}}{_HOUSE}"
    rf"|\b[А-ЯЁ][а-яё]+(?:ом|ой|ий|ый|ая|ого|ому|ую|ое)\s+"
    rf"(?:проспект|переул|бульвар|шоссе|проезд|тупик|площад|набережн)[а-я]*\.?{_HOUSE}"
    r"|\bд\.\s*\d+[а-я]?(?:\s*,?\s*(?:корп\.|стр\.)\s*\d+)?(?:\s*,?\s*кв\.\s*\d+)?|\bкв\.\s*\d+"
)
_NOT_HOUSE = (
    r"(?!\w)(?![.,]\d)(?!\s*(?:час|лет|год|мин|руб|раз|класс|челов|учени|смен|кабинет|этаж|%"
    r"|январ|феврал|март|апрел|ма[яй]|июн|июл|август|сентябр|октябр|ноябр|декабр))"
)
# "живут на Садовой, 14": a street without the word "улица", but with a house number.
STREET_ONLY_RE = re.compile(
    rf"\b(?:на|по)\s+(?P<n>[А-ЯЁ][а-яё]+(?:ой|ей)\s*,\s*\d{{1,3}}[а-я]?(?:\s*[-/]\s*\d{{1,4}})?){_NOT_HOUSE}"
)
_SCHOOL_WORD = (
    r"(?i:школ[аыеуой]{1,2}(?:-интернат(?:а|е|у|ом)?)?|СОШ|ООШ|НОШ|шк\.|лице(?:й|я|е|ю|ем)"
    r"|гимнази(?:я|и|ю|ей)|детск(?:ий|ого|ом|ому|им)\s+са(?:д|да|ду|дом)|д/с|ДОУ"
    r"|колледж(?:а|е|у|ем)?|техникум(?:а|е|у|ом)?|интернат(?:а|е|у|ом)?)"
)
SCHOOL_RE = re.compile(
    rf"(?:(?:МБОУ|МАОУ|МКОУ|ГБОУ|ГБПОУ|МОУ|ГОУ|ЧОУ|НОУ|МБДОУ|МАДОУ|ДОУ)\s*[«\"]?\s*)?"
    rf"\b{_SCHOOL_WORD}[»\"]?\s*(?:№|N|No\.?)\s*\d+[»\"]?"
    r"|(?:МБОУ|МАОУ|ГБОУ|МОУ)\s*(?:СОШ|школа|гимназия|лицей)?\s*№?\s*\d+"
    r"|\b\d{1,4}(?:-?(?:й|я|ю|ой|ую|ая|ом|ей))?\s+(?i:школ[аыеуой]{1,2}|гимнази(?:я|и|ю|ей)|лице(?:й|я|е|ю|ем))\b"
)
# "гимназии 44": a school's number without "№", unless it counts something else.
SCHOOL_PLAIN_RE = re.compile(
    r"\b(?P<n>(?i:школ[аыеуой]{1,2}|гимнази(?:я|и|ю|ей)|лице(?:й|я|е|ю|ем))\s+\d{1,4})(?![\d\-])"
    r"(?=\s*(?:[,.;:!?)»\"—–]|$)|\s+(?:и|а|но|или|в|во|на|с|со|у|к|по|из|за|где|когда)\b)"
)
_REGEXES = (
    ("EMAIL", EMAIL_RE),
    ("PHONE", PHONE_RE),
    ("PHONE", LOCAL_PHONE_RE),
    ("SCHOOL", SCHOOL_RE),
    ("SCHOOL", SCHOOL_PLAIN_RE),
    ("ADDRESS", ADDRESS_RE),
    ("ADDRESS", STREET_ONLY_RE),
)


def find_regex_pii(text):
    out = find_document_numbers(text)  # first: a document number is not also a phone
    for kind, rx in _REGEXES:
        for m in rx.finditer(text):
            s, e = m.span("n") if "n" in rx.groupindex else m.span()
            while e > s and text[e - 1] in " ,":
                e -= 1
            if rx is PHONE_RE:
                digits = re.sub(r"\D", "", text[s:e])
                # 8-800 numbers are free lines of organisations (the children's helpline).
                if len(digits) not in (10, 11) or digits[-10:].startswith("800"):
                    continue
            if not any(s < oe and os < e for os, oe, _ in out):
                out.append((s, e, kind))
    return out


# --------------------------------------------------------------------------- document numbers
# Not inside a longer number, a date, an amount or a code ("12.03.2024", "2024/15").
_B = r"(?<![\d\-/.,])"
_A = r"(?![\d\-/]|[.,]\d)"
_DASH = r"[\s:№—–\-]*"

SNILS_RE = re.compile(
    rf"{_B}(?P<n>\d{{3}}([\- ])\d{{3}}\2\d{{3}}[\- ]\d{{2}}){_A}"
    rf"|(?i:снилс|страхов\w*\s+номер\w*){_DASH}(?P<m>{_B}\d{{11}}){_A}"
)
PASSPORT_RE = re.compile(
    rf"{_B}(?P<n>\d{{2}} \d{{2}} \d{{6}}){_A}"
    rf"|(?i:паспорт\w*(?:\s+[\w.]+){{0,3}}?|сери[яи]|сер\.)[\s:,]*(?i:(?:сери[яи]|сер\.)\s*)?"
    rf"(?P<m>{_B}\d{{2}}\s?\d{{2}}[\s,]*(?i:(?:№|N|номер)\s*)?\d{{6}}){_A}"
)
_SERIES = r"(?:[IVXLCІХ]{1,5}|\d{1,2})\s?-\s?[А-ЯЁ]{2}"
BIRTH_RE = re.compile(
    r"(?<![\w\-])(?P<n>(?:[IVXLCІХ]{1,5})\s?-\s?[А-ЯЁ]{2}\s*(?:№|N)?\s*\d{6})(?!\d)"
    r"|(?i:свидетельств\w*\s+о\s+рожд\w*\.?|св-в\w*\s+о\s+рожд\w*\.?)"
    rf"[^\d\n]{{0,30}}?(?P<m>{_SERIES}\s*(?:№|N)?\s*\d{{6}})(?!\d)"
)
INN_RE = re.compile(
    rf"(?:\bИНН\b|(?i:налогоплательщик\w*|налогов\w*\s+номер\w*)){_DASH}"
    rf"(?P<n>{_B}(?:\d{{12}}|\d{{10}})){_A}"
    rf"|(?P<m>{_B}\d{{12}}){_A}"
)
POLICY_RE = re.compile(rf"(?P<n>{_B}\d{{4}}([ \-]?)\d{{4}}\2\d{{4}}\2\d{{4}}){_A}")


def _inn12_valid(digits: str) -> bool:
    d = [int(c) for c in digits]
    c11 = sum(a * b for a, b in zip(d, (7, 2, 4, 10, 3, 5, 9, 4, 6, 8), strict=False)) % 11 % 10
    c12 = sum(a * b for a, b in zip(d, (3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8), strict=False)) % 11 % 10
    return d[10] == c11 and d[11] == c12


def find_document_numbers(text: str) -> list[tuple[int, int, str]]:
    """[(start, end, kind)] with kind SNILS, PASSPORT, INN, BIRTH_CERTIFICATE or POLICY."""
    out = []
    for kind, rx in (
        ("BIRTH_CERTIFICATE", BIRTH_RE),
        ("SNILS", SNILS_RE),
        ("POLICY", POLICY_RE),
        ("INN", INN_RE),
        ("PASSPORT", PASSPORT_RE),
    ):
        for m in rx.finditer(text):
            group = "n" if m.group("n") else "m"
            if kind == "INN" and group == "m" and not _inn12_valid(m.group("m")):
                continue
            s, e = m.span(group)
            if not any(s < oe and os < e for os, oe, _ in out):
                out.append((s, e, kind))
    return out
