"""Ask for the path of an instruction cable to import as a plan."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label
from ..screens.base import DemarcheDialog


class ImportCableDialog(DemarcheDialog[Path | None]):
    """A one-field question: the cable's path. Enter imports, escape cancels (None)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="import.cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(id="import-box"):
            yield Label("Import an instruction cable (text file)", id="import-title")
            yield Input(placeholder="path/to/09STATE97951.txt", id="import-path")
            yield Label("enter import · escape cancel", id="import-hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        if not text:
            self.dismiss(None)
            return
        self.dismiss(Path(text).expanduser())

    def action_cancel(self) -> None:
        self.dismiss(None)
