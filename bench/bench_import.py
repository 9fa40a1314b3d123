"""Import speed: each corpus cable, and a 5 MB cable, against a trivial baseline in the same run.

The baseline is reading the same text and splitting it into lines: what any
importer must do at least. Ratios (import / baseline) are what to compare
across machines. Run: ``python bench/bench_import.py``.
"""

from __future__ import annotations

import time
from pathlib import Path

from demarche.cable import import_cable

CABLES = Path(__file__).resolve().parent.parent / "tests" / "data" / "cables" / "instructions"


def best_of(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def baseline(text: str) -> None:
    [ln.strip().lower() for ln in text.splitlines()]


def main() -> None:
    print(f"{'cable':24} {'import ms':>10} {'baseline ms':>12} {'ratio':>8}")
    for path in sorted(CABLES.glob("*.txt")):
        text = path.read_text()
        t_imp = best_of(lambda text=text, name=path.name: import_cable(text, name), 5)
        t_base = best_of(lambda text=text: baseline(text), 5)
        print(f"{path.name:24} {t_imp * 1000:10.2f} {t_base * 1000:12.3f} {t_imp / t_base:8.0f}x")
    # 5 MB: the points of a real cable repeated, plus a hostile single line, to show no catastrophic backtracking.
    big = (CABLES / "09STATE96550.txt").read_text()
    head, body = big.split("1. (U)", 1)
    filler = "-- " + "word -- " * 200 + "\n\n" + "(S/REL NATO) " + "a" * 5000 + "\n"
    text = (
        head
        + "1. (U)"
        + (body.rsplit("CLINTON", 1)[0] + filler) * (5_000_000 // (len(body) + len(filler)))
        + "CLINTON\n"
    )
    t = time.perf_counter()
    result = import_cable(text, "big.txt")
    t_imp = time.perf_counter() - t
    t_base = best_of(lambda: baseline(text), 3)
    print(
        f"{'5 MB text':24} {t_imp * 1000:10.0f} {t_base * 1000:12.1f} {t_imp / t_base:8.0f}x  ({len(text) / 1e6:.1f} MB, {len(result.plan.items)} items)"
    )
    assert t_imp < 60, "5 MB import took over a minute: look for backtracking"


if __name__ == "__main__":
    main()
