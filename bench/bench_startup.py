"""Startup: `demarche meet PLAN` to its first interactive frame, vs a bare Textual app.

Both run side by side in one go, in a real pseudo-terminal at 100x32,
alternating, N rounds each; the clock stops when the footer's keys appear on
the terminal (the screen is composed and drawn). Prints medians and the
ratio (target: within 1.3x).

Run it with the Python of a regular install (``pip install .``), as users
get it: an editable install (``pip install -e .``) puts an import finder in
front of every module Textual loads, which adds about 0.1x here. The script
says which kind it is measuring.

    python bench/bench_startup.py [rounds]
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
PLAN = REPO / "plans" / "russia-tip-tier2-2009.toml"

BARE_APP = r"""
from textual.app import App
from textual.widgets import Footer, Header, OptionList
class Bare(App):
    BINDINGS = [("d", "bell", "Delivered"), ("q", "quit", "Quit")]
    def compose(self):
        yield Header()
        yield OptionList(*[f"item {i}" for i in range(24)])
        yield Footer()
Bare().run()
"""


def time_to_marker(
    argv: list[str], marker: bytes, cwd: Path, env: dict[str, str], timeout: float = 30.0
) -> float:
    """Seconds from spawning `argv` in a 100x32 pty until `marker` is drawn."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 32, 100, 0, 0))
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        argv, stdin=slave, stdout=slave, stderr=slave, cwd=cwd, env=env, start_new_session=True
    )
    os.close(slave)
    seen = b""
    try:
        while time.perf_counter() - t0 < timeout:
            r, _, _ = select.select([master], [], [], 0.05)
            if r:
                try:
                    seen += os.read(master, 65536)
                except OSError:
                    break
                if marker in seen:
                    return time.perf_counter() - t0
        raise RuntimeError(f"{argv} never drew {marker!r}: {seen[-500:]!r}")
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        os.close(master)


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    env = dict(os.environ, TERM="xterm-256color")
    env.pop("NO_COLOR", None)
    ours, bare = [], []
    with tempfile.TemporaryDirectory() as tmp:
        ws = Path(tmp)
        env["DEMARCHE_HOME"] = str(ws)
        for _ in range(rounds):
            bare.append(time_to_marker([sys.executable, "-c", BARE_APP], b"Delivered", ws, env))
            ours.append(
                time_to_marker(
                    [sys.executable, "-m", "demarche", "meet", str(PLAN)], b"Delivered", ws, env
                )
            )
            shutil.rmtree(ws / "records", ignore_errors=True)
    m_ours, m_bare = statistics.median(ours), statistics.median(bare)
    print(
        f"bare Textual app (Header, list, Footer): median {m_bare * 1000:7.1f} ms  ({rounds} runs)"
    )
    print(
        f"demarche meet founding plan:             median {m_ours * 1000:7.1f} ms  ({rounds} runs)"
    )
    ratio = m_ours / m_bare
    print(f"ratio {ratio:.2f}x (target <= 1.30x): {'OK' if ratio <= 1.3 else 'OVER'}")
    if _editable_install():
        print(
            "note: demarche is an editable install here; a regular install (pip install .) starts ~0.1x faster"
        )


def _editable_install() -> bool:
    """True when `demarche` is imported through an editable install's finder."""
    import importlib.metadata

    try:
        files = importlib.metadata.distribution("demarche").files or []
    except importlib.metadata.PackageNotFoundError:
        return True
    return any("__editable__" in str(f) for f in files)


if __name__ == "__main__":
    main()
