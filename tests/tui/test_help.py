"""F1 help stays true: every key of the main screens is in help.md under its binding id."""

from __future__ import annotations

import pytest

from demarche.tui.app import DemarcheApp
from demarche.tui.screens.home_screen import HomeScreen
from demarche.tui.screens.meeting_screen import MeetingScreen
from demarche.tui.screens.prepare_screen import PrepareScreen
from demarche.tui.screens.wrapup_screen import WrapUpScreen
from demarche.store.workspace import help_path

HELP = help_path().read_text()


def shown_ids(cls) -> list[str]:
    return [
        b.id
        for b in cls.BINDINGS
        if getattr(b, "id", None) and getattr(b, "show", True) and b.key != "escape"
    ]


@pytest.mark.parametrize(
    "cls",
    [DemarcheApp, HomeScreen, PrepareScreen, MeetingScreen, WrapUpScreen],
    ids=lambda c: c.__name__,
)
def test_every_shown_key_is_documented(cls):
    missing = [i for i in shown_ids(cls) if f"`{i}`" not in HELP]
    assert missing == []
