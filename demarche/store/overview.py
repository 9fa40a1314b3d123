"""What a workspace holds: its plans and records, each loaded or explained as broken.

Used by the Home screen, search and ``demarche status``: `scan` is the one
reader of a whole workspace. A file that fails to parse is listed with its
reason and never hides the others.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..classification import Marking, highest
from ..errors import DemarcheError, first_problem
from ..model import Plan, Record
from .record_cache import load_records
from .storage import load_plan, load_record
from .workspace import Workspace


@dataclass
class ScannedFile:
    """A file of the workspace; `error` says why it could not be read (its first problem)."""

    path: Path
    error: str = ""

    @property
    def reason(self) -> str:
        """The error without the file name in front, for a listing that shows the file beside it."""
        prefix = f"{self.path}: "
        return self.error[len(prefix) :] if self.error.startswith(prefix) else self.error


@dataclass
class PlanFile(ScannedFile):
    plan: Plan | None = None

    @classmethod
    def read(cls, path: Path) -> PlanFile:
        """The plan at `path`, loaded or explained."""
        try:
            return cls(path, plan=load_plan(path))
        except DemarcheError as exc:
            return cls(path, error=first_problem(exc))


@dataclass
class RecordFile(ScannedFile):
    record: Record | None = None

    @classmethod
    def read(cls, path: Path) -> RecordFile:
        """The record at `path`, loaded or explained."""
        try:
            return cls(path, record=load_record(path))
        except DemarcheError as exc:
            return cls(path, error=first_problem(exc))


@dataclass
class Overview:
    workspace: Workspace
    plans: list[PlanFile] = field(default_factory=list)
    records: list[RecordFile] = field(default_factory=list)

    def overall_marking(self) -> Marking:
        """The highest marking of every readable plan and record: the level of a screen listing them."""
        return highest(
            [
                *(p.plan.overall_marking() for p in self.plans if p.plan),
                *(r.record.overall_marking() for r in self.records if r.record),
            ]
        )

    @property
    def broken(self) -> list[ScannedFile]:
        """The files that could not be read, plans first."""
        files: list[ScannedFile] = [*self.plans, *self.records]
        return [f for f in files if f.error]

    def records_for(self, plan_path: Path) -> list[RecordFile]:
        """Readable records made from the plan at `plan_path` (matched by resolved path)."""
        target = plan_path.resolve()
        return [
            rf
            for rf in self.records
            if rf.record is not None and self.workspace.plan_of(rf.record.plan.path) == target
        ]


def scan(ws: Workspace, use_cache: bool = False, parallel: bool = False) -> Overview:
    """Every plan and record of the workspace, each loaded or explained.

    `use_cache` reads unchanged record files from the workspace's cache of
    parsed documents (`record_cache`), quick on hundreds of records;
    `parallel` parses the others in worker processes, for the command line
    only (see `record_cache.load_records`).
    """
    records = [
        RecordFile(path, error, record)
        for path, record, error in load_records(ws, use_cache, parallel)
    ]
    return Overview(ws, plans=[PlanFile.read(path) for path in ws.plan_files()], records=records)
