"""Dataclass methods compiled once and kept, so that a start does not compile them again.

Python makes each dataclass's ``__init__`` (and ``__eq__``, ``__repr__``,
``__hash__``... as asked) by writing its source and compiling it with
``exec``, at every start, for every dataclass of demarche, Textual and
Rich: some 10 ms of the Meeting screen's start, more than drawing it.
`install` gives the `dataclasses` module an ``exec`` of its own that
compiles each source once and keeps the code, in the user's cache folder
(`user_cache.user_cache_dir`), for the next start: what Python does with a
module's bytecode in ``__pycache__``.

The code is the same: ``compile(source, "<string>", "exec",
dont_inherit=True)`` is what ``exec(source)`` compiles when called from
`dataclasses`, a module without future imports, and the code runs with the
same globals and locals. Only sources `dataclasses` hands to ``exec`` are
ever looked up.

The file is trusted as ``__pycache__`` is, and checked more:

* it is read only when it and its folder are the user's own and writable by
  nobody else (`user_cache.read_own`);
* only when this very Python wrote it (its version line, build included):
  bytecode differs between versions;
* only when its checksum holds (a file cut short or damaged on disk).

Anything else means it is ignored: each source is compiled as Python always
does, and the file written again at exit. This module loads only the
standard library: it runs before the first dataclass of the program is made.
"""

import atexit
import builtins
import dataclasses
import marshal
import sys
import zlib
from pathlib import Path
from typing import Any

from .store.user_cache import read_own, user_cache_dir, write_own

#: The file's first line: what it is and the layout's version.
HEADER = b"demarche dataclass code 1\n"

#: Sources kept at most (demarche, Textual and Rich make about 200).
LIMIT = 4096


def cache_path() -> Path | None:
    """The file for this Python's bytecode: ``dataclass-code-<cache tag>.marshal``; None without a cache folder."""
    folder = user_cache_dir()
    return (
        None
        if folder is None
        else folder / f"dataclass-code-{sys.implementation.cache_tag}.marshal"
    )


def _version() -> bytes:
    return sys.version.replace("\n", " ").encode() + b"\n"


def dumps(codes: dict[str, Any]) -> bytes:
    """The file's bytes: header, Python version, checksum, then the marshalled codes."""
    body = marshal.dumps(codes)
    return HEADER + _version() + b"%08x\n" % zlib.crc32(body) + body


def loads(data: bytes) -> dict[str, Any]:
    """The codes a file holds; empty when it is not ours, not this Python's, or damaged."""
    version = _version()
    head = HEADER + version
    if not data.startswith(head) or len(data) < len(head) + 9:
        return {}
    crc, body = data[len(head) : len(head) + 9], data[len(head) + 9 :]
    if crc != b"%08x\n" % zlib.crc32(body):
        return {}
    try:
        codes = marshal.loads(body)
    except (EOFError, ValueError, TypeError):
        return {}
    if not isinstance(codes, dict):
        return {}
    code_type = type(loads.__code__)
    return {k: v for k, v in codes.items() if type(k) is str and type(v) is code_type}


class CodeCache:
    """Compiled sources by their text: those read from the file, and those used or compiled in this run.

    `save` writes what this run used first, then what it kept from before,
    up to `LIMIT`: sources of an older demarche or Textual drop out, and
    new ones always find a place.
    """

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._before: dict[str, Any] = {}
        self._now: dict[str, Any] = {}
        if path is not None:
            data = read_own(path)
            if data is not None:
                self._before = loads(data)
        self.changed = False

    @property
    def codes(self) -> dict[str, Any]:
        """Every code known, this run's first."""
        return {**self._now, **self._before}

    def code(self, source: str) -> Any:
        """The code of `source`, compiled now if it is new."""
        code = self._now.get(source)
        if code is None:
            code = self._before.pop(source, None)
            if code is None:
                code = compile(source, "<string>", "exec", dont_inherit=True)
                self.changed = True
            self._now[source] = code
        return code

    def save(self) -> bool:
        """Write the file if this run compiled something new; True when written."""
        if not self.changed or self.path is None or sys.dont_write_bytecode:
            return False  # (-B, PYTHONDONTWRITEBYTECODE: the user wants no bytecode written)
        self.changed = False
        # Copies: another thread may be making a dataclass meanwhile.
        keep = dict(list(self._now.items())[:LIMIT])
        for source, code in list(self._before.items()):
            if len(keep) >= LIMIT:
                break
            keep.setdefault(source, code)
        return write_own(self.path, dumps(keep))


_cache: CodeCache | None = None


def _exec(source: Any, globals: Any = None, locals: Any = None, /) -> None:
    """``exec`` for `dataclasses`: a source string is compiled once (`CodeCache`), then run as ``exec`` would."""
    if _cache is not None and type(source) is str and type(globals) is dict:
        source = _cache.code(source)
    if globals is None:  # exec's own default: the caller's namespace
        caller = sys._getframe(1)
        globals, locals = caller.f_globals, caller.f_locals if locals is None else locals
    builtins.exec(source, globals, locals)


def install(path: Path | None = None) -> CodeCache:
    """From now on dataclasses take their methods' code from the cache (`cache_path`), and it is written at exit.

    Installing twice keeps the first cache.
    """
    global _cache
    if _cache is None:
        _cache = CodeCache(cache_path() if path is None else path)
        atexit.register(_cache.save)
    vars(dataclasses)["exec"] = _exec
    return _cache


def save() -> bool:
    """Write what this run compiled so far (also done at exit); True when written.

    The app calls it after a screen's first frame, so that a run ended by a
    signal, which skips exit handlers, still leaves the next start its code.
    """
    return _cache.save() if _cache is not None else False


def uninstall() -> None:
    """Dataclasses compile with Python's own ``exec`` again (tests); the cache is not written."""
    global _cache
    vars(dataclasses).pop("exec", None)
    if _cache is not None:
        atexit.unregister(_cache.save)
    _cache = None
