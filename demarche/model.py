"""The domain model: what an instruction asks for (`Plan`) and what happened (`Record`).

Plain dataclasses and enums, no I/O. `formats.py` turns them into TOML and
back; the UI and the report writers only call methods here.

A `Plan` is the checklist an instruction cable gives post: talking points,
non-paper items and contingency points (`Item`), with deadlines and the text
the officer needs to read. A `Record` is one meeting: a self-contained copy of
the plan as it was, plus what was delivered and how the host side answered.
"""

from __future__ import annotations

import datetime as dt
import reprlib
from dataclasses import dataclass, field, fields
from enum import StrEnum
from typing import TypeVar
from collections.abc import Callable

from .audience import covers
from .classification import Marking, UNCLASSIFIED, highest

_T = TypeVar("_T")


class ItemKind(StrEnum):
    """What an item of a plan is."""

    TALKING_POINT = "talking_point"
    NON_PAPER = "non_paper"
    CONTINGENCY = "contingency"

    @property
    def label(self) -> str:
        return {
            "talking_point": "talking point",
            "non_paper": "non-paper",
            "contingency": "contingency",
        }[self.value]


class Priority(StrEnum):
    """`HIGH` marks must-deliver items (the Watch List short list)."""

    NORMAL = "normal"
    HIGH = "high"


class LeaveBehind(StrEnum):
    """What the instruction says about leaving points in writing."""

    ALLOWED = "allowed"
    FORBIDDEN = "forbidden"
    UNSTATED = "unstated"


class Outcome(StrEnum):
    """What became of an item in the meeting."""

    PENDING = "pending"
    DELIVERED = "delivered"
    PARTIAL = "partial"
    SKIPPED = "skipped"
    DEFERRED = "deferred"

    @property
    def glyph(self) -> str:
        """One-character status mark for lists (ASCII so it survives any terminal)."""
        return _OUTCOME_GLYPHS[self]

    @property
    def done(self) -> bool:
        """Delivered fully or in part."""
        return self in (Outcome.DELIVERED, Outcome.PARTIAL)


_OUTCOME_GLYPHS = {
    Outcome.PENDING: " ",
    Outcome.DELIVERED: "+",
    Outcome.PARTIAL: "~",
    Outcome.SKIPPED: "-",
    Outcome.DEFERRED: ">",
}


class Stance(StrEnum):
    """The host side's reaction to an item."""

    RECEPTIVE = "receptive"
    NONCOMMITTAL = "noncommittal"
    OBJECTED = "objected"
    ASKED_FOR_INFORMATION = "asked_for_information"
    NO_RESPONSE = "no_response"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ")


class Quoting(StrEnum):
    """Whether a response is the speaker's exact words or the officer's summary."""

    PARAPHRASE = "paraphrase"
    VERBATIM = "verbatim"


class Side(StrEnum):
    """Who speaks in an exchange: the host side, or ours (a reply, a rejoinder)."""

    HOST = "host"
    US = "us"


class Stage(StrEnum):
    """Where a meeting record is in its life."""

    PREPARED = "prepared"
    IN_PROGRESS = "in_progress"
    FINISHED = "finished"
    REPORTED = "reported"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ")


class Owner(StrEnum):
    """Who owes a follow-up."""

    HOST = "host"
    US = "us"


class FollowUpStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


# ---------------------------------------------------------------------------
# How the classes below compare and print
# ---------------------------------------------------------------------------

#: Class -> (its fields that compare, its fields that print).
_FIELD_NAMES: dict[type, tuple[tuple[str, ...], tuple[str, ...]]] = {}


def _field_names(cls: type) -> tuple[tuple[str, ...], tuple[str, ...]]:
    names = _FIELD_NAMES.get(cls)
    if names is None:
        fs = fields(cls)
        names = _FIELD_NAMES[cls] = (
            tuple(f.name for f in fs if f.compare),
            tuple(f.name for f in fs if f.repr),
        )
    return names


