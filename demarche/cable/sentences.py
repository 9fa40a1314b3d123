"""Splitting prose into sentences without cutting ``U.S.``, ``a.m.`` or ``para. 4``."""

from __future__ import annotations

import re

_BOUNDARY = re.compile(r"(?<=[.!?])[\"')]?[ ]+(?=[\"'(]?[A-Z0-9])")
_ABBREV = re.compile(
    r"(?:\b[A-Za-z]\.|\b(?:a\.m|p\.m|Mr|Mrs|Ms|Dr|St|No|Nos|para|paras|Amb|Gen|Sen|Rep|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|e\.g|i\.e|etc|vs|approx|Ltd|Inc|Co)\.)$",
    re.I,
)


def sentences(text: str) -> list[str]:
    """The sentences of `text`, in order, whitespace collapsed."""
    text = re.sub(r"\s+", " ", text).strip()
    out: list[str] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        head = text[max(start, m.start() - 16) : m.start()].rstrip("\"')")
        if _ABBREV.search(head[-12:]):
            continue
        out.append(text[start : m.start()].strip())
        start = m.end()
    tail = text[start:].strip()
    if tail:
        out.append(tail)
    return [s for s in out if s]


def ends_with_abbreviation(text: str) -> bool:
    """Whether `text` ends on an abbreviation (``U.S.``, ``para.``) rather than a sentence."""
    return bool(_ABBREV.search(text.rstrip()[-12:]))
