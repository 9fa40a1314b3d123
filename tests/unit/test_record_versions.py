"""Record format versions: version 1 records read, upgrade and report without loss; version 2 round-trips.

The version 1 layout is docs/FORMAT.md's: the version 2 layout without
exchanges, statements, other business, short names, key, theme, side and the
note's cable flag. A version 1 file is made here by writing a record that has
none of those and stamping it ``demarche.record/1``; that nothing of version 2
leaked into it is checked on the text itself.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from hypothesis import HealthCheck, given, settings, strategies as st

from demarche.model import Outcome, Person, Quoting, Response, Side, Stance
from demarche.outputs.reporting_cable import draft_reporting_cable
from demarche.session import MeetingSession
from demarche.store.formats import (
    RECORD_SCHEMA,
    RECORD_SCHEMA_V1,
    dumps,
    load_record_text,
    record_to_dict,
    record_to_toml,
)
from demarche.store.settings import PostConfig
from demarche.store.storage import load_record, version_1_copy

from .test_formats import records, text_st

V2_KEYS = (
    "exchanges",
    "statements",
    "other_business",
    "short",
    "notes_for_cable",
    "side",
    "key",
    "theme",
)


def as_version_1(record) -> str:
    doc = record_to_dict(record)
    doc["schema"] = RECORD_SCHEMA_V1
    text = dumps(doc)
    for key in V2_KEYS:
        assert f"\n{key} =" not in text and f"[{key}]" not in text and f".{key}]" not in text, key
    return text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records())
def test_every_version_1_record_reads_upgrades_and_reports_without_loss(record):
    v1 = as_version_1(record)
    read = load_record_text(v1.encode(), "old.toml")
    assert read.read_version == 1
    assert read == record  # nothing lost, nothing invented
    again = load_record_text(record_to_toml(read).encode(), "new.toml")
    assert again == record and again.read_version == 2
    assert record_to_toml(read).startswith(f'schema = "{RECORD_SCHEMA}"')
    if record.entries and record.stage.value != "prepared":  # a meeting never held is not reported
        config = PostConfig()
        today = dt.date(2010, 1, 1)
        assert draft_reporting_cable([read], config, today=today) == draft_reporting_cable(
            [record], config, today=today
        )


exchange_st = st.builds(
    Response,
    stance=st.none() | st.sampled_from(list(Stance)),
    text=text_st,
    quoting=st.sampled_from(list(Quoting)),
    speaker=text_st,
    side=st.sampled_from(list(Side)),
    key=st.booleans(),
    theme=text_st,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records(), st.data())
def test_version_2_round_trips_the_whole_conversation(record, data):
    for e in record.entries:
        e.exchanges = data.draw(st.lists(exchange_st, max_size=3))
    record.statements = data.draw(st.lists(exchange_st, max_size=2))
    record.other_business = data.draw(st.lists(exchange_st, max_size=2))
    record.notes_for_cable = data.draw(st.booleans())
    record.meeting.interlocutors = [
        replace(p, short=data.draw(text_st)) for p in record.meeting.interlocutors
    ]
    again = load_record_text(record_to_toml(record).encode(), "r.toml")
    assert again == record


def test_a_version_1_file_is_kept_as_dot_v1_on_the_first_change(workspace):
    """Opened and shown: unchanged on disk. First change: written as v2, the v1 bytes kept beside it."""
    made = MeetingSession.create(workspace.plans_dir / "russia-tip-tier2-2009.toml", workspace)
    path = made.path
    made.close()
    rec = load_record(path)
    rec.meeting.interlocutors = [Person("Aleksey Ivanov", "Deputy Director", "MFA")]
    rec.entry("tp-1").outcome = Outcome.DELIVERED
    rec.entry("tp-1").response = Response(text="They will study it.", speaker="Ivanov")
    v1 = as_version_1(rec)
    path.write_text(v1, encoding="utf-8")

    session = MeetingSession.open(path)
    try:
        assert session.record.entry("tp-1").response.text == "They will study it."
        assert session.saver.flush()
        assert path.read_text(encoding="utf-8") == v1  # reading changes nothing
        session.set_response("tp-2", text="No comment.")
        assert session.saver.flush()
    finally:
        session.close()
    keep = version_1_copy(path)
    assert keep.name == f".{path.name}.v1" and keep.read_text(encoding="utf-8") == v1
    now = load_record(path)
    assert now.read_version == 2 and path.read_text(encoding="utf-8").startswith(
        f'schema = "{RECORD_SCHEMA}"'
    )
    assert (now.entry("tp-1").response.text, now.entry("tp-2").response.text) == (
        "They will study it.",
        "No comment.",
    )
    assert now.meeting.interlocutors == [Person("Aleksey Ivanov", "Deputy Director", "MFA")]
    assert load_record(keep).read_version == 1  # the kept file still reads


def test_a_person_is_called_by_the_short_name_else_the_surname():
    assert Person("Walid al-Mu'allim", short="Mu'allim").called == "Mu'allim"
    assert Person("Aleksey Ivanov").called == "Ivanov"
