"""The crash suite, fast version: SIGKILL a scripted meeting at random moments (bench/crash.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

import crash  # noqa: E402


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pty")
def test_five_random_kills_lose_nothing_acknowledged():
    results = crash.run_trials(5, seed=11, verbose=False)
    assert [t.note for t in results if t.note] == []
    assert all(t.parsed for t in results)
    assert sum(t.lost for t in results) == 0
    assert sum(t.acknowledged for t in results) > 0  # the trials did exercise something


def test_the_replay_model_follows_the_meeting_screen():
    """The checker's model of the keys: marks stay, space advances, escape leaves the editor, digits toggle stances."""
    s = crash.State()
    for key in "d " + "r" + "ok" + "\x1b" + "2" + "2" + "3" + "kp" + " " + " ":
        s.apply(key)
    outcome, text, stance = s.saved_view()
    assert outcome == {"tp-1": "partial"}
    assert text == {"tp-2": "ok"}
    assert stance == {"tp-2": "objected"}
    assert s.cursor == 2  # from tp-1, space goes to tp-2 (not marked), then to tp-3
    t = crash.State()
    for key in "dr" + "ok" + "\x1b":
        t.apply(key)
    assert t.saved_view()[1] == {"tp-1": "ok"}  # the answer to the point just marked
