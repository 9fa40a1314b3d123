"""Every command meets every broken file in tests/data/bad/ with one clear line and exit 2.

The corpus holds broken plans (plan-*.toml), records (record-*.toml) and
cables (cable-*). Each command that reads such a file must print one line per
problem on stderr, each naming the file, exit with code 2, print no
traceback, and leave the file as it was.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from demarche.cli import build_parser, main

BAD = Path(__file__).resolve().parent.parent / "data" / "bad"
PLANS = sorted(BAD.glob("plan-*"))
RECORDS = sorted(BAD.glob("record-*"))
CABLES = sorted(BAD.glob("cable-*"))


def commands() -> set[str]:
    sub = next(a for a in build_parser()._actions if a.__class__.__name__ == "_SubParsersAction")
    return set(sub.choices)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# Commands that read one plan or record, with the extra arguments that keep
# them from writing anything anywhere but a temporary folder.
DOC_COMMANDS = {
    "check": [],
    "show": [],
    "nonpaper": [],
    "card": [],
}
RECORD_ONLY = {
    "summary": [],
    "report": ["-o", "{tmp}/draft.txt"],
    "open": [],
}


def test_the_corpus_is_big_enough():
    assert len(PLANS) + len(RECORDS) + len(CABLES) >= 30
    assert PLANS and RECORDS and CABLES


def run_and_check(capsys, argv, path, workspace_root):
    before = digest(path)
    rc = main([*argv, "--workspace", str(workspace_root)])
    out, err = capsys.readouterr()
    lines = err.splitlines()
    assert rc == 2, (argv, out, err)
    assert lines, argv
    assert "Traceback" not in err
    for line in lines:
        assert line.startswith(f"{path}: "), (argv, line)
    assert digest(path) == before


@pytest.mark.parametrize("path", PLANS + RECORDS, ids=lambda p: p.name)
@pytest.mark.parametrize("command", sorted(DOC_COMMANDS))
def test_document_commands_refuse_broken_files(command, path, capsys, tmp_path):
    assert command in commands()
    argv = [command, *[a.format(tmp=tmp_path) for a in DOC_COMMANDS[command]], str(path)]
    run_and_check(capsys, argv, path, tmp_path)


@pytest.mark.parametrize("path", RECORDS, ids=lambda p: p.name)
@pytest.mark.parametrize("command", sorted(RECORD_ONLY))
def test_record_commands_refuse_broken_records(command, path, capsys, tmp_path):
    assert command in commands()
    argv = [command, *[a.format(tmp=tmp_path) for a in RECORD_ONLY[command]], str(path)]
    run_and_check(capsys, argv, path, tmp_path)
    assert not (tmp_path / "draft.txt").exists()


@pytest.mark.parametrize("path", PLANS, ids=lambda p: p.name)
@pytest.mark.parametrize("command", ["prepare", "meet"])
def test_screen_commands_refuse_broken_plans_before_opening(command, path, capsys, tmp_path):
    assert command in commands()
    run_and_check(capsys, [command, str(path)], path, tmp_path)
    records = tmp_path / "records"
    assert not records.exists() or not any(records.glob("*.toml"))


@pytest.mark.parametrize("path", CABLES, ids=lambda p: p.name)
def test_import_refuses_broken_cables(path, capsys, tmp_path):
    assert "import" in commands()
    out = tmp_path / "plans" / "x.toml"
    run_and_check(capsys, ["import", str(path), "-o", str(out)], path, tmp_path)
    assert not out.exists()


def test_missing_file_everywhere(capsys, tmp_path):
    missing = tmp_path / "nope.toml"
    for command in sorted(set(DOC_COMMANDS) | set(RECORD_ONLY) | {"import", "prepare", "meet"}):
        rc = main([command, str(missing), "--workspace", str(tmp_path)])
        err = capsys.readouterr().err
        assert rc == 2, command
        assert len(err.splitlines()) == 1, (command, err)
        assert err.startswith(f"{missing}: no such "), (command, err)


def test_huge_file_is_refused_without_reading_it_all(capsys, tmp_path):
    huge = tmp_path / "huge.toml"
    with huge.open("wb") as f:
        f.truncate(40 * 1024 * 1024)
    rc = main(["check", str(huge)])
    err = capsys.readouterr().err
    assert rc == 2
    assert err.startswith(f"{huge}: too large")
