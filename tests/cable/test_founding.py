"""The importer reproduces the founding plan (made by hand) from 09STATE97951.

Differences from plans/russia-tip-tier2-2009.toml, named here on purpose:
- the title is the SUBJECT line (the founding title is sentence-cased by hand);
- objectives are empty (the cable has no objectives paragraph; the founding
  plan's were written by hand); background numbers paragraphs by position
  (5., 6., 7.) and also keeps para 10; tasks and each deadline's `what` are
  worded by the importer;
- the importer warns that the copy's paragraph numbers are out of sequence.
Items (ids, kinds, text, sections, subsections, priorities, markings,
paragraphs) and instruction metadata are identical.
"""

from __future__ import annotations

import datetime as dt

from demarche.cable import read_cable_file
from demarche.store.storage import load_plan

from ..conftest import CABLES, FOUNDING_PLAN

ITEM_FIELDS = (
    "id",
    "kind",
    "text",
    "section",
    "subsection",
    "audience",
    "marking",
    "priority",
    "post_note",
    "paragraph",
)
META_FIELDS = (
    "id",
    "subject",
    "date",
    "dtg",
    "from_",
    "to",
    "info",
    "classification",
    "captions",
    "eo",
    "tags",
    "refs",
    "classified_by",
    "signature",
)

result = read_cable_file(CABLES / "instructions" / "09STATE97951.txt")
imported = result.plan
founding = load_plan(FOUNDING_PLAN)


def test_items_are_the_founding_plans_items():
    assert len(imported.items) == len(founding.items) == 24
    for got, want in zip(imported.items, founding.items):
        for f in ITEM_FIELDS:
            assert getattr(got, f) == getattr(want, f), (want.id, f)


def test_instruction_metadata_is_the_same():
    for f in META_FIELDS:
        assert getattr(imported.instruction, f) == getattr(founding.instruction, f), f


def test_leave_behind_and_dated_deadlines_match():
    assert imported.brief.leave_behind is founding.brief.leave_behind
    assert sorted((d.date, d.kind, d.paragraph) for d in imported.deadlines) == sorted(
        (d.date, d.kind, d.paragraph) for d in founding.deadlines
    )
    nov = next(d for d in imported.deadlines if d.date == dt.date(2009, 11, 15))
    assert "no later than November 15, 2009" in nov.source


def test_known_differences_are_only_in_the_brief_wording():
    assert imported.brief.action_request == founding.brief.action_request
    assert (
        imported.title == "RUSSIA: TIP TIER 2 WATCH LIST ACTION PLAN (2009-2010)" != founding.title
    )
    assert imported.brief.objectives == "" != founding.brief.objectives
    assert imported.brief.background.startswith("5. In preparation for the interim assessment")
    assert founding.brief.background.startswith("15. In preparation for the interim assessment")
    assert [d.what for d in imported.deadlines] != [d.what for d in founding.deadlines]
    assert result.warnings == [
        "paragraph numbers in this copy are out of sequence (1, 2, 3, 4, 15, 16, 17, 18, 19, 10); using their positions 1-10"
    ]


def test_clean_up_of_the_scraped_copy():
    np10 = imported.item("np-10").text
    assert "Foreign Affairs's budget" in np10  # `Affairs,s` in the copy
    assert "STATE 00097951" not in " ".join(i.text for i in imported.items)
    assert imported.item("tp-1").text.startswith(
        "The Obama Administration views the fight against human trafficking, both"
    )
