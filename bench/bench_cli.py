"""How long check, show, import and status take as commands, next to bare Python.

Each command runs as a subprocess several times, interleaved with the
baseline ``python -c "import tomllib"`` (an interpreter start and the TOML
reader: the floor for any command that reads a file), in a workspace holding
the founding plan and ten meeting records on it. Prints the median wall
times and their ratios to the baseline, measured side by side in one run.
These commands never load Textual, so they should stay within a few times the
baseline. (Reports and other outputs: bench_outputs.py; status over 500
records: bench_status.py.)

    python bench/bench_cli.py [--runs N]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
PLAN = REPO / "plans" / "russia-tip-tier2-2009.toml"
CABLE = REPO / "tests" / "data" / "cables" / "instructions" / "09STATE97951.txt"


def _time(cmd: list[str]) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=9)
    runs = ap.parse_args().runs
    from demarche.store.formats import record_to_toml
    from tests.outputs.founding import founding_record

    with tempfile.TemporaryDirectory() as tmp:
        ws = Path(tmp)
        (ws / "plans").mkdir()
        (ws / "records").mkdir()
        shutil.copy(PLAN, ws / "plans" / PLAN.name)
        text = record_to_toml(founding_record())
        for k in range(10):
            (ws / "records" / f"2009-10-{k + 1:02d}-russia.toml").write_text(text)
        rec = ws / "records" / "2009-10-01-russia.toml"
        py = sys.executable
        demarche = [py, "-m", "demarche", "-W", tmp]
        cases = {
            "baseline (import tomllib)": [py, "-c", "import tomllib"],
            "check plan + record": demarche + ["check", str(ws / "plans" / PLAN.name), str(rec)],
            "show record": demarche + ["show", str(rec)],
            "import founding cable": demarche
            + ["import", "--force", "-o", str(ws / "imported.toml"), str(CABLE)],
            "status (10 records)": demarche + ["status"],
        }
        times: dict[str, list[float]] = {k: [] for k in cases}
        for _ in range(runs):
            for name, cmd in cases.items():
                times[name].append(_time(cmd))
    base = statistics.median(times["baseline (import tomllib)"])
    print(f"{'command':<28}{'median ms':>10}{'x baseline':>12}   ({runs} runs each, interleaved)")
    for name, ts in times.items():
        m = statistics.median(ts)
        print(f"{name:<28}{m * 1000:>10.1f}{m / base:>12.2f}")


if __name__ == "__main__":
    main()
