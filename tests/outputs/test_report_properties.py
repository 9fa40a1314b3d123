"""Properties of the reporting-cable draft over generated meetings, as issue 14 states them.

- no "said" frame around a note that already names its speaker;
- no run of ten words of a talking point's text in the draft (points are named by label);
- no paragraph marked below what it carries;
- no NOFORN from parts that hold none;
- the subject is never (U) in a classified cable unless the officer marked it so.
"""

from __future__ import annotations

import datetime as dt
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from demarche.cable.labels import seed_label
from demarche.classification import Level, Marking, highest, parse_marking
from demarche.model import (
    Instruction,
    Item,
    ItemKind,
    Outcome,
    Person,
    Plan,
    Quoting,
    Record,
    Response,
    Side,
    Stage,
    Stance,
)
from demarche.outputs.reported_speech import names_speaker
from demarche.outputs.reporting_cable import draft_reporting_cable
from demarche.store.settings import PostConfig

SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CONFIG = PostConfig(post="MOSCOW", signature="Beyrle")
TODAY = dt.date(2009, 10, 3)

# Point words use letters a-m, what was said n-z, so a run of a point's words can only come from the point.
point_words = st.text("abcdefghijklm", min_size=2, max_size=7)
said_words = st.text("nopqrstuvwxyz", min_size=2, max_size=7)
markings = st.sampled_from(
    ["U", "SBU", "C", "C//REL RUSSIA", "S", "S//REL RUSSIA", "S//NF", "S//REL RUSSIA, UK"]
).map(parse_marking)
PEOPLE = [
    Person("Aleksey Petrov", "Director", "MFA", "Petrov"),
    Person("Irina Volkova", "Counselor", "MFA", "Volkova"),
]
VERBS = ["denied", "argued", "promised", "insisted", "rejected", "welcomed", "said", "noted"]


@st.composite
def notes(draw, token: str) -> Response:
    """An exchange: reported speech naming its speaker, a bare fragment, or verbatim words; a unique token in it."""
    side = draw(st.sampled_from([Side.HOST, Side.HOST, Side.US]))
    speaker = draw(st.sampled_from(["Petrov", "Volkova", ""])) if side is Side.HOST else ""
    words = " ".join(draw(st.lists(said_words, min_size=2, max_size=8)))
    style = draw(st.sampled_from(["reported", "fragment", "verbatim"]))
    if style == "reported" and speaker:
        text = f"{speaker} {draw(st.sampled_from(VERBS))} {token} {words}."
    else:
        text = f"{token} {words}"
    return Response(
        stance=draw(st.none() | st.sampled_from(list(Stance))),
        text=text,
        speaker=speaker,
        side=side,
        quoting=Quoting.VERBATIM if style == "verbatim" else Quoting.PARAPHRASE,
        key=draw(st.booleans()),
        theme=draw(st.sampled_from(["", "", "Alpha", "Beta"])),
        marking=draw(st.none() | markings),
    )


@st.composite
def meetings(draw) -> Record:
    n = draw(st.integers(1, 6))
    items = []
    for i in range(n):
        text = " ".join(draw(st.lists(point_words, min_size=4, max_size=30)))
        items.append(
            Item(
                id=f"tp-{i + 1}",
                kind=draw(
                    st.sampled_from(
                        [ItemKind.TALKING_POINT, ItemKind.TALKING_POINT, ItemKind.NON_PAPER]
                    )
                ),
                text=text,
                marking=draw(markings),
                paragraph=draw(st.sampled_from(["3", "4"])),
                label=draw(st.sampled_from(["", seed_label(text)])),
            )
        )
    plan = Plan(
        "Generated",
        Instruction(
            id="STATE 1", subject="RUSSIA: TEST", to=["AMEMBASSY MOSCOW"], tags=["PREL", "RS"]
        ),
        items=items,
    )
    r = Record.from_plan(plan)
    r.stage = Stage.FINISHED
    r.marking = draw(markings)
    r.meeting.date = dt.date(2009, 10, 2)
    r.meeting.interlocutors = list(PEOPLE)
    r.meeting.participants = [Person("Jane Miller", "PolOff")]
    token = iter(range(1000))
    for e in r.entries:
        e.outcome = draw(st.sampled_from(list(Outcome)))
        talk = [draw(notes(f"QZ{next(token)}X")) for _ in range(draw(st.integers(0, 3)))]
        if talk:
            e.response, e.exchanges = talk[0], talk[1:]
    r.statements = [draw(notes(f"QZ{next(token)}X")) for _ in range(draw(st.integers(0, 2)))]
    r.other_business = [draw(notes(f"QZ{next(token)}X")) for _ in range(draw(st.integers(0, 2)))]
    if draw(st.booleans()):
        r.subject = draw(
            st.sampled_from(
                ["RUSSIA: PETROV SAYS NO", "(U) RUSSIA: PETROV SAYS NO", "(C) RUSSIA: NEWS"]
            )
        )
    return r


