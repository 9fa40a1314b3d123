"""Editable fields that never send a control character to the terminal.

A `TextArea` or `Input` draws its text as typed; an ESC or OSC sequence
left in a record by a hand edit would reach the terminal raw (a response
holding ``ESC [2J`` blanked the Meeting screen). `VisibleLines` shows each
control character in caret notation (`display.visible`) when the line is
drawn; the text itself, and so what is saved, is not changed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import Input, TextArea

from ...display import CONTROL, visible

if TYPE_CHECKING:
    from textual.widget import Widget

    # The type checker sees the widget the mixin is mixed into.
    _WidgetMixin = Widget
else:
    _WidgetMixin = object


class VisibleLines(_WidgetMixin):
    """Mixin for a widget drawn line by line (`render_line`): control characters shown, never sent."""

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        if not any(CONTROL.search(s.text) for s in strip):
            return strip
        shown = Strip([Segment(visible(s.text), s.style, s.control) for s in strip])
        return shown.crop_extend(0, strip.cell_length, None)


class VisibleTextArea(VisibleLines, TextArea):
    """A `TextArea` that shows control characters in caret notation."""


class VisibleInput(VisibleLines, Input):
    """An `Input` that shows control characters in caret notation."""
