"""The reporting-cable draft: golden file for the founding plan, merging meetings, classification, layout."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from demarche.classification import Level, parse_marking
from demarche.store.settings import PostConfig
from demarche.errors import DemarcheError
from demarche.model import Record, Stage
from demarche.outputs.layout_check import check_cable_layout
from demarche.outputs.reporting_cable import COMMENT_PLACEHOLDER, draft_reporting_cable

from .founding import CUE, POST_NOTE, founding_record, second_record

GOLDEN = Path(__file__).parent / "golden"
CONFIG = PostConfig(signature="Beyrle", passing_line="DEPT FOR G/TIP, EUR/RUS")
OCT2 = dt.date(2009, 10, 2)


def _golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text)
    assert text == path.read_text(), (
        f"draft differs from {path}; rerun with UPDATE_GOLDEN=1 after reading the diff"
    )


def test_founding_draft_matches_golden_file():
    _golden("founding-oct2.txt", draft_reporting_cable([founding_record()], CONFIG, today=OCT2))


def test_two_meetings_make_one_cable_golden():
    text = draft_reporting_cable(
        [second_record(), founding_record()], CONFIG, today=dt.date(2009, 10, 9)
    )
    _golden("founding-two-meetings.txt", text)
    flat = " ".join(text.split())
    # One delivery paragraph per meeting under a heading that tells the meetings apart.
    assert (
        "Head of Division Ivanova, October 9" in text
        and "MFA Deputy Director Petrov, October 2" in text
    )
    assert flat.count("PolOff delivered") == 2 + 1  # two delivery paragraphs and the Summary's line
    assert "in two meetings, to Ivanova (October 9) and Petrov (October 2)" in flat
    assert "Between" not in flat
    # The point deferred at the MFA was delivered at Interior: not listed as undelivered.
    assert "deferred" not in text
    # Each promise once, credited to whoever made it.
    f = flat[flat.index("Follow-up:") :]
    assert f.count("share the draft referral rules") == 1 and "Ivanova promised to share" in f
    assert flat.count("send the MFA the Implementation Guidelines") == 1


def test_draft_shape_and_content():
    text = draft_reporting_cable([founding_record()], CONFIG, today=OCT2)
    lines = text.splitlines()
    assert lines[0] == "UNCLAS MOSCOW 00XXXX"
    assert lines[2:5] == ["SENSITIVE", "SIPDIS", "DEPT FOR G/TIP, EUR/RUS"]
    assert "E.O. 13526: N/A" in lines
    assert "TAGS: KCRM KWMN PHUM PREL SMIG KTIP RS" in lines
    assert "REF: STATE 97951" in lines
    assert lines[-1] == "BEYRLE"
    flat = " ".join(text.split())
    # The Summary leads with what the host said, by title and name, and has no stance tally.
    assert "1. (SBU) Summary: MFA Deputy Director Petrov said Russia had done more" in flat
    assert "objected to one point" not in flat and "on two points" not in flat
    assert (
        "PolOff delivered reftel points and left the para 9 recommendations as a non-paper. End Summary."
        in flat
    )
    assert (
        "SUBJECT: RUSSIA: MFA'S PETROV PUSHES BACK ON RUSSIA'S TIER 2 WATCH LIST PLACEMENT" in flat
    )
    assert (
        'Volkova was noncommittal on a central repository for trafficking data: "We do not have one office'
        in flat
    )
    assert (
        "Petrov objected to Russia's Tier 2 Watch List placement, saying Russia had done more"
        in flat
    )
    assert (
        "Volkova promised to provide updated statistics on Article 127 prosecutions by October 30."
        in flat
    )
    assert (
        "Reftel deadlines" not in flat and "November 15 (reftel" not in flat
    )  # the Department knows its dates
    assert "End Comment." in flat
    assert CUE not in text and POST_NOTE not in text
    assert check_cable_layout(text, max_width=60, require_summary=True) == []
    assert max(len(ln) for ln in lines) <= 60 and text.isascii()


def test_missing_comment_is_a_marked_placeholder_the_checker_reports():
    r = founding_record()
    r.comment = ""
    text = draft_reporting_cable([r], CONFIG, today=OCT2)
    assert "Comment: " + COMMENT_PLACEHOLDER.split()[0] in " ".join(text.split())
    assert [p for p in check_cable_layout(text, 60) if "placeholder" in p]


def test_classified_content_raises_the_whole_cable():
    r = founding_record()
    r.entry("np-3").item.marking = parse_marking("C")
    text = draft_reporting_cable(
        [r], PostConfig(classified_by="DCM Eric Rubin", signature="Beyrle"), today=OCT2
    )
    lines = text.splitlines()
    assert lines[0] == "C O N F I D E N T I A L MOSCOW 00XXXX"
    assert "E.O. 13526: DECL: 10/02/2019" in lines
    assert any(
        ln.startswith("SUBJECT: (C) RUSSIA:") for ln in lines
    )  # never below the cable unmarked
    assert "Classified By: DCM Eric Rubin; Reasons 1.4 (b) and (d)." in text
    # The paragraph carrying np-3's answer is marked (C); the summary speaks for all: (C).
    para = next(p for p in text.split("\n\n") if "central repository" in p)
    assert "(C)" in para.split("\n")[0]
    assert text.split("\n\n")[
        [i for i, p in enumerate(text.split("\n\n")) if "Summary:" in p][0]
    ].startswith("1. (C)")
    assert check_cable_layout(text, 60, require_summary=True) == []


def test_records_of_different_plans_refused():
    other = founding_record()
    other.instruction.id = "STATE 17307"
    with pytest.raises(DemarcheError, match="one cable reports on one instruction"):
        draft_reporting_cable([founding_record(), other], CONFIG)


def test_undelivered_points_named_with_high_priority():
    r = founding_record()
    r.entry("np-2").handed_over = False
    r.entry("np-2").outcome = r.entry("np-2").outcome.__class__("skipped")
    text = " ".join(draft_reporting_cable([r], CONFIG, today=OCT2).split())
    assert "PolOff did not raise more trafficking prosecutions." in text
    assert "PolOff deferred" not in text  # np-8 was handed over, so it counts as delivered


def test_one_paragraph_alone_is_not_numbered():
    from demarche.outputs.reporting_cable import Para, _render
    from demarche.outputs.reporting_context import Context
    from demarche.classification import Marking

    r: Record = founding_record()
    ctx = Context([r], CONFIG, OCT2, "reftel")
    text = _render(
        ctx,
        "MOSCOW",
        Marking(Level.SBU),
        Marking(),
        "X",
        [Para(Marking(Level.SBU), "Summary: x. End Summary.")],
    )
    assert "\n(SBU) Summary: x. End Summary.\n" in text
    assert r.stage is Stage.FINISHED


def test_reasons_for_points_not_delivered_are_reported():
    from demarche.model import Outcome

    r = founding_record()
    deferred = r.entry("tp-7")
    deferred.outcome, deferred.handed_over = Outcome.DEFERRED, False
    deferred.reason = "the Deputy Director was called away"
    part = r.entry("tp-2")
    part.outcome = Outcome.PARTIAL
    part.reason = "the interlocutor cut it short"
    text = " ".join(draft_reporting_cable([r], CONFIG, today=OCT2).split())
    assert (
        "PolOff deferred further steps against trafficking (the Deputy Director was called away) to a later meeting."
        in text
    )
    assert (
        "PolOff raised the annual TIP report (the interlocutor cut it short) and labor trafficking prosecutions only in part."
        in text
    )
    assert "delivered six of the seven reftel para 8 points" in text
    assert check_cable_layout(draft_reporting_cable([r], CONFIG, today=OCT2)) == []


@pytest.mark.parametrize("given", [None, "RUSSIA: MFA PROMISES STATISTICS"])
def test_an_unmarked_subject_of_a_secret_noforn_cable_is_marked_secret_noforn(given):
    # DOMAIN.md: a classified subject line carries a marking, never below what it
    # says; with no marking of its own it says what the cable says.
    r = founding_record()
    # The officer's floor for what was said (issue 14: the cable is marked from what it
    # carries, not from the instruction's banner).
    r.marking = parse_marking("S//NF")
    text = draft_reporting_cable(
        [r],
        PostConfig(classified_by="DCM Eric Rubin", signature="Beyrle"),
        today=OCT2,
        subject=given,
    )
    subject = next(ln for ln in text.splitlines() if ln.startswith("SUBJECT: "))
    assert subject.startswith("SUBJECT: (S//NF) RUSSIA:"), subject


def test_a_subject_marked_by_the_officer_keeps_its_marking():
    r = founding_record()
    r.marking = parse_marking("C")
    text = draft_reporting_cable(
        [r], CONFIG, today=OCT2, subject="(U) RUSSIA: MFA PROMISES STATISTICS"
    )
    assert "SUBJECT: (U) RUSSIA: MFA PROMISES STATISTICS" in text.splitlines()


@pytest.mark.parametrize("typed", ["none", "None", " no ", "-", "n/a"])
def test_an_interpreter_typed_as_none_is_no_interpreter(typed):
    """The details dialog asks for the interpreter's "name (or none)": "none" names nobody."""
    record = founding_record()
    record.meeting.interpreter = typed
    draft = draft_reporting_cable([record], CONFIG, today=OCT2)
    assert "interpreted" not in draft
    record.meeting.interpreter = "A. Petrova"
    draft = " ".join(draft_reporting_cable([record], CONFIG, today=OCT2).split())
    assert "A. Petrova interpreted." in draft


