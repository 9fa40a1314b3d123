"""The Meeting screen's top line: clock since the start, progress, save status."""

from __future__ import annotations

import datetime as dt

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from ...model import Record
from .save_status import SaveStatus


def elapsed(record: Record, at: dt.datetime) -> str:
    """``00:12:05`` since the meeting started (and until it ended), or ``not started``."""
    start = record.meeting.start
    if start is None:
        return "not started"
    end = record.meeting.end or at
    try:
        seconds = max(0, int((end - start).total_seconds()))
    except TypeError:  # naive and aware datetimes from a hand-edited record
        seconds = max(
            0, int((end.replace(tzinfo=None) - start.replace(tzinfo=None)).total_seconds())
        )
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


def progress_line(record: Record) -> str:
    """``TPs 3/7  High 1/5  Done 6/24``: talking points and high-priority items delivered."""
    p = record.progress()
    tp, high, total = p["talking_points"], p["high"], p["all"]
    return f"TPs {tp[0]}/{tp[1]}  High {high[0]}/{high[1]}  Marked {total[0]}/{total[1]}"


class MeetingBar(Horizontal):
    """Clock and progress on the left, the save status on the right."""

    DEFAULT_CSS = """
    MeetingBar { height: 1; background: $panel; }
    MeetingBar > #meeting-clock { width: auto; padding: 0 1; text-style: bold; }
    MeetingBar > #meeting-progress { width: 1fr; padding: 0 1; }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="meeting-clock", markup=False)
        yield Static(id="meeting-progress", markup=False)
        yield SaveStatus()

    def show(self, record: Record, at: dt.datetime) -> None:
        self.query_one("#meeting-clock", Static).update(elapsed(record, at))
        self.query_one("#meeting-progress", Static).update(progress_line(record))
