"""Every corpus instruction imports with the right metadata, counts and talking points in order."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

import pytest

from demarche.cable import read_cable_file
from demarche.model import ItemKind

from ..conftest import CABLES
from .expected import EXPECTED

INSTRUCTIONS = CABLES / "instructions"


@pytest.fixture(scope="module")
def imported():
    return {name: read_cable_file(INSTRUCTIONS / name) for name in EXPECTED}


def test_corpus_is_covered():
    assert sorted(p.name for p in INSTRUCTIONS.glob("*.txt")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_metadata(imported, name):
    exp = EXPECTED[name]
    ins = imported[name].plan.instruction
    assert ins.id == exp["id"]
    assert ins.date == dt.date.fromisoformat(exp["date"])
    assert ins.classification.short == exp["classification"]
    assert ins.tags == exp["tags"]
    assert ins.subject == exp["subject"]
    assert ins.refs == exp["refs"]
    assert ins.captions == exp["captions"]
    assert ins.signature == exp["signature"]
    assert ins.from_ == "SECSTATE WASHDC"
    assert ins.to and all("/" not in a and not re.search(r"\b(PRIORITY|IMMEDIATE)\b|\d{4}$", a) for a in ins.to + ins.info)
    assert re.match(r"\d{6}Z [A-Z]{3} \d{2}$", ins.dtg)
    assert ins.eo.upper().replace(".", "").startswith("EO 12958")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_counts_and_talking_points_in_order(imported, name):
    exp = EXPECTED[name]
    items = imported[name].plan.items
    assert dict(Counter(i.kind.value for i in items)) == exp["counts"]
    tps = [i for i in items if i.kind is ItemKind.TALKING_POINT]
    assert [" ".join(i.text.split()[:4]) for i in tps] == exp["points"]
    cps = [" ".join(i.text.split()[:3]) for i in items if i.kind is ItemKind.CONTINGENCY]
    assert cps == exp["contingency"]
    assert imported[name].plan.brief.leave_behind.value == exp["leave_behind"]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_ids_are_numbered_per_kind_in_cable_order(imported, name):
    items = imported[name].plan.items
    for kind, prefix in ((ItemKind.TALKING_POINT, "tp"), (ItemKind.NON_PAPER, "np"), (ItemKind.CONTINGENCY, "cp")):
        assert [i.id for i in items if i.kind is kind] == [f"{prefix}-{n}" for n in range(1, 1 + sum(i.kind is kind for i in items))]


_JUNK = re.compile(
    r"^(?:\(?(?:begin|end)\b|quote$|unquote|[A-Z]+ \d{5,} +\d{3} OF \d{3}|[-=]{3,}$|talking points:?$|points:?$)",
    re.I,
)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_no_item_is_a_heading_marker_or_page_break(imported, name):
    for it in imported[name].plan.items:
        assert not _JUNK.search(it.text), (it.id, it.text[:60])
        assert not re.search(r"\b[A-Z]+ 0\d{4,} +\d{3} OF \d{3}\b", it.text), (it.id, "page-break line in text")
        assert "](#)" not in it.text
        assert len(it.text) > 20
        letters = [c for c in it.text if c.isalpha()]
        assert sum(c.isupper() for c in letters) < 0.8 * len(letters), (it.id, "looks like a heading")
        assert it.paragraph.isdigit()
        assert not re.search(r"[\u2018\u2019\u201c\u201d]", it.text)
        assert not re.search(r"[a-z],s\b", it.text)


def test_audiences_markings_and_sections():
    plan = read_cable_file(INSTRUCTIONS / "09STATE96550.txt").plan
    by_aud = Counter(i.audience for i in plan.items)
    assert by_aud == {"": 7, "USNATO AND EMBASSIES IN NATO CAPITALS": 19, "RUSSIA": 11, "JAPAN": 12, "GULF COOPERATION COUNCIL STATES": 2}
    assert plan.item("tp-25").marking.short == "C//REL RUSSIA"
    assert plan.item("cp-1").section == "FINANCING (if raised)"
    assert plan.item("cp-2").text.startswith("If pressed:")
    tp3 = plan.item("tp-3").text
    assert "\n-- First, the threat" in tp3 and "\n-- Second, our missile" in tp3
    assert "than we previously expected." in tp3  # joined across the page break
    assert "2011 -- about six" in plan.item("tp-4").text  # ')' for a lost dash
    assert [d.kind for d in plan.deadlines] == ["embargo"] and plan.deadlines[0].date == dt.date(2009, 9, 17)

    nato = read_cable_file(INSTRUCTIONS / "09STATE127892.txt").plan
    assert Counter(i.audience for i in nato.items) == {"RIGA, TALLINN, AND VILNIUS": 6, "WARSAW": 8, "": 13, "ALL ACTION POSTS": 2}
    assert nato.item("cp-1").text.startswith("Q: Why wait") and "\nA: NATO Headquarters" in nato.item("cp-1").text
    assert nato.item("cp-3").paragraph == "4" and nato.item("cp-3").marking.short == "U"
    assert nato.item("tp-15").marking.short == "S//REL NATO"
    assert nato.item("tp-18").text.startswith("Public discussion of the plan")

    yemen = read_cable_file(INSTRUCTIONS / "09STATE72112.txt").plan
    assert yemen.item("tp-3").marking.short == "S//REL USA, YEM" and yemen.item("tp-1").marking.short == "S//REL ROYG"
    assert "XXXXXXXXXXXX" in yemen.item("tp-6").text  # redactions stay visible

    syria = read_cable_file(INSTRUCTIONS / "10STATE17894.txt").plan
    assert syria.item("tp-17").audience == "Turkey"
    assert "(Begin releasable text.) We would like" in syria.item("tp-10").text
    assert [(d.kind, d.date) for d in syria.deadlines] == [("due", dt.date(2010, 3, 3))]

    china = read_cable_file(INSTRUCTIONS / "10STATE9939.txt").plan
    assert {i.marking.short for i in china.items} == {"S//REL CHINA"}


def test_candidate_paragraphs_when_no_points(tmp_path):
    from demarche.cable import import_cable

    text = (INSTRUCTIONS / "09STATE72112.txt").read_text()
    text = text.split("9. (S/REL ROYG)")[0] + "CLINTON\n"
    r = import_cable(text, "cut.txt")
    assert any("candidate" in w for w in r.warnings)
    assert [i.paragraph for i in r.plan.items] == [str(n) for n in range(1, 9)]
