"""A cache of parsed records, so ``demarche status`` stays fast on a large workspace.

Reading 500 records means parsing ~10 MB of TOML with the pure-Python
`tomllib`, about a second on its own. Most of those files have not changed
since the last run, so `scan_cached` keeps each parsed `Record` in a pickle
keyed by the file's size, modification time, change time and inode, and
parses again (with full validation) only the files whose stamp differs.

Error reporting is unchanged: broken files are never cached, so they are read
and explained afresh every time; a file is stamped *before* it is read, so a
change during the read only causes one more read next time. The cache lives in
the user's cache folder (`Workspace.record_cache_path`), is owner-only, and is
ignored (and rebuilt) when it is unreadable, not ours, or written by another
version of the model or formats code.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

from .errors import DemarcheError
from .overview import Overview, PlanFile, RecordFile
from .storage import load_plan, load_record
from .workspace import Workspace

CACHE_VERSION = 1

Stamp = tuple[int, int, int, int]


def _stamp(path: Path) -> Stamp | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


def _code_stamp() -> tuple[Any, ...]:
    """Changes whenever the code that builds records changes: then the cache is void."""
    from . import __version__, formats, model

    files = tuple(_stamp(Path(m.__file__ or "")) for m in (model, formats))
    return (CACHE_VERSION, __version__, files)


def _first_line(exc: DemarcheError) -> str:
    return str(exc.problems[0]) if exc.problems else str(exc)


def _read_cache(path: Path, code: tuple[Any, ...]) -> dict[str, tuple[Stamp, Any]]:
    try:
        st = path.stat()
        # Unpickling runs code: only ever load a file we wrote ourselves.
        if st.st_uid != os.getuid() or st.st_mode & 0o022:
            return {}
        doc = pickle.loads(path.read_bytes())
        if not isinstance(doc, dict) or doc.get("code") != code:
            return {}
        return doc["records"]
    except Exception:
        return {}


def _share_copied_text(records: dict[str, tuple[Stamp, Any]]) -> None:
    """Make equal plan texts copied into many records one string, so the pickle holds them once.

    Every record carries its own copy of the plan's brief and item texts;
    pickle writes an object once however often it is referenced.
    """
    seen: dict[str, str] = {}

    def one(s: str) -> str:
        return seen.setdefault(s, s)

    for _, r in records.values():
        b = r.brief
        b.action_request, b.objectives, b.background = one(b.action_request), one(b.objectives), one(b.background)
        for e in r.entries:
            it = e.item
            it.text, it.post_note, it.section, it.subsection = one(it.text), one(it.post_note), one(it.section), one(it.subsection)
        for d in r.deadlines:
            d.what, d.source = one(d.what), one(d.source)


def _write_cache(path: Path, code: tuple[Any, ...], records: dict[str, tuple[Stamp, Any]]) -> None:
    """Best effort: a cache that cannot be written only makes the next run slower."""
    try:
        _share_copied_text(records)
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as f:
                os.fchmod(f.fileno(), 0o600)
                pickle.dump({"code": code, "records": records}, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except Exception:
        pass


def scan_cached(ws: Workspace, use_cache: bool = True) -> Overview:
    """Like `overview.scan`: every plan and record, each loaded or explained; records via the cache."""
    ov = Overview(ws)
    for path in ws.plan_files():
        try:
            ov.plans.append(PlanFile(path, plan=load_plan(path)))
        except DemarcheError as exc:
            ov.plans.append(PlanFile(path, error=_first_line(exc)))
    cache_path = ws.record_cache_path()
    code = _code_stamp()
    old = _read_cache(cache_path, code) if use_cache else {}
    new: dict[str, tuple[Stamp, Any]] = {}
    misses = 0
    for path in ws.record_files():
        key = str(path.resolve())
        stamp = _stamp(path)
        hit = old.get(key)
        if stamp is not None and hit is not None and hit[0] == stamp:
            record = hit[1]
        else:
            misses += 1
            try:
                record = load_record(path)
            except DemarcheError as exc:
                ov.records.append(RecordFile(path, error=_first_line(exc)))
                continue
        if stamp is not None:
            new[key] = (stamp, record)
        ov.records.append(RecordFile(path, record=record))
    if use_cache and (misses or new.keys() != old.keys()):
        # Pickle before anyone can change the records we hand out.
        _write_cache(cache_path, code, new)
    return ov
