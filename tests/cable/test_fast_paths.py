"""The importer's fast paths give the answers of the rules they stand for.

`WordedPattern`: every ASCII string its expression matches contains one of
its words (strings generated from the expression itself with
`hypothesis.strategies.from_regex`), and on real cable lines its answers are
the plain expression's. `ends_sentence` and the share of capitals in a
heading are checked against the expressions they were first written as.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import demarche.cable.assemble  # noqa: F401 - the modules that make the patterns
from demarche.cable import worded
from demarche.cable.body import _DISPLACED, _displaced
from demarche.cable.points import _mostly_upper
from demarche.cable.sentences import _ABBREV, _BOUNDARY, sentences
from demarche.cable.text import ends_sentence

from ..conftest import CABLES

PATTERNS = list(worded.ALL)
LINES = [
    ln
    for p in sorted((CABLES / "instructions").glob("*.txt"))
    for ln in p.read_text(encoding="utf-8", errors="replace").splitlines()
]


def test_the_importer_makes_worded_patterns():
    assert len(PATTERNS) >= 10
    for p in PATTERNS:
        assert p.words and all(w == w.lower() for w in p.words)


@pytest.mark.parametrize("pattern", PATTERNS, ids=lambda p: p.pattern[:40])
@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_every_match_holds_a_word(pattern, data):
    text = data.draw(st.from_regex(pattern.rx, fullmatch=False))
    if text.isascii():
        assert pattern.rx.search(text) is not None
        assert pattern.may_match(text), (pattern.pattern, text)
        assert pattern.search(text) is not None


@pytest.mark.parametrize("pattern", PATTERNS, ids=lambda p: p.pattern[:40])
def test_same_answers_as_the_expression_on_real_lines(pattern):
    for line in LINES + [ln.upper() for ln in LINES]:
        got = pattern.search(line)
        want = pattern.rx.search(line)
        assert (got and got.span()) == (want and want.span()), line
        assert [m.span() for m in pattern.finditer(line)] == [
            m.span() for m in pattern.rx.finditer(line)
        ]


def test_non_ascii_text_always_goes_to_the_expression():
    # re.IGNORECASE takes the dotless i for "i" and the long s for "s": str.lower does not.
    p = worded.WordedPattern(r"\bpoints\b", ("points",))
    for text in ("talking po\u0131nts", "talking point\u017f", "POİNTS"):
        assert p.may_match(text)
        assert (p.search(text) is not None) == (re.search(r"\bpoints\b", text, re.I) is not None)
    assert not p.may_match("nothing to see here")
    assert p.search("nothing to see here") is None
    worded.ALL.remove(p)


line_text = st.text(
    st.sampled_from(list(".!?:;\"')] ]\t\n(abcXYZ-,")) | st.characters(), max_size=30
)


@given(line_text)
def test_ends_sentence_is_the_expression(line):
    assert ends_sentence(line) == bool(re.search(r"[.!?:;][\"')\]]*$", line.rstrip()))


@given(
    st.text(
        st.sampled_from(list("aAbBzZ ()-.:1\u00e9\u00c9\u0131\u01c5")) | st.characters(),
        max_size=40,
    )
)
def test_mostly_upper_is_the_share_of_capitals(t):
    letters = [c for c in re.sub(r"\([^)]*\)", "", t) if c.isalpha()]
    want = bool(letters) and sum(c.isupper() for c in letters) / len(letters) >= 0.8
    assert _mostly_upper(t) == want


@given(st.text(st.sampled_from(list("paragraphs. andortsei\n-5")) | st.characters(), max_size=40))
def test_displaced_searches_the_end_as_the_whole_line(line):
    assert _displaced(line) == (_DISPLACED.search(line) is not None)


def _sentences_as_first_written(text: str) -> list[str]:
    text = re.sub(r"\s+", " ", text).strip()
    out: list[str] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        head = text[max(start, m.start() - 16) : m.start()].rstrip("\"')")
        if _ABBREV.search(head[-12:]):
            continue
        out.append(text[start : m.start()].strip())
        start = m.end()
    tail = text[start:].strip()
    if tail:
        out.append(tail)
    return [s for s in out if s]


prose = st.lists(
    st.sampled_from(["Mr.", "U.S.", "para.", "We", "act", "now.", "Why?", '"', ")", "A", "9"])
    | st.text(st.sampled_from(list(" \t\n\u00a0\u2028.!?a")), max_size=3),
    max_size=30,
).map(" ".join)


@given(prose, st.none() | st.integers(0, 4))
def test_sentences_are_those_first_written(text, limit):
    want = _sentences_as_first_written(text)
    assert sentences(text, limit) == (want if limit is None else want[:limit])
