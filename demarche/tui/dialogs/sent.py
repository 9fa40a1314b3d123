"""The reporting cable went: its serial (``KUWAIT 88``), asked once; the meeting is then reported.

Writing or saving a draft never marks a meeting reported: only the officer
knows when the cable was sent. Enter gives the serial to the screen (which
applies it through `MeetingSession.mark_sent`); escape changes nothing.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label

from ..screens.base import DemarcheDialog
from ..widgets.visible_lines import VisibleInput


class SentDialog(DemarcheDialog[str | None]):
    """The sent cable's serial; dismisses with it, or None on escape."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="sent.cancel")]

    def __init__(self, serial: str = "") -> None:
        super().__init__()
        self.serial = serial

    def compose(self) -> ComposeResult:
        with Vertical(id="sent-box", classes="dialog"):
            yield Label(
                "The reporting cable was sent as (post and number; enter marks the meeting "
                "reported, escape changes nothing):",
                classes="dialog-title",
            )
            yield VisibleInput(self.serial, id="sent-serial", placeholder="e.g. MOSCOW 2345")

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#sent-serial", Input))

    @on(Input.Submitted, "#sent-serial")
    def _done(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)