def paragraphs(text: str) -> list[tuple[Marking, str]]:
    out = []
    for block in text.split("\n\n"):
        m = re.match(r"^\d+\. \(([^)]+)\) ", block)
        if m:
            out.append((parse_marking(m.group(1)), " ".join(block.split())))
    return out


def exchanges(r: Record) -> list[tuple[Response, Item | None]]:
    return [(x, e.item) for e in r.entries for x in e.conversation] + [
        (x, None) for x in r.statements + r.other_business
    ]


@SETTINGS
@given(meetings())
def test_no_said_frame_around_a_note_that_names_its_speaker(r):
    flat = " ".join(draft_reporting_cable([r], CONFIG, today=TODAY).split())
    for x, _ in exchanges(r):
        if x.quoting.value == "paraphrase" and names_speaker(x.text, ["Petrov", "Volkova"]):
            body = x.text[:-1] if x.text.endswith(".") else x.text
            assert body in flat  # used as it is
            for name in ("Petrov", "Volkova", "Director", "PolOff"):
                assert f"{name} said {x.text[:1]}" not in flat.replace(
                    f"{name} said {x.text[:1].lower()}", ""
                )
                assert not re.search(
                    rf"\b(?:said|replied that|responded that) {re.escape(body[:20])}", flat
                )


@SETTINGS
@given(meetings())
def test_no_ten_word_run_of_a_point_in_the_draft(r):
    words = " ".join(draft_reporting_cable([r], CONFIG, today=TODAY).split()).split()
    runs = {" ".join(words[i : i + 10]) for i in range(len(words) - 9)}
    for e in r.entries:
        t = e.item.text.split()
        for i in range(len(t) - 9):
            assert " ".join(t[i : i + 10]) not in runs


@SETTINGS
@given(meetings())
def test_no_paragraph_below_what_it_carries(r):
    text = draft_reporting_cable([r], CONFIG, today=TODAY)
    paras = paragraphs(text)
    for mk, _ in paras:
        assert mk.level >= r.marking.level
    for x, item in exchanges(r):
        token = re.search(r"QZ\d+X", x.text).group(0)  # type: ignore[union-attr]
        for mk, body in paras:
            if re.search(rf"\b{token}\b", body):
                floor = highest(
                    [Marking(m.level, noforn=m.noforn) for m in (r.marking, x.marking or r.marking)]
                )
                assert mk.level >= floor.level and (mk.noforn or not floor.noforn)
                if item is not None and not body.startswith(("1. ", "2. ")):
                    assert mk.level >= item.marking.level


@SETTINGS
@given(meetings())
def test_no_noforn_from_parts_holding_none(r):
    parts = [
        r.marking,
        *(e.item.marking for e in r.entries),
        *(x.marking for x, _ in exchanges(r) if x.marking),
    ]
    text = draft_reporting_cable([r], CONFIG, today=TODAY)
    if not any(m.noforn for m in parts):
        assert "NOFORN" not in text and "/NF)" not in text
        assert not re.search(
            r"^\d+\. \([^)]*REL", text, re.M
        )  # nor a REL TO the reporting never had


@SETTINGS
@given(meetings())
def test_subject_never_unclassified_in_a_classified_cable_unless_marked_so(r):
    text = draft_reporting_cable([r], CONFIG, today=TODAY)
    if text.startswith(("S E C R E T", "C O N F I D E N T I A L", "T O P")):
        subject = text.split("SUBJECT: ", 1)[1]
        if not r.subject.startswith("(U)"):
            assert not subject.startswith("(U)")
        level = Level.S if text.startswith("S E C R E T") else Level.C
        if not r.subject.startswith("("):
            assert parse_marking(subject[1 : subject.index(")")]).level == level
