"""A cache of parsed record files, so ``demarche status`` stays fast on a large workspace.

Reading 500 records means parsing ~10 MB of TOML with the pure-Python
`tomllib`, about a second on its own, while checking the parsed documents
against the format takes a tenth of that. Most of those files have not
changed since the last run, so `scan_cached` keeps each file's parsed TOML
document as JSON (which the C json module reads ~40x faster), keyed by the
file's size, modification time, change time and inode, and parses again only
the files whose stamp differs.

Every document, cached or not, is validated afresh by `record_from_dict`, so
broken files are always explained and a change of the model never serves a
stale object. A file is stamped *before* it is read, so a change during the
read only costs one more read next time.

The cache lives inside the workspace (`Workspace.record_cache_path`), owner
only: sensitive notes are never copied outside the folder the officer chose
for them, and deleting the workspace deletes the cache. It is JSON, not
pickle, so a tampered cache cannot run code; one that is unreadable, not
ours, or of another `CACHE_VERSION` is ignored and rebuilt.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from .errors import DemarcheError
from .formats import parse_toml, record_from_dict
from .overview import Overview, RecordFile, first_problem, scan_plans
from .storage import read_bytes
from .workspace import Workspace

CACHE_VERSION = 2

Stamp = list[int]


def _stamp(path: Path) -> Stamp | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]


def _encode(o: Any) -> Any:
    """TOML dates and times, which JSON lacks, as tagged strings."""
    if isinstance(o, dt.datetime):
        return {"$dt": o.isoformat()}
    if isinstance(o, dt.date):
        return {"$d": o.isoformat()}
    raise TypeError(type(o).__name__)


def _decode(d: dict[str, Any]) -> Any:
    if len(d) == 1:
        if "$dt" in d:
            return dt.datetime.fromisoformat(d["$dt"])
        if "$d" in d:
            return dt.date.fromisoformat(d["$d"])
    return d


def _read_cache(path: Path) -> dict[str, tuple[Stamp, dict[str, Any]]]:
    try:
        st = path.stat()
        if st.st_uid != os.getuid() or st.st_mode & 0o077:
            return {}
        doc = json.loads(path.read_bytes(), object_hook=_decode)
        if not isinstance(doc, dict) or doc.get("version") != CACHE_VERSION or not isinstance(doc.get("files"), dict):
            return {}
        return {k: (v[0], v[1]) for k, v in doc["files"].items()}
    except Exception:
        return {}


def _write_cache(path: Path, files: dict[str, tuple[Stamp, dict[str, Any]]]) -> None:
    """Best effort: a cache that cannot be written only makes the next run slower."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                os.fchmod(f.fileno(), 0o600)
                json.dump({"version": CACHE_VERSION, "files": files}, f, default=_encode, ensure_ascii=False)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except Exception:
        pass


def scan_cached(ws: Workspace, use_cache: bool = True) -> Overview:
    """Like `overview.scan`: every plan and record, each loaded or explained; records via the cache."""
    ov = Overview(ws, plans=scan_plans(ws))
    cache_path = ws.record_cache_path()
    old = _read_cache(cache_path) if use_cache else {}
    new: dict[str, tuple[Stamp, dict[str, Any]]] = {}
    misses = 0
    for path in ws.record_files():
        key = path.name
        stamp = _stamp(path)
        hit = old.get(key)
        try:
            if stamp is not None and hit is not None and hit[0] == stamp:
                doc = hit[1]
            else:
                misses += 1
                doc = parse_toml(read_bytes(path, "record"), str(path))
            record = record_from_dict(doc, str(path))
        except DemarcheError as exc:
            ov.records.append(RecordFile(path, error=first_problem(exc)))
            continue
        if stamp is not None:
            new[key] = (stamp, doc)
        ov.records.append(RecordFile(path, record=record))
    if use_cache and (misses or new.keys() != old.keys()):
        _write_cache(cache_path, new)
    return ov
