"""Wrap-up: what was delivered, how the host side answered, what was promised, our comment.

Read at a glance right after the meeting: delivery counts with a warning when
a high-priority item was not delivered, every agenda item grouped by the
host side's stance, the follow-ups, and the officer's comment for the
reporting cable (typed straight into the record, saved as you type). From
here the officer finishes the meeting and makes the reporting-cable draft.
"""

from __future__ import annotations


from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Label, Static, TextArea

from ...display import cell, plain
from ...errors import DemarcheError
from ...model import Entry, Outcome, Record, Stage
from ...outputs.reported_speech import with_speaker
from ...at_a_glance import STANCE_ORDER, answer_warnings, outcome_counts
from ...wording import meeting_when, people
from ..dialogs.close_follow_up import CloseFollowUpDialog, FollowUpClosing
from ..dialogs.follow_up import FollowUpDialog, FollowUpDraft
from ..widgets.banner import ClassificationBanner
from ..widgets.save_status import SaveStatus
from ..widgets.step_footer import StepFooter
from ..widgets.visible_lines import VisibleTextArea
from ..non_paper_save import NonPaperScreen


def delivery_line(record: Record) -> str:
    """``Delivered 20/22 · talking points 7/7 · high priority 4/5 · skipped 1 ...``."""
    p = record.progress()
    counts = outcome_counts(record)
    done = counts[Outcome.DELIVERED] + counts[Outcome.PARTIAL]
    parts = [f"Delivered {done}/{len(record.agenda)}"]
    if counts[Outcome.PARTIAL]:
        parts[0] += f" ({counts[Outcome.PARTIAL]} in part)"
    if p["talking_points"][1]:
        parts.append("talking points {}/{}".format(*p["talking_points"]))
    if p["high"][1]:
        parts.append("high priority {}/{}".format(*p["high"]))
    for outcome, word in (
        (Outcome.SKIPPED, "skipped"),
        (Outcome.DEFERRED, "deferred"),
        (Outcome.PENDING, "not reached"),
    ):
        if counts[outcome]:
            parts.append(f"{word} {counts[outcome]}")
    return " · ".join(parts)


def high_warning(record: Record) -> str:
    """The warning line when a must-deliver item was not delivered; empty when all were."""
    missing = record.high_priority_undelivered()
    if not missing:
        return ""

    def why(e: Entry) -> str:
        if not e.included:
            return "left out"
        return "not reached" if e.outcome is Outcome.PENDING else e.outcome.value

    groups: dict[str, list[str]] = {}
    for e in missing:
        groups.setdefault(why(e), []).append(e.id)
    reasons = "; ".join(f"{reason}: {', '.join(ids)}" for reason, ids in groups.items())
    return f"HIGH PRIORITY NOT DELIVERED: {reasons}"


def warnings(record: Record) -> str:
    """Everything Wrap-up warns of: high-priority points missed, answers on points not delivered."""
    return "\n".join(
        w
        for w in [high_warning(record), *(w.upper()[:1] + w[1:] for w in answer_warnings([record]))]
        if w
    )


def stance_line(record: Record) -> str:
    """``Responses: receptive 3 · objected 1 · none recorded 12``."""
    counts: dict[str, int] = {}
    for e in record.agenda:
        label = (
            e.response.stance.label
            if e.response.stance
            else ("text only" if not e.response.empty else "none recorded")
        )
        counts[label] = counts.get(label, 0) + 1
    order = [s.label for s in STANCE_ORDER if s] + ["text only", "none recorded"]
    return "Responses: " + " · ".join(f"{k} {counts[k]}" for k in order if k in counts)


def _stance_rank(entry: Entry) -> int:
    if entry.response.empty:
        return len(STANCE_ORDER)
    return STANCE_ORDER.index(entry.response.stance)


def _one_line(text: str) -> str:
    return " ".join(text.split())


