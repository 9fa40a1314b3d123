"""Peak memory: `demarche meet` on the founding plan and on 2,000 items, vs a bare Textual app.

Every program runs the same way, side by side in one run: in a real
pseudo-terminal at 100x32 until its first interactive frame (the footer's
"Delivered" key drawn) and half a second more, then SIGKILL; its peak resident
set size is read from the kernel with `os.wait4` (`ru_maxrss`, KiB on Linux).
The baselines are bare Textual apps with a Header, an OptionList and a
Footer: 24 rows for the founding plan, 2,000 rows for the large plan, so the
ratio shows what demarche adds over Textual holding the same number of rows.
Prints the median of N rounds each and the ratios.

    python bench/bench_memory.py [rounds]
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))
PLAN = REPO / "plans" / "russia-tip-tier2-2009.toml"

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


def peak_rss_kib(
    argv: list[str],
    marker: bytes,
    cwd: Path,
    env: dict[str, str],
    linger: float = 0.5,
    timeout: float = 60.0,
) -> int:
    """Peak RSS (KiB) of `argv` run in a 100x32 pty until `marker` is drawn, plus `linger` seconds."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 32, 100, 0, 0))
    proc = subprocess.Popen(
        argv, stdin=slave, stdout=slave, stderr=slave, cwd=cwd, env=env, start_new_session=True
    )
    os.close(slave)
    seen = b""
    t0 = time.monotonic()
    drawn = None
    try:
        while time.monotonic() - t0 < timeout:
            r, _, _ = select.select([master], [], [], 0.05)
            if r:
                try:
                    seen += os.read(master, 65536)
                except OSError:
                    break
            if drawn is None and marker in seen:
                drawn = time.monotonic()
            if drawn is not None and time.monotonic() - drawn >= linger:
                break
        if drawn is None:
            raise RuntimeError(f"{argv} never drew {marker!r}: {seen[-500:]!r}")
    finally:
        proc.send_signal(signal.SIGKILL)
        _, _, usage = os.wait4(proc.pid, 0)
        proc.returncode = -9  # reaped by wait4; keep Popen from waiting again
        os.close(master)
    return usage.ru_maxrss


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    from bench_keys import sized_plan

    env = dict(os.environ, TERM="xterm-256color")
    env.pop("NO_COLOR", None)
    py = sys.executable
    results: dict[str, list[int]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        ws = Path(tmp)
        env["DEMARCHE_HOME"] = str(ws)
        big = sized_plan(ws, 2000)
        cases = {
            "bare Textual app, 24 rows": [py, "-c", BARE_APP, "24"],
            "demarche meet, founding plan (24)": [py, "-m", "demarche", "meet", str(PLAN)],
            "bare Textual app, 2,000 rows": [py, "-c", BARE_APP, "2000"],
            "demarche meet, 2,000-item plan": [py, "-m", "demarche", "meet", str(big)],
        }
        for _ in range(rounds):
            for name, argv in cases.items():
                results.setdefault(name, []).append(peak_rss_kib(argv, b"Delivered", ws, env))
                shutil.rmtree(ws / "records", ignore_errors=True)
    med = {k: statistics.median(v) / 1024 for k, v in results.items()}
    for name, mib in med.items():
        print(f"{name:<36} peak RSS median {mib:7.1f} MiB  ({rounds} runs)")
    small = med["demarche meet, founding plan (24)"] / med["bare Textual app, 24 rows"]
    large = med["demarche meet, 2,000-item plan"] / med["bare Textual app, 2,000 rows"]
    print(f"ratio founding plan / bare 24 rows:   {small:.2f}x")
    print(f"ratio 2,000 items / bare 2,000 rows:  {large:.2f}x")
    print(
        f"2,000 items vs founding plan:         {med['demarche meet, 2,000-item plan'] / med['demarche meet, founding plan (24)']:.2f}x"
    )


if __name__ == "__main__":
    main()
