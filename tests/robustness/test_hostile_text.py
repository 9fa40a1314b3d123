"""Hostile text and the classified boundary: markup, control characters, NOFORN and REL TO.

What a person typed, a cable held or a hand edit put into a plan or record
is data. These tests hold the promises of README's reliability lines:

- no text is ever read as Rich or Textual markup (``[/]`` crashed toasts and
  commands, ``[open]`` vanished from ``show``);
- no control character (C0 but newline and tab, DEL, C1) reaches a terminal
  or a file raw: outputs show it in caret notation (``^[``), ``check`` warns;
- whatever prints content prints its highest marking first and last
  (JSON: a field);
- NOFORN at any level and a REL TO list without the host country are never
  handed over in a non-paper.

Each expectation comes from the rule as written (DOMAIN.md, the issue), never
from today's output.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from demarche.classification import may_hand_to, parse_marking, release_refusal
from demarche.cli import main
from demarche.display import controls_in, has_controls, visible
from demarche.errors import DemarcheError
from demarche.model import (
    Instruction,
    Item,
    ItemKind,
    LeaveBehind,
    Brief,
    Outcome,
    Owner,
    Person,
    Plan,
    PlanSource,
    Record,
    Response,
    Stance,
)
from demarche.outputs.leave_behind import draft_non_paper, withheld_items
from demarche.store.formats import plan_to_toml, record_to_toml
from demarche.store.settings import config_from_dict
from demarche.store.storage import load_plan

from ..conftest import FOUNDING_PLAN

RAW_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""What must never be printed: the C0 controls but tab and newline, DEL, C1."""

EVIL_TITLE = "Evil \x1b[2J\x1b]0;PWNED\x07 [bold]plan[/] [link=http://x]y[/link]"
EVIL_FOLLOW_UP = "Send the statistics [/] by Friday \x1b[2J\x9b31m"
TZ = dt.UTC


def run(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:
        code = int(exc.code or 0)
    cap = capsys.readouterr()
    return code, cap.out, cap.err


# ---------------------------------------------------------------------------
# The rules, one by one
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, shown",
    [
        ("\x1b[2J", "^[[2J"),
        ("\x07", "^G"),
        ("\x00", "^@"),
        ("\x7f", "^?"),
        ("\x9b", "M-^["),
        ("\r", "^M"),
        ("a\tb\nc", "a\tb\nc"),
    ],
)
def test_control_characters_are_shown_in_caret_notation(raw, shown):
    assert visible(raw) == shown
    assert not RAW_CONTROL.search(visible(raw))
    assert has_controls(raw) == (raw != shown)


def test_controls_in_names_the_key_path():
    tree = {
        "title": "ok",
        "items": [{"text": "fine"}, {"text": "bad \x1b]0;x\x07"}],
        "meeting": {"place": "\x7f"},
    }
    assert controls_in(tree) == [("items[1].text", "^["), ("meeting.place", "^?")]


@pytest.mark.parametrize("marking", ["SBU//NF", "U//NF", "C//NF", "S//NF", "TS//NF"])
def test_noforn_at_any_level_is_never_handed_over(marking):
    m = parse_marking(marking)
    assert not may_hand_to(m, "RUSSIA") and not may_hand_to(m, "")
    assert "NF" in release_refusal(m, "RUSSIA")


@pytest.mark.parametrize(
    "marking, host, allowed",
    [
        ("C//REL RUSSIA", "RUSSIA", True),
        ("C//REL RUSSIA", "russia ", True),
        ("S//REL TO USA, FRANCE", "FRANCE", True),
        ("S//REL TO USA, FRANCE", "RUSSIA", False),
        ("SBU//REL FRANCE", "RUSSIA", False),
        ("C//REL RUSSIA", "", False),  # host unknown: the list cannot be checked
        ("C", "RUSSIA", False),  # classified, no release marking
        ("U", "", True),
        ("SBU", "RUSSIA", True),
    ],
)
def test_release_to_the_host(marking, host, allowed):
    assert may_hand_to(parse_marking(marking), host) is allowed


def _plan_with(markings: list[str]) -> Plan:
    items = [
        Item(f"np-{n}", ItemKind.NON_PAPER, f"Item {n} text QZ{n}X.", marking=parse_marking(m))
        for n, m in enumerate(markings, 1)
    ]
    return Plan(
        "T",
        Instruction(id="STATE 1", to=["AMEMBASSY MOSCOW"]),
        Brief(leave_behind=LeaveBehind.ALLOWED),
        items=items,
    )


