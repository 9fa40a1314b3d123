"""A cache of record digests, so ``demarche status`` and ``search`` stay fast on a large workspace.

Reading 5,000 records means parsing and checking over 100 MB of TOML, ten
seconds of CPU, while the listings need only a record's digest
(`digest.RecordDigest`): its checked summary, a tenth of its size. Most
of those files have not changed since the last run, so `load_records` keeps
each readable file's digest as JSON, keyed by the file's size, modification
time, change time and inode, and reads again only the files whose stamp
differs. A file is stamped *before* it is read, by its reader (a worker
process when there are many), so a change during the read only costs one
more read next time. Texts many digests share (every record copies its
plan's items) are kept once, in a table of strings.

A digest is taken from a record `record_from_dict` has checked, so a cached
one is served without checking the record again; broken files are never
cached and are read (and explained) again at every run. A digest that does
not read back (`RecordDigest.from_json`) is a miss.

Files to read are parsed, checked and digested in worker processes (one per
core this process may use, up to four), fresh interpreters fed their share of the paths, for the
Home screen's reading thread as for the command line (`_read_all`).

The cache lives inside the workspace (`Workspace.record_cache_path`), owner
only: sensitive notes are never copied outside the folder the officer chose
for them, and deleting the workspace deletes the cache. It is JSON, not
pickle, so a tampered cache cannot run code; one that is unreadable, not
ours, or of another `CACHE_VERSION` is ignored and rebuilt.
"""

from __future__ import annotations

import itertools
import json
import os
import pickle
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..bulk import collector_paused
from ..errors import DemarcheError, first_problem
from ..model import Record
from .digest import RecordDigest
from .journal import journal_path
from .storage import load_record, make_folder, read_bytes
from .workspace import Workspace

CACHE_VERSION = 6

Stamp = list[int]


def _stamp(path: Path) -> Stamp | None:
    """The file's size, times and inode, and its journal's (`journal`): a change to either is new."""
    try:
        st = path.stat()
    except OSError:
        return None
    stamp = [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]
    try:
        jt = journal_path(path).stat()
    except OSError:
        return stamp
    return [*stamp, jt.st_size, jt.st_mtime_ns, jt.st_ino]


#: Digest keys whose rows of texts are often shared between records (the plan's copy): kept once.
_SHARED = ("texts", "brief")


def _read_cache(path: Path) -> dict[str, tuple[Stamp, dict[str, Any]]]:
    try:
        st = path.stat()
        if st.st_uid != os.getuid() or st.st_mode & 0o077:
            return {}
        doc = json.loads(read_bytes(path, "cache", limit=1 << 30))
        if (
            not isinstance(doc, dict)
            or doc.get("version") != CACHE_VERSION
            or not isinstance(doc.get("files"), dict)
            or not isinstance(doc.get("rows"), list)
        ):
            return {}
        rows = [(a, b, c) for a, b, c in doc["rows"]]
        if not all(type(t) is str for row in rows for t in row):
            return {}
        out = {}
        for name, (stamp, digest) in doc["files"].items():
            for key in _SHARED:
                digest[key] = [rows[i] for i in digest[key]]
            out[name] = (stamp, digest)
        return out
    except Exception:
        return {}


def _write_cache(path: Path, files: dict[str, tuple[Stamp, dict[str, Any]]]) -> None:
    """Best effort: a cache that cannot be written only makes the next run slower."""
    # Numbered in order of first use, each distinct row once; then every digest's rows by number
    # (C loops: 300,000 rows for 5,000 records, a few hundred of them distinct).
    every = itertools.chain.from_iterable(d[key] for _, d in files.values() for key in _SHARED)
    index = {row: n for n, row in enumerate(dict.fromkeys(map(tuple, every)))}
    packed = {}
    for name, (stamp, digest) in files.items():
        digest = dict(digest)
        for key in _SHARED:
            digest[key] = list(map(index.__getitem__, map(tuple, digest[key])))
        packed[name] = (stamp, digest)
    try:
        make_folder(path.parent)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                os.fchmod(f.fileno(), 0o600)
                # dumps, not dump: the C encoder builds the whole text at once (twice as fast here).
                f.write(
                    json.dumps(
                        {"version": CACHE_VERSION, "rows": list(index), "files": packed},
                        ensure_ascii=False,
                    )
                )
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except Exception:
        pass


@dataclass
class ReadRecord:
    """One record file as read: its record (when asked for), its digest, or the first problem."""

    path: Path
    record: Record | None = None
    digest: RecordDigest | None = None
    error: str = ""
    digest_json: dict[str, Any] | None = None
    """The digest as the cache keeps it: made where the file was read (a worker process)."""
    stamp: Stamp | None = None
    """The file's stamp (`_stamp`), taken by its reader just before reading it."""


#: Below this many files to read, starting worker processes costs more than it saves.
PARALLEL_MIN_FILES = 100


def _read_one(path: Path, full: bool) -> ReadRecord:
    """Stamp, parse, check and digest one file; picklable, for worker processes too."""
    stamp = _stamp(path)  # before reading: a change during the read is new at the next run
    try:
        record = load_record(path)
    except DemarcheError as exc:
        return ReadRecord(path, error=first_problem(exc))
    digest = RecordDigest.of(record).to_json()
    return ReadRecord(path, record if full else None, digest_json=digest, stamp=stamp)


