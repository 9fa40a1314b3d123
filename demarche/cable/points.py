"""The items inside a block: bullets at every level, Q/A pairs, paragraphs
that are points without bullets, and the sub-headings between them.

The lines of a block are cut into units: a bullet (``-``, ``--``, ``---``,
``*``, ``a)``, ``(a)``) with the lines that continue it, a ``Q:`` with its
``A:``, or a paragraph of text (lines up to a blank line; in re-flowed text,
where a paragraph is one long line, up to the end of a sentence at the end
of a line). Then:

- Every bullet, at any level, is an item, except runs of short ``Label:
  value`` sub-bullets under a parent ending in a colon: they are the
  parent's data (a shipment's shipper, consignee, weight).
- A paragraph is a sub-heading when it looks like one (short, no closing
  full stop; upper case; ``FOR WARSAW``; ``If raised:``; ``1A. ...:``): it
  sets the section or sub-section, the audience (``FOR ...``), whether the
  points under it are contingent (``IF ASKED``), and their marking. A
  sub-heading never ends the block.
- Another paragraph is an item, except the lead-in before the first bullet
  when it speaks to post (``Post should draw from ...``), and a paragraph
  right after a bullet that leaves the bullet unfinished (a question whose
  answer follows, a bullet cut by a page break): that paragraph continues it.
- Text inside a marker nested in the block (``(Begin releasable text.)``)
  is items, one per paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import audience as aud
from ..classification import Marking, highest
from ..model import ItemKind, Priority
from . import markers as mk
from .body import HEADING, NESTED_BEGIN, NESTED_END, Block
from .inline import REFLOWED
from .text import ends_sentence, join_lines

_BULLET = re.compile(
    r"^[ ]*(?P<mark>-{1,4}|\*|\u2022|[a-z]\)|\d{1,2}\)|\([a-z0-9]{1,2}\))(?=[ A-Za-z0-9(\"']|$)[ ]*(?P<text>.*)$"
)
_SECTION = re.compile(r"^(?P<label>\d{1,2}[A-Z]|[A-Za-z]|[IVX]{1,4})\.[ ]+(?P<title>\S.*)$")
_HIGH = re.compile(r"short[- ]term|high[- ]priority|\bpriority\b|immediate|urgent", re.I)
_NOTE = re.compile(r"\[(?P<note>[^\[\]]{1,2000})\]")
_POST_NOTE = re.compile(
    r"\((?P<note>(?:note|notes)?[ ]*(?:to|for)[ ]+posts?\b[^()]{0,2000})\)", re.I
)
_TRAILING_MARKING = re.compile(r"[ ]+\((?:U|SBU|C|S|TS)(?://?[A-Z ,]{1,60})?\)[ ]*$")
#: A lead-in that speaks to post: instructions about the points, not a point.
_TO_POST = re.compile(
    r"\b(?:posts?|embass(?:y|ies)|missions?|usun|usnato|usoas|usunvie|action[ ]+addressees|addressees?|ambassadors?|"
    r"charges?|you[ ]+(?:may|should)|please)\b.{0,200}\b(?:should|shall|may|are|is|requested|asked|instructed|draw|"
    r"deliver|use|convey|pursue)\b|\b(?:draw|drawing)[ ]+(?:on|from|upon)\b|\bfollowing[ ]+(?:talking[ ]+)?points\b",
    re.I,
)
_SPACE_RUN = re.compile(r"[ ]{2,}")
_ALNUM = re.compile(r"[A-Za-z0-9]")
_FIELD = re.compile(r"^[A-Z][\w/ ().-]{0,40}:[ ]*\S")
_CONDITION = re.compile(r"^(?:contingency[ ]*:[ ]*)?if\b", re.I)


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
    data: list[list[str]] = field(default_factory=list)
    """Field/value lines of the item's data (shipper, consignee ...), kept in its text."""
    text: str = ""
    post_note: str = ""
    own_marking: bool = False
    """The item starts with its own portion marking."""
    state_marking: Marking | None = None
    """The marking it had from its block or sub-heading."""


@dataclass
class _Unit:
    type: str  # bullet, qa, chunk, heading, nested
    lines: list[str]
    mark: str = ""
    nested: bool = False