class _ComparedByFields:
    """``==`` and ``repr`` exactly as ``@dataclass`` writes them, written once for all the classes here.

    ``@dataclass`` compiles an ``__eq__`` and a ``__repr__`` for each class
    (two of its three ``exec`` calls): for the classes of this module, some
    2 ms at every start of the app. They are declared
    ``@dataclass(eq=False, repr=False)`` and inherit these, which read the
    class's fields (their ``compare`` and ``repr`` flags) when called.
    Defining ``__eq__`` makes them unhashable, as ``@dataclass`` does.
    """

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        names = _field_names(type(self))[0]
        return tuple(getattr(self, n) for n in names) == tuple(getattr(other, n) for n in names)

    @reprlib.recursive_repr()
    def __repr__(self) -> str:
        shown = ", ".join(f"{n}={getattr(self, n)!r}" for n in _field_names(type(self))[1])
        return f"{type(self).__qualname__}({shown})"


# ---------------------------------------------------------------------------
# The plan
# ---------------------------------------------------------------------------


@dataclass(eq=False, repr=False)
class Instruction(_ComparedByFields):
    """Metadata of the instruction cable, as read from its header."""

    id: str
    """Origin and serial: ``STATE 97951``."""
    subject: str = ""
    """The subject's text, without the marking it may start with."""
    subject_marking: Marking | None = None
    """The subject line's own marking (``(S)``), when it carries one."""
    date: dt.date | None = None
    dtg: str = ""
    """Date-time group: ``212156Z SEP 09``."""
    from_: str = ""
    to: list[str] = field(default_factory=list)
    """Action addressees without routing indicators: ``AMEMBASSY MOSCOW``."""
    info: list[str] = field(default_factory=list)
    classification: Marking = UNCLASSIFIED
    captions: list[str] = field(default_factory=list)
    """Caption and handling lines: ``SENSITIVE``, ``SIPDIS``, ``NOFORN``."""
    eo: str = ""
    """The E.O. line as written: ``E.O. 12958: N/A``."""
    tags: list[str] = field(default_factory=list)
    refs: list[str] = field(default_factory=list)
    classified_by: str = ""
    signature: str = ""


@dataclass(eq=False, repr=False)
class Deadline(_ComparedByFields):
    """A date the instruction sets, with the sentence it came from."""

    what: str
    date: dt.date | None = None
    source: str = ""
    """The sentence of the cable that sets it."""
    paragraph: str = ""
    kind: str = "due"
    """``due`` (no later than) or ``embargo`` (no earlier than)."""


@dataclass(eq=False, repr=False)
class Task(_ComparedByFields):
    """A preparation task: request the meeting, prepare the leave-behind..."""

    id: str
    text: str
    done: bool = False


@dataclass(eq=False, repr=False)
class Item(_ComparedByFields):
    """One thing to convey: a talking point, a non-paper item or a contingency point."""

    id: str
    kind: ItemKind
    text: str
    section: str = ""
    subsection: str = ""
    audience: str = ""
    """Country or body a block is meant for, when the cable has several."""
    marking: Marking = UNCLASSIFIED
    priority: Priority = Priority.NORMAL
    post_note: str = ""
    """For post only: background that must never be handed over."""
    paragraph: str = ""
    """The instruction paragraph the item comes from, as the cable cites it."""
    leave_behind: bool | None = None
    """Whether it may be left in writing; None follows the plan's rule."""
    translation: str = ""
    """The officer's own translation into the plan's `language`, for the host-language non-paper."""
    label: str = ""
    """A short name for the point, a complete noun phrase (``the missile transfers``): how the
    reporting cable names it. Seeded by the importer, editable; empty: the cable names it by position."""

    @property
    def high(self) -> bool:
        return self.priority is Priority.HIGH

    def may_leave_behind(self, rule: LeaveBehind) -> bool:
        """Whether this item may go into a leave-behind under the plan's `rule`."""
        if rule is LeaveBehind.FORBIDDEN:
            return False
        if self.leave_behind is not None:
            return self.leave_behind
        if self.kind is ItemKind.NON_PAPER:
            return True
        if self.kind is ItemKind.CONTINGENCY:
            return False
        return rule is LeaveBehind.ALLOWED


@dataclass(eq=False, repr=False)
class Reference(_ComparedByFields):
    """A document the instruction quotes for reference (a draft resolution, a diplomatic note, a press statement).

    Not points to deliver: the officer reads it, and may hand it over only
    as the instruction says.
    """

    title: str
    text: str
    paragraph: str = ""
    """The instruction paragraph it is quoted in."""
    marking: Marking = UNCLASSIFIED


