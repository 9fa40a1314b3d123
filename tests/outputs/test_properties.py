"""Properties over generated plans and records: nothing for post reaches a leave-behind,
and no output is marked below the highest marking of what it carries."""

from __future__ import annotations

import datetime as dt
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from demarche.classification import Level, Marking, highest, parse_marking
from demarche.store.settings import PostConfig
from demarche.errors import DemarcheError
from demarche.model import (
    Brief,
    Instruction,
    Item,
    ItemKind,
    LeaveBehind,
    Outcome,
    Person,
    Plan,
    Priority,
    Record,
    Response,
    Stage,
    Stance,
)
from demarche.outputs.meeting_card import meeting_card
from demarche.outputs.leave_behind import draft_non_paper
from demarche.outputs.reporting_cable import draft_reporting_cable
from demarche.outputs.meeting_summary import post_meeting_summary, summary_markdown

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Item words use letters a-m only; secrets are tokens no item text can contain.
words = st.text("abcdefghijklm", min_size=1, max_size=8)
texts = st.lists(words, min_size=1, max_size=12).map(" ".join)
secret = st.integers(0, 10**9).map(lambda n: f"QZSECRET{n}X")
markings = st.sampled_from(
    ["U", "SBU", "C", "C//REL RUSSIA", "S", "S//NF", "S//REL RUSSIA, UK", "TS"]
).map(parse_marking)


@st.composite
def items(draw, n: int) -> Item:
    return Item(
        id=f"i{n}",
        kind=draw(st.sampled_from(list(ItemKind))),
        text=draw(texts) + (f" [{draw(secret)}]" if draw(st.booleans()) else ""),
        section=draw(st.sampled_from(["", "Section one", "Section two"])),
        marking=draw(markings),
        priority=draw(st.sampled_from(list(Priority))),
        post_note=draw(secret),
        paragraph=draw(st.sampled_from(["", "8", "9"])),
        leave_behind=draw(st.sampled_from([None, True, False])),
    )


@st.composite
def plans(draw) -> Plan:
    n = draw(st.integers(1, 8))
    return Plan(
        title="Generated",
        instruction=Instruction(
            id="STATE 1",
            subject="RUSSIA: TEST",
            to=["AMEMBASSY MOSCOW"],
            tags=["PREL", "RS"],
            classification=draw(markings),
        ),
        brief=Brief(leave_behind=draw(st.sampled_from(list(LeaveBehind)))),
        items=[draw(items(i)) for i in range(n)],
    )


@st.composite
def records(draw) -> Record:
    r = Record.from_plan(draw(plans()))
    r.marking = draw(markings)
    r.meeting.date = dt.date(2009, 10, 2)
    r.meeting.interlocutors = [Person("Aleksey Petrov", "Director", "MFA")]
    for e in r.entries:
        e.included = draw(st.booleans()) or e is r.entries[0]
        e.cue = draw(secret)
        e.outcome = draw(st.sampled_from(list(Outcome)))
        e.handed_over = draw(st.booleans())
        if draw(st.booleans()):
            e.response = Response(
                draw(st.sampled_from([None, *Stance])), draw(texts), speaker="Petrov"
            )
    return r


def _secrets(doc) -> list[str]:
    out = re.findall(r"QZSECRET\d+X", repr(doc))
    return out


def _cable_level(text: str) -> Level:
    first = re.sub(r"\s", "", text.splitlines()[0])
    for word, level in (("TOPSECRET", Level.TS), ("SECRET", Level.S), ("CONFIDENTIAL", Level.C)):
        if first.startswith(word):
            return level
    return Level.SBU if "\nSENSITIVE\n" in text else Level.U


@SETTINGS
@given(st.one_of(plans(), records()), st.sampled_from(["text", "markdown"]))
def test_no_post_note_or_cue_reaches_a_non_paper(doc, fmt):
    try:
        text = draft_non_paper(doc, fmt)
    except DemarcheError:
        return
    assert "QZSECRET" not in text
    assert not re.search(r"\bpara(graph)?\s+\d", text, re.I)
    for m in ("(U)", "(SBU)", "(C)", "(S)", "SIPDIS", "NOFORN"):
        assert m not in text


@SETTINGS
@given(st.one_of(plans(), records()))
def test_non_paper_refuses_forbidden_and_unreleasable(doc):
    try:
        text = draft_non_paper(doc)
    except DemarcheError:
        return
    assert doc.brief.leave_behind is not LeaveBehind.FORBIDDEN
    agenda = doc.agenda if isinstance(doc, Record) else None
    its = [e.item for e in agenda] if agenda is not None else doc.items
    left = [i for i in its if i.may_leave_behind(doc.brief.leave_behind)]
    top = highest([i.marking for i in left])
    if top.level >= Level.C:
        # Classified content may only be left when releasable, and then the paper says so.
        assert text.splitlines()[0] == top.banner and not top.noforn


@SETTINGS
@given(records())
def test_cable_never_below_its_content(record):
    """The cable is as high as what it reports: the floor and every point it delivers or names.

    Points meant for another audience, or never reached contingency points,
    are not reported, so they do not raise it; a point's REL TO belongs to
    the point (see ``test_report_properties`` for NOFORN).
    """
    record.stage = Stage.FINISHED
    text = draft_reporting_cable([record], PostConfig(signature="X"), today=dt.date(2009, 10, 2))
    assert "QZSECRET" not in text  # cues and notes for post are never reported
    reported = [
        e.item
        for e in record.entries
        if record.owes(e)
        and (
            e.item.kind is not ItemKind.CONTINGENCY
            or (e.included and (e.outcome.done or e.handed_over))
        )
    ]
    content = highest(
        [
            Marking(m.level, noforn=m.noforn)
            for m in (record.marking, *(i.marking for i in reported))
        ]
    )
    assert _cable_level(text) >= content.level
    if content.noforn:
        assert "\nNOFORN\n" in text
    # Every paragraph marking is at or below the cable's level, and covers the record's floor.
    for m in re.finditer(r"^\d+\. \(([^)]+)\)", text, re.M):
        mk = parse_marking(m.group(1))
        assert mk.level <= _cable_level(text)
        assert mk.level >= record.marking.level


@SETTINGS
@given(st.one_of(plans(), records()), st.sampled_from(["text", "markdown"]))
def test_card_and_summary_carry_the_highest_marking(doc, fmt):
    expected = doc.overall_marking().banner
    card = meeting_card(doc, fmt)
    assert (
        card.splitlines()[0].strip("*") == expected
        and card.rstrip().splitlines()[-1].strip("*") == expected
    )
    if isinstance(doc, Record):
        md = summary_markdown(post_meeting_summary(doc, dt.date(2009, 10, 2)))
        assert md.splitlines()[0].strip("*") == expected


def test_unreleasable_classified_item_refused():
    plan = Plan(
        "T",
        Instruction(id="STATE 1"),
        items=[Item("a", ItemKind.NON_PAPER, "x", marking=Marking(Level.S))],
    )
    try:
        draft_non_paper(plan)
    except DemarcheError as exc:
        assert "not releasable" in str(exc) and "a" in str(exc)
    else:
        raise AssertionError("classified non-paper item without REL TO was left behind")
