"""Fuzzing plan and record loading: whatever the bytes, only our own error comes out."""

from __future__ import annotations

import copy
from pathlib import Path

import tomli_w
from hypothesis import HealthCheck, given, settings, strategies as st

from demarche.errors import DemarcheError
from demarche.store.formats import load_plan_text, load_record_text, parse_toml, record_to_toml
from demarche.model import Record
from demarche.store.storage import load_plan

REPO = Path(__file__).resolve().parents[2]
PLAN_BYTES = (REPO / "plans" / "russia-tip-tier2-2009.toml").read_bytes()
PLAN_DOC = parse_toml(PLAN_BYTES, "plan")
RECORD_DOC = parse_toml(
    record_to_toml(
        Record.from_plan(load_plan(REPO / "plans" / "russia-tip-tier2-2009.toml"))
    ).encode(),
    "r",
)

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def only_our_errors(loader, data: bytes) -> None:
    try:
        loader(data, "f.toml")
    except DemarcheError as exc:
        text = str(exc)
        assert text and all(line.startswith("f.toml: ") for line in text.splitlines()), text


@FUZZ
@given(st.binary(max_size=400))
def test_arbitrary_bytes(data):
    only_our_errors(load_plan_text, data)
    only_our_errors(load_record_text, data)


@FUZZ
@given(st.integers(0, len(PLAN_BYTES)), st.integers(0, len(PLAN_BYTES)), st.binary(max_size=8))
def test_spliced_plan_bytes(start, end, junk):
    start, end = sorted((start, end))
    only_our_errors(load_plan_text, PLAN_BYTES[:start] + junk + PLAN_BYTES[end:])


scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 5),
    st.text(max_size=6),
    st.dates(),
    st.lists(st.integers(0, 3), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)


def paths(doc, prefix=()):
    """Every key path in a document, arrays included."""
    if isinstance(doc, dict):
        for k, v in doc.items():
            yield prefix + (k,)
            yield from paths(v, prefix + (k,))
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            yield prefix + (i,)
            yield from paths(v, prefix + (i,))


PLAN_PATHS = list(paths(PLAN_DOC))
RECORD_PATHS = list(paths(RECORD_DOC))


def mutate(doc, path, value):
    doc = copy.deepcopy(doc)
    parent = doc
    for k in path[:-1]:
        parent = parent[k]
    if value is None:
        del parent[path[-1]]
    else:
        parent[path[-1]] = value
    return tomli_w.dumps(doc).encode()


@FUZZ
@given(st.sampled_from(PLAN_PATHS), scalars)
def test_plan_with_one_value_changed(path, value):
    only_our_errors(load_plan_text, mutate(PLAN_DOC, path, value))


@FUZZ
@given(st.sampled_from(RECORD_PATHS), scalars)
def test_record_with_one_value_changed(path, value):
    only_our_errors(load_record_text, mutate(RECORD_DOC, path, value))
