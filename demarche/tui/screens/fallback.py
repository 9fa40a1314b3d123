"""A minimal home screen used only when the real Home screen is not installed."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from ..widgets.banner import ClassificationBanner


class FallbackHomeScreen(Screen):
    """Offers a meeting on the workspace's founding plan."""

    BINDINGS = [Binding("m", "meet", "Meet on the founding plan", id="fallback.meet")]

    def compose(self) -> ComposeResult:
        yield ClassificationBanner(classes="banner-top")
        yield Header()
        yield Static(
            f"No record is open.\n\nPress m to start a meeting on {self.app.workspace.display(self.app.workspace.default_plan())}.",
            id="fallback-text",
        )
        yield ClassificationBanner(classes="banner-bottom")
        yield Footer()

    def action_meet(self) -> None:
        self.app.new_meeting(self.app.workspace.default_plan(), screen="meeting")
