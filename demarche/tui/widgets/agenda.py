"""The meeting's agenda: one line per item with its status glyph.

A line-based `ScrollView` that renders only the visible lines, so a
2,000-item plan scrolls and updates as fast as a 24-item one (no widget per
row, no re-measuring every row when one changes). Each line reads

    + ! tp-1   Russia's efforts over the past year ...

glyph (`Outcome.glyph`), ``!`` for high priority, id, text cut to the width;
the point to take up next (`next_index`) reads ``next:`` before its text.
"""

from __future__ import annotations

from dataclasses import dataclass
from collections.abc import Callable

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ...display import visible
from ...model import Entry, Outcome


class AgendaList(ScrollView, can_focus=True):
    """The agenda of an open record; `cursor` is the index of the item shown in full."""

    DEFAULT_CSS = """
    AgendaList {
        height: 1fr;
        overflow-x: hidden;
    }
    AgendaList > .agenda--cursor { background: $block-cursor-blurred-background; }
    AgendaList:focus > .agenda--cursor { background: $block-cursor-background; color: $block-cursor-foreground; text-style: bold; }
    AgendaList > .agenda--done { color: $text-muted; }
    AgendaList > .agenda--skipped { color: $text-disabled; }
    AgendaList > .agenda--high { color: $warning; text-style: bold; }
    """

    COMPONENT_CLASSES = {"agenda--cursor", "agenda--done", "agenda--skipped", "agenda--high"}

    BINDINGS = [
        Binding("up,k", "cursor_up", "Up", show=False, id="agenda.up"),
        Binding("down,j", "cursor_down", "Down", show=False, id="agenda.down"),
        Binding("home", "first", "First", show=False, id="agenda.first"),
        Binding("end", "last", "Last", show=False, id="agenda.last"),
        Binding("pageup", "page_up_cursor", "Page up", show=False, id="agenda.pageup"),
        Binding("pagedown", "page_down_cursor", "Page down", show=False, id="agenda.pagedown"),
        Binding("enter", "choose", "Edit response", show=False, id="agenda.choose"),
    ]

    cursor: reactive[int] = reactive(0, always_update=False, repaint=False)

    @dataclass
    class Moved(Message):
        """The cursor is on another item."""

        agenda: AgendaList
        index: int

        @property
        def control(self) -> AgendaList:
            return self.agenda

    @dataclass
    class Chosen(Message):
        """Enter (or a click on the cursor line): edit this item's response."""

        agenda: AgendaList
        index: int

    def __init__(
        self,
        entries: list[Entry],
        cursor: int = 0,
        *,
        on_move: Callable[[int], None] | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.entries = entries
        self.on_move = on_move
        """Called at once when the cursor moves, before the next key is read (`Moved` comes later)."""
        self.next_index: int | None = None
        """The line shown as ``next:`` (the point to take up after the current one)."""
        self._rows: dict[str, int] | None = None
        """Line of each item id (`index_of`), built when first asked after the entries change."""
        self.set_reactive(AgendaList.cursor, max(0, min(cursor, len(entries) - 1)))

    def show_next(self, index: int | None) -> None:
        """Mark the line `index` as the next point (None: none)."""
        if index == self.next_index:
            return
        old, self.next_index = self.next_index, index
        for k in (old, index):
            if k is not None:
                self.refresh_entry(k)

    # -- data ---------------------------------------------------------------

    def set_entries(self, entries: list[Entry], cursor: int | None = None) -> None:
        """Show another list of entries (after undo or reordering)."""
        self.entries = entries
        self._rows = None
        self.virtual_size = Size(self.size.width, len(entries))
        if cursor is not None:
            self.cursor = cursor
        self.cursor = max(0, min(self.cursor, len(entries) - 1))
        self.refresh()

    def index_of(self, item_id: str) -> int | None:
        """The line of the item `item_id` (the first, if ids repeat), or None: a lookup, not a walk per key."""
        rows = self._rows
        if rows is not None:
            k = rows.get(item_id)
            if k is not None and k < len(self.entries) and self.entries[k].id == item_id:
                return k
        # Not built yet, or the list was changed in place, or not on it: index it again.
        rows = self._rows = {}
        for n, e in enumerate(self.entries):
            rows.setdefault(e.id, n)
        return rows.get(item_id)

    def refresh_entry(self, index: int) -> None:
        """Redraw one line after its entry changed."""
        self.refresh(Region(0, index - self.scroll_offset.y, self.size.width, 1))

    @property
    def current(self) -> Entry | None:
        return self.entries[self.cursor] if self.entries else None

    # -- cursor -------------------------------------------------------------

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self.entries) - 1)) if self.entries else 0

    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh_entry(old)
        self.refresh_entry(new)
        self.scroll_to_cursor()
        if self.on_move is not None:
            self.on_move(new)
        self.post_message(self.Moved(self, new))

    def scroll_to_cursor(self) -> None:
        height = self.scrollable_content_region.height or 1
        top = self.scroll_offset.y
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False, immediate=True)

    def action_cursor_up(self) -> None:
        self.cursor -= 1

    def action_cursor_down(self) -> None:
        self.cursor += 1

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = len(self.entries) - 1

    def action_page_up_cursor(self) -> None:
        self.cursor -= max(1, self.scrollable_content_region.height - 1)

    def action_page_down_cursor(self) -> None:
        self.cursor += max(1, self.scrollable_content_region.height - 1)

    def action_choose(self) -> None:
        if self.entries:
            self.post_message(self.Chosen(self, self.cursor))

    def on_click(self, event: events.Click) -> None:
        index = event.y + self.scroll_offset.y
        if 0 <= index < len(self.entries):
            if index == self.cursor and event.chain > 1:
                self.action_choose()
            self.cursor = index

    # -- drawing ------------------------------------------------------------

    def on_mount(self) -> None:
        self.virtual_size = Size(self.size.width, len(self.entries))
        self.call_after_refresh(self.scroll_to_cursor)

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, len(self.entries))
        self.scroll_to_cursor()

    def render_line(self, y: int) -> Strip:
        index = y + self.scroll_offset.y
        width = self.scrollable_content_region.width
        base = self.rich_style
        if not (0 <= index < len(self.entries)):
            return Strip.blank(width, base)
        e = self.entries[index]
        style = base
        if e.outcome.done:
            style += self.get_component_rich_style("agenda--done", partial=True)
        elif e.outcome in (Outcome.SKIPPED, Outcome.DEFERRED):
            style += self.get_component_rich_style("agenda--skipped", partial=True)
        if index == self.cursor:
            style += self.get_component_rich_style("agenda--cursor", partial=True)
        high = (
            self.get_component_rich_style("agenda--high", partial=True) if e.item.high else Style()
        )
        text = visible(" ".join(e.item.text.split()))
        glyph = e.outcome.glyph
        segments = [
            Segment(f"{glyph} ", style),
            Segment("!" if e.item.high else " ", style + high),
            Segment(
                visible(f" {e.id:<6} " + ("next: " if index == self.next_index else "")) + text,
                style,
            ),
        ]
        return Strip(segments).crop_extend(0, width, style)
