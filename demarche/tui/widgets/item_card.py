"""The current item in full: large text, cue, notes for post, leave-behind status.

Read-only; the Meeting screen calls `show(entry)` whenever the cursor moves or
the entry changes. A point longer than the card scrolls (`scroll_lines`,
shift+down/up in the Meeting screen); the card then says there is more. Notes for post are labelled FOR POST ONLY in words (not
only colour) so they survive NO_COLOR and a glance.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from ...display import visible
from ...model import Entry, ItemKind


class ItemCard(VerticalScroll, can_focus=False):
    """Id, kind, marking and priority; then the item's text, cue and post note."""

    DEFAULT_CSS = """
    ItemCard { height: 1fr; padding: 0 1; }
    ItemCard > #item-meta { color: $text-muted; }
    ItemCard > #item-text { text-style: bold; margin: 1 0 0 0; }
    ItemCard > #item-cue { color: $accent; margin: 1 0 0 0; }
    ItemCard > #item-post-note { background: $warning 20%; margin: 1 0 0 0; }
    ItemCard > .-empty { display: none; }
    ItemCard.-more { border-bottom: hkey $panel; border-subtitle-color: $text-muted; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: dict[str, str] = {}
        """What each part shows, so showing the same again redraws nothing."""
        self._shown_id: str | None = None
        """The entry shown: another one is read from its start."""

    def scroll_lines(self, direction: int) -> None:
        """Scroll by most of a card's height, so the last line read stays in view."""
        step = max(1, self.scrollable_content_region.height - 2)
        self.scroll_relative(y=direction * step, animate=False)
        self._say_more()

    def _say_more(self) -> None:
        """``more below (shift+down)`` / ``more above (shift+up)`` as the card's subtitle when it overflows."""
        parts = []
        if self.scroll_y > 0:
            parts.append("more above: shift+up")
        if self.scroll_y < self.max_scroll_y:
            parts.append("more below: shift+down")
        said = "  ".join(parts)
        if said != (self.border_subtitle or ""):
            self.border_subtitle = said
        if bool(parts) != self.has_class("-more"):
            self.set_class(bool(parts), "-more")

    def on_resize(self) -> None:
        self.call_after_refresh(self._say_more)

    def watch_virtual_size(self) -> None:
        # After the refresh: while a layout is under way the content may be
        # measured at a stale width, and a hint set then would stick.
        self.call_after_refresh(self._say_more)

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        self._say_more()

    def compose(self) -> ComposeResult:
        yield Static(id="item-meta", markup=False)
        yield Static(id="item-text", markup=False)
        yield Static(id="item-cue", markup=False)
        yield Static(id="item-post-note", markup=False)

    def _set(self, wid: str, text: str) -> bool:
        """Show `text` in the part `wid`; False when it already showed it (nothing to redraw)."""
        if self._shown.get(wid) == text:
            return False  # a redraw and a layout of the whole screen for nothing
        self._shown[wid] = text
        w = self.query_one(f"#{wid}", Static)
        w.update(visible(text))
        w.set_class(not text, "-empty")
        return True

    def show(self, entry: Entry | None) -> None:
        if entry is None:
            for wid in ("item-meta", "item-text", "item-cue", "item-post-note"):
                self._set(wid, "")
            self._set("item-text", "No items on the agenda.")
            self._shown_id = None
            return
        it = entry.item
        meta = [it.id, it.kind.label, it.marking.portion]
        if it.high:
            meta.append("HIGH PRIORITY")
        if it.section:
            meta.append(it.section + (f" / {it.subsection}" if it.subsection else ""))
        meta.append(
            entry.outcome.value + (f" {entry.outcome_at:%H:%M}" if entry.outcome_at else "")
        )
        if it.kind is ItemKind.NON_PAPER:
            meta.append(
                f"HANDED OVER {entry.handed_over_at:%H:%M}"
                if entry.handed_over and entry.handed_over_at
                else ("HANDED OVER" if entry.handed_over else "not handed over")
            )
        another = self._shown_id != entry.id
        self._shown_id = entry.id
        changed = self._set("item-meta", "  ·  ".join(meta))
        changed = self._set("item-text", f"{it.marking.portion} {it.text}") or changed
        cue = f"Cue: {entry.cue}" if entry.cue.strip() else ""
        if entry.reason.strip():
            cue = (cue + "\n" if cue else "") + f"Why {entry.outcome.value}: {entry.reason}"
        changed = self._set("item-cue", cue) or changed
        changed = (
            self._set(
                "item-post-note", f"FOR POST ONLY: {it.post_note}" if it.post_note.strip() else ""
            )
            or changed
        )
        if another:
            self.scroll_home(animate=False)  # another point is read from its start
        if changed or another:
            self.call_after_refresh(self._say_more)
