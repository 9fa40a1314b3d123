"""Import time per MB from 0.5 to 15 MB: flat when every step is linear.

Three shapes of cable, each built at 0.5, 1, 2, 4, 8 and 15 MB around the
header of a real corpus cable:

- ``one item, many paragraphs``: a point block whose one bullet is followed by
  thousands of paragraphs (a reader that rescans what it built slows down
  with the square of the size here);
- ``numbered paragraphs``: thousands of short numbered paragraphs of prose;
- ``re-flowed points``: a re-flowed block, many ``--`` points per line.

For each it prints the import time, the time per MB and its ratio to the
time per MB at 0.5 MB (1.0 = flat), with reading and splitting the same
text as the baseline in the same run, the processor time per MB (what
the import itself cost on a machine shared with other work: wall time
there also counts the others' turns), and the time per MB to write the
plan as TOML (`plan_to_toml`, what ``demarche import`` does next).

The shapes repeat one text, so work the importer does once per distinct
text (a point's label, the cut of a re-flowed line) is done once for them;
``--varied`` builds the same shapes from words drawn at random (seeded)
from a corpus cable, where nothing repeats. Run:
``python bench/bench_import_scale.py [--varied]``.
"""

from __future__ import annotations

import random
import re
import sys
import time
from pathlib import Path

from demarche.cable import import_cable
from demarche.store.formats import plan_to_toml

CABLES = Path(__file__).resolve().parent.parent / "tests" / "data" / "cables" / "instructions"
SIZES_MB = (0.5, 1, 2, 4, 8, 15)


def _header() -> str:
    """The real header of a corpus cable, up to its first numbered paragraph."""
    out = []
    for line in (CABLES / "10STATE9939.txt").read_text().splitlines():
        if line.strip()[:2] in ("1.",):
            break
        out.append(line)
    return "\n".join(out) + "\n\n"


_WORDS = re.findall(r"[a-z]{3,}", (CABLES / "09STATE96550.txt").read_text().lower())
_RNG = random.Random(7)


def _sentence(words: int) -> str:
    return " ".join(_RNG.choice(_WORDS) for _ in range(words)).capitalize() + "."


def one_item_many_paragraphs_varied(size: int) -> str:
    body = "1. (U) Begin talking points:\n\n-- The first and only point of this block.\n\n"
    parts, total = [], 0
    while total < size:
        p = _sentence(9) + "\n" + _sentence(7) + "\n\n"
        parts.append(p)
        total += len(p)
    return _header() + body + "".join(parts) + "End talking points.\n\nCLINTON\n"


def numbered_paragraphs_varied(size: int) -> str:
    parts, total, n = [], 0, 1
    while total < size:
        p = f"{n % 97 + 1}. (U) {_sentence(10)}\n\n"
        parts.append(p)
        total += len(p)
        n += 1
    return _header() + "".join(parts) + "CLINTON\n"


def reflowed_points_varied(size: int) -> str:
    parts, total = ["3. (S) Begin text of points: "], 0
    while total < size:
        p = f"-- {_sentence(6)} -- {_sentence(5)} -- {_sentence(6)}\n"
        parts.append(p)
        total += len(p)
    return _header() + "".join(parts) + "End text of points.\nCLINTON\n"


def one_item_many_paragraphs(size: int) -> str:
    para = "trafficking victims need shelter, legal aid and protection while\ncases proceed through the courts of the region.\n\n"
    body = "1. (U) Begin talking points:\n\n-- The first and only point of this block.\n\n"
    n = max(1, (size - len(body)) // len(para))
    return _header() + body + para * n + "End talking points.\n\nCLINTON\n"


def numbered_paragraphs(size: int) -> str:
    para = "{n}. (U) Post should report by cable on what the ministry said.\n\n"
    parts, total, n = [], 0, 1
    while total < size:
        p = para.format(n=n % 97 + 1)
        parts.append(p)
        total += len(p)
        n += 1
    return _header() + "".join(parts) + "CLINTON\n"


def reflowed_points(size: int) -> str:
    line = "-- We urge the government to act now. -- We ask for a reply soon. -- We thank you for your help.\n"
    head = "3. (S) Begin text of points: "
    n = max(1, (size - len(head)) // len(line))
    return _header() + head + line * n + "End text of points.\nCLINTON\n"


def baseline(text: str) -> None:
    [ln.strip().lower() for ln in text.splitlines()]


def main() -> None:
    varied = "--varied" in sys.argv[1:]
    print(
        f"{'shape':26} {'MB':>5} {'import s':>9} {'s/MB':>7} {'cpu/MB':>7} {'vs 0.5 MB':>9} {'baseline s/MB':>13} {'items':>7} {'write s/MB':>10}"
    )
    shapes = (
        (
            ("one item, many paragraphs", one_item_many_paragraphs_varied),
            ("numbered paragraphs", numbered_paragraphs_varied),
            ("re-flowed points", reflowed_points_varied),
        )
        if varied
        else (
            ("one item, many paragraphs", one_item_many_paragraphs),
            ("numbered paragraphs", numbered_paragraphs),
            ("re-flowed points", reflowed_points),
        )
    )
    for name, make in shapes:
        first = None
        for mb in SIZES_MB:
            text = make(int(mb * 1_000_000))
            t, c = time.perf_counter(), time.process_time()
            result = import_cable(text, f"{name}.txt")
            took, cpu = time.perf_counter() - t, time.process_time() - c
            t = time.perf_counter()
            baseline(text)
            base = time.perf_counter() - t
            t = time.perf_counter()
            plan_to_toml(result.plan)
            write = time.perf_counter() - t
            real_mb = len(text) / 1e6
            per_mb = took / real_mb
            first = first or per_mb
            print(
                f"{name:26} {real_mb:5.1f} {took:9.2f} {per_mb:7.2f} {cpu / real_mb:7.2f} {per_mb / first:9.2f} {base / real_mb:13.4f} {len(result.plan.items):7} {write / real_mb:10.2f}"
            )


if __name__ == "__main__":
    main()
