"""The layout checker on every real report (known quirks named) and on broken drafts."""

from __future__ import annotations

import datetime as dt

import pytest

from demarche.store.settings import PostConfig
from demarche.outputs.layout_check import check_cable_layout
from demarche.outputs.reporting_cable import draft_reporting_cable

from ..conftest import CABLES
from .founding import founding_record

REPORTS = sorted((CABLES / "reports").glob("*.txt"))

#: What each real report breaks, by the start of the problem line. Re-flowed
#: archive copies have long lines and curly quotes; some sign at the end of
#: the last paragraph; some number headings or leave paragraphs unmarked.
QUIRKS = {
    "06MADRID779.txt": ["no classification line"],  # ``C C O N F I D E N T I A L``: the C doubled
    "06VIENNA515.txt": [
        "line 78: paragraph 5 has no marking",
        "line 119: paragraph 6 has no marking",
        "line 163: paragraph 7 has no marking",
        "line 241: paragraph 8 has no marking",
        "3 lines wider",
    ],
    "08BERLIN643.txt": ["1 lines wider"],
    "08RIYADH1134.txt": [],
    "09NAIROBI2497.txt": [
        f"line {n}: paragraph {p} has no marking"
        for p, n in enumerate([49, 66, 94, 111, 128, 149, 171, 185], 1)
    ]
    + ["8 lines wider", "Comment without End Comment"],
    "09NASSAU126.txt": [
        f"line {n}: paragraph {p} has no marking" for p, n in enumerate([21, 23, 40, 205], 1)
    ],
    "09QUITO570.txt": ["signature:"],  # ``CABLE ENDS`` after the signature
    "09TOKYO1598.txt": [
        "no numbered paragraphs and no marked single paragraph",
        "1 lines wider",
        "signature:",
    ],
    "09YEREVAN20.txt": ["28 lines wider", "8 lines with non-ASCII", "signature:"],
    "10DAMASCUS168.txt": ["12 lines wider", "11 lines with non-ASCII", "signature:"],
    "10KABUL699.txt": [
        "23 lines wider",
        "15 lines with non-ASCII",
        "Comment without End Comment",
        "signature:",
    ],
    "10KUWAIT45.txt": ["1 lines wider"],
    "10KUWAIT88.txt": ["1 lines wider"],
}


def test_every_report_has_its_quirks_listed():
    assert {p.name for p in REPORTS} == set(QUIRKS)


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.name)
def test_real_reports_pass_except_named_quirks(path):
    problems = check_cable_layout(path.read_text(encoding="utf-8"))
    expected = QUIRKS[path.name]
    assert len(problems) == len(expected), problems
    for p, q in zip(problems, expected):
        assert p.startswith(q), (p, q)


def _draft() -> str:
    return draft_reporting_cable(
        [founding_record()], PostConfig(signature="Beyrle"), today=dt.date(2009, 10, 2)
    )


def test_generated_draft_passes():
    assert check_cable_layout(_draft(), 60, require_summary=True) == []


@pytest.mark.parametrize(
    "breakage, problem",
    [
        (lambda t: t.replace("\n2. (SBU)", "\n3. (SBU)", 1), "paragraph 3 where 2 was expected"),
        (lambda t: t.replace("\n2. (SBU) ", "\n2. ", 1), "paragraph 2 has no marking"),
        (lambda t: t.replace("2. (SBU)", "2. (S)", 1), "above the cable's classification"),
        (lambda t: t.replace(" End Summary.", "", 1), "Summary without End Summary"),
        (lambda t: t.replace("placement", "placement \u201cso\u201d", 1), "non-ASCII"),
        (
            lambda t: t.replace(
                "E.O. 13526: N/A\nTAGS: KCRM KWMN PHUM PREL SMIG KTIP RS",
                "TAGS: KCRM KWMN PHUM PREL SMIG KTIP RS\nE.O. 13526: N/A",
            ),
            "out of order",
        ),
        (lambda t: t.replace("TAGS:", "TOGS:"), "no TAGS line"),
        (lambda t: t.rstrip() + "\nThanks for reading\n", "signature"),
        (
            lambda t: t.replace("Petrov objected", "Petrov " + "x" * 80 + " objected", 1),
            "wider than 60",
        ),
        (lambda t: t.replace("UNCLAS MOSCOW", "HELLO MOSCOW"), "no classification line"),
    ],
)
def test_broken_drafts_are_reported(breakage, problem):
    problems = check_cable_layout(breakage(_draft()), 60)
    assert any(problem in p for p in problems), problems