def _mark_kind(mark: str) -> str:
    if mark.startswith("-"):
        return "-" * min(len(mark), 4)
    if mark[:1].isdigit() or mark.startswith("(") or mark[:1].isalpha():
        return "n"
    return "*"


def _units(lines: list[str], reflowed: bool) -> list[_Unit]:
    """Bullets, Q/As, paragraphs and headings; in re-flowed text a line ending a sentence ends its unit."""
    units: list[_Unit] = []
    cur: _Unit | None = None
    prev_blank = True
    prev = ""
    depth = 0
    letter = ""
    for line in lines:
        if line == NESTED_BEGIN or line == NESTED_END:
            depth = depth + 1 if line == NESTED_BEGIN else max(0, depth - 1)
            cur = None
            prev_blank = True
            continue
        if line.startswith(HEADING):
            units.append(_Unit("heading", [line[len(HEADING) :]], nested=depth > 0))
            cur = None
            prev_blank = True
            continue
        if not line.strip():
            prev_blank = True
            continue
        # Re-flowed text has one paragraph per line: a line break ends the unit unless the
        # sentence plainly goes on (no closing punctuation, next line in lower case).
        ended = bool(prev) and (
            ((reflowed or len(prev) > REFLOWED) and ends_sentence(prev))
            or (reflowed and not line.lstrip()[:1].islower())
        )
        b = _BULLET.match(line)
        if b and not prev_blank and prev and not ends_sentence(prev) and b["text"][:1].islower():
            b = None  # a dash in a wrapped sentence, not a bullet
        if (
            b
            and b["mark"][:1].isalpha()
            and not prev_blank
            and not ended
            and not ends_sentence(prev)
            and not _next_letter(letter, b["mark"])
        ):
            b = None  # ``a)`` inside a wrapped sentence
        if b and b["mark"][:1].isalpha():
            letter = b["mark"][:1]
        if b:
            # A lettered or numbered sub-item keeps its label (``a) 30 days ...``): the cable refers to it by it.
            first_text = b["text"] if b["mark"][:1] in "-*\u2022" else f"{b['mark']} {b['text']}"
            cur = _Unit("bullet", [first_text], _mark_kind(b["mark"]), nested=depth > 0)
            units.append(cur)
        elif mk.QUESTION.match(line):
            cur = _Unit("qa", [line.strip()], nested=depth > 0)
            units.append(cur)
        elif mk.ANSWER.match(line) and cur is not None and cur.type == "qa":
            cur.lines.append("\n" + line.strip())
        elif (
            cur is not None
            and cur.type in ("bullet", "qa")
            and _continues(cur, line, prev_blank, ended)
        ):
            cur.lines.append(line)
        elif (
            cur is not None
            and cur.type == "chunk"
            and not prev_blank
            and not ended
            and mk.strip_marking(line)[0] is None
            and not (ends_sentence(cur.lines[-1]) and _looks_like_heading_line(line))
        ):
            cur.lines.append(line)
        else:
            cur = _Unit("chunk", [line], nested=depth > 0)
            units.append(cur)
        prev_blank = False
        prev = line
    return units


def _next_letter(last: str, mark: str) -> bool:
    """``b)`` after ``a)``: the next letter of a lettered list."""
    return bool(last) and mark[:1] == chr(ord(last) + 1)


def _continues(cur: _Unit, line: str, prev_blank: bool, ended: bool) -> bool:
    """Whether a line that is not a bullet goes on with the bullet (or Q/A) before it."""
    first = line.lstrip()[:1]
    if mk.strip_marking(line.strip())[0] is not None:
        return False
    if ends_sentence(cur.lines[-1]) and _looks_like_heading_line(line):
        return False  # ``If raised:`` right under a finished point
    if not prev_blank and not ended:
        return True
    if first.islower() and not _SECTION.match(line.strip()) and not _BULLET.match(line):
        return True
    last = cur.lines[-1].strip()
    if cur.type == "qa":
        return not ended and len(cur.lines) == 1
    # After a blank line: the bullet is unfinished (empty, a question waiting for its answer, cut mid-sentence).
    return not last or last.endswith("?") or not ends_sentence(last)


