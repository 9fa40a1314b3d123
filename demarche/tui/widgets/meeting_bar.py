"""The Meeting screen's top line: clock since the start, progress, save status."""

from __future__ import annotations

import datetime as dt

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from ...model import Record
from .save_status import SaveStatus


#: A clock further from the start than this is not a meeting running now: show when it was.
RUNNING_AT_MOST = dt.timedelta(hours=12)


def elapsed(record: Record, at: dt.datetime) -> str:
    """``00:12:05`` since the meeting started (and until it ended), or when it was.

    Written up from notes, or started at a time far from now (a planned
    date kept, a meeting of another day), there is no running clock: the
    line says when the meeting was, never ``149686:14:18``.
    """
    m = record.meeting
    start = m.start
    if m.written_up:
        when = (
            f"{start:%Y-%m-%d %H:%M}"
            if start
            else (m.date.isoformat() if m.date else "date not set (i)")
        )
        return f"written up: {when}"
    if start is None:
        return "not started"
    end = m.end or at
    try:
        seconds = max(0, int((end - start).total_seconds()))
    except TypeError:  # naive and aware datetimes from a hand-edited record
        seconds = max(
            0, int((end.replace(tzinfo=None) - start.replace(tzinfo=None)).total_seconds())
        )
    if m.end is None and (seconds > RUNNING_AT_MOST.total_seconds() or _before(at, start)):
        return f"started {start:%Y-%m-%d %H:%M}"
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


def _before(at: dt.datetime, start: dt.datetime) -> bool:
    """`at` is before `start` (a start planned later today, or in the future)."""
    try:
        return at < start
    except TypeError:
        return at.replace(tzinfo=None) < start.replace(tzinfo=None)


def progress_line(p: dict[str, tuple[int, int]]) -> str:
    """``TPs 3/7  High 1/5  Marked 6/24``: talking points and high-priority items delivered (`Record.progress`)."""
    tp, high, total = p["talking_points"], p["high"], p["all"]
    return f"TPs {tp[0]}/{tp[1]}  High {high[0]}/{high[1]}  Marked {total[0]}/{total[1]}"


class MeetingBar(Horizontal):
    """Clock and progress on the left, the save status on the right."""

    DEFAULT_CSS = """
    MeetingBar { height: 1; background: $panel; }
    MeetingBar > #meeting-clock { width: auto; padding: 0 1; text-style: bold; }
    MeetingBar > #meeting-progress { width: 1fr; padding: 0 1; }
    """

    _progress = ""

    def compose(self) -> ComposeResult:
        yield Static(id="meeting-clock", markup=False)
        yield Static(id="meeting-progress", markup=False)
        yield SaveStatus()

    def show(self, record: Record, at: dt.datetime, progress: dict[str, tuple[int, int]]) -> None:
        """The clock and the progress (`Record.progress`, or a `ProgressTally`'s): after a change."""
        self.show_clock(record, at)
        line = progress_line(progress)
        if line != self._progress:  # most keys change no count: no repaint
            self._progress = line
            self.query_one("#meeting-progress", Static).update(line)

    def show_clock(self, record: Record, at: dt.datetime) -> None:
        """Only the clock: each second (progress changes only with the record).

        Drawn every second even when it reads the same ("not started"):
        skipping that redraw left the process running after its terminal
        closed at start-up (tests/tui/test_hangup.py), so the write seems to
        be what ends it there.
        """
        self.query_one("#meeting-clock", Static).update(elapsed(record, at))
