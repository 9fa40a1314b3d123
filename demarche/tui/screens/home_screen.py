"""Home: the plans and meeting records of the workspace, and where to go next.

Two tables. Plans, one row each with its follow-through across meetings
(`followthrough.PlanStatus`): meetings held, items covered, high-priority
items covered, open follow-ups (overdue ones called out), the next deadline
of the instruction, records not yet reported; the line below the tables
details the highlighted plan (every deadline with days left). Records: open
or resume one. A file that cannot be read is listed as BROKEN with the
reason, never hiding the others.

The screen draws at once; a thread worker reads the workspace
(`overview.scan` with the record cache, quick on hundreds of records) and hands back a
`HomeData`, which the screen puts into the tables. With no plan in the
workspace, the bundled founding plan is offered.
"""

from __future__ import annotations

import datetime as dt
import gc
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, cast

from rich.cells import cell_len
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header, Static
from textual.widgets.data_table import RowDoesNotExist
from textual.worker import Worker, WorkerState

from ...actions import ImportedPlan, import_plan
from ...bulk import collector_paused
from ...display import cell, plain
from ...followthrough.coverage import BrokenFile, PlanStatus, WorkspaceStatus
from ...followthrough.history import carry_forward_offer
from ...model import Stage
from ...store.overview import Overview, PlanFile, RecordFile, scan
from ...at_a_glance import progress_line, record_nearest_due
from ...wording import people
from ...store.workspace import Workspace
from ...classification import UNCLASSIFIED
from ..dialogs.carry_forward import CarryAnswer, CarryForwardDialog
from ..widgets.banner import ClassificationBanner
from ..dialogs.import_cable_dialog import ImportCableDialog
from ..widgets.step_footer import StepFooter
from .home_lines import clip as _clip
from .base import DemarcheScreen
from .home_lines import follow_ups_cell, next_deadline, plan_detail, plan_label


#: Seconds after the plans table is filled that the records table is: time for the plans to be drawn.
RECORDS_AFTER = 0.05


@dataclass
class HomeData:
    """What the reader hands to the screen: every file read, and the follow-through per plan."""

    overview: Overview
    status: WorkspaceStatus
    bundled: bool = False
    """True when the workspace has no plan and the bundled founding plan is offered."""


def read_workspace(ws: Workspace, today: dt.date) -> HomeData:
    """Read the workspace and judge it against `today` (disk I/O: run it off the UI thread).

    The collector stays off throughout (`collector_paused`): judging thousands of digests
    builds as many objects again, none of them in cycles, that collections would walk.
    """
    gc.unfreeze()  # what the last read froze is the collector's again: some of it is garbage now
    with collector_paused():
        ov = scan(ws, use_cache=True, parallel=True, full=False)  # digests: all the tables show
        bundled = not ov.plans
        if bundled:
            ov = Overview(ws, [PlanFile.read(ws.default_plan())], ov.records)
        data = HomeData(ov, WorkspaceStatus.build(ov, today), bundled)
        # What was read lives as long as the screen shows it: frozen, the collections that filling
        # the tables triggers do not walk it (half a second on 5,000 records), until the next read.
        gc.freeze()
    return data


def _shown_width(value: str | Text) -> int:
    """The cells a table cell takes: a string cell is Rich markup (`display.cell`), read as the table reads it."""
    if isinstance(value, Text):
        return cell_len(value.plain)
    if "[" not in value and ":" not in value:  # no tag, escape or emoji code: shown as it is
        return cell_len(value)
    return cell_len(Text.from_markup(value).plain)


def _fill_table(
    table: DataTable[str | Text],
    headers: tuple[str, ...],
    rows: list[tuple[tuple[str | Text, ...], str]],
) -> None:
    """Rebuild `table` with columns as wide as their widest cell.

    The widths are given, not left to the DataTable: it measures new rows only when the app
    is next idle, and a table filled just before a redraw was seen drawn at its header widths.
    """
    widths = [cell_len(h) for h in headers]
    for cells, _key in rows:
        for i, value in enumerate(cells):
            widths[i] = max(widths[i], _shown_width(value))
    table.clear(columns=True)
    for header, width in zip(headers, widths):
        table.add_column(header, width=width)
    for cells, key in rows:
        table.add_row(*cells, key=key)


