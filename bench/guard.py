"""Precision, recall and speed of the confidentiality guard. Run: `.venv/bin/python bench/guard.py`.

The samples in bench/guard/ are sentences written for this purpose and labelled by hand:
tuning.json (the rules were tuned on it), names_holdout.json and regex_holdout.json (written
after the rules were frozen). See their "labelling_rules" for what counts as a name.
"""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assessments.guard import find_personal_data
from assessments.guard_eval import load, measure


def main():
    started = time.perf_counter()
    find_personal_data("Прогрев словаря: Иванов Пётр.")
    print(f"dictionary load: {time.perf_counter() - started:.2f} s")
    print(f"{'sample':15} {'kind':8} {'labelled':>8} {'precision':>9} {'recall':>7} {'F1':>6}")
    for sample, kinds in (
        ("tuning", ("name", "phone", "email", "address", "school")),
        ("names_holdout", ("name",)),
        ("regex_holdout", ("phone", "email", "address", "school")),
    ):
        items = load(sample)
        for kind in kinds:
            r = measure(items, kind)
            figures = f"{r['labelled']:8d} {r['precision']:9.2f} {r['recall']:7.2f} {r['f1']:6.2f}"
            print(f"{sample:15} {kind:8} {figures}")
    items = load("tuning") + load("names_holdout")
    words = sum(len(item["text"].split()) for item in items)
    started = time.perf_counter()
    for _ in range(20):
        for item in items:
            find_personal_data(item["text"])
    elapsed = (time.perf_counter() - started) / 20
    print(f"speed: {1000 * elapsed / words * 1000:.1f} ms per 1,000 words")


if __name__ == "__main__":
    main()
