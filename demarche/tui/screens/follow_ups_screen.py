"""Follow-ups: every open follow-up of the workspace, overdue first; close one.

Reached from Home (`f`). The list is read by a thread worker
(`history.read_open_follow_ups`). Closing one (`x`) opens its record through
a `MeetingSession`, so its lock holds: a record open in another demarche is
refused with a notification; the record open in this app is changed through
the app's own session. The date (default today) and note come from
`CloseFollowUpDialog`; the change is saved by the session before the list
is read again.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import cast

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header, Static
from textual.worker import Worker, WorkerState

from ...display import cell, plain
from ...classification import UNCLASSIFIED, highest
from ...errors import DemarcheError, LockedError
from ...followthrough.coverage import OpenFollowUp
from ...followthrough.history import read_open_follow_ups
from ...session import MeetingSession
from ...wording import days_left, overdue_words
from ..dialogs.close_follow_up import CloseFollowUpDialog, FollowUpClosing
from ..widgets.banner import ClassificationBanner
from ..widgets.step_footer import StepFooter
from .base import DemarcheScreen


def left_cell(o: OpenFollowUp) -> Text:
    """``5d``, ``today``, ``OVERDUE 3d ago`` (bold red, and in words for NO_COLOR)."""
    days = o.days_left
    if days is None:
        return Text("no date")
    when = days_left(days, narrow=True)
    if days < 0:
        return Text(f"OVERDUE {overdue_words(days, narrow=True)}".strip(), style="bold red")
    return Text(when)


class FollowUpsScreen(DemarcheScreen[None]):
    """Open follow-ups across records; x closes the highlighted one, o opens its record."""

    #: The help.md section F1 opens at.
    HELP_SECTION = "Home"
    BINDINGS = [
        Binding(
            "x",
            "close_follow_up",
            "Close follow-up",
            id="follow_ups.close",
            tooltip="Close it, with a date and a note",
        ),
        Binding(
            "o",
            "open_record",
            "Open record",
            id="follow_ups.open",
            tooltip="Open the record it belongs to",
        ),
        Binding("escape", "back", "Back", id="follow_ups.back", tooltip="Back to Home"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[OpenFollowUp] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield ClassificationBanner(UNCLASSIFIED, classes="banner-top")
        yield Static("Reading the workspace...", id="fu-heading", classes="home-heading")
        yield DataTable(id="fu-table", cursor_type="row")
        yield Static("", id="fu-detail")
        yield ClassificationBanner(UNCLASSIFIED, classes="banner-bottom")
        yield StepFooter()

    def on_mount(self) -> None:
        self.sub_title = "open follow-ups"
        self.query_one("#fu-table", DataTable).focus()
        self._read()

    def _today(self) -> dt.date:
        return self.app.clock().date()

    def _read(self) -> None:
        self._load(self._today())

    @work(thread=True, exclusive=True, group="follow-ups", exit_on_error=False)
    def _load(self, today: dt.date) -> list[OpenFollowUp]:
        return read_open_follow_ups(self.app.workspace, today)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "follow-ups":
            return
        if event.state is WorkerState.SUCCESS:
            self.rows = cast("list[OpenFollowUp]", event.worker.result)
            self._fill()
        elif event.state is WorkerState.ERROR:
            self.notify(
                str(event.worker.error),
                title="Cannot read the workspace",
                severity="error",
                timeout=10,
            )

    def _fill(self) -> None:
        table = self.query_one("#fu-table", DataTable)
        keep = table.cursor_row
        table.clear(columns=True)
        table.add_columns("Due", "Left", "Owner", "Id", "What", "Record")
        width = max(20, self.size.width - 62)
        for n, o in enumerate(self.rows):
            f = o.follow_up
            what = " ".join(f.what.split())
            what = what if len(what) <= width else what[: width - 1] + "…"
            table.add_row(
                f.due.isoformat() if f.due else "-",
                left_cell(o),
                f.owner.value,
                cell(f.id),
                cell(what),
                cell(Path(o.meeting.shown).name),
                key=str(n),
            )
        if table.row_count:
            table.move_cursor(row=min(keep, table.row_count - 1))
        marking = highest([o.meeting.marking for o in self.rows])
        for banner in self.query(ClassificationBanner):
            banner.refresh_marking(marking)
        late = sum(o.overdue for o in self.rows)
        head = (
            f"Open follow-ups: {len(self.rows)}"
            + (f", {late} OVERDUE" if late else "")
            + " · x close · o open record"
        )
        self.query_one("#fu-heading", Static).update(head if self.rows else "No open follow-ups.")
        self._show_detail()

    def _selected(self) -> OpenFollowUp | None:
        table = self.query_one("#fu-table", DataTable)
        if not self.rows or table.row_count == 0:
            return None
        return self.rows[min(table.cursor_row, len(self.rows) - 1)]

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_detail()

    def _show_detail(self) -> None:
        o = self._selected()
        text = ""
        if o is not None:
            who = o.meeting.who() or "no interlocutor recorded"
            text = f"{o.meeting.shown} · {o.meeting.label() or who}\n{o.follow_up.id}: {' '.join(o.follow_up.what.split())}"
        self.query_one("#fu-detail", Static).update(plain(text))

    # -- actions ------------------------------------------------------------

    def action_back(self) -> None:
        self.dismiss()

    def action_open_record(self) -> None:
        o = self._selected()
        if o is not None:
            self.app.open_record(o.meeting.path)

    def _session_for(self, path: Path) -> tuple[MeetingSession | None, bool]:
        """The session to change `path` through, and whether this screen opened it (and must close it)."""
        app = self.app
        if app.session is not None and app.session.path.resolve() == path.resolve():
            return app.session, False
        try:
            return MeetingSession.open(path), True
        except LockedError:
            self.notify(
                f"{path.name} is open in another demarche: close the follow-up there, or quit that one first.",
                title="Record in use",
                severity="error",
                timeout=10,
            )
        except DemarcheError as exc:
            self.notify(str(exc), title="Cannot open the record", severity="error", timeout=10)
        return None, False

    def action_close_follow_up(self) -> None:
        o = self._selected()
        if o is None:
            self.notify("No open follow-up selected.", severity="warning")
            return
        session, own = self._session_for(o.meeting.path)
        if session is None:
            return
        fu = next((f for f in session.record.follow_ups if f.id == o.follow_up.id), None)
        if fu is None or not fu.open:
            if own:
                session.close()
            self.notify(
                f"{o.follow_up.id} is no longer open in {o.meeting.path.name}.", severity="warning"
            )
            self._read()
            return

        def done(closing: FollowUpClosing | None) -> None:
            if closing is not None:
                session.close_follow_up(fu.id, closing.on, closing.note)
            saved = session.close() if own else session.saver.flush()
            if closing is None:
                return
            if saved:
                self.notify(
                    f"{fu.id} of {o.meeting.path.name} closed on {closing.on.isoformat()}.",
                    title="Follow-up closed",
                )
            else:
                self.notify(
                    f"{fu.id} closed but not saved: {session.saver.state.error}",
                    severity="error",
                    timeout=10,
                )
            self._read()

        self.app.push_screen(CloseFollowUpDialog(fu, self._today(), o.meeting.path.name), done)
