"""Home on a big workspace vs ``demarche meet`` on an empty one, side by side.

Builds a workspace of 5,000 records (`bench_status.build`: the founding plan,
varied outcomes, responses and follow-ups), then, alternating in one run, in
a real pseudo-terminal at 100x32 (`bench_startup.time_to_marker`):

- ``demarche`` in that workspace: time until Home's footer is drawn (the
  screen is interactive: keys work) and, separately, until the background
  reader has filled the plans table (the plan's title appears);
- ``demarche meet plans/russia-tip-tier2-2009.toml`` in an empty workspace:
  time until the Meeting screen's footer is drawn.

Prints medians and the ratio Home-interactive / meet (target within 1.5x).
The first Home run fills the record cache; it is timed apart, as "cold"
(goal: the plans table filled within 4 s on 5,000 records).

    python bench/bench_home.py [rounds] [--records 5000]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))
sys.path.insert(0, str(REPO))

from bench_startup import time_to_marker  # noqa: E402
from bench_status import build  # noqa: E402

PLAN = REPO / "plans" / "russia-tip-tier2-2009.toml"
HOME_READY = b"Follow-ups"  # Home's footer key: drawn with the screen, before any data
HOME_FILLED = b"Russia: TIP"  # the plan row: only after the background reader is done
MEET_READY = b"Delivered"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("rounds", nargs="?", type=int, default=3)
    ap.add_argument("--records", type=int, default=5000)
    args = ap.parse_args()
    env = dict(os.environ, TERM="xterm-256color")
    env.pop("NO_COLOR", None)
    py = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "big"
        build(big, args.records)
        empty = Path(tmp) / "empty"
        empty.mkdir()
        home_env = dict(env, DEMARCHE_HOME=str(big))
        meet_env = dict(env, DEMARCHE_HOME=str(empty))
        home = [py, "-m", "demarche"]
        meet = [py, "-m", "demarche", "meet", str(PLAN)]
        cold = time_to_marker(home, HOME_FILLED, big, home_env, timeout=120)
        ready, filled, met = [], [], []
        for _ in range(args.rounds):
            ready.append(time_to_marker(home, HOME_READY, big, home_env))
            filled.append(time_to_marker(home, HOME_FILLED, big, home_env, timeout=120))
            met.append(time_to_marker(meet, MEET_READY, empty, meet_env))
            shutil.rmtree(empty / "records", ignore_errors=True)
    m_ready, m_filled, m_meet = (statistics.median(x) for x in (ready, filled, met))
    print(f"{args.records} records; medians of {args.rounds} runs, 100x32 pty")
    print(
        f"demarche meet founding plan (empty workspace): {m_meet * 1000:7.1f} ms to the Meeting screen"
    )
    print(f"demarche (Home), interactive:                   {m_ready * 1000:7.1f} ms")
    print(
        f"demarche (Home), plans filled in:               {m_filled * 1000:7.1f} ms  (cold cache, first run: {cold * 1000:.0f} ms)"
    )
    ratio = m_ready / m_meet
    print(
        f"ratio Home interactive / meet {ratio:.2f}x (target <= 1.50x): {'OK' if ratio <= 1.5 else 'OVER'}"
    )
    print(f"ratio Home filled / meet      {m_filled / m_meet:.2f}x")
    print(f"Home filled, cold: {cold:.2f} s (goal <= 4 s): {'OK' if cold <= 4 else 'OVER'}")


if __name__ == "__main__":
    main()
