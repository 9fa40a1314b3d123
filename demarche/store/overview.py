"""What a workspace holds: its plans and records, each loaded or explained as broken.

Used by the Home screen and by ``demarche status``. A file that fails to
parse is listed with its reason and never hides the others.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..classification import Marking, highest
from ..errors import DemarcheError
from ..model import Plan, Record
from .storage import load_plan, load_record
from .workspace import Workspace


@dataclass
class PlanFile:
    path: Path
    plan: Plan | None = None
    error: str = ""
    """Why it could not be read (first problem), when `plan` is None."""


@dataclass
class RecordFile:
    path: Path
    record: Record | None = None
    error: str = ""


@dataclass
class Overview:
    workspace: Workspace
    plans: list[PlanFile] = field(default_factory=list)
    records: list[RecordFile] = field(default_factory=list)

    def overall_marking(self) -> Marking:
        """The highest marking of every readable plan and record: the level of a screen listing them."""
        return highest(
            [*(p.plan.overall_marking() for p in self.plans if p.plan), *(r.record.overall_marking() for r in self.records if r.record)]
        )

    @property
    def broken(self) -> list[PlanFile | RecordFile]:
        return [f for f in (*self.plans, *self.records) if f.error]

    def records_for(self, plan_path: Path) -> list[RecordFile]:
        """Readable records made from the plan at `plan_path` (matched by resolved path)."""
        target = plan_path.resolve()
        out = []
        for rf in self.records:
            if rf.record is None or not rf.record.plan.path:
                continue
            p = Path(rf.record.plan.path)
            if not p.is_absolute():
                p = self.workspace.root / p
            if p.resolve() == target:
                out.append(rf)
        return out


def first_problem(exc: DemarcheError) -> str:
    """The first problem of an error, as one line: what a listing shows for a broken file."""
    return str(exc.problems[0]) if exc.problems else str(exc)


def scan_plans(ws: Workspace) -> list[PlanFile]:
    """Every plan of the workspace, loaded or explained."""
    out = []
    for path in ws.plan_files():
        try:
            out.append(PlanFile(path, plan=load_plan(path)))
        except DemarcheError as exc:
            out.append(PlanFile(path, error=first_problem(exc)))
    return out


def scan(ws: Workspace) -> Overview:
    """Load every plan and record of the workspace."""
    ov = Overview(ws, plans=scan_plans(ws))
    for path in ws.record_files():
        try:
            ov.records.append(RecordFile(path, record=load_record(path)))
        except DemarcheError as exc:
            ov.records.append(RecordFile(path, error=first_problem(exc)))
    return ov