class HomeScreen(DemarcheScreen[None]):
    """Plans and records of the workspace: start, open, resume, import, follow-ups, search."""

    #: The help.md section F1 opens at.
    HELP_SECTION = "Home"
    #: The footer's first keys: the next step first (`StepFooter`).
    FOOTER_FIRST = ("home.new", "home.meet", "home.resume", "home.open")
    BINDINGS = [
        Binding(
            "n",
            "new_meeting('prepare')",
            "New meeting",
            id="home.new",
            tooltip="Prepare a meeting on the selected plan",
        ),
        Binding(
            "m",
            "new_meeting('meeting')",
            "Meet now",
            id="home.meet",
            tooltip="Start a meeting on the selected plan at once",
        ),
        Binding("o", "open_record", "Open", id="home.open", tooltip="Open the selected record"),
        Binding(
            "r",
            "resume",
            "Resume",
            id="home.resume",
            tooltip="Resume the latest unfinished meeting",
        ),
        Binding(
            "f",
            "follow_ups",
            "Follow-ups",
            id="home.follow_ups",
            tooltip="Open follow-ups of every record; close one",
        ),
        Binding(
            "slash", "app.search", "Search", id="home.search", tooltip="Search plans and records"
        ),
        Binding(
            "c",
            "import_cable",
            "Import cable",
            id="home.import",
            tooltip="Import an instruction cable as a plan",
        ),
        Binding("g", "refresh", "Refresh", id="home.refresh", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.data: HomeData | None = None
        self._select_plan: Path | None = None
        self._plan_rows: dict[str, PlanStatus | BrokenFile] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield ClassificationBanner(UNCLASSIFIED, classes="banner-top")
        yield Static("Plans: follow-through across meetings", classes="home-heading")
        yield DataTable(id="home-plans", cursor_type="row", zebra_stripes=False)
        yield Static("Meeting records", classes="home-heading")
        yield DataTable(id="home-records", cursor_type="row")
        yield Static("", id="home-detail")
        yield ClassificationBanner(UNCLASSIFIED, classes="banner-bottom")
        yield StepFooter()

    def on_mount(self) -> None:
        self.sub_title = f"workspace {self.app.workspace.root.name or self.app.workspace.root}"
        self.action_refresh()

    def on_screen_resume(self) -> None:
        if self.data is not None:
            self.action_refresh()

    # -- reading the workspace -------------------------------------------

    def action_refresh(self) -> None:
        self._scan(self._today())

    @work(thread=True, exclusive=True, group="home-scan", exit_on_error=False)
    def _scan(self, today: dt.date) -> HomeData:
        return read_workspace(self.app.workspace, today)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group == "home-scan" and event.state is WorkerState.SUCCESS:
            self.data = event.worker.result
            self._fill()
        elif event.worker.group == "home-scan" and event.state is WorkerState.ERROR:
            self.notify(
                str(event.worker.error),
                title="Cannot read the workspace",
                severity="error",
                timeout=10,
            )
        elif event.worker.group == "home-import":
            if event.state is WorkerState.SUCCESS:
                imported = cast(ImportedPlan, event.worker.result)
                self._select_plan = imported.path
                warnings = imported.warnings
                note = (
                    f"\n{len(warnings)} warning(s): " + "; ".join(warnings[:3]) if warnings else ""
                )
                self.notify(
                    f"Imported as {imported.describe(self.app.workspace)}{note}",
                    title="Cable imported",
                    timeout=8,
                )
                self.action_refresh()
            elif event.state is WorkerState.ERROR:
                err = event.worker.error
                self.notify(str(err), title="Import failed", severity="error", timeout=10)

    def _today(self) -> dt.date:
        return self.app.clock().date()

    def _fill(self) -> None:
        data = self.data
        assert data is not None
        plans = self.query_one("#home-plans", DataTable)
        records = self.query_one("#home-records", DataTable)
        keep = {t.id: self._row_key(t) for t in (plans, records)}
        marking = data.overview.overall_marking()
        for banner in self.query(ClassificationBanner):
            banner.refresh_marking(marking)
        self._fill_plans(plans, data)
        self._move_to(plans, keep[plans.id])
        if self._select_plan is not None:
            self._move_to(plans, str(self._select_plan))
            plans.focus()
            self._select_plan = None
        self._show_detail()
        # A row per record, thousands of them: filled once the plans are on screen (a table
        # draws rows added a refresh or two later; filled at once, they held the plans back).
        self.set_timer(RECORDS_AFTER, partial(self._fill_records_of, data, keep[records.id]))

    def _fill_records_of(self, data: HomeData, key: str | None) -> None:
        found = self.query("#home-records").results(DataTable)
        records = next(found, None)
        if data is not self.data or records is None:
            return  # a newer read came in meanwhile, or the screen is gone: nothing to fill
        self._fill_records(records, data)
        self._move_to(records, key)
        self._show_detail()

    def _fill_plans(self, table: DataTable[str | Text], data: HomeData) -> None:
        width = max(16, self.size.width - 66)
        self._plan_rows = {}
        # Columns are rebuilt with the rows: widths then always fit the new content.
        rows: list[tuple[tuple[str | Text, ...], str]] = []
        for ps in data.status.plans:
            key = str(ps.path) if ps.path else f"untracked:{ps.shown}"
            self._plan_rows[key] = ps
            title = plan_label(ps.plan)
            if data.bundled:
                title = "(bundled) " + title
            elif ps.path is None:
                title = ("(plan BROKEN) " if ps.plan_error else "(no plan file) ") + title
            covered, total = ps.covered_count()
            hi, hi_total = ps.covered_count(high_only=True)
            high = Text(
                f"{hi}/{hi_total}" if hi_total else "-", style="bold" if hi < hi_total else ""
            )
            unreported = len(ps.unreported)
            rows.append(
                (
                    (
                        cell(_clip(title, width)),
                        str(len(ps.held)),
                        f"{covered}/{total}",
                        high,
                        follow_ups_cell(ps),
                        cell(next_deadline(ps)),
                        str(unreported) if unreported else "-",
                    ),
                    key,
                )
            )
        for b in data.status.broken:
            if b.kind == "plan":
                self._plan_rows[str(b.path)] = b
                rows.append(
                    (
                        (
                            cell(_clip(f"BROKEN {b.path.name}: {b.error}", width)),
                            "",
                            "",
                            "",
                            "",
                            "",
                            "",
                        ),
                        str(b.path),
                    )
                )
        _fill_table(
            table,
            ("Plan", "Met", "Items", "High", "Follow-ups", "Next deadline", "To report"),
            rows,
        )

    def _fill_records(self, table: DataTable[str | Text], data: HomeData) -> None:
        today = self._today()
        rows: list[tuple[tuple[str | Text, ...], str]] = []
        ordered = sorted(data.overview.records, key=lambda r: r.path.name, reverse=True)
        for rf in sorted(ordered, key=lambda r: r.digest is None):
            key = str(rf.path)
            if rf.digest is None:
                rows.append(
                    (
                        (
                            cell(rf.path.name[:10]),
                            "BROKEN",
                            cell(_clip(rf.reason, 20)),
                            "",
                            "",
                            cell(rf.path.name),
                        ),
                        key,
                    )
                )
                continue
            r = rf.digest
            day = r.day
            due = record_nearest_due(r, today)
            who = people(r.interlocutors[:1]) or "-"
            if len(r.interlocutors) > 1:
                who += f" +{len(r.interlocutors) - 1}"
            rows.append(
                (
                    (
                        cell(day.isoformat() if day else rf.path.name[:10]),
                        r.stage.label,
                        cell(_clip(who, 20)),
                        progress_line(r),
                        cell(due.short() if due else ""),
                        cell(_clip(r.title, max(12, self.size.width - 88))),
                    ),
                    key,
                )
            )
        _fill_table(table, ("Date", "Stage", "Interlocutor", "Progress", "Next due", "Plan"), rows)

    @staticmethod
    def _move_to(table: DataTable[Any], key: str | None) -> None:
        """Put the cursor back on the row of `key`, if it is still listed."""
        if key is None:
            return
        try:
            table.move_cursor(row=table.get_row_index(key))
        except RowDoesNotExist:  # the file is gone
            pass

    # -- what is selected --------------------------------------------------

    @staticmethod
    def _row_key(table: DataTable[str]) -> str | None:
        if table.row_count == 0:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def _plan_row(self) -> PlanStatus | BrokenFile | None:
        key = self._row_key(self.query_one("#home-plans", DataTable))
        return self._plan_rows.get(key) if key else None

    def _record_file(self) -> RecordFile | None:
        key = self._row_key(self.query_one("#home-records", DataTable))
        if self.data is None or key is None:
            return None
        return next((r for r in self.data.overview.records if str(r.path) == key), None)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.has_focus:
            self._show_detail(event.data_table.id)

    def on_descendant_focus(self) -> None:
        self._show_detail()

    def _show_detail(self, table_id: str | None = None) -> None:
        detail = self.query_one("#home-detail", Static)
        if self.data is None:
            detail.update("Reading the workspace...")
            return
        focused = table_id or (self.focused.id if self.focused else "home-plans")
        ws = self.app.workspace
        width = max(20, self.size.width - 2)
        if focused == "home-records":
            rf = self._record_file()
            if rf is None:
                detail.update(
                    "No meeting records yet: choose a plan and press n (prepare) or m (meet now)."
                )
            elif rf.digest is None:
                detail.update(plain(f"BROKEN {ws.display(rf.path)}: {rf.reason}"))
            else:
                r = rf.digest
                who = people(r.interlocutors) or "no interlocutor yet"
                detail.update(
                    plain(
                        f"{ws.display(rf.path)} - {r.stage.label} - with {who}\n{r.title} - enter/o open"
                    )
                )
            return
        row = self._plan_row()
        if row is None:
            detail.update("No plans.")
        elif isinstance(row, BrokenFile):
            detail.update(plain(f"BROKEN {row.shown}: {row.error}"))
        else:
            detail.update(plain(plan_detail(row, width)))

    # -- actions ------------------------------------------------------------

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.data_table.id == "home-records":
            self.action_open_record()
        else:
            self.action_new_meeting("prepare")

    def action_new_meeting(self, screen: str = "prepare") -> None:
        """A new meeting on the selected plan; if it was raised before, offer to carry forward what is left."""
        row = self._plan_row()
        if row is None:
            self.notify("Choose a plan first.", severity="warning")
            return
        if isinstance(row, BrokenFile):
            self.notify(
                f"{row.path.name}: {row.error}", title="Broken plan", severity="error", timeout=8
            )
            return
        if row.path is None:
            self.notify(
                f"{row.shown}: its records are listed, but there is no readable plan file to start a meeting from.",
                title="No plan file",
                severity="warning",
                timeout=8,
            )
            return
        path = row.path
        offer = carry_forward_offer(row)
        if offer is None:
            self.app.new_meeting(path, screen=screen)
            return
        if not offer.ids:
            self.notify(
                "Every item was delivered in an earlier meeting: the new one starts with all items.",
                timeout=6,
            )
            self.app.new_meeting(path, screen=screen)
            return

        def answered(carry: CarryAnswer) -> None:
            if carry is not False:
                self.app.new_meeting(path, screen=screen, carry_forward=carry)

        self.app.push_screen(CarryForwardDialog(row.plan.title, offer), answered)

    def action_follow_ups(self) -> None:
        from .follow_ups_screen import FollowUpsScreen

        self.app.push_screen(FollowUpsScreen())

    def action_open_record(self) -> None:
        rf = self._record_file()
        if rf is None:
            self.notify("No record selected.", severity="warning")
        elif rf.digest is None:
            self.notify(
                f"{rf.path.name}: {rf.reason}", title="Broken record", severity="error", timeout=8
            )
        else:
            self.app.open_record(rf.path)

    def action_resume(self) -> None:
        """Open the latest record still being prepared or held (the open one first)."""
        session = self.app.session
        if session is not None and session.record.stage in (Stage.PREPARED, Stage.IN_PROGRESS):
            self.app.open_record(session.path)
            return
        if self.data is None:
            return
        live = [
            (r.digest.stage is Stage.IN_PROGRESS, r.path.name, r.path)
            for r in self.data.overview.records
            if r.digest is not None and r.digest.stage in (Stage.PREPARED, Stage.IN_PROGRESS)
        ]
        if not live:
            self.notify("No unfinished meeting to resume.", severity="information")
            return
        live.sort()
        self.app.open_record(live[-1][2])

    def action_import_cable(self) -> None:
        def got(path: Path | None) -> None:
            if path is not None:
                self._import(path)

        self.app.push_screen(ImportCableDialog(), got)

    @work(thread=True, exclusive=True, group="home-import", exit_on_error=False)
    def _import(self, cable: Path) -> ImportedPlan:
        return import_plan(self.app.workspace, cable)
