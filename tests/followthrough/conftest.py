"""Fixtures: a workspace of several plans and records (see `factory`), and a CLI runner."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from demarche.cli import main
from demarche.store.workspace import Workspace

from .factory import build_workspace


@pytest.fixture
def ftws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    """The follow-through workspace, also made the current workspace for CLI runs."""
    ws = build_workspace(tmp_path / "ws")
    monkeypatch.setenv("DEMARCHE_HOME", str(ws.root))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "160")
    monkeypatch.chdir(
        tmp_path
    )  # relative paths on the command line must not reach the repository's plans/
    return ws


@dataclass
class Run:
    code: int
    out: str
    err: str

    def json(self):
        return json.loads(self.out)


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]):
    """Run ``demarche ARGS...`` in-process; returns exit code and printed text."""

    def run(*argv: str) -> Run:
        try:
            code = main(list(argv))
        except SystemExit as exc:  # argparse usage errors
            code = int(exc.code or 0)
        cap = capsys.readouterr()
        return Run(code, cap.out, cap.err)

    return run
