"""The core and the screenless commands never load Textual (so they start fast)."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import pytest

import demarche

UI_PACKAGES = ("demarche.tui",)
SCREEN_COMMANDS = ("demarche.commands.screens",)


def core_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(demarche.__path__, "demarche."):
        if (
            info.name.startswith(UI_PACKAGES)
            or info.name in SCREEN_COMMANDS
            or info.name == "demarche.__main__"
        ):
            continue
        names.append(info.name)
    return names


def loaded_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys; print('\\n'.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return set(out.split())


def test_core_modules_exist():
    names = core_modules()
    for expected in (
        "demarche.model",
        "demarche.store.formats",
        "demarche.classification",
        "demarche.store.storage",
        "demarche.cli",
    ):
        assert expected in names


@pytest.mark.parametrize("module", core_modules())
def test_core_module_does_not_import_textual(module):
    mods = loaded_after(f"import {module}")
    assert not any(m == "textual" or m.startswith("textual.") for m in mods), module


def test_cli_parser_and_check_do_not_import_textual(tmp_path):
    from ..conftest import FOUNDING_PLAN

    code = (
        "import sys\n"
        "from demarche.cli import main\n"
        f"rc = main(['check', {str(FOUNDING_PLAN)!r}])\n"
        "assert rc == 0\n"
    )
    mods = loaded_after(code)
    assert "demarche.commands.check" in mods
    assert not any(m == "textual" or m.startswith("textual.") for m in mods)


#: What the Meeting screen's first frame must not wait for: other screens'
#: needs, saving (after the first frame), and `importlib.metadata` (some 8 ms,
#: loaded by asking a package its ``__version__``).
NOT_BEFORE_THE_FIRST_FRAME = (
    "importlib.metadata",
    "email",
    "tomli_w",
    "tomli",
    "textual.widgets._text_area",
    "demarche.outputs",
    "demarche.cable",
    "demarche.tui.screens.home_screen",
    "demarche.tui.screens.wrapup_screen",
)


def test_the_meeting_screen_is_drawn_before_what_can_wait_is_loaded(tmp_path):
    from ..conftest import FOUNDING_PLAN

    code = f"""
import asyncio, sys
from pathlib import Path
from demarche.session import MeetingSession
from demarche.store.workspace import Workspace
from demarche.tui.app import DemarcheApp
from demarche.tui.screens.meeting_screen import MeetingScreen

seen = []
mounted = MeetingScreen.on_mount
def on_mount(self):
    seen.extend(sys.modules)
    mounted(self)
MeetingScreen.on_mount = on_mount
ws = Workspace(Path({str(tmp_path)!r}))
session = MeetingSession.create(Path({str(FOUNDING_PLAN)!r}), ws, write_later=True)
async def main():
    async with DemarcheApp(ws, session, start="meeting").run_test(size=(100, 32)) as pilot:
        await pilot.pause()
asyncio.run(main())
session.close()
print("\\n".join(seen))
"""
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    mods = set(out.split())
    assert "demarche.tui.screens.meeting_screen" in mods
    early = sorted(
        m for m in mods if any(m == n or m.startswith(n + ".") for n in NOT_BEFORE_THE_FIRST_FRAME)
    )
    assert early == []
