"""What a workspace holds: its plans and records, each loaded or explained as broken.

Used by the Home screen, search and ``demarche status``: `scan` is the one
reader of a whole workspace. A file that fails to parse is listed with its
reason and never hides the others. Every readable record comes with its
digest (`digest.RecordDigest`), which is all the workspace-wide listings
read; the record itself is there when the scan was asked for it (`full`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..classification import Marking, highest
from ..errors import DemarcheError, first_problem
from ..model import Plan, Record
from .digest import RecordDigest
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
    """The record, when the scan read whole records (`scan`'s `full`)."""
    digest: RecordDigest | None = None
    """What listings read of it; None only when the file could not be read."""

    @classmethod
    def read(cls, path: Path) -> RecordFile:
        """The record at `path`, loaded or explained."""
        try:
            record = load_record(path)
        except DemarcheError as exc:
            return cls(path, error=first_problem(exc))
        return cls(path, record=record, digest=RecordDigest.of(record))


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
                *(r.digest.marking for r in self.records if r.digest),
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
        named: dict[str, bool] = {}  # resolving costs system calls: once per plan named
        out = []
        for rf in self.records:
            if rf.digest is None:
                continue
            key = rf.digest.plan_path
            if key not in named:
                named[key] = self.workspace.plan_of(key) == target
            if named[key]:
                out.append(rf)
        return out


def scan(
    ws: Workspace, use_cache: bool = False, parallel: bool = False, full: bool = True
) -> Overview:
    """Every plan and record of the workspace, each loaded or explained.

    `use_cache` reads unchanged records' digests from the workspace's
    cache (`record_cache`), quick on thousands of records, when only digests
    are wanted (not `full`); `parallel` reads the others in worker
    processes (see `record_cache.load_records`).
    """
    records = [
        RecordFile(r.path, r.error, r.record, r.digest)
        for r in load_records(ws, use_cache, parallel, full)
    ]
    return Overview(ws, plans=[PlanFile.read(path) for path in ws.plan_files()], records=records)
