"""Splitting prose into sentences without cutting ``U.S.``, ``a.m.`` or ``para. 4``."""

from __future__ import annotations

import re

_BOUNDARY = re.compile(r"(?<=[.!?])[\"')]?[ ]+(?=[\"'(]?[A-Z0-9])")
_ABBREV = re.compile(
    r"(?:\b[A-Za-z]\.|\b(?:a\.m|p\.m|Mr|Mrs|Ms|Dr|St|No|Nos|para|paras|Amb|Gen|Sen|Rep|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|e\.g|i\.e|etc|vs|approx|Ltd|Inc|Co)\.)$",
    re.I,
)


_SPACES = re.compile(r"\s+")


def sentences(text: str, limit: int | None = None) -> list[str]:
    """The sentences of `text`, in order, whitespace collapsed; only the first `limit` when given.

    With a limit the text after the last sentence wanted is never scanned, so
    a label read from a point of a megabyte costs what its first sentences do.
    """
    if "  " in text or not text.isprintable():  # all whitespace but the plain space is unprintable
        text = _SPACES.sub(" ", text)
    text = text.strip()
    out: list[str] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        if limit is not None and len(out) >= limit:
            return out
        head = text[max(start, m.start() - 16) : m.start()].rstrip("\"')")
        if _ABBREV.search(head[-12:]):
            continue
        s = text[start : m.start()].strip()
        if s:
            out.append(s)
        start = m.end()
    tail = text[start:].strip()
    if tail and (limit is None or len(out) < limit):
        out.append(tail)
    return out


def ends_with_abbreviation(text: str) -> bool:
    """Whether `text` ends on an abbreviation (``U.S.``, ``para.``) rather than a sentence."""
    tail = text.rstrip()[-12:]
    return (
        tail.endswith(".") and _ABBREV.search(tail) is not None
    )  # every abbreviation ends on its full stop
