"""The report, nonpaper, card, summary and config commands as a user runs them."""

from __future__ import annotations

import subprocess
import sys

import pytest

from demarche.cli import main
from demarche.store.formats import record_to_toml
from demarche.model import LeaveBehind
from demarche.store.storage import RecordLock, load_record

from ..conftest import FOUNDING_PLAN
from .founding import CUE, POST_NOTE, founding_record, second_record


@pytest.fixture
def recs(workspace):
    a = workspace.records_dir / "2009-10-02-russia.toml"
    b = workspace.records_dir / "2009-10-09-russia.toml"
    a.write_text(record_to_toml(founding_record()))
    b.write_text(record_to_toml(second_record()))
    (workspace.root / "demarche.toml").write_text('[post]\nsignature = "Beyrle"\n')
    return workspace, a, b


def run(ws, *argv):
    return main(["--workspace", str(ws.root), *argv])


def test_report_prints_and_writes_but_only_sent_marks_reported(recs, capsys):
    ws, a, b = recs
    assert run(ws, "report", str(a), "--date", "2009-10-02") == 0
    out = capsys.readouterr().out
    assert out.startswith("UNCLAS MOSCOW 00XXXX\n") and out.rstrip().endswith("BEYRLE")
    assert load_record(a).stage.value == "finished"  # printing is not reporting
    draft = ws.root / "draft.txt"
    assert run(ws, "report", str(a), str(b), "-o", str(draft)) == 0
    # A heading per meeting that tells them apart (title, name, date).
    assert "Deputy Director Petrov, October 2" in draft.read_text()
    assert "Head of Division Ivanova, October 9" in draft.read_text()
    # Writing a draft is not sending it.
    assert load_record(a).stage.value == "finished" and load_record(b).stage.value == "finished"
    assert run(ws, "sent", str(a), "--serial", "moscow  2345") == 0
    assert load_record(a).stage.value == "reported" and load_record(a).serial == "MOSCOW 2345"
    assert load_record(b).stage.value == "finished"


def test_sent_refuses_a_bad_serial_and_a_meeting_not_finished(recs, capsys):
    ws, a, _ = recs
    before = a.read_bytes()
    assert run(ws, "sent", str(a), "--serial", "2345") == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "KUWAIT 88" in err
    r = load_record(a)
    r.stage = r.stage.__class__("in_progress")
    a.write_text(record_to_toml(r))
    before = a.read_bytes()
    assert run(ws, "sent", str(a), "--serial", "MOSCOW 2345") == 2
    assert "finish it" in capsys.readouterr().err and a.read_bytes() == before


def test_report_refuses_to_overwrite_without_force(recs, capsys):
    ws, a, _ = recs
    draft = ws.root / "draft.txt"
    draft.write_text("mine")
    assert run(ws, "report", str(a), "-o", str(draft)) == 2
    assert "already exists (use --force" in capsys.readouterr().err
    assert draft.read_text() == "mine" and load_record(a).stage.value == "finished"
    assert run(ws, "report", str(a), "-o", str(draft), "--force") == 0
    assert draft.read_text().startswith("UNCLAS")


def test_report_leaves_a_locked_record_alone_and_sent_refuses_it(recs, capsys):
    ws, a, _ = recs
    with RecordLock(a):
        assert run(ws, "report", str(a), "-o", str(ws.root / "d.txt")) == 0
        assert run(ws, "sent", str(a), "--serial", "MOSCOW 2345") == 2
    assert load_record(a).stage.value == "finished"


def test_report_of_different_plans_is_one_clear_error(recs, capsys):
    ws, a, _ = recs
    other = founding_record()
    other.instruction.id = "STATE 17307"
    c = ws.records_dir / "other.toml"
    c.write_text(record_to_toml(other))
    assert run(ws, "report", str(a), str(c)) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(c) in err and "STATE 17307" in err and "STATE 97951" in err


def test_report_bad_input_exit_2(recs, capsys):
    ws, a, _ = recs
    assert run(ws, "report", str(ws.root / "nope.toml")) == 2
    assert "no such file" in capsys.readouterr().err
    (ws.root / "demarche.toml").write_text("[report]\nwrap_width = 200\n")
    assert run(ws, "report", str(a)) == 2
    assert "report.wrap_width: expected 40 to 69, found 200" in capsys.readouterr().err


def test_nonpaper_of_plan_and_record(recs, capsys):
    ws, a, _ = recs
    assert run(ws, "nonpaper", str(FOUNDING_PLAN)) == 0
    out = capsys.readouterr().out
    assert (
        out.startswith("Non-paper\n")
        and "1A. Action Plan for the Short-Term" in out
        and "Prosecution:" in out
    )
    assert "para 9" not in out and "SBU" not in out
    assert run(ws, "nonpaper", str(a), "--format", "markdown") == 0
    md = capsys.readouterr().out
    assert (
        md.startswith("# Non-paper")
        and CUE not in md
        and POST_NOTE not in md
        and "Petrov" not in md
    )


def test_nonpaper_refused_when_forbidden(recs, capsys):
    ws, a, _ = recs
    r = founding_record()
    r.brief.leave_behind = LeaveBehind.FORBIDDEN
    a.write_text(record_to_toml(r))
    out = ws.root / "np.txt"
    assert run(ws, "nonpaper", str(a), "-o", str(out)) == 2
    assert "not to be left in writing" in capsys.readouterr().err and not out.exists()


def test_card_and_summary(recs, capsys):
    ws, a, _ = recs
    assert run(ws, "card", str(a)) == 0
    card = capsys.readouterr().out
    assert (
        card.startswith("SENSITIVE BUT UNCLASSIFIED\n") and CUE in card and "FOR POST ONLY" in card
    )
    assert run(ws, "summary", str(a), "--format", "markdown") == 0
    md = capsys.readouterr().out
    assert "High-priority covered: 5/5" in md and "- handed over: 11" in md
    # each answer under its stance: the item named by id and words, what was said and who said it
    objected = md.split("- objected:\n", 1)[1].splitlines()[0]
    assert objected.startswith("    - tp-4 Russia was placed")
    assert (
        '"Russia had done more than the report acknowledged and the Watch List placement was unfair" (Petrov)'
        in objected
    )
    assert run(ws, "summary", str(a)) == 0
    assert "Responses by stance" in capsys.readouterr().out


def test_config_shows_values_and_sources(recs, capsys):
    ws, _, _ = recs
    assert run(ws, "config") == 0
    out = capsys.readouterr().out
    assert 'post.signature           = "Beyrle"' in out and "demarche.toml:post.signature" in out
    assert "report.wrap_width        = 60" in out and "# default" in out


@pytest.mark.parametrize("command", ["report", "nonpaper", "card", "summary", "config"])
def test_commands_never_import_textual(recs, command):
    ws, a, _ = recs
    arg = [] if command == "config" else [str(a)]
    code = (
        "import sys, io, contextlib\n"
        "from demarche.cli import main\n"
        f"with contextlib.redirect_stdout(io.StringIO()): rc = main(['--workspace', {str(ws.root)!r}, {command!r}, *{arg!r}])\n"
        "assert rc == 0, rc\n"
        "print([m for m in sys.modules if m == 'textual' or m.startswith('textual.')])\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"
