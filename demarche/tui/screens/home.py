"""Home: the plans and meeting records of the workspace, and where to go next.

Two tables: plans (new meetings start from here) and records (open or
resume one). A file that cannot be read is listed in its table as BROKEN with
the reason, never hiding the others. The workspace is read by a thread worker
(`overview.scan`); the worker only returns data, the screen fills the tables.
With no plan in the workspace, the bundled founding plan is offered.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static
from textual.widgets.data_table import RowDoesNotExist
from textual.worker import Worker, WorkerState

from ...errors import DemarcheError
from ...model import Stage
from ...overview import Overview, PlanFile, scan
from ...storage import load_plan, save_plan
from ...summary import plan_nearest_due, people_line, progress_line, record_date, record_nearest_due
from ...workspace import Workspace
from ..dialogs.import_cable import ImportCableDialog


@dataclass
class HomeData:
    """What the scan worker hands to the screen: the overview and the plans to list."""

    overview: Overview
    plans: list[PlanFile] = field(default_factory=list)
    bundled: bool = False
    """True when the workspace has no plan and the bundled founding plan is offered."""


def read_workspace(ws: Workspace) -> HomeData:
    """Scan the workspace (disk I/O: run it off the UI thread)."""
    ov = scan(ws)
    if ov.plans:
        return HomeData(ov, list(ov.plans))
    path = ws.default_plan()
    try:
        pf = PlanFile(path, plan=load_plan(path))
    except DemarcheError as exc:
        pf = PlanFile(path, error=str(exc.problems[0]) if exc.problems else str(exc))
    return HomeData(ov, [pf], bundled=True)


def import_cable(ws: Workspace, cable: Path) -> tuple[Path, list[str]]:
    """Read an instruction cable and save it as a new plan; returns its path and the importer's warnings."""
    try:
        from ...cable import read_cable_file
    except ImportError:
        raise DemarcheError("importing cables is not available in this version yet") from None
    result = read_cable_file(cable)
    plan = result.plan
    year = plan.instruction.date.year if plan.instruction.date else None
    target = ws.new_plan_path(plan.title, year)
    if target.exists():
        raise DemarcheError(f"a plan of that name exists already: {ws.display(target)}", file=str(cable))
    save_plan(plan, target)
    return target, [str(w) for w in result.warnings]


def _reason(path: Path, error: str) -> str:
    """The error without the file name in front: the row already names the file."""
    prefix = f"{path}: "
    return error[len(prefix):] if error.startswith(prefix) else error


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: max(1, width - 1)] + "…"


