"""Fuzzing every command with hostile text and restricted markings.

Hypothesis builds a plan and a meeting record on it in which every text field
(title, subject, sections, item texts, notes for post, cues, place, people,
responses, reasons, follow-ups, notes, comment) may hold Rich markup
(``[/]``, ``[bold]``, ``[link=...]``), control characters (ESC and OSC
sequences, BEL, DEL, C1) or plain words, and whose items carry NOFORN at any
level, REL TO lists with and without the host, or no caveat. Both files are
saved as TOML and every command runs on them in-process. For each:

- the exit code is 0, 1 (search: nothing found) or 2 (a refusal), never a
  traceback (an exception fails the test);
- no control character other than newline and tab is printed, on stdout or
  stderr;
- the outputs that show content open and close with a banner covering the
  highest marking of what they show (show, card, summary, status, search,
  followup list and carry; JSON: the ``marking`` field);
- the non-paper for host RUSSIA carries no item that may not be handed to
  RUSSIA (each item's text has a tag, so the items it carries are known).

Example counts stay small: each example runs some twenty commands.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from demarche.classification import Marking, highest, may_hand_to, parse_marking
from demarche.cli import main
from demarche.model import (
    Brief,
    Deadline,
    Instruction,
    Item,
    ItemKind,
    LeaveBehind,
    Outcome,
    Owner,
    Person,
    Plan,
    PlanSource,
    Priority,
    Record,
    Response,
    Stance,
)
from demarche.store.formats import plan_to_toml, record_to_toml

FUZZ = settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

RAW_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
HOSTILE = [
    "[/]",
    "[bold]",
    "[/bold]",
    "[link=http://example.org]x[/link]",
    "[open]",
    "[closed]",
    "[b]x[/b]",
    "\\",
    "[",
    "\x1b[2J",
    "\x1b]0;PWNED\x07",
    "\x1b[31m",
    "\x07",
    "\x08",
    "\x7f",
    "\x9b2J",
    "\x85",
    "\r",
    "\x00",
    "\x0c",
    "Russia",
    "will",
    "consider",
    "statistics",
    "(see para 9)",
    "[for post]",
    "NOFORN",
    "REL TO FRANCE",
]
texts = st.lists(st.sampled_from(HOSTILE), min_size=0, max_size=5).map(" ".join)
nonempty = texts.map(lambda s: s if s.strip() else "x")
item_markings = st.sampled_from(
    [
        "U",
        "U",
        "SBU",
        "U//NF",
        "SBU//NF",
        "C//NF",
        "C//REL RUSSIA",
        "S//REL FRANCE",
        "C//REL RUSSIA, FRANCE",
        "S",
        "SBU//REL FRANCE",
    ]
).map(parse_marking)
cable_markings = st.sampled_from(["U", "SBU", "C", "S//NF", "C//REL RUSSIA"]).map(parse_marking)
TAG = "ZQ{}X"
AT = dt.datetime(2009, 10, 2, 10, tzinfo=dt.UTC)


@st.composite
def plans(draw) -> Plan:
    n = draw(st.integers(1, 5))
    items = [
        Item(
            id=f"i{k}",
            kind=draw(
                st.sampled_from(
                    [
                        ItemKind.NON_PAPER,
                        ItemKind.NON_PAPER,
                        ItemKind.TALKING_POINT,
                        ItemKind.CONTINGENCY,
                    ]
                )
            ),
            text=f"{draw(nonempty)} {TAG.format(k)}",
            section=draw(texts),
            subsection=draw(texts),
            audience=draw(st.sampled_from(["", "RUSSIA", "[/]", "\x1b[2J"])),
            marking=draw(item_markings),
            priority=draw(st.sampled_from(list(Priority))),
            post_note=draw(texts),
            paragraph=draw(st.sampled_from(["", "9", "[/]"])),
            leave_behind=draw(st.sampled_from([None, True])),
        )
        for k in range(n)
    ]
    ins = Instruction(
        id="STATE 1",
        subject=draw(texts),
        date=dt.date(2009, 9, 21),
        to=["AMEMBASSY MOSCOW"],
        classification=draw(cable_markings),
    )
    deadlines = [Deadline(draw(nonempty), dt.date(2009, 11, 15))]
    return Plan(
        draw(nonempty).strip() or "T",
        ins,
        Brief(draw(texts), draw(texts), draw(texts), LeaveBehind.ALLOWED),
        deadlines=deadlines,
        items=items,
    )


@st.composite
def meetings(draw, plan: Plan) -> Record:
    r = Record.from_plan(plan, PlanSource(path="plans/p.toml", sha256="x"))
    r.marking = draw(st.sampled_from(["U", "SBU", "C", "S//NF"]).map(parse_marking))
    r.notes, r.comment = f"{draw(texts)} QZNOTES", draw(texts)
    m = r.meeting
    m.date, m.place, m.interpreter = AT.date(), draw(texts), draw(texts)
    m.interlocutors = [Person(draw(nonempty), draw(texts), draw(texts))]
    m.participants = [Person(draw(nonempty), draw(texts), draw(texts))]
    for e in r.entries:
        e.cue = draw(texts)
        outcome = draw(st.sampled_from(list(Outcome)))
        if outcome is not Outcome.PENDING:
            r.set_outcome(e.id, outcome, AT)
            e.reason = draw(texts)
        if draw(st.booleans()):
            e.response = Response(
                draw(st.sampled_from(list(Stance))), draw(texts), speaker=draw(texts)
            )
    for _ in range(draw(st.integers(0, 2))):
        fu = r.add_follow_up(
            draw(nonempty),
            draw(st.sampled_from(list(Owner))),
            draw(st.none() | st.just(dt.date(2009, 11, 1))),
            AT,
        )
        if draw(st.booleans()):
            r.close_follow_up(fu.id, dt.date(2009, 10, 20), draw(texts))
    return r


def run(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse
        code = int(exc.code or 0)
    cap = capsys.readouterr()
    return code, cap.out, cap.err


def banner_lines(out: str) -> tuple[Marking, Marking]:
    lines = [ln.strip().strip("*").strip() for ln in out.strip().splitlines()]
    return parse_marking(lines[0]), parse_marking(lines[-1])


def assert_marked(out: str, content: Marking, what: str) -> None:
    first, last = banner_lines(out)
    assert first.covers(content) and last.covers(content), (what, first, last, content)


@pytest.fixture
def cwd(monkeypatch):
    monkeypatch.setenv("COLUMNS", "160")
    return monkeypatch


@FUZZ
@given(data=st.data())
def test_every_command_on_hostile_text_and_restricted_items(cwd, capsys, data):
    plan = data.draw(plans())
    record = data.draw(meetings(plan))
    root = Path(tempfile.mkdtemp(prefix="demarche-fuzz-"))
    try:
        _run_everything(cwd, capsys, plan, record, root)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _run_everything(cwd, capsys, plan: Plan, record: Record, root: Path) -> None:
    (root / "plans").mkdir()
    (root / "records").mkdir()
    (root / "plans" / "p.toml").write_text(plan_to_toml(plan), encoding="utf-8")
    (root / "records" / "2009-10-02-r.toml").write_text(record_to_toml(record), encoding="utf-8")
    cwd.setenv("DEMARCHE_HOME", str(root))
    cwd.chdir(root)
    P, R = "plans/p.toml", "records/2009-10-02-r.toml"
    plan_level, record_level = plan.overall_marking(), record.overall_marking()
    everything = highest([plan_level, record_level])

    outputs: dict[str, tuple[int, str, str]] = {}
    for argv in (
        ["check", P, R],
        ["show", P],
        ["show", R],
        ["card", P],
        ["card", R],
        ["summary", R],
        ["summary", "--format", "markdown", R],
        ["report", R],
        ["status"],
        ["status", "--format", "markdown"],
        ["status", "--json"],
        ["search", "QZNOTES"],
        ["search", "--json", "QZNOTES"],
        ["followup", "list", "--all"],
        ["followup", "list", "--all", "--json"],
        ["followup", "carry", P],
        ["nonpaper", "--host", "RUSSIA", P],
        ["nonpaper", "--host", "RUSSIA", R],
        ["nonpaper", "--host", "RUSSIA", "--omit-restricted", R],
        ["nonpaper", "--format", "markdown", "--host", "RUSSIA", P],
    ):
        code, out, err = run(capsys, *argv)
        key = " ".join(argv)
        outputs[key] = (code, out, err)
        assert code in (0, 1, 2), (key, code, err)
        assert code != 1 or argv[0] == "search", key
        assert not RAW_CONTROL.search(out), (key, RAW_CONTROL.search(out))
        assert not RAW_CONTROL.search(err), (key, RAW_CONTROL.search(err))

    for key, content in (
        ("show " + P, plan_level),
        ("show " + R, record_level),
        ("card " + P, plan_level),
        ("card " + R, record_level),
        ("summary " + R, record_level),
        ("summary --format markdown " + R, record_level),
        ("status", everything),
        ("status --format markdown", everything),
        ("search QZNOTES", record_level),
        ("followup carry " + P, plan_level),
    ):
        code, out, _ = outputs[key]
        assert code == 0, key
        assert_marked(out, content, key)
    code, out, _ = outputs["followup list --all"]
    if record.follow_ups:
        assert_marked(out, record_level, "followup list")
        assert parse_marking(
            json.loads(outputs["followup list --all --json"][1])["marking"]
        ).covers(record_level)
    assert parse_marking(json.loads(outputs["status --json"][1])["marking"]).covers(everything)
    assert parse_marking(json.loads(outputs["search --json QZNOTES"][1])["marking"]).covers(
        record_level
    )

    items = {str(k): it for k, it in enumerate(plan.items)}
    for key in (
        "nonpaper --host RUSSIA " + P,
        "nonpaper --host RUSSIA " + R,
        "nonpaper --host RUSSIA --omit-restricted " + R,
        "nonpaper --format markdown --host RUSSIA " + P,
    ):
        code, out, err = outputs[key]
        if code == 2:
            assert out == "" and len(err.strip().splitlines()) == 1, (key, err)
            continue
        carried = [items[n] for n in re.findall(r"ZQ(\d+)X", out)]
        assert carried, key
        for it in carried:
            assert may_hand_to(it.marking, "RUSSIA"), (key, it.id, it.marking)
        first, last = (
            banner_lines(out)
            if highest([i.marking for i in carried]).level.classified
            else (None, None)
        )
        if first is not None:
            assert not first.noforn and "RUSSIA" in first.rel_to, (key, first)