def _looks_like_heading_line(line: str) -> bool:
    """A short line that can only be a sub-heading: ``If raised:``, ``FINANCING (if raised)``, ``FOR WARSAW``."""
    t = mk.strip_marking(line.strip())[1].strip()
    if not t or len(t) > 80 or t.endswith((".", ",", ";")):
        return False
    # ``FOR WARSAW`` is upper case, so the first test takes it.
    return _mostly_upper(t) or (t.endswith(":") and len(t.split()) <= 6)


_PARENTHESES = re.compile(r"\([^)]*\)")
_ASCII_LETTERS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def _mostly_upper(t: str) -> bool:
    """Whether at least 80% of the letters outside parentheses are capitals (``FOR WARSAW (info)``)."""
    if "(" in t:
        t = _PARENTHESES.sub("", t)
    if (
        t.isascii()
    ):  # counted by bytes: the same letters and capitals as str.isalpha and str.isupper
        raw = t.encode("ascii")
        letters = len(raw) - len(raw.translate(None, _ASCII_LETTERS))
        capitals = len(raw) - len(raw.translate(None, _ASCII_LETTERS[:26]))
        return bool(letters) and capitals / letters >= 0.8
    chars = [c for c in t if c.isalpha()]
    return bool(chars) and sum(c.isupper() for c in chars) / len(chars) >= 0.8


def _is_heading(text: str, nlines: int, shouting: bool, first: bool) -> bool:
    _, t = mk.strip_marking(text.strip())
    t = " ".join(t.split())
    if not t or mk.QUESTION.match(t) or _BULLET.match(t):
        return False
    sec = _SECTION.match(t)
    if sec:
        title = mk.strip_marking(sec["title"])[1]
        head = title.split(":")[0]
        if len(t) <= 400 and (
            ":" in title
            and (len(head) <= 130 or title.endswith(":"))
            or _is_heading(title, 1, shouting, first)
        ):
            return True
        return False
    if len(t) > 220 or nlines > 3 or t.endswith("?"):
        return False
    upper = _mostly_upper(t)
    if t.endswith((".", ",", ";", '."', ".)")) and not (
        upper and len(t) <= 60 and t.upper().startswith(("END ", "BEGIN "))
    ):
        return False
    if mk.FOR_AUDIENCE.match(t) and len(t) <= 160 and not (shouting and len(t) > 80):
        return True
    if _CONDITION.match(t) and t.endswith(":"):
        return True
    if mk.CONTINGENCY.search(t) and len(t) <= 100:
        return True
    if upper and len(t) <= 130 and (not shouting or t.endswith(":") or len(t) <= 60):
        return True
    if t.endswith(":"):
        return len(t.split()) <= 6
    if t[:1].isupper() and not re.search(r"[.;!?]\s", t) and not t.endswith(("!", '"', "'")):
        return (len(t) <= 90 and len(t.split()) <= 12 and nlines == 1) or (first and len(t) <= 160)
    return False


class _State:
    def __init__(self, block: Block, kind: ItemKind) -> None:
        self.block = block
        self.kind0 = kind
        self.section = block.section
        self.numbered_section = False
        self.subsection = ""
        self.audience = block.audience
        self.marking = block.marking
        self.kind = kind
        self.priority = Priority.NORMAL

    def heading(self, text: str) -> str:
        """Take a sub-heading; returns content that followed it on the same line (``For X: We are ...``)."""
        marking, t = mk.strip_marking(text.strip())
        t = " ".join(t.split())
        if marking is not None:
            self.marking = mk.resolve(marking, self.block.marking)
        if not t:
            return ""
        content = ""
        sec = _SECTION.match(t)
        label_text = t
        if sec:
            label_text = sec["title"]
            m2, label_text = mk.strip_marking(label_text)
            if m2 is not None:
                self.marking = mk.resolve(m2, self.block.marking)
        head, colon, after = label_text.partition(":")
        if (
            colon
            and len(after.strip()) > 40
            and ends_sentence(after)
            and not after.strip().endswith(":")
        ):
            content = after.strip()
            label_text = head
        elif colon and after.strip().endswith(":") and sec:
            label_text = head
        fa = mk.FOR_AUDIENCE.match(label_text)
        contingent = bool(mk.CONTINGENCY.search(label_text) or _CONDITION.match(label_text))
        if fa and (fa["aud"].split() or [""])[0].lower() not in mk.NOT_AUDIENCES:
            self.audience = aud.normalise(fa["aud"])
        elif re.search(r"\bpress\b|\bmedia\b|\bpublic\b.*\binquir", label_text, re.I):
            self.audience = "PRESS"
        else:
            self.audience = self.block.audience
        if self.kind0 is not ItemKind.NON_PAPER:
            self.kind = (
                ItemKind.CONTINGENCY
                if contingent or self.kind0 is ItemKind.CONTINGENCY
                else self.kind0
            )
        name = label_text.rstrip(": ").strip()
        if sec and not _CONDITION.match(label_text) and not fa:
            self.section = f"{sec['label']}. {name}" if not name.startswith(sec["label"]) else name
            self.numbered_section = True
            self.subsection = ""
            self.priority = Priority.HIGH if _HIGH.search(self.section) else Priority.NORMAL
        elif self.numbered_section:
            self.subsection = name
        else:
            self.subsection = name
            self.priority = (
                Priority.HIGH
                if _HIGH.search(name) and self.kind0 is ItemKind.NON_PAPER
                else Priority.NORMAL
            )
        return content

    def draft(self, lines: list[str]) -> Draft:
        return Draft(
            self.kind,
            list(lines),
            self.block,
            self.section,
            self.subsection,
            self.audience,
            self.marking,
            self.priority,
        )


