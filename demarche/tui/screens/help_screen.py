"""F1 help: the bundled help.md in a scrollable Markdown view; escape or F1 closes it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, MarkdownViewer

from ...store.workspace import help_path
from .base import DemarcheDialog


class HelpScreen(DemarcheDialog[None]):
    """Keys and workflow, read from ``demarche/tui/help.md``."""

    BINDINGS = [
        Binding("escape,f1", "dismiss", "Close help", id="help.close"),
    ]

    def compose(self) -> ComposeResult:
        try:
            text = help_path().read_text(encoding="utf-8")
        except OSError:
            text = "# Help\n\nThe help file is missing from this installation."
        yield MarkdownViewer(text, show_table_of_contents=False, id="help-text")
        yield Footer()

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(None)
