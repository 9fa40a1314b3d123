"""One exchange of the conversation: who spoke and what they said.

Used for a further exchange on the current point (a rejoinder, our side's
reply), a statement the host side raised unprompted, and other business.
The speaker is picked from the meeting's people with completion (their short
name, else their surname; enter or the right arrow accepts it); whether it is our
side or theirs follows from who it is. Dismisses with the `Exchange`, or None.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label

from ...model import Exchange, Person, Quoting
from ...followthrough.interlocutors import side_of
from ..screens.base import DemarcheDialog


def complete(typed: str, names: list[str]) -> str:
    """The one name `typed` begins (case-insensitive), else what was typed."""
    t = typed.strip().casefold()
    hits = [n for n in names if t and n.casefold().startswith(t)]
    return hits[0] if len(set(hits)) == 1 else typed.strip()


class ExchangeDialog(DemarcheDialog["Exchange | None"]):
    """Speaker (with completion from the people) and what was said; enter adds it, escape cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="exchange.cancel")]

    def __init__(
        self, title: str, people: list[Person], ours: list[Person], speaker: str = ""
    ) -> None:
        super().__init__()
        self.title_text = title
        self.names = [p.called for p in people if p.called]
        self.ours = ours
        self.speaker = speaker

    def compose(self) -> ComposeResult:
        with Vertical(id="exchange-box", classes="dialog"):
            yield Label(
                f"{self.title_text} (enter adds it, escape cancels)", classes="dialog-title"
            )
            yield Input(
                self.speaker,
                id="exchange-speaker",
                placeholder="who spoke: "
                + (", ".join(self.names[:4]) or "a name (add people with i)"),
                suggester=SuggestFromList(self.names, case_sensitive=False) if self.names else None,
            )
            yield Input(
                id="exchange-text", placeholder='what was said (start with " for their exact words)'
            )

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#exchange-speaker", Input))

    @on(Input.Submitted, "#exchange-speaker")
    def _speaker_done(self) -> None:
        field = self.query_one("#exchange-speaker", Input)
        field.value = complete(field.value, self.names)
        self.set_focus(self.query_one("#exchange-text", Input))

    @on(Input.Submitted, "#exchange-text")
    def _done(self) -> None:
        text = self.query_one("#exchange-text", Input).value.strip()
        speaker = self.query_one("#exchange-speaker", Input).value.strip()
        if not text:
            self.notify("Say what was said, or escape to cancel.", timeout=3)
            return
        verbatim = text.startswith('"')
        self.dismiss(
            Exchange(
                text=text.strip('"').strip() if verbatim else text,
                quoting=Quoting.VERBATIM if verbatim else Quoting.PARAPHRASE,
                speaker=speaker,
                side=side_of(speaker, self.ours),
            )
        )

    def action_cancel(self) -> None:
        self.dismiss(None)