def _read_many(paths: list[Path], full: bool) -> list[ReadRecord]:
    with collector_paused():  # linear on thousands of records (`bulk`)
        reads = [_read_one(p, full) for p in paths]
    # Every record copies its plan: equal rows of texts become one object, so a worker's pickle
    # holds each once (a twentieth of the bytes) and the reader keeps each once in memory.
    rows: dict[tuple[str, str, str], tuple[str, str, str]] = {}
    for read in reads:
        if read.digest_json is not None:
            for key in _SHARED:
                read.digest_json[key] = [rows.setdefault(row, row) for row in read.digest_json[key]]
    return reads


def _read_all(paths: list[Path], full: bool, parallel: bool) -> list[ReadRecord]:
    """Read `paths` in order; with `parallel`, many files go to one worker process per core.

    Parsing and checking are CPU-bound pure Python: two cores nearly halve
    them. The workers are fresh interpreters (`serve`) fed a list of paths
    on their standard input, not forks: the app reads from a thread, and
    forking a threaded process is unsafe (nor can `multiprocessing` start
    its helpers while Textual holds the standard error).
    """
    workers = min(_cores(), 4)
    if not parallel or workers < 2 or len(paths) < PARALLEL_MIN_FILES:
        return _read_many(paths, full)
    chunks = [paths[i::workers] for i in range(workers)]
    parts: list[list[ReadRecord] | None] = [None] * workers

    def run(n: int) -> None:
        # -P: the worker imports demarche as this process did, never from its working folder.
        argv = [sys.executable, "-P", "-c", f"from {__name__} import serve; serve()"]
        try:
            proc = subprocess.Popen(
                argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
            )
            out, _ = proc.communicate(pickle.dumps((chunks[n], full)))
            if proc.returncode == 0:
                parts[n] = pickle.loads(out)
        except (OSError, ValueError, pickle.UnpicklingError, EOFError):
            pass

    readers = [threading.Thread(target=run, args=(n,), daemon=True) for n in range(workers)]
    for t in readers:
        t.start()
    for t in readers:
        t.join()
    out: list[ReadRecord] = [ReadRecord(Path())] * len(paths)
    for n, part in enumerate(parts):
        # A worker that could not be had or failed: its share is read here, the slow way.
        out[n::workers] = part if part is not None else _read_many(chunks[n], full)
    return out


def _cores() -> int:
    """The cores this process may run on (fewer than the machine's under a CPU mask)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        return os.cpu_count() or 1


def serve() -> None:
    """A worker process: read the (paths, full) pickled on standard input, write the `ReadRecord`s pickled."""
    paths, full = pickle.load(sys.stdin.buffer)
    sys.stdout.buffer.write(pickle.dumps(_read_many(paths, full), pickle.HIGHEST_PROTOCOL))


def load_records(
    ws: Workspace, use_cache: bool = True, parallel: bool = False, full: bool = True
) -> list[ReadRecord]:
    """Every record file of the workspace, by name: read, or explained by its first problem.

    With `full`, every file is parsed and each `ReadRecord` holds the record
    and its digest; without, only digests are wanted and, with `use_cache`,
    unchanged files' come from the cache. With `use_cache` the cache is
    brought up to date either way. `parallel` reads in worker processes.
    """
    with collector_paused():
        return _load(ws, use_cache, parallel, full)


def _load(ws: Workspace, use_cache: bool, parallel: bool, full: bool) -> list[ReadRecord]:
    cache_path = ws.record_cache_path()
    old = _read_cache(cache_path) if use_cache else {}
    files = ws.record_files()
    got: dict[Path, ReadRecord] = {}
    if not full:
        # Only files the cache knows are stamped here; the others are stamped by their reader
        # (a worker, on a cold cache: the parent starts them without a stat per file first).
        for path in files:
            hit = old.get(path.name)
            if hit is not None and hit[0] == _stamp(path):
                try:
                    got[path] = ReadRecord(path, digest=RecordDigest.from_json(hit[1]))
                except (ValueError, TypeError, KeyError):
                    pass  # not a digest we wrote: read the file again
    hits = set(got)
    misses = [path for path in files if path not in hits]
    for read in _read_all(misses, full, parallel):
        if read.digest_json is not None:
            try:
                read.digest = RecordDigest.from_json(read.digest_json)
            except (ValueError, TypeError, KeyError):
                # A worker of another version of demarche (one installed, this one run from a
                # source folder): read the file here.
                read = _read_one(read.path, full)
                read.digest = RecordDigest.from_json(read.digest_json) if read.digest_json else None
        got[read.path] = read
    out = [got[path] for path in files]
    if not use_cache:
        return out
    new = {}
    for path, read in zip(files, out):
        if path in hits:
            new[path.name] = old[path.name]  # its entry as it was
        elif read.stamp is not None and read.digest is not None:
            new[path.name] = (read.stamp, read.digest_json or read.digest.to_json())
        # else broken (or gone while read): read and explained again next time
    stale = new.keys() != old.keys() or any(old[k][0] != v[0] for k, v in new.items())
    if stale or (misses and not full):
        _write_cache(cache_path, new)
    return out
