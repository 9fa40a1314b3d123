"""The command line as a user meets it: exit codes, one-line errors, readable output."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from demarche import __version__

from ..conftest import FOUNDING_PLAN


def run(*args, cwd=None, input=None):
    return subprocess.run(
        [sys.executable, "-m", "demarche", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        input=input,
    )


def test_version():
    r = run("--version")
    assert r.returncode == 0
    assert r.stdout.strip() == f"demarche {__version__}"


def test_help_lists_commands_and_each_has_help():
    r = run("--help")
    assert r.returncode == 0
    assert "check" in r.stdout and "show" in r.stdout
    from demarche.cli import build_parser

    sub = next(a for a in build_parser()._actions if a.__class__.__name__ == "_SubParsersAction")
    for name in sub.choices:
        h = run(name, "--help")
        assert h.returncode == 0, name
        assert "usage: demarche " + name in h.stdout


def test_check_founding_plan_ok():
    r = run("check", str(FOUNDING_PLAN))
    assert r.returncode == 0
    assert "ok (plan, 24 items, SBU)" in r.stdout
    assert r.stderr == ""


def test_check_reports_every_problem_one_line_each(tmp_path):
    bad = tmp_path / "x.toml"
    bad.write_text(
        'schema = "demarche.plan/1"\ntitle = "t"\n[instruction]\nid = "S 1"\nclassification = "U"\n'
        '[[items]]\nid = "a"\nkind = "talking_pt"\ntext = "x"\nmarking = "U"\n'
    )
    before = bad.read_bytes()
    r = run("check", str(FOUNDING_PLAN), str(bad))
    assert r.returncode == 2
    assert r.stderr.splitlines() == [
        f'{bad}: items[0].kind: expected one of talking_point, non_paper, contingency, found "talking_pt"'
    ]
    assert "Traceback" not in r.stderr
    assert bad.read_bytes() == before


@pytest.mark.parametrize(
    "content, expected",
    [
        (None, "no such file"),
        (b"", "the file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary data"),
        (b"x = [", "TOML syntax error"),
        (b'schema = "other/1"\n', 'unknown schema "other/1"'),
    ],
)
def test_check_bad_files(tmp_path, content, expected):
    path = tmp_path / "f.toml"
    if content is not None:
        path.write_bytes(content)
    r = run("check", str(path))
    assert r.returncode == 2
    assert len(r.stderr.splitlines()) == 1
    assert r.stderr.startswith(str(path) + ": ")
    assert expected in r.stderr


def test_show_plan_prints_items_markings_and_deadlines():
    r = run("show", str(FOUNDING_PLAN))
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert "STATE 97951" in out
    assert "SENSITIVE BUT UNCLASSIFIED" in out
    assert out.count("HIGH") == 5
    assert "2009-11-15" in out
    assert "(SBU)" in out and "(U)" in out
    assert "The Obama Administration" in out


def test_show_record(workspace):
    from demarche.model import Outcome, Stance
    from demarche.store.storage import load_record, new_record, now, save_record

    path = workspace.records_dir / "r.toml"
    rec = new_record(workspace.plans_dir / FOUNDING_PLAN.name, path)
    rec.set_outcome("tp-1", Outcome.DELIVERED, now())
    rec.entry("tp-1").response.text = "We take note."
    rec.entry("tp-1").response.stance = Stance.NONCOMMITTAL
    save_record(rec, path, None)
    r = run("show", str(path))
    assert r.returncode == 0, r.stderr
    assert "delivered" in r.stdout
    assert "We take note." in r.stdout
    assert "noncommittal" in r.stdout
    assert load_record(path) == rec


def test_python_dash_m_and_console_script_agree():
    from pathlib import Path

    exe = Path(sys.executable).parent / "demarche"
    if not exe.exists():
        exe = shutil.which("demarche")
    assert exe, "the demarche console script is not installed"
    r = subprocess.run([exe, "--version"], capture_output=True, text=True)
    assert r.stdout.strip() == f"demarche {__version__}"


def test_output_piped_into_a_reader_that_stops_says_nothing(workspace):
    """`demarche show plan | head`: the reader stops early; no traceback, no 'Broken pipe', exit 1."""
    import copy

    from demarche.store.storage import load_plan, save_plan

    shutil.copy(FOUNDING_PLAN, workspace.plans_dir / "founding.toml")
    plan = load_plan(workspace.plans_dir / "founding.toml")
    base = plan.items
    plan.items = [copy.deepcopy(base[k % len(base)]) for k in range(3000)]
    for k, item in enumerate(plan.items):
        item.id = f"{item.id}-{k}"
    big = workspace.plans_dir / "big.toml"
    save_plan(plan, big, force=True)  # far more than a pipe holds
    proc = subprocess.Popen(
        [sys.executable, "-m", "demarche", "show", "plans/big.toml"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=workspace.root,
    )
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.read(200)
    proc.stdout.close()  # as `head` does once it has its lines
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 1, err
    assert err == ""


def test_show_gives_the_items_room_however_long_their_marking(tmp_path):
    """STATE 17894's points are S//REL FRANCE, BRITAIN, TURKEY, SAUDI ARABIA, JORDAN, QATAR.

    At 80 columns (a pipe) the marking must not squeeze each point to a word
    per line: the first words of every point (the hand label's `start`) read
    on one line, and the marking is printed whole.
    """
    import json
    import os

    from ..conftest import CABLES

    cable = CABLES / "instructions" / "10STATE17894.txt"
    label = json.loads((CABLES / "truth" / "10STATE17894.json").read_text(encoding="utf-8"))
    r = run("--workspace", str(tmp_path), "import", str(cable), "-o", str(tmp_path / "p.toml"))
    assert r.returncode == 0, r.stderr
    r = subprocess.run(
        [sys.executable, "-m", "demarche", "show", str(tmp_path / "p.toml")],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "80", "NO_COLOR": "1"},
    )
    assert r.returncode == 0, r.stderr
    lines = [" ".join(ln.replace("\u2502", " ").split()) for ln in r.stdout.splitlines()]
    for block in label["point_blocks"]:
        for item in block["items"]:
            first = " ".join(item["start"].replace("\u2019", "'").split()[:3])
            assert any(first in ln for ln in lines), first
    flat = " ".join(r.stdout.split())
    assert "SAUDI" in flat and "QATAR" in flat


def test_a_plan_given_where_a_record_is_wanted_is_named_as_a_plan(tmp_path):
    """`demarche report PLAN` (a newcomer's first try): one line, exit 2, saying what the file is
    and what makes a record of it, not only that its schema is "unknown"."""
    r = run("--workspace", str(tmp_path), "report", str(FOUNDING_PLAN))
    assert r.returncode == 2
    [line] = r.stderr.splitlines()
    assert line.startswith(str(FOUNDING_PLAN) + ": ")
    assert "is a plan" in line and "prepare" in line and "unknown schema" not in line