@pytest.mark.parametrize("bad", ["SBU//NF", "U//NF", "C//REL FRANCE", "S//REL NATO"])
def test_the_non_paper_refuses_an_item_not_for_the_host_and_names_it(bad):
    plan = _plan_with(["U", bad, "C//REL RUSSIA"])
    with pytest.raises(DemarcheError) as exc:
        draft_non_paper(plan, host="RUSSIA", file="plans/p.toml")
    assert str(exc.value).startswith("plans/p.toml: ") and "np-2" in str(exc.value)
    assert "\n" not in str(exc.value)


def test_the_non_paper_leaves_restricted_items_out_on_request():
    plan = _plan_with(["U", "SBU//NF", "C//REL RUSSIA", "S//REL FRANCE"])
    paper = draft_non_paper(plan, host="RUSSIA", omit_restricted=True)
    assert "QZ1X" in paper and "QZ3X" in paper
    assert "QZ2X" not in paper and "QZ4X" not in paper
    assert [i.id for i, _ in withheld_items(plan, "RUSSIA")] == ["np-2", "np-4"]
    lines = paper.rstrip().splitlines()
    assert lines[0] == lines[-1] == "CONFIDENTIAL//REL TO RUSSIA"


def test_a_rel_to_item_needs_a_known_host():
    plan = _plan_with(["C//REL RUSSIA"])
    with pytest.raises(DemarcheError, match="host country is not known"):
        draft_non_paper(plan)
    assert "QZ1X" in draft_non_paper(plan, host="RUSSIA")


def test_clipboard_setting_is_a_boolean():
    assert config_from_dict({"post": {"clipboard": False}}).clipboard is False
    assert config_from_dict({}).clipboard is True
    with pytest.raises(DemarcheError, match="post.clipboard: expected true or false"):
        config_from_dict({"post": {"clipboard": "no"}}, "demarche.toml")


# ---------------------------------------------------------------------------
# The commands on a hostile workspace
# ---------------------------------------------------------------------------


@pytest.fixture
def hostile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A workspace with a S//NF plan whose texts hold markup and escapes, and one meeting on it."""
    root = tmp_path / "ws"
    (root / "plans").mkdir(parents=True)
    (root / "records").mkdir()
    p = load_plan(FOUNDING_PLAN)
    p.title = EVIL_TITLE
    p.instruction.classification = parse_marking("S//NF")
    p.items[0].text = "Point with [/] and [bold]b[/bold] and \x1b[31mred\x1b[0m [open]"
    (root / "plans" / "evil.toml").write_text(plan_to_toml(p), encoding="utf-8")
    r = Record.from_plan(p, PlanSource(path="plans/evil.toml", sha256="x"))
    at = dt.datetime(2009, 10, 2, 10, tzinfo=TZ)
    r.meeting.date = at.date()
    r.meeting.place = "MFA [/] \x1b]0;T\x07"
    r.meeting.interlocutors = [Person("Ivanov [/]", "Director", "MFA")]
    r.set_outcome(r.entries[0].id, Outcome.DELIVERED, at)
    r.entries[0].response = Response(
        Stance.OBJECTED, "They said [/] no \x1b[2J", speaker="Ivanov [b]"
    )
    r.add_follow_up(EVIL_FOLLOW_UP, Owner.HOST, dt.date(2009, 10, 9), at)
    r.add_follow_up("Closed one", Owner.US, None, at)
    r.close_follow_up("f2", dt.date(2009, 10, 3))
    r.notes = "notes [bold]x \x1b[2J"
    (root / "records" / "2009-10-02-evil.toml").write_text(record_to_toml(r), encoding="utf-8")
    monkeypatch.setenv("DEMARCHE_HOME", str(root))
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.chdir(root)
    return root


COMMANDS = [
    ["show", "plans/evil.toml"],
    ["show", "records/2009-10-02-evil.toml"],
    ["search", "statistics"],
    ["search", "--json", "statistics"],
    ["summary", "records/2009-10-02-evil.toml"],
    ["summary", "--format", "markdown", "records/2009-10-02-evil.toml"],
    ["status"],
    ["status", "--format", "markdown"],
    ["status", "--json"],
    ["followup", "list"],
    ["followup", "list", "--all", "--json"],
    ["followup", "carry", "plans/evil.toml"],
    ["nonpaper", "plans/evil.toml"],
    ["card", "plans/evil.toml"],
    ["card", "records/2009-10-02-evil.toml"],
    ["report", "records/2009-10-02-evil.toml"],
    ["check", "plans/evil.toml", "records/2009-10-02-evil.toml"],
]


