"""`DemarcheApp`: the app shell every screen lives in.

The app owns the one open `MeetingSession` (`app.session`) and the
`Workspace` (`app.workspace`); screens read both and never open records
themselves. It switches between the four screens of a meeting's life
(home, prepare, meeting, wrap-up) with `show()`, opens records with
`open_record()` / `new_meeting()`, turns autosave callbacks into the reactive
`save_state` the `SaveStatus` widget shows, and closes the session (saving
what is left) when the user quits.

Screens are imported lazily so that a screen that does not exist yet, or
fails to import, never stops the app: it falls back to the Meeting screen.
"""

from __future__ import annotations

import datetime as dt
import importlib
from pathlib import Path

from textual import on
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.message import Message
from textual.reactive import var
from textual.screen import ModalScreen, Screen

from ..errors import DemarcheError, LockedError
from ..model import Stage
from ..session import MeetingSession, SaveState
from ..store.storage import now
from ..store.workspace import Workspace
from .palette import ScreenCommands
from .keymap import load_keymap

#: Screen name -> (module, class). Screens take no arguments: they read `app.session`.
SCREENS_BY_NAME: dict[str, tuple[str, str]] = {
    "home": ("demarche.tui.screens.home_screen", "HomeScreen"),
    "prepare": ("demarche.tui.screens.prepare_screen", "PrepareScreen"),
    "meeting": ("demarche.tui.screens.meeting_screen", "MeetingScreen"),
    "wrapup": ("demarche.tui.screens.wrapup_screen", "WrapUpScreen"),
}

#: The screen that shows a record at each stage.
SCREEN_FOR_STAGE = {
    Stage.PREPARED: "prepare",
    Stage.IN_PROGRESS: "meeting",
    Stage.FINISHED: "wrapup",
    Stage.REPORTED: "wrapup",
}


