"""`DemarcheApp`: the app shell every screen lives in.

The app owns the one open `MeetingSession` (`app.session`) and the
`Workspace` (`app.workspace`); screens read both and never open records
themselves. It switches between the four screens of a meeting's life
(home, prepare, meeting, wrap-up) with `show()`, opens records with
`open_record()` / `new_meeting()`, turns autosave callbacks into the reactive
`save_state` the `SaveStatus` widget shows, and closes the session (saving
what is left) when the user quits.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Iterable
import os
import threading
from pathlib import Path
from typing import Any

from textual import on
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.message import Message
from textual.notifications import SeverityLevel
from textual.reactive import var
from textual.screen import ModalScreen, Screen

from .. import dataclass_code
from ..display import visible
from ..errors import DemarcheError, LockedError
from ..model import Stage
from ..session import MeetingSession, SaveState
from ..store.storage import now
from ..store.workspace import Workspace
from .key_order import KeysInOrder
from .keymap import load_keymap
from .palette import ScreenCommands
from .style_cache import KeptRules, cache_path
from .styles import FirstScreenStylesheet
from .terminal_keys import keep_escape_before_keys

#: Screen name -> the module and class of its screen. Screens take no
#: arguments: they read `app.session`. Each module is imported when its screen
#: is first shown, so `demarche meet` does not load Home, Prepare and Wrap-up
#: (and what they use) before its first frame.
SCREENS_BY_NAME: dict[str, tuple[str, str]] = {
    "home": (".screens.home_screen", "HomeScreen"),
    "prepare": (".screens.prepare_screen", "PrepareScreen"),
    "meeting": (".screens.meeting_screen", "MeetingScreen"),
    "wrapup": (".screens.wrapup_screen", "WrapUpScreen"),
}


def screen_class(name: str) -> type[Screen[None]]:
    """The screen class for `name` ("home", "prepare", "meeting" or "wrapup")."""
    module, cls = SCREENS_BY_NAME[name]
    screen: type[Screen[None]] = getattr(importlib.import_module(module, __package__), cls)
    return screen


#: The screen that shows a record at each stage.
SCREEN_FOR_STAGE = {
    Stage.PREPARED: "prepare",
    Stage.IN_PROGRESS: "meeting",
    Stage.FINISHED: "wrapup",
    Stage.REPORTED: "wrapup",
}


class DemarcheApp(KeysInOrder, App[None]):
    """Prepare, deliver and wrap up a demarche: every change saved as it happens."""

    # The stylesheet is app.tcss, read by `FirstScreenStylesheet` (styles.py).
    TITLE = "demarche"
    COMMANDS = App.COMMANDS | {ScreenCommands}
    ENABLE_COMMAND_PALETTE = True

    BINDINGS = [
        Binding(
            "q", "quit", "Quit", id="app.quit", tooltip="Save and quit; the record stays resumable"
        ),
        Binding("f1", "help", "Help", id="app.help", tooltip="Keys and how the app works"),
        # Hidden here (Home shows it): the palette lists it on every screen (get_system_commands).
        Binding(
            "slash",
            "search",
            "Search",
            id="app.search",
            show=False,
            tooltip="Search plans and records",
        ),
    ]

    save_state: var[SaveState | None] = var(None, init=False)
    """The last save attempt of the open session (None before the first)."""

    class SaveStateChanged(Message):
        """Posted from the autosave thread: a save succeeded or failed."""

        def __init__(self, state: SaveState) -> None:
            super().__init__()
            self.state = state

    def __init__(
        self, workspace: Workspace, session: MeetingSession | None = None, start: str = "home"
    ) -> None:
        if start not in SCREENS_BY_NAME:
            raise ValueError(f"unknown start screen {start!r}")
        keep_escape_before_keys()
        super().__init__()
        # Only what the first screen can use is parsed before its first frame.
        self.stylesheet = FirstScreenStylesheet(
            screen_class(start), kept=KeptRules(cache_path()), variables=self.get_css_variables()
        )
        self.workspace = workspace
        self.session: MeetingSession | None = None
        self._start = start
        self._quit_armed = False
        self._user_keymap = load_keymap(workspace)
        self._demarche_closing = threading.RLock()
        """Held while the session is closed: the UI and the hang-up thread must not close it together."""
        self._demarche_hung_up = threading.Event()
        self._demarche_exiting = False
        if session is not None:
            self._take_session(session)

    # -- time -------------------------------------------------------------

    def clock(self) -> dt.datetime:
        """The current local time; tests replace it to freeze what screens show."""
        return now()

    # -- lifecycle --------------------------------------------------------

    def on_mount(self) -> None:
        if self._user_keymap:
            self.set_keymap(self._user_keymap)
        # Not now, inside Textual's start-up batch, where nothing is painted:
        # the first screen would be laid out and rendered once for nothing,
        # then again. Next, on its own, its first frame goes to the terminal.
        # Keys typed meanwhile wait for it (`KeysInOrder`).
        self.call_later(self._show_first)

    def _show_first(self) -> None:
        if not self._demarche_hung_up.is_set():
            self.show(self._start)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """A toast whose words are never read as markup: they often hold what a person typed.

        Every screen's and widget's `notify` ends here, so a follow-up like
        "Send the statistics [/] by Friday" shows as typed; control
        characters are shown visibly (`display.visible`), never sent raw.
        """
        kwargs = {} if timeout is None else {"timeout": timeout}
        super().notify(
            visible(str(message)), title=visible(title), severity=severity, markup=False, **kwargs
        )

    def guard_terminal(self) -> None:
        """A closed terminal or a polite kill saves what was typed and ends the process, always.

        Called by the command before `run` (never in tests that drive the app
        headless): from then on, whatever the moment, start-up included.

        The terminal can go in several ways: SIGHUP, SIGTERM, or no signal at
        all and the tty hung up (EOF, EIO: tmux ``kill-server``, a pty whose
        other end closed). Each leads to `_terminal_gone`. A Python signal
        handler, not one on the event loop: it runs even when the loop is
        stuck writing to a terminal that is no longer there. A thread that
        waits for the tty to hang up covers the case without a signal.
        """
        import signal
        import threading

        self._demarche_gone = threading.Event()
        self._demarche_signals = {}
        for sig in (signal.SIGHUP, signal.SIGTERM):
            try:
                self._demarche_signals[sig] = signal.signal(sig, self._on_signal)
            except (ValueError, OSError):
                pass  # not the main thread: leave the defaults, which end the process
        threading.Thread(
            target=self._watch_terminal, name="demarche-tty-watch", daemon=True
        ).start()

    def _on_signal(self, signum: int, frame: object) -> None:
        import signal

        # A second signal ends the process at once (the default), never ignored.
        for sig in self._demarche_signals:
            signal.signal(sig, signal.SIG_DFL)
        self._terminal_gone(128 + signum)

    def _watch_terminal(self) -> None:
        """Wait (blocked in poll, no polling loop) until one of the tty ends hangs up."""
        import select
        import sys

        poller = select.poll()
        fds = set()
        for stream in (sys.__stdin__, sys.__stdout__, sys.__stderr__):
            if stream is None:
                continue
            try:
                fd = stream.fileno()
            except (AttributeError, OSError, ValueError):
                continue
            if os.isatty(fd):
                fds.add(fd)
                poller.register(fd, 0)  # no events asked: only hang-up and errors wake it
        while fds and not self._demarche_gone.is_set():
            try:
                events = poller.poll()
            except InterruptedError:
                continue
            if any(ev & (select.POLLHUP | select.POLLERR | select.POLLNVAL) for _, ev in events):
                if not self._demarche_exiting:
                    self._terminal_gone(129)
                return

    def _terminal_gone(self, code: int) -> None:
        """Save and end the process within a second, whatever the event loop is doing."""
        import threading

        if self._demarche_gone.is_set():
            return
        self._demarche_gone.set()
        threading.Thread(
            target=self._last_save_and_exit, args=(code,), name="demarche-hang-up", daemon=True
        ).start()

    def _last_save_and_exit(self, code: int) -> None:
        # First the orderly way, on the loop (it also puts a live terminal back as it was) ...
        loop = self._loop
        try:
            if loop is not None:
                loop.call_soon_threadsafe(self._hang_up)
        except RuntimeError:
            pass  # the loop is closed: straight to the last save
        if self._demarche_hung_up.wait(0.5):
            import time

            time.sleep(0.3)  # saved: give the orderly exit a moment to finish on its own
        # ... then, if the process is still here, save from this thread and leave.
        with self._demarche_closing:
            session = self.session
            if session is not None and not session.closed:
                try:
                    session.close()
                except Exception:
                    pass
        os._exit(code)

    def _hang_up(self) -> None:
        try:
            self.close_session(force=True)
        finally:
            self._demarche_hung_up.set()
        self.exit()

    def on_unmount(self) -> None:
        self._demarche_exiting = True
        self._keep_caches()

    def settle_session(self) -> None:
        """After a screen's first frame: what could wait is done now.

        The open session writes what it left (`MeetingSession.settle`), and
        what the start parsed and compiled is kept for the next one (styles,
        `style_cache`; dataclass methods, `dataclass_code`).
        """
        if self.session is not None:
            self.session.settle()
        self._keep_caches()

    def _keep_caches(self) -> None:
        kept = getattr(self.stylesheet, "kept", None)
        if kept is not None:
            kept.save()
        dataclass_code.save()

    def _take_session(self, session: MeetingSession) -> None:
        self.session = session
        self.save_state = session.saver.state if session.saver.state.at else None
        session.listeners.append(self._on_session_saved)

    def _on_session_saved(self, state: SaveState) -> None:
        # Called on the autosave thread (or ours, during close): post, never touch widgets.
        self.post_message(self.SaveStateChanged(state))

    @on(SaveStateChanged)
    def _save_state_changed(self, message: SaveStateChanged) -> None:
        failing_before = self.save_state is not None and not self.save_state.ok
        self.save_state = message.state
        if not message.state.ok and not failing_before:
            # The status line says it too, but a first failure must not go
            # unseen: a record that cannot be written at all (a full disk
            # when the meeting starts) fails just after the first frame.
            self.notify(
                f"{message.state.error}. Everything typed is kept here and saving is retried; "
                "the meeting stays open until it is saved.",
                title="Not saved",
                severity="error",
                timeout=15,
            )
        if message.state.warning:
            self.notify(
                message.state.warning,
                title="Record changed outside demarche",
                severity="warning",
                timeout=15,
            )

    def close_session(self, force: bool = False) -> bool:
        """Save what is left and release the record. False (session kept open) when the save failed, unless `force`."""
        with self._demarche_closing:
            return self._close_session(force)

    def _close_session(self, force: bool) -> bool:
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

    def make_screen(self, name: str) -> Screen[None]:
        """A fresh screen for `name` ("home", "prepare", "meeting" or "wrapup")."""
        return screen_class(name)()

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
            self.notify(
                "The open record could not be saved; it stays open.",
                title="Not switched",
                severity="error",
            )
            return
        self._take_session(session)
        self._go_to_item(at)
        self.show(SCREEN_FOR_STAGE[session.record.stage])

    def _go_to_item(self, item_id: str) -> None:
        if (
            item_id
            and self.session is not None
            and any(e.id == item_id for e in self.session.record.entries)
        ):
            self.session.set_current(item_id)

    def new_meeting(
        self, plan_path: Path, screen: str = "prepare", carry_forward: list[str] | None = None
    ) -> None:
        """Create a record for a meeting on `plan_path` under records/ and show `screen`.

        With `carry_forward`, only those items (and contingency points) are on
        the new meeting's agenda: what earlier meetings did not deliver.
        """
        if not self.close_session():
            self.notify(
                "The open record could not be saved; it stays open.",
                title="Not switched",
                severity="error",
            )
            return
        try:
            session = MeetingSession.create(Path(plan_path), self.workspace)
        except DemarcheError as exc:
            self.notify(str(exc), title="Cannot start a meeting", severity="error", timeout=8)
            self.show("home")
            return
        self._take_session(session)
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

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand(
            "Search plans and records (/)",
            "Find text in items, responses, notes, follow-ups",
            self.action_search,
        )

    def action_help(self) -> None:
        from .screens.help_screen import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(getattr(self.screen, "HELP_SECTION", None)))
