"""`store.toml_text` writes what `tomli_w` writes, and `tomllib` reads back what was given."""

from __future__ import annotations

import tomllib

import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

from demarche.cable import import_cable
from demarche.store import toml_text
from demarche.store.formats import plan_to_dict, plan_to_toml

from ..conftest import CABLES

keys = st.text(min_size=1, max_size=8) | st.sampled_from(["id", "text", "a-b", "x_y", "k 1"])
text = st.text(
    st.sampled_from(list('ab \n\r\t"\\\x00\x1b\x7f\u00e9\u2014')) | st.characters(), max_size=40
)
scalars = (
    text
    | st.booleans()
    | st.integers(-(2**63), 2**63 - 1)
    | st.dates()
    | st.datetimes()
    | st.times()
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4),
    max_leaves=20,
)
docs = st.dictionaries(keys, values, max_size=6)
plan_like = st.fixed_dictionaries(
    {
        "schema": st.just("demarche.plan/1"),
        "title": text,
        "instruction": st.dictionaries(keys, text | st.lists(text, max_size=3), max_size=5),
        "items": st.lists(st.dictionaries(keys, text | st.booleans(), max_size=6), max_size=6),
    }
)


@settings(max_examples=400)
@given(docs | plan_like)
def test_same_text_as_tomli_w(doc):
    assert toml_text.dumps(doc) == tomli_w.dumps(doc, multiline_strings=True)


def _no_crlf(v):
    """tomli_w writes CR LF inside a multi-line string as a line break, and so does toml_text."""
    if isinstance(v, str):
        return v.replace("\r\n", "\n") if "\n" in v else v
    if isinstance(v, list):
        return [_no_crlf(x) for x in v]
    if isinstance(v, dict):
        return {k: _no_crlf(x) for k, x in v.items()}
    return v


@settings(max_examples=300)
@given(plan_like)
def test_round_trip_through_tomllib(doc):
    assert tomllib.loads(toml_text.dumps(doc)) == _no_crlf(doc)


def test_strings_escape_as_the_spec_says():
    assert toml_text.format_string('a"b\\c\td\x00\x7f') == '"a\\"b\\\\c\td\\u0000\\u007f"'
    assert toml_text.format_string("one\r\ntwo\rthree") == '"""\none\ntwo\\rthree"""'
    assert toml_text.format_string("k\ny", multiline=False) == '"k\\ny"'
    assert tomllib.loads("v = " + toml_text.format_string("x\ny\r\n\x01"))["v"] == "x\ny\n\x01"


def test_real_plans_read_back_and_match_tomli_w():
    for path in sorted((CABLES / "instructions").glob("*.txt")):
        plan = import_cable(path.read_text(), path.name).plan
        doc = plan_to_dict(plan)
        written = plan_to_toml(plan)
        assert written == tomli_w.dumps(doc, multiline_strings=True), path.name
        assert tomllib.loads(written) == doc, path.name


def test_records_are_written_as_tomli_w_writes_them():
    """Records (items with responses, exchanges, times, follow-ups) go through `dumps` too."""
    from demarche.store.formats import load_record_text, record_to_dict, record_to_toml

    from ..conftest import DATA

    paths = sorted((DATA / "records").glob("*.toml"))
    assert paths
    for path in paths:
        record = load_record_text(path.read_bytes(), path.name)
        doc = record_to_dict(record)
        written = record_to_toml(record)
        assert written == tomli_w.dumps(doc, multiline_strings=True), path.name
        assert tomllib.loads(written) == doc, path.name