class DemarcheApp(App[None]):
    """Prepare, deliver and wrap up a demarche: every change saved as it happens."""

    CSS_PATH = "app.tcss"
    TITLE = "demarche"
    COMMANDS = App.COMMANDS | {ScreenCommands}
    ENABLE_COMMAND_PALETTE = True

    BINDINGS = [
        Binding("q", "quit", "Quit", id="app.quit", tooltip="Save and quit; the record stays resumable"),
        Binding("f1", "help", "Help", id="app.help", tooltip="Keys and how the app works"),
        # Hidden here (Home shows it): the palette lists it on every screen (get_system_commands).
        Binding("slash", "search", "Search", id="app.search", show=False, tooltip="Search plans and records"),
    ]

    save_state: var[SaveState | None] = var(None, init=False)
    """The last save attempt of the open session (None before the first)."""

    class SaveStateChanged(Message):
        """Posted from the autosave thread: a save succeeded or failed."""

        def __init__(self, state: SaveState) -> None:
            super().__init__()
            self.state = state

    def __init__(self, workspace: Workspace, session: MeetingSession | None = None, start: str = "home") -> None:
        if start not in SCREENS_BY_NAME:
            raise ValueError(f"unknown start screen {start!r}")
        super().__init__()
        self.workspace = workspace
        self.session: MeetingSession | None = None
        self._start = start
        self._quit_armed = False
        self._user_keymap = load_keymap(workspace)
        if session is not None:
            self._attach(session)

    # -- time -------------------------------------------------------------

    def clock(self) -> dt.datetime:
        """The current local time; tests replace it to freeze what screens show."""
        return now()

    # -- lifecycle --------------------------------------------------------

    def on_mount(self) -> None:
        if self._user_keymap:
            self.set_keymap(self._user_keymap)
        if not self.is_headless:
            self._save_on_hangup()
        self.show(self._start)

    def _save_on_hangup(self) -> None:
        """A closed terminal (SIGHUP) or a polite kill (SIGTERM) saves what was typed before exiting.

        Handled on the event loop, so the record is never read mid-change.
        """
        import asyncio
        import signal

        loop = asyncio.get_running_loop()
        for sig in (signal.SIGHUP, signal.SIGTERM):
            try:
                loop.add_signal_handler(sig, self._hang_up)
            except (NotImplementedError, RuntimeError, ValueError):
                pass

    def _hang_up(self) -> None:
        self.close_session(force=True)
        self.exit()

    def _attach(self, session: MeetingSession) -> None:
        self.session = session
        self.save_state = session.saver.state if session.saver.state.at else None
        session.listeners.append(self._on_session_saved)

    def _on_session_saved(self, state: SaveState) -> None:
        # Called on the autosave thread (or ours, during close): post, never touch widgets.
        self.post_message(self.SaveStateChanged(state))

    @on(SaveStateChanged)
    def _save_state_changed(self, message: SaveStateChanged) -> None:
        self.save_state = message.state
        if message.state.warning:
            self.notify(message.state.warning, title="Record changed outside demarche", severity="warning", timeout=15)

    def close_session(self, force: bool = False) -> bool:
        """Save what is left and release the record. False (session kept open) when the save failed, unless `force`."""
        session = self.session
        if session is None:
            return True
        if not session.saver.flush() and not force:
            self.save_state = session.saver.state
            return False
        if self._on_session_saved in session.listeners:
            session.listeners.remove(self._on_session_saved)
        session.close()
        self.session = None
        self.save_state = None
        return True

    # -- screens ----------------------------------------------------------

    def make_screen(self, name: str) -> Screen:
        """A fresh screen for `name`; the Meeting screen when that screen is not available."""
        module, cls = SCREENS_BY_NAME[name]
        try:
            return getattr(importlib.import_module(module), cls)()
        except (ImportError, AttributeError):
            if name == "meeting":
                raise
        if self.session is not None:
            from .screens.meeting_screen import MeetingScreen

            return MeetingScreen()
        from .screens.fallback import FallbackHomeScreen

        return FallbackHomeScreen()

    def show(self, name: str) -> None:
        """Switch to "home", "prepare", "meeting" or "wrapup"; dialogs on top are closed."""
        if name not in SCREENS_BY_NAME:
            raise ValueError(f"unknown screen {name!r}")
        if name != "home" and self.session is None:
            name = "home"
        while len(self.screen_stack) > 1 and isinstance(self.screen, ModalScreen):
            self.pop_screen()
        screen = self.make_screen(name)
        if len(self.screen_stack) > 1:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def open_record(self, path: Path, at: str = "") -> None:
        """Open `path` and show the screen for its stage; the open record is closed (saved) first.

        `at`, an item id, makes that item the current one (a search hit).
        A record that is locked or unreadable is refused with a notification,
        and the app stays on the record it had.
        """
        if self.session is not None and self.session.path.resolve() == Path(path).resolve():
            self._go_to_item(at)
            self.show(SCREEN_FOR_STAGE[self.session.record.stage])
            return
        try:
            session = MeetingSession.open(Path(path))
        except LockedError as exc:
            self.notify(str(exc), title="Record in use", severity="error", timeout=8)
            return
        except DemarcheError as exc:
            self.notify(str(exc), title="Cannot open", severity="error", timeout=8)
            return
        if not self.close_session():
            session.close()
            self.notify("The open record could not be saved; it stays open.", title="Not switched", severity="error")
            return
        self._attach(session)
        self._go_to_item(at)
        self.show(SCREEN_FOR_STAGE[session.record.stage])

    def _go_to_item(self, item_id: str) -> None:
        if item_id and self.session is not None and any(e.id == item_id for e in self.session.record.entries):
            self.session.set_current(item_id)

    def new_meeting(self, plan_path: Path, screen: str = "prepare", carry_forward: list[str] | None = None) -> None:
        """Create a record for a meeting on `plan_path` under records/ and show `screen`.

        With `carry_forward`, only those items (and contingency points) are on
        the new meeting's agenda: what earlier meetings did not deliver.
        """
        if not self.close_session():
            self.notify("The open record could not be saved; it stays open.", title="Not switched", severity="error")
            return
        try:
            session = MeetingSession.create(Path(plan_path), self.workspace)
        except DemarcheError as exc:
            self.notify(str(exc), title="Cannot start a meeting", severity="error", timeout=8)
            self.show("home")
            return
        self._attach(session)
        if carry_forward is not None:
            session.carry_forward(carry_forward)
        self.show(screen)

    # -- actions ----------------------------------------------------------

    async def action_quit(self) -> None:
        """Save and quit. When saving fails, the first q warns and a second q quits anyway."""
        if not self.close_session(force=self._quit_armed):
            self._quit_armed = True
            reason = self.save_state.error if self.save_state else "unknown error"
            self.notify(
                f"Could not save: {reason}. Fix it and press q again, or press q again to quit WITHOUT the last changes.",
                title="Not saved",
                severity="error",
                timeout=15,
            )
            return
        self.exit()

    def action_search(self) -> None:
        """Search plans and records (not over a dialog: finish that first)."""
        from .screens.search_screen import SearchScreen

        if not isinstance(self.screen, ModalScreen):
            self.push_screen(SearchScreen())

    def get_system_commands(self, screen: Screen):
        yield from super().get_system_commands(screen)
        yield SystemCommand("Search plans and records (/)", "Find text in items, responses, notes, follow-ups", self.action_search)

    def action_help(self) -> None:
        from .screens.help_screen import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(getattr(self.screen, "HELP_SECTION", None)))
