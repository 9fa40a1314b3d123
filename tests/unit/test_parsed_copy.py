"""The parsed copy beside a big plan or record reads as its TOML does, and only for the bytes it was made from."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import tomllib

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from demarche import __version__
from demarche.errors import FormatError
from demarche.store import formats, parsed_copy
from demarche.store.parsed_copy import copy_path, read_checked
from demarche.store.storage import load_record

from ..conftest import DATA

RECORD = DATA / "records" / "10DAMASCUS168.toml"


@pytest.fixture(autouse=True)
def every_file_is_big(monkeypatch):
    monkeypatch.setattr(parsed_copy, "MIN_BYTES", 0)


def _no_parser(monkeypatch):
    def refuse(data, file):
        raise AssertionError("the TOML was parsed")

    monkeypatch.setattr(parsed_copy, "parse_toml", refuse)


keys = st.text(min_size=1, max_size=6)
scalars = (
    st.text(max_size=10)
    | st.booleans()
    | st.integers(-(2**63), 2**63 - 1)
    | st.floats(allow_nan=False)
    | st.dates()
    | st.datetimes()
    | st.datetimes(
        timezones=st.sampled_from(
            [
                dt.UTC,
                dt.timezone(dt.timedelta(hours=3)),
                dt.timezone(-dt.timedelta(hours=5, minutes=30)),
            ]
        )
    )
    | st.times()
)
docs = st.dictionaries(
    keys,
    st.recursive(
        scalars,
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(keys, inner, max_size=3),
        max_leaves=12,
    ),
    min_size=1,
    max_size=5,
)


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(docs)
def test_the_copy_reads_as_the_toml(tmp_path_factory, doc):
    path = tmp_path_factory.mktemp("c") / "f.toml"
    data = tomli_w.dumps(doc).encode()
    path.write_bytes(data)
    expected = tomllib.loads(data.decode())
    assert read_checked(data, path, dict) == expected  # parsed, copy written
    assert copy_path(path).exists()
    with pytest.MonkeyPatch.context() as m:
        _no_parser(m)
        got = read_checked(data, path, dict)  # from the copy
    assert got == expected
    assert repr(got) == repr(expected)  # the same types, offsets and digits, not only equal


def test_a_record_from_its_copy_is_the_record_from_its_toml(tmp_path, monkeypatch):
    path = tmp_path / RECORD.name
    path.write_bytes(RECORD.read_bytes())
    first = load_record(path)
    assert copy_path(path).stat().st_mode & 0o077 == 0
    _no_parser(monkeypatch)
    assert load_record(path) == first == formats.load_record_text(RECORD.read_bytes(), "r")


def test_an_edited_record_is_read_from_its_toml(tmp_path):
    path = tmp_path / RECORD.name
    path.write_bytes(RECORD.read_bytes())
    load_record(path)
    text = RECORD.read_text()
    path.write_text(text.replace('stage = "finished"', 'stage = "in_progress"', 1))
    assert load_record(path).stage.value == "in_progress"
    assert load_record(path).stage.value == "in_progress"


def test_a_broken_record_is_refused_even_with_a_copy_of_its_last_good_version(tmp_path):
    path = tmp_path / RECORD.name
    path.write_bytes(RECORD.read_bytes())
    load_record(path)
    path.write_text(RECORD.read_text().replace('stage = "finished"', 'stage = "finished', 1))
    with pytest.raises(FormatError, match="line 3"):
        load_record(path)


def test_a_record_that_does_not_check_leaves_no_copy(tmp_path):
    path = tmp_path / RECORD.name
    path.write_text(RECORD.read_text().replace('stage = "finished"', 'stage = "done"', 1))
    with pytest.raises(FormatError, match="stage"):
        load_record(path)
    assert not copy_path(path).exists()


def _forged(path, **header):
    """A copy whose document says FROM THE COPY, with checksums that hold, and `header` over its own."""
    data = path.read_bytes()
    doc = tomllib.loads(data.decode())
    doc["title"] = "FROM THE COPY"
    dates = []
    body = json.dumps({"doc": parsed_copy._plain(doc, [], dates), "dates": dates}).encode()
    head = {
        "parsed": parsed_copy.LAYOUT,
        "demarche": __version__,
        "toml": hashlib.sha256(data).hexdigest(),
        "body": hashlib.sha256(body).hexdigest(),
        **header,
    }
    copy_path(path).write_bytes(json.dumps(head).encode() + b"\n" + body)


def test_a_forged_copy_that_holds_is_used_so_the_other_tests_can_fail(tmp_path):
    path = tmp_path / RECORD.name
    path.write_bytes(RECORD.read_bytes())
    _forged(path)
    assert load_record(path).title == "FROM THE COPY"


@pytest.mark.parametrize(
    "header",
    [
        {"parsed": parsed_copy.LAYOUT + 1},
        {"demarche": "0.0.0"},
        {"toml": "0" * 64},
        {"body": "0" * 64},
    ],
    ids=["other layout", "other version", "other bytes", "wrong checksum"],
)
def test_a_copy_of_another_version_or_bytes_is_never_used(tmp_path, header):
    path = tmp_path / RECORD.name
    path.write_bytes(RECORD.read_bytes())
    _forged(path, **header)
    title = tomllib.loads(RECORD.read_text())["title"]
    assert load_record(path).title == title
    assert load_record(path).title == title  # the copy written again is the TOML's


@pytest.mark.parametrize("damage", ["cut", "flip", "empty", "not json", "no dates"])
def test_a_damaged_copy_is_never_used(tmp_path, damage):
    path = tmp_path / RECORD.name
    path.write_bytes(RECORD.read_bytes())
    expected = load_record(path)
    cpath = copy_path(path)
    raw = cpath.read_bytes()
    cpath.write_bytes(
        {
            "cut": raw[: len(raw) // 2],
            "flip": raw[:-10] + bytes([raw[-10] ^ 1]) + raw[-9:],
            "empty": b"",
            "not json": raw.partition(b"\n")[0] + b"\n{oops",
            "no dates": raw.replace(b'"dates"', b'"datez"'),
        }[damage]
    )
    assert load_record(path) == expected


def test_a_folder_that_takes_no_copy_still_reads(tmp_path):
    path = tmp_path / RECORD.name
    path.write_bytes(RECORD.read_bytes())
    copy_path(path).mkdir()  # the copy's name taken by a folder
    assert load_record(path) == formats.load_record_text(RECORD.read_bytes(), "r")
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_a_plan_saved_and_a_record_saved_leave_their_copy(workspace, monkeypatch):
    """`demarche import` (save_plan) and each whole save of a record leave the copy the next reader uses."""
    from demarche.model import Outcome
    from demarche.session import MeetingSession
    from demarche.store.storage import load_plan, save_plan

    from ..conftest import FOUNDING_PLAN

    founding = workspace.plans_dir / FOUNDING_PLAN.name
    plan_path = workspace.plans_dir / "again.toml"
    save_plan(load_plan(founding), plan_path)
    assert copy_path(plan_path).exists()
    session = MeetingSession.create(plan_path, workspace)
    first = session.record.agenda[0].id
    session.mark(first, Outcome.DELIVERED)
    session.set_response(first, text="Line one.\r\nLine two.")  # reads back as LF
    assert session.close()
    record = session.path
    assert copy_path(record).exists()
    monkeypatch.setattr(parsed_copy, "MIN_BYTES", 10**9)
    expected = load_record(record)  # from the TOML: no copy for files this small
    monkeypatch.setattr(parsed_copy, "MIN_BYTES", 0)
    _no_parser(monkeypatch)
    assert load_record(record) == expected
    assert expected.entries[0].outcome is Outcome.DELIVERED
    assert expected.entries[0].response.text == "Line one.\nLine two."
    assert load_plan(plan_path) == load_plan(founding)


texts_with_breaks = st.text(st.sampled_from(list('ab \r\n\t"\\\x7f\u00e9')), max_size=12)
written_docs = st.dictionaries(
    keys,
    st.recursive(
        scalars | texts_with_breaks,
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(keys, inner, max_size=3),
        max_leaves=12,
    ),
    min_size=1,
    max_size=5,
)


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(written_docs)
def test_the_copy_left_by_a_save_is_what_parsing_the_saved_text_gives(tmp_path_factory, doc):
    """The save leaves its copy from the document it wrote (no parse): it must read as the text does."""
    from demarche.store.toml_text import dumps

    path = tmp_path_factory.mktemp("w") / "f.toml"
    data = dumps(doc).encode()
    path.write_bytes(data)
    parsed_copy.keep_written(path, data, doc)
    expected = tomllib.loads(data.decode())
    with pytest.MonkeyPatch.context() as m:
        _no_parser(m)
        got = read_checked(data, path, dict)
    assert got == expected
    # The same types, offsets and digits; tables may list their keys in another order
    # (the text puts literals first), which no reader of a plan or record looks at.
    assert repr(_sorted(got)) == repr(_sorted(expected))


def _sorted(v):
    if isinstance(v, dict):
        return sorted((k, _sorted(x)) for k, x in v.items())
    if isinstance(v, list):
        return [_sorted(x) for x in v]
    return v
