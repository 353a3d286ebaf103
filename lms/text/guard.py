"""The confidentiality guard: finds personal data in Russian case texts before hand-in.

Plain functions; Django only for the translated labels. Phones, emails, addresses, school
numbers and document numbers (guard_patterns: СНИЛС, passport, ИНН, birth certificate, ОМС
policy) by regular expressions; names by Russian morphology (pymorphy3: given name, surname,
patronymic) plus context rules (capitalisation inside a sentence, the word before a
patronymic, initials, the next word after an ambiguous one at the start of a sentence).
Not reported (guard_context): pseudonyms the text declares ("Миша (имя изменено)", "назовём
её Катя", "псевдонимы Альфа и Бета"), letter labels ("мальчик А."), street names ("ул.
Ленина"), well-known people and cited authors ("по Выготскому", "Карнозова (2009)").
Figures on labelled sets: bench/RESULTS.md.
"""

import functools
import re
import threading
from dataclasses import asdict, dataclass
from typing import NamedTuple

from django.utils.translation import pgettext_lazy

from lms.text import guard_context as context
from lms.text.guard_patterns import find_regex_pii


@dataclass(frozen=True)
class Finding:
    kind: str
    text: str
    start: int
    end: int

    @property
    def label(self):
        return LABELS[self.kind]

    def as_dict(self) -> dict:
        # The label in the request's language, for the warning that lists the findings.
        return {**asdict(self), "label": str(self.label)}


KINDS = {
    "PERSON": "name",
    "PHONE": "phone",
    "EMAIL": "email",
    "ADDRESS": "address",
    "SCHOOL": "school",
    "SNILS": "snils",
    "PASSPORT": "passport",
    "INN": "inn",
    "BIRTH_CERTIFICATE": "birth_certificate",
    "POLICY": "medical_policy",
}
# Shown to the trainee beside each finding; "kind" stays the stored code.
LABELS = {
    "name": pgettext_lazy("personal data", "name"),
    "phone": pgettext_lazy("personal data", "phone"),
    "email": pgettext_lazy("personal data", "email"),
    "address": pgettext_lazy("personal data", "address"),
    "school": pgettext_lazy("personal data", "school number"),
    "snils": pgettext_lazy("personal data", "insurance number (SNILS)"),
    "passport": pgettext_lazy("personal data", "passport"),
    "inn": pgettext_lazy("personal data", "taxpayer number (INN)"),
    "birth_certificate": pgettext_lazy("personal data", "birth certificate"),
    "medical_policy": pgettext_lazy("personal data", "medical insurance policy"),
}


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

            # Thresholds tuned on lms/text/data/samples/tuning.json: a name reading's score inside a
            # sentence, and the higher bar at the start of a sentence or quote.
            _backend.update(m=pymorphy3.MorphAnalyzer(), mid=0.05, init=0.5)
        return _backend


class _Info(NamedTuple):
    score: float = 0.0  # weight of the name readings (given name, surname, patronymic)
    patr: bool = False
    given: float = 0.0  # weight of the given-name readings alone
    known: bool = True  # in the dictionary, not guessed from the ending
    pos: str | None = None
    case: str | None = None
    given_lemmas: frozenset = frozenset()  # "Льва" -> {"лев"}


@functools.lru_cache(maxsize=50_000)
def _word_info(word: str) -> _Info:
    # Cached: the dictionary lookups are most of the guard's time, and words repeat.
    if not word[0].isalpha() or word.lower() in context.LABEL_WORDS:
        return _Info()
    head, _, tail = word.partition("-")
    # "Белоусов-старший": the dictionary knows the name part only.
    parses = (_backend or _load())["m"].parse(head if tail.islower() and tail else word)
    top = parses[0]
    return _Info(
        sum(p.score for p in parses if {"Name", "Surn", "Patr"} & p.tag.grammemes),
        "Patr" in top.tag,
        sum(p.score for p in parses if "Name" in p.tag),
        top.is_known if word[0].isupper() else True,  # asked of capitalised words only
        top.tag.POS,
        top.tag.case,
        frozenset(p.normal_form.replace("ё", "е") for p in parses if "Name" in p.tag),
    )


def _name_info(words):
    """[_Info] for one sentence."""
    return [_word_info(word) for word in words]


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


_NOT_NAME_POS = {"VERB", "INFN", "PREP", "CONJ", "PRCL", "ADVB", "NPRO", "NUMR", "INTJ"}


def _read_as_noun(toks, info, i):
    """A word that is also a common noun, read as one by what follows: "Вера в себя",
    "Роза ветров", "Роман «Чучело»" (but "Вера Павловна" is left to the patronymic rule)."""
    if info[i].score > 0.8 or i + 1 >= len(toks):
        return False
    nxt, inf = toks[i + 1][0], info[i + 1]
    return nxt in '«"' or inf.pos == "PREP" or (inf.pos == "NOUN" and inf.case == "gent")


