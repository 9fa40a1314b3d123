"""How long report, nonpaper, card and summary take as commands, next to bare Python.

Each is run as a subprocess several times, interleaved with the baseline
``python -c "import tomllib"``, on a record of the founding plan; the script
prints the median wall times and their ratios to the baseline, measured side
by side in one run. The commands must stay well under 150 ms: they never load
Textual.

    python bench/bench_outputs.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def _time(cmd: list[str]) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    runs = ap.parse_args().runs
    from demarche.store.formats import record_to_toml
    from tests.outputs.founding import founding_record

    with tempfile.TemporaryDirectory() as tmp:
        rec = Path(tmp) / "r.toml"
        rec.write_text(record_to_toml(founding_record()))
        py = sys.executable
        cases = {
            "baseline (import tomllib)": [py, "-c", "import tomllib"],
            "report": [py, "-m", "demarche", "-W", tmp, "report", str(rec)],
            "nonpaper": [py, "-m", "demarche", "-W", tmp, "nonpaper", str(rec)],
            "card": [py, "-m", "demarche", "-W", tmp, "card", str(rec)],
            "summary": [py, "-m", "demarche", "-W", tmp, "summary", str(rec)],
        }
        times: dict[str, list[float]] = {k: [] for k in cases}
        for _ in range(runs):
            for name, cmd in cases.items():
                times[name].append(_time(cmd))
    base = statistics.median(times["baseline (import tomllib)"])
    print(f"{'command':<28}{'median ms':>10}{'x baseline':>12}")
    for name, ts in times.items():
        m = statistics.median(ts)
        print(f"{name:<28}{m * 1000:>10.1f}{m / base:>12.2f}")


if __name__ == "__main__":
    main()
