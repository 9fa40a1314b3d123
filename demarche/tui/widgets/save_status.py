"""The save-status line: when the record was last saved, or why saving fails.

`DemarcheApp` turns the session's `SaveState` callbacks (from the autosave
thread) into its reactive `save_state`; every mounted `SaveStatus` watches it.
Mount one on any screen that shows an open record.
"""

from __future__ import annotations

from textual.widgets import Static

from ...session import SaveState


def describe(state: SaveState | None) -> tuple[str, bool]:
    """The line to show for `state` and whether it is a failure."""
    if state is None:
        return "", False
    if not state.ok:
        return f"save failed: {state.error}; retrying", True
    if state.at is None:
        return "saved", False
    return f"saved {state.at:%H:%M:%S}" + (" (saving...)" if state.pending else ""), False


class SaveStatus(Static):
    """``saved 14:02:11`` or ``save failed: <reason>; retrying`` (highlighted)."""

    DEFAULT_CSS = """
    SaveStatus {
        width: auto;
        height: 1;
        color: $text-muted;
        padding: 0 1;
    }
    SaveStatus.-failed {
        color: $text;
        background: $error;
        text-style: bold;
    }
    """

    def on_mount(self) -> None:
        self.watch(self.app, "save_state", self._show, init=True)

    def _show(self, state: SaveState | None) -> None:
        text, failed = describe(state)
        self.update(text)
        self.set_class(failed, "-failed")
