"""Carry forward? Asked when a new meeting starts on a plan that earlier meetings raised.

Dismisses with the ids of the items to put on the agenda (only those not yet
delivered: to anyone, or to the interlocutor typed), with None for every
item, or with False (escape: no meeting is created). The counts come from
`history.CarryForwardOffer`, computed by Home's background reader.
"""

from __future__ import annotations

from typing import Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from ...display import plain
from ...followthrough.history import CarryForwardOffer
from ..screens.base import DemarcheDialog

#: What the dialog answers: item ids to carry forward, None for all items, False to cancel.
CarryAnswer = list[str] | None | Literal[False]


class CarryForwardDialog(DemarcheDialog[CarryAnswer]):
    """y: carry forward what is undelivered; t: ... to an interlocutor; n: all items; escape: cancel."""

    BINDINGS = [
        Binding("y", "carry", "Carry forward", id="carry_forward.yes"),
        Binding("t", "to_whom", "To an interlocutor", id="carry_forward.to"),
        Binding("n", "all_items", "All items", id="carry_forward.no"),
        Binding("escape", "cancel", "Cancel", id="carry_forward.cancel"),
    ]

    def __init__(self, title: str, offer: CarryForwardOffer) -> None:
        super().__init__()
        self.plan_title = title
        self.offer = offer

    def compose(self) -> ComposeResult:
        o = self.offer
        meetings = "1 meeting" if o.held == 1 else f"{o.held} meetings"
        with Vertical(id="carry-box", classes="dialog"):
            yield Label("New meeting on a plan raised before", classes="dialog-title")
            yield Static(
                plain(f"{self.plan_title}\n\nAlready raised in {meetings}."), id="carry-head"
            )
            yield Input(
                placeholder="t: meeting someone met before? name or organisation (empty: anyone)",
                id="carry-who",
            )
            yield Static(plain(self._describe("")), id="carry-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Carry forward (y)", variant="primary", id="carry-yes")
                yield Button(f"All {o.total} items (n)", id="carry-no")
                yield Button("Cancel (esc)", id="carry-cancel")

    def _describe(self, who: str) -> str:
        left = len(self.offer.for_interlocutor(who))
        to = f"to {who.strip()}" if who.strip() else "to anyone"
        return (
            f"{left} of {self.offer.total} items were not delivered {to} yet. Carry forward puts only those "
            "on the agenda (contingency points stay available); the others can be added back in Prepare."
        )

    def on_mount(self) -> None:
        self.query_one("#carry-yes", Button).focus()

    @property
    def who(self) -> str:
        return self.query_one("#carry-who", Input).value

    @on(Input.Changed, "#carry-who")
    def _typed(self) -> None:
        self.query_one("#carry-text", Static).update(plain(self._describe(self.who)))

    @on(Input.Submitted, "#carry-who")
    def _submitted(self) -> None:
        self.action_carry()

    def action_to_whom(self) -> None:
        self.set_focus(self.query_one("#carry-who", Input))

    def action_carry(self) -> None:
        self.dismiss(self.offer.for_interlocutor(self.who))

    def action_all_items(self) -> None:
        self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(False)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        {"carry-yes": self.action_carry, "carry-no": self.action_all_items}.get(
            event.button.id or "", self.action_cancel
        )()
