"""The fast TOML reader (rtoml) and tomli give the same document, and tomli has the last word.

`formats.parse_toml` reads with rtoml when it takes the text, else with
tomli, whose verdict and message stand. That is only right if rtoml never
accepts a text tomli refuses, nor reads one differently: checked here on
generated documents, on edits of real records and plans, and on the known
corners of the two parsers. Expectations are tomli's, the reader whose
verdict stands (`formats._reader`; TOML 1.0 with 1.1's additions, as rtoml:
the standard library's `tomllib` is 1.0 only, so it is not the reference).
"""

from __future__ import annotations

import copy
import datetime as dt
import pickle

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from demarche.errors import FormatError
from demarche.store import formats, toml_text
from demarche.store.formats import parse_toml

from ..conftest import DATA, FOUNDING_PLAN

rtoml = pytest.importorskip("rtoml")

SEEDS = sorted([*(DATA / "records").glob("*.toml"), FOUNDING_PLAN, *(DATA / "bad").glob("*.toml")])
#: What edits insert: TOML's punctuation, escapes, and values of every kind.
PIECES = list("[]{}=\"'\\\n\r\t ,.#:+-_0123456789eETZ") + [
    '"""',
    "'''",
    "\\u00e9",
    "\\U0001F600",
    "\\e",
    "\\x41",
    "\x7f",
    "\x1b",
    "é",
    "inf",
    "nan",
    "true",
    "1979-05-27",
    "07:32:00",
    "1979-05-27T07:32:00Z",
    "[[",
    "]]",
    "0x",
    "1e1000",
    "9223372036854775808",
]


def _plain(v):
    """Values as compared: a date-time as its wall time and offset, NaN as a word."""
    if isinstance(v, dict):
        return {k: _plain(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_plain(x) for x in v]
    if isinstance(v, dt.datetime) and v.tzinfo is not None:
        return ("aware", v.replace(tzinfo=None), v.utcoffset())
    if isinstance(v, float) and v != v:
        return "nan"
    return v


TOMLI = formats._reader()


def _tomli(text: str):
    try:
        return ("read", _plain(TOMLI.loads(text)))
    except TOMLI.TOMLDecodeError:
        return ("refused", None)
    except RecursionError:
        return ("refused", None)


@st.composite
def edited(draw) -> str:
    """A slice of a real record or plan with a few characters inserted, removed or replaced."""
    text = draw(st.sampled_from(SEEDS)).read_text(encoding="utf-8", errors="replace")
    lines = text.split("\n")
    start = draw(st.integers(0, max(0, len(lines) - 1)))
    text = "\n".join(lines[start : start + draw(st.integers(1, 25))])
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(text)))
        piece = draw(st.sampled_from(PIECES))
        how = draw(st.sampled_from(["insert", "delete", "replace"]))
        if how == "insert":
            text = text[:at] + piece + text[at:]
        elif how == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 3)) :]
        else:
            text = text[:at] + piece + text[at + 1 :]
    return text


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edited())
@example('schema = "\\edemarche.plan/1"')  # found in a clean run: TOML 1.1's \e, which both read
def test_what_rtoml_reads_tomli_reads_the_same(text):
    text = text.lstrip("\ufeff")  # `parse_toml` takes a byte-order mark off first
    try:
        fast = ("read", _plain(rtoml.loads(text)))
    except Exception:
        return  # refused: `parse_toml` asks tomli, whose verdict stands
    assert _tomli(text) == fast


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(
        st.text(min_size=1, max_size=6),
        st.recursive(
            st.text(max_size=12)
            | st.booleans()
            | st.integers(-(2**63), 2**63 - 1)
            | st.floats()
            | st.dates()
            | st.times()
            | st.datetimes()
            | st.datetimes(
                timezones=st.sampled_from(
                    [
                        dt.UTC,
                        dt.timezone(dt.timedelta(hours=3, minutes=30)),
                        dt.timezone(-dt.timedelta(hours=11)),
                    ]
                )
            ),
            lambda inner: (
                st.lists(inner, max_size=3)
                | st.dictionaries(st.text(max_size=4), inner, max_size=3)
            ),
            max_leaves=15,
        ),
        min_size=1,
        max_size=5,
    )
)
def test_parse_toml_reads_what_we_write_as_tomli_does(doc):
    text = toml_text.dumps(doc)
    assert ("read", _plain(parse_toml(text.encode(), "x.toml"))) == _tomli(text)


@pytest.mark.parametrize(
    "text",
    [
        "a = 1979-05-27T07:32:00Z",
        "a = 1979-05-27 07:32:00+05:30",
        "a = [1979-05-27T07:32:00-08:00]\n[[t]]\nb = {c = 2026-12-01T10:00:00+03:00}",
    ],
)
def test_offset_date_times_come_back_as_tomli_gives_them_and_can_be_copied(text):
    doc = parse_toml(text.encode(), "x.toml")
    assert doc == TOMLI.loads(text)
    assert pickle.loads(pickle.dumps(doc)) == doc  # a worker process sends records back pickled
    assert copy.deepcopy(doc) == doc

    def zones(v):
        if isinstance(v, dict):
            return [z for x in v.values() for z in zones(x)]
        if isinstance(v, list):
            return [z for x in v for z in zones(x)]
        return [type(v.tzinfo)] if isinstance(v, dt.datetime) else []

    assert zones(doc) and set(zones(doc)) == {dt.timezone}


@pytest.mark.parametrize(
    "text, message",
    [
        ("a = 1e1000", None),  # rtoml refuses, tomli reads inf: tomli's reading stands
        ("a = 07", "TOML syntax error"),
        ('a = "x"\na = "y"', "TOML syntax error"),
        ("a = " + "[" * 200 + "]" * 200, None),  # past rtoml's depth, within tomli's
    ],
)
def test_where_rtoml_refuses_tomli_decides(text, message):
    want = _tomli(text)
    if message is None:
        assert ("read", _plain(parse_toml(text.encode(), "x.toml"))) == want
    else:
        assert want[0] == "refused"
        with pytest.raises(FormatError, match=message):
            parse_toml(text.encode(), "x.toml")


def test_without_rtoml_the_same_files_read_the_same(monkeypatch):
    good = [*(DATA / "records").glob("*.toml"), FOUNDING_PLAN]
    with_it = [parse_toml(p.read_bytes(), str(p)) for p in good]
    monkeypatch.setattr(formats, "fast_reader", None)
    assert [parse_toml(p.read_bytes(), str(p)) for p in good] == with_it
