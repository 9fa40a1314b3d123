"""Keys typed or pasted in a burst land where the officer is, in the order typed.

Textual reads a key, posts it to the focused widget's queue and reads the
next one at once; the key's binding runs later, when the key has bubbled
back up to the app. In a burst (`d r text`, or `2009-07-20 Tab 11:00` in a
dialog) every key is therefore sent to the widget focused *before* the first
of them acted: `r` moves the focus to the response editor, but `text` was
already posted to the agenda and is dropped; the Tab between two fields
comes after the next field's text was already typed into the first.

`KeysInOrder` (mixed into the app) makes the keyboard sequential:

- when the focused widget is not a text field, a key's binding runs before
  the next key is read (`d r text`: the text reaches the editor `r` opened);
- a key a text field hands on rather than types (Tab, Escape, Escape typed
  just before a key, Enter in a one-line field) goes to the field after the text before it, and the keys
  after it wait until it has acted (`2009-07-20 Tab 11:00`: the time reaches
  the time field);
- keys wait while a newly opened screen has not focused its first field or
  says it is still ``opening`` (the Meeting screen adds its response fields
  after its first frame), and while the app has not shown its first screen
  (it is shown after Textual's start-up batch, so that its first frame is
  painted at once).

A key is never dropped or sent to a field not yet focused. Keys never wait
longer than `HOLD_AT_MOST`, so a screen that focuses nothing cannot swallow
the keyboard.
"""

from __future__ import annotations

import sys
import time
from typing import TYPE_CHECKING

from textual import events
from textual.widgets import Input

from .terminal_keys import escaped_key

if TYPE_CHECKING:
    from textual.app import App

    # The type checker sees the app the mixin is mixed into (`DemarcheApp`), so
    # its `screen`, `focused` and `call_after_refresh` are typed.
    _AppMixin = App[None]
else:
    _AppMixin = object

#: How long keys wait for a screen or a field before going on regardless.
HOLD_AT_MOST = 1.0

#: Keys a text field never types: what comes after them waits until they acted.
HANDED_ON = frozenset({"tab", "shift+tab", "escape"})


def _is_text_field(widget: object) -> bool:
    """An Input or a TextArea: a field that types keys rather than acting on them.

    TextArea's module takes some 5 ms to load and the Meeting screen loads it
    only after its first frame: until it is loaded, no widget can be one.
    """
    if isinstance(widget, Input):
        return True
    text_area = sys.modules.get("textual.widgets._text_area")
    return text_area is not None and isinstance(widget, text_area.TextArea)


def _handed_on(focused: object, key: str) -> bool:
    # alt+<key> is Escape typed just before <key> (see terminal_keys.py): it
    # leaves the field, so what follows must wait for it as for Escape.
    alt_key = escaped_key(key) is not None
    return key in HANDED_ON or alt_key or (key == "enter" and isinstance(focused, Input))


class KeysInOrder(_AppMixin):
    """App mixin: keys act in the order typed, each where the previous ones left the focus."""

    _held_keys: list[events.Key]
    _held_since: float = 0.0
    _barrier: events.Key | None = None

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:
            if not hasattr(self, "_held_keys"):
                self._held_keys = []
            if self._held_keys or self._must_wait():
                if not self._held_keys:
                    self._held_since = time.monotonic()
                self._held_keys.append(event)
                self.call_after_refresh(self._release_keys)
                return
            focused = self.focused
            if _is_text_field(focused):
                if _handed_on(focused, event.key):
                    self._barrier = event
                    self._held_since = time.monotonic()
            elif await self._check_bindings(event.key, priority=True) or await self._check_bindings(
                event.key
            ):
                return
        await super().on_event(event)

    async def _on_key(self, event: events.Key) -> None:
        # Textual calls every class's `_on_key` along the MRO: the app's (which
        # runs the key's binding) comes after this one, and what the binding
        # sets off (a Submitted message, a focus change) is handled by the
        # next refresh. The held keys go then.
        if event is self._barrier:
            self.call_after_refresh(self._lift_barrier)

    async def _lift_barrier(self, calm: int = 0) -> None:
        # Settled on two refreshes in a row: a message between two widgets'
        # queues (a Submitted bubbling up to the dialog that closes on it) is
        # in neither queue for a moment.
        if time.monotonic() - self._held_since <= HOLD_AT_MOST:
            calm = calm + 1 if self._screen_settled() else 0
            if calm < 2:
                self.call_after_refresh(self._lift_barrier, calm)
                return
        self._barrier = None
        await self._release_keys()

    def _screen_settled(self) -> bool:
        """No widget of the screen has a message waiting (a Submitted about to close a dialog...)."""
        screen = self.screen
        for node in (screen, *screen.walk_children()):
            queue = getattr(node, "_message_queue", None)
            if queue is not None and not queue.empty():
                return False
        return True

    def _must_wait(self) -> bool:
        """A key handed on to a field has not acted yet, or a screen is still opening."""
        if time.monotonic() - self._held_since > HOLD_AT_MOST and (
            self._held_keys or self._barrier
        ):
            self._barrier = None
            return False
        if self._barrier is not None:
            return True
        if len(self.screen_stack) < 2:
            return True  # the app's first screen is not shown yet, only Textual's blank default
        screen = self.screen
        if not screen.is_mounted or getattr(screen, "opening", False):
            return True
        return screen.focused is None and bool(screen.focus_chain)

    async def _release_keys(self) -> None:
        if not getattr(self, "_held_keys", None):
            return
        if self._must_wait():
            self.call_after_refresh(self._release_keys)
            return
        held, self._held_keys = self._held_keys, []
        for k, key in enumerate(held):
            if self._must_wait():
                # A replayed key opened a screen or was handed on: the rest waits for it.
                self._held_keys = held[k:] + self._held_keys
                self.call_after_refresh(self._release_keys)
                return
            await self.on_event(key)
