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
