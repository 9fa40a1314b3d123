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
text as the baseline in the same run. Run: ``python bench/bench_import_scale.py``.
"""

from __future__ import annotations

import time
from pathlib import Path

from demarche.cable import import_cable

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
    print(
        f"{'shape':26} {'MB':>5} {'import s':>9} {'s/MB':>7} {'vs 0.5 MB':>9} {'baseline s/MB':>13} {'items':>7}"
    )
    for name, make in (
        ("one item, many paragraphs", one_item_many_paragraphs),
        ("numbered paragraphs", numbered_paragraphs),
        ("re-flowed points", reflowed_points),
    ):
        first = None
        for mb in SIZES_MB:
            text = make(int(mb * 1_000_000))
            t = time.perf_counter()
            result = import_cable(text, f"{name}.txt")
            took = time.perf_counter() - t
            t = time.perf_counter()
            baseline(text)
            base = time.perf_counter() - t
            real_mb = len(text) / 1e6
            per_mb = took / real_mb
            first = first or per_mb
            print(
                f"{name:26} {real_mb:5.1f} {took:9.2f} {per_mb:7.2f} {per_mb / first:9.2f} {base / real_mb:13.4f} {len(result.plan.items):7}"
            )


if __name__ == "__main__":
    main()
