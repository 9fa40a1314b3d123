"""What every screen and dialog of the app reaches: a typed `app`, and the open `session`.

Textual types `Screen.app` as a plain `App`; here it is the `DemarcheApp`
(cast as posting does), so the type checker sees `workspace`, `session`,
`show()` and the rest. `session` is the open record's `MeetingSession`: the
screens that show a record (Prepare, Meeting, Wrap-up) are only shown with
one, so it is an error, not a None, when there is none.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar, cast

from textual import events
from textual.screen import ModalScreen, Screen

if TYPE_CHECKING:
    from ...session import MeetingSession
    from ..app import DemarcheApp

ResultType = TypeVar("ResultType")


class DemarcheScreen(Screen[ResultType]):
    """A screen of the app."""

    _resumed_before = False

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        # Shown for the first time (the app makes a new screen each time it
        # shows one): its widgets were styled as they were mounted, just now.
        # Textual would style them all again before the first frame.
        if not self._resumed_before:
            self._resumed_before = True
            event.refresh_styles = False
            # What the session left until the app was up (a new record's
            # first write, parsed copies) comes right after this first frame.
            # (A screen shown by a test's own small app has no session.)
            settle = getattr(self.app, "settle_session", None)
            if settle is not None:
                self.call_after_refresh(settle)

    @property
    def app(self) -> DemarcheApp:  # type: ignore[override]  # narrower than Textual's App[Any], on purpose
        return cast("DemarcheApp", super().app)

    @property
    def session(self) -> MeetingSession:
        """The open record's session (the app shows record screens only with one)."""
        session = self.app.session
        if session is None:
            raise RuntimeError(f"{type(self).__name__} needs an open record")
        return session


class DemarcheDialog(ModalScreen[ResultType]):
    """A dialog of the app: it gathers input and dismisses with it; the screen that pushed it applies it."""

    @property
    def app(self) -> DemarcheApp:  # type: ignore[override]  # narrower than Textual's App[Any], on purpose
        return cast("DemarcheApp", super().app)
