"""A question with a few one-key answers: how to start the meeting, whether to change a reported one.

`ChoiceDialog(question, [(key, label, value), ...])` dismisses with the
value of the answer chosen, or None on escape. The answers are keys, not a
list to move through: the officer reads the question and presses one.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from ..screens.base import DemarcheDialog


class ChoiceDialog(DemarcheDialog[object]):
    """One question, answered with one key."""

    BINDINGS = [Binding("escape", "choose(-1)", "Cancel", id="choice.cancel")]

    def __init__(self, question: str, answers: list[tuple[str, str, object]]) -> None:
        super().__init__()
        self.question = question
        self.answers = answers
        for n, (key, label, _) in enumerate(answers):
            self._bindings.bind(key, f"choose({n})", label, show=False)

    def compose(self) -> ComposeResult:
        with Vertical(id="choice-box", classes="dialog"):
            yield Static(self.question, id="choice-question", classes="dialog-title", markup=False)
            for key, label, _ in self.answers:
                yield Static(f"  {key}  {label}", markup=False)
            yield Static("  escape  cancel", markup=False)

    def action_choose(self, n: int) -> None:
        self.dismiss(self.answers[n][2] if 0 <= n < len(self.answers) else None)
