"""A big plan or record's TOML, parsed once and kept beside it as JSON, so reopening it skips the parser.

Parsing the TOML of ten thousand items takes longer than the rest of
opening it. The first reader of a big file (`MIN_BYTES` or more) writes
``.NAME.toml.parsed`` beside it: a header line naming the SHA-256 of the
TOML bytes it was parsed from and of the JSON body after it, and the body,
the document with its dates and times as text and where they stand. Later
readers with the same TOML bytes read that instead. It replaces only the
parser: the document is checked as a plan or record (`formats`), and the
journal replayed over it, at every read, as when it comes from the TOML.

The TOML stays the plan or the record; the copy is disposable. A copy that
is for other bytes (the file was saved or edited since), of another layout
or version, cut short, or that does not match its own checksum is never
used: the TOML is parsed, and the copy written again. Writing it is best
effort (owner-only, a temporary name then a rename); a folder that cannot
take it just means the parser runs each time.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from collections.abc import Callable
from typing import Any, TypeVar

from .. import __version__
from .formats import parse_toml
from .sha import sha256_hex

#: Files smaller than this parse faster than the copy pays for itself.
MIN_BYTES = 512 * 1024
LAYOUT = 1
T = TypeVar("T")
_PARSE = {"d": dt.date.fromisoformat, "dt": dt.datetime.fromisoformat, "t": dt.time.fromisoformat}


def copy_path(path: Path) -> Path:
    """``.NAME.toml.parsed`` beside the file."""
    return path.with_name(f".{path.name}.parsed")


def read_checked(
    data: bytes,
    path: Path,
    check: Callable[[dict[str, Any]], T],
    keep: bool = True,
    later: list[Callable[[], None]] | None = None,
) -> T:
    """`check(parse_toml(data))`, the document from the parsed copy beside `path` when it is for these bytes.

    `check` builds the plan or record (`formats`), raising on what is wrong;
    a copy is written only for a document it accepted, so a file refused
    leaves nothing new beside it; with `keep` False none is written (the
    caller checks the document later, or never). With `later`, writing the
    copy is appended to it instead of done now: the app starting on this
    file runs it once its first frame is out (`MeetingSession.settle`). That
    is safe because the plan or record built shares no list or dict with
    the document (the suite checks it), so nothing done to it meanwhile can
    change what the copy holds.
    """
    if len(data) < MIN_BYTES:
        return check(parse_toml(data, str(path)))
    sha = sha256_hex(data)
    doc = _read_copy(copy_path(path), sha)
    if doc is not None:
        return check(doc)
    doc = parse_toml(data, str(path))
    result = check(doc)
    if keep and later is not None:
        later.append(lambda: _write_copy(copy_path(path), sha, doc))
    elif keep:
        _write_copy(copy_path(path), sha, doc)
    return result


def _header(toml_sha: str, body_sha: str) -> dict[str, Any]:
    return {"parsed": LAYOUT, "demarche": __version__, "toml": toml_sha, "body": body_sha}


def _read_copy(cpath: Path, toml_sha: str) -> dict[str, Any] | None:
    """The document in the copy, or None when there is none for these bytes that reads whole."""
    import json  # here, not at the top: only big files have a copy, and the app starts without it

    try:
        fd = os.open(cpath, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError:
        return None
    try:
        with os.fdopen(fd, "rb") as f:
            raw = f.read()
    except OSError:
        return None
    head, newline, body = raw.partition(b"\n")
    try:
        header = json.loads(head)
        if (
            not newline
            or header != _header(toml_sha, header.get("body"))
            or sha256_hex(body) != header["body"]
        ):
            return None
        content = json.loads(body)
        doc, dates = content["doc"], content["dates"]
        for *where, kind, text in dates:
            table = doc
            for step in where[:-1]:
                table = table[step]
            table[where[-1]] = _PARSE[kind](text)
    except (ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError):
        return None
    return doc if isinstance(doc, dict) else None


def _plain(v: Any, where: list[Any], dates: list[list[Any]], written: bool = False) -> Any:
    """`v` with dates and times as text, each noted in `dates` with its place.

    `written`: `v` is what `formats.dumps` was given, and the result is to be
    what parsing its text gives: a line break written as CR LF in a
    multi-line string reads back as LF (`toml_text.format_string`).
    """
    if isinstance(v, str):
        return v.replace("\r\n", "\n") if written and "\n" in v else v
    if isinstance(v, dict):
        out = {}
        for k, x in v.items():
            where.append(k)
            out[k] = _plain(x, where, dates, written)
            where.pop()
        return out
    if isinstance(v, (list, tuple)):
        out_list = []
        for n, x in enumerate(v):
            where.append(n)
            out_list.append(_plain(x, where, dates, written))
            where.pop()
        return out_list
    if isinstance(v, dt.datetime):
        dates.append([*where, "dt", v.isoformat()])
        return None
    if isinstance(v, dt.date):
        dates.append([*where, "d", v.isoformat()])
        return None
    if isinstance(v, dt.time):
        dates.append([*where, "t", v.isoformat()])
        return None
    return v


def keep_written(path: Path, data: bytes, doc: dict[str, Any]) -> None:
    """After saving `data`, the text `formats.dumps(doc)` gave, at `path`: its copy, without parsing it back.

    The copy holds what parsing `data` would give (`_plain` with `written`;
    the suite checks the two agree by hypothesis). Small files get none.
    """
    if len(data) < MIN_BYTES:
        return
    try:
        _write_copy(copy_path(path), sha256_hex(data), doc, written=True)
    except (TypeError, ValueError, RecursionError):
        pass  # a value JSON cannot hold: no copy, the next reader parses


def _write_copy(cpath: Path, toml_sha: str, doc: dict[str, Any], written: bool = False) -> None:
    import json  # as in `_read_copy`

    dates: list[list[Any]] = []
    body = json.dumps(
        {"doc": _plain(doc, [], dates, written), "dates": dates}, ensure_ascii=False, allow_nan=True
    ).encode("utf-8")
    head = json.dumps(_header(toml_sha, sha256_hex(body))).encode()
    tmp = cpath.with_name(f"{cpath.name}.{os.urandom(4).hex()}.tmp")
    try:
        fd = os.open(
            tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600
        )
    except OSError:
        return
    try:
        try:
            view = memoryview(head + b"\n" + body)
            while view:
                view = view[os.write(fd, view) :]
        finally:
            os.close(fd)
        os.replace(tmp, cpath)
    except OSError:
        pass
    finally:
        try:
            os.unlink(tmp)
        except OSError:
            pass
