"""Confidentiality over the whole corpus: what is for post stays with post, nothing is marked low.

Every instruction cable in tests/data/cables/instructions/ is imported as an
officer would (`read_cable_file`), then hypothesis builds meeting records on
it: notes for post, personal cues and bracketed notes inside item texts (each
a distinctive marker string), outcomes, hand-overs, items left off the
agenda, the instruction's leave-behind rule and per-item overrides, and a
floor marking for the meeting's notes. On each record:

- the non-paper for RUSSIA (text and Markdown) holds no note for post, no cue
  and no bracketed note, and no item that may not be handed to RUSSIA
  (NOFORN, REL TO others); when it carries a classified item it opens and closes with
  a banner that covers every item it carries (found by a tag in their text);
- the reporting-cable draft holds no note for post and no cue, and the
  marking it prints (classification line plus NOFORN caption) covers the
  instruction, the floor and every item of the record;
- the meeting card (text and Markdown) and the post-meeting summary
  (Markdown) open with a banner covering the same.

tests/outputs/test_properties.py checks similar rules on small synthetic
plans; this suite runs them on the real cables' items, sections and markings.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from demarche.cable import read_cable_file
from demarche.classification import Level, Marking, highest, may_hand_to, parse_marking
from demarche.store.settings import PostConfig
from demarche.errors import DemarcheError
from demarche.model import LeaveBehind, Outcome, Person, Plan, Record, Response, Stage, Stance
from demarche.outputs.meeting_card import meeting_card
from demarche.outputs.leave_behind import draft_non_paper
from demarche.outputs.reporting_cable import draft_reporting_cable
from demarche.outputs.meeting_summary import post_meeting_summary, summary_markdown

from ..conftest import CABLES

CORPUS = sorted((CABLES / "instructions").glob("*.txt"))
TODAY = dt.date(2009, 10, 2)
TZ = dt.timezone(dt.timedelta(hours=3))
SETTINGS = settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Markers: tokens no cable contains, so finding one in an output is a leak.
NOTE, CUE, BRACKET, TAG = "QZNOTE", "QZCUE", "QZBRACKET", "ZQITEM"
LEAK = re.compile(rf"{NOTE}|{CUE}|{BRACKET}", re.I)

markings = st.sampled_from(["U", "SBU", "C", "C//REL RUSSIA", "S", "S//NF", "S//REL NATO"]).map(
    parse_marking
)


@cache
def corpus_plan(path: Path) -> Plan:
    return read_cable_file(path).plan


def test_the_corpus_is_all_there():
    """Every cable its hand label gives points (or objectives) to imports with items."""
    assert len(CORPUS) >= 9
    for path in CORPUS:
        label = json.loads((CABLES / "truth" / f"{path.stem}.json").read_text(encoding="utf-8"))
        if label["point_blocks"] or label.get("optional_items"):
            assert corpus_plan(path).items, path.name


@st.composite
def records_on(draw, path: Path) -> Record:
    """A meeting on the cable at `path`, with notes for post and cues on its items."""
    plan = copy.deepcopy(corpus_plan(path))
    plan.brief.leave_behind = draw(st.sampled_from(list(LeaveBehind)))
    for n, item in enumerate(plan.items):
        # A tag tells which items an output carries; a bracketed note must be dropped from a leave-behind.
        item.text = f"{item.text} {TAG}{n}X"
        if draw(st.integers(0, 3)) == 0:
            item.text = f"{item.text} [{BRACKET}{n}X for post only]"
        if draw(st.booleans()):
            item.post_note = f"{NOTE}{n}X background for post"
        item.leave_behind = draw(st.sampled_from([None, None, True, False]))
    r = Record.from_plan(plan)
    r.marking = draw(markings)
    r.meeting.date = TODAY
    r.meeting.interlocutors = [Person("Aleksey Petrov", "Director", "MFA")]
    at = dt.datetime(2009, 10, 2, 10, tzinfo=TZ)
    for n, e in enumerate(r.entries):
        e.included = n == 0 or draw(st.integers(0, 5)) > 0
        if draw(st.booleans()):
            e.cue = f"{CUE}{n}X stress this one"
        outcome = draw(st.sampled_from(list(Outcome)))
        if outcome is not Outcome.PENDING:
            r.set_outcome(e.id, outcome, at)
        e.handed_over = draw(st.booleans())
        if draw(st.integers(0, 2)) == 0:
            e.response = Response(
                draw(st.sampled_from([None, *Stance])), "They will study it.", speaker="Petrov"
            )
    return r


def carried(text: str, record: Record) -> list[Marking]:
    """Markings of the record's items whose tag appears in `text`."""
    shown = set(re.findall(rf"{TAG}(\d+)X", text))
    return [
        e.item.marking
        for e in record.entries
        if re.search(rf"{TAG}(\d+)X", e.item.text).group(1) in shown
    ]


def content(record: Record) -> Marking:
    """The highest marking of everything a record holds: cable, floor and every item."""
    return highest(
        [
            record.instruction.classification,
            record.marking,
            *(e.item.marking for e in record.entries),
        ]
    )


def reported(record: Record) -> Marking:
    """What a reporting cable on `record` carries: the floor and every point it delivers or names.

    Levels and NOFORN only: a point's REL TO belongs to the point, not to the
    report of the answer (issue 14); points for another audience, and
    contingency points never used, are not in the cable.
    """
    parts = [record.marking] + [
        e.item.marking
        for e in record.entries
        if record.owes(e)
        and (
            e.item.kind.value != "contingency" or (e.included and (e.outcome.done or e.handed_over))
        )
    ]
    return highest([Marking(m.level, noforn=m.noforn) for m in parts])


