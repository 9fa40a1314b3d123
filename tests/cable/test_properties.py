"""Arbitrary text never makes the importer raise anything but its own error."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from demarche.cable import import_cable
from demarche.errors import DemarcheError

from ..conftest import CABLES

REAL = (CABLES / "instructions" / "09STATE96550.txt").read_text()
LINES = REAL.splitlines()

cable_like = st.lists(
    st.one_of(
        st.sampled_from(LINES),
        st.sampled_from(
            [
                "Begin talking points:",
                "End points.",
                "QUOTE",
                "UNQUOTE",
                "-- ",
                "--",
                "Q: why?",
                "A:",
                "(S/REL X)",
                "STATE 00096550  002 OF 006",
                "-------",
                "1A. Section:",
                "IF ASKED:",
                "UNCLAS STATE 000001",
                "9. (U)",
            ]
        ),
        st.text(max_size=80),
    ),
    max_size=120,
).map("\n".join)


def _try(text: str) -> None:
    try:
        result = import_cable(text, "fuzz.txt")
    except DemarcheError as exc:
        assert str(exc).startswith("fuzz.txt: ") and "\n" not in str(exc)
        return
    assert result.plan.instruction.id
    assert all(i.text.strip() for i in result.plan.items)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=2000))
def test_arbitrary_text(text):
    _try(text)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cable_like)
def test_cable_like_text(text):
    _try(text)


@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=0, max_value=len(REAL)), st.integers(min_value=0, max_value=400))
def test_truncated_and_cut_cables(start, length):
    _try(REAL[:start] + REAL[start + length :])