@dataclass(eq=False, repr=False)
class Brief(_ComparedByFields):
    """What the officer reads before the meeting."""

    action_request: str = ""
    objectives: str = ""
    background: str = ""
    leave_behind: LeaveBehind = LeaveBehind.UNSTATED
    """Whether points may be left as a non-paper."""
    references: list[Reference] = field(default_factory=list)
    """Documents quoted in the instruction, with their titles."""


@dataclass(eq=False, repr=False)
class Plan(_ComparedByFields):
    """The checklist an instruction cable asks post to deliver."""

    title: str
    instruction: Instruction
    brief: Brief = field(default_factory=Brief)
    deadlines: list[Deadline] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    language: str = ""
    """The host's language for item translations, a code like ``ru``; empty: none."""

    def item(self, item_id: str) -> Item:
        return _by_id(self, self.items, item_id, lambda it: it.id)

    def overall_marking(self) -> Marking:
        """The plan's classification: highest of the cable's and every item's."""
        return highest([self.instruction.classification, *(i.marking for i in self.items)])

    def leave_behind_items(self) -> list[Item]:
        """Items that may be handed over in writing, in plan order."""
        return [i for i in self.items if i.may_leave_behind(self.brief.leave_behind)]


# ---------------------------------------------------------------------------
# The meeting record
# ---------------------------------------------------------------------------


@dataclass(eq=False, repr=False)
class Person(_ComparedByFields):
    """A participant: an interlocutor of the host side or one of ours."""

    name: str
    title: str = ""
    organisation: str = ""
    short: str = ""
    """The name a cable uses after the first mention: ``Miqdad``, ``Shaykh Ahmad``."""

    def describe(self) -> str:
        """``Name, Title, Organisation`` with empty parts left out."""
        return ", ".join(p for p in (self.name, self.title, self.organisation) if p)

    @property
    def called(self) -> str:
        """How the record and the cable call them: the short name, else the surname."""
        return self.short or (self.name.split()[-1] if self.name.split() else self.name)


#: What typed as an interpreter's name means there was none.
_NO_INTERPRETER = frozenset({"none", "no", "nobody", "no one", "-", "--", "n/a", "na"})


@dataclass(eq=False, repr=False)
class Meeting(_ComparedByFields):
    """When, where and with whom."""

    date: dt.date | None = None
    start: dt.datetime | None = None
    end: dt.datetime | None = None
    place: str = ""
    interlocutors: list[Person] = field(default_factory=list)
    participants: list[Person] = field(default_factory=list)
    """Our side."""
    interpreter: str = ""
    written_up: bool = False
    """Written up afterwards from notes: no running clock; the date and times are as given, never now."""

    @property
    def day(self) -> dt.date | None:
        """The day of the meeting: its date, else the day it started; None when neither is set."""
        return self.date or (self.start.date() if self.start else None)

    @property
    def interpreter_name(self) -> str:
        """Who interpreted, as typed; empty when nobody did ("none", "no", "-", "n/a" name nobody).

        The details dialog asks for a "name (or none)", so those words mean no interpreter.
        """
        name = self.interpreter.strip()
        return "" if name.lower().rstrip(".") in _NO_INTERPRETER else name


@dataclass(eq=False, repr=False)
class Response(_ComparedByFields):
    """One exchange: who spoke (host side or ours), what they said, how, and the stance it shows.

    An item's `Entry.response` is the host side's first answer to the point;
    `Entry.exchanges` the rest of the conversation on it, in order. The same
    shape holds the statements the host side raised unprompted and other
    business. `key` marks the news of the meeting; `theme` groups it.
    """

    stance: Stance | None = None
    text: str = ""
    quoting: Quoting = Quoting.PARAPHRASE
    speaker: str = ""
    side: Side = Side.HOST
    key: bool = False
    theme: str = ""
    marking: Marking | None = None
    """How the officer marks what was said here; None: the record's floor (never the point's REL TO)."""

    @property
    def empty(self) -> bool:
        return (
            self.marking is None
            and self.stance is None
            and not self.text
            and not self.speaker
            and self.quoting is Quoting.PARAPHRASE
            and not self.key
            and not self.theme
            and self.side is Side.HOST
        )


#: An exchange of a conversation (the name used apart from an item's first answer).
Exchange = Response


