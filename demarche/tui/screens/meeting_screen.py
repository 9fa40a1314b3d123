"""The Meeting screen: deliver the points and note the answers with one hand.

Left, the agenda (status glyph per item); right, the current item in full and
the host side's response to it. Every key is one call on `MeetingSession`,
which saves at once (status changes) or within a second (typing); the screen
then redraws what changed. Focus stays on the agenda except while typing a
response or a speaker; escape always comes back to the agenda.
"""

from __future__ import annotations


from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Input, Static, TextArea

from ...classification import release_refusal
from ...errors import DemarcheError
from ...model import Entry, ItemKind, Outcome, Quoting, Stage, Stance
from ..widgets.agenda import AgendaList
from ..widgets.banner import ClassificationBanner
from ..widgets.item_card import ItemCard
from ..widgets.meeting_bar import MeetingBar
from ..widgets.response_fields import ResponseEditor, SpeakerInput
from .base import DemarcheScreen

#: Keys 1..5 in the order the issue lists the stances.
STANCE_KEYS = list(Stance)


class MeetingScreen(DemarcheScreen[None]):
    """The agenda, the current item and its response, with clock and progress."""

    BINDINGS = [
        Binding(
            "d",
            "mark('delivered')",
            "Delivered",
            id="meeting.delivered",
            tooltip="Mark delivered, go to the next item",
        ),
        Binding(
            "p",
            "mark('partial')",
            "Partial",
            id="meeting.partial",
            tooltip="Mark delivered in part, go to the next item",
        ),
        Binding(
            "s",
            "mark('skipped')",
            "Skipped",
            id="meeting.skipped",
            tooltip="Mark skipped, go to the next item",
        ),
        Binding(
            "l",
            "mark('deferred')",
            "Later",
            id="meeting.deferred",
            tooltip="Mark deferred (later), go to the next item",
        ),
        Binding("u", "undo", "Undo", id="meeting.undo", tooltip="Undo the last change"),
        Binding(
            "r",
            "edit_response",
            "Response",
            id="meeting.response",
            tooltip="Type the host side's response (escape: back)",
        ),
        Binding("1", "stance(0)", "Receptive", show=False, id="meeting.stance1"),
        Binding("2", "stance(1)", "Noncommittal", show=False, id="meeting.stance2"),
        Binding("3", "stance(2)", "Objected", show=False, id="meeting.stance3"),
        Binding("4", "stance(3)", "Asked for info", show=False, id="meeting.stance4"),
        Binding("5", "stance(4)", "No response", show=False, id="meeting.stance5"),
        Binding(
            "v",
            "toggle_quoting",
            "Verbatim",
            show=False,
            id="meeting.quoting",
            tooltip="Toggle verbatim / paraphrase",
        ),
        Binding(
            "a", "edit_speaker", "Speaker", show=False, id="meeting.speaker", tooltip="Who said it"
        ),
        Binding(
            "f",
            "follow_up",
            "Follow-up",
            id="meeting.follow_up",
            tooltip="Add a follow-up (what, who, by when)",
        ),
        Binding(
            "h",
            "handed_over",
            "Handed over",
            id="meeting.handed_over",
            tooltip="Toggle non-paper item handed over",
        ),
        Binding(
            "y",
            "reason",
            "Why",
            id="meeting.reason",
            tooltip="Why the item was skipped, deferred or only partly delivered (reported)",
        ),
        Binding("n", "note", "Note", id="meeting.note", tooltip="General meeting note"),
        Binding(
            "i",
            "details",
            "Details",
            id="meeting.details",
            tooltip="Meeting details: date, place, interlocutors",
        ),
        Binding("w", "wrap_up", "Wrap up", id="meeting.wrap_up", tooltip="Go to wrap-up"),
        Binding("escape", "back_to_agenda", "Agenda", show=False, id="meeting.back"),
    ]

    def compose(self) -> ComposeResult:
        record = self.session.record
        agenda = record.agenda
        cursor = next((k for k, e in enumerate(agenda) if e.id == record.current), 0)
        yield ClassificationBanner(self.session.record.overall_marking(), classes="banner-top")
        yield MeetingBar(id="meeting-bar")
        with Horizontal(id="meeting-main"):
            yield AgendaList(agenda, cursor, id="agenda")
            with Vertical(id="meeting-right"):
                yield ItemCard(id="item-card")
                with Vertical(id="response-pane"):
                    yield Static(id="response-head", markup=False)
                    yield ResponseEditor(
                        id="response-text",
                        soft_wrap=True,
                        show_line_numbers=False,
                        tab_behavior="focus",
                    )
                    yield SpeakerInput(id="response-speaker", placeholder="speaker (a)")
        yield ClassificationBanner(self.session.record.overall_marking(), classes="banner-bottom")
        yield Footer()

    # -- helpers ------------------------------------------------------------

    @property
    def agenda(self) -> AgendaList:
        return self.query_one(AgendaList)

    @property
    def entry(self) -> Entry | None:
        return self.agenda.current

    def on_mount(self) -> None:
        self.query_one("#response-text", TextArea).border_title = "Response (r)"
        self.agenda.focus()
        self._show_entry()
        self._tick()
        self.set_interval(1.0, self._tick)

    def _tick(self) -> None:
        if self.app.session is not None:
            self.query_one(MeetingBar).show(self.session.record, self.app.clock())

    def _show_entry(self) -> None:
        """Redraw the right side for the entry under the cursor."""
        e = self.entry
        self.query_one(ItemCard).show(e)
        editor = self.query_one("#response-text", TextArea)
        speaker = self.query_one("#response-speaker", Input)
        if e is None:
            return
        # The fields now hold this entry's response: typing in them goes to it,
        # even if the cursor moves before the typed text is handled.
        self._fields_item = e.id
        if editor.text != e.response.text:
            editor.load_text(e.response.text)
        if speaker.value != e.response.speaker:
            speaker.value = e.response.speaker
        self._show_response_head(e)

    def _show_response_head(self, e: Entry) -> None:
        stance = e.response.stance.label if e.response.stance else "no stance yet (1-5)"
        quoting = e.response.quoting.value
        self.query_one("#response-head", Static).update(f"Stance: {stance}  ·  {quoting} (v)")

    def _redraw(self) -> None:
        """After a change: the cursor line, the right side, progress and banners."""
        self.agenda.refresh_entry(self.agenda.cursor)
        self._show_entry()
        self._tick()

    def _begin(self) -> None:
        """Anything done on this screen means the meeting is under way."""
        if self.session.record.stage is Stage.PREPARED:
            self.session.start()

    # -- the agenda ---------------------------------------------------------

    @on(AgendaList.Moved)
    def _moved(self, message: AgendaList.Moved) -> None:
        e = self.entry
        if e is not None:
            if self.session.record.current != e.id:
                self.session.set_current(e.id)
            self._show_entry()

    @on(AgendaList.Chosen)
    def _chosen(self, message: AgendaList.Chosen) -> None:
        self.action_edit_response()

    def action_mark(self, outcome: str) -> None:
        e = self.entry
        if e is None:
            return
        self.session.mark(e.id, Outcome(outcome))
        self.agenda.refresh_entry(self.agenda.cursor)
        if self.agenda.cursor < len(self.agenda.entries) - 1:
            self.agenda.cursor += 1  # Moved redraws the right side and records `current`
        else:
            self._show_entry()
        self._tick()

    def action_undo(self) -> None:
        what = self.session.undo()
        if what is None:
            self.notify("Nothing to undo.", timeout=2)
            return
        record = self.session.record
        self.agenda.set_entries(record.agenda)
        self.agenda.refresh()
        self._show_entry()
        self._tick()
        self.notify(f"Undone: {what}", timeout=2)

    def action_stance(self, index: int) -> None:
        e = self.entry
        if e is None:
            return
        self._begin()
        stance = STANCE_KEYS[index]
        self.session.set_response(e.id, stance=None if e.response.stance is stance else stance)
        self._redraw()

    def action_toggle_quoting(self) -> None:
        e = self.entry
        if e is None:
            return
        new = Quoting.PARAPHRASE if e.response.quoting is Quoting.VERBATIM else Quoting.VERBATIM
        self.session.set_response(e.id, quoting=new)
        self._redraw()

    def action_handed_over(self) -> None:
        e = self.entry
        if e is None:
            return
        if e.item.kind is not ItemKind.NON_PAPER:
            self.notify("Only non-paper items are handed over.", timeout=3)
            return
        why = "" if e.handed_over else release_refusal(e.item.marking, self._host_country())
        if why:
            self.notify(
                f"{e.id}: {why}; it may not be handed over.",
                title="Not handed over",
                severity="warning",
                timeout=6,
            )
            return
        self._begin()
        done = self.session.toggle_handed_over(e.id)
        self._redraw()
        self.notify(f"{e.id} {'handed over' if done else 'not handed over'}", timeout=2)

    def _host_country(self) -> str:
        """The country the post hands papers to (``[post] country``); empty when unknown or unreadable."""
        from ...store.settings import load_config

        try:
            return load_config(self.app.workspace).country
        except DemarcheError:
            return ""

    # -- typing -------------------------------------------------------------

    # Focus moves with set_focus, at once, not with widget.focus(), which waits
    # a turn: a key typed right after r (or escape) must land where the officer
    # now is, not be taken as a command (or typed into the response).

    def action_edit_response(self) -> None:
        if self.entry is not None:
            editor = self.query_one("#response-text", TextArea)
            self.set_focus(editor)
            # Going back to a response is to add to it: continue at its end.
            editor.move_cursor(editor.document.end)

    def action_edit_speaker(self) -> None:
        if self.entry is not None:
            self.set_focus(self.query_one("#response-speaker", Input))

    def action_back_to_agenda(self) -> None:
        self.set_focus(self.agenda)

    async def escape_then_key(self, key: str) -> None:
        """Escape, then `key` as if typed on the agenda, through the (remappable) bindings."""
        self.set_focus(self.agenda)  # at once: the key must meet the agenda's bindings
        # Textual has no public "dispatch this key through the bindings" call;
        # _check_bindings is what it runs for a real key press.
        await self.app._check_bindings(key)

    def _fields_entry(self) -> Entry | None:
        """The entry whose response the editor and speaker field hold (not always the cursor's)."""
        item_id = getattr(self, "_fields_item", None)
        if item_id is None:
            return None
        try:
            return self.session.record.entry(item_id)
        except KeyError:
            return None

    @on(TextArea.Changed, "#response-text")
    def _response_typed(self, event: TextArea.Changed) -> None:
        e = self._fields_entry()
        if e is None or event.text_area.text == e.response.text:
            return  # loaded from the record, not typed
        self._begin()
        self.session.set_response(e.id, text=event.text_area.text, typing=True)

    @on(Input.Changed, "#response-speaker")
    def _speaker_typed(self, event: Input.Changed) -> None:
        e = self._fields_entry()
        if e is None or event.value == e.response.speaker:
            return
        self._begin()
        self.session.set_response(e.id, speaker=event.value, typing=True)

    @on(Input.Submitted, "#response-speaker")
    def _speaker_done(self) -> None:
        self.set_focus(self.agenda)

    # -- dialogs and other screens -------------------------------------------

    def action_follow_up(self) -> None:
        from ..dialogs.follow_up import FollowUpDialog

        e = self.entry

        def add(draft) -> None:
            if draft is None:
                return
            self._begin()
            fu = self.session.add_follow_up(
                draft.what, draft.owner, draft.due, item=e.id if e else ""
            )
            self.notify(f"Follow-up {fu.id} added: {fu.what}", timeout=3)

        self.app.push_screen(FollowUpDialog(item_id=e.id if e else ""), add)

    def action_reason(self) -> None:
        from ..dialogs.reason import ReasonDialog

        e = self.entry
        if e is None:
            return
        item_id = e.id
        self.app.push_screen(
            ReasonDialog(e, lambda text: self.session.set_reason(item_id, text, typing=True)),
            lambda _=None: self._redraw(),
        )

    def action_note(self) -> None:
        from ..dialogs.note import NoteDialog

        self.app.push_screen(
            NoteDialog(
                self.session.record.notes, lambda text: self.session.set_notes(text, typing=True)
            )
        )

    def action_details(self) -> None:
        from ..dialogs.details import MeetingDetailsDialog

        session = self.session
        dialog = MeetingDetailsDialog(
            session.record.meeting, lambda **changed: session.update_meeting(typing=True, **changed)
        )
        self.app.push_screen(dialog, lambda _=None: self._redraw())

    def action_wrap_up(self) -> None:
        self.app.show("wrapup")

    def palette_commands(self):
        yield ("Edit speaker", "Who said it (a)", self.action_edit_speaker)
        yield ("Toggle verbatim / paraphrase", "(v)", self.action_toggle_quoting)
        for k, s in enumerate(STANCE_KEYS):
            yield (
                f"Stance: {s.label}",
                f"Set the host side's stance ({k + 1})",
                lambda k=k: self.action_stance(k),
            )
