"""The importer against the hand labels: a per-cable table and the corpus measure.

Reads every instruction in ``tests/data/cables/instructions`` and its label
in ``tests/data/cables/truth`` and prints, per cable, items matched, false
positives, labels missed, contingent, audience and header scores, then the
totals against the thresholds the suite holds. ``-v`` lists what went wrong
for each cable. Run: ``python bench/score_import.py [-v] [CABLE_ID ...]``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from demarche.cable import read_cable_file
from demarche.cable.scoring import Totals, load_label, score_cable, score_failure
from demarche.errors import DemarcheError

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "cables"
THRESHOLDS = {"item F1": 0.97, "contingent": 0.97, "audience": 0.95, "header": 0.98}


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    only = [a for a in argv if not a.startswith("-")]
    scores = []
    print(
        f"{'cable':16} {'labels':>6} {'match':>5} {'extra':>5} {'miss':>5} {'opt':>4} {'cont':>7} {'aud':>7} {'head':>5}  header wrong"
    )
    for path in sorted((DATA / "truth").glob("*.json")):
        name = path.stem
        if only and name not in only:
            continue
        label = load_label(path)
        try:
            plan = read_cable_file(DATA / "instructions" / label["file"]).plan
            sc = score_cable(name, plan, label)
        except DemarcheError as exc:
            sc = score_failure(name, label, str(exc).split(": ", 1)[-1])
        scores.append(sc)
        aud = f"{sc.audience_ok}/{sc.audience_total}" if sc.audience_total else "-"
        print(
            f"{name:16} {sc.labels:6} {sc.matched:5} {sc.false_pos:5} {sc.missed:5} {sc.optional:4} "
            f"{sc.contingent_ok:>3}/{sc.matched:<3} {aud:>7} {sc.header_ok}/{sc.header_total}  {'; '.join(sc.header_wrong)}"
        )
        if verbose:
            for m in sc.missed_labels:
                print(f"    missed  {m.text[:80]!r}  [{m.where[:40]}]")
            for m in sc.extra_items:
                print(f"    extra   {m.where:6} {m.text[:80]!r}")
            for m in sc.wrong_kind:
                print(f"    kind    {m.where}: {m.text[:60]!r}")
            for m in sc.wrong_audience:
                print(f"    aud     {m.where}: {m.text[:50]!r}")
    t = Totals(scores)
    got = {"item F1": t.f1, "contingent": t.contingent, "audience": t.audience, "header": t.header}
    print()
    print(f"items: precision {t.precision:.3f}, recall {t.recall:.3f}")
    for k, v in got.items():
        flag = "ok" if v >= THRESHOLDS[k] else "BELOW"
        print(f"{k:11} {v:.3f}  (threshold {THRESHOLDS[k]:.2f}) {flag}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
