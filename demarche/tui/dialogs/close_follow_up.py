"""Close a follow-up: on which date (today unless changed) and with what note.

Returns a `FollowUpClosing` or None (escape). The date is checked as
YYYY-MM-DD before the dialog closes; enter in either field closes the
follow-up. The caller applies it through `MeetingSession.close_follow_up`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label

from ...display import plain
from ...model import FollowUp
from ..screens.base import DemarcheDialog


@dataclass(frozen=True)
class FollowUpClosing:
    on: dt.date
    note: str


class CloseFollowUpDialog(DemarcheDialog[FollowUpClosing | None]):
    """Date and note for closing one follow-up; escape cancels."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="close_follow_up.cancel"),
        Binding("ctrl+s", "close_it", "Close follow-up", id="close_follow_up.close"),
    ]

    def __init__(self, follow_up: FollowUp, today: dt.date, where: str = "") -> None:
        super().__init__()
        self.follow_up = follow_up
        self.today = today
        self.where = where

    def compose(self) -> ComposeResult:
        fu = self.follow_up
        due = f", due {fu.due.isoformat()}" if fu.due else ""
        with Vertical(id="close-fu-box", classes="dialog"):
            yield Label(
                plain(f"Close follow-up {fu.id}{' of ' + self.where if self.where else ''}"),
                classes="dialog-title",
            )
            yield Label(
                plain(f"{' '.join(fu.what.split())} ({fu.owner.value} owes it{due})"),
                id="close-fu-what",
            )
            yield Label("Closed on (YYYY-MM-DD):")
            yield Input(self.today.isoformat(), id="close-fu-date")
            yield Label("Note (what came of it):")
            yield Input(id="close-fu-note", placeholder="e.g. statistics received by email")
            yield Label("", id="close-fu-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Close follow-up", variant="primary", id="close-fu-ok")
                yield Button("Cancel", id="close-fu-cancel")

    def on_mount(self) -> None:
        self.query_one("#close-fu-note", Input).focus()

    def action_close_it(self) -> None:
        raw = self.query_one("#close-fu-date", Input).value.strip()
        try:
            on_day = dt.date.fromisoformat(raw)
        except ValueError:
            self.query_one("#close-fu-error", Label).update(
                plain(f"Date {raw!r} is not YYYY-MM-DD.")
            )
            self.query_one("#close-fu-date", Input).focus()
            return
        self.dismiss(FollowUpClosing(on_day, self.query_one("#close-fu-note", Input).value.strip()))

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_close_it()

    @on(Button.Pressed, "#close-fu-ok")
    def _ok(self) -> None:
        self.action_close_it()

    @on(Button.Pressed, "#close-fu-cancel")
    def _cancel(self) -> None:
        self.action_cancel()
