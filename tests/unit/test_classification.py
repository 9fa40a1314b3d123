"""Markings: every spelling cables use, ordering, and the never-lower rule."""

import pytest
from hypothesis import given, strategies as st

from demarche.classification import (
    Level,
    Marking,
    MarkingError,
    captions,
    cable_classification_line,
    highest,
    parse_marking,
)


@pytest.mark.parametrize(
    "text, short",
    [
        ("(U)", "U"),
        ("(SBU)", "SBU"),
        ("(C)", "C"),
        ("(S)", "S"),
        ("(TS)", "TS"),
        ("(S/NF)", "S//NF"),
        ("(S//NF)", "S//NF"),
        ("(S/REL SYRIA)", "S//REL SYRIA"),
        ("(S//REL TURKEY)", "S//REL TURKEY"),
        ("(SECRET/REL FRANCE)", "S//REL FRANCE"),
        ("(SECRET//REL CHINA)", "S//REL CHINA"),
        ("C//REL TO USA, FRANCE", "C//REL USA, FRANCE"),
        ("secret", "S"),
        ("Confidential", "C"),
        ("UNCLASSIFIED", "U"),
        ("SECRET//NOFORN", "S//NF"),
    ],
)
def test_parse_marking_reads_cable_spellings(text, short):
    assert parse_marking(text).short == short


@pytest.mark.parametrize("text", ["", "()", "(X)", "S//BANANA", "SECRETISH"])
def test_parse_marking_rejects_nonsense(text):
    with pytest.raises(MarkingError):
        parse_marking(text)


def test_levels_are_ordered():
    assert Level.U < Level.SBU < Level.C < Level.S < Level.TS


def test_highest_takes_the_top_level_and_keeps_noforn():
    m = highest([parse_marking("U"), parse_marking("S/REL SYRIA"), parse_marking("C//NF")])
    assert m.level is Level.S
    assert m.noforn
    assert m.rel_to == ()


def test_highest_narrows_rel_to_to_common_countries():
    m = highest([parse_marking("S//REL TO USA, FRANCE"), parse_marking("C//REL TO FRANCE, UK")])
    assert m.short == "S//REL FRANCE"


def test_highest_of_rel_and_unreleasable_classified_is_noforn():
    # Releasable content beside classified content with no release marking: the
    # whole is not releasable, so it must not be marked REL TO.
    m = highest([parse_marking("S//REL SYRIA"), parse_marking("C")])
    assert m.noforn


def test_highest_of_nothing_is_unclassified():
    assert highest([]).level is Level.U


def test_banner_and_cable_line():
    assert parse_marking("S//NF").banner == "SECRET//NOFORN"
    assert cable_classification_line(parse_marking("S")) == "S E C R E T"
    assert cable_classification_line(parse_marking("C")) == "C O N F I D E N T I A L"
    assert cable_classification_line(parse_marking("TS")) == "T O P  S E C R E T"
    assert cable_classification_line(parse_marking("SBU")) == "UNCLAS"
    assert captions(parse_marking("SBU"), ["SIPDIS"]) == ["SENSITIVE", "SIPDIS"]
    assert captions(parse_marking("S//NF"), ["SIPDIS"]) == ["NOFORN", "SIPDIS"]


markings = st.builds(
    Marking,
    level=st.sampled_from(list(Level)),
    noforn=st.booleans(),
    rel_to=st.lists(
        st.sampled_from(["SYRIA", "FRANCE", "UK", "CHINA"]), unique=True, max_size=3
    ).map(tuple),
)


@given(st.lists(markings, min_size=1, max_size=6))
def test_highest_is_never_below_any_part(parts):
    whole = highest(parts)
    for part in parts:
        assert whole.level >= part.level
        assert whole.covers(part), (whole, part)
        if part.noforn:
            assert whole.noforn


@given(markings)
def test_short_form_round_trips(m):
    assert parse_marking(m.short) == m
    assert parse_marking(m.portion) == m
