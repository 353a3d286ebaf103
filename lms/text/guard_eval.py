"""Precision and recall of the confidentiality guard on a labelled sample (plain functions).

Used by bench/guard.py to print the figures and by a test that keeps them from regressing.
A finding counts when it overlaps a labelled span of the same kind.
"""

import json
from pathlib import Path

from lms.text.guard import find_personal_data

SAMPLES = Path(__file__).resolve().parent / "data" / "samples"
LABELS = {"PER": "name", "PHONE": "phone", "EMAIL": "email", "ADDR": "address", "SCHOOL": "school"}


def load(name: str) -> list[dict]:
    return json.loads((SAMPLES / f"{name}.json").read_text(encoding="utf-8"))["items"]


def _overlaps(a, b) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def measure(items: list[dict], kind: str) -> dict:
    found = relevant = hit_found = hit_relevant = 0
    for item in items:
        gold = [(s["start"], s["end"]) for s in item["spans"] if LABELS.get(s["type"]) == kind]
        predicted = [(f.start, f.end) for f in find_personal_data(item["text"]) if f.kind == kind]
        found += len(predicted)
        relevant += len(gold)
        hit_found += sum(any(_overlaps(p, g) for g in gold) for p in predicted)
        hit_relevant += sum(any(_overlaps(p, g) for p in predicted) for g in gold)
    precision = hit_found / found if found else 1.0
    recall = hit_relevant / relevant if relevant else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"labelled": relevant, "precision": precision, "recall": recall, "f1": f1}
