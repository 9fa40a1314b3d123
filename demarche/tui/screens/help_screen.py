"""F1 help: the bundled help.md in a scrollable Markdown view; escape or F1 closes it.

It opens at the keys of the screen it was called from (that screen's
``HELP_SECTION``, a heading of help.md), without the binding-id column
(`help_text.help_for`).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding

from textual.widgets import MarkdownViewer

from ...store.workspace import help_path
from ..help_text import help_for
from ..widgets.step_footer import StepFooter
from .base import DemarcheDialog


class HelpScreen(DemarcheDialog[None]):
    """Keys and workflow, read from ``demarche/tui/help.md``."""

    BINDINGS = [
        Binding("escape,f1", "dismiss", "Close help", id="help.close"),
    ]

    def __init__(self, section: str | None = None) -> None:
        super().__init__()
        self.section = section
        """The help.md heading shown first: the calling screen's keys."""

    def compose(self) -> ComposeResult:
        try:
            text = help_for(help_path().read_text(encoding="utf-8"), self.section)
        except OSError:
            text = "# Help\n\nThe help file is missing from this installation."
        yield MarkdownViewer(text, show_table_of_contents=False, id="help-text")
        yield StepFooter()

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(None)
