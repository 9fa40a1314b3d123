"""The Meeting screen opened on 10,000 items, vs a bare Textual app holding 10,000 rows.

Side by side in one run, alternating, N rounds each, in a real
pseudo-terminal at 100x32; the clock runs from spawning the process until
its first content is on the terminal:

- the bare app (Header, an OptionList of 10,000 rows, Footer): its first row;
- ``demarche meet`` on a 10,000-item plan (a new record made and the Meeting
  screen shown): the first point's text;
- ``demarche open`` on a 10,000-item record of a meeting under way (read,
  locked, the Meeting screen shown at its point): the same text.

Both are timed twice: as they run on a file read before (its parsed copy,
``.NAME.toml.parsed``, beside it: docs/FORMAT.md), and with that copy
removed before each run (the first read of a plan just written by hand, or
of a record saved since by another program; `demarche import` leaves the
plan's copy, the app's whole saves of a big record and its first reader
leave the record's, just after its first frame).

Prints medians and the ratios to the bare app (goal: within 1.3x, issue 15).
Plans are `bench_keys.sized_plan` (the founding plan's items repeated under
unique ids). Run as `bench_startup.py` says (a regular install, bytecode on).

    python bench/bench_open.py [rounds] [--items 10000]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_keys import sized_plan  # noqa: E402
from bench_startup import FIRST_POINT, time_to_marker  # noqa: E402

from demarche.store.parsed_copy import copy_path  # noqa: E402
from demarche.store.storage import load_any  # noqa: E402

BARE_APP = r"""
import sys
from textual.app import App
from textual.widgets import Footer, Header, OptionList
class Bare(App):
    BINDINGS = [("d", "bell", "Delivered"), ("q", "quit", "Quit")]
    def compose(self):
        yield Header()
        yield OptionList(*[f"item {i}: the text of a talking point" for i in range(int(sys.argv[1]))])
        yield Footer()
Bare().run()
"""
BARE_CONTENT = b"item 0:"


def record_under_way(plan: Path, ws: Path) -> Path:
    """A record of a meeting on `plan` with its first point delivered, closed (no journal left)."""
    from demarche.model import Outcome
    from demarche.session import MeetingSession
    from demarche.store.workspace import Workspace

    session = MeetingSession.create(plan, Workspace(ws))
    first = session.record.agenda[0].id
    session.mark(first, Outcome.DELIVERED)
    session.set_current(first)
    session.close()
    kept = ws / "kept.toml"
    shutil.copy(session.path, kept)
    return kept


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("rounds", nargs="?", type=int, default=5)
    ap.add_argument("--items", type=int, default=10_000)
    args = ap.parse_args()
    n = args.items
    env = dict(os.environ, TERM="xterm-256color")
    env.pop("NO_COLOR", None)
    py = sys.executable
    times: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        ws = Path(tmp)
        env["DEMARCHE_HOME"] = str(ws)
        plan = sized_plan(ws, n)
        kept = record_under_way(plan, ws)
        shutil.rmtree(ws / "records")
        record = ws / "open" / "record.toml"
        record.parent.mkdir()
        meet = [py, "-m", "demarche", "meet", str(plan)]
        open_ = [py, "-m", "demarche", "open", str(record)]
        # (command, what it shows first, the file it reads, whether its parsed copy is there)
        cases = {
            f"bare Textual app, {n:,} rows": (
                [py, "-c", BARE_APP, str(n)],
                BARE_CONTENT,
                None,
                True,
            ),
            f"demarche meet, {n:,}-item plan": (meet, FIRST_POINT, plan, True),
            "  the same, no parsed copy": (meet, FIRST_POINT, plan, False),
            f"demarche open, {n:,}-item record": (open_, FIRST_POINT, record, True),
            "  the same, no parsed copy ": (open_, FIRST_POINT, record, False),
        }
        for _ in range(args.rounds):
            for name, (argv, marker, reads, warm) in cases.items():
                shutil.copy(kept, record)  # each run opens the same record as it was
                if reads is not None:
                    copy_path(reads).unlink(missing_ok=True)
                    if warm:
                        # As `import` and the app's saves leave it (a run killed at its
                        # first frame, as here, has not written it yet: the app does
                        # that just after).
                        load_any(reads)
                times.setdefault(name, []).append(time_to_marker(argv, marker, ws, env, 120))
                shutil.rmtree(ws / "records", ignore_errors=True)
    med = {k: statistics.median(v) for k, v in times.items()}
    bare = med[f"bare Textual app, {n:,} rows"]
    print(f"medians of {args.rounds} runs, spawn to first content")
    for name, t in med.items():
        ratio = t / bare
        goal = (
            "" if name.startswith("bare") else f"  (goal 1.3x: {'OK' if ratio <= 1.3 else 'OVER'})"
        )
        print(f"{name:<34} {t * 1000:8.1f} ms  {ratio:.2f}x bare{goal}")


if __name__ == "__main__":
    main()
