"""The Meeting screen: deliver the points and note the answers with one hand.

Left, the agenda (status glyph per item); right, the current item in full and
the host side's response to it. Every key is one call on `MeetingSession`,
which saves at once (status changes) or within a second (typing) and tells
the screen what changed (`Changed`); the screen redraws from that. Focus
stays on the agenda except while typing a response or a speaker; escape
always comes back to the agenda.

Marking a point (d, p, s, l) keeps it the current point: the host side's
answer, a stance, the speaker, a follow-up or the reason typed next belong
to it. The officer moves on themselves: space to the point shown as
``next:``, j/k (or the arrows) to any other.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Static

from ...classification import release_refusal
from ...errors import DemarcheError
from ...model import Entry, Exchange, ItemKind, Outcome, ProgressTally, Quoting, Stage, Stance
from ...session import Changed
from ..palette import PaletteCommand
from ..widgets.agenda import AgendaList
from ..widgets.banner import ClassificationBanner
from ..widgets.item_card import ItemCard
from ..widgets.meeting_bar import MeetingBar
from ..widgets.step_footer import StepFooter
from .base import DemarcheScreen

if TYPE_CHECKING:
    # Imported when the response fields are added, after the first frame:
    # TextArea's module alone takes about 5 ms to load.
    from textual.widgets import TextArea

    from ..widgets.response_fields import ResponseEditor

#: Keys 1..5 in the order the issue lists the stances.
STANCE_KEYS = list(Stance)

#: Changes (`Changed.what`) to the record as a whole that touch no entry: the agenda stands.
RECORD_ONLY = frozenset(
    {"notes", "comment", "details", "follow_up", "statements", "other_business", "task", "close"}
)


class MeetingScreen(DemarcheScreen[None]):
    """The agenda, the current item and its response, with clock and progress."""

    #: The help.md section F1 opens at.
    HELP_SECTION = "Meeting"
    _progress_tally: ProgressTally | None = None
    #: The footer's first keys: the next step first (`StepFooter`).
    FOOTER_FIRST = (
        "meeting.delivered",
        "meeting.partial",
        "meeting.skipped",
        "meeting.deferred",
        "meeting.response",
        "meeting.wrap_up",
    )
    BINDINGS = [
        Binding(
            "d",
            "mark('delivered')",
            "Delivered",
            id="meeting.delivered",
            tooltip="Mark delivered; the point stays current for the answer",
        ),
        Binding(
            "p",
            "mark('partial')",
            "Partial",
            id="meeting.partial",
            tooltip="Mark delivered in part; the point stays current",
        ),
        Binding(
            "s",
            "mark('skipped')",
            "Skipped",
            id="meeting.skipped",
            tooltip="Mark skipped; the point stays current (y: why)",
        ),
        Binding(
            "l",
            "mark('deferred')",
            "Later",
            id="meeting.deferred",
            tooltip="Mark deferred (later); the point stays current (y: why)",
        ),
        Binding(
            "space",
            "next_point",
            "Next point",
            id="meeting.next",
            tooltip="Move on to the point shown as next:",
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
            "H",
            "hand_over_non_paper",
            "Hand over all",
            show=False,
            id="meeting.hand_over_all",
            tooltip="Hand over the whole non-paper",
        ),
        Binding(
            "e",
            "exchange('item')",
            "Exchange",
            id="meeting.exchange",
            tooltip="Another exchange on this point: a rejoinder, our reply",
        ),
        Binding(
            "g",
            "exchange('statements')",
            "Statement",
            show=False,
            id="meeting.statement",
            tooltip="A statement the host side raised unprompted",
        ),
        Binding(
            "o",
            "exchange('other_business')",
            "Other business",
            show=False,
            id="meeting.other",
            tooltip="Other business discussed",
        ),
        Binding(
            "asterisk",
            "key_exchange",
            "Key",
            show=False,
            id="meeting.key",
            tooltip="Mark the latest exchange on this point as key (the news)",
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
        Binding(
            "shift+down,J",
            "scroll_point(1)",
            "Scroll point down",
            show=False,
            id="meeting.point_down",
            tooltip="Read on in a long point",
        ),
        Binding(
            "shift+up,K",
            "scroll_point(-1)",
            "Scroll point up",
            show=False,
            id="meeting.point_up",
            tooltip="Back up in a long point",
        ),
    ]

    def compose(self) -> ComposeResult:
        record = self.session.record
        agenda = record.agenda
        cursor = next((k for k, e in enumerate(agenda) if e.id == record.current), 0)
        marking = record.overall_marking()
        yield ClassificationBanner(marking, classes="banner-top")
        yield MeetingBar(id="meeting-bar")
        with Horizontal(id="meeting-main"):
            yield AgendaList(agenda, cursor, on_move=self._cursor_moved, id="agenda")
            with Vertical(id="meeting-right"):
                yield ItemCard(id="item-card")
                # Filled after the first frame (`_add_response_fields`).
                yield Vertical(id="response-pane")
        yield ClassificationBanner(marking, classes="banner-bottom")
        yield StepFooter()

    #: True until the response fields are mounted: keys wait meanwhile (`KeysInOrder`).
    opening = True

    # -- helpers ------------------------------------------------------------

    @property
    def agenda(self) -> AgendaList:
        return self.query_one(AgendaList)

    @property
    def entry(self) -> Entry | None:
        return self.agenda.current

    def _editor(self) -> ResponseEditor:
        """The response editor (there once `_add_response_fields` has run)."""
        from ..widgets.response_fields import ResponseEditor

        return self.query_one("#response-text", ResponseEditor)

    def _suggest_speakers(self) -> None:
        """The speaker field completes from the meeting's people (short name, else surname)."""
        from textual.suggester import SuggestFromList

        names = [p.called for p in self.session.record.people() if p.called]
        self.query_one("#response-speaker", Input).suggester = (
            SuggestFromList(names, case_sensitive=False) if names else None
        )

    def on_mount(self) -> None:
        self.set_focus(self.agenda)
        self.session.on_change.append(self._session_changed)
        self._show_entry()
        self._show_bar()
        self.set_interval(1.0, self._tick)
        # The first frame is the agenda and the current point: the response
        # fields (a TextArea and an Input, their styles, their drawing) come
        # right after it, so that the point is on screen sooner.
        self.call_after_refresh(self._add_response_fields)

    async def _add_response_fields(self) -> None:
        if not self.is_attached:
            return
        from ..widgets.response_fields import ResponseEditor, SpeakerInput

        await self.query_one("#response-pane", Vertical).mount(
            Static(id="response-head", markup=False),
            ResponseEditor(
                id="response-text",
                soft_wrap=True,
                show_line_numbers=False,
                tab_behavior="focus",
            ),
            SpeakerInput(id="response-speaker", placeholder="speaker (a)"),
        )
        self._suggest_speakers()
        self._editor().border_title = "Response (r)"
        # A new record is on disk before the first key typed acts (keys wait
        # while the screen is `opening`): from then on each change is a save.
        self.app.settle_session()
        self.opening = False
        self._show_entry()

    def on_unmount(self) -> None:
        session = self.app.session
        if session is not None and self._session_changed in session.on_change:
            session.on_change.remove(self._session_changed)

    def _session_changed(self, changed: Changed) -> None:
        """Redraw from what the session says changed (the one way this screen learns of it).

        A change to one entry redraws its line and updates its part of the
        progress (`ProgressTally`): on a plan of 100,000 items a key costs
        what it changed, never a pass over every item. Only changes that may
        touch any entry (undo, the agenda, the stage) reload the list.
        """
        if not self.is_mounted:
            return
        record = self.session.record
        agenda = self.agenda
        if changed.what == "details":
            self._suggest_speakers()
        if changed.what in RECORD_ONLY:
            pass  # no entry changed: the lines and the counts stand
        elif changed.what in ("undo", "agenda", "stage") or not changed.item:
            cursor = next(
                (k for k, e in enumerate(record.agenda) if e.id == record.current), agenda.cursor
            )
            agenda.set_entries(record.agenda, cursor)
            agenda.refresh()
            self._tally().recount()
        elif changed.what == "current":
            index = agenda.index_of(changed.item)
            if index is not None and index != agenda.cursor:
                agenda.cursor = index
        else:
            index = agenda.index_of(changed.item)
            if index is not None:
                agenda.refresh_entry(index)
            try:
                self._tally().update(record.entry(changed.item))
            except KeyError:
                self._tally().recount()
        self._show_entry(reload=changed.what == "undo")
        self._show_bar()

    def _tally(self) -> ProgressTally:
        """The record's progress counts, kept up to date change by change (`_session_changed`)."""
        tally = self._progress_tally
        if tally is None or tally.record is not self.session.record:
            tally = self._progress_tally = ProgressTally(self.session.record)
        return tally

    def _cursor_moved(self, index: int) -> None:
        """The officer moved to another point (j, k, space, a click): it becomes the current one."""
        if 0 <= index < len(self.agenda.entries):
            self.session.set_current(self.agenda.entries[index].id)
            self._show_entry()

    def _next_index(self) -> int | None:
        """The point to take up after the current one: the next one not yet marked, else the next line."""
        entries, cursor = self.agenda.entries, self.agenda.cursor
        for k in range(cursor + 1, len(entries)):
            if entries[k].outcome is Outcome.PENDING:
                return k
        return cursor + 1 if cursor + 1 < len(entries) else None

    def _tick(self) -> None:
        """Each second: the clock only."""
        if self.app.session is not None:
            self.query_one(MeetingBar).show_clock(self.session.record, self.app.clock())

    def _show_bar(self) -> None:
        """The clock and the progress, after a change."""
        if self.app.session is not None:
            self.query_one(MeetingBar).show(
                self.session.record, self.app.clock(), self._tally().progress()
            )

    def _show_entry(self, reload: bool = False) -> None:
        """Redraw the right side for the entry under the cursor.

        The response fields are loaded from the record only when they start
        holding another entry (or after undo, `reload`): while they hold this
        one, what is in them is newer than the record (typed text whose
        Changed message has not been handled yet) and must not be wiped.
        """
        e = self.entry
        if not reload and not self.opening:
            self._keep_typed(e)
        self.query_one(ItemCard).show(e)
        if e is None:
            return
        if self.opening:
            self.agenda.show_next(self._next_index())
            return
        editor = self._editor()
        speaker = self.query_one("#response-speaker", Input)
        fresh = reload or getattr(self, "_fields_item", None) != e.id
        # The fields now hold this entry's response: typing in them goes to it,
        # even if the cursor moves before the typed text is handled.
        self._fields_item = e.id
        if fresh and editor.text != e.response.text:
            editor.load_text(e.response.text)
        if fresh and speaker.value != e.response.speaker:
            speaker.value = e.response.speaker
        nxt = self._next_index()
        self.agenda.show_next(nxt)
        self._show_response_head(e, self.agenda.entries[nxt] if nxt is not None else None)

    def _keep_typed(self, e: Entry | None) -> None:
        """What the fields hold for another entry than `e`, typed but not yet handled, goes to that entry first.

        In a burst (keys typed while the app starts, or pasted), the text and
        the key that moves on can reach the fields before the text's Changed
        messages are handled: loading `e` into the fields would wipe the text.
        """
        held = self._fields_entry()
        if held is None or (e is not None and held.id == e.id):
            return
        text = self._editor().text
        speaker = self.query_one("#response-speaker", Input).value
        if text != held.response.text:
            self.session.set_response(held.id, text=text, typing=True)
        if speaker != held.response.speaker:
            self.session.set_response(held.id, speaker=speaker, typing=True)

    def _show_response_head(self, e: Entry, nxt: Entry | None) -> None:
        stance = e.response.stance.label if e.response.stance else "no stance yet (1-5)"
        quoting = e.response.quoting.value
        head = f"Stance: {stance} · {quoting} (v)"
        if e.exchanges:
            head += f" · +{len(e.exchanges)} exchange{'s' if len(e.exchanges) > 1 else ''} (e)"
        if any(x.key for x in e.conversation):
            head += " · KEY"
        if nxt is not None:
            head += f" · space: {nxt.id}"
        self.query_one("#response-head", Static).update(head)

    # -- the agenda ---------------------------------------------------------

    @on(AgendaList.Chosen)
    def _chosen(self, message: AgendaList.Chosen) -> None:
        self.action_edit_response()

    def action_mark(self, outcome: str) -> None:
        if self._reported_asks_first(lambda: self.action_mark(outcome)):
            return
        e = self.entry
        if e is None:
            return
        self.session.mark(e.id, Outcome(outcome))

    def _reported_asks_first(self, again: Callable[[], object]) -> bool:
        """A reported meeting is changed only when the officer says so: the draft must then be redone.

        True when the change waits for the answer (`again` runs on yes).
        """
        if self.session.record.stage is not Stage.REPORTED:
            return False
        from ..dialogs.choice import ChoiceDialog

        def answer(yes: object) -> None:
            if yes:
                self.session.set_stage(Stage.FINISHED)
                self.notify(
                    "Changed: the reporting cable already sent must be redone (w, then d).",
                    severity="warning",
                    timeout=6,
                )
                again()

        self.app.push_screen(
            ChoiceDialog(
                "This meeting was reported. Change what it says? The reporting cable must then be redone.",
                [
                    ("y", "change it (the draft must be redone)", True),
                    ("n", "leave it as reported", None),
                ],
            ),
            answer,
        )
        return True

    def action_next_point(self) -> None:
        nxt = self._next_index()
        if nxt is None:
            self.notify("That was the last point: w wraps up.", timeout=2)
            return
        self.agenda.cursor = nxt

    def action_undo(self) -> None:
        what = self.session.undo()
        if what is None:
            self.notify("Nothing to undo.", timeout=2)
            return
        self.app.clear_notifications()  # one notice at a time: the latest undo
        self.notify(f"Undone: {what}", timeout=2)

    def action_stance(self, index: int) -> None:
        if self._reported_asks_first(lambda: self.action_stance(index)):
            return
        e = self.entry
        if e is None:
            return
        stance = STANCE_KEYS[index]
        self.session.set_response(e.id, stance=None if e.response.stance is stance else stance)

    def action_toggle_quoting(self) -> None:
        if self._reported_asks_first(self.action_toggle_quoting):
            return
        e = self.entry
        if e is None:
            return
        new = Quoting.PARAPHRASE if e.response.quoting is Quoting.VERBATIM else Quoting.VERBATIM
        self.session.set_response(e.id, quoting=new)

    def action_handed_over(self) -> None:
        if self._reported_asks_first(self.action_handed_over):
            return
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
        done = self.session.toggle_handed_over(e.id)
        self.notify(f"{e.id} {'handed over' if done else 'not handed over'}", timeout=2)

    def _host_country(self) -> str:
        """The country the post hands papers to (``[post] country``); empty when unknown or unreadable."""
        from ...store.settings import load_config

        try:
            return load_config(self.app.workspace).country
        except DemarcheError:
            return ""

    def action_hand_over_non_paper(self) -> None:
        if self._reported_asks_first(self.action_hand_over_non_paper):
            return
        done = self.session.hand_over_non_paper(self._host_country())
        held = [
            e.id
            for e in self.session.record.agenda
            if e.item.kind is ItemKind.NON_PAPER and not e.handed_over
        ]
        if done:
            self.notify(f"Non-paper handed over: {', '.join(done)}", timeout=3)
        elif not held:
            self.notify(
                "Nothing left to hand over: the non-paper is handed over (or there is none).",
                timeout=3,
            )
        if held:
            self.notify(
                f"Not handed over, not releasable to the host: {', '.join(held)}",
                title="Kept back",
                severity="warning",
                timeout=6,
            )

    # -- typing -------------------------------------------------------------

    # Focus moves with set_focus, at once, not with widget.focus(), which waits
    # a turn: a key typed right after r (or escape) must land where the officer
    # now is, not be taken as a command (or typed into the response).

    def action_edit_response(self) -> None:
        if self._reported_asks_first(self.action_edit_response):
            return
        if self.entry is not None:
            editor = self._editor()
            self.set_focus(editor)
            # Going back to a response is to add to it: continue at its end.
            editor.move_cursor(editor.document.end)

    def action_edit_speaker(self) -> None:
        if self._reported_asks_first(self.action_edit_speaker):
            return
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

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        # By name, not with @on(TextArea.Changed, ...), which would load TextArea with this module.
        if event.text_area.id == "response-text":
            self._response_typed(event)

    def _response_typed(self, event: TextArea.Changed) -> None:
        e = self._fields_entry()
        if e is None or event.text_area.text == e.response.text:
            return  # loaded from the record, not typed
        self.session.set_response(e.id, text=event.text_area.text, typing=True)

    @on(Input.Changed, "#response-speaker")
    def _speaker_typed(self, event: Input.Changed) -> None:
        e = self._fields_entry()
        if e is None or event.value == e.response.speaker:
            return
        self.session.set_response(e.id, speaker=event.value, typing=True)

    @on(Input.Submitted, "#response-speaker")
    def _speaker_done(self) -> None:
        from ..dialogs.exchange import complete

        field = self.query_one("#response-speaker", Input)
        names = [p.called for p in self.session.record.people() if p.called]
        done = complete(field.value, names)
        if done != field.value:
            field.value = done  # Changed saves it
        self.set_focus(self.agenda)

    # -- dialogs and other screens -------------------------------------------

    def action_follow_up(self) -> None:
        if self._reported_asks_first(self.action_follow_up):
            return
        from ..dialogs.follow_up import FollowUpDialog, FollowUpDraft

        e = self.entry

        def add(draft: FollowUpDraft | None) -> None:
            if draft is None:
                return
            fu = self.session.add_follow_up(
                draft.what, draft.owner, draft.due, item=e.id if e else ""
            )
            self.notify(f"Follow-up {fu.id} added: {fu.what}", timeout=3)

        self.app.push_screen(FollowUpDialog(item_id=e.id if e else ""), add)

    def action_exchange(self, where: str) -> None:
        if self._reported_asks_first(lambda: self.action_exchange(where)):
            return
        from ..dialogs.exchange import ExchangeDialog

        e = self.entry
        if where == "item" and e is None:
            return
        record = self.session.record
        target = e.id if where == "item" and e is not None else where
        title = {
            "statements": "Statement the host side raised unprompted",
            "other_business": "Other business",
        }.get(where, f"Another exchange on {target}")

        def add(exchange: Exchange | None) -> None:
            if exchange is not None:
                self.session.add_exchange(target, exchange)
                self.notify(
                    f"Added to {target.replace('_', ' ')}: {exchange.speaker or 'unattributed'}",
                    timeout=2,
                )

        self.app.push_screen(
            ExchangeDialog(title, record.people(), record.meeting.participants), add
        )

    def action_key_exchange(self) -> None:
        if self._reported_asks_first(self.action_key_exchange):
            return
        e = self.entry
        if e is None:
            return
        if not e.answered:
            self.notify(
                "Nothing said on this point yet: r or e first, then * marks it key.", timeout=3
            )
            return
        key = self.session.toggle_key(e.id)
        self.notify(
            f"{e.id}: {'key (the news of the meeting)' if key else 'no longer key'}", timeout=2
        )

    def action_reason(self) -> None:
        if self._reported_asks_first(self.action_reason):
            return
        from ..dialogs.reason import ReasonDialog

        e = self.entry
        if e is None:
            return
        item_id = e.id
        # The session's Changed message redraws the point; the dialog only gathers the words.
        self.app.push_screen(
            ReasonDialog(e, lambda text: self.session.set_reason(item_id, text, typing=True))
        )

    def action_note(self) -> None:
        from ..dialogs.note import NoteDialog

        session = self.session
        self.app.push_screen(
            NoteDialog(
                session.record.notes,
                lambda text: session.set_notes(text, typing=True),
                for_cable=session.record.notes_for_cable,
                on_for_cable=session.set_notes_for_cable,
            )
        )

    def action_details(self) -> None:
        from ..dialogs.details import MeetingDetailsDialog

        session = self.session
        self.app.push_screen(
            MeetingDetailsDialog(
                session.record.meeting,
                lambda **changed: session.update_meeting(typing=True, **changed),
            )
        )

    def action_wrap_up(self) -> None:
        self.app.show("wrapup")

    def action_scroll_point(self, direction: int) -> None:
        """A long point is read in steps of a few lines, whatever has focus."""
        self.query_one(ItemCard).scroll_lines(direction)

    def palette_commands(self) -> Iterator[PaletteCommand]:
        yield ("Edit speaker", "Who said it (a)", self.action_edit_speaker)
        yield ("Toggle verbatim / paraphrase", "(v)", self.action_toggle_quoting)
        for k, s in enumerate(STANCE_KEYS):
            yield (
                f"Stance: {s.label}",
                f"Set the host side's stance ({k + 1})",
                partial(self.action_stance, k),
            )
