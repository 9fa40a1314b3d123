"""Golden drafts for three real instruction -> report pairs, from records that rebuild each meeting.

The records in ``tests/data/records`` (see ``make_records.py`` there) hold
what the real reports in ``tests/data/cables/reports`` say happened. The
golden files in ``golden/real`` were written by hand, reading each real
report side by side with its record: what its author would have drafted from
those notes, in this project's layout. They hold one block of the draft per
line (a paragraph, a heading, the header), so wrapping is checked apart
(by the layout check), not by the golden file.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from pathlib import Path

import pytest

from demarche.outputs.layout_check import check_cable_layout
from demarche.outputs.reporting_cable import draft_reporting_cable, speech_warnings
from demarche.store.settings import PostConfig
from demarche.store.storage import load_record

from ..conftest import REPO

RECORDS = REPO / "tests" / "data" / "records"
REPORTS = REPO / "tests" / "data" / "cables" / "reports"
GOLDEN = Path(__file__).parent / "golden" / "real"

PAIRS = {
    "10DAMASCUS168": (
        PostConfig(signature="Hunter", classified_by="CDA Charles Hunter"),
        dt.date(2010, 2, 25),
    ),
    "06MADRID779": (
        PostConfig(signature="Aguirre", classified_by="Ambassador Eduardo Aguirre"),
        dt.date(2006, 3, 31),
    ),
    "09TOKYO1598": (
        PostConfig(
            post="TOKYO",
            signature="Roos",
            classified_by="Deputy Political Minister Counselor Marc Knapper",
        ),
        dt.date(2009, 7, 10),
    ),
}


def blocks(text: str) -> list[str]:
    """The draft as blocks (paragraphs, headings, header groups), each on one line."""
    return [" ".join(b.split()) for b in text.split("\n\n") if b.strip()]


def draft(name: str) -> str:
    config, today = PAIRS[name]
    return draft_reporting_cable([load_record(RECORDS / f"{name}.toml")], config, today=today)


@pytest.mark.parametrize("name", sorted(PAIRS))
def test_draft_reads_like_the_real_report(name):
    text = draft(name)
    expected = (GOLDEN / f"{name}.txt").read_text().splitlines()
    got = blocks(text)
    assert got == expected, "\n".join(
        difflib.unified_diff(expected, got, "golden", "draft", lineterm="")
    )
    problems = check_cable_layout(text, max_width=60, require_summary=True)
    assert [p for p in problems if "placeholder" not in p] == []


@pytest.mark.parametrize("name", sorted(PAIRS))
def test_subject_and_tags_follow_the_real_report(name):
    """What each real report's header says about the news, the country and the tags."""
    real = (REPORTS / f"{name}.txt").read_text()
    text = draft(name)
    header = text.split("\n\nREF:")[0]
    subject = " ".join(header.split("SUBJECT:", 1)[1].split())
    assert "DEMARCHE DELIVERED" not in subject
    tags = header.split("TAGS:", 1)[1].split("SUBJECT:")[0].split()
    real_tags = (
        real.split("TAGS", 1)[1].split("\n", 1)[0].replace(",", " ").replace(":", " ").split()
    )
    # The subject tags the instruction gave are kept; of the countries only the host's.
    assert tags[-1] == real_tags[-1] if name != "06MADRID779" else "SP" in tags
    assert not {"IS", "LE", "FR"} & set(tags)
    if name == "10DAMASCUS168":
        assert "MIQDAD" in subject and "HIZBALLAH" in subject and subject.startswith("(S) SYRIA:")
    if name == "09TOKYO1598":
        assert subject.startswith(
            "(S) AUSTRALIA GROUP:"
        )  # "Please begin all responses with AUSTRALIA GROUP"


def test_no_noforn_from_rel_to_talking_points():
    """STATE 17307's points are S//REL SYRIA and the record's floor plain C: the report is SECRET, never NOFORN."""
    text = draft("10DAMASCUS168")
    assert (
        text.startswith("S E C R E T DAMASCUS")
        and "NOFORN" not in text
        and not re.search(r"\bREL\b|/NF\b", text)
    )
    assert "\n8. (C) Charge raised PRM's" in text  # administrative business stays at the floor


def test_collective_instruction_without_a_post_is_refused():
    from demarche.errors import DemarcheError

    record = load_record(RECORDS / "09TOKYO1598.toml")
    with pytest.raises(DemarcheError, match="which post reports"):
        draft_reporting_cable([record], PostConfig(), today=dt.date(2009, 7, 10), require_post=True)
    assert draft_reporting_cable([record], PostConfig(), post="tokyo").startswith(
        "S E C R E T TOKYO "
    )


def test_the_golden_records_read_as_reported_speech():
    """The notes typed for the three meetings pass the speech check (the real reports' own style)."""
    for name in PAIRS:
        assert speech_warnings([load_record(RECORDS / f"{name}.toml")]) == [], name
