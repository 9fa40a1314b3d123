"""The meeting card is one printable page: every item in order, high ones marked, cues, people, deadlines."""

from __future__ import annotations

import datetime as dt

from demarche.model import LeaveBehind
from demarche.outputs.meeting_card import meeting_card

from .founding import CUE, POST_NOTE, founding_record

PAGE_LINES = 60
PAGE_COLUMNS = 80


def _card(fmt="text", record=None):
    return meeting_card(record or founding_record(), fmt, today=dt.date(2009, 10, 1))


def test_the_founding_meeting_fits_one_page():
    for fmt in ("text", "markdown"):
        lines = _card(fmt).splitlines()
        assert len(lines) <= PAGE_LINES, (fmt, len(lines))
        assert max(len(ln) for ln in lines) <= PAGE_COLUMNS


def test_every_item_in_meeting_order_with_its_high_mark():
    record = founding_record()
    lines = _card(record=record).splitlines()
    item_lines = [ln for ln in lines if ln[:3].strip().rstrip(".").isdigit()]
    assert [ln.split()[3 if ln.split()[2] == "!" else 2] for ln in item_lines] == [
        e.id for e in record.agenda
    ]
    high = {e.id for e in record.agenda if e.item.high}
    assert {ln.split()[3] for ln in item_lines if ln.split()[2] == "!"} == high


def test_cues_people_deadlines_and_the_request_are_on_it():
    record = founding_record()
    card = _card(record=record)
    assert CUE in card and POST_NOTE in card
    for p in record.meeting.interlocutors:
        assert p.name in card
    for d in record.deadlines:
        assert d.date.isoformat() in card
    ask = [ln for ln in card.splitlines() if ln.startswith("Ask: ")]
    assert len(ask) == 1 and "para 8" in ask[0]


def test_what_to_leave_behind_is_said_in_words():
    record = founding_record()
    for rule in LeaveBehind:
        record.brief.leave_behind = rule
        [line] = [ln for ln in _card(record=record).splitlines() if ln.startswith("Leave behind: ")]
        assert rule.value not in line
    record.brief.leave_behind = LeaveBehind.FORBIDDEN
    assert "nothing in writing" in _card(record=record)


def test_what_to_leave_is_what_may_go_to_the_host_country():
    """Items released to China only (S//REL CHINA) may be left with China, with no one unknown."""
    from pathlib import Path

    from demarche.store.storage import load_plan

    plan = load_plan(
        Path(__file__).resolve().parents[2]
        / "plans"
        / "alerting-china-to-possible-missile-related-export-to-iran-2010.toml"
    )
    [known] = [ln for ln in meeting_card(plan, host="China").splitlines() if "Leave behind" in ln]
    [unknown] = [ln for ln in meeting_card(plan).splitlines() if "Leave behind" in ln]
    assert known.startswith("Leave behind: non-paper of "), known
    assert unknown.startswith("Leave behind: nothing"), unknown


def test_each_item_shows_its_first_words_however_long_its_marking():
    """STATE 17894's points are all S//REL FRANCE, BRITAIN, TURKEY, SAUDI ARABIA, JORDAN, QATAR.

    A card that spends the line on the marking tells the officer nothing: each
    item still shows the first words of its text (the hand label's `start`),
    and every line fits the page.
    """
    import json
    import re

    from demarche.cable import read_cable_file
    from demarche.model import Record

    from ..conftest import CABLES

    plan = read_cable_file(CABLES / "instructions" / "10STATE17894.txt").plan
    label = json.loads((CABLES / "truth" / "10STATE17894.json").read_text(encoding="utf-8"))
    starts = [i["start"] for b in label["point_blocks"] for i in b["items"]]
    card = meeting_card(Record.from_plan(plan), today=dt.date(2010, 3, 1))
    assert max(len(ln) for ln in card.splitlines()) <= PAGE_COLUMNS
    flat = " ".join(card.split())
    for start in starts:
        first = " ".join(re.sub(r"[\u2018\u2019]", "'", start).split()[:3])
        assert first in flat, first
