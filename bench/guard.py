"""Quality and speed of the confidentiality guard. Run: `.venv/bin/python bench/guard.py`.

Two kinds of figures:
- sentence level, on lms/text/data/sentences/{tuning,heldout}.tsv: recall (share of
  sentences with personal data that get a warning) and false alarms (share of clean sentences
  that get one); the held-out set was written before the rules were changed and is not tuned on;
- span level, per kind, on the older samples in lms/text/data/samples/ (precision and recall
  of names, phones, emails, addresses and school numbers).

`--guard FILE` measures another guard module, e.g. the baseline:
`git show 582125b:assessments/guard.py > /tmp/guard_old.py; python bench/guard.py --guard
/tmp/guard_old.py`. `-v` lists the missed sentences and false alarms of the tuning set only:
the held-out set's are not shown, so that nobody tunes on them by accident.
"""

import argparse
import importlib.util
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lms.text import guard_sets  # noqa: E402


def _load_guard(path: Path):
    spec = importlib.util.spec_from_file_location("guard_under_test", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def sentence_level(find, verbose: bool) -> None:
    print(f"{'set':8} {'personal':>8} {'clean':>5} {'recall':>6} {'false alarms':>12} {'kinds':>5}")
    for name in ("tuning", "heldout"):
        r = guard_sets.measure(guard_sets.load(name), find)
        print(
            f"{name:8} {r['personal']:8d} {r['clean']:5d} {r['recall']:6.3f} "
            f"{r['false_alarms']:12.3f} {r['kind_recall']:5.2f}"
        )
        if verbose and name == "tuning":
            for s in r["missed"]:
                print(f"   missed [{','.join(sorted(s.kinds))}] {s.text}")
            for s in r["alarms"]:
                found = "; ".join(f"{f.kind}: {f.text}" for f in find(s.text))
                print(f"   alarm  [{s.tag}] {s.text}  -> {found}")


def span_level() -> None:
    from lms.text.guard_eval import load, measure

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


def speed(module) -> None:
    """Time per 1,000 sentences with the guard's word cache emptied before each round (as
    for a text whose words it has not seen), and with it full."""
    texts = [s.text for name in ("tuning", "heldout") for s in guard_sets.load(name)]
    words = sum(len(t.split()) for t in texts)
    clear = getattr(getattr(module, "_word_info", None), "cache_clear", lambda: None)
    for label, cold in (("cold", True), ("warm", False)):
        rounds, elapsed = 5, 0.0
        for _ in range(rounds):
            if cold:
                clear()
            started = time.perf_counter()
            for text in texts:
                module.find_personal_data(text)
            elapsed += (time.perf_counter() - started) / rounds
        print(
            f"speed ({label}): {1e6 * elapsed / len(texts):.0f} ms per 1,000 sentences, "
            f"{1e6 * elapsed / words:.0f} ms per 1,000 words ({len(texts)} sentences)"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--guard", type=Path, help="measure the guard module in this file")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    if args.guard:
        module = _load_guard(args.guard)
    else:
        from lms.text import guard as module
    started = time.perf_counter()
    module.find_personal_data("Прогрев словаря: Иванов Пётр.")
    print(f"dictionary load: {time.perf_counter() - started:.2f} s")
    sentence_level(module.find_personal_data, args.verbose)
    if not args.guard:
        span_level()
    speed(module)


if __name__ == "__main__":
    main()