class HomeScreen(Screen[None]):
    """Plans and records of the workspace: start, open, resume, import."""

    BINDINGS = [
        Binding("n", "new_meeting('prepare')", "New meeting", id="home.new", tooltip="Prepare a meeting on the selected plan"),
        Binding("m", "new_meeting('meeting')", "Meet now", id="home.meet", tooltip="Start a meeting on the selected plan at once"),
        Binding("o", "open_record", "Open", id="home.open", tooltip="Open the selected record"),
        Binding("r", "resume", "Resume", id="home.resume", tooltip="Resume the latest unfinished meeting"),
        Binding("c", "import_cable", "Import cable", id="home.import", tooltip="Import an instruction cable as a plan"),
        Binding("g", "refresh", "Refresh", id="home.refresh", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.data: HomeData | None = None
        self._select_plan: Path | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Plans", classes="home-heading")
        yield DataTable(id="home-plans", cursor_type="row", zebra_stripes=False)
        yield Static("Meeting records", classes="home-heading")
        yield DataTable(id="home-records", cursor_type="row")
        yield Static("", id="home-detail")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = f"workspace {self.app.workspace.root.name or self.app.workspace.root}"
        self.action_refresh()

    def on_screen_resume(self) -> None:
        if self.data is not None:
            self.action_refresh()

    # -- reading the workspace -------------------------------------------

    def action_refresh(self) -> None:
        self._scan()

    @work(thread=True, exclusive=True, group="home-scan", exit_on_error=False)
    def _scan(self) -> HomeData:
        return read_workspace(self.app.workspace)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group == "home-scan" and event.state is WorkerState.SUCCESS:
            self.data = event.worker.result
            self._fill()
        elif event.worker.group == "home-scan" and event.state is WorkerState.ERROR:
            self.notify(str(event.worker.error), title="Cannot read the workspace", severity="error", timeout=10)
        elif event.worker.group == "home-import":
            if event.state is WorkerState.SUCCESS:
                path, warnings = event.worker.result
                self._select_plan = path
                note = f"\n{len(warnings)} warning(s): " + "; ".join(warnings[:3]) if warnings else ""
                self.notify(f"Imported as {self.app.workspace.display(path)}{note}", title="Cable imported", timeout=8)
                self.action_refresh()
            elif event.state is WorkerState.ERROR:
                err = event.worker.error
                self.notify(str(err), title="Import failed", severity="error", timeout=10)

    def _today(self) -> dt.date:
        return self.app.clock().date()

    def _fill(self) -> None:
        data = self.data
        assert data is not None
        today = self._today()
        width = max(20, self.size.width - 56)
        plans = self.query_one("#home-plans", DataTable)
        records = self.query_one("#home-records", DataTable)
        keep = {t.id: self._row_path(f"#{t.id}") for t in (plans, records)}
        # Columns are rebuilt with the rows: widths then always fit the new content.
        plans.clear(columns=True)
        plans.add_columns("Plan", "Instruction", "Items", "Met", "Next deadline")
        for pf in sorted(data.plans, key=lambda p: p.plan is None):
            key = str(pf.path)
            if pf.plan is None:
                plans.add_row(_clip(pf.path.name, width), "BROKEN", "", "", _clip(_reason(pf.path, pf.error), 24), key=key)
                continue
            p = pf.plan
            high = sum(i.high for i in p.items)
            due = plan_nearest_due(p, today)
            title = ("(bundled) " if data.bundled else "") + p.title
            met = len(data.overview.records_for(pf.path))
            items = f"{len(p.items)}" + (f" ({high}!)" if high else "")
            plans.add_row(_clip(title, width), p.instruction.id, items, str(met), due.describe() if due else "", key=key)
        records.clear(columns=True)
        records.add_columns("Date", "Stage", "Interlocutor", "Progress", "Next due", "Plan")
        ordered = sorted(data.overview.records, key=lambda r: r.path.name, reverse=True)
        for rf in sorted(ordered, key=lambda r: r.record is None):
            key = str(rf.path)
            if rf.record is None:
                records.add_row(rf.path.name[:10], "BROKEN", _clip(_reason(rf.path, rf.error), 20), "", "", rf.path.name, key=key)
                continue
            r = rf.record
            day = record_date(r)
            due = record_nearest_due(r, today)
            who = people_line(r.meeting.interlocutors[:1]) or "-"
            if len(r.meeting.interlocutors) > 1:
                who += f" +{len(r.meeting.interlocutors) - 1}"
            records.add_row(
                day.isoformat() if day else rf.path.name[:10],
                r.stage.label,
                _clip(who, 20),
                progress_line(r),
                due.short() if due else "",
                _clip(r.title, max(12, self.size.width - 88)),
                key=key,
            )
        for table in (plans, records):
            self._move_to(table, keep[table.id])
        if self._select_plan is not None:
            self._move_to(plans, self._select_plan)
            plans.focus()
            self._select_plan = None
        self._show_detail()

    @staticmethod
    def _move_to(table: DataTable, path: Path | None) -> None:
        """Put the cursor back on the row of `path`, if it is still listed."""
        if path is None:
            return
        try:
            table.move_cursor(row=table.get_row_index(str(path)))
        except RowDoesNotExist:  # the file is gone
            pass

    # -- what is selected --------------------------------------------------

    def _row_path(self, table_id: str) -> Path | None:
        table = self.query_one(table_id, DataTable)
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        return Path(key.value) if key.value else None

    def _plan_file(self) -> PlanFile | None:
        path = self._row_path("#home-plans")
        if self.data is None or path is None:
            return None
        return next((p for p in self.data.plans if p.path == path), None)

    def _record_file(self):
        path = self._row_path("#home-records")
        if self.data is None or path is None:
            return None
        return next((r for r in self.data.overview.records if r.path == path), None)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
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
        if focused == "home-records":
            rf = self._record_file()
            if rf is None:
                detail.update("No meeting records yet: choose a plan and press n (prepare) or m (meet now).")
            elif rf.record is None:
                detail.update(f"BROKEN {ws.display(rf.path)}: {_reason(rf.path, rf.error)}")
            else:
                r = rf.record
                who = people_line(r.meeting.interlocutors) or "no interlocutor yet"
                detail.update(f"{ws.display(rf.path)} - {r.stage.label} - with {who}\n{r.title} - enter/o open")
        else:
            pf = self._plan_file()
            if pf is None:
                detail.update("No plans.")
            elif pf.plan is None:
                detail.update(f"BROKEN {ws.display(pf.path)}: {_reason(pf.path, pf.error)}")
            else:
                src = "bundled founding plan" if self.data.bundled else ws.display(pf.path)
                detail.update(f"{pf.plan.instruction.subject or pf.plan.title}\n{src} - enter/n prepare a meeting, m meet now")

    # -- actions ------------------------------------------------------------

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.data_table.id == "home-records":
            self.action_open_record()
        else:
            self.action_new_meeting("prepare")

    def action_new_meeting(self, screen: str = "prepare") -> None:
        pf = self._plan_file()
        if pf is None:
            self.notify("Choose a plan first.", severity="warning")
        elif pf.plan is None:
            self.notify(f"{pf.path.name}: {_reason(pf.path, pf.error)}", title="Broken plan", severity="error", timeout=8)
        else:
            self.app.new_meeting(pf.path, screen=screen)

    def action_open_record(self) -> None:
        rf = self._record_file()
        if rf is None:
            self.notify("No record selected.", severity="warning")
        elif rf.record is None:
            self.notify(f"{rf.path.name}: {_reason(rf.path, rf.error)}", title="Broken record", severity="error", timeout=8)
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
            r
            for r in self.data.overview.records
            if r.record is not None and r.record.stage in (Stage.PREPARED, Stage.IN_PROGRESS)
        ]
        if not live:
            self.notify("No unfinished meeting to resume.", severity="information")
            return
        live.sort(key=lambda r: (r.record.stage is Stage.IN_PROGRESS, r.path.name))
        self.app.open_record(live[-1].path)

    def action_import_cable(self) -> None:
        def got(path: Path | None) -> None:
            if path is not None:
                self._import(path)

        self.app.push_screen(ImportCableDialog(), got)

    @work(thread=True, exclusive=True, group="home-import", exit_on_error=False)
    def _import(self, cable: Path) -> tuple[Path, list[str]]:
        return import_cable(self.app.workspace, cable)
