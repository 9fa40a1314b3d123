"""Meeting details: when, where, with whom; every keystroke saved through the session.

`MeetingDetailsDialog` shows a record's `Meeting` and reports every change
as it is typed to `on_change` (field name -> new value); the screen that
pushed it applies them (`MeetingSession.update_meeting(typing=True, ...)`),
so nothing typed here is lost even if the app dies with the dialog open.
Prepare's `i` and the Meeting screen's `i` push the same dialog. It
dismisses with None (there is nothing to confirm: it is already saved).

People (host interlocutors, our participants) are rows of four fields
(name, title, organisation, and the short name the cable calls them by); an
empty row is always kept at the end, so adding someone is just typing. A
cleared row is dropped. A person must have a name in the file: a row with only
a title or organisation is saved under the name ``(unnamed)`` until one is typed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Input, Label, Static

from ...model import Meeting, Person
from ..screens.base import DemarcheDialog
from ..widgets.visible_lines import VisibleInput

UNNAMED = "(unnamed)"
GROUPS = {"interlocutors": "Host interlocutors", "participants": "Our participants"}


def parse_date(text: str) -> dt.date | None:
    """``2009-10-02`` -> date; empty -> None; anything else -> ValueError."""
    text = text.strip()
    return dt.date.fromisoformat(text) if text else None


def parse_time(text: str) -> dt.time | None:
    """``10:00``, ``1000``, ``9.30`` -> time; empty -> None; anything else -> ValueError."""
    text = text.strip()
    if not text:
        return None
    m = re.fullmatch(r"(\d{1,2})[:.h]?(\d{2})", text)
    if not m:
        raise ValueError(text)
    return dt.time(int(m.group(1)), int(m.group(2)))


def person_from_fields(name: str, title: str, organisation: str, short: str = "") -> Person | None:
    """A `Person` from one row, None for an empty row; never a person without a name."""
    name, title, organisation, short = (
        name.strip(),
        title.strip(),
        organisation.strip(),
        short.strip(),
    )
    if not (name or title or organisation or short):
        return None
    return Person(name=name or UNNAMED, title=title, organisation=organisation, short=short)


class PersonRow(Horizontal):
    """Name, title and organisation of one person."""

    def __init__(self, group: str, person: Person | None = None) -> None:
        super().__init__(classes=f"person-row {group}")
        self.group = group
        self.person = person or Person("")

    def compose(self) -> ComposeResult:
        p = self.person
        yield VisibleInput(p.name, placeholder="name", compact=True, classes="person-name")
        yield VisibleInput(p.title, placeholder="title", compact=True, classes="person-title")
        yield VisibleInput(
            p.organisation, placeholder="organisation", compact=True, classes="person-org"
        )
        yield VisibleInput(
            p.short, placeholder="called (surname)", compact=True, classes="person-short"
        )

    def fields(self) -> tuple[str, str, str, str]:
        """Name, title, organisation, short name as typed; what it had for a row still being mounted."""
        values = [i.value for i in self.query(Input)]
        if len(values) != 4:
            p = self.person
            return (p.name, p.title, p.organisation, p.short)
        return (values[0], values[1], values[2], values[3])


class MeetingDetailsDialog(DemarcheDialog[None]):
    """Edit date, time, place, interpreter, host interlocutors and our participants."""

    BINDINGS = [Binding("escape", "close", "Done", id="details.close")]

    def __init__(self, meeting: Meeting, on_change: Callable[..., None]) -> None:
        super().__init__()
        self.meeting = meeting
        """The record's meeting as it stands: `on_change` keeps it up to date."""
        self.on_change = on_change

    def compose(self) -> ComposeResult:
        m = self.meeting
        when = m.start
        with Vertical(id="details-box", classes="dialog"):
            yield Static("Meeting details", id="details-title", classes="dialog-title")
            with VerticalScroll(id="details-form"):
                with Horizontal(classes="details-line"):
                    yield Label("Date")
                    yield Input(
                        m.date.isoformat() if m.date else "",
                        placeholder="YYYY-MM-DD",
                        id="details-date",
                        compact=True,
                    )
                    yield Label(" Time", classes="time-label")
                    yield Input(
                        f"{when:%H:%M}" if when else "",
                        placeholder="HH:MM",
                        id="details-time",
                        compact=True,
                    )
                with Horizontal(classes="details-line"):
                    yield Label("Place")
                    yield VisibleInput(
                        m.place,
                        placeholder="ministry, room, city",
                        id="details-place",
                        compact=True,
                    )
                with Horizontal(classes="details-line"):
                    yield Label("Interpreter")
                    yield VisibleInput(
                        m.interpreter,
                        placeholder="name (or none)",
                        id="details-interpreter",
                        compact=True,
                    )
                for group, title in GROUPS.items():
                    yield Static(
                        f"{title}  (name, title, organisation, called)", classes="group-title"
                    )
                    with Vertical(id=f"details-{group}", classes="people"):
                        for person in getattr(m, group):
                            yield PersonRow(group, person)
                        yield PersonRow(group)
            yield Static(
                "Saved as you type. Clear a row to remove the person. escape: done",
                id="details-hint",
            )

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#details-date", Input))

    # -- saving ------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        widget = event.input
        if widget.id in ("details-date", "details-time"):
            self._save_when()
        elif widget.id == "details-place":
            self._save(place=event.value)
        elif widget.id == "details-interpreter":
            self._save(interpreter=event.value)
        else:
            row = next((a for a in widget.ancestors if isinstance(a, PersonRow)), None)
            if row is not None:
                self._save_people(row.group)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    def _save(self, **fields: object) -> None:
        changed = {k: v for k, v in fields.items() if getattr(self.meeting, k) != v}
        if changed:
            self.on_change(**changed)

    def _save_when(self) -> None:
        """Save the date and time as far as they are understood; mark what is not (said on escape)."""
        date_in = self.query_one("#details-date", Input)
        time_in = self.query_one("#details-time", Input)
        try:
            day = parse_date(date_in.value)
            date_in.remove_class("-invalid")
        except ValueError:
            date_in.add_class("-invalid")
            return
        try:
            at = parse_time(time_in.value)
            time_in.remove_class("-invalid")
        except ValueError:
            time_in.add_class("-invalid")
            self._save(date=day)  # the date is good: keep it, the time waits
            return
        self._said_invalid = False
        fields: dict[str, object] = {"date": day}
        start = self.meeting.start
        if day is not None and at is not None:
            tz = start.tzinfo if start else dt.datetime.now().astimezone().tzinfo
            fields["start"] = dt.datetime.combine(day, at, tzinfo=tz)
        elif at is None:
            fields["start"] = None
        self._save(**fields)

    def _save_people(self, group: str) -> None:
        box = self.query_one(f"#details-{group}", Vertical)
        rows = list(box.query(PersonRow))
        people = [p for p in (person_from_fields(*r.fields()) for r in rows) if p is not None]
        self._save(**{group: people})
        if any(rows[-1].fields()):
            box.mount(PersonRow(group))

    def action_close(self) -> None:
        """Done; a date or time not understood is said first (escape again leaves it unsaved)."""
        bad = [
            (label, w.value)
            for label, w in (
                ("date", self.query_one("#details-date", Input)),
                ("time", self.query_one("#details-time", Input)),
            )
            if w.has_class("-invalid")
        ]
        if bad and not getattr(self, "_said_invalid", False):
            self._said_invalid = True
            what = "; ".join(f"{label} {value!r}" for label, value in bad)
            self.notify(
                f"Not saved: {what} not understood (YYYY-MM-DD, HH:MM). Correct it, or escape again to leave it.",
                severity="warning",
                timeout=6,
            )
            return
        self.dismiss(None)
