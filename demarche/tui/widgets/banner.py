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
        # Text and classes from the start, not set on mount: that would style it twice.
        on = [name for name, is_on in _level_classes(marking).items() if is_on]
        shown = " ".join(filter(None, (classes, *on)))
        super().__init__(plain(marking.banner), id=id, classes=shown or None)
        self._marking = marking

    def refresh_marking(self, marking: Marking) -> None:
        """Show `marking`."""
        self._marking = marking
        self.update(plain(marking.banner))
        for name, is_on in _level_classes(marking).items():
            self.set_class(is_on, name)


def _level_classes(marking: Marking) -> dict[str, bool]:
    """The banner's classes for `marking`'s level: each on or off."""
    return {"-sbu": marking.level == Level.SBU, "-classified": marking.level.classified}
