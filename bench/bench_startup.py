"""Startup: `demarche meet PLAN` to its first content, vs a bare Textual app.

Both run side by side in one go, in a real pseudo-terminal at 100x32,
alternating, N rounds each. The clock stops when the first content is on
the terminal: the first talking point's text for demarche, the list's first
row for the bare app (Header, a 24-item OptionList, Footer); and, a second
figure, when the footer's keys are (the screen is interactive). Prints
medians and the ratios (goal for first content: within 1.2x).

Every start but the first finds what the one before kept in the user's
cache folder: parsed styles (``tui/style_cache.py``) and compiled dataclass
methods (``dataclass_code.py``). The bench makes them with one start of its
own first, in a cache folder of its own, and measures the first start
(nothing kept: every stylesheet parsed, every dataclass compiled) apart, in
a few more rounds with that folder emptied before each.

Run it with the Python of a regular install (``pip install .``), as users
get it, and with ``PYTHONDONTWRITEBYTECODE`` unset. With it set, the
modules of an editable install (``pip install -e .``), which live in the
source tree, are compiled again at every start, since their bytecode is
never written; a regular install's bytecode is written when it is
installed. That, not the editable install's import finder, is what made
editable installs look about 0.1x slower. The script says what it measures
with.

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

#: The first talking point of the founding plan, as the Meeting screen shows it first.
FIRST_POINT = b"Obama Administration"
BARE_CONTENT = b"item 0"

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
        # What a start keeps for the next (styles, dataclass code), in a
        # cache folder of the bench's own: made by one start first, as any
        # start after the first finds it.
        cache = ws / "cache"
        env["XDG_CACHE_HOME"] = str(cache)
        bare_app = [sys.executable, "-c", BARE_APP]
        meet = [sys.executable, "-m", "demarche", "meet", str(PLAN)]
        time_to_marker(meet, b"Delivered", ws, env)
        time.sleep(0.5)
        kept = any(cache.glob("demarche/styles-*.pickle")) and any(
            cache.glob("demarche/dataclass-code-*.marshal")
        )
        shutil.rmtree(ws / "records", ignore_errors=True)
        keys_bare, keys_ours = [], []
        for _ in range(rounds):
            bare.append(time_to_marker(bare_app, BARE_CONTENT, ws, env))
            ours.append(time_to_marker(meet, FIRST_POINT, ws, env))
            shutil.rmtree(ws / "records", ignore_errors=True)
            keys_bare.append(time_to_marker(bare_app, b"Delivered", ws, env))
            keys_ours.append(time_to_marker(meet, b"Delivered", ws, env))
            shutil.rmtree(ws / "records", ignore_errors=True)
        # The first start after an install, or with the cache folder cleared:
        # every stylesheet parsed, as before styles were kept.
        first_bare, first_ours = [], []
        for _ in range(max(3, rounds // 3)):
            shutil.rmtree(cache, ignore_errors=True)
            first_bare.append(time_to_marker(bare_app, BARE_CONTENT, ws, env))
            first_ours.append(time_to_marker(meet, FIRST_POINT, ws, env))
            shutil.rmtree(ws / "records", ignore_errors=True)
    m_ours, m_bare = statistics.median(ours), statistics.median(bare)
    k_ours, k_bare = statistics.median(keys_ours), statistics.median(keys_bare)
    print(f"medians of {rounds} runs      first content   footer keys")
    print(f"bare Textual app             {m_bare * 1000:9.1f} ms  {k_bare * 1000:9.1f} ms")
    print(f"demarche meet founding plan  {m_ours * 1000:9.1f} ms  {k_ours * 1000:9.1f} ms")
    ratio = m_ours / m_bare
    print(
        f"ratio first content {ratio:.2f}x (goal <= 1.20x): {'OK' if ratio <= 1.2 else 'OVER'}; "
        f"footer keys {k_ours / k_bare:.2f}x"
    )
    if not kept:
        print("note: the first start kept nothing: every start above parsed and compiled it all")
    f_ours, f_bare = statistics.median(first_ours), statistics.median(first_bare)
    print(
        f"first start, nothing kept ({len(first_ours)} runs): {f_ours * 1000:.1f} ms vs "
        f"{f_bare * 1000:.1f} ms bare = {f_ours / f_bare:.2f}x"
    )
    kind = "editable" if _editable_install() else "regular"
    print(f"install: {kind}; PYTHONDONTWRITEBYTECODE {'set' if _no_bytecode() else 'unset'}")
    if _no_bytecode():
        print(
            "note: with PYTHONDONTWRITEBYTECODE set, modules without bytecode are compiled at every start"
        )


def _no_bytecode() -> bool:
    return bool(os.environ.get("PYTHONDONTWRITEBYTECODE")) or sys.dont_write_bytecode


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