def _kind_of(block: Block) -> ItemKind:
    return {"non_paper": ItemKind.NON_PAPER, "contingency": ItemKind.CONTINGENCY}.get(
        block.nature, ItemKind.TALKING_POINT
    )


def block_items(
    block: Block, shouting: bool = False, reflowed: bool = False
) -> tuple[list[Draft], list[str]]:
    """The items of a block, and the lead-in prose that is not an item."""
    reflowed = reflowed or any(len(ln) > REFLOWED for ln in block.lines)
    units = _data_into_parents(_units(block.lines, reflowed))
    bulleted = any(u.type in ("bullet", "qa") for u in units)
    st = _State(block, _kind_of(block))
    drafts: list[Draft] = []
    lead_in: list[str] = []
    seen_item = False
    for n, u in enumerate(units):
        if u.type == "data":
            if drafts:
                drafts[-1].data.append(u.lines)
            continue
        if u.type == "heading":
            content = st.heading(u.lines[0])
            if content:
                drafts.append(st.draft([content]))
                seen_item = True
            continue
        if u.type == "chunk":
            text = _without_trailing_marking(join_lines(u.lines))
            inner = text.strip()[1:-1]
            boxed = (
                text.strip().startswith("(")
                and text.strip().endswith(")")
                and not re.search(r"[()]", inner)
            )
            alone = mk.marking_of(inner) if boxed else None
            if alone is not None:
                st.marking = mk.resolve(alone, block.marking)
                continue
            last = n == len(units) - 1
            if _is_heading(text, len(u.lines), shouting, first=not seen_item and n == 0) and (
                not last or _SECTION.match(text.strip())
            ):
                content = st.heading(text)
                if content:
                    drafts.append(st.draft([content]))
                    seen_item = True
                continue
            if (
                not seen_item
                and bulleted
                and not u.nested
                and (block.opener == "intro" or _TO_POST.search(text))
            ):
                lead_in.extend(u.lines)
                st.audience = _lead_in_audience(text) or st.audience
                continue
            if block.opener == "intro" and not u.nested:
                lead_in.extend(
                    u.lines
                )  # a lead-in sentence opened the block: only bullets are points
                continue
            drafts.append(st.draft(u.lines))
            seen_item = True
        elif u.type == "qa":
            d = st.draft(u.lines)
            d.kind = ItemKind.CONTINGENCY
            drafts.append(d)
            seen_item = True
        else:
            drafts.append(st.draft(u.lines))
            seen_item = True
    out = [d for d in drafts if _finish(d)]
    _carry_portion_markings(out)
    return out, lead_in


#: "For Embassy Kyiv, please approach ...": the embassies a lead-in speaks to, up to its first comma.
_LEAD_IN_FOR = re.compile(r"^\s*for[ ]+(?P<aud>[^,.:;()]{2,80}),", re.I)


