"""What a workspace listing reads of a record: its checked summary (`RecordDigest`).

``demarche status``, ``demarche search`` and the Home screen look at every
record of a workspace, but only at a few of its facts: the plan it came
from, the stage, the day and interlocutors, per item whether it was owed and
delivered, the open follow-ups and the texts search looks in. A digest holds
exactly those, taken from a `Record` that `formats.record_from_dict` has
checked, so it is as trustworthy as the record itself.

Digests are what the record cache (`record_cache`) keeps between runs,
keyed by the file's size and modification time: an unchanged record is
never parsed or checked again, and a digest is a tenth of the record. As
JSON, digests are read back strictly (`from_json`): one that does not have
the expected shape is a cache miss and the file is read again.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from ..classification import Marking, parse_marking
from ..model import Deadline, FollowUp, FollowUpStatus, Outcome, Owner, Person, Record, Stage

#: A searchable field: (where, field, text), as `lookup.Hit` names them.
Field = tuple[str, str, str]


class EntryDigest(NamedTuple):
    """One item of a record as the follow-through sees it (a tuple: thousands are read at once)."""

    id: str
    outcome: Outcome
    handed_over: bool
    owed: bool
    """`Record.owes`: on the agenda, or meant for this meeting's audience."""

    @property
    def delivered(self) -> bool:
        """Delivered in full, the rule of `Entry.delivered`."""
        return self.outcome is Outcome.DELIVERED or self.handed_over


