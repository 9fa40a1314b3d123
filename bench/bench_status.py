"""How long ``demarche status`` and ``demarche search`` take over a workspace of 5,000 records.

Builds a workspace in a temporary folder (the founding plan and 5,000
records made from it, with varied outcomes, responses and follow-ups), then
times, side by side in this one run:

- ``python -c "import tomllib"`` (an interpreter start: the floor);
- ``demarche status`` and ``demarche search`` cold: no record cache, every
  record parsed, checked and digested (the first run, or after every record
  changed);
- the same with the record cache warm (the usual run);
- ``demarche status`` after one record changed (one record read again);
- ``demarche status --json`` with the cache warm.

Prints the best of several runs of each, its ratio to the floor, and the
goals of issue 15: warm <= 1.0 s, cold <= 4 s. Usage:

    python bench/bench_status.py [--records 5000] [--repeat 3]
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
        done = subprocess.run(cmd, stdout=subprocess.DEVNULL, env=env)
        if done.returncode not in (0, 1):  # search says 1 when nothing matches
            raise SystemExit(f"{cmd} failed with {done.returncode}")
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--records", type=int, default=5000)
    ap.add_argument("--repeat", type=int, default=3)
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
        # Words of the responses to one item: hundreds of hits to print.
        search = [py, "-m", "demarche", "search", "about np-17 at length"]
        cache = root / ".demarche" / "records.json"

        def cold(cmd: list[str]) -> float:
            times = []
            for _ in range(args.repeat):
                cache.unlink(missing_ok=True)
                times.append(best(cmd, 1, env))
            return min(times)

        floor = best([py, "-c", "import tomllib"], args.repeat, env)
        status_cold = cold(status)
        search_cold = cold(search)
        warm = best(status, args.repeat, env)
        search_warm = best(search, args.repeat, env)
        one = next((root / "records").iterdir())
        changed = []
        for _ in range(args.repeat):
            os.utime(one)  # a new stamp: this record is read again
            changed.append(best(status, 1, env))
        js = best([*status, "--json"], args.repeat, env)
    rows = [
        ("python -c 'import tomllib'", floor, None),
        ("demarche status, cold", status_cold, 4.0),
        ("demarche search, cold", search_cold, 4.0),
        ("demarche status, cache warm", warm, 1.0),
        ("demarche search, cache warm", search_warm, 1.0),
        ("demarche status, 1 changed", min(changed), 1.0),
        ("demarche status --json, warm", js, 1.0),
    ]
    print(
        f"{args.records} records, {size / 1e6:.1f} MB of TOML, {os.cpu_count()} cores; best of {args.repeat}"
    )
    for name, t, goal in rows:
        verdict = "" if goal is None else f"goal <= {goal:.1f} s: {'ok' if t <= goal else 'OVER'}"
        print(f"{name:<30} {t:6.3f} s  {t / floor:6.1f}x  {verdict}")


if __name__ == "__main__":
    main()