class WrapUpScreen(NonPaperScreen):
    """Delivery, responses by stance, follow-ups and the comment; finish and draft."""

    #: The help.md section F1 opens at.
    HELP_SECTION = "Wrap-up"
    #: The footer's first keys: the next step first (`StepFooter`).
    FOOTER_FIRST = ("wrapup.finish", "wrapup.draft", "wrapup.comment")
    BINDINGS = [
        Binding(
            "e",
            "finish",
            "End meeting",
            id="wrapup.finish",
            tooltip="Finish the meeting: the record is ready for the report",
        ),
        Binding(
            "d", "draft", "Draft cable", id="wrapup.draft", tooltip="Make the reporting-cable draft"
        ),
        Binding(
            "c",
            "comment",
            "Comment",
            id="wrapup.comment",
            tooltip="Write the embassy's comment for the cable",
        ),
        Binding("f", "follow_up", "Follow-up", id="wrapup.follow_up", tooltip="Add a follow-up"),
        Binding(
            "x",
            "close_follow_up",
            "Close f-up",
            id="wrapup.close_follow_up",
            tooltip="Close the highlighted follow-up, with a date and a note",
        ),
        Binding(
            "m", "meeting", "Meeting", id="wrapup.meeting", tooltip="Back to the Meeting screen"
        ),
        Binding("u", "undo", "Undo", id="wrapup.undo", tooltip="Undo the last change"),
        Binding(
            "t",
            "sent",
            "Cable sent",
            id="wrapup.sent",
            tooltip="The reporting cable went: give its serial; the meeting is reported",
        ),
        Binding(
            "n",
            "save_non_paper",
            "Non-paper",
            show=False,
            id="wrapup.non_paper",
            tooltip="Save the non-paper (Word) to the drafts/ folder",
        ),
        Binding("escape", "leave_comment", "Back to list", id="wrapup.leave_comment", show=False),
    ]

    @property
    def record(self) -> Record:
        return self.session.record

    def compose(self) -> ComposeResult:
        rec = self.record
        yield ClassificationBanner(self.session.record.overall_marking(), classes="banner-top")
        with Horizontal(id="wrap-top"):
            yield Static(plain(f"WRAP-UP  {rec.instruction.id}  {rec.title}"), id="wrap-title")
            yield SaveStatus()
        yield Static(id="wrap-meeting")
        yield Static(id="wrap-delivery")
        yield Static(id="wrap-warning")
        with Horizontal(id="wrap-tables"):
            with Vertical(id="wrap-items-pane"):
                yield Static(id="wrap-stances", classes="wrap-heading")
                yield DataTable(id="wrap-items", cursor_type="row")
            with Vertical(id="wrap-follow-ups-pane"):
                yield Static("Follow-ups (f adds, x closes)", classes="wrap-heading")
                yield DataTable(id="wrap-follow-ups", cursor_type="row")
        yield Label(
            "Comment for the reporting cable (the embassy's assessment; c to write, escape to leave):",
            id="wrap-comment-label",
        )
        yield VisibleTextArea(rec.comment, id="wrap-comment", soft_wrap=True, tab_behavior="focus")
        yield ClassificationBanner(self.session.record.overall_marking(), classes="banner-bottom")
        yield StepFooter()

    def on_mount(self) -> None:
        self.query_one("#wrap-items", DataTable).focus()

    #: Narrower than this, follow-ups go under the responses, so both get the width for their text.
    SIDE_BY_SIDE_WIDTH = 110

    def on_resize(self, event: events.Resize) -> None:
        self.query_one("#wrap-tables").set_class(
            event.size.width < self.SIDE_BY_SIDE_WIDTH, "-stacked"
        )

    def on_screen_resume(self) -> None:
        """Draw from the record each time the screen is shown (the first time too)."""
        self.refresh_all()

    # -- drawing -------------------------------------------------------------

    def refresh_all(self) -> None:
        rec = self.record
        m = rec.meeting
        when = meeting_when(m) or "no date"
        bits = [
            when,
            m.place or "no place",
            f"with {people(m.interlocutors) or 'no interlocutor recorded'}",
        ]
        self.query_one("#wrap-meeting", Static).update(
            plain(" · ".join(bits) + f" · stage: {rec.stage.label}")
        )
        self.query_one("#wrap-delivery", Static).update(plain(delivery_line(rec)))
        warning = warnings(rec)
        w = self.query_one("#wrap-warning", Static)
        w.update(plain(warning))
        w.display = bool(warning)
        self.query_one("#wrap-stances", Static).update(plain(stance_line(rec)))
        self._fill_items()
        self._fill_follow_ups()
        comment = self.query_one("#wrap-comment", TextArea)
        if comment.text != rec.comment:
            comment.load_text(rec.comment)

    def _fill_items(self) -> None:
        table = self.query_one("#wrap-items", DataTable)
        keep = table.cursor_row
        # Columns are rebuilt with the rows so their widths always fit the content.
        table.clear(columns=True)
        table.add_columns("", "Item", "Outcome", "Stance", "Response")
        agenda = self.record.agenda
        for entry in sorted(agenda, key=lambda e: (_stance_rank(e), agenda.index(e))):
            r = entry.response
            stance = r.stance.label if r.stance else ("-" if r.empty else "(no stance)")
            mark = Text(("!" if entry.item.high else " ") + entry.outcome.glyph, style="bold")
            text = with_speaker(_one_line(r.text), r.speaker)
            if entry.reason.strip():
                why = f"(why {entry.outcome.value}: {_one_line(entry.reason)})"
                text = f"{text} {why}" if text else why
            table.add_row(
                mark, cell(entry.id), entry.outcome.value, stance, cell(text[:80]), key=entry.id
            )
        if table.row_count:
            table.move_cursor(row=min(keep, table.row_count - 1))

    def _fill_follow_ups(self) -> None:
        table = self.query_one("#wrap-follow-ups", DataTable)
        table.clear(columns=True)
        table.add_columns("Id", "Owner", "Due", "What")
        keep = table.cursor_row
        for f in self.record.follow_ups:
            closed = f" (closed {f.closed_at.isoformat()})" if f.closed_at else " (closed)"
            what = (
                _one_line(f.what)[:60] if f.open else _one_line(f.what)[: 60 - len(closed)] + closed
            )
            table.add_row(
                cell(f.id), f.owner.value, f.due.isoformat() if f.due else "-", cell(what), key=f.id
            )
        if table.row_count:
            table.move_cursor(row=min(keep, table.row_count - 1))

    # -- events --------------------------------------------------------------

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if event.text_area.id == "wrap-comment" and event.text_area.text != self.record.comment:
            self.session.set_comment(event.text_area.text, typing=True)

    # -- actions ---------------------------------------------------------------

    def action_comment(self) -> None:
        # At once: the comment typed right after c must not be taken as commands (e ends the meeting).
        editor = self.query_one("#wrap-comment", TextArea)
        self.set_focus(editor)
        editor.move_cursor(editor.document.end)

    def action_leave_comment(self) -> None:
        self.set_focus(self.query_one("#wrap-items", DataTable))

    def action_finish(self) -> None:
        if self.record.stage in (Stage.FINISHED, Stage.REPORTED):
            self.notify(f"The meeting is already {self.record.stage.label}.")
            return
        self.session.finish()
        self.refresh_all()
        warning = high_warning(self.record)
        self.notify(
            warning or "Meeting finished. Press d to draft the reporting cable.",
            severity="warning" if warning else "information",
        )

    def action_follow_up(self) -> None:
        """A follow-up for the meeting as a whole (the Meeting screen's f ties one to an item)."""

        def add(draft: FollowUpDraft | None) -> None:
            if draft is not None:
                self.session.add_follow_up(draft.what, draft.owner, draft.due)
                self.refresh_all()

        self.app.push_screen(FollowUpDialog(), add)

    def action_close_follow_up(self) -> None:
        """Close the follow-up highlighted in the follow-ups table (the first one until another is chosen)."""
        table = self.query_one("#wrap-follow-ups", DataTable)
        follow_ups = self.record.follow_ups
        if not follow_ups or table.row_count == 0:
            self.notify("No follow-up to close: f adds one.", severity="warning")
            return
        fu = follow_ups[min(table.cursor_row, len(follow_ups) - 1)]
        if not fu.open:
            when = f" on {fu.closed_at.isoformat()}" if fu.closed_at else ""
            self.notify(
                f"{fu.id} was closed{when}. Choose an open one in the follow-ups table.",
                severity="warning",
            )
            return

        def close(closing: FollowUpClosing | None) -> None:
            if closing is not None:
                self.session.close_follow_up(fu.id, closing.on, closing.note)
                self.refresh_all()

        self.app.push_screen(CloseFollowUpDialog(fu, self.app.clock().date()), close)

    def action_meeting(self) -> None:
        self.app.show("meeting")

    def action_undo(self) -> None:
        what = self.session.undo()
        self.refresh_all()
        self.app.clear_notifications()  # one notice at a time: the latest undo
        self.notify(f"Undone: {what}" if what else "Nothing to undo.")

    def action_sent(self) -> None:
        """The reporting cable was sent: ask its serial, then the meeting is reported (undoable)."""
        from ..dialogs.sent import SentDialog

        if self.record.stage in (Stage.PREPARED, Stage.IN_PROGRESS):
            self.notify(
                "End the meeting first (e); then its cable can be sent.", severity="warning"
            )
            return

        def answered(serial: str | None) -> None:
            if serial is None:
                return
            try:
                self.session.mark_sent(serial)
            except DemarcheError as exc:
                self.notify(str(exc), title="Not marked sent", severity="error")
                return
            self.refresh_all()
            self.notify(f"Reported as {self.record.serial}.")

        self.app.push_screen(SentDialog(self.record.serial), answered)

    def action_draft(self) -> None:
        from .draft_screen import DraftScreen

        self.app.push_screen(DraftScreen([self.record], self.app.workspace))
