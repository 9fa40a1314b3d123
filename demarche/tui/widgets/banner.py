"""The classification banner shown at the top and bottom of every screen.

Its screen gives it the marking of what it shows (for a record, its overall
marking, never lower than any item in it), so what is on screen is always
labelled at the level of its most sensitive part.
"""

from __future__ import annotations

from textual.widgets import Static

from ...classification import Level, Marking
from ...display import plain


class ClassificationBanner(Static):
    """One centred line: ``UNCLASSIFIED``, ``SECRET//NOFORN`` ...

    Mount two per screen (top and bottom). There is no default: a screen that
    forgot its marking must not show UNCLASSIFIED. Call `refresh_marking()`
    when what the screen shows changes.
    """

    DEFAULT_CSS = """
    ClassificationBanner {
        width: 100%;
        height: 1;
        content-align: center middle;
        text-style: bold;
        background: $success-darken-2;
        color: $text;
    }
    ClassificationBanner.-sbu { background: $success-darken-1; }
    ClassificationBanner.-classified { background: $error-darken-1; }
    """

    def __init__(
        self, marking: Marking, *, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__("", id=id, classes=classes)
        self._marking = marking

    def on_mount(self) -> None:
        self.refresh_marking(self._marking)

    def refresh_marking(self, marking: Marking) -> None:
        """Show `marking`."""
        self._marking = marking
        self.update(plain(marking.banner))
        self.set_class(marking.level == Level.SBU, "-sbu")
        self.set_class(marking.level.classified, "-classified")