@dataclass(eq=False, repr=False)
class Entry(_ComparedByFields):
    """One plan item as carried into a meeting: the copy plus what happened."""

    item: Item
    included: bool = True
    cue: str = ""
    """The officer's personal cue: never handed over, never reported."""
    outcome: Outcome = Outcome.PENDING
    outcome_at: dt.datetime | None = None
    response: Response = field(default_factory=Response)
    handed_over: bool = False
    """Non-paper item handed over in writing."""
    handed_over_at: dt.datetime | None = None
    reason: str = ""
    """Why the item was skipped, deferred or delivered only in part: reported to Washington."""
    exchanges: list[Exchange] = field(default_factory=list)
    """What was said on the point after the first answer, in order: rejoinders, our replies."""

    @property
    def conversation(self) -> list[Exchange]:
        """Every exchange on the point in order: the first answer (if any), then the rest."""
        return ([] if self.response.empty else [self.response]) + self.exchanges

    @property
    def id(self) -> str:
        return self.item.id

    @property
    def delivered(self) -> bool:
        """Delivered in full: said in full, or handed over in writing.

        A delivery in part is not delivered: the point still has to be made.
        """
        return self.outcome is Outcome.DELIVERED or self.handed_over

    @property
    def answered(self) -> bool:
        """The host side's answer to it is recorded (text, stance or speaker), or any exchange on it."""
        return not self.response.empty or bool(self.exchanges)


@dataclass(eq=False, repr=False)
class FollowUp(_ComparedByFields):
    """Something promised in the meeting: by the host side or by us."""

    id: str
    what: str
    owner: Owner = Owner.HOST
    due: dt.date | None = None
    status: FollowUpStatus = FollowUpStatus.OPEN
    item: str = ""
    """Id of the item it arose from, if any."""
    created_at: dt.datetime | None = None
    closed_at: dt.date | None = None
    close_note: str = ""

    @property
    def open(self) -> bool:
        return self.status is FollowUpStatus.OPEN


@dataclass(eq=False, repr=False)
class PlanSource(_ComparedByFields):
    """Where the record's plan came from, to tell when the plan changed since."""

    path: str = ""
    sha256: str = ""