@pytest.mark.parametrize("argv", COMMANDS, ids=[" ".join(a) for a in COMMANDS])
def test_no_command_crashes_on_markup_or_writes_a_control_character(hostile, capsys, argv):
    code, out, err = run(capsys, *argv)
    assert code in (0, 2), (code, err)
    assert "Traceback" not in out + err
    assert not RAW_CONTROL.search(out), RAW_CONTROL.search(out)
    assert not RAW_CONTROL.search(err), RAW_CONTROL.search(err)


def test_show_prints_markup_as_typed_and_keeps_the_follow_up_state(hostile, capsys):
    code, out, _ = run(capsys, "show", "records/2009-10-02-evil.toml")
    assert code == 0
    assert "[open] f1" in out and "[closed] f2" in out
    assert "Send the statistics [/] by Friday ^[[2J" in out
    assert "[bold]b[/bold]" in out
    assert "They said [/] no ^[[2J" in out


def test_check_warns_about_control_characters_by_key_path(hostile, capsys):
    code, out, err = run(capsys, "check", "records/2009-10-02-evil.toml")
    assert code == 0 and "ok (record" in out
    for key in ("title", "meeting.place", "follow_ups[0].what", "notes"):
        assert f"records/2009-10-02-evil.toml: {key}: warning:" in err, key


BANNER = "SECRET//NOFORN"


@pytest.mark.parametrize(
    "argv",
    [
        ["search", "statistics"],
        ["status"],
        ["followup", "list"],
        ["followup", "carry", "plans/evil.toml"],
        ["show", "plans/evil.toml"],
    ],
    ids=lambda a: " ".join(a),
)
def test_text_outputs_open_and_close_with_the_highest_marking(hostile, capsys, argv):
    code, out, _ = run(capsys, *argv)
    assert code == 0
    lines = [ln.strip() for ln in out.strip().splitlines()]
    assert lines[0] == BANNER and lines[-1] == BANNER, (lines[0], lines[-1])


def test_status_markdown_opens_and_closes_with_the_highest_marking(hostile, capsys):
    _, out, _ = run(capsys, "status", "--format", "markdown")
    lines = out.strip().splitlines()
    assert lines[0] == lines[-1] == f"**{BANNER}**"


@pytest.mark.parametrize(
    "argv",
    [["search", "--json", "statistics"], ["status", "--json"], ["followup", "list", "--json"]],
    ids=lambda a: " ".join(a),
)
def test_json_outputs_carry_the_marking_as_a_field(hostile, capsys, argv):
    code, out, _ = run(capsys, *argv)
    assert code == 0
    doc = json.loads(out)
    assert doc["classification"] == BANNER and doc["marking"] == "S//NF"


def test_nonpaper_command_refuses_in_one_line_or_omits_on_request(hostile, capsys):
    p = load_plan(hostile / "plans" / "evil.toml")
    p.instruction.classification = parse_marking("SBU")
    for it in p.items:
        it.marking = parse_marking("U")
    nf = next(i for i in p.items if i.kind is ItemKind.NON_PAPER)
    nf.marking = parse_marking("SBU//NF")
    nf.text += " QZNOFORN"
    (hostile / "plans" / "nf.toml").write_text(plan_to_toml(p), encoding="utf-8")
    code, out, err = run(capsys, "nonpaper", "plans/nf.toml")
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and "plans/nf.toml" in err and nf.id in err
    code, out, err = run(capsys, "nonpaper", "--omit-restricted", "plans/nf.toml")
    assert code == 0 and "QZNOFORN" not in out and "Non-paper" in out
    assert f"left out {nf.id}" in err


def test_nonpaper_host_comes_from_the_post_settings(hostile, capsys):
    p = _plan_with(["C//REL RUSSIA"])
    (hostile / "plans" / "rel.toml").write_text(plan_to_toml(p), encoding="utf-8")
    code, _, err = run(capsys, "nonpaper", "plans/rel.toml")
    assert code == 2 and "host country is not known" in err
    (hostile / "demarche.toml").write_text('[post]\ncountry = "RUSSIA"\n', encoding="utf-8")
    code, out, _ = run(capsys, "nonpaper", "plans/rel.toml")
    assert code == 0 and "QZ1X" in out
    code, _, err = run(capsys, "nonpaper", "--host", "FRANCE", "plans/rel.toml")
    assert code == 2 and "not released to FRANCE" in err
