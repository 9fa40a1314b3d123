"""A checker for the layout of a reporting cable, real or drafted.

`check_cable_layout(text)` returns the problems it finds, one line each
(empty list: the layout is sound). It checks what DOMAIN.md's "Anatomy of a
reporting cable" asks for:

- header order: classification line, then E.O., TAGS and SUBJECT in that
  order, REF (optional) after SUBJECT, all before the first paragraph;
- numbered paragraphs consecutive from 1, each with a readable marking
  right after its number, and none marked above the classification line;
- lines no wider than `max_width`; ASCII only;
- a ``Summary`` opened is closed by ``End Summary``; the same for Comment;
- the signature (a surname) alone on the last line;
- no draft placeholder (``[...]`` in capitals, ``00XXXX`` excepted) left in.
"""

from __future__ import annotations

import re

from ..classification import Level, MarkingError, parse_marking

MAX_WIDTH = 69

_CLASS_LINE = re.compile(
    r"^(UNCLAS(SIFIED)?|C O N F I D E N T I A L|S E C R E T|T O P\s+S E C R E T)\b", re.I
)
_EO = re.compile(r"^E\.?\s?O\.?\s?\d{5}\b", re.I)
_TAGS = re.compile(r"^TAGS\b:?", re.I)
_SUBJECT = re.compile(r"^SUBJECT\s?:", re.I)
_REF = re.compile(r"^REFS?\b\s?:?", re.I)
_PARA = re.compile(r"^(\d{1,3})\.\s+(?:\(([^)]{1,40})\))?")
_SIGNATURE = re.compile(r"^[A-Za-z][A-Za-z'\-]+(?:\s+(?:jr|sr|JR|SR)\.?)?$")
_PLACEHOLDER = re.compile(r"\[[A-Z][A-Z ,:'./-]{3,}[^\]]*\]")


def _level_of_class_line(line: str) -> Level:
    s = re.sub(r"\s+", "", line.upper())
    for word, level in (("TOPSECRET", Level.TS), ("SECRET", Level.S), ("CONFIDENTIAL", Level.C)):
        if s.startswith(word):
            return level
    return Level.SBU  # UNCLAS cables may carry SBU paragraphs


def _line_list(numbers: list[int], shown: int = 12) -> str:
    """``line 4`` or ``lines 4, 9, 12`` - every line up to `shown`, then how many more."""
    head = ", ".join(str(n) for n in numbers[:shown])
    more = f" and {len(numbers) - shown} more" if len(numbers) > shown else ""
    return f"line{'s' if len(numbers) > 1 else ''} {head}{more}"


def check_cable_layout(
    text: str, max_width: int = MAX_WIDTH, require_summary: bool = False
) -> list[str]:
    """Problems with the layout of a reporting cable, each naming the line."""
    problems: list[str] = []
    lines = text.splitlines()

    # -- header ------------------------------------------------------------
    cls_at = next((n for n, ln in enumerate(lines) if _CLASS_LINE.match(ln.strip())), None)
    if cls_at is None:
        return ["no classification line (UNCLAS, C O N F I D E N T I A L, S E C R E T ...)"]
    cable_level = _level_of_class_line(lines[cls_at].strip())
    first_para = next((n for n in range(cls_at, len(lines)) if _PARA.match(lines[n])), None)
    header_end = first_para if first_para is not None else len(lines)
    found: dict[str, int] = {}
    for n in range(cls_at + 1, header_end):
        s = lines[n].strip()
        for name, rx in (("E.O.", _EO), ("TAGS", _TAGS), ("SUBJECT", _SUBJECT), ("REF", _REF)):
            if name not in found and rx.match(s):
                found[name] = n
    for name in ("E.O.", "TAGS", "SUBJECT"):
        if name not in found:
            problems.append(f"header: no {name} line before the first paragraph")
    order = [name for name in ("E.O.", "TAGS", "SUBJECT", "REF") if name in found]
    positions = [found[n] for n in order]
    if positions != sorted(positions):
        problems.append(
            f"header: lines out of order ({', '.join(sorted(order, key=found.__getitem__))}); expected E.O., TAGS, SUBJECT, REF"
        )

    # -- paragraphs --------------------------------------------------------
    expected = 1
    paras: list[tuple[int, int]] = []
    for n in range(header_end, len(lines)):
        m = _PARA.match(lines[n])
        if not m:
            continue
        num, mark = int(m.group(1)), m.group(2)
        prev_blank = n == 0 or not lines[n - 1].strip() or lines[n - 1].strip().startswith("-")
        if num != expected and not (mark and prev_blank):
            continue  # a numbered list inside a paragraph
        if num != expected:
            problems.append(f"line {n + 1}: paragraph {num} where {expected} was expected")
        paras.append((num, n))
        expected = num + 1
        if not mark:
            problems.append(f"line {n + 1}: paragraph {num} has no marking")
            continue
        try:
            level = parse_marking(mark).level
        except MarkingError:
            problems.append(f"line {n + 1}: paragraph {num} marking ({mark}) is not a marking")
            continue
        if level > cable_level:
            problems.append(
                f"line {n + 1}: paragraph {num} is marked ({mark}), above the cable's classification"
            )
    if not paras:
        body = "\n".join(lines[header_end:])
        if not re.search(r"^\s*\((U|SBU|C|S|TS)[^)]*\)", body, re.M):
            problems.append("no numbered paragraphs and no marked single paragraph")

    # -- width and characters ---------------------------------------------
    wide = [n + 1 for n, ln in enumerate(lines) if len(ln) > max_width]
    if wide:
        problems.append(f"{len(wide)} lines wider than {max_width} ({_line_list(wide)})")
    odd = [n + 1 for n, ln in enumerate(lines) if not ln.isascii()]
    if odd:
        problems.append(f"{len(odd)} lines with non-ASCII characters ({_line_list(odd)})")

    # -- summary, comment --------------------------------------------------
    body = "\n".join(lines[header_end:])
    flat = re.sub(r"\s+", " ", body)
    para_start = r"(?:^|\n)\s*(?:\d{1,3}\.\s+)?(?:\([^)]{1,40}\)\s+)?"
    for word in ("Summary", "Comment"):
        inline = re.search(
            para_start
            + rf"(?:Begin\s+|Embassy\s+(?:Note\s+and\s+)?)?{word}\b[A-Za-z ]{{0,30}}[:.]",
            body,
            re.I,
        )
        heading = re.search(
            rf"^[ A-Za-z]*\b{word}\b[ A-Za-z]*$", "\n".join(lines[cls_at:]), re.I | re.M
        )
        closes = re.search(rf"\bEnd\s+(?:of\s+|Embassy\s+)?{word}\b", flat, re.I)
        if inline and not closes:
            problems.append(f"{word} without End {word}")
        if closes and not (inline or heading):
            problems.append(f"End {word} without {word}")
    if require_summary and not re.search(r"\bSummary\s*:", flat, re.I):
        problems.append("no Summary paragraph")

    # -- signature ---------------------------------------------------------
    tail = [ln.strip() for ln in lines if ln.strip()]
    if not tail or not _SIGNATURE.match(tail[-1]):
        problems.append("signature: the last line is not a surname alone")

    for m in _PLACEHOLDER.finditer(text):
        problems.append(f"placeholder left in the draft: {m.group(0)}")
    return problems
