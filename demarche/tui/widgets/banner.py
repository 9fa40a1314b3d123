"""The classification banner shown at the top and bottom of every screen.

It reads the open record's overall marking (never lower than any item in it),
so what is on screen is always labelled at the level of its most sensitive part.
"""

from __future__ import annotations

from textual.widgets import Static

from ...display import plain
from ...classification import Level, Marking, UNCLASSIFIED


class ClassificationBanner(Static):
    """One centred line: ``UNCLASSIFIED``, ``SECRET//NOFORN`` ...

    Mount two per screen (top and bottom). Call `refresh_marking()` after a
    change that might raise the record's marking; with no open record the
    banner shows UNCLASSIFIED.
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

    def __init__(self, marking: Marking | None = None, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__("", id=id, classes=classes)
        self._marking = marking

    def on_mount(self) -> None:
        self.refresh_marking(self._marking)

    def refresh_marking(self, marking: Marking | None = None) -> None:
        """Show `marking`, or the open record's overall marking when None."""
        if marking is None:
            session = getattr(self.app, "session", None)
            marking = session.record.overall_marking() if session is not None else UNCLASSIFIED
        self.update(plain(marking.banner))
        self.set_class(marking.level == Level.SBU, "-sbu")
        self.set_class(marking.level.classified, "-classified")
