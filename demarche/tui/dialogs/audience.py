"""Which audience is this meeting for? Asked in Prepare (`o`), and when a new meeting starts
on a plan with points for several audiences and the post's settings name none.

Dismisses with the audience chosen (``""`` for every item), or None (escape:
nothing changes). The choices are the plan's audiences, in cable order; the
post's own audience (from ``demarche.toml``) is marked when it is one of them.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static

ALL = "all items (general and every audience)"


class AudienceDialog(ModalScreen[str | None]):
    """enter: this audience; escape: leave the agenda as it is."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="audience.cancel")]

    def __init__(self, audiences: list[str], current: str = "", post: str = "") -> None:
        super().__init__()
        self.audiences = audiences
        self.current = current
        self.post = post

    def compose(self) -> ComposeResult:
        rows = [ALL] + [
            f"{a}{'  (this post)' if self.post and a == self.post else ''}" for a in self.audiences
        ]
        with Vertical(id="audience-box", classes="dialog"):
            yield Label("Who is this meeting for?", classes="dialog-title")
            yield Static(
                "The plan has points for several audiences. The agenda takes the general points and those for "
                "the audience chosen; the others stay in the record, not for this meeting, and never count as "
                "not delivered.",
                id="audience-text",
            )
            yield OptionList(*rows, id="audience-list")

    def on_mount(self) -> None:
        choices = self.query_one("#audience-list", OptionList)
        wanted = self.current or self.post
        choices.highlighted = 1 + self.audiences.index(wanted) if wanted in self.audiences else 0
        choices.focus()

    @on(OptionList.OptionSelected, "#audience-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss("" if event.option_index == 0 else self.audiences[event.option_index - 1])

    def action_cancel(self) -> None:
        self.dismiss(None)