def _verb_follows(toks, info, i):
    """A verb follows the word, past adverbs and particles: "Слава долго не мог…"."""
    for j in range(i + 1, min(i + 4, len(toks))):
        if info[j].pos in ("ADVB", "PRCL"):
            continue
        return info[j].pos == "VERB"
    return False


def find_names(text, lower_threshold=0.99):
    toks = [(m.group(), m.start(), m.end()) for m in TOKEN_RE.finditer(text)]
    n, b = len(toks), (_backend or _load())
    info, initial = [_Info()] * n, set()
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
    is_initial = [bool(INITIAL_RE.match(t)) for t, _, _ in toks]
    label = set()  # "мальчик А.": one initial after a common word is an agreed label
    for i in range(1, n):
        before = toks[i - 1][0]
        common = before.islower() or (i - 1 in initial and info[i - 1].score < b["mid"])
        if (
            is_initial[i]
            and before[0].isalpha()
            and common
            and not (i + 1 < n and is_initial[i + 1])
        ):
            label.add(i)
            initial.add(i + 1)  # the initial's full stop may end the sentence
    name, weak = [False] * n, [False] * n
    for i, (t, s, _) in enumerate(toks):
        if not t[0].isalpha() or is_initial[i]:
            continue
        inf, sc = info[i], info[i].score
        if _is_cap(t) and len(t) > 1:
            if context.is_named_by_cue(text, s):  # "по фамилии Воробей"
                name[i] = True
            elif i not in initial:
                name[i] = sc >= b["mid"]
            elif (not inf.known and sc < 0.9) or _read_as_noun(toks, info, i):
                continue  # at sentence start: a guessed reading (a term?), or a common noun
            elif sc >= b["init"] or (sc > 0 and _verb_follows(toks, info, i)):
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
            and info[i + 1].patr
        ):
            name[i] = name[i + 1] = True
    for i in range(n):
        t = toks[i][0]
        if weak[i] and any(
            0 <= j < n and (name[j] or (is_initial[j] and j not in label)) for j in (i - 1, i + 1)
        ):  # "Вера Николаевна" at sentence start
            name[i] = True
        elif (
            _is_cap(t)
            and len(t) > 1
            and t[0].isalpha()
            and info[i].pos not in _NOT_NAME_POS
            and (
                (i >= 2 and is_initial[i - 1] and is_initial[i - 2])
                or (i + 2 < n and is_initial[i + 1] and is_initial[i + 2])
            )
        ):  # "Г. Н. Лапина", "Лапина Г. Н.": two initials make a surname of any word
            name[i] = True
    changed = True
    while changed:  # attach initials: "Петров А. С.", "Т. А. Белова"
        changed = False
        for i in range(n):
            if (
                not name[i]
                and is_initial[i]
                and i not in label
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


def _last_is_given_name(span: str) -> bool:
    words = re.findall(r"[А-Яа-яЁё]{2,}", span)
    return bool(words) and _word_info(words[-1]).known and _word_info(words[-1]).given >= 0.5


def find_personal_data(text):
    """All findings, sorted by position. Not reported: names the text marks as pseudonyms
    ("Миша (имя изменено)", "назовём её Катя"; later mentions too), names inside addresses,
    well-known people and cited authors."""
    regex = find_regex_pii(text)
    places = [(s, e) for s, e, k in regex if k in ("ADDRESS", "SCHOOL")]
    names, pseudo = [], set()
    for s, e in find_names(text):
        after = text[e : e + 60]
        m = PSEUDO_AFTER.search(after)
        if (
            m and re.match(r"^[\s,]*(?:(?:и|,)?\s*[А-ЯЁ][а-яё]+\s*)*$", after[: m.start()])
        ) or context.is_declared_pseudonym(text, s):
            pseudo.add(_stem(text[s:e]))
        elif any(ps <= s and e <= pe for ps, pe in places) or EPONYM_BEFORE.search(
            text[max(0, s - 20) : s]
        ):
            continue
        elif context.is_named_by_cue(text, s) or not (
            context.is_famous(text, s, e, lambda word: _word_info(word).given_lemmas)
            or context.is_cited(text, s, e, _last_is_given_name(text[s:e]))
        ):
            names.append((s, e))
    found = [(s, e, "PERSON") for s, e in names if _stem(text[s:e]) not in pseudo] + regex
    return [Finding(KINDS[k], text[s:e], s, e) for s, e, k in sorted(found)]


if __name__ == "__main__":
    import sys

    for f in find_personal_data(sys.stdin.read() if len(sys.argv) < 2 else " ".join(sys.argv[1:])):
        print(f)