def test_a_label_that_opens_with_the_reads_mid_sentence_in_lower_case():
    """STATE 96550's points seed labels from their opening words ("The threat from Iran's ...").

    Named inside a sentence ("The meeting did not reach ...") an article is
    lower case, as in any English sentence.
    """
    import re

    from demarche.cable import read_cable_file
    from demarche.model import Outcome, Person

    from ..conftest import CABLES

    plan = read_cable_file(CABLES / "instructions" / "09STATE96550.txt").plan
    labelled = [i for i in plan.items if i.label.startswith(("The ", "A ", "An "))]
    assert labelled
    record = Record.from_plan(plan)
    record.choose_audience("JAPAN")
    record.meeting.date = OCT2
    record.meeting.interlocutors = [Person("Taro Tanaka", "Director", "MOFA")]
    # Every point delivered but two, one of them a "The ..." label: both are named, not counted.
    on_agenda = {e.id for e in record.agenda}
    item = next(i for i in labelled if i.id in on_agenda)
    other = next(e.id for e in record.agenda if e.id != item.id)
    for e in record.agenda:
        if e.id not in (item.id, other):
            record.set_outcome(e.id, Outcome.DELIVERED, None)
    draft = " ".join(draft_reporting_cable([record], PostConfig(post="TOKYO"), today=OCT2).split())
    opening, rest = item.label.split(" ", 1)
    assert f"{opening.lower()} {rest}" in draft  # named, in lower case
    assert not re.search(r"[a-z,] (?:The|A|An) ", draft), re.findall(
        r".{30}[a-z,] The .{20}", draft
    )


