"""Small text helpers shared by the outputs: ASCII clean-up, wrapping, dates, numbers."""

from __future__ import annotations

import datetime as dt
import re
import textwrap
import unicodedata

from ..cable.labels import IMPERATIVES, TRAILING_WORDS
from ..cable.text import ASCII_PUNCTUATION

_ASCII_MAP = ASCII_PUNCTUATION


def to_ascii(text: str) -> str:
    """Cables are ASCII: straight quotes, ``--`` dashes, accents dropped (``Charge``)."""
    s = "".join(_ASCII_MAP.get(c, c) for c in text)
    if s.isascii():
        return s
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if c.isascii() and not unicodedata.combining(c))


def one_line(text: str) -> str:
    """Whitespace (newlines included) collapsed to single spaces."""
    return re.sub(r"\s+", " ", text).strip()


def wrap(text: str, width: int) -> list[str]:
    """Wrap one paragraph flush left; words longer than `width` stay whole."""
    return textwrap.wrap(
        one_line(text), width=width, break_long_words=False, break_on_hyphens=False
    ) or [""]


_NUMBERS = "zero one two three four five six seven eight nine ten".split()


def number_word(n: int) -> str:
    """Cable style: one to ten in words, larger numbers in figures."""
    return _NUMBERS[n] if 0 <= n <= 10 else str(n)


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{number_word(n)} {word if n == 1 else (many or word + 's')}"


def long_date(d: dt.date | None, today: dt.date | None = None) -> str:
    """``October 2`` within the year of `today`, else ``October 2, 2009``."""
    if d is None:
        return ""
    s = f"{d.strftime('%B')} {d.day}"
    if today is None or d.year != today.year:
        s += f", {d.year}"
    return s


def join_words(parts: list[str], conj: str = "and") -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    parts = [p for p in parts if p]
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + f" {conj} " + parts[-1]


def sentence(text: str) -> str:
    """Text ending with a full stop (or its own ? ! or closing quote)."""
    t = one_line(text)
    if not t:
        return t
    if t[-1] in ".?!":
        return t
    if t[-1] in "\"'" and len(t) > 1 and t[-2] in ".?!":
        return t
    return t + "."


def strip_period(text: str) -> str:
    return one_line(text).rstrip(" .;:")


def surname(name: str) -> str:
    """``Aleksey Petrov`` -> ``Petrov``; ``Deputy Director Petrov`` -> ``Petrov``."""
    words = [w for w in re.split(r"\s+", name.strip()) if w]
    while words and words[-1].rstrip(".").lower() in {"jr", "sr", "ii", "iii"}:
        words.pop()
    return words[-1].strip(",") if words else ""


_COMMON_STARTS = {
    "a",
    "all",
    "also",
    "although",
    "an",
    "any",
    "are",
    "as",
    "at",
    "because",
    "by",
    "check",
    "for",
    "funding",
    "he",
    "her",
    "his",
    "if",
    "in",
    "is",
    "it",
    "its",
    "more",
    "moscow's",
    "most",
    "on",
    "our",
    "she",
    "since",
    "some",
    "that",
    "the",
    "their",
    "there",
    "these",
    "they",
    "they'd",
    "this",
    "those",
    "was",
    "we",
    "were",
    "when",
    "while",
    "will",
    "with",
    "would",
} | IMPERATIVES


def lower_first(text: str) -> str:
    """Lower-case the first word when it is a common word, not a name or acronym."""
    t = text.strip()
    if not t:
        return t
    first = re.split(r"[\s,;:]", t, maxsplit=1)[0]
    if first.lower() in _COMMON_STARTS and (
        len(first) == 1 or not first[1:].isupper() or len(first) <= 2
    ):
        return t[0].lower() + t[1:]
    return t


_CLAUSE_WORDS = {
    "because",
    "which",
    "who",
    "where",
    "while",
    "although",
    "so",
    "but",
    "particularly",
    "including",
    "that",
    "demonstrating",
}
_TRAILING = TRAILING_WORDS | {"that"}


def first_sentence(text: str, max_words: int = 16) -> str:
    """The first sentence of `text`, shortened to about `max_words` words at a clause boundary.

    Used to name a point inside a cable sentence, so no ellipsis: the cut
    falls before a clause word (``because``, ``which``), and
    dangling little words (``of``, ``and``) are dropped.
    """
    t = one_line(text)
    m = re.search(r"(?<=[a-z0-9)\]])[.;:](\s|$)", t)
    if m:
        t = t[: m.start()]
    words = t.split()
    if len(words) > max_words:
        words = words[:max_words]
        for i in range(len(words) - 1, 4, -1):
            if words[i].lower() in _CLAUSE_WORDS:
                words = words[:i]
                break
        while len(words) > 3 and words[-1].lower().strip(",") in _TRAILING:
            words.pop()
    return " ".join(words).rstrip(",;:").rstrip(".")
