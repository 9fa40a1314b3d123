"""Shared fixtures: every test runs in its own workspace, never the user's folders."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

# Before anything imports `demarche.cli`, which installs the dataclass code
# cache (`dataclass_code`) on the user's cache folder: never the real one.
_TEST_CACHE = tempfile.mkdtemp(prefix="demarche-tests-cache-")
os.environ["XDG_CACHE_HOME"] = _TEST_CACHE

from demarche.store.workspace import Workspace  # noqa: E402  (after the line above)

REPO = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
FOUNDING_PLAN = REPO / "plans" / "russia-tip-tier2-2009.toml"
CABLES = DATA / "cables"


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Point DEMARCHE_HOME at an empty folder so no test reads or writes a real workspace.

    The user's cache folder too (`workspace.user_cache_dir`): each test starts
    with none, as on a first run.
    """
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("DEMARCHE_HOME", str(home))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.setenv("NO_COLOR", "1")


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    """A workspace holding the founding plan in plans/ and an empty records/."""
    ws = Workspace(tmp_path / "ws")
    ws.plans_dir.mkdir(parents=True)
    ws.records_dir.mkdir()
    shutil.copy(FOUNDING_PLAN, ws.plans_dir / FOUNDING_PLAN.name)
    return ws


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """No cache folder left behind: the code cache is not written at exit."""
    from demarche import dataclass_code

    dataclass_code.uninstall()
    shutil.rmtree(_TEST_CACHE, ignore_errors=True)
