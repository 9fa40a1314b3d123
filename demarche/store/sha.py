"""SHA-256 in hex: the one function every part that names a file's bytes by their digest calls.

OpenSSL's (`hashlib`) is the fast one on big data, but loading it costs
the app about 2 ms of its start-up, where only a small plan is hashed; so
small data is hashed by Python's own SHA-256 module, and OpenSSL is loaded
the first time big data comes. Both give the same digest (SHA-256 is a
standard; the suite checks it).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

#: At and above this size, OpenSSL's SHA-256 (about 5x faster) is worth loading.
BIG = 256 * 1024


def _builtin() -> Callable[[bytes], Any] | None:
    """Python's own SHA-256 (``_sha2`` from 3.12, ``_sha256`` in 3.11), None in a build without it."""
    import importlib

    for name in ("_sha2", "_sha256"):
        try:
            fn: Callable[[bytes], Any] = importlib.import_module(name).sha256
        except (ImportError, AttributeError):
            continue
        return fn
    return None


_small = _builtin()


def sha256_hex(data: bytes) -> str:
    """The SHA-256 of `data`, as 64 hex digits."""
    if _small is not None and len(data) < BIG:
        return str(_small(data).hexdigest())
    import hashlib

    return hashlib.sha256(data).hexdigest()