@dataclass(eq=False, repr=False)
class Record(_ComparedByFields):
    """One meeting held on an instruction. Self-contained: a report needs nothing else."""

    title: str
    instruction: Instruction
    brief: Brief = field(default_factory=Brief)
    deadlines: list[Deadline] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    """Items in the order they are to be covered."""
    plan: PlanSource = field(default_factory=PlanSource)
    stage: Stage = Stage.PREPARED
    meeting: Meeting = field(default_factory=Meeting)
    follow_ups: list[FollowUp] = field(default_factory=list)
    notes: str = ""
    """The general note: in the meeting summary; in the cable too when `notes_for_cable`."""
    notes_for_cable: bool = False
    comment: str = ""
    """The officer's comment for the reporting cable."""
    statements: list[Exchange] = field(default_factory=list)
    """What the host side raised unprompted, apart from the points, in order."""
    other_business: list[Exchange] = field(default_factory=list)
    """Other subjects discussed, in order."""
    current: str = ""
    """Id of the item the officer was on, to resume there."""
    marking: Marking = UNCLASSIFIED
    """A floor the officer may raise for the meeting's own notes."""
    audience: str = ""
    """The audience this post serves in this meeting (``POLAND``); empty: every item is for it."""
    language: str = ""
    """The host's language for item translations, copied from the plan."""
    subject: str = ""
    """The reporting cable's subject as the officer wrote it (``(S) SYRIA: ...``); empty: drafted."""
    post: str = ""
    """The post reporting (``KUWAIT``), when the workspace settings do not say."""
    serial: str = ""
    """The reporting cable's serial once sent (``KUWAIT 88``): set by ``demarche sent``."""
    refs: list[str] = field(default_factory=list)
    """Earlier reports the cable cites after the instruction (``MOSCOW 1234``): the serials of the
    meetings a carried-forward meeting follows."""
    read_version: int = field(default=2, compare=False, repr=False)
    """The record format version the file was read in (1: upgraded in memory; written as 2)."""

    # -- building ---------------------------------------------------------

    @classmethod
    def from_plan(cls, plan: Plan, source: PlanSource | None = None, copy: bool = True) -> Record:
        """A fresh record for a meeting on `plan`, every item included, in plan order.

        The record gets its own copy of the plan's parts; `copy=False` hands
        them over instead, for a plan read from disk only to make this record.
        """
        import copy as copying

        p = copying.deepcopy(plan) if copy else plan
        return cls(
            title=p.title,
            instruction=p.instruction,
            brief=p.brief,
            deadlines=p.deadlines,
            tasks=p.tasks,
            entries=[Entry(item=i) for i in p.items],
            plan=source or PlanSource(),
            current=p.items[0].id if p.items else "",
            language=p.language,
        )

    def as_plan(self) -> Plan:
        """The plan as it was copied into this record (for leave-behinds and cards)."""
        return Plan(
            title=self.title,
            instruction=self.instruction,
            brief=self.brief,
            deadlines=self.deadlines,
            tasks=self.tasks,
            items=[e.item for e in self.entries],
            language=self.language,
        )

    def choose_audience(self, audience: str) -> None:
        """Keep on the agenda the items for `audience` and the general ones; leave the others off.

        The others stay in the record, not for this meeting (see `owes`).
        Items that were off the agenda only because of the audience before
        come back; the officer's own choices (left out, carried forward) stay.
        An empty audience puts every item of every audience back.
        """
        before = self.audience
        self.audience = audience.strip().upper()
        for e in self.entries:
            if not self.concerns(e.item):
                e.included = False
            elif not covers(e.item.audience, before):
                e.included = True
        agenda = self.agenda
        if self.current not in {e.id for e in agenda}:
            self.current = agenda[0].id if agenda else ""

    # -- queries ----------------------------------------------------------

    def concerns(self, item: Item) -> bool:
        """Whether `item` is meant for this meeting's audience (general items always are)."""
        return covers(item.audience, self.audience)

    def owes(self, entry: Entry) -> bool:
        """Whether the meeting owes this entry: it is on the agenda, or it is for this audience.

        The one rule for "not delivered": an item meant for another audience,
        left off the agenda, was never owed here, so it never counts as not
        delivered, skipped or left out.
        """
        return entry.included or self.concerns(entry.item)

    def entry(self, item_id: str) -> Entry:
        return _by_id(self, self.entries, item_id, lambda e: e.item.id)

    @property
    def agenda(self) -> list[Entry]:
        """Included entries in meeting order."""
        return [e for e in self.entries if e.included]

    def overall_marking(self) -> Marking:
        """The record's classification: highest of the cable, every item and the floor."""
        return highest(
            [self.instruction.classification, self.marking, *(e.item.marking for e in self.entries)]
        )

    @property
    def high_priority(self) -> list[Entry]:
        """Every high-priority entry this meeting owes (`owes`), on the agenda or not: the
        instruction asks for all of them, but never for another audience's."""
        return [e for e in self.entries if e.item.high and self.owes(e)]

    def high_priority_undelivered(self) -> list[Entry]:
        """High-priority entries not delivered in full (see `Entry.delivered`), in plan order.

        Entries left off the agenda count: leaving a must-deliver item out is
        exactly what the officer should be warned about.
        """
        return [e for e in self.high_priority if not e.delivered]

    def progress(self) -> dict[str, tuple[int, int]]:
        """Talking points delivered (fully or in part) out of included; high-priority items
        delivered (`Entry.delivered`) out of all of them (`high_priority`); agenda items
        marked out of included.

        One pass over the entries (`progress_bits` of each); the Meeting screen
        keeps the same counts up to date one entry at a time (`ProgressTally`).
        """
        counts = [0] * len(_PROGRESS_BITS)
        for e in self.entries:
            bits = self.progress_bits(e)
            if bits:
                for k, bit in enumerate(_PROGRESS_BITS):
                    if bits & bit:
                        counts[k] += 1
        return _progress_dict(counts)

    def progress_bits(self, e: Entry) -> int:
        """What one entry adds to `progress`, as a set of `_PROGRESS_BITS` (the one home of the rule)."""
        item = e.item
        bits = 0
        if e.included:
            bits |= _INCLUDED
            if e.outcome is not Outcome.PENDING:
                bits |= _MARKED
            if item.kind is ItemKind.TALKING_POINT:
                bits |= _TP_ALL
                if e.outcome.done:
                    bits |= _TP_DONE
        if item.high and self.owes(e):
            bits |= _HIGH_ALL
            if e.delivered:
                bits |= _HIGH_DONE
        return bits

    def answered_undelivered(self) -> list[Entry]:
        """Included items with an answer recorded though they were never delivered, even in part.

        Almost always an answer typed on the wrong point; Wrap-up and the
        draft flag them so the officer moves the words before reporting.
        """
        return [e for e in self.agenda if e.answered and not e.outcome.done]

    def people(self) -> list[Person]:
        """Everyone in the meeting: the host side's interlocutors, then ours."""
        return [*self.meeting.interlocutors, *self.meeting.participants]

    def themes(self) -> list[str]:
        """Themes to give an exchange: the instruction's sections and headings, in plan order."""
        out: list[str] = []
        for e in self.entries:
            for t in (e.item.section, e.item.subsection):
                if t and t not in out:
                    out.append(t)
        return out

    def key_exchanges(self) -> list[tuple[str, Exchange]]:
        """The exchanges marked key (the news of the meeting), with the item id (or ``statement``, ``other``)."""
        out = [(e.id, x) for e in self.entries for x in e.conversation if x.key]
        out += [("statement", x) for x in self.statements if x.key]
        out += [("other", x) for x in self.other_business if x.key]
        return out

    def open_follow_ups(self) -> list[FollowUp]:
        return [f for f in self.follow_ups if f.open]

    def next_follow_up_id(self) -> str:
        n = 1
        taken = {f.id for f in self.follow_ups}
        while f"f{n}" in taken:
            n += 1
        return f"f{n}"

    # -- changes ----------------------------------------------------------

    def set_outcome(self, item_id: str, outcome: Outcome, at: dt.datetime | None) -> None:
        """Mark an item; it stays the current one (what is typed next is about it)."""
        e = self.entry(item_id)
        e.outcome = outcome
        e.outcome_at = at if outcome is not Outcome.PENDING else None
        self.current = item_id
        if outcome is not Outcome.PENDING:
            self.note_activity(at)

    def hand_over(self, item_id: str, handed: bool, at: dt.datetime | None) -> Entry:
        """Record a non-paper item handed over in writing (or not); only non-paper items can be."""
        e = self.entry(item_id)
        if e.item.kind is not ItemKind.NON_PAPER:
            raise ValueError(
                f"{item_id} is a {e.item.kind.label}: only non-paper items are handed over"
            )
        e.handed_over = handed
        e.handed_over_at = at if handed else None
        return e

    def hand_over_non_paper(self, at: dt.datetime | None, host: str = "") -> list[Entry]:
        """Hand over the whole non-paper: every included non-paper item not yet handed over
        that may be handed to the government of `host` (`classification.release_refusal`)."""
        from .classification import release_refusal

        done = [
            e
            for e in self.agenda
            if e.item.kind is ItemKind.NON_PAPER
            and not e.handed_over
            and not release_refusal(e.item.marking, host)
        ]
        for e in done:
            self.hand_over(e.id, True, at)
        return done

    def note_activity(self, at: dt.datetime | None) -> None:
        """Anything recorded about what was said or delivered means the meeting is under way.

        The one home of "any change starts the meeting". A start time typed
        while preparing is kept (it is when the meeting began, as planned);
        only a meeting with no start time takes `at`.
        """
        if self.stage is Stage.PREPARED:
            self.start(at, as_planned=True)

    def start(self, at: dt.datetime | None, as_planned: bool = False) -> None:
        """Begin the meeting at `at`, or at the time planned in Prepare (idempotent once under way).

        `as_planned` keeps a start time typed while preparing (and its
        date); without one, or without `as_planned`, the meeting starts at `at`.
        `at` is None when writing up from notes: the times are as given.
        """
        m = self.meeting
        if self.stage is Stage.PREPARED:
            if at is not None and not (as_planned and m.start is not None):
                m.start = at
                m.date = at.date()
            elif m.date is None and m.start is not None:
                m.date = m.start.date()
            self.stage = Stage.IN_PROGRESS
            return
        if m.start is None and at is not None:
            m.start = at
        if m.date is None:
            m.date = (
                m.start.date() if m.start is not None else (at.date() if at is not None else None)
            )

    def finish(self, at: dt.datetime | None) -> None:
        """End the meeting: no more delivery, the record is ready for the report."""
        self.start(at, as_planned=True)
        if self.meeting.end is None and at is not None and self._could_end_at(at):
            self.meeting.end = at
        if self.stage in (Stage.PREPARED, Stage.IN_PROGRESS):
            self.stage = Stage.FINISHED

    def _could_end_at(self, at: dt.datetime) -> bool:
        """Whether finishing at `at` is when the meeting ended: the day it began, not before it.

        A meeting held as planned on an earlier day and written up later
        did not end now ("2010-03-01 10:30-22:03"): its end stays unknown
        until the details say it.
        """
        start = self.meeting.start
        if start is None:
            return True
        if start.tzinfo is not None and at.tzinfo is not None:
            at = at.astimezone(start.tzinfo)
        elif (start.tzinfo is None) != (at.tzinfo is None):
            return at.date() == start.date()
        return at.date() == start.date() and at >= start

    def add_follow_up(
        self, what: str, owner: Owner, due: dt.date | None, at: dt.datetime | None, item: str = ""
    ) -> FollowUp:
        fu = FollowUp(
            id=self.next_follow_up_id(), what=what, owner=owner, due=due, item=item, created_at=at
        )
        self.follow_ups.append(fu)
        return fu

    def close_follow_up(self, fu_id: str, on: dt.date, note: str = "") -> FollowUp:
        for f in self.follow_ups:
            if f.id == fu_id:
                f.status = FollowUpStatus.CLOSED
                f.closed_at = on
                f.close_note = note
                return f
        raise KeyError(fu_id)