def test_many_points_not_reached_are_counted_naming_those_of_high_priority():
    """A reporting officer writes "the remaining 17 items", not seventeen labels; the high ones stay named."""
    from demarche.model import Outcome
    from demarche.outputs.reporting_cable import MAX_NAMED
    from demarche.outputs.reporting_context import Context, label_of

    r = founding_record()
    for e in r.entries:
        e.outcome, e.handed_over = Outcome.PENDING, False
    for tp in ("tp-1", "tp-2", "tp-3", "tp-4", "tp-5", "tp-6", "tp-7"):
        r.entry(tp).outcome = Outcome.DELIVERED
    text = " ".join(draft_reporting_cable([r], CONFIG, today=OCT2).split())
    ctx = Context([r], CONFIG, OCT2, "reftel")
    pending = [e.item for e in r.entries if e.outcome is Outcome.PENDING]
    assert len(pending) > MAX_NAMED
    sentence = text[text.index("The meeting did not reach") :].split(".")[0]
    assert sentence.startswith(
        f"The meeting did not reach the remaining {len(pending)} non-paper items, among them"
    )
    for item in pending:
        assert (label_of(item, ctx) in sentence) == item.high, item.id


def test_a_few_points_not_raised_are_each_named_and_many_without_note_counted():
    from demarche.model import Outcome
    from demarche.outputs.reporting_context import Context, label_of

    r = founding_record()
    for e in r.entries:
        e.outcome, e.handed_over = Outcome.DELIVERED, False
    few = ["tp-3", "tp-4"]
    for tp in few:
        r.entry(tp).outcome = Outcome.SKIPPED
    text = " ".join(draft_reporting_cable([r], CONFIG, today=OCT2).split())
    ctx = Context([r], CONFIG, OCT2, "reftel")
    labels = [label_of(r.entry(i).item, ctx) for i in few]
    assert f"did not raise {labels[0]} and {labels[1]}." in text
    many = [e for e in r.entries if e.item.kind.value == "non_paper" and not e.item.high]
    for e in many:
        e.outcome = Outcome.SKIPPED
    for tp in few:
        r.entry(tp).outcome = Outcome.DELIVERED
    text = " ".join(draft_reporting_cable([r], CONFIG, today=OCT2).split())
    assert f"did not raise {len(many)} non-paper items." in text


