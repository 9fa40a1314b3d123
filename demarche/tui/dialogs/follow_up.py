"""Add a follow-up: what was promised, who owes it (host side or us), by when.

Returns a `FollowUpDraft` or None (escape). The due date is optional and
checked as YYYY-MM-DD before the dialog closes. Enter in any field adds.

What is typed is kept beside the open record as it is typed
(``.NAME.toml.follow-up-draft``, `MeetingSession.keep_follow_up_draft`), so a
crash or a SIGKILL before Add loses nothing: the next time the dialog opens
on that record it starts from the draft. Add or Cancel removes it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.timer import Timer
from textual.widgets import Button, Input, Label, RadioButton, RadioSet

from ...display import plain
from ...model import Owner
from ..screens.base import DemarcheDialog


class OwnerChoice(RadioButton):
    """A radio button whose mark shows without colour: ``(*)`` chosen, ``( )`` not (NO_COLOR, mono terminals)."""

    BUTTON_LEFT = "("
    BUTTON_RIGHT = ")"

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]
        return "*" if self.value else " "


@dataclass(frozen=True)
class FollowUpDraft:
    what: str
    owner: Owner
    due: dt.date | None


class FollowUpDialog(DemarcheDialog[FollowUpDraft | None]):
    """What / owner / due date; escape cancels."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="follow_up.cancel"),
        Binding("ctrl+s", "add", "Add", id="follow_up.add"),
        # The draft is not saved until added: q must not quit the app from here and drop it.
        Binding("q", "hold_quit", "", show=False, id="follow_up.hold_quit"),
    ]

    def __init__(self, item_id: str = "") -> None:
        super().__init__()
        self.item_id = item_id

    def compose(self) -> ComposeResult:
        with Vertical(id="follow-up-box", classes="dialog"):
            yield Label(
                plain(f"Follow-up{' on ' + self.item_id if self.item_id else ''}"),
                classes="dialog-title",
            )
            yield Input(id="follow-up-what", placeholder="what was promised")
            with RadioSet(id="follow-up-owner"):
                yield OwnerChoice("host side owes it", value=True, id="owner-host")
                yield OwnerChoice("we owe it", id="owner-us")
            yield Input(id="follow-up-due", placeholder="due YYYY-MM-DD (optional)")
            yield Label("", id="follow-up-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Add", variant="primary", id="follow-up-add")
                yield Button("Cancel", id="follow-up-cancel")

    def on_mount(self) -> None:
        self.query_one("#follow-up-what", Input).focus()
        self._save_timer: Timer | None = None
        self._restore_draft()

    # -- the draft kept on disk while typing --------------------------------

    def _restore_draft(self) -> None:
        session = self.app.session
        doc = session.follow_up_draft() if session is not None else None
        if doc is None:
            return
        what, due, owner = doc["what"], doc["due"], doc["owner"]
        self.query_one("#follow-up-what", Input).value = what
        self.query_one("#follow-up-due", Input).value = due
        if owner == Owner.US.value:
            self.query_one("#owner-us", RadioButton).value = True
        if what or due:
            self.notify("The follow-up you were typing is back.", timeout=3)

    @on(Input.Changed)
    @on(RadioSet.Changed)
    def _typed(self) -> None:
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(0.3, self._save_draft)

    def _save_draft(self) -> None:
        session = self.app.session
        if session is None:
            return
        owner = Owner.US if self.query_one("#owner-us", RadioButton).value else Owner.HOST
        session.keep_follow_up_draft(
            {
                "what": self.query_one("#follow-up-what", Input).value,
                "due": self.query_one("#follow-up-due", Input).value,
                "owner": owner.value,
                "item": self.item_id,
            }
        )

    def _drop_draft(self) -> None:
        if self._save_timer is not None:
            self._save_timer.stop()
        session = self.app.session
        if session is not None:
            session.drop_follow_up_draft()

    def _draft(self) -> FollowUpDraft | None:
        what = self.query_one("#follow-up-what", Input).value.strip()
        error = self.query_one("#follow-up-error", Label)
        if not what:
            error.update("Say what was promised.")
            self.query_one("#follow-up-what", Input).focus()
            return None
        raw = self.query_one("#follow-up-due", Input).value.strip()
        due = None
        if raw:
            try:
                due = dt.date.fromisoformat(raw)
            except ValueError:
                error.update(plain(f"Due date {raw!r} is not YYYY-MM-DD."))
                self.query_one("#follow-up-due", Input).focus()
                return None
        owner = Owner.US if self.query_one("#owner-us", RadioButton).value else Owner.HOST
        return FollowUpDraft(what, owner, due)

    def action_add(self) -> None:
        draft = self._draft()
        if draft is not None:
            self._drop_draft()
            self.dismiss(draft)

    def action_hold_quit(self) -> None:
        self.notify("Add the follow-up (enter) or cancel it (escape) first.", timeout=3)

    def action_cancel(self) -> None:
        self._drop_draft()
        self.dismiss(None)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_add()

    @on(Button.Pressed, "#follow-up-add")
    def _add_pressed(self) -> None:
        self.action_add()

    @on(Button.Pressed, "#follow-up-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()