def _lead_in_audience(text: str) -> str:
    """The audience a lead-in to post names ("For Embassies Moscow and Riga, please ..."), else "".

    Only when every name it gives is a known country or group: a lead-in is
    prose, and a word of it is never taken for a country.
    """
    m = _LEAD_IN_FOR.match(mk.strip_marking(text.strip())[1])
    if not m:
        return ""
    found = aud.normalise(m["aud"])
    names = aud.split_names(found.partition(" EXCEPT ")[0])
    known = aud.COUNTRIES | set(aud.GROUPS)
    return found if names and all(n in known for n in names) else ""


def _carry_portion_markings(drafts: list[Draft]) -> None:
    """An unmarked item right after a marked one is part of the same portion: it takes the higher marking.

    (``(S//REL) ... - sub-point - sub-point``: the sub-points are S//REL too.)
    Never lower than what the block or sub-heading says, so nothing is understated.
    """
    merged: dict[
        tuple[Marking | None, Marking], Marking
    ] = {}  # a cable has few markings: each pair is merged once
    for prev, d in zip(drafts, drafts[1:]):
        if not d.own_marking and d.state_marking is prev.state_marking and prev.marking is not None:
            key = (d.marking, prev.marking)
            got = merged.get(key)
            if got is None:
                got = merged[key] = highest([m for m in key if m is not None])
            d.marking = got


def _data_into_parents(units: list[_Unit]) -> list[_Unit]:
    """Runs of ``Label: value`` sub-bullets under a parent ending in a colon become that parent's data."""
    out: list[_Unit] = []
    k = 0
    while k < len(units):
        u = units[k]
        out.append(u)
        k += 1
        if u.type not in ("bullet", "chunk") or not _ends_with_colon(u.lines):
            continue
        run = []
        j = k
        while j < len(units) and units[j].type == "bullet" and units[j].mark != u.mark:
            run.append(units[j])
            j += 1
        if len(run) < 3:
            continue
        texts = [join_lines(r.lines) for r in run]
        short = all(len(t) <= 90 for t in texts)
        fields = sum(1 for t in texts if _FIELD.match(t))
        if short and fields * 5 >= len(run) * 3:
            out.extend(_Unit("data", r.lines, r.mark) for r in run)
            k = j
    return out


def _ends_with_colon(lines: list[str]) -> bool:
    """Whether the lines joined (`join_lines`) end with a colon: their last line with text does."""
    for line in reversed(lines):
        t = line.rstrip()
        if t:
            return t.endswith(":")
    return False


def _finish(d: Draft) -> bool:
    """Join the text, take out markings and notes for post; False when nothing is left."""
    if any(ln.startswith("\n") for ln in d.lines):
        text = "\n".join(join_lines(p.split("\n")) for p in _qa_parts(d.lines))
    else:
        text = join_lines([ln for part in d.lines for ln in part.split("\n")])
    marking, text = mk.strip_marking(text)
    d.state_marking = d.marking
    if marking is not None:
        d.own_marking = True
        d.marking = mk.resolve(marking, d.block.marking or d.block.para.marking)
    fp = mk.FOR_PREFIX.match(text)
    if fp:
        d.audience = aud.normalise(fp["aud"]) or d.audience
    if mk.CONTINGENCY_ITEM.match(text):
        d.kind = ItemKind.CONTINGENCY
    notes: list[str] = []
    for rx, opening in ((_NOTE, "["), (_POST_NOTE, "(")):
        if opening in text:
            for m in rx.finditer(text):
                notes.append(m["note"].strip())
            text = rx.sub("", text)
    text = _without_trailing_marking(text)
    if "  " in text:
        text = _SPACE_RUN.sub(" ", text)
    text = text.strip()
    data = [join_lines(s) for s in d.data]
    if data:
        text = text + "\n" + "\n".join(f"- {s}" for s in data if s)
    d.text = text.strip()
    d.post_note = " ".join(notes)
    return bool(_ALNUM.search(d.text))


def _without_trailing_marking(text: str) -> str:
    """`text` without a portion marking at its end (``... the points. (S//REL)``)."""
    return _TRAILING_MARKING.sub("", text) if ")" in text else text


def _qa_parts(lines: list[str]) -> list[str]:
    parts: list[list[str]] = [[]]
    for ln in lines:
        if ln.startswith("\n"):
            parts.append([ln.lstrip("\n")])
        else:
            parts[-1].append(ln)
    return ["\n".join(p) for p in parts if p]
