"""A status key on the Meeting screen: handled, redrawn and its save scheduled.

Measured headless in one run, side by side, on plans of 7, 24 (the founding
plan), 200, 2,000 and 10,000 items (the generated ones repeat the founding
plan's items, with unique ids; from 2,000 items on, saves go through the
record's journal):
- `d` (delivered): the time for the key's handler (mark, move to the next
  item, redraw the lines and panes, schedule the save) and for the whole key
  round trip through Textual (`pilot.press`, which waits until the app is
  idle);
- the same round trip for a cursor key in a bare Textual OptionList of 24
  rows, as the floor Textual itself sets.

Targets: handler median within one frame (16 ms) up to 200 items and 33 ms
beyond; the round trip on 10,000 items within 1.5x the bare one (issue 15).
Prints medians and ratios to the bare round trip and to the 7-item plan.

    python bench/bench_keys.py [presses] [--sizes 7,24,200,2000,10000,100000]

Plans beyond 10,000 items are `crash.big_plan`'s (the founding plan's
points, then short ones), as the crash trials use.
"""

from __future__ import annotations

import asyncio
import copy
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PLAN = REPO / "plans" / "russia-tip-tier2-2009.toml"


def sized_plan(folder: Path, n: int) -> Path:
    """The founding plan with its items cut or repeated to `n` (ids made unique), saved in folder/plans/."""
    from demarche.store.storage import load_plan, save_plan

    plan = load_plan(PLAN)
    base = plan.items
    items = []
    for k in range(n):
        it = copy.deepcopy(base[k % len(base)])
        it.id = f"{it.id}-{k}"
        items.append(it)
    plan.items = items
    path = folder / "plans" / f"plan-{n}.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    save_plan(plan, path, force=True)
    return path


def plan_of(folder: Path, n: int) -> Path:
    """`sized_plan` up to 10,000 items; beyond, short points (`crash.big_plan`: a plan file stays under its size limit)."""
    if n <= 10_000:
        return sized_plan(folder, n)
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import crash

    sub = folder / f"big-{n}"
    sub.mkdir()
    return crash.big_plan(n, sub)


async def measure_demarche(plan: Path, ws, presses: int) -> tuple[list[float], list[float]]:
    from demarche.session import MeetingSession
    from demarche.tui.app import DemarcheApp

    session = MeetingSession.create(plan, ws)
    app = DemarcheApp(ws, session, start="meeting")
    handler: list[float] = []
    trip: list[float] = []
    async with app.run_test(size=(100, 32)) as pilot:
        screen = app.screen
        await pilot.pause()
        real = screen.action_mark

        def timed(outcome: str) -> None:
            t = time.perf_counter()
            real(outcome)
            handler.append(time.perf_counter() - t)

        screen.action_mark = timed  # type: ignore[method-assign]
        for _k in range(presses):
            t = time.perf_counter()
            await pilot.press("d")
            trip.append(time.perf_counter() - t)
        session.saver.flush()
        await pilot.press("q")
    return handler, trip


async def measure_bare(presses: int) -> list[float]:
    from textual.app import App
    from textual.widgets import Footer, Header, OptionList

    class Bare(App):
        def compose(self):
            yield Header()
            yield OptionList(*[f"item {i}" for i in range(24)])
            yield Footer()

    trip = []
    app = Bare()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        for k in range(presses):
            t = time.perf_counter()
            await pilot.press("down" if k % 2 else "up")
            trip.append(time.perf_counter() - t)
    return trip


def ms(xs: list[float]) -> float:
    return statistics.median(xs) * 1000


def main() -> None:
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("presses", nargs="?", type=int, default=40)
    ap.add_argument("--sizes", default="7,24,200,2000,10000", help="plan sizes, comma-separated")
    args = ap.parse_args()
    presses = args.presses
    from demarche.store.workspace import Workspace

    sizes = {n: PLAN if n == 24 else None for n in sorted({7, *map(int, args.sizes.split(","))})}
    results: dict[int, tuple[list[float], list[float]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        ws = Workspace(Path(tmp))
        plans = {n: p or plan_of(Path(tmp), n) for n, p in sizes.items()}
        bare = asyncio.run(measure_bare(presses))
        for n, plan in plans.items():
            results[n] = asyncio.run(measure_demarche(plan, ws, presses))
    print(
        f"bare OptionList cursor key, round trip: median {ms(bare):6.2f} ms  ({presses} presses each)"
    )
    h7, t7 = results[7]
    for n, (h, t) in results.items():
        target = 16 if n <= 200 else 33
        goal = f" (goal 1.5x: {'OK' if ms(t) <= 1.5 * ms(bare) else 'OVER'})" if n == 10000 else ""
        label = f"{n:,} items" + (" (founding plan)" if n == 24 else "")
        print(
            f"{label:<26} handler {ms(h):6.2f} ms (target {target}, {'OK' if ms(h) <= target else 'OVER'})"
            f"  round trip {ms(t):6.2f} ms = {ms(t) / ms(bare):.2f}x bare{goal}"
            f"  | vs 7 items: handler {ms(h) / ms(h7):.2f}x, round trip {ms(t) / ms(t7):.2f}x"
        )


if __name__ == "__main__":
    main()
