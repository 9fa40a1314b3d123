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
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Footer, Label, Static, TextArea

from ...store.settings import load_config
from ...errors import DemarcheError
from ...model import Record, Stage
from ...outputs.layout_check import check_cable_layout
from ...at_a_glance import answer_warnings
from ...outputs.reporting_cable import cable_marking, draft_reporting_cable
from ...store.storage import atomic_write
from ...store.workspace import Workspace


class Confirm(ModalScreen[bool]):
    """A yes/no question; escape and "n" mean no."""

    DEFAULT_CSS = """
    Confirm { align: center middle; }
    Confirm > Vertical { width: 64; height: auto; border: thick $warning; padding: 1 2; background: $surface; }
    Confirm Horizontal { height: auto; margin-top: 1; }
    """
    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="draft.confirm_yes"),
        Binding("n,escape", "answer(False)", "No", id="draft.confirm_no"),
    ]

    def __init__(self, question: str, yes: str, no: str) -> None:
        super().__init__()
        self.question = question
        self.yes = yes
        self.no = no

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.question)
            with Horizontal():
                yield Button(f"{self.yes} (y)", variant="warning", id="yes")
                yield Button(f"{self.no} (n)", id="no")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


def ConfirmOverwrite(path: Path) -> Confirm:
    """Replace an existing draft file?"""
    return Confirm(f"{path} exists. Replace it with this draft?", "Replace", "Keep")


class DraftScreen(Screen[None]):
    """The draft of the reporting cable for `records`, editable in place."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save draft", id="draft.save", tooltip="Save the draft to the workspace's drafts/ folder"),
        Binding("f5", "copy", "Copy", id="draft.copy", tooltip="Copy the whole draft to the clipboard"),
        Binding("escape", "back", "Back", id="draft.back"),
    ]
    def __init__(self, records: list[Record], workspace: Workspace) -> None:
        super().__init__()
        self.records = records
        self.workspace = workspace
        self.config = load_config(workspace)
        self.text = draft_reporting_cable(records, self.config)
        self.marking = cable_marking(records)
        self.saved_text: str | None = None
        """What was last saved to the draft file (None: not saved from here)."""

    @property
    def path(self) -> Path:
        """Where the draft is saved: ``drafts/<meeting date>-<title>.txt``."""
        r = self.records[0]
        d = r.meeting.date or (r.meeting.start.date() if r.meeting.start else None)
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
        problems = answer_warnings(self.records) + check_cable_layout(self.current_text if self.is_mounted else self.text, self.config.wrap_width)
        layout = "layout ok" if not problems else f"{len(problems)} layout issue(s): {problems[0]}"
        return f"Will save to {self.workspace.display(self.path)}  |  {layout}"

    @property
    def current_text(self) -> str:
        return self.query_one(TextArea).text

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self.query_one("#draft-status", Static).update(self._status())

    def action_save(self) -> None:
        path = self.path
        if path.exists():
            self.app.push_screen(ConfirmOverwrite(path), lambda yes: self._write(path) if yes else self.notify("Not saved."))
        else:
            self._write(path)

    def _write(self, path: Path) -> None:
        text = self.current_text
        if not text.endswith("\n"):
            text += "\n"
        try:
            atomic_write(path, text)
        except DemarcheError as exc:
            self.notify(str(exc), severity="error")
            return
        self.saved_text = self.current_text
        self.notify(f"Draft saved to {self.workspace.display(path)}")
        self._mark_reported()

    def _mark_reported(self) -> None:
        """A finished meeting whose draft is saved has been reported (the open record, via its session)."""
        session = getattr(self.app, "session", None)
        if session is None or session.record not in self.records:
            return
        if session.record.stage is Stage.FINISHED:
            session.set_stage(Stage.REPORTED)

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
            Confirm("You edited the draft and have not saved it. Leave and lose the edits?", "Leave", "Stay"),
            answered,
        )
