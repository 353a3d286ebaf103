"""Sentence-level figures of the confidentiality guard on the labelled sets (plain functions).

The sets are lms/text/data/sentences/{tuning,heldout}.tsv (format in their headers). A
sentence counts as flagged when the guard reports anything in it: that is what the trainee
sees. Used by bench/guard.py and by a test that holds the held-out figures.
"""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

SETS = Path(__file__).resolve().parent / "data" / "sentences"


@dataclass(frozen=True)
class Sentence:
    kinds: frozenset[str]  # empty for a clean sentence
    tag: str
    text: str


def load(name: str) -> list[Sentence]:
    out = []
    for line in (SETS / f"{name}.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("label\t"):
            continue
        label, tag, text = line.split("\t")
        kinds = frozenset() if label == "clean" else frozenset(label.split(","))
        out.append(Sentence(kinds, tag, text))
    return out


def measure(sentences: list[Sentence], find: Callable | None = None) -> dict:
    """Recall (personal sentences flagged), false alarms (clean sentences flagged) and kind
    recall (labelled kinds reported under their own kind), with the sentences that failed."""
    if find is None:
        from lms.text.guard import find_personal_data as find
    personal = [s for s in sentences if s.kinds]
    clean = [s for s in sentences if not s.kinds]
    missed, alarms, kinds_total, kinds_hit = [], [], 0, 0
    for s in sentences:
        found = {f.kind for f in find(s.text)}
        if s.kinds:
            if not found:
                missed.append(s)
            kinds_total += len(s.kinds)
            kinds_hit += len(s.kinds & found)
        elif found:
            alarms.append(s)
    return {
        "personal": len(personal),
        "clean": len(clean),
        "recall": 1 - len(missed) / len(personal) if personal else 1.0,
        "false_alarms": len(alarms) / len(clean) if clean else 0.0,
        "kind_recall": kinds_hit / kinds_total if kinds_total else 1.0,
        "missed": missed,
        "alarms": alarms,
    }
