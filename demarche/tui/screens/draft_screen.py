"""The reporting-cable draft in the app: read it, edit it in place, save or copy it.

Pushed by the Wrap-up screen with the meeting's record(s). The text comes
from the pure core (`draft_reporting_cable`); this screen only shows it in an
editable `TextArea`, saves it atomically to `Workspace.draft_path` (asking
before replacing a file there) and copies it to the clipboard. Saving the draft
of a finished meeting marks it reported. Escape goes back, asking first if
edits would be lost.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Static, TextArea

from ...actions import save_draft
from ...store.settings import load_config
from ...errors import DemarcheError
from ...model import Record
from ...outputs.layout_check import check_cable_layout
from ...at_a_glance import answer_warnings
from ...outputs.reporting_cable import cable_marking, draft_reporting_cable, speech_warnings
from ...store.workspace import Workspace
from ..dialogs.confirm import Confirm, ConfirmOverwrite
from .base import DemarcheScreen


class DraftScreen(DemarcheScreen[None]):
    """The draft of the reporting cable for `records`, editable in place."""

    BINDINGS = [
        Binding(
            "ctrl+s",
            "save",
            "Save draft",
            id="draft.save",
            tooltip="Save the draft to the workspace's drafts/ folder",
        ),
        Binding(
            "f5", "copy", "Copy", id="draft.copy", tooltip="Copy the whole draft to the clipboard"
        ),
        Binding("escape", "back", "Back", id="draft.back"),
    ]

    def __init__(self, records: list[Record], workspace: Workspace) -> None:
        super().__init__()
        self.records = records
        self.workspace = workspace
        self.config = load_config(workspace)
        try:
            self.text = draft_reporting_cable(records, self.config)
        except DemarcheError as exc:  # a meeting never held: say why there is no draft
            self.text = f"No draft: {exc}\n"
        self.marking = cable_marking(records)
        self.saved_text: str | None = None
        """What was last saved to the draft file (None: not saved from here)."""

    @property
    def path(self) -> Path:
        """Where the draft is saved: ``drafts/<meeting date>-<title>.txt``."""
        r = self.records[0]
        d = r.meeting.day
        stem = f"{d.isoformat()}-{r.title}" if d else r.title
        return self.workspace.draft_path(stem)

    def compose(self) -> ComposeResult:
        yield Static(self.marking.banner, id="draft-banner")
        yield TextArea(self.text, id="draft-text", soft_wrap=False, show_line_numbers=True)
        yield Static(self._status(), id="draft-status")
        yield Static(self.marking.banner, id="draft-banner-bottom", classes="banner")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    def _status(self) -> str:
        text = self.current_text if self.is_mounted else self.text
        problems = (
            answer_warnings(self.records)
            + speech_warnings(self.records)
            + check_cable_layout(text, self.config.wrap_width)
        )
        layout = "layout ok" if not problems else f"{len(problems)} issue(s) to fix: {problems[0]}"
        return f"Will save to {self.workspace.display(self.path)}  |  {layout}"

    @property
    def current_text(self) -> str:
        return self.query_one(TextArea).text

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self.query_one("#draft-status", Static).update(self._status())

    def action_save(self) -> None:
        path = self.path
        if path.exists():
            self.app.push_screen(
                ConfirmOverwrite(path),
                lambda yes: self._write(path) if yes else self.notify("Not saved."),
            )
        else:
            self._write(path)

    def _write(self, path: Path) -> None:
        try:
            save_draft(
                path, self.current_text, replace=True
            )  # the officer said yes to replacing it
        except DemarcheError as exc:
            self.notify(str(exc), severity="error")
            return
        self.saved_text = self.current_text
        self.notify(f"Draft saved to {self.workspace.display(path)}")
        self._mark_reported()

    def _mark_reported(self) -> None:
        """A finished meeting whose draft is saved has been reported (the open record, via its session)."""
        session = getattr(self.app, "session", None)
        if session is not None and session.record in self.records:
            session.mark_reported()

    def action_copy(self) -> None:
        self.app.copy_to_clipboard(self.current_text)
        self.notify("Draft copied to the clipboard.")

    @property
    def edited_unsaved(self) -> bool:
        """The officer changed the draft and has not saved those changes."""
        current = self.current_text
        return current != self.text and current != self.saved_text

    def action_back(self) -> None:
        if not self.edited_unsaved:
            self.app.pop_screen()
            return

        def answered(leave: bool | None) -> None:
            if leave:
                self.app.pop_screen()

        self.app.push_screen(
            Confirm(
                "You edited the draft and have not saved it. Leave and lose the edits?",
                "Leave",
                "Stay",
            ),
            answered,
        )
