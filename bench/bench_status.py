"""How long ``demarche status`` takes over a workspace of 500 records.

Builds a workspace in a temporary folder (the founding plan and 500 records
made from it, with varied outcomes, responses and follow-ups), then times,
side by side in this one run:

- ``python -c "import tomllib"`` (an interpreter start: the floor);
- ``demarche status --no-cache`` (every record parsed: the first run, or
  after every record changed);
- ``demarche status`` with the record cache warm (the usual run);
- the same after one record changed (one record parsed again);
- ``demarche status --json`` with the cache warm.

Prints the best of several runs of each and the ratio to the floor. The
target is under 1 s for ``demarche status``. Usage:

    python bench/bench_status.py [--records 500] [--repeat 5]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from demarche.store.formats import record_to_toml  # noqa: E402
from demarche.model import Outcome, Owner, Person, PlanSource, Record, Response, Stage, Stance  # noqa: E402
from demarche.store.storage import load_plan  # noqa: E402

PLAN = "plans/russia-tip-tier2-2009.toml"
TZ = dt.timezone(dt.timedelta(hours=3))
ORGS = ["MFA", "MVD", "Duma", "Prosecutor General", "Ministry of Health"]


def build(root: Path, n: int, seed: int = 1) -> None:
    rnd = random.Random(seed)
    (root / "plans").mkdir(parents=True)
    (root / "records").mkdir()
    (root / PLAN).write_bytes((REPO / PLAN).read_bytes())
    plan = load_plan(root / PLAN)
    for k in range(n):
        r = Record.from_plan(plan, PlanSource(path=PLAN, sha256="0" * 64))
        day = dt.date(2009, 10, 1) + dt.timedelta(days=k % 120)
        at = dt.datetime(day.year, day.month, day.day, 10, tzinfo=TZ)
        org = rnd.choice(ORGS)
        r.meeting.interlocutors = [Person(f"Official {k}", "Director", org)]
        for e in r.entries:
            o = rnd.choice(list(Outcome))
            if o is not Outcome.PENDING:
                r.set_outcome(e.id, o, at)
            if rnd.random() < 0.3:
                e.response = Response(
                    rnd.choice(list(Stance)),
                    f"{org} said something about {e.id} at length. " * 3,
                    speaker="Official",
                )
        for _ in range(rnd.randint(0, 3)):
            r.add_follow_up(
                f"Promised answer from {org}",
                rnd.choice(list(Owner)),
                day + dt.timedelta(days=rnd.randint(5, 60)),
                at,
            )
        r.notes = "Meeting notes. " * 20
        if rnd.random() < 0.8:
            r.finish(at)
            if rnd.random() < 0.5:
                r.stage = Stage.REPORTED
        (root / "records" / f"{day.isoformat()}-{k:04d}.toml").write_text(
            record_to_toml(r), encoding="utf-8"
        )


def best(cmd: list[str], repeat: int, env: dict[str, str]) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=env)
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--records", type=int, default=500)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "ws"
        build(root, args.records)
        size = sum(p.stat().st_size for p in (root / "records").iterdir())
        env = {
            **os.environ,
            "DEMARCHE_HOME": str(root),
            "COLUMNS": "120",
            "XDG_CACHE_HOME": str(Path(tmp) / "cache"),
        }
        py = sys.executable
        status = [py, "-m", "demarche", "status", "--today", "2009-11-10"]
        floor = best([py, "-c", "import tomllib"], args.repeat, env)
        cold = best([*status, "--no-cache"], args.repeat, env)
        subprocess.run(status, check=True, stdout=subprocess.DEVNULL, env=env)  # fill the cache
        warm = best(status, args.repeat, env)
        one = next((root / "records").iterdir())
        changed = []
        for _ in range(args.repeat):
            os.utime(one)  # a new stamp: this record is parsed again
            changed.append(best(status, 1, env))
        js = best([*status, "--json"], args.repeat, env)
    rows = [
        ("python -c 'import tomllib'", floor),
        ("demarche status --no-cache", cold),
        ("demarche status (cache warm)", warm),
        ("demarche status (1 changed)", min(changed)),
        ("demarche status --json", js),
    ]
    print(f"{args.records} records, {size / 1e6:.1f} MB of TOML; best of {args.repeat}")
    for name, t in rows:
        print(f"{name:<30} {t:6.3f} s  {t / floor:6.1f}x")
    print(
        f"target < 1 s (usual run, cache warm): {'ok' if warm < 1 else 'TOO SLOW'}; first run: {cold:.2f} s"
    )


if __name__ == "__main__":
    main()
