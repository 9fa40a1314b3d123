"""Items read by `store.plain_items` are what the `TableReader` reads, and what it refuses is refused the same way.

Each example is read twice: as `formats` reads it (the plain path first)
and with the plain path switched off, so only the reader that names
problems reads it. Both must give the same plan or record, or the same
error, word for word.
"""

from __future__ import annotations

import copy
import datetime as dt
import tomllib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from demarche.errors import FormatError
from demarche.store import formats, plain_items

from ..conftest import DATA

#: Right values, then now and then one spoilt: a wrong value of any kind, an unknown key, a key gone.
texts = st.sampled_from(["", "Text", "x\ny"]) | st.text(max_size=6)
wrong = st.sampled_from([None, 3, 1.5, True, [], {}, dt.date(2026, 1, 2), "", "bogus", " ", "(X)"])
markings = st.sampled_from(["U", "SBU", "C", "S//NF", "(C)", "S//REL GBR"])
times = st.just(dt.datetime(2026, 11, 28, 10, 5, tzinfo=dt.timezone(dt.timedelta(hours=3))))


def spoilt(values):
    """`values` (a dict strategy), one time in four with one key spoilt, removed or added."""
    keys = st.sampled_from(
        [
            "id",
            "kind",
            "text",
            "marking",
            "outcome",
            "stance",
            "side",
            "key",
            "response",
            "exchanges",
            "outcome_at",
            "included",
            "priority",
            "leave_behind",
            "handed_over_at",
            "speaker",
            "oops",
        ]
    )

    def spoil(d, how, key, value):
        d = dict(d)
        if how == 1:
            d[key] = value
        elif how == 2:
            d.pop(key, None)
        return d

    return st.builds(spoil, values, st.sampled_from([0, 0, 0, 0, 0, 0, 1, 2]), keys, wrong)


def optional(**fields):
    return st.fixed_dictionaries({}, optional=fields)


exchanges = spoilt(
    optional(
        stance=st.sampled_from(["receptive", "objected", "no_response"]),
        text=texts,
        quoting=st.sampled_from(["paraphrase", "verbatim"]),
        speaker=texts,
        side=st.sampled_from(["host", "us"]),
        key=st.booleans(),
        theme=texts,
        marking=markings,
    )
)
items = spoilt(
    st.fixed_dictionaries(
        {
            "id": st.sampled_from(["tp-1", "tp-2", "np-1", "c-1"]),
            "kind": st.sampled_from(["talking_point", "non_paper", "contingency"]),
            "text": texts.filter(str.strip),
            "marking": markings,
        },
        optional={
            "section": texts,
            "label": texts,
            "priority": st.sampled_from(["normal", "high"]),
            "leave_behind": st.booleans(),
            "post_note": texts,
            "translation": texts,
        },
    )
)
entries = spoilt(
    st.builds(
        lambda item, extra: {**item, **extra},
        items,
        optional(
            included=st.booleans(),
            cue=texts,
            outcome=st.sampled_from(["pending", "delivered", "partial", "skipped", "deferred"]),
            outcome_at=times,
            handed_over=st.booleans(),
            handed_over_at=times,
            reason=texts,
            response=exchanges,
            exchanges=st.lists(exchanges, max_size=3),
        ),
    )
)


def _read(read, doc, monkeypatch, plain: bool):
    with monkeypatch.context() as m:
        if not plain:
            m.setattr(plain_items, "plan_items", lambda raw: None)
            m.setattr(plain_items, "record_entries", lambda raw: None)
        try:
            return read(copy.deepcopy(doc), "f.toml")
        except FormatError as exc:
            return str(exc)


BASE_PLAN = {
    "schema": "demarche.plan/1",
    "title": "T",
    "instruction": {"id": "STATE 1", "classification": "U"},
}
BASE_RECORD = {
    "schema": "demarche.record/2",
    "title": "T",
    "stage": "in_progress",
    "instruction": {"id": "STATE 1", "classification": "U"},
}


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(items, max_size=4))
def test_plan_items_read_as_the_reader_reads_them(monkeypatch, raw):
    doc = {**BASE_PLAN, "items": raw}
    assert _read(formats.plan_from_dict, doc, monkeypatch, True) == _read(
        formats.plan_from_dict, doc, monkeypatch, False
    )


@settings(max_examples=400, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(entries, max_size=4))
def test_record_entries_read_as_the_reader_reads_them(monkeypatch, raw):
    doc = {**BASE_RECORD, "items": raw}
    assert _read(formats.record_from_dict, doc, monkeypatch, True) == _read(
        formats.record_from_dict, doc, monkeypatch, False
    )


@pytest.mark.parametrize("path", sorted((DATA / "records").glob("*.toml")), ids=lambda p: p.name)
def test_real_records_take_the_plain_path_and_read_the_same(monkeypatch, path):
    doc = tomllib.loads(path.read_text())
    assert plain_items.record_entries(doc["items"]) is not None
    assert _read(formats.record_from_dict, doc, monkeypatch, True) == _read(
        formats.record_from_dict, doc, monkeypatch, False
    )


def test_a_wrong_value_is_named_as_before():
    doc = {
        **BASE_RECORD,
        "items": [{"id": "a", "kind": "talking_point", "text": "x", "marking": "U"}],
    }
    doc["items"].append({**doc["items"][0], "id": "b", "outcome": "done"})
    with pytest.raises(FormatError) as exc:
        formats.record_from_dict(doc, "f.toml")
    assert "items[1].outcome" in str(exc.value) and "done" in str(exc.value)
    doc["items"][1] = {**doc["items"][0]}
    with pytest.raises(FormatError, match="duplicate"):
        formats.record_from_dict(doc, "f.toml")
