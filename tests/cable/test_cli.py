"""``demarche import`` as a user runs it: exit codes, one-line errors, --force, stdin, warnings."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest

from demarche.cli import main
from demarche.store.storage import load_plan

from ..conftest import CABLES

CABLE = CABLES / "instructions" / "10STATE17307.txt"


def run(argv, capsys, stdin: bytes | None = None, monkeypatch=None):
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_import_writes_default_path_and_refuses_to_overwrite(tmp_path, capsys):
    ws = tmp_path / "ws"
    code, out, err = run(["import", str(CABLE), "-W", str(ws)], capsys)
    assert code == 0, err
    target = ws / "plans" / "demarche-on-transfer-of-ballistic-missiles-to-hizballah-2010.toml"
    assert out.startswith(
        "plans/demarche-on-transfer-of-ballistic-missiles-to-hizballah-2010.toml: STATE 17307 (7 talking points"
    )
    plan = load_plan(target)
    assert plan.instruction.id == "STATE 17307" and len(plan.items) == 7
    before = target.read_bytes()

    code, out, err = run(["import", str(CABLE), "-W", str(ws)], capsys)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "already exists (use --force to replace it)" in err
    assert target.read_bytes() == before

    code, out, err = run(["import", str(CABLE), "-W", str(ws), "--force"], capsys)
    assert code == 0 and load_plan(target).instruction.id == "STATE 17307"


def test_output_option_and_warnings_on_stderr(tmp_path, capsys):
    out_path = tmp_path / "russia.toml"
    code, out, err = run(
        ["import", str(CABLES / "instructions" / "09STATE97951.txt"), "-o", str(out_path)], capsys
    )
    assert code == 0
    assert "warning: paragraph numbers in this copy are out of sequence" in err
    assert load_plan(out_path).item("np-17").paragraph == "9"


def test_stdin(tmp_path, capsys, monkeypatch):
    out_path = tmp_path / "p.toml"
    code, out, err = run(
        ["import", "-", "-o", str(out_path)],
        capsys,
        stdin=CABLE.read_bytes(),
        monkeypatch=monkeypatch,
    )
    assert code == 0, err
    assert load_plan(out_path).item("tp-7").text.startswith("Iran and Hizballah")


BAD = {
    "empty.txt": (b"", "the file is empty"),
    "blank.txt": (b"  \n\n \n", "the file is empty"),
    "binary.bin": (bytes(range(256)) * 8, "binary data, not a cable text file"),
    "prose.txt": (
        b"Dear colleague,\nplease find the minutes attached.\n",
        "not an instruction cable",
    ),
    "header-only.txt": (b"UNCLAS STATE 012345\n\nSIPDIS\n", "has no text after its header"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_input_is_one_line_and_exit_2(tmp_path, capsys, name):
    data, message = BAD[name]
    src = tmp_path / name
    src.write_bytes(data)
    out_path = tmp_path / "out.toml"
    code, out, err = run(["import", str(src), "-o", str(out_path)], capsys)
    assert code == 2
    assert err.count("\n") == 1 and err.startswith(str(src) + ": ") and message in err
    assert not out_path.exists()


def test_missing_file(tmp_path, capsys):
    code, out, err = run(
        ["import", str(tmp_path / "nope.txt"), "-o", str(tmp_path / "o.toml")], capsys
    )
    assert code == 2 and err == f"{tmp_path / 'nope.txt'}: no such file\n"


def test_latin1_falls_back_with_a_warning(tmp_path, capsys):
    text = CABLE.read_text(encoding="utf-8").replace(
        "Mr. Vice Minister", "Monsieur le Vice-Ministre \u00e9minent"
    )
    src = tmp_path / "latin1.txt"
    src.write_bytes(text.encode("latin-1"))
    code, out, err = run(["import", str(src), "-o", str(tmp_path / "o.toml")], capsys)
    assert code == 0
    assert "not UTF-8" in err and "read as Latin-1" in err
    assert (
        load_plan(tmp_path / "o.toml")
        .item("tp-1")
        .text.startswith("Monsieur le Vice-Ministre \u00e9minent")
    )


def test_import_does_not_load_textual(tmp_path):
    code = (
        "import sys\nfrom demarche.cli import main\n"
        f"rc = main(['import', {str(CABLE)!r}, '-o', {str(tmp_path / 'x.toml')!r}])\n"
        "assert rc == 0\nassert not any(m == 'textual' or m.startswith('textual.') for m in sys.modules), 'textual loaded'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)


def test_prepare_audience_must_be_a_country_group_or_audience_of_the_plan(tmp_path, capsys):
    ws = tmp_path / "ws"
    code, out, err = run(
        ["import", str(CABLES / "instructions" / "09STATE127892.txt"), "-W", str(ws)], capsys
    )
    assert code == 0, err
    plan = next((ws / "plans").glob("*.toml"))
    code, out, err = run(["prepare", str(plan), "--audience", "Narnia", "-W", str(ws)], capsys)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "--audience 'Narnia'" in err and "POLAND" in err
    assert not (ws / "records").exists() or not any((ws / "records").iterdir())


def test_prepare_audience_takes_a_capital_and_keeps_its_items(tmp_path, capsys):
    """What ``demarche prepare PLAN --audience Warsaw`` does before the screen opens."""
    from demarche.commands.screens import _audience
    from demarche.session import MeetingSession
    from demarche.store.storage import load_record
    from demarche.store.workspace import Workspace

    ws = Workspace(tmp_path / "ws")
    run(["import", str(CABLES / "instructions" / "09STATE127892.txt"), "-W", str(ws.root)], capsys)
    plan = next(ws.plans_dir.glob("*.toml"))
    assert _audience(plan, "Warsaw") == "POLAND" and _audience(plan, "all") == ""
    session = MeetingSession.create(plan, ws, audience=_audience(plan, "Warsaw"))
    session.close()
    rec = load_record(session.path)
    assert rec.audience == "POLAND" and {e.item.audience for e in rec.agenda} == {"POLAND", ""}
