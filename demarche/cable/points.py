"""The items inside a block: bullets, sub-bullets, sub-headings, Q/A pairs,
and paragraphs that are points without bullets.

A block is bulleted when any line starts with a bullet; then every bullet is
an item, lines after it continue it (across wrapping and blank lines), and
prose before the first bullet is the block's lead-in, not an item. The kind
of bullet that comes first (``-`` or ``--``) is the top level; the other kind
is a sub-point and stays with its parent. A line starting ``--`` right after
an unfinished line and going on in lower case is a dash, not a bullet.
Without bullets each paragraph of text is one item. Short standalone lines
(upper case, or ending in a colon, or numbered like ``1A.``) are headings:
sections, audiences (``FOR WARSAW``) or contingency groups (``IF ASKED``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..classification import Marking
from ..model import ItemKind, Priority
from . import markers as mk
from .body import Block
from .text import ends_sentence, join_lines

_BULLET = re.compile(r"^[ ]*(?P<mark>-{1,3}|\*|\u2022|\d{1,2}\)|\([a-z0-9]{1,2}\))(?=[ A-Za-z(\"']|$)[ ]*(?P<text>.*)$")
_SECTION = re.compile(r"^(?P<label>\d{1,2}[A-Z]|[A-Z]|[IVX]{1,4})\.[ ]+(?P<title>\S.*)$")
_HIGH = re.compile(r"short[- ]term|high[- ]priority|\bpriority\b|immediate|urgent", re.I)
_NOTE = re.compile(r"\[(?P<note>[^\[\]]{1,2000})\]")
_POST_NOTE = re.compile(r"\((?P<note>(?:note|notes)?[ ]*(?:to|for)[ ]+posts?\b[^()]{0,2000})\)", re.I)


@dataclass
class Draft:
    """An item before it gets its id and paragraph."""

    kind: ItemKind
    lines: list[str]
    block: Block
    section: str = ""
    subsection: str = ""
    audience: str = ""
    marking: Marking | None = None
    priority: Priority = Priority.NORMAL
    subs: list[list[str]] = field(default_factory=list)
    text: str = ""
    post_note: str = ""


@dataclass
class _Unit:
    type: str  # bullet, qa, chunk
    lines: list[str]
    mark: str = ""


def _mark_kind(mark: str) -> str:
    if mark.startswith("--"):
        return "--"
    if mark == "-":
        return "-"
    if mark[:1].isdigit() or mark.startswith("("):
        return "n"
    return "*"


def _units(lines: list[str]) -> list[_Unit]:
    units: list[_Unit] = []
    cur: _Unit | None = None
    prev_blank = True
    prev = ""
    for line in lines:
        if not line.strip():
            prev_blank = True
            continue
        b = _BULLET.match(line)
        if b and not prev_blank and prev and not ends_sentence(prev) and b["text"][:1].islower():
            b = None  # a dash in a wrapped sentence, not a bullet
        if b and b["mark"] == "---" and not b["text"].strip():
            b = None
        if b:
            cur = _Unit("bullet", [b["text"]], _mark_kind(b["mark"]))
            units.append(cur)
        elif mk.QUESTION.match(line):
            cur = _Unit("qa", [line.strip()])
            units.append(cur)
        elif mk.ANSWER.match(line) and cur is not None and cur.type == "qa":
            cur.lines.append("\n" + line.strip())
        elif cur is not None and cur.type in ("bullet", "qa") and (not prev_blank or line.lstrip()[:1].islower()):
            cur.lines.append(line)
        elif cur is not None and cur.type == "chunk" and not prev_blank:
            cur.lines.append(line)
        else:
            cur = _Unit("chunk", [line])
            units.append(cur)
        prev_blank = False
        prev = line
    return units


def _is_heading(text: str, nlines: int, shouting: bool) -> bool:
    _, t = mk.strip_marking(text.strip())
    t = t.strip()
    if not t or mk.QUESTION.match(t):
        return False
    sec = _SECTION.match(t)
    if sec and len(t) <= 400 and len(t.split(":")[0]) <= 110 and (":" in t or not t.endswith(".")):
        return True
    if len(t) > 200 or nlines > 3:
        return False
    if len(t) > 130 or t.endswith(".") or t.endswith(","):
        return False
    if mk.CONTINGENCY.search(t) and len(t) <= 100:
        return True
    outside = re.sub(r"\([^)]*\)", "", t)
    letters = [c for c in outside if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) / len(letters) >= 0.8 and (not shouting or t.endswith(":") or len(t) <= 60):
        return True
    return t.endswith(":") and len(t) <= 60 and not re.search(r"[.;!?] ", t)


class _State:
    def __init__(self, block: Block) -> None:
        self.block = block
        self.section = block.section
        self.numbered_section = False
        self.subsection = ""
        self.audience = block.audience
        self.marking = block.marking
        self.kind = block.kind
        self.priority = Priority.NORMAL

    def heading(self, text: str) -> None:
        marking, t = mk.strip_marking(text.strip())
        t = re.sub(r"\s+", " ", t).strip()
        if marking is not None:
            self.marking = marking
        if not t:
            return
        sec = _SECTION.match(t)
        if sec:
            self.section = t.split(":")[0].strip() if ":" in t else t.rstrip(". ")
            self.numbered_section = True
            self.subsection = ""
            self.priority = Priority.HIGH if _HIGH.search(self.section) else Priority.NORMAL
            return
        t = t.rstrip(": ")
        contingency = bool(mk.CONTINGENCY.search(t))
        fa = mk.FOR_AUDIENCE.match(t)
        if fa:
            self.audience = fa["aud"].strip(" ,")
            t = (fa["rest"] or "").strip()
        elif marking is not None or not self.numbered_section:
            self.audience = self.block.audience
        if self.block.kind is not ItemKind.NON_PAPER:
            self.kind = ItemKind.CONTINGENCY if contingency else self.block.kind
        if self.numbered_section:
            self.subsection = t
        else:
            self.section = t
            self.priority = Priority.HIGH if t and _HIGH.search(t) and self.block.kind is ItemKind.NON_PAPER else Priority.NORMAL

    def draft(self, lines: list[str]) -> Draft:
        return Draft(self.kind, list(lines), self.block, self.section, self.subsection, self.audience, self.marking, self.priority)


def block_items(block: Block, shouting: bool = False) -> tuple[list[Draft], list[str]]:
    """The items of a block, and the lead-in prose that is not an item."""
    units = _units(block.lines)
    bulleted = any(u.type == "bullet" for u in units)
    top = next((u.mark for u in units if u.type == "bullet"), "")
    st = _State(block)
    drafts: list[Draft] = []
    lead_in: list[str] = []
    for u in units:
        if u.type == "chunk":
            text = join_lines(u.lines)
            inner = text.strip()[1:-1]
            boxed = text.strip().startswith("(") and text.strip().endswith(")") and not re.search(r"[()]", inner)
            alone = mk.marking_of(inner) if boxed else None
            if alone is not None:
                st.marking = alone
            elif _is_heading(text, len(u.lines), shouting):
                st.heading(text)
            elif bulleted and drafts:
                drafts[-1].lines.extend(u.lines)
            elif bulleted:
                lead_in.extend(u.lines)
            else:
                drafts.extend(st.draft([ln]) for ln in _split_reflowed(u.lines))
        elif u.type == "qa":
            d = st.draft(u.lines)
            d.kind = ItemKind.CONTINGENCY
            drafts.append(d)
        elif u.mark != top and drafts and drafts[-1].lines is not None and top in ("-", "*", "n") and u.mark == "--":
            drafts[-1].subs.append(u.lines)
        elif u.mark != top and drafts and top == "--" and u.mark in ("-", "*"):
            drafts[-1].subs.append(u.lines)
        else:
            drafts.append(st.draft(u.lines))
    out = [d for d in drafts if _finish(d)]
    return out, lead_in


def _split_reflowed(lines: list[str]) -> list[str]:
    """Unbulleted points of re-flowed text: one long line each, even without blank lines between."""
    if len(lines) > 1 and all(len(ln) > 90 and ends_sentence(ln) for ln in lines):
        return lines
    return ["\n".join(lines)]


def _finish(d: Draft) -> bool:
    """Join the text, take out markings and notes for post; False when nothing is left."""
    text = join_lines([ln for part in d.lines for ln in part.split("\n")]) if not any(
        ln.startswith("\n") for ln in d.lines
    ) else "\n".join(join_lines(p.split("\n")) for p in _qa_parts(d.lines))
    marking, text = mk.strip_marking(text)
    if marking is not None:
        d.marking = marking
    fp = mk.FOR_PREFIX.match(text)
    if fp:
        d.audience = fp["aud"].strip()
    if mk.CONTINGENCY_ITEM.match(text):
        d.kind = ItemKind.CONTINGENCY
    notes: list[str] = []
    for rx in (_NOTE, _POST_NOTE):
        for m in rx.finditer(text):
            notes.append(m["note"].strip())
        text = rx.sub("", text)
    subs = [join_lines(s) for s in d.subs]
    text = re.sub(r"[ ]{2,}", " ", text).strip()
    if subs:
        text = text + "\n" + "\n".join(f"-- {s}" for s in subs if s)
    d.text = text.strip()
    d.post_note = " ".join(notes)
    return bool(re.search(r"[A-Za-z0-9]", d.text))


def _qa_parts(lines: list[str]) -> list[str]:
    parts: list[list[str]] = [[]]
    for ln in lines:
        if ln.startswith("\n"):
            parts.append([ln.lstrip("\n")])
        else:
            parts[-1].append(ln)
    return ["\n".join(p) for p in parts if p]
