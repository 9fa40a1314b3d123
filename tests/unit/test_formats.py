"""Plan and record files: validation errors name the file and key path; round trips are exact."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from demarche.classification import Level, Marking
from demarche.errors import FormatError
from demarche.store.formats import (
    load_plan_text,
    load_record_text,
    plan_to_toml,
    record_to_toml,
)
from demarche.model import (
    Entry,
    FollowUp,
    FollowUpStatus,
    Instruction,
    Item,
    ItemKind,
    Meeting,
    Outcome,
    Owner,
    Person,
    Plan,
    PlanSource,
    Priority,
    Quoting,
    Record,
    Response,
    Stage,
    Stance,
)

MINIMAL = textwrap.dedent(
    """\
    schema = "demarche.plan/1"
    title = "Test"

    [instruction]
    id = "STATE 1"
    classification = "U"

    [[items]]
    id = "tp-1"
    kind = "talking_point"
    section = "Talking points"
    marking = "U"
    text = "Hello."
    """
)


def problems(text: str, loader=load_plan_text) -> list[str]:
    with pytest.raises(FormatError) as err:
        loader(text.encode(), "plans/x.toml")
    return [str(p) for p in err.value.problems]


def test_minimal_plan_loads():
    plan = load_plan_text(MINIMAL.encode(), "x")
    assert plan.items[0].text == "Hello."
    assert plan.items[0].kind is ItemKind.TALKING_POINT


def test_syntax_error_names_line_and_column():
    [msg] = problems(MINIMAL + "oops = = 3\n")
    assert msg.startswith("plans/x.toml: line 14, column 8")
    assert "TOML syntax error" in msg


def test_unknown_schema():
    [msg] = problems(MINIMAL.replace("demarche.plan/1", "demarche.plan/9"))
    assert (
        msg == 'plans/x.toml: schema: unknown schema "demarche.plan/9" (expected "demarche.plan/1")'
    )


def test_missing_schema():
    [msg] = problems(MINIMAL.replace('schema = "demarche.plan/1"\n', ""))
    assert msg.startswith("plans/x.toml: schema: missing required key")


def test_wrong_kind_names_the_key_path():
    [msg] = problems(MINIMAL.replace('kind = "talking_point"', 'kind = "talking_pt"'))
    assert msg == (
        'plans/x.toml: items[0].kind: expected one of talking_point, non_paper, contingency, found "talking_pt"'
    )


def test_wrong_type():
    [msg] = problems(MINIMAL.replace('title = "Test"', "title = 3"))
    assert msg == "plans/x.toml: title: expected text, found a number (3)"


def test_missing_required_keys():
    msgs = problems(MINIMAL.replace('marking = "U"\n', "").replace('text = "Hello."\n', ""))
    assert "plans/x.toml: items[0].marking: missing required key" in msgs
    assert "plans/x.toml: items[0].text: missing required key" in msgs


def test_missing_classification_is_an_error_not_unclassified():
    msgs = problems(MINIMAL.replace('classification = "U"\n', ""))
    assert msgs == ["plans/x.toml: instruction.classification: missing required key"]


def test_unknown_key():
    msgs = problems(MINIMAL + 'colour = "red"\n')
    assert msgs == ["plans/x.toml: items[0].colour: unknown key"]


def test_duplicate_ids():
    dup = (
        MINIMAL + '\n[[items]]\nid = "tp-1"\nkind = "non_paper"\nmarking = "SBU"\ntext = "Again."\n'
    )
    msgs = problems(dup)
    assert msgs == ['plans/x.toml: items[1].id: duplicate id "tp-1" (also at items[0])']


def test_bad_marking():
    [msg] = problems(MINIMAL.replace('marking = "U"', 'marking = "Q"'))
    assert msg.startswith("plans/x.toml: items[0].marking: unknown classification level")


def test_every_problem_is_listed_at_once():
    text = MINIMAL.replace('title = "Test"', "title = 3").replace(
        'kind = "talking_point"', 'kind = "x"'
    )
    assert len(problems(text)) == 2


@pytest.mark.parametrize(
    "data, expected",
    [
        (b"", "the file is empty"),
        (b"   \n", "the file is empty"),
        (b"\x00\x01\x02", "binary data"),
        (b'title = "caf\xe9"\n', "not UTF-8 text"),
    ],
)
def test_unreadable_bytes(data, expected):
    with pytest.raises(FormatError) as err:
        load_plan_text(data, "plans/x.toml")
    assert expected in str(err.value)
    assert str(err.value).startswith("plans/x.toml: ")


def test_record_error_paths():
    text = textwrap.dedent(
        """\
        schema = "demarche.record/1"
        title = "T"
        stage = "done"
        [instruction]
        id = "STATE 1"
        classification = "U"
        [[items]]
        id = "tp-1"
        kind = "talking_point"
        marking = "U"
        text = "x"
        outcome = "given"
        [items.response]
        stance = "angry"
        """
    )
    msgs = problems(text, load_record_text)
    assert (
        'plans/x.toml: stage: expected one of prepared, in_progress, finished, reported, found "done"'
        in msgs
    )
    assert any(
        m.startswith("plans/x.toml: items[0].outcome: expected one of pending") for m in msgs
    )
    assert any(
        m.startswith("plans/x.toml: items[0].response.stance: expected one of receptive")
        for m in msgs
    )


# -- round trips ------------------------------------------------------------

text_st = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\r"), max_size=40
)
ident = st.from_regex(r"[a-z]{1,4}-[0-9]{1,3}", fullmatch=True)
marking_st = st.builds(
    Marking,
    level=st.sampled_from(list(Level)),
    noforn=st.booleans(),
    rel_to=st.lists(st.sampled_from(["SYRIA", "FRANCE"]), unique=True, max_size=2).map(tuple),
)
aware = st.datetimes(
    min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2100, 1, 1), timezones=st.just(dt.UTC)
).map(lambda d: d.replace(microsecond=0))
dates = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 1, 1))


@st.composite
def items(draw, n):
    ids = draw(st.lists(ident, min_size=n, max_size=n, unique=True))
    return [
        Item(
            id=i,
            kind=draw(st.sampled_from(list(ItemKind))),
            text=draw(text_st.filter(str.strip)),
            section=draw(text_st),
            subsection=draw(text_st),
            audience=draw(text_st),
            marking=draw(marking_st),
            priority=draw(st.sampled_from(list(Priority))),
            post_note=draw(text_st),
            paragraph=draw(st.sampled_from(["", "8", "9"])),
            leave_behind=draw(st.sampled_from([None, True, False])),
        )
        for i in ids
    ]


@st.composite
def records(draw):
    its = draw(items(draw(st.integers(0, 5))))
    entries = [
        Entry(
            item=i,
            included=draw(st.booleans()),
            cue=draw(text_st),
            outcome=draw(st.sampled_from(list(Outcome))),
            outcome_at=draw(st.none() | aware),
            response=Response(
                stance=draw(st.none() | st.sampled_from(list(Stance))),
                text=draw(text_st),
                quoting=draw(st.sampled_from(list(Quoting))),
                speaker=draw(text_st),
            ),
            handed_over=draw(st.booleans()),
            handed_over_at=draw(st.none() | aware),
            reason=draw(text_st),
        )
        for i in its
    ]
    fus = [
        FollowUp(
            id=f"f{k}",
            what=draw(text_st.filter(str.strip)),
            owner=draw(st.sampled_from(list(Owner))),
            due=draw(st.none() | dates),
            status=draw(st.sampled_from(list(FollowUpStatus))),
            created_at=draw(st.none() | aware),
            closed_at=draw(st.none() | dates),
            close_note=draw(text_st),
        )
        for k in range(draw(st.integers(0, 3)))
    ]
    person = st.builds(Person, name=text_st.filter(str.strip), title=text_st, organisation=text_st)
    return Record(
        title=draw(text_st.filter(str.strip)),
        instruction=Instruction(
            id=draw(text_st.filter(str.strip)),
            subject=draw(text_st),
            date=draw(st.none() | dates),
            classification=draw(marking_st),
            tags=draw(st.lists(text_st.filter(str.strip), max_size=3)),
        ),
        entries=entries,
        plan=PlanSource(path=draw(text_st), sha256=draw(text_st)),
        stage=draw(st.sampled_from(list(Stage))),
        meeting=Meeting(
            date=draw(st.none() | dates),
            start=draw(st.none() | aware),
            place=draw(text_st),
            interlocutors=draw(st.lists(person, max_size=2)),
            participants=draw(st.lists(person, max_size=2)),
            interpreter=draw(text_st),
        ),
        follow_ups=fus,
        notes=draw(text_st),
        comment=draw(text_st),
        current=entries[0].id if entries else "",
        marking=draw(marking_st),
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records())
def test_record_round_trip(record):
    again = load_record_text(record_to_toml(record).encode(), "r.toml")
    assert again == record


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 6).flatmap(items))
def test_plan_round_trip(its):
    plan = Plan(title="T", instruction=Instruction(id="STATE 1"), items=its)
    assert load_plan_text(plan_to_toml(plan).encode(), "p.toml") == plan


def test_founding_plan_round_trips_to_the_same_text():
    path = Path(__file__).resolve().parents[2] / "plans" / "russia-tip-tier2-2009.toml"
    plan = load_plan_text(path.read_bytes(), str(path))
    assert plan_to_toml(plan) == path.read_text()


def test_the_same_bad_marking_on_two_items_is_reported_twice():
    """Markings are parsed once per spelling: a wrong one is still a problem at each place it is."""
    item = (
        '\n[[items]]\nid = "tp-{n}"\nkind = "talking_point"\nmarking = "Q//NF"\ntext = "Point."\n'
    )
    text = MINIMAL.replace('marking = "U"', 'marking = "Q//NF"') + item.format(n=2)
    msgs = problems(text)
    assert [m.split(": ")[1] for m in msgs] == ["items[0].marking", "items[1].marking"]
    assert all("unknown classification level 'Q'" in m for m in msgs)
