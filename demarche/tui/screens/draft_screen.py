"""The reporting-cable draft in the app: read it, edit it in place, save or copy it.

Pushed by the Wrap-up screen with the meeting's record(s). The text comes
from the pure core (`draft_reporting_cable`); this screen only shows it in an
editable `TextArea`, saves it atomically (`actions.save_draft`) to
`Workspace.draft_path` and copies it to the clipboard. A draft saved before is
reopened as saved, hand edits and all; `ctrl+r` drafts afresh from the record.
Saving over a file whose text this screen did not load or write, or over hand
edits with a fresh draft, first shows the difference and asks. Saving a draft
marks nothing reported: the cable is sent when Wrap-up's ``t`` (or
``demarche sent``) says so. Every layout issue is listed
under the text. Escape goes back, asking first if edits would be lost.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static, TextArea

from ...actions import save_draft
from ...at_a_glance import answer_warnings
from ...classification import Level
from ...display import plain, visible
from ...errors import DemarcheError
from ...model import Record
from ...outputs.layout_check import check_cable_layout
from ...outputs.reporting_cable import cable_marking, draft_reporting_cable, speech_warnings
from ...outputs.saved_draft import draft_difference, read_saved_draft, same_draft
from ...store.settings import load_config
from ...store.workspace import Workspace
from ..dialogs.confirm import Confirm
from ..dialogs.confirm_replace import ConfirmReplace
from ..widgets.step_footer import StepFooter
from .base import DemarcheScreen


class DraftScreen(DemarcheScreen[None]):
    """The draft of the reporting cable for `records`, editable in place."""

    DEFAULT_CSS = """
    DraftScreen #draft-status-box { height: auto; max-height: 4; }
    """
    #: The help.md section F1 opens at.
    HELP_SECTION = "Wrap-up"
    #: The footer's first keys (`StepFooter`).
    FOOTER_FIRST = ("draft.save", "draft.copy", "draft.redraft", "draft.back")
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
        Binding(
            "ctrl+r",
            "redraft",
            "Redraft",
            id="draft.redraft",
            tooltip="Replace the text with a fresh draft from the record (ctrl+z undoes)",
        ),
        Binding("escape", "back", "Back", id="draft.back"),
    ]

    def __init__(self, records: list[Record], workspace: Workspace) -> None:
        super().__init__()
        self.records = records
        self.workspace = workspace
        self.config = load_config(workspace)
        try:
            self.fresh = draft_reporting_cable(records, self.config)
        except DemarcheError as exc:  # a meeting never held: say why there is no draft
            self.fresh = f"No draft: {exc}\n"
        self.marking = cable_marking(records)
        self.unreadable: str | None = None
        """Why the saved draft could not be read (None: it could, or there is none)."""
        try:
            saved = read_saved_draft(self.path)
        except DemarcheError as exc:
            saved, self.unreadable = None, str(exc)
        self.on_disk: str | None = saved
        """What the draft file held when this screen last read or wrote it."""
        self.text = saved if saved is not None else self.fresh
        """What the editor opened with: the saved draft if there is one."""
        self.baseline = self.text
        """The text last loaded or saved: edits beyond it are unsaved."""
        self.redrafted = False
        """A fresh draft replaced the text since the file was last read or written."""

    @property
    def path(self) -> Path:
        """Where the draft is saved: ``drafts/<meeting date>-<title>.txt``."""
        r = self.records[0]
        d = r.meeting.day
        stem = f"{d.isoformat()}-{r.title}" if d else r.title
        return self.workspace.draft_path(stem)

    def compose(self) -> ComposeResult:
        yield Static(plain(self.marking.banner), id="draft-banner")
        yield TextArea(visible(self.text), id="draft-text", soft_wrap=False, show_line_numbers=True)
        with VerticalScroll(id="draft-status-box"):
            yield Static(self._status(), id="draft-status")
        yield Static(plain(self.marking.banner), id="draft-banner-bottom", classes="banner")
        yield StepFooter()

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    def _status(self) -> Text:
        """Where the draft goes, whether it is the saved one, and every issue to fix, one a line:
        answers on undelivered points, speech that is not reported speech, the layout."""
        current = self.current_text if self.is_mounted else self.text
        problems = (
            answer_warnings(self.records)
            + speech_warnings(self.records)
            + check_cable_layout(current, self.config.wrap_width)
        )
        where = self.workspace.display(self.path)
        if self.unreadable:
            origin = f"{self.unreadable}: will not replace it"
        elif self.on_disk is not None and not self.redrafted:
            origin = f"saved draft {where}" + (
                "" if same_draft(self.on_disk, self.fresh) else " (ctrl+r: redraft from the record)"
            )
        else:
            origin = f"will save to {where}"
        head = f"{origin}  |  " + (
            "layout ok"
            if not problems
            else f"{len(problems)} issue{'s' if len(problems) > 1 else ''} to fix:"
        )
        return plain("\n".join([head] + [f"  - {p}" for p in problems]))

    @property
    def current_text(self) -> str:
        return self.query_one(TextArea).text

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self.query_one("#draft-status", Static).update(self._status())

    def action_redraft(self) -> None:
        """A fresh draft from the record in place of the text (undoable with ctrl+z)."""
        area = self.query_one(TextArea)
        area.replace(self.fresh, area.document.start, area.document.end)
        self.redrafted = True
        self.notify("Fresh draft from the record; ctrl+z brings the previous text back.")

    def action_save(self) -> None:
        """Save; if that would replace text this screen has not shown as the starting point, show the difference first."""
        path = self.path
        try:
            disk = read_saved_draft(path)
        except DemarcheError as exc:
            self.notify(f"{exc}. Not saved.", severity="error")
            return
        text = self._text_to_write()
        known = same_draft(disk, self.on_disk) and not self.redrafted
        if disk is None or same_draft(disk, text) or known:
            self._write(path)
            return
        self.app.push_screen(
            ConfirmReplace(self.workspace.display(path), draft_difference(disk, text)),
            lambda yes: (
                self._write(path) if yes else self.notify("Not saved; the file is as it was.")
            ),
        )

    def _text_to_write(self) -> str:
        text = self.current_text
        return text if text.endswith("\n") else text + "\n"

    def _write(self, path: Path) -> None:
        text = self._text_to_write()
        try:
            save_draft(
                path, text, replace=True
            )  # new, known, or the officer said yes to replacing it
        except DemarcheError as exc:
            self.notify(str(exc), severity="error")
            return
        self.on_disk = text
        self.baseline = self.current_text
        self.redrafted = False
        self.query_one("#draft-status", Static).update(self._status())
        self.notify(f"Draft saved to {self.workspace.display(path)}")

    def action_copy(self) -> None:
        """Copy the draft through the terminal (OSC 52), saying what goes and at what level.

        The terminal emulator, and over SSH possibly a remote machine, receives
        the text: a post may turn copying off (``[post] clipboard = false``).
        """
        if not self.config.clipboard:
            self.notify(
                "Copying is turned off for this post (clipboard = false under [post] in demarche.toml).",
                title="Not copied",
                severity="warning",
            )
            return
        text = self.current_text
        self.app.copy_to_clipboard(text)
        lines = len(text.splitlines())
        self.notify(
            f"The whole draft ({lines} lines), marked {self.marking.banner}, was sent to the terminal's clipboard. "
            "Over SSH it may reach the clipboard of another machine.",
            title=f"Copied: {self.marking.banner}",
            severity="warning" if self.marking.level >= Level.C else "information",
            timeout=8,
        )

    @property
    def edited_unsaved(self) -> bool:
        """The officer changed the draft and has not saved those changes."""
        return self.current_text != self.baseline

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
