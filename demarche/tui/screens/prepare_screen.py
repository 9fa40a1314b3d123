"""Prepare: read the instruction, choose and order the items, write cues, tick off tasks.

Three tabs: the agenda (every item of the plan, in meeting order, with the
highlighted item's full text, its FOR POST ONLY note and the officer's cue),
the brief (action request, objectives, background, leave-behind rule) and
tasks and deadlines. Beside each item, what the other meetings on the same
plan already did with it ("delivered 2009-10-02 to Ivanov (MFA)"), read once
by a thread worker when the screen opens (`history.read_covered_elsewhere`).
Every key is one call on the open `MeetingSession`
(`set_included`, `move`, `set_cue`, `toggle_task`, `start`), which saves it;
the screen then redraws only what changed.

The agenda is one `OptionList` (a line per item) so a 2,000-item plan stays
quick; option index i is always ``record.entries[i]``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Input, Label, OptionList, Static, TabbedContent, TabPane
from textual.worker import Worker, WorkerState

from ...errors import DemarcheError
from ...display import plain, visible
from ...followthrough.history import read_covered_elsewhere

from ...model import Entry, LeaveBehind, Plan, Record, Stage
from ...at_a_glance import dues
from ...wording import days_left, meeting_when, people
from ..dialogs.details import MeetingDetailsDialog
from ..dialogs.label import LabelDialog
from ..widgets.banner import ClassificationBanner
from ..widgets.save_status import SaveStatus
from ..widgets.step_footer import StepFooter
from ..widgets.visible_lines import VisibleInput
from ..non_paper_save import NonPaperScreen

LEAVE_BEHIND_WORDS = {
    LeaveBehind.ALLOWED: "the instruction allows leaving points as a non-paper",
    LeaveBehind.FORBIDDEN: "the instruction says NOT to leave points in writing",
    LeaveBehind.UNSTATED: "the instruction does not say whether points may be left in writing",
}


def agenda_line(entry: Entry, record: Record | None = None) -> Text:
    """One agenda row: ``[x] ! np-1  *  [POLAND] text...`` (excluded rows dimmed, other audiences ``[-]``)."""
    item = entry.item
    line = Text(no_wrap=True, overflow="ellipsis")
    elsewhere = record is not None and not entry.included and not record.concerns(item)
    line.append("[x] " if entry.included else ("[-] " if elsewhere else "[ ] "))
    line.append("! " if item.high else "  ", style="bold")
    line.append(visible(f"{item.id:<6} "))
    line.append("* " if entry.cue.strip() else "  ")
    if item.audience:
        line.append(f"[{item.audience}] ", style="italic")
    line.append(visible(" ".join(item.text.split())))
    if not entry.included:
        line.stylize("dim")
    return line


def item_text(entry: Entry, record: Record | None = None) -> Text:
    """The highlighted item in full: where it comes from, its marking and text."""
    item = entry.item
    head = [item.id, item.kind.label]
    if item.paragraph:
        head.append(f"para {item.paragraph}")
    head.append(item.marking.portion)
    if item.high:
        head.append("HIGH PRIORITY")
    if entry.included:
        head.append("on the agenda")
    elif record is not None and not record.concerns(item):
        head.append(f"NOT FOR THIS MEETING (for {item.audience})")
    else:
        head.append("LEFT OUT")
    out = plain(" · ".join(h for h in head if h), style="bold")
    where = " / ".join(s for s in (item.section, item.subsection, item.audience) if s)
    if where:
        out.append(visible(f"\n{where}"), style="italic")
    out.append(visible("\n\n" + item.text))
    return out


def tasks_line(done: bool, text: str) -> Text:
    line = Text("[x] " if done else "[ ] ")
    line.append(visible(text))
    if done:
        line.stylize("dim")
    return line


class PrepareScreen(NonPaperScreen):
    """Get ready for the meeting: details, agenda, cues, brief, tasks."""

    #: The help.md section F1 opens at.
    HELP_SECTION = "Prepare"
    #: The footer's first keys: the next step first (`StepFooter`).
    FOOTER_FIRST = ("prepare.start", "prepare.toggle", "prepare.cue", "prepare.details")
    BINDINGS = [
        Binding(
            "space",
            "toggle_in",
            "In/out",
            id="prepare.toggle",
            tooltip="Include or leave out the item / tick the task",
        ),
        Binding(
            "shift+up,minus",
            "move(-1)",
            "Move up",
            id="prepare.move_up",
            tooltip="Move the item earlier",
        ),
        Binding(
            "shift+down,plus",
            "move(1)",
            "Move down",
            id="prepare.move_down",
            tooltip="Move the item later",
        ),
        Binding(
            "c", "edit_cue", "Cue", id="prepare.cue", tooltip="Write your personal cue for the item"
        ),
        Binding(
            "l",
            "edit_label",
            "Label",
            id="prepare.label",
            tooltip="The item's short name in the reporting cable",
            show=False,
        ),
        Binding(
            "i",
            "details",
            "Details",
            id="prepare.details",
            tooltip="Date, place, interlocutors, interpreter",
        ),
        Binding(
            "o",
            "audience",
            "Audience",
            id="prepare.audience",
            tooltip="Who the meeting is for: the items for that audience",
        ),
        Binding(
            "s",
            "start",
            "Start meeting",
            id="prepare.start",
            tooltip="Start the meeting and show the Meeting screen",
        ),
        Binding("u", "undo", "Undo", id="prepare.undo", tooltip="Undo the last change"),
        Binding(
            "n",
            "save_non_paper",
            "Non-paper",
            show=False,
            id="prepare.non_paper",
            tooltip="Save the non-paper (Word) to the drafts/ folder",
        ),
        Binding("a", "tab('prep-tab-agenda')", "Agenda", id="prepare.tab_agenda", show=False),
        Binding("b", "tab('prep-tab-brief')", "Brief", id="prepare.tab_brief", show=False),
        Binding("t", "tab('prep-tab-tasks')", "Tasks", id="prepare.tab_tasks", show=False),
        Binding("escape", "leave_cue", "Back to list", id="prepare.leave_cue", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._cue_item: str | None = None
        self.covered: dict[str, str] | None = None
        """Item id -> where other meetings on the plan delivered it; None until read."""

    @property
    def record(self) -> Record:
        return self.session.record

    def compose(self) -> ComposeResult:
        rec = self.record
        yield ClassificationBanner(self.session.record.overall_marking(), classes="banner-top")
        with Horizontal(id="prep-top"):
            yield Static(plain(f"PREPARE  {rec.instruction.id}  {rec.title}"), id="prep-title")
            yield SaveStatus()
        yield Static(id="prep-meeting")
        with TabbedContent(id="prep-tabs", initial="prep-tab-agenda"):
            with TabPane("Agenda (a)", id="prep-tab-agenda"):
                with Horizontal(id="prep-agenda-row"):
                    yield OptionList(*[agenda_line(e, rec) for e in rec.entries], id="prep-agenda")
                    with Vertical(id="prep-item-pane"):
                        with VerticalScroll(id="prep-item-scroll"):
                            yield Static(id="prep-item")
                            yield Static(id="prep-covered")
                            yield Static(id="prep-post-note")
                            yield Static(id="prep-leave-behind")
                        yield Label(
                            "Your cue (never handed over, never reported):", id="prep-cue-label"
                        )
                        yield VisibleInput(
                            placeholder="c to write a cue for this item", id="prep-cue"
                        )
            with TabPane("Brief (b)", id="prep-tab-brief"):
                with VerticalScroll(id="prep-brief"):
                    yield Static(self._brief_text(), id="prep-brief-text")
            with TabPane("Tasks & deadlines (t)", id="prep-tab-tasks"):
                with Vertical(id="prep-tasks-pane"):
                    yield Label("Preparation tasks (space ticks one off)", classes="prep-heading")
                    yield OptionList(
                        *[tasks_line(t.done, t.text) for t in rec.tasks], id="prep-tasks"
                    )
                    yield Label("Deadlines", classes="prep-heading")
                    yield Static(id="prep-deadlines")
        yield Static(id="prep-status")
        yield ClassificationBanner(self.session.record.overall_marking(), classes="banner-bottom")
        yield StepFooter()

    def on_mount(self) -> None:
        agenda = self.query_one("#prep-agenda", OptionList)
        if self.record.entries:
            # A search hit or an earlier visit may have chosen the item to show.
            ids = [e.id for e in self.record.entries]
            agenda.highlighted = ids.index(self.record.current) if self.record.current in ids else 0
        agenda.focus()
        rec = self.record
        self._read_covered(self.session.path, rec.plan.path, rec.as_plan())
        session = self.session
        if session.fresh and rec.stage is Stage.PREPARED and not rec.audience and self._audiences():
            session.fresh = False
            self.call_after_refresh(self.action_audience)

    @work(thread=True, exclusive=True, group="prep-covered", exit_on_error=False)
    def _read_covered(self, path: Path, plan_file: str, plan: Plan) -> dict[str, str]:
        return read_covered_elsewhere(self.app.workspace, path, plan_file, plan)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if self.app.session is None:
            return  # the record was closed (q) while its coverage was read: nothing to show
        if event.worker.group == "prep-covered" and event.state is WorkerState.SUCCESS:
            self.covered = event.worker.result
            self._show_covered()
            self._show_status()

    def _show_covered(self) -> None:
        w = self.query_one("#prep-covered", Static)
        entry = self._current()
        if not self.covered or entry is None:
            w.display = False
            return
        where = self.covered.get(entry.id)
        w.display = True
        w.update(
            plain(f"Already covered: {where}")
            if where
            else "Not yet delivered in another meeting on this plan."
        )

    def on_screen_resume(self) -> None:
        """Draw from the record each time the screen is shown (the first time too)."""
        self.refresh_all()

    # -- drawing -------------------------------------------------------------

    def _today(self) -> dt.date:
        return self.app.clock().date()

    def _brief_text(self) -> Text:
        b = self.record.brief
        out = Text()
        for title, body in (
            ("ACTION REQUEST", b.action_request),
            ("OBJECTIVES", b.objectives),
            ("BACKGROUND", b.background),
        ):
            out.append(title + "\n", style="bold underline")
            out.append(visible(body.strip() or "(none in the instruction)") + "\n\n")
        out.append("LEAVE-BEHIND\n", style="bold underline")
        out.append(LEAVE_BEHIND_WORDS[b.leave_behind] + ".\n")
        if b.references:
            out.append(
                "\nREFERENCE TEXTS (quoted in the instruction; not points to deliver)\n",
                style="bold underline",
            )
            for r in b.references:
                where = f" (para {r.paragraph})" if r.paragraph else ""
                out.append(f"\n{r.marking.portion} {r.title}{where}\n", style="bold")
                out.append(r.text.strip() + "\n")
        return out

    def refresh_all(self) -> None:
        """Redraw everything from the record (after undo, on return from a dialog)."""
        agenda = self.query_one("#prep-agenda", OptionList)
        keep = agenda.highlighted
        agenda.set_options([agenda_line(e, self.record) for e in self.record.entries])
        if self.record.entries:
            agenda.highlighted = min(keep or 0, len(self.record.entries) - 1)
        tasks = self.query_one("#prep-tasks", OptionList)
        keep_t = tasks.highlighted
        tasks.set_options([tasks_line(t.done, t.text) for t in self.record.tasks])
        if self.record.tasks:
            tasks.highlighted = min(keep_t or 0, len(self.record.tasks) - 1)
        self._show_item()
        self._show_meeting()
        self._show_deadlines()
        self._show_status()

    def _show_meeting(self) -> None:
        m = self.record.meeting
        parts = [f"When: {meeting_when(m) or '-'}", f"Place: {m.place or '-'}"]
        who = people(m.interlocutors)
        parts.append(f"With: {who or '- (press i)'}")
        if m.participants:
            parts.append(f"Ours: {people(m.participants)}")
        parts.append(f"Interpreter: {m.interpreter or '-'}")
        self.query_one("#prep-meeting", Static).update(plain("  ".join(parts)))

    def _show_deadlines(self) -> None:
        today = self._today()
        lines = Text()
        for d in dues(self.record.deadlines, self.record.follow_ups, today):
            style = "bold" if 0 <= d.days_left <= 14 else ("dim" if d.days_left < 0 else "")
            lines.append(
                visible(f"{d.date.isoformat()}  {days_left(d.days_left):>12}  {d.what}\n"),
                style=style,
            )
        for undated in (d for d in self.record.deadlines if d.date is None):
            lines.append(visible(f"{'(no date)':<10}  {'':>12}  {undated.what}\n"))
        self.query_one("#prep-deadlines", Static).update(
            lines or "No deadlines in the instruction."
        )

    def _show_status(self) -> None:
        rec = self.record
        included = len(rec.agenda)
        high = [e for e in rec.entries if e.item.high]
        high_in = sum(e.included for e in high)
        # Left out because another meeting on the plan delivered it: no reason to warn.
        before = sum(1 for e in high if not e.included and e.id in (self.covered or {}))
        done = sum(t.done for t in rec.tasks)
        text = f"{included} of {len(rec.entries)} items on the agenda"
        elsewhere = sum(1 for e in rec.entries if not rec.concerns(e.item))
        if rec.audience:
            text += f" · for {rec.audience}" + (
                f" ({elsewhere} for other audiences)" if elsewhere else ""
            )
        elif self._audiences():
            text += " · all audiences (o chooses one)"
        if high:
            text += f" · high priority {high_in}/{len(high)} on the agenda"
            if before:
                text += f", {before} delivered before"
            if high_in + before < len(high):
                text += " (!)"
        if rec.tasks:
            text += f" · tasks {done}/{len(rec.tasks)} done"
        status = self.query_one("#prep-status", Static)
        status.update(text)
        status.set_class(high_in + before < len(high), "-warning")

    def _entry_at(self, index: int | None) -> Entry | None:
        entries = self.record.entries
        if index is None or not 0 <= index < len(entries):
            return None
        return entries[index]

    def _current(self) -> Entry | None:
        return self._entry_at(self.query_one("#prep-agenda", OptionList).highlighted)

    def _show_item(self) -> None:
        entry = self._current()
        item_w = self.query_one("#prep-item", Static)
        note_w = self.query_one("#prep-post-note", Static)
        lb_w = self.query_one("#prep-leave-behind", Static)
        cue = self.query_one("#prep-cue", Input)
        if entry is None:
            item_w.update("The plan has no items.")
            note_w.display = False
            lb_w.update("")
            self._cue_item = None
            cue.disabled = True
            return
        item_w.update(item_text(entry, self.record))
        self._show_covered()
        note = entry.item.post_note.strip()
        note_w.display = bool(note)
        note_w.update(
            Text.assemble(("FOR POST ONLY - never hand over\n", "bold"), visible(note))
            if note
            else ""
        )
        may = entry.item.may_leave_behind(self.record.brief.leave_behind)
        if may:
            lb_w.update(
                "May be left in writing" + (" (without the note for post)." if note else ".")
            )
        else:
            lb_w.update("Not to be left in writing.")
        cue.disabled = False
        if self._cue_item != entry.id:
            self._cue_item = entry.id
            cue.value = entry.cue

    def _redraw_row(self, index: int) -> None:
        entry = self._entry_at(index)
        if entry is not None:
            self.query_one("#prep-agenda", OptionList).replace_option_prompt_at_index(
                index, agenda_line(entry, self.record)
            )

    # -- events --------------------------------------------------------------

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list.id == "prep-agenda":
            self._show_item()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_list.id == "prep-agenda":
            self.action_edit_cue()
        elif event.option_list.id == "prep-tasks":
            self._toggle_task(event.option_index)

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id != "prep-cue" or self._cue_item is None:
            return
        entry = self.record.entry(self._cue_item)
        if entry.cue == event.value:
            return
        self.session.set_cue(entry.id, event.value, typing=True)
        index = self.record.entries.index(entry)
        self._redraw_row(index)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "prep-cue":
            event.stop()
            self.action_leave_cue()

    # -- actions ---------------------------------------------------------------

    def action_tab(self, pane: str) -> None:
        self.query_one("#prep-tabs", TabbedContent).active = pane
        target = {
            "prep-tab-agenda": "#prep-agenda",
            "prep-tab-tasks": "#prep-tasks",
            "prep-tab-brief": "#prep-brief",
        }[pane]
        self.query_one(target).focus()

    def _on_tab(self, pane: str) -> bool:
        return self.query_one("#prep-tabs", TabbedContent).active == pane

    def action_toggle_in(self) -> None:
        if self._on_tab("prep-tab-tasks"):
            self._toggle_task(self.query_one("#prep-tasks", OptionList).highlighted)
            return
        entry = self._current()
        if entry is None:
            return
        self.session.set_included(entry.id, not entry.included)
        self._redraw_row(self.record.entries.index(entry))
        self._show_item()
        self._show_status()

    def _toggle_task(self, index: int | None) -> None:
        tasks = self.record.tasks
        if index is None or not 0 <= index < len(tasks):
            return
        self.session.toggle_task(tasks[index].id)
        task = tasks[index]
        self.query_one("#prep-tasks", OptionList).replace_option_prompt_at_index(
            index, tasks_line(task.done, task.text)
        )
        self._show_status()

    def action_move(self, delta: int) -> None:
        if not self._on_tab("prep-tab-agenda"):
            return
        agenda = self.query_one("#prep-agenda", OptionList)
        entry = self._current()
        if entry is None:
            return
        i = self.record.entries.index(entry)
        self.session.move(entry.id, delta)
        j = self.record.entries.index(entry)
        if i != j:
            for k in range(min(i, j), max(i, j) + 1):
                self._redraw_row(k)
            agenda.highlighted = j
        agenda.focus()

    def action_edit_cue(self) -> None:
        if not self._on_tab("prep-tab-agenda"):
            self.action_tab("prep-tab-agenda")
        if self._current() is not None:
            # At once (not widget.focus(), which waits a turn): the cue typed
            # right after c must not be taken as commands (s would start the meeting).
            self.set_focus(self.query_one("#prep-cue", Input))

    def action_edit_label(self) -> None:
        entry = self._current()
        if entry is not None:
            item_id = entry.id
            self.app.push_screen(
                LabelDialog(entry, lambda v: self.session.set_label(item_id, v, typing=True))
            )

    def action_leave_cue(self) -> None:
        if self._on_tab("prep-tab-agenda"):
            self.set_focus(self.query_one("#prep-agenda", OptionList))

    def action_details(self) -> None:
        session = self.session
        dialog = MeetingDetailsDialog(
            session.record.meeting, lambda **changed: session.update_meeting(typing=True, **changed)
        )
        self.app.push_screen(dialog, lambda _: self.refresh_all())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """``o`` (audience) only where there is a choice: on plans with points for several audiences."""
        if action == "audience":
            return bool(self._audiences())
        return True

    def _audiences(self) -> list[str]:
        from ...audience import audiences

        return audiences([e.item.audience for e in self.record.entries])

    def action_audience(self) -> None:
        """Choose who the meeting is for: the agenda takes their items and the general ones."""
        from ...store.settings import load_config
        from ..dialogs.audience import AudienceDialog

        choices = self._audiences()
        if not choices:
            self.notify("Every item of this plan is general: there is no audience to choose.")
            return
        try:
            post = load_config(self.app.workspace).audience
        except (
            DemarcheError
        ):  # a broken demarche.toml is reported elsewhere; the choice still works
            post = ""

        def chosen(value: str | None) -> None:
            if value is None:
                return
            self.session.choose_audience(value)
            self.refresh_all()
            self.notify(
                f"Agenda for {value}: its items and the general ones."
                if value
                else "Every item is on the agenda."
            )

        self.app.push_screen(AudienceDialog(choices, self.record.audience, post), chosen)

    def action_undo(self) -> None:
        what = self.session.undo()
        if what is None:
            self.notify("Nothing to undo.")
            return
        self._cue_item = None
        self.refresh_all()
        self.app.clear_notifications()  # one notice at a time: the latest undo
        self.notify(f"Undone: {what}")

    def action_start(self) -> None:
        if not self.record.agenda:
            self.notify(
                "No item is on the agenda: include at least one (space).", severity="warning"
            )
            return
        if self.record.stage is not Stage.PREPARED:
            self.app.show("meeting")
            return
        from ..dialogs.choice import ChoiceDialog

        m = self.record.meeting
        answers: list[tuple[str, str, object]] = [("n", "now: the clock starts now", "now")]
        if m.start is not None:
            answers.append(
                ("p", f"at {m.start:%H:%M} on {m.start:%Y-%m-%d}, as planned", "planned")
            )
        answers.append(
            ("w", "writing up from notes: no clock, the date and times as given (i)", "write_up")
        )
        planned = f" or at {m.start:%H:%M} as planned" if m.start is not None else ""

        def start(how: object) -> None:
            if how is None:
                return
            self.session.start(as_planned=how == "planned", write_up=how == "write_up")
            self.app.show("meeting")

        self.app.push_screen(ChoiceDialog(f"Start the meeting now{planned}?", answers), start)
