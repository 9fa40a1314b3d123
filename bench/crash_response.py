"""A response typed 1.5 s before a SIGKILL on a big record: is it on disk?

For each trial: ``demarche meet`` on a plan of N items (`crash.big_plan`,
100,000 by default) in a 100x32 pseudo-terminal; once the Meeting screen is
up, ``d`` marks the first item, ``r`` opens the response editor of the next
(with time for the screen to get there: this measures saving, not how fast
the screen follows keys), a response is typed at a person's pace, and 1.5 s
after the last key the process is killed. Then the record is read from disk
(with its journal, as every reader does): the response must be there.

Not a timing: a correctness check on a record big enough that writing it
whole takes longer than the promise (every change on disk within a second).

    python bench/crash_response.py [--items 100000] [--trials 3]
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import crash  # noqa: E402
from demarche.store.storage import load_record  # noqa: E402

BEFORE_KILL = 1.5


def trial(plan: Path, root: Path, n: int) -> bool:
    ws = root / f"trial-{n}"
    (ws / "plans").mkdir(parents=True)
    shutil.copy(plan, ws / "plans" / plan.name)
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 32, 100, 0, 0))
    env = dict(os.environ, TERM="xterm-256color", DEMARCHE_HOME=str(ws))
    env.pop("NO_COLOR", None)
    argv = [sys.executable, "-m", "demarche", "meet", str(ws / "plans" / plan.name)]
    proc = subprocess.Popen(
        argv, stdin=slave, stdout=slave, stderr=slave, env=env, cwd=ws, start_new_session=True
    )
    os.close(slave)
    out: list[bytes] = []
    stop = threading.Event()
    threading.Thread(target=crash._reader, args=(master, stop, out), daemon=True).start()
    text = f"they will answer in writing {n}"
    try:
        t0 = time.monotonic()
        while b"Delivered" not in b"".join(out):
            if proc.poll() is not None or time.monotonic() - t0 > 300:
                print(f"trial {n}: the app did not start")
                return False
            time.sleep(0.1)
        started = time.monotonic() - t0
        time.sleep(2)
        os.write(master, b"d")  # the first item delivered; the cursor moves on
        time.sleep(2)
        os.write(master, b"r")  # the next item's response
        time.sleep(3)
        for ch in text:
            os.write(master, ch.encode())
            time.sleep(0.03)
        time.sleep(BEFORE_KILL)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        stop.set()
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(master)
    [path] = sorted((ws / "records").glob("*.toml"))
    record = load_record(path)
    got = record.agenda[1].response.text
    ok = got == text and record.agenda[0].outcome.value == "delivered"
    print(
        f"trial {n}: started in {started:.1f} s; on disk: {got!r}: {'ok' if ok else 'LOST'}",
        flush=True,
    )
    return ok


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--items", type=int, default=100_000)
    ap.add_argument("--trials", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="demarche-response-") as tmp:
        plan = crash.big_plan(args.items, Path(tmp))
        kept = sum(trial(plan, Path(tmp), n) for n in range(1, args.trials + 1))
    print(
        f"{args.items} items: a response typed {BEFORE_KILL} s before SIGKILL on disk in {kept} of {args.trials} trials"
    )
    return 0 if kept == args.trials else 1


if __name__ == "__main__":
    sys.exit(main())
