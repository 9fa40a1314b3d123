"""Every path demarche uses, in one place.

A workspace is a folder holding ``plans/`` and ``records/`` and an optional
``demarche.toml`` config. It is the current folder unless ``--workspace DIR``
or the ``DEMARCHE_HOME`` environment variable says otherwise. Nothing else in
the code builds paths by hand: ask the `Workspace`.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

# The user's cache folder is named in `user_cache`, which loads nothing but
# the standard library: the dataclass code cache reads it before any
# dataclass (this module's included) is made. Asked for here like every path.
from .user_cache import user_cache_dir as user_cache_dir

ENV_HOME = "DEMARCHE_HOME"
PLANS = "plans"
RECORDS = "records"
DRAFTS = "drafts"
CONFIG = "demarche.toml"
FOUNDING_PLAN = "russia-tip-tier2-2009.toml"


def bundled_plan_path() -> Path:
    """The founding plan shipped inside the package: opened when a workspace has none."""
    from importlib import resources  # here: a screen's start-up does not need it

    return Path(str(resources.files("demarche") / "data" / FOUNDING_PLAN))


def help_path() -> Path:
    """The Markdown help shown by F1 in the app."""
    from importlib import resources

    return Path(str(resources.files("demarche") / "tui" / "help.md"))


def slugify(text: str, limit: int = 60) -> str:
    """``RUSSIA: TIP Tier 2 (2009-2010)`` -> ``russia-tip-tier-2-2009-2010``."""
    s = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    return s[:limit].rstrip("-") or "untitled"


def lock_path(record: Path) -> Path:
    """The lock file beside a record: ``records/.NAME.toml.lock``."""
    return record.with_name(f".{record.name}.lock")


def theirs_path(file: Path, at: dt.datetime) -> Path:
    """Where a version of a record written by another program is kept: ``records/.NAME.toml.theirs-<time>``."""
    return file.with_name(f".{file.name}.theirs-{at:%Y%m%d-%H%M%S}")


def follow_up_draft_path(record: Path) -> Path:
    """Where a follow-up being typed (not yet added) is kept: ``records/.NAME.toml.follow-up-draft``."""
    return record.with_name(f".{record.name}.follow-up-draft")


def previous_path(file: Path) -> Path:
    """Where the version before the last save is kept: ``records/.NAME.toml.prev``."""
    return file.with_name(f".{file.name}.prev")


@dataclass(frozen=True)
class Workspace:
    """A folder of plans and records."""

    root: Path

    @classmethod
    def resolve(
        cls, arg: str | os.PathLike[str] | None = None, must_exist: bool = True
    ) -> Workspace:
        """The workspace named by ``--workspace``, else ``$DEMARCHE_HOME``, else the current folder.

        A named folder that is not there is refused (it is a typo, not an
        empty workspace), unless `must_exist` is false (``import`` may start one).
        """
        named = arg or os.environ.get(ENV_HOME)
        if not named:
            return cls(Path.cwd())
        root = Path(named).expanduser()
        if must_exist and not root.is_dir():
            from ..errors import DemarcheError

            why = "is not a folder" if root.exists() else "no such folder"
            where = "--workspace" if arg else ENV_HOME
            raise DemarcheError(
                f"{why} (named by {where}); create it first or name another", file=str(root)
            )
        return cls(root)

    @property
    def plans_dir(self) -> Path:
        return self.root / PLANS

    @property
    def records_dir(self) -> Path:
        return self.root / RECORDS

    @property
    def drafts_dir(self) -> Path:
        """Reporting-cable drafts saved from the app."""
        return self.root / DRAFTS

    def draft_path(self, stem: str) -> Path:
        """``drafts/<stem>.txt``: where the app saves the draft for a record named `stem`."""
        return self.drafts_dir / f"{slugify(stem, 80)}.txt"

    def non_paper_path(self, stem: str) -> Path:
        """``drafts/<stem>-non-paper.docx``: where the app saves the Word non-paper."""
        return self.drafts_dir / f"{slugify(stem, 80)}-non-paper.docx"

    @property
    def config_path(self) -> Path:
        return self.root / CONFIG

    def plan_files(self) -> list[Path]:
        """Plans of the workspace, by name."""
        return sorted(self.plans_dir.glob("*.toml")) if self.plans_dir.is_dir() else []

    def record_files(self) -> list[Path]:
        """Records of the workspace, by name (names start with the date, so oldest first)."""
        try:
            names = sorted(e.name for e in os.scandir(self.records_dir) if e.name.endswith(".toml"))
        except (FileNotFoundError, NotADirectoryError):
            return []
        return [self.records_dir / name for name in names]

    def find_record(self, name: str | os.PathLike[str]) -> Path:
        """A record named on the command line: a path as given, else relative to the workspace or ``records/``."""
        return self._find(name, self.records_dir)

    def find_plan(self, name: str | os.PathLike[str]) -> Path:
        """A plan named on the command line: a path as given, else relative to the workspace or ``plans/``."""
        return self._find(name, self.plans_dir)

    def _find(self, name: str | os.PathLike[str], folder: Path) -> Path:
        path = Path(name).expanduser()
        if path.exists() or path.is_absolute():
            return path
        for candidate in (self.root / path, folder / path):
            if candidate.exists():
                return candidate
        return path

    def record_cache_path(self) -> Path:
        """Where ``demarche status`` keeps parsed record files between runs: ``.demarche/records.json``.

        Inside the workspace on purpose: notes stay in the folder the officer
        chose for them (an encrypted volume, say) and go when it goes.
        """
        return self.root / ".demarche" / "records.json"

    def default_plan(self) -> Path:
        """The plan ``demarche`` opens with no argument: the workspace's founding plan, else the bundled one."""
        local = self.plans_dir / FOUNDING_PLAN
        return local if local.is_file() else bundled_plan_path()

    def new_record_path(self, plan_file: Path, on: dt.date) -> Path:
        """``records/2026-11-28-<plan name>.toml``, with ``-2``, ``-3`` when taken."""
        return next(p for p in self.new_record_paths(plan_file, on) if not os.path.lexists(p))

    def new_record_paths(self, plan_file: Path, on: dt.date) -> Iterator[Path]:
        """The names a new record may take, in order: ``records/<date>-<plan name>.toml``, then ``-2``, ``-3``...

        `storage.reserve_record_path` takes the first one free (no file, its lock not held).
        """
        base = f"{on.isoformat()}-{slugify(plan_file.stem)}"
        yield self.records_dir / f"{base}.toml"
        for n in range(2, 100_000):
            yield self.records_dir / f"{base}-{n}.toml"

    def new_plan_path(self, title: str, year: int | None = None) -> Path:
        """``plans/<title slug>[-<year>].toml`` for an imported cable."""
        stem = slugify(title)
        if year and str(year) not in stem:
            stem = f"{stem}-{year}"
        return self.plans_dir / f"{stem}.toml"

    def plan_of(self, plan_path: str) -> Path | None:
        """The plan file a record was made from, from its ``[plan] path``, resolved; None when it names none.

        Records keep the path as the user saw it, relative to the workspace
        (see `display`), so that a workspace can be moved as a whole.
        """
        if not plan_path:
            return None
        p = Path(plan_path)
        if not p.is_absolute():
            p = self.root / p
        try:
            return p.resolve()
        except OSError:  # a loop of links: compare as written
            return p

    def display(self, path: Path) -> str:
        """A path as the user should see it: relative to the workspace when inside it."""
        if path.is_symlink() or path.name in ("", ".", ".."):
            inside = self._inside(path)
            return str(path) if inside is None else inside
        # A listing names thousands of files in one folder: resolve the folder once.
        if path.parent not in self._folders:
            self._folders[path.parent] = self._inside(path.parent)
        folder = self._folders[path.parent]
        if folder is None:
            return str(path)
        return path.name if folder == "." else f"{folder}/{path.name}"

    def _inside(self, path: Path) -> str | None:
        """`path` relative to the workspace, resolved; None when it is outside."""
        try:
            return str(path.resolve().relative_to(self.root.resolve()))
        except ValueError:
            return None

    @functools.cached_property
    def _folders(self) -> dict[Path, str | None]:
        return {}
