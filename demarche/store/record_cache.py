"""A cache of parsed record files, so ``demarche status`` stays fast on a large workspace.

Reading 500 records means parsing ~10 MB of TOML with the pure-Python
`tomllib`, about a second on its own, while checking the parsed documents
against the format takes a tenth of that. Most of those files have not
changed since the last run, so `load_records` keeps each file's parsed TOML
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

from ..errors import DemarcheError, first_problem
from ..model import Record
from .formats import parse_toml, record_from_dict
from .storage import make_folder, read_bytes
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
        doc = json.loads(read_bytes(path, "cache", limit=1 << 30), object_hook=_decode)
        if (
            not isinstance(doc, dict)
            or doc.get("version") != CACHE_VERSION
            or not isinstance(doc.get("files"), dict)
        ):
            return {}
        return {k: (v[0], v[1]) for k, v in doc["files"].items()}
    except Exception:
        return {}


def _write_cache(path: Path, files: dict[str, tuple[Stamp, dict[str, Any]]]) -> None:
    """Best effort: a cache that cannot be written only makes the next run slower."""
    try:
        make_folder(path.parent)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                os.fchmod(f.fileno(), 0o600)
                # dumps, not dump: the C encoder builds the whole text at once (twice as fast here).
                f.write(
                    json.dumps(
                        {"version": CACHE_VERSION, "files": files},
                        default=_encode,
                        ensure_ascii=False,
                    )
                )
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except Exception:
        pass


#: Below this many files to parse, starting worker processes costs more than it saves.
PARALLEL_MIN_FILES = 100


def _parse_one(path: Path) -> tuple[str, Any]:
    """("doc", parsed TOML) or ("error", the first problem): picklable, for worker processes too."""
    try:
        return "doc", parse_toml(read_bytes(path, "record"), str(path))
    except DemarcheError as exc:
        return "error", first_problem(exc)


def _parse_many(paths: list[Path]) -> list[tuple[str, Any]]:
    return [_parse_one(p) for p in paths]


def _parse_all(paths: list[Path], parallel: bool) -> list[tuple[str, Any]]:
    """Parse `paths` in order; with `parallel`, many files go to one worker process per core.

    `tomllib` is pure Python, so parsing 500 records is CPU-bound: two cores
    nearly halve it. Only for a process with no other threads (the command
    line): the workers are forked, and forking a threaded process is unsafe.
    """
    workers = min(os.cpu_count() or 1, 4)
    if not parallel or workers < 2 or len(paths) < PARALLEL_MIN_FILES:
        return _parse_many(paths)
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    chunks = [paths[i::workers] for i in range(workers)]
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            parts = list(pool.map(_parse_many, chunks))
    except (OSError, RuntimeError):
        return _parse_many(paths)  # no processes to be had: the slow way still works
    out: list[tuple[str, Any]] = [("error", "")] * len(paths)
    for i, part in enumerate(parts):
        out[i::workers] = part
    return out


def load_records(
    ws: Workspace, use_cache: bool = True, parallel: bool = False
) -> list[tuple[Path, Record | None, str]]:
    """(path, record, "") or (path, None, first problem) for every record file, by name.

    With `use_cache`, unchanged files come from the cache and the cache is
    brought up to date; `parallel` parses uncached files in worker processes:
    for the command line only (see `_parse_all`).
    """
    cache_path = ws.record_cache_path()
    old = _read_cache(cache_path) if use_cache else {}
    new: dict[str, tuple[Stamp, dict[str, Any]]] = {}
    files = [(path, _stamp(path)) for path in ws.record_files()]
    docs: dict[Path, Any] = {}
    for path, stamp in files:
        hit = old.get(path.name)
        if stamp is not None and hit is not None and hit[0] == stamp:
            docs[path] = ("doc", hit[1])
    misses = [path for path, _ in files if path not in docs]
    docs.update(zip(misses, _parse_all(misses, parallel)))
    out: list[tuple[Path, Record | None, str]] = []
    for path, stamp in files:
        kind, doc = docs[path]
        if kind == "error":
            out.append((path, None, doc))
            continue
        try:
            record = record_from_dict(doc, str(path))
        except DemarcheError as exc:
            out.append((path, None, first_problem(exc)))
            continue
        if stamp is not None:
            new[path.name] = (stamp, doc)
        out.append((path, record, ""))
    if use_cache and (misses or new.keys() != old.keys()):
        _write_cache(cache_path, new)
    return out
