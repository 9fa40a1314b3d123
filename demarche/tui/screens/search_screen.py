"""Search (`/`, anywhere): find text in plans and records, and go to it.

An Input and a table of hits (file, where, snippet with the match
highlighted). The workspace is read once by a thread worker
(`overview.scan` with the record cache) when the screen opens; each change of the text
searches that in-memory overview in another worker (`search.search`), the
latest one winning. Enter on a record's hit opens the record at the hit's
item; on a plan's hit it shows the plan's text at the hit. A modal screen,
so opening a record (`app.open_record` -> `app.show`) closes it.
"""

from __future__ import annotations

from typing import cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import DataTable, Footer, Input, Label, Static
from textual.worker import Worker, WorkerState

from ...classification import UNCLASSIFIED, Marking
from ...display import cell, plain
from ...lookup import Hit, hit_text, hits_marking, search
from ...store.overview import Overview, scan
from ...store.workspace import Workspace
from ..widgets.banner import ClassificationBanner
from .base import DemarcheDialog

#: Rows shown; more hits are counted, not listed (a one-letter search would list thousands).
MAX_HITS = 500


def snippet_cell(hit: Hit) -> Text:
    """The snippet with the match in reverse video (visible without colour too)."""
    text = plain(hit.snippet)
    text.no_wrap, text.overflow = True, "ellipsis"
    text.stylize("reverse bold", hit.start, hit.end)
    return text


class SearchScreen(DemarcheDialog[None]):
    """Type to search; down or enter goes to the hits; enter opens one; escape closes."""

    BINDINGS = [
        Binding("escape", "close", "Close", id="search.close", tooltip="Back where you were"),
        Binding("down", "to_hits", "Hits", show=False, id="search.to_hits"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.overview: Overview | None = None
        self.hits: list[Hit] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="search-box"):
            yield ClassificationBanner(UNCLASSIFIED, classes="banner-top")
            yield Label(
                "Search plans and records (items, responses, notes, follow-ups)",
                classes="dialog-title",
            )
            yield Input(
                placeholder="text to find; enter or down to go to the hits", id="search-input"
            )
            yield Static("Reading the workspace...", id="search-count")
            yield DataTable(id="search-hits", cursor_type="row")
            yield ClassificationBanner(UNCLASSIFIED, classes="banner-bottom")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#search-input", Input).focus()
        self._read(self.app.workspace)

    @work(thread=True, exclusive=True, group="search-read", exit_on_error=False)
    def _read(self, ws: Workspace) -> Overview:
        return scan(ws, use_cache=True)

    @work(thread=True, exclusive=True, group="search-run", exit_on_error=False)
    def _search(self, overview: Overview, text: str) -> tuple[str, list[Hit]]:
        return text, search(overview, text)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        group = event.worker.group
        if event.state is WorkerState.ERROR:
            self.query_one("#search-count", Static).update(
                plain(f"Cannot search: {event.worker.error}")
            )
        elif event.state is not WorkerState.SUCCESS:
            return
        elif group == "search-read":
            self.overview = cast(Overview, event.worker.result)
            self._run(self.query_one("#search-input", Input).value)
        elif group == "search-run":
            text, hits = cast("tuple[str, list[Hit]]", event.worker.result)
            if text == self.query_one("#search-input", Input).value:
                self._show(text, hits)

    def _run(self, text: str) -> None:
        if self.overview is None:
            return
        if not text.strip():
            self._show(text, [])
            return
        self._search(self.overview, text)

    def _marking_of(self, hits: list[Hit]) -> Marking:
        """The highest marking of the files the listed hits come from."""
        ov = self.overview
        if ov is None:
            return UNCLASSIFIED
        return hits_marking(ov, hits)

    def _show(self, text: str, hits: list[Hit]) -> None:
        self.hits = hits[:MAX_HITS]
        marking = self._marking_of(self.hits)
        for banner in self.query(ClassificationBanner):
            banner.refresh_marking(marking)
        table = self.query_one("#search-hits", DataTable)
        table.clear(columns=True)
        table.add_columns("File", "Where", "Snippet")
        for n, h in enumerate(self.hits):
            where = h.where if h.where == h.field else f"{h.where} {h.field}"
            table.add_row(cell(h.shown), cell(where), snippet_cell(h), key=str(n))
        count = self.query_one("#search-count", Static)
        if not text.strip():
            count.update("Type to search.")
        elif not hits:
            count.update(plain(f"Nothing found for {text.strip()!r}."))
        else:
            files = len({h.file for h in hits})
            more = f" (first {MAX_HITS} listed)" if len(hits) > MAX_HITS else ""
            count.update(f"{len(hits)} hits in {files} files{more} · enter opens")

    @on(Input.Changed, "#search-input")
    def _typed(self, event: Input.Changed) -> None:
        self._run(event.value)

    @on(Input.Submitted, "#search-input")
    def _submitted(self) -> None:
        self.action_to_hits()

    def action_to_hits(self) -> None:
        table = self.query_one("#search-hits", DataTable)
        if table.row_count:
            table.focus()

    def action_close(self) -> None:
        if self.query_one("#search-hits", DataTable).has_focus:
            self.query_one("#search-input", Input).focus()
        else:
            self.dismiss()

    @on(DataTable.RowSelected, "#search-hits")
    def _chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        hit = self.hits[event.cursor_row]
        if hit.kind == "record":
            self.app.open_record(hit.file, at=hit.where)
            return
        plan = (
            next((p.plan for p in self.overview.plans if p.path == hit.file), None)
            if self.overview
            else None
        )
        if plan is not None:
            self.app.push_screen(PlanHitScreen(plan.title, hit, hit_text(plan, hit)))


class PlanHitScreen(DemarcheDialog[None]):
    """A plan's text at a search hit; escape goes back to the hits."""

    BINDINGS = [Binding("escape", "dismiss", "Back to hits", id="search.plan_back")]

    def __init__(self, title: str, hit: Hit, text: str) -> None:
        super().__init__()
        self.title_text = title
        self.hit = hit
        self.text = text

    def compose(self) -> ComposeResult:
        h = self.hit
        with Vertical(id="plan-hit-box", classes="dialog"):
            yield Label(
                plain(f"{h.shown} · {h.where} {h.field if h.field != h.where else ''}"),
                classes="dialog-title",
            )
            yield Static(plain(self.title_text), id="plan-hit-title")
            with VerticalScroll(id="plan-hit-scroll"):
                yield Static(plain(self.text), id="plan-hit-text")
            yield Label(
                "escape: back to the hits · from Home, n starts a meeting on this plan",
                id="plan-hit-hint",
            )
        yield Footer()

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(None)
