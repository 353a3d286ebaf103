"""The confidentiality guard: finds personal data in Russian case texts before hand-in.

Plain functions, no Django. Phones, emails, addresses and school numbers by regular
expressions; names by Russian morphology (pymorphy3: given name, surname, patronymic) plus
context rules (capitalisation inside a sentence, the word before a patronymic, initials).
Names marked as pseudonyms ("Миша (имя изменено)", "назовём её Катя") and street names
("ул. Ленина") are not reported. Precision and recall on a labelled sample: bench/RESULTS.md.
"""

import re
import threading
from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Finding:
    kind: str
    text: str
    start: int
    end: int

    def as_dict(self) -> dict:
        return asdict(self)


KINDS = {
    "PERSON": "name",
    "PHONE": "phone",
    "EMAIL": "email",
    "ADDRESS": "address",
    "SCHOOL": "school",
}


# --------------------------------------------------------------------------- regex part
_SEP = r"[\s\-‐–()]{0,3}"
PHONE_RE = re.compile(
    rf"(?<![\w+])(?:\+\s?7|8){_SEP}\d{{3,5}}{_SEP}\d{{1,3}}{_SEP}\d{{2}}{_SEP}\d{{2}}(?!\w)"
    rf"|(?<![\w+\-])9\d{{2}}{_SEP}\d{{3}}[\s\-]?\d{{2}}[\s\-]?\d{{2}}(?![\w\-])"
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
_REGEXES = (
    ("EMAIL", EMAIL_RE),
    ("PHONE", PHONE_RE),
    ("SCHOOL", SCHOOL_RE),
    ("ADDRESS", ADDRESS_RE),
)


def find_regex_pii(text):
    out = []
    for kind, rx in _REGEXES:
        for m in rx.finditer(text):
            s, e = m.start(), m.end()
            while e > s and text[e - 1] in " ,":
                e -= 1
            if kind == "PHONE" and sum(c.isdigit() for c in text[s:e]) not in (10, 11):
                continue
            if not any(s < oe and os < e for os, oe, _ in out):
                out.append((s, e, kind))
    return out


# --------------------------------------------------------------------------- names
TOKEN_RE = re.compile(
    r"(?<!\w)[А-ЯЁA-Z]\.(?=\s*[А-ЯЁA-Z]|(?<=[А-ЯЁA-Z]\.\s[А-ЯЁA-Z]\.)|(?<=[А-ЯЁA-Z]\.[А-ЯЁA-Z]\.))"
    r"|[А-Яа-яЁёA-Za-z]+(?:-[А-Яа-яЁёA-Za-z]+)*|\d+|[^\w\s]"
)
INITIAL_RE = re.compile(r"^[А-ЯЁA-Z]\.$")
_ABBR = {
    "ул",
    "д",
    "кв",
    "г",
    "им",
    "пр",
    "пер",
    "т",
    "е",
    "см",
    "стр",
    "корп",
    "р",
    "пос",
    "с",
    "тел",
    "мкр",
    "наб",
    "пл",
}
_OPENERS = {"«", '"', "(", ":", "—", "–", "-", "„", "“"}
_END = {".", "!", "?", "…"}
PSEUDO_AFTER = re.compile(
    r"\(\s*(?:имя|имена|фамилия|фамилии|фио|имя и фамилия)\s+"
    r"(?:изменен[оаы]?|изменён[оа]?|вымышлен[оаы]?)\s*\)",
    re.I,
)
PSEUDO_BEFORE = re.compile(
    r"(?:назов[её]м\s+(?:его|её|ее|их)|условно|под\s+именем|псевдоним)\s*[:,«\"]?\s*$", re.I
)
EPONYM_BEFORE = re.compile(
    r"(?:\b(?:им|ул|пр|пер|пл)\.|\b(?:имени|улиц\w*|проспект\w*|переул\w*|бульвар\w*|площад\w*))\s*$",
    re.I,
)

_lock = threading.Lock()
_backend = {}


def _load():
    with _lock:
        if not _backend:
            import pymorphy3

            # Thresholds tuned on bench/guard/tuning.json: a name reading's score inside a
            # sentence, and the higher bar at the start of a sentence or quote.
            _backend.update(m=pymorphy3.MorphAnalyzer(), mid=0.05, init=0.5)
        return _backend


def _name_info(words):
    """[(name score, is patronymic)] for one sentence."""
    analyzer = (_backend or _load())["m"]
    out = []
    for word in words:
        if not word[0].isalpha():
            out.append((0.0, False))
            continue
        parses = analyzer.parse(word)
        score = sum(p.score for p in parses if {"Name", "Surn", "Patr"} & p.tag.grammemes)
        out.append((score, "Patr" in parses[0].tag))
    return out


def _is_cap(t):
    return t[0].isupper() and (len(t) == 1 or not t.isupper())


def _sentences(toks):
    out, cur = [], []
    for i, (t, _, _) in enumerate(toks):
        cur.append(i)
        if t in _END:
            nxt = toks[i + 1][0] if i + 1 < len(toks) else ""
            if (i and toks[i - 1][0].lower() in _ABBR) or (
                nxt and not (nxt[0].isupper() or nxt in '«"')
            ):
                continue
            out.append(cur)
            cur = []
    return [*out, cur] if cur else out


def find_names(text, lower_threshold=0.99):
    toks = [(m.group(), m.start(), m.end()) for m in TOKEN_RE.finditer(text)]
    n, b = len(toks), (_backend or _load())
    info, initial = [(0.0, False)] * n, set()
    for sent in _sentences(toks):
        for i, x in zip(sent, _name_info([toks[i][0] for i in sent]), strict=True):
            info[i] = x
        first = True
        for i in sent:  # capitalisation is uninformative at sentence/quote start
            t = toks[i][0]
            if t in _OPENERS or t in _END:
                first = True
            elif t[0].isalnum():
                if first:
                    initial.add(i)
                first = False
    name, weak = [False] * n, [False] * n
    for i, (t, _, _) in enumerate(toks):
        if not t[0].isalpha() or INITIAL_RE.match(t):
            continue
        sc = info[i][0]
        if _is_cap(t) and len(t) > 1:
            if i not in initial:
                name[i] = sc >= b["mid"]
            elif sc >= b["init"]:
                name[i] = True
            else:
                weak[i] = sc >= b["mid"]
        elif t.islower() and sc >= lower_threshold:  # "олег" typed in lower case
            name[i] = True
    for i in range(n - 1):  # "Любовь Михайловна": word before a patronymic
        if (
            toks[i][0][0].isalpha()
            and _is_cap(toks[i][0])
            and len(toks[i][0]) > 1
            and info[i + 1][1]
        ):
            name[i] = name[i + 1] = True
    for i in range(n):  # "Вера Николаевна" at sentence start
        if weak[i] and any(
            0 <= j < n and (name[j] or INITIAL_RE.match(toks[j][0])) for j in (i - 1, i + 1)
        ):
            name[i] = True
    changed = True
    while changed:  # attach initials: "Петров А. С.", "Т. А. Белова"
        changed = False
        for i, (t, _, _) in enumerate(toks):
            if (
                not name[i]
                and INITIAL_RE.match(t)
                and any(0 <= j < n and name[j] for j in (i - 1, i + 1))
            ):
                name[i] = changed = True
    spans = []
    for i in range(n):
        if name[i]:
            s, e = toks[i][1], toks[i][2]
            if spans and not text[spans[-1][1] : s].strip():
                spans[-1] = (spans[-1][0], e)
            else:
                spans.append((s, e))
    return spans


def _stem(w):
    w = w.lower().replace("ё", "е")
    return w[: max(3, len(w) - 2)]


def find_personal_data(text):
    """All findings, sorted by position. Names explicitly marked as pseudonyms
    ("Миша (имя изменено)", "назовём её Катя") and names inside addresses are not reported."""
    regex = find_regex_pii(text)
    places = [(s, e) for s, e, k in regex if k in ("ADDRESS", "SCHOOL")]
    names, pseudo = [], set()
    for s, e in find_names(text):
        after = text[e : e + 60]
        m = PSEUDO_AFTER.search(after)
        if (
            m and re.match(r"^[\s,]*(?:(?:и|,)?\s*[А-ЯЁ][а-яё]+\s*)*$", after[: m.start()])
        ) or PSEUDO_BEFORE.search(text[max(0, s - 30) : s]):
            pseudo.add(_stem(text[s:e]))
        elif not any(ps <= s and e <= pe for ps, pe in places) and not EPONYM_BEFORE.search(
            text[max(0, s - 20) : s]
        ):
            names.append((s, e))
    found = [(s, e, "PERSON") for s, e in names if _stem(text[s:e]) not in pseudo] + regex
    return [Finding(KINDS[k], text[s:e], s, e) for s, e, k in sorted(found)]


if __name__ == "__main__":
    import sys

    for f in find_personal_data(sys.stdin.read() if len(sys.argv) < 2 else " ".join(sys.argv[1:])):
        print(f)
