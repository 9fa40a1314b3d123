"""Layout families of LAYOUTS.md that the corpus shows only once or not at all, in small cables written
for the test: what a reader of the cable would list, written down by hand."""

from __future__ import annotations

from demarche.cable import import_cable
from demarche.classification import Level
from demarche.model import ItemKind, LeaveBehind

HEAD = """O 021320Z SEP 09
FM SECSTATE WASHDC
TO AMEMBASSY BEIJING IMMEDIATE

{line}

E.O. 12958: DECL: 09/02/2019
TAGS: PARM PREL CH
SUBJECT: {subject}

"""


def cable(body: str, line: str = "S E C R E T STATE 012345", subject: str = "TEST DEMARCHE") -> str:
    return HEAD.format(line=line, subject=subject) + body.strip("\n") + "\nCLINTON\n"


def texts(plan) -> list[str]:
    return [" ".join(i.text.split()[:4]) for i in plan.items]


def test_a_paragraph_the_action_request_names_is_a_block_without_any_marker():
    plan = import_cable(
        cable("""
1. (U) This is an action request. Post should draw on the points in para 3 with the MFA.

2. (S) Background: the shipment left Dalian in May.

3. (S/REL CHINA)
-- We ask China to investigate the shipment.
-- We would welcome the results of that investigation.
""")
    ).plan
    assert texts(plan) == ["We ask China to", "We would welcome the"]
    assert {i.marking.short for i in plan.items} == {"S//REL CHINA"}


def test_a_marking_inside_the_marker_and_lower_case_parenthesised_markers():
    plan = import_cable(
        cable("""
1. (U) Post should deliver the non-paper in para 2.

2. (S) BEGIN NON-PAPER S//REL CHINA:
-- The United States has information on a transfer.
-- We ask you to stop it.
END NON-PAPER.

3. (C) (begin non-paper)
-- A further point.
(end non-paper)
""")
    ).plan
    assert [i.kind for i in plan.items] == [ItemKind.NON_PAPER] * 3
    assert [i.marking.short for i in plan.items] == ["S//REL CHINA", "S//REL CHINA", "C"]
    assert all(i.leave_behind for i in plan.items)


def test_misspelt_markers_and_an_end_marker_as_a_dashed_heading():
    plan = import_cable(
        cable("""
1. (S) Begin talkng pionts:

-- First point of the block.

-- Second point of the block.

------------ END TALKING POINTS ------------

2. (U) Please report by October 1.
""")
    ).plan
    assert texts(plan) == ["First point of the", "Second point of the"]


def test_country_paragraphs_of_points_carry_their_audience():
    plan = import_cable(
        cable("""
1. (U) Embassies should draw on the points below.

2. (C) Saudi Arabia talking points

-- We value our partnership with the Kingdom.

3. (C) Jordan talking points

-- We value our partnership with Jordan.
""")
    ).plan
    assert [i.audience for i in plan.items] == ["SAUDI ARABIA", "JORDAN"]


def test_a_message_that_may_not_be_left_in_writing_forbids_every_block():
    plan = import_cable(
        cable("""
1. (S) Post may not leave any part of this message in writing.

2. (S) Begin talking points:
-- Point one.
End talking points.

3. (S) Begin non-paper:
-- Point two.
End non-paper.
""")
    ).plan
    assert plan.brief.leave_behind is LeaveBehind.FORBIDDEN
    assert [i.leave_behind for i in plan.items] == [False, False]
    assert plan.leave_behind_items() == []


def test_begin_text_of_a_letter_is_a_reference_and_of_points_are_points():
    plan = import_cable(
        cable(
            """
1. (U) Post should deliver the letter in para 2 and draw on the points in para 3.

2. (U) Begin text of letter:
Dear Minister,
I write to thank you for your help.
Sincerely, Hillary Rodham Clinton
End text.

3. (U) Begin text of points:
-- We thank the Minister for the help.
End text of points.
""",
            line="UNCLAS STATE 012345",
        )
    ).plan
    assert texts(plan) == ["We thank the Minister"]
    assert [(r.title, r.paragraph) for r in plan.brief.references] == [("Letter", "2")]
    assert "I write to thank you" in plan.brief.references[0].text


def test_quote_unquote_delimits_points():
    plan = import_cable(
        cable("""
1. (C) Post should use the following points:

QUOTE
-- The first quoted point.
-- The second quoted point.
UNQUOTE

2. (U) Report by cable.
""")
    ).plan
    assert texts(plan) == ["The first quoted point.", "The second quoted point."]


def test_no_classification_line_no_markings_is_unclassified_and_says_so():
    text = """O 021320Z SEP 09
FM SECSTATE WASHDC
TO AMEMBASSY PARIS IMMEDIATE

E.O. 12958: N/A
TAGS: PREL FR
SUBJECT: A SHORT REQUEST

1. Please deliver the following points:
-- We welcome the French proposal.
CLINTON
"""
    result = import_cable(text, "notes.txt")
    assert result.plan.instruction.classification.level is Level.U
    assert any("no classification line" in w for w in result.warnings)
    assert texts(result.plan) == ["We welcome the French"]


def test_unclas_sbu_line_and_a_subject_with_its_marking_and_glued_refs():
    plan = import_cable(
        cable(
            "1. (SBU) Begin points:\n-- A point.\nEnd points.",
            line="UNCLAS//SBU STATE 012345",
            subject="(SBU) MINISTRY VISIT REF: A. STATE 1 B. STATE 2",
        )
    ).plan
    ins = plan.instruction
    assert ins.classification.level is Level.SBU
    assert (
        ins.subject == "MINISTRY VISIT"
        and ins.subject_marking is not None
        and ins.subject_marking.short == "SBU"
    )
    assert ins.refs == ["STATE 1", "STATE 2"]


def test_sub_headings_inside_a_block_are_sub_sections_with_audience_and_condition():
    plan = import_cable(
        cable("""
1. (S) Begin talking points:

FOR WARSAW

-- A point for Poland.

GENERAL

-- A point for everyone.

IF ASKED ABOUT MONEY:

-- We will pay our share.
End talking points.
""")
    ).plan
    assert [(i.subsection, i.audience, i.kind) for i in plan.items] == [
        ("FOR WARSAW", "POLAND", ItemKind.TALKING_POINT),
        ("GENERAL", "", ItemKind.TALKING_POINT),
        ("IF ASKED ABOUT MONEY", "", ItemKind.CONTINGENCY),
    ]
