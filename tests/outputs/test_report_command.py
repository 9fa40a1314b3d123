"""``demarche report`` and ``demarche sent`` as issue 14 asks: the speech check, refusals, the post,
the workspace's settings wherever it runs from, the serial in status and carry-forward."""

from __future__ import annotations

import json
import shutil

from demarche.cli import main
from demarche.model import Person, Response, Side, Stage, Stance
from demarche.store.formats import record_to_toml
from demarche.store.storage import load_record

from ..conftest import REPO
from .founding import founding_record

RECORDS = REPO / "tests" / "data" / "records"


def test_check_flags_direct_speech_with_the_sentence_and_rewrites_nothing(workspace, capsys):
    r = founding_record()
    r.entry("tp-4").exchanges = [
        Response(Stance.OBJECTED, "We have done more than your report says.", speaker="Petrov"),
        Response(None, "Expressed surprise the U.S. raised it", speaker="Petrov"),
        Response(None, "we will look at it again", side=Side.US, speaker="Miller"),
    ]
    path = workspace.records_dir / "r.toml"
    path.write_text(record_to_toml(r))
    before = path.read_bytes()
    assert main(["-W", str(workspace.root), "report", str(path), "--check"]) == 1
    out = capsys.readouterr().out.splitlines()
    first = [ln for ln in out if 'first-person "We"' in ln]
    assert first and first[0].startswith("tp-4 (Russia's Tier 2 Watch List placement), exchange 2")
    assert '"We have done more than your report says."' in first[0]
    assert any('present tense "have"' in ln for ln in out)
    assert any(
        'capital ("Expressed")' in ln and "Expressed surprise the U.S. raised it" in ln
        for ln in out
    )
    assert any('present tense "will"' in ln for ln in out)
    assert not any('first-person "we"' in ln for ln in out)  # our side speaks of "we" in cables
    assert path.read_bytes() == before
    # The draft itself keeps the words as said: the predicate only gets its speaker.
    assert main(["-W", str(workspace.root), "report", str(path)]) == 0
    flat = " ".join(capsys.readouterr().out.split())
    assert "Petrov said we have done more than your report says." in flat  # framed, words kept
    assert "Petrov expressed surprise the U.S. raised it." in flat and "said Expressed" not in flat


def test_clean_notes_pass_the_check(workspace, capsys):
    path = workspace.records_dir / "d.toml"
    shutil.copy(RECORDS / "10DAMASCUS168.toml", path)
    assert main(["-W", str(workspace.root), "report", str(path), "--check"]) == 0
    assert capsys.readouterr().out.strip() == "no speech problems"


def test_a_record_only_prepared_is_refused_in_one_line(workspace, capsys):
    r = founding_record()
    r.stage = Stage.PREPARED
    path = workspace.records_dir / "p.toml"
    path.write_text(record_to_toml(r))
    assert main(["-W", str(workspace.root), "report", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(path) in err and "never held" in err and "[DATE]" not in err


def test_a_collective_instruction_needs_a_post(workspace, capsys, tmp_path):
    path = workspace.records_dir / "t.toml"
    shutil.copy(RECORDS / "09TOKYO1598.toml", path)
    assert main(["-W", str(workspace.root), "report", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "which post reports" in err and "--post" in err
    assert main(["-W", str(workspace.root), "report", str(path), "--post", "Tokyo"]) == 0
    assert capsys.readouterr().out.startswith("S E C R E T TOKYO 00XXXX")
    # The settings of the workspace the record is in, wherever the command runs from.
    (workspace.root / "demarche.toml").write_text('[post]\nname = "TOKYO"\nsignature = "Roos"\n')
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    assert main(["-W", str(elsewhere), "report", str(path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("S E C R E T TOKYO 00XXXX") and out.rstrip().endswith("ROOS")


def test_sent_serial_shows_in_status_and_is_cited_by_the_next_meeting(workspace, capsys):
    r = founding_record()
    r.entry("tp-7").outcome = r.entry("tp-7").outcome.__class__("skipped")
    r.plan.path = "plans/russia-tip-tier2-2009.toml"
    path = workspace.records_dir / "2009-10-02-russia.toml"
    path.write_text(record_to_toml(r))
    ws = ["-W", str(workspace.root)]
    assert main([*ws, "sent", str(path), "--serial", "MOSCOW 2345"]) == 0
    capsys.readouterr()
    assert main([*ws, "status", "--format", "json"]) == 0
    meetings = json.loads(capsys.readouterr().out)["plans"][0]["meetings"]
    assert [(m["stage"], m["serial"]) for m in meetings] == [("reported", "MOSCOW 2345")]
    assert (
        main(
            [
                *ws,
                "followup",
                "carry",
                "russia-tip-tier2-2009.toml",
                "--create",
                "--date",
                "2009-11-20",
            ]
        )
        == 0
    )
    capsys.readouterr()
    new = [p for p in workspace.records_dir.glob("*.toml") if p != path]
    assert len(new) == 1 and load_record(new[0]).refs == ["MOSCOW 2345"]
    nxt = load_record(new[0])
    nxt.meeting.interlocutors = [Person("Olga Ivanova", "Head of Division")]
    nxt.stage = Stage.FINISHED
    new[0].write_text(record_to_toml(nxt))
    assert main([*ws, "report", str(new[0])]) == 0
    out = capsys.readouterr().out
    assert "REF: A. STATE 97951\n     B. MOSCOW 2345\n" in out