_TP_DONE, _TP_ALL, _HIGH_DONE, _HIGH_ALL, _MARKED, _INCLUDED = (1 << k for k in range(6))
#: `Record.progress_bits`, in the order `_progress_dict` reads the counts.
_PROGRESS_BITS = (_TP_DONE, _TP_ALL, _HIGH_DONE, _HIGH_ALL, _MARKED, _INCLUDED)


def _progress_dict(c: list[int]) -> dict[str, tuple[int, int]]:
    return {"talking_points": (c[0], c[1]), "high": (c[2], c[3]), "all": (c[4], c[5])}


class ProgressTally:
    """`Record.progress` of an open record, kept up to date one entry at a time.

    The Meeting screen shows the counts after every key; on a plan of
    100,000 items a pass over all of them per key is what made the screen
    fall seconds behind the keys. The tally counts every entry once, then
    `update(entry)` after a change to that entry costs one entry. After a
    change that may touch any entry (undo, the agenda chosen, the audience)
    the owner calls `recount`. The rule itself is `Record.progress_bits`.
    """

    def __init__(self, record: Record) -> None:
        self.record = record
        self._bits: dict[int, int] = {}
        """Each entry's bits, by the entry object's identity (ids may repeat in a hand-edited record)."""
        self._counts = [0] * len(_PROGRESS_BITS)
        self.recount()

    def recount(self) -> None:
        """Count every entry again."""
        self._bits = {}
        self._counts = [0] * len(_PROGRESS_BITS)
        for e in self.record.entries:
            self._add(e)

    def _add(self, e: Entry) -> None:
        bits = self.record.progress_bits(e)
        self._bits[id(e)] = bits
        self._shift(bits, 1)

    def _shift(self, bits: int, by: int) -> None:
        if bits:
            for k, bit in enumerate(_PROGRESS_BITS):
                if bits & bit:
                    self._counts[k] += by

    def update(self, entry: Entry) -> None:
        """`entry` changed: its part of the counts follows (one entry's work)."""
        old = self._bits.get(id(entry))
        if old is None:
            self.recount()  # not an entry we counted: the list itself changed
            return
        self._shift(old, -1)
        self._add(entry)

    def progress(self) -> dict[str, tuple[int, int]]:
        """The counts, as `Record.progress` gives them."""
        return _progress_dict(self._counts)


def _by_id(owner: object, items: list[_T], item_id: str, id_of: Callable[[_T], str]) -> _T:
    """The first of `items` whose id is `item_id`, found through an index kept on `owner`.

    A plan of 100 000 items is looked up item by item (``followup carry``, a
    session's every change): a scan per lookup would be quadratic. The index
    is checked on each hit and rebuilt when the list has changed, so it can
    never return a stale element.
    """
    cache: tuple[list[_T], dict[str, int]] | None = owner.__dict__.get("_id_index")
    if cache is not None and cache[0] is items:
        n = cache[1].get(item_id)
        if n is not None and n < len(items) and id_of(items[n]) == item_id:
            return items[n]
    index: dict[str, int] = {}
    for n, it in enumerate(items):
        index.setdefault(id_of(it), n)
    owner.__dict__["_id_index"] = (items, index)
    if item_id in index:
        return items[index[item_id]]
    raise KeyError(item_id)
