"""The response editor and speaker field of the Meeting screen.

A terminal sends Escape as one byte, and Textual waits a moment (ESCDELAY)
to tell it from the start of an escape sequence: Escape pressed and a key
right after it arrive as alt+key. An officer who leaves the editor with
escape and marks the point with d a beat later would otherwise type a "d"
into the response. These fields read alt+<key> as escape followed by <key>.

The screen is called directly, not through a message: focus must leave the
field before the next key arrives, or that key would be typed into it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from textual import events
from textual.widgets import Input, TextArea

from ..terminal_keys import escaped_key
from .visible_lines import VisibleLines

if TYPE_CHECKING:
    from textual.widget import Widget

    # The type checker sees the field the mixin is mixed into.
    _WidgetMixin = Widget
else:
    _WidgetMixin = object


class HandlesEscapeThenKey(Protocol):
    """The screen that owns these fields: leaves them, then acts on `key` as typed on its list."""

    async def escape_then_key(self, key: str) -> None: ...


class _EscapeThenKeyField(_WidgetMixin):
    """Mixin for a text field: alt+<key> leaves the field and acts on <key>."""

    async def _on_key(self, event: events.Key) -> None:
        key = escaped_key(event.key)
        if key is not None and hasattr(self.screen, "escape_then_key"):
            event.stop()
            event.prevent_default()
            await self.screen.escape_then_key(key)
            return
        await super()._on_key(event)


class ResponseEditor(VisibleLines, _EscapeThenKeyField, TextArea):
    """The host side's response: a TextArea that hands alt+key back as escape + key."""


class SpeakerInput(VisibleLines, _EscapeThenKeyField, Input):
    """Who said it: an Input that hands alt+key back as escape + key."""
