"""Crash trials: run a scripted meeting in a real terminal and SIGKILL it at random moments.

Each trial starts ``demarche meet`` on the founding plan in a pseudo-terminal
at 100x32, types a random but realistic meeting at a person's pace (marks
with d/p/s/l, moves with j/k, responses typed after r, stances 1-5), and
kills the process with SIGKILL at a random moment. Then it reads the record
from disk and checks:

- the record parses (a half-written file would not);
- every change made more than one second before the kill is in it.

To check the second point the script replays the keys it sent on a model
of the Meeting screen (cursor, auto-advance after a mark, response typing)
and looks for the earliest point of the key sequence whose state matches the
disk: the keys sent more than a second before the kill must all be in it.
"Lost" counts acknowledged keys whose effect is missing.

    python bench/crash.py [--trials 50] [--seed 1] [--items 100000]

``--items N`` runs the trials on a plan of N items (the founding plan's,
then copies of its points under new ids): on a big record a save is a line
of the record's journal, folded into the TOML at quiet moments.

Prints one line per trial and a total; exit status 1 if any record failed to
parse or any acknowledged change was lost. The test suite runs 5 trials.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import random
import select
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from demarche.errors import DemarcheError  # noqa: E402
from demarche.store.formats import plan_to_toml  # noqa: E402
from demarche.store.storage import load_plan, load_record  # noqa: E402

PLAN = REPO / "plans" / "russia-tip-tier2-2009.toml"
ITEMS = [f"tp-{n}" for n in range(1, 8)] + [f"np-{n}" for n in range(1, 18)]
OUTCOME_KEYS = {"d": "delivered", "p": "partial", "s": "skipped", "l": "deferred"}
STANCES = ["receptive", "noncommittal", "objected", "asked_for_information", "no_response"]
ACK_SECONDS = 1.0
WORDS = "the minister said russia would consider the points and reply in writing soon".split()


@dataclass
class State:
    """What the Meeting screen holds after some keys: the part a record must show."""

    cursor: int = 0
    editing: bool = False
    outcome: dict[str, str] = field(default_factory=dict)
    text: dict[str, str] = field(default_factory=dict)
    stance: dict[str, str] = field(default_factory=dict)

    def copy(self) -> State:
        return State(
            self.cursor, self.editing, dict(self.outcome), dict(self.text), dict(self.stance)
        )

    def apply(self, key: str) -> None:
        item = ITEMS[self.cursor]
        if self.editing:
            if key == "\x1b":
                self.editing = False
            else:
                self.text[item] = self.text.get(item, "") + key
            return
        if key == "j":
            self.cursor = min(self.cursor + 1, len(ITEMS) - 1)
        elif key == "k":
            self.cursor = max(self.cursor - 1, 0)
        elif key in OUTCOME_KEYS:
            self.outcome[item] = OUTCOME_KEYS[key]  # the point stays current
        elif key == " ":
            later = [k for k in range(self.cursor + 1, len(ITEMS)) if ITEMS[k] not in self.outcome]
            self.cursor = later[0] if later else min(self.cursor + 1, len(ITEMS) - 1)
        elif key == "r":
            self.editing = True
        elif key in "12345":
            stance = STANCES[int(key) - 1]
            self.stance[item] = "" if self.stance.get(item) == stance else stance

    def saved_view(self) -> tuple:
        """What must be on disk (cursor and editing are not part of it)."""
        return (
            {k: v for k, v in self.outcome.items()},
            {k: v for k, v in self.text.items() if v},
            {k: v for k, v in self.stance.items() if v},
        )


def script(rnd: random.Random, length: int) -> list[str]:
    """A plausible meeting: mostly marks, sometimes a response typed, a stance, a move."""
    keys: list[str] = []
    while len(keys) < length:
        r = rnd.random()
        if r < 0.45:
            keys.append(rnd.choice("ddddppsl"))
            if rnd.random() < 0.6:
                keys.append(" ")  # on to the next point
        elif r < 0.6:
            keys.append(rnd.choice("jk"))
        elif r < 0.75:
            keys.append(rnd.choice("12345"))
        else:
            keys.append("r")
            keys.extend(" ".join(rnd.sample(WORDS, rnd.randint(1, 4))))
            keys.append("\x1b")
    return keys


def disk_view(path: Path) -> tuple:
    rec = load_record(path)
    outcome = {e.id: e.outcome.value for e in rec.entries if e.outcome.value != "pending"}
    text = {e.id: e.response.text for e in rec.entries if e.response.text}
    stance = {e.id: e.response.stance.value for e in rec.entries if e.response.stance}
    return outcome, text, stance


def _reader(fd: int, stop: threading.Event, sink: list[bytes]) -> None:
    while not stop.is_set():
        r, _, _ = select.select([fd], [], [], 0.05)
        if r:
            try:
                data = os.read(fd, 65536)
            except OSError:
                return
            if not data:
                return
            sink.append(data)


@dataclass
class Trial:
    n: int
    parsed: bool
    sent: int
    acknowledged: int
    lost: int
    note: str = ""


def big_plan(items: int, folder: Path) -> Path:
    """The founding plan grown to `items` items: its own first, then short points like its own."""
    import copy

    plan = load_plan(PLAN)
    own = list(plan.items)
    points = [it for it in own if it.id.startswith("np-")]
    for k in range(len(own), items):
        extra = copy.copy(points[k % len(points)])
        extra.id = f"x-{k + 1}"
        extra.text = f"Further point {k + 1}: we ask the ministry for an answer in writing."
        extra.post_note = ""
        plan.items.append(extra)
    path = folder / PLAN.name
    path.write_text(plan_to_toml(plan), encoding="utf-8")
    global ITEMS
    ITEMS = [it.id for it in plan.items]
    return path


def run_trial(n: int, rnd: random.Random, root: Path, plan: Path = PLAN) -> Trial:
    ws = root / f"trial-{n}"
    (ws / "plans").mkdir(parents=True)
    shutil.copy(plan, ws / "plans" / PLAN.name)
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 32, 100, 0, 0))
    env = dict(os.environ, TERM="xterm-256color", DEMARCHE_HOME=str(ws))
    env.pop("NO_COLOR", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "demarche", "meet", str(ws / "plans" / PLAN.name)],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        cwd=ws,
        start_new_session=True,
    )
    os.close(slave)
    out: list[bytes] = []
    stop = threading.Event()
    threading.Thread(target=_reader, args=(master, stop, out), daemon=True).start()
    sent: list[tuple[float, str]] = []
    try:
        deadline = time.monotonic() + 30 + len(ITEMS) / 500  # a big plan takes its time
        while b"Delivered" not in b"".join(out):
            if proc.poll() is not None or time.monotonic() > deadline:
                return Trial(
                    n,
                    False,
                    0,
                    0,
                    0,
                    "app did not start: " + b"".join(out)[-300:].decode("utf-8", "replace"),
                )
            time.sleep(0.05)
        keys = script(rnd, rnd.randint(10, 60))
        kill_after = rnd.uniform(0.3, 0.06 * len(keys) + 1.5)
        t0 = time.monotonic()
        for key in keys:
            if time.monotonic() - t0 >= kill_after:
                break
            os.write(master, key.encode())
            sent.append((time.monotonic(), key))
            # A person types text fast, command keys a little slower, and takes a
            # moment to reach for the next key after Escape (sooner, and the
            # terminal itself cannot tell Escape-then-key from alt+key).
            if key == "\x1b":
                time.sleep(rnd.uniform(0.15, 0.3))
            elif len(key) == 1 and key.isalpha() and key not in "dpsljkr":
                time.sleep(rnd.uniform(0.02, 0.05))
            else:
                time.sleep(rnd.uniform(0.05, 0.2))
        while time.monotonic() - t0 < kill_after:
            time.sleep(0.01)
        killed_at = time.monotonic()
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        stop.set()
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(master)

    records = sorted((ws / "records").glob("*.toml"))
    if not records:
        ack = sum(1 for t, _ in sent if t <= killed_at - ACK_SECONDS)
        return Trial(n, False, len(sent), ack, ack, "no record on disk")
    try:
        disk = disk_view(records[0])
    except DemarcheError as exc:
        return Trial(n, False, len(sent), 0, 0, f"unreadable: {exc}")

    acknowledged = sum(1 for t, _ in sent if t <= killed_at - ACK_SECONDS)
    states = [State()]
    for _, key in sent:
        s = states[-1].copy()
        s.apply(key)
        states.append(s)
    views = [s.saved_view() for s in states]
    matches = [k for k, v in enumerate(views) if v == disk]
    if not matches:
        keys = "".join(k for _, k in sent)
        return Trial(
            n,
            True,
            len(sent),
            acknowledged,
            acknowledged,
            f"disk matches no point of the key sequence: keys {keys!r}, disk {disk}, expected {views[-1]}",
        )
    best = max(matches)
    lost = max(0, acknowledged - best)
    # Keys that change nothing (a move) make several points match: any match at
    # or after the acknowledged point means nothing acknowledged was lost.
    if any(k >= acknowledged for k in matches):
        lost = 0
    note = ""
    if lost:
        keys = "".join(k for _, k in sent)
        ages = [round(killed_at - t, 2) for t, _ in sent[best:acknowledged]]
        note = f"disk holds keys[:{best}] of {keys!r}; missing keys sent {ages} s before the kill"
    return Trial(n, True, len(sent), acknowledged, lost, note)


def run_trials(trials: int, seed: int = 1, verbose: bool = True, items: int = 0) -> list[Trial]:
    rnd = random.Random(seed)
    results = []
    with tempfile.TemporaryDirectory(prefix="demarche-crash-") as tmp:
        plan = big_plan(items, Path(tmp)) if items else PLAN
        for n in range(1, trials + 1):
            t = run_trial(n, rnd, Path(tmp), plan)
            results.append(t)
            if verbose:
                state = "parsed" if t.parsed else "NOT PARSED"
                print(
                    f"trial {n:3d}: {state}, {t.sent:3d} keys sent, {t.acknowledged:3d} acknowledged, {t.lost} lost {t.note}",
                    flush=True,
                )
    return results


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--trials", type=int, default=50)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--items", type=int, default=0, help="a plan of this many items")
    args = ap.parse_args()
    results = run_trials(args.trials, args.seed, items=args.items)
    parsed = sum(t.parsed for t in results)
    lost = sum(t.lost for t in results)
    acked = sum(t.acknowledged for t in results)
    print(
        f"{len(results)} trials: {parsed} records parsed, {len(results) - parsed} not; "
        f"{lost} of {acked} acknowledged changes lost"
    )
    return 0 if parsed == len(results) and lost == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