def cable_marking(text: str) -> Marking:
    """The marking a reporting-cable draft prints: its classification line and captions."""
    lines = text.splitlines()
    first = re.sub(r"\s", "", lines[0])
    level = Level.U
    for word, lv in (("TOPSECRET", Level.TS), ("SECRET", Level.S), ("CONFIDENTIAL", Level.C)):
        if first.startswith(word):
            level = lv
            break
    header = lines[: next((k for k, ln in enumerate(lines) if ln.startswith("E.O.")), len(lines))]
    if level is Level.U and "SENSITIVE" in header:
        level = Level.SBU
    rel = next((ln for ln in header if ln.startswith("REL TO ")), "")
    return parse_marking(
        "//".join([level.name, *(["NF"] if "NOFORN" in header else []), *([rel] if rel else [])])
    )


def banner_of(line: str) -> Marking:
    return parse_marking(line.strip().strip("*"))


@pytest.mark.parametrize("path", CORPUS, ids=[p.stem for p in CORPUS])
@SETTINGS
@given(data=st.data())
def test_nothing_for_post_leaves_and_nothing_is_marked_low(path, data):
    record = data.draw(records_on(path))
    whole = content(record)

    for fmt in ("text", "markdown"):
        try:
            paper = draft_non_paper(record, fmt, host="RUSSIA")
        except DemarcheError:
            continue  # refused: forbidden, nothing to leave, or an item not to be handed to RUSSIA
        assert not LEAK.search(paper), LEAK.search(paper).group(0)
        held = carried(paper, record)
        assert held, "a non-paper that carries no item"
        assert all(may_hand_to(m, "RUSSIA") for m in held), [m.short for m in held]
        top = highest(held)
        lines = paper.rstrip().splitlines()
        if top.level >= Level.C:
            assert banner_of(lines[0]).covers(top) and banner_of(lines[-1]).covers(top), (
                lines[0],
                top,
            )
            # It is handed to a foreign government: it must say to whom it may be released.
            assert banner_of(lines[0]).rel_to and not banner_of(lines[0]).noforn, lines[0]
        assert "SIPDIS" not in paper and "NOFORN" not in paper

    held = copy.deepcopy(record)
    if held.stage is Stage.PREPARED:
        held.stage = Stage.FINISHED  # a meeting never held is refused, not drafted
    draft = draft_reporting_cable([held], PostConfig(signature="BEYRLE", post="POST"), today=TODAY)
    assert not re.search(rf"{NOTE}|{CUE}", draft, re.I), (
        "a note for post or a cue in the reporting cable"
    )
    printed = cable_marking(draft)
    assert printed.covers(reported(record)), (draft.splitlines()[:4], reported(record))
    assert printed.noforn == reported(record).noforn  # never NOFORN from parts that hold none
    for m in re.finditer(r"^\d+\. \(([^)]+)\)", draft, re.M):
        assert printed.covers(parse_marking(m.group(1))), m.group(0)

    for fmt in ("text", "markdown"):
        card = meeting_card(record, fmt).rstrip().splitlines()
        assert banner_of(card[0]).covers(whole) and banner_of(card[-1]).covers(whole), (
            card[0],
            whole,
        )
    summary = summary_markdown(post_meeting_summary(record, TODAY)).splitlines()
    assert banner_of(summary[0]).covers(whole), (summary[0], whole)


def _truth_blocks(stem: str) -> list[dict]:
    label = json.loads((CABLES / "truth" / f"{stem}.json").read_text(encoding="utf-8"))
    return label["point_blocks"]


def _starts_in(text: str, start: str) -> bool:
    """Whether an item beginning with `start` (a hand label's first words) is in `text`."""
    words = re.sub(r"[^a-z0-9]+", " ", start.lower()).split()[:8]
    flat = " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())
    return " ".join(words) in flat


@pytest.mark.parametrize("source", ["plan", "record for every audience"])
def test_a_non_paper_never_carries_points_meant_for_another_audience(source):
    """STATE 96550 has general points and blocks for NATO, Russia, Japan and the GCC states.

    A non-paper for Japan carries the general points and Japan's, never the
    Gulf states' (unclassified, so no REL TO stops them): the hand label
    says which block each point is in and who it is for.
    """
    plan = copy.deepcopy(corpus_plan(CABLES / "instructions" / "09STATE96550.txt"))
    doc: Plan | Record = plan if source == "plan" else Record.from_plan(plan)
    paper = draft_non_paper(doc, "text", host="JAPAN", omit_restricted=True)
    for block in _truth_blocks("09STATE96550"):
        audience = block["audience"] or ""
        for item in block["items"]:
            if item.get("contingent"):
                continue
            meant_for_japan = not audience or audience == "JAPAN"
            if not meant_for_japan:
                assert not _starts_in(paper, item["start"]), (audience, item["start"])
    gcc = next(b for b in _truth_blocks("09STATE96550") if "GULF" in (b["audience"] or ""))
    general = next(b for b in _truth_blocks("09STATE96550") if not b["audience"])
    assert gcc["items"] and general["items"]
    assert _starts_in(paper, general["items"][0]["start"])
    japan = next(b for b in _truth_blocks("09STATE96550") if b["audience"] == "JAPAN")
    for item in japan["items"]:
        if not item.get("contingent"):
            assert _starts_in(paper, item["start"]), item["start"]  # Japan's own points are its
