"""The founding plan (STATE 97951, Russia, TIP Tier 2 Watch List) says what the cable says."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from demarche.model import ItemKind, LeaveBehind, Priority
from demarche.store.storage import load_plan
from demarche.store.workspace import bundled_plan_path

from ..conftest import FOUNDING_PLAN

plan = load_plan(FOUNDING_PLAN)


def test_bundled_copy_is_identical():
    assert bundled_plan_path().read_bytes() == FOUNDING_PLAN.read_bytes()


def test_instruction_metadata():
    ins = plan.instruction
    assert ins.id == "STATE 97951"
    assert ins.date == dt.date(2009, 9, 21)
    assert ins.dtg == "212156Z SEP 09"
    assert ins.from_ == "SECSTATE WASHDC"
    assert ins.to == ["AMEMBASSY MOSCOW"]
    assert ins.info == ["AMCONSUL ST PETERSBURG", "AMCONSUL VLADIVOSTOK", "AMCONSUL YEKATERINBURG"]
    assert ins.classification.short == "SBU"
    assert ins.captions == ["SENSITIVE", "SIPDIS"]
    assert ins.tags == ["KCRM", "KWMN", "PHUM", "PREL", "SMIG", "KTIP", "RS"]
    assert ins.subject == "RUSSIA: TIP TIER 2 WATCH LIST ACTION PLAN (2009-2010)"
    assert ins.refs == [
        "2008 STATE 132759",
        "2007 STATE 150188",
        "2009 STATE 005577",
        "2009 STATE 62182",
    ]
    assert ins.signature == "CLINTON"
    assert plan.brief.action_request.startswith(
        "Begin action request: Drawing from points in para 8"
    )


def test_items_counts_sections_and_priorities():
    kinds = Counter(i.kind for i in plan.items)
    assert kinds == {ItemKind.TALKING_POINT: 7, ItemKind.NON_PAPER: 17}
    tps = [i for i in plan.items if i.kind is ItemKind.TALKING_POINT]
    assert [i.id for i in tps] == [f"tp-{n}" for n in range(1, 8)]
    assert all(i.paragraph == "8" and i.marking.short == "U" for i in tps)
    assert tps[0].text.startswith(
        "The Obama Administration views the fight against human trafficking"
    )
    assert tps[-1].text.startswith("In addition to current efforts by the Russian Federation")
    nps = [i for i in plan.items if i.kind is ItemKind.NON_PAPER]
    short_term = [i for i in nps if i.section.startswith("1A")]
    assert len(short_term) == 5
    assert all(i.priority is Priority.HIGH for i in short_term)
    assert all(i.priority is Priority.NORMAL for i in nps if not i.section.startswith("1A"))
    subs = Counter(i.subsection for i in nps if i.section.startswith("1B"))
    assert subs == {"Prosecution": 3, "Protection": 4, "Prevention": 5}
    assert all(i.paragraph == "9" and i.marking.short == "SBU" for i in nps)
    assert plan.overall_marking().short == "SBU"


def test_leave_behind_is_the_non_paper_only():
    assert plan.brief.leave_behind is LeaveBehind.UNSTATED
    assert [i.kind for i in plan.leave_behind_items()] == [ItemKind.NON_PAPER] * 17


def test_deadlines():
    dates = {d.date for d in plan.deadlines}
    assert dt.date(2009, 11, 15) in dates
    assert any(d.date and (d.date.year, d.date.month) == (2010, 2) for d in plan.deadlines)
    assert all(d.source for d in plan.deadlines)


def test_no_scrape_artifacts_left():
    text = FOUNDING_PLAN.read_text()
    assert "](#)" not in text
    assert not re.search(r"STATE 0+97951 \d+ OF \d+", text)
    assert ",s " not in text
    assert "government's increasing effort" in plan.item("np-3").text
    # A sentence the scrape split across a blank line is whole again.
    assert "Public awareness campaigns should articulate that victims" in plan.item("np-14").text
    for item in plan.items:
        assert item.text == item.text.strip()
        assert "  " not in item.text
        assert not item.text.startswith("-")
