"""Regular expressions that only plain text containing one of their words can match.

The reader tries several case-insensitive expressions on every line and
sentence of a cable; most lines contain none of the words that any match of
an expression has ("begin" or "end" for a marker, "points" for a lead-in).
A `WordedPattern` first looks for those words in the lower-cased text, which
costs a small fraction of a failed search, and searches only when one is
there. The check is made on ASCII text only: there ``re.IGNORECASE`` folds
case exactly as `str.lower` does, while in other text it also takes ``ı``
for ``i``, ``ſ`` for ``s`` and the Kelvin sign for ``k``, so non-ASCII text
always goes to the expression. The answers are those of the expression
itself; the suite checks each pattern's words against strings generated
from the expression (`tests/cable/test_fast_paths.py`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

#: Every `WordedPattern` made, for the test that checks their words.
ALL: list[WordedPattern] = []


class WordedPattern:
    """A compiled expression and the lower-case words one of which every match contains."""

    def __init__(self, pattern: str, words: tuple[str, ...], flags: int = re.I) -> None:
        self.rx = re.compile(pattern, flags)
        self.words = words
        ALL.append(self)

    @property
    def pattern(self) -> str:
        return self.rx.pattern

    def may_match(self, text: str, low: str | None = None) -> bool:
        """False only when no match is possible: ASCII text without any of the words.

        `low` is ``text.lower()`` when the caller has it (several patterns tried on one text).
        """
        if not text.isascii():
            return True
        if low is None:
            low = text.lower()
        for w in self.words:
            if w in low:
                return True
        return False

    def search(self, text: str) -> re.Match[str] | None:
        return self.rx.search(text) if self.may_match(text) else None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.rx.finditer(text) if self.may_match(text) else iter(())