def test_the_summary_never_reads_as_if_every_point_was_made():
    from demarche.model import ItemKind, Outcome

    r = founding_record()
    points = [e for e in r.entries if e.item.kind is ItemKind.TALKING_POINT]
    for e in points[1:]:
        e.outcome = Outcome.PENDING
    text = " ".join(draft_reporting_cable([r], CONFIG, today=OCT2).split())
    summary = text[text.index("Summary:") : text.index("End Summary.")]
    assert "delivered reftel points" not in summary
    assert (
        f"delivered one of the {('seven' if len(points) == 7 else len(points))} reftel" in summary
    )
    for e in points:
        e.outcome = Outcome.DELIVERED
    text = " ".join(draft_reporting_cable([r], CONFIG, today=OCT2).split())
    summary = text[text.index("Summary:") : text.index("End Summary.")]
    assert "delivered reftel points" in summary


def test_points_not_reached_are_the_remaining_ones_only_after_some_were_made():
    from demarche.model import Outcome

    r = founding_record()
    for e in r.entries:
        e.outcome, e.handed_over = Outcome.PENDING, False
        e.response.text, e.response.exchanges = "", []
    text = " ".join(draft_reporting_cable([r], CONFIG, today=OCT2).split())
    assert f"The meeting did not reach {len(r.entries)} items, among them" in text
    assert "the remaining" not in text


def test_a_report_keeps_its_country_tag_and_drops_every_other_country_named_in_the_instruction():
    """STATE 103511 went to Moscow, Riga, Belize, Kyiv...: TAGS ... XA SO RS LG BH UP. Kyiv's
    report is about Ukraine: its tag stays, the other countries' (FIPS 10-4: Somalia SO, Russia RS,
    Latvia LG, Belize BH) go, the subject and region tags stay."""
    from demarche.cable import read_cable_file
    from demarche.model import Outcome

    from ..conftest import CABLES

    plan = read_cable_file(CABLES / "instructions" / "08STATE103511.txt").plan
    rec = Record.from_plan(plan)
    rec.choose_audience("UKRAINE")
    at = dt.datetime(2008, 11, 20, 10, 0)
    for e in rec.agenda:
        rec.set_outcome(e.id, Outcome.DELIVERED, at)
    rec.finish(at)
    text = draft_reporting_cable([rec], PostConfig(post="KYIV", country="UKRAINE"), today=OCT2)
    tags = next(line for line in text.splitlines() if line.startswith("TAGS:")).split()[1:]
    assert tags == ["EWWT", "MOPS", "PREL", "PHSA", "XA", "UP"]