@dataclass
class RecordDigest:
    """The facts of one record that workspace-wide listings need (see the module docstring)."""

    plan_path: str
    instruction_id: str
    title: str
    stage: Stage
    day: dt.date | None
    interlocutors: list[Person]
    marking: Marking
    """`Record.overall_marking`."""
    agenda_done: int
    """Agenda items delivered, fully or in part."""
    agenda_total: int
    marked: tuple[int, int, int, int] = (0, 0, 0, 0)
    """`Record.progress`: agenda items marked, of all on it; high-priority delivered, of all owed."""
    deadlines: list[Deadline] = field(default_factory=list)
    """The record's copy of the dated deadlines (what, date, kind): the Home screen's next due."""
    entries: list[EntryDigest] = field(default_factory=list)
    open_follow_ups: list[FollowUp] = field(default_factory=list)
    texts: list[Field] = field(default_factory=list)
    """The record's non-empty searchable fields in document order: per item its copy's ``text`` and
    ``post_note`` (search leaves out those equal to the plan's), response, speaker and cue;
    then follow-ups, notes and comment."""
    brief: list[Field] = field(default_factory=list)
    """The record's copy of the brief, tasks and deadlines, searched when its plan is not in the workspace."""
    serial: str = ""
    """The sent reporting cable's serial (``MOSCOW 2345``), once ``demarche sent`` set it."""

    @classmethod
    def of(cls, r: Record) -> RecordDigest:
        agenda = r.agenda
        progress = r.progress()
        texts: list[Field] = []
        for e in r.entries:
            texts += [
                (e.id, "text", e.item.text),
                (e.id, "post_note", e.item.post_note),
                (e.id, "response", e.response.text),
                (e.id, "speaker", e.response.speaker),
                (e.id, "cue", e.cue),
                (e.id, "reason", e.reason),
            ]
            texts += [(e.id, "exchange", x.text) for x in e.exchanges]
        for f in r.follow_ups:
            texts += [(f.id, "what", f.what), (f.id, "close_note", f.close_note)]
        texts += [("statements", "statement", x.text) for x in r.statements]
        texts += [("other business", "other business", x.text) for x in r.other_business]
        texts += [("notes", "notes", r.notes), ("comment", "comment", r.comment)]
        brief: list[Field] = [
            ("brief", "action_request", r.brief.action_request),
            ("brief", "objectives", r.brief.objectives),
            ("brief", "background", r.brief.background),
            *((t.id, "task", t.text) for t in r.tasks),
            *((f"deadline {n}", "deadline", d.what) for n, d in enumerate(r.deadlines, 1)),
        ]
        return cls(
            plan_path=r.plan.path,
            instruction_id=r.instruction.id,
            title=r.title,
            stage=r.stage,
            day=r.meeting.day,
            interlocutors=list(r.meeting.interlocutors),
            marking=r.overall_marking(),
            agenda_done=sum(e.outcome.done for e in agenda),
            agenda_total=len(agenda),
            marked=(*progress["all"], *progress["high"]),
            deadlines=[Deadline(d.what, d.date, kind=d.kind) for d in r.deadlines if d.date],
            entries=[
                EntryDigest(
                    e.id,
                    e.outcome,
                    e.handed_over,
                    r.owes(e),
                )
                for e in r.entries
            ],
            open_follow_ups=r.open_follow_ups(),
            texts=[t for t in texts if t[2]],
            brief=[b for b in brief if b[2]],
            serial=r.serial,
        )

    def progress(self) -> dict[str, tuple[int, int]]:
        """As `Record.progress` says it: ``all`` marked of the agenda, ``high`` delivered of owed."""
        a, b, c, d = self.marked
        return {"all": (a, b), "high": (c, d)}

    # -- as JSON, for the record cache ------------------------------------

    def to_json(self) -> dict[str, Any]:
        return {
            "plan": self.plan_path,
            "instruction": self.instruction_id,
            "title": self.title,
            "stage": self.stage.value,
            "day": _iso(self.day),
            "people": [[p.name, p.title, p.organisation, p.short] for p in self.interlocutors],
            "marking": self.marking.short,
            "agenda": [self.agenda_done, self.agenda_total],
            "marked": list(self.marked),
            "deadlines": [[d.what, _iso(d.date), d.kind] for d in self.deadlines],
            # By column: thousands of entries read back in one pass each (`from_json`).
            "entries": {
                "id": [e.id for e in self.entries],
                "outcome": [e.outcome.value for e in self.entries],
                "handed_over": [e.handed_over for e in self.entries],
                "owed": [e.owed for e in self.entries],
            },
            "follow_ups": [
                [
                    f.id,
                    f.what,
                    f.owner.value,
                    _iso(f.due),
                    f.item,
                    _iso(f.created_at),
                    f.close_note,
                    _iso(f.closed_at),  # an open one may keep the date it was last closed
                ]
                for f in self.open_follow_ups
            ],
            "texts": self.texts,
            "brief": self.brief,
            "serial": self.serial,
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> RecordDigest:
        """The digest `to_json` wrote; ValueError, TypeError or KeyError on anything else."""
        done, total = (_int(n) for n in d["agenda"])
        return cls(
            plan_path=_str(d["plan"]),
            instruction_id=_str(d["instruction"]),
            title=_str(d["title"]),
            stage=_STAGES[d["stage"]],
            day=_day(d["day"]),
            interlocutors=[Person(*(_str(x) for x in person[:4])) for person in d["people"]],
            marking=_marking(_str(d["marking"])),
            agenda_done=done,
            agenda_total=total,
            marked=_marked(d["marked"]),
            deadlines=[Deadline(_str(w), _day(on), kind=_str(k)) for w, on, k in d["deadlines"]],
            entries=_entries(d["entries"]),
            open_follow_ups=[
                FollowUp(
                    _str(i),
                    _str(what),
                    Owner(owner),
                    _day(due),
                    FollowUpStatus.OPEN,
                    _str(item),
                    _moment(created),
                    _day(closed),
                    _str(note),
                )
                for i, what, owner, due, item, created, note, closed in d["follow_ups"]
            ],
            texts=_fields(d["texts"]),
            brief=_fields(d["brief"]),
            serial=_str(d["serial"]),
        )


_OUTCOMES = {o.value: o for o in Outcome}
_STAGES = {s.value: s for s in Stage}
_MARKINGS: dict[str, Marking] = {}


def _marking(short: str) -> Marking:
    """`parse_marking`, once per distinct marking (a workspace has a handful)."""
    m = _MARKINGS.get(short)
    if m is None:
        m = _MARKINGS[short] = parse_marking(short)
    return m


#: An `EntryDigest` made from a 4-tuple by C code alone (`_make` is Python: 120,000 calls warm).
_entry = functools.partial(tuple.__new__, EntryDigest)


def _entries(columns: dict[str, list[Any]]) -> list[EntryDigest]:
    ids = columns["id"]
    handed, owed = columns["handed_over"], columns["owed"]
    outcomes = list(map(_OUTCOMES.__getitem__, columns["outcome"]))
    if not set(map(type, ids)) <= {str} or not set(map(type, (*handed, *owed))) <= {bool}:
        raise TypeError("entries of the wrong type")
    return list(map(_entry, zip(ids, outcomes, handed, owed, strict=True)))


def _marked(v: Any) -> tuple[int, int, int, int]:
    a, b, c, d = (_int(n) for n in v)
    return a, b, c, d


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def _str(v: Any) -> str:
    if not isinstance(v, str):
        raise TypeError("expected text")
    return v


def _int(v: Any) -> int:
    if isinstance(v, bool) or not isinstance(v, int):
        raise TypeError("expected a number")
    return v


def _day(v: Any) -> dt.date | None:
    return None if v is None else dt.date.fromisoformat(_str(v))


def _moment(v: Any) -> dt.datetime | None:
    return None if v is None else dt.datetime.fromisoformat(_str(v))


def _fields(rows: Any) -> list[Field]:
    """Rows of three texts; the record cache resolves them from its table of strings, all checked."""
    out = list(map(tuple, rows))  # the cache's rows are tuples already: kept, not copied
    if not set(map(len, out)) <= {3}:
        raise ValueError("a searchable field is not three texts")
    return out
