"""Clean-up of cable text before it is read: one layout out of three.

Cables reach us as wrapped telegrams, as re-flowed "media" text and as
lower-cased text, often scraped from web pages. Before any structure is read
we undo what copying did to them: web-link artifacts (``[1.](#)``), the
pilcrow of scraped paragraph numbers, curly quotes, ``government,s`` for
``government's``, ``)`` standing for a lost dash, page-break lines such as
``STATE 00097951 002 OF 004``, and sentences split by blank lines.
Redactions (``xxxxxxxxxxxx``) are kept as they are: the reader must see them.

Every regular expression here is linear (no nested quantifiers), so a
multi-megabyte text is cleaned in time proportional to its length.
"""

from __future__ import annotations

import re

from ..display import strip_controls
from .worded import WordedPattern

_LINK = re.compile(r"\[([^\[\]\n]{0,200})\]\((?:#|https?://[^)\s]{0,300})\)")
_PILCROW = re.compile(r"^[ \t]*\u00b6[ \t]*", re.M)
#: Typographic characters and their ASCII forms, as telegrams write them: straight
#: quotes, ``--`` dashes, plain spaces; zero-width characters dropped. The importer
#: and the outputs (`outputs.telegram_text.to_ascii`) both use it.
ASCII_PUNCTUATION: dict[str, str] = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u2032": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u201f": '"',
    "\u2033": '"',
    "\u00ab": '"',
    "\u00bb": '"',
    "\u2013": "-",
    "\u2014": "--",
    "\u2015": "--",
    "\u2212": "-",
    "\u2010": "-",
    "\u2011": "-",
    "\u2026": "...",
    "\u00a0": " ",
    "\u202f": " ",
    "\u2009": " ",
    "\u200b": "",
    "\ufeff": "",
    "\t": " ",
}
_QUOTES = str.maketrans({**ASCII_PUNCTUATION, "\r": "", "\x0c": "\n"})
_COMMA_S = re.compile(r"(?<=[A-Za-z]),s\b")
_LOST_DASH = re.compile(r"(?<=\S) \)(?= )")
_NON_PAPER = WordedPattern(r"\bnon-[ ]+paper", ("non-",))

#: ``STATE 00097951 002 OF 004``, ``KABUL 00000699 004 OF 004``: the header
#: repeated at the top of each page of a multi-section telegram.
PAGE_BREAK = re.compile(
    r"^[ ]*[A-Za-z][A-Za-z .]{0,30}?[ ]+\d{5,9}[ ]+\d{1,3}[ ]+OF[ ]+\d{1,3}[ ]*$", re.I
)
#: The same header inside a re-flowed line: ``... Information Exchange STATE 00067207 002 OF 004 and ...``.
_INLINE_PAGE_BREAK = re.compile(
    r"[ ]+[A-Z][A-Z.]{1,20}(?:[ ][A-Z.]{2,20}){0,2}[ ]+0\d{4,8}[ ]+\d{1,3}[ ]+OF[ ]+\d{1,3}(?=[ ]|$)"
)
#: A handling caption dropped into the text where a page was cut (``SIPDIS`` between two halves of a sentence).
#: ``b) 8 hours ...``: a lettered sub-item, never the rest of the sentence before it.
_LETTERED = re.compile(r"^[ ]*\(?[a-z]\)[ ]")
_STRAY_CAPTION = re.compile(r"^[ ]*SIPDIS[ ]*$", re.I)


def normalise(text: str) -> str:
    """Characters and artifacts fixed; line structure unchanged."""
    text = text.replace("\r\n", "\n").translate(_QUOTES)
    text = strip_controls(text)
    text = _LINK.sub(r"\1", text)
    # Each fix is made only where its characters are: a scan for them is far cheaper than the expression's.
    if "\u00b6" in text:
        text = _PILCROW.sub("", text)
    if ",s" in text:
        text = _COMMA_S.sub("'s", text)
    if " )" in text:
        text = _LOST_DASH.sub(" --", text)
    if _NON_PAPER.may_match(text):
        text = _NON_PAPER.rx.sub(lambda m: m.group(0)[:4] + "paper", text)
    return text


def is_page_break(line: str) -> bool:
    return len(line) < 60 and bool(PAGE_BREAK.match(line))


def ends_sentence(line: str) -> bool:
    """Whether a line ends on punctuation that closes a sentence or a lead-in."""
    # What ``[.!?:;]["')\]]*$`` says, without trying the expression at every character of the line.
    return line.rstrip().rstrip("\"')]").endswith((".", "!", "?", ":", ";"))


def _starts_new_unit(line: str) -> bool:
    """Bullets, numbered paragraphs and markings never continue a sentence."""
    s = line.lstrip()
    return bool(re.match(r"(?:-|\*|\u2022|\(|\d{1,2}\.|[A-Z]{2,}\b)", s))


def _mid_sentence(out: list[str], lines: list[str], k: int) -> bool:
    """Whether line `k` falls between two halves of a sentence (the text before is unfinished)."""
    prev = out[-1] if out else ""
    if not prev.strip() or ends_sentence(prev):
        return False
    for nxt in lines[k + 1 : k + 4]:
        if nxt.strip():
            return nxt.lstrip()[:1].islower()
    return False


def clean_lines(text: str) -> list[str]:
    """The cable as lines: artifacts fixed, page breaks removed, split sentences joined.

    A blank-line gap (with or without a page-break line in it) is closed when
    the line before it does not end a sentence and the line after it starts in
    lower case: ``human`` / (blank) / ``trafficking, both``. Across a removed
    page break the next line may also start in upper case (a name), unless it
    starts a bullet, a paragraph or a marking.
    """
    lines = [
        _INLINE_PAGE_BREAK.sub("", ln.rstrip()) if len(ln) > 100 else ln.rstrip()
        for ln in normalise(text).split("\n")
    ]
    out: list[str] = []
    gap: list[str] = []
    broke = False
    for k, line in enumerate(lines):
        if not line.strip():
            gap.append("")
            continue
        if is_page_break(line) or (_STRAY_CAPTION.match(line) and _mid_sentence(out, lines, k)):
            broke = True
            gap.append("")
            continue
        if gap or broke:
            prev = out[-1] if out else ""
            first = line.lstrip()[:1]
            join = (
                bool(prev.strip())
                and not ends_sentence(prev)
                and not _LETTERED.match(line)
                and (first.islower() or (broke and first.isalpha() and not _starts_new_unit(line)))
            )
            if not join:
                out.extend(gap or [""])
        gap = []
        broke = False
        out.append(line)
    return out


def join_lines(lines: list[str]) -> str:
    """Wrapped lines as one text: hyphenated breaks closed, spaces collapsed.

    Linear in the total length: each line is looked at once, and only the
    last characters of what is built so far decide how the next one joins.
    """
    parts: list[str] = []
    tail = ""  # the last two characters of the text built so far
    for raw in lines:
        line = " ".join(raw.split())
        if not line:
            continue
        if not parts:
            parts.append(line)
        elif len(tail) == 2 and tail[0].isalpha() and tail[1] == "-" and line[:1].isalpha():
            parts.append(line)  # ``missile-`` / ``related``: a word broken at its hyphen
        elif line[:1] in ".,;:)":
            parts.append(line)
        else:
            parts.append(" " + line)
        tail = (tail + line)[-2:]
    return "".join(parts).strip()
