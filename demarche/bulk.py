"""Building many objects at once: the cyclic garbage collector out of the way.

Each collection walks every object alive, so while a big workspace or a
big cable is read, the collections its allocations trigger grow with what
is already built: reading turns slower than linear (three times over for
5,000 records, measured; a fifth on a 4 MB cable). What is read holds no
cycles, reference counting frees it, and `collector_paused` resumes the
collector as it was.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic collector off for the block, then back as it was."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


@contextlib.contextmanager
def read_until_exit() -> Iterator[None]:
    """For a command that reads a whole workspace, prints and exits: no collection walks what it read.

    The collector is off for the block (`collector_paused`); at its end what
    was built is frozen (`gc.freeze`), so neither the first collection after
    the block nor the one at the interpreter's exit walks millions of objects
    that reference counting frees anyway.
    """
    with collector_paused():
        yield
        gc.freeze()
