"""Carry forward? Asked when a new meeting starts on a plan that earlier meetings raised.

Returns True (only the items not yet delivered to anyone), False (every item)
or None (escape: no meeting is created). The counts come from
`history.carry_forward_offer`, computed by Home's background reader.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from ...history import CarryForwardOffer


class CarryForwardDialog(ModalScreen[bool | None]):
    """y: carry forward the undelivered items; n: all items; escape: cancel."""

    BINDINGS = [
        Binding("y", "answer(True)", "Carry forward", id="carry_forward.yes"),
        Binding("n", "answer(False)", "All items", id="carry_forward.no"),
        Binding("escape", "answer(None)", "Cancel", id="carry_forward.cancel"),
    ]

    def __init__(self, title: str, offer: CarryForwardOffer) -> None:
        super().__init__()
        self.plan_title = title
        self.offer = offer

    def compose(self) -> ComposeResult:
        o = self.offer
        meetings = "1 meeting" if o.held == 1 else f"{o.held} meetings"
        left = len(o.ids)
        with Vertical(id="carry-box", classes="dialog"):
            yield Label("New meeting on a plan raised before", classes="dialog-title")
            yield Static(
                f"{self.plan_title}\n\nAlready raised in {meetings}. {left} of {o.total} items were not "
                f"delivered to anyone yet. Put only those {left} on the agenda (contingency points stay "
                "available)? The others can still be added back in Prepare.",
                id="carry-text",
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"Carry forward {left} (y)", variant="primary", id="carry-yes")
                yield Button(f"All {o.total} items (n)", id="carry-no")
                yield Button("Cancel (esc)", id="carry-cancel")

    def on_mount(self) -> None:
        self.query_one("#carry-yes", Button).focus()

    def action_answer(self, value: bool | None) -> None:
        self.dismiss(value)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss({"carry-yes": True, "carry-no": False}.get(event.button.id or ""))
