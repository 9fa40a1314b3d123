"""The body of a cable cut into numbered paragraphs and point blocks.

One pass over the lines. A paragraph starts at ``N.`` (its marking right
after the number). A block opens at a begin marker, at a heading that names
points, at a paragraph led by ``... points``, at a prose line ending in
``the following points:``, at a contingency heading or at a ``Q:``; it closes
at its end marker, or (when it has none) at the next paragraph or heading.
Inside a block opened by a marker, ``N.`` starts a new paragraph only when it
is the next number or carries a marking, so numbered lists inside a
non-paper stay inside it. Everything outside blocks is prose for the brief.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..classification import Marking
from ..model import ItemKind
from . import markers as mk
from .header import PARAGRAPH_START, classification_match
from .text import is_page_break

_DASHES = re.compile(r"^[ ]*[-=_*]{4,}[ ]*$")
_HEADING = "\x00H"


@dataclass
class Paragraph:
    """A numbered paragraph (`printed` None for text before the first number)."""

    printed: int | None
    marking: Marking | None = None
    heading: str = ""
    prose: list[str] = field(default_factory=list)
    number: str = ""
    """The number the cable's own text cites (see `assign_numbers`)."""


@dataclass
class Block:
    """Lines holding items, with what their opening told about them."""

    para: Paragraph
    kind: ItemKind = ItemKind.TALKING_POINT
    explicit: bool = False
    scope: str = "paragraph"
    """``marker`` (until its end marker), ``heading`` (until the next heading) or ``paragraph``."""
    audience: str = ""
    marking: Marking | None = None
    section: str = ""
    lines: list[str] = field(default_factory=list)
    leave_behind: bool = False
    """Opened as ``talking points/non-paper``: the points double as the leave-behind."""
    header: str = ""
    header_open: bool = False
    closed: bool = False


@dataclass
class Body:
    paragraphs: list[Paragraph]
    blocks: list[Block]


def _mark_headings(lines: list[str]) -> list[str]:
    """Headings boxed or underlined with dashes become sentinel lines; the dashes go."""
    out = list(lines)
    for k, line in enumerate(lines):
        if not _DASHES.match(line):
            continue
        out[k] = ""
        prev = lines[k - 1].strip() if k else ""
        if prev and not _DASHES.match(lines[k - 1]) and len(prev) <= 80 and not PARAGRAPH_START.match(lines[k - 1]):
            if k < 2 or not lines[k - 2].strip() or _DASHES.match(lines[k - 2]) or out[k - 2] == "":
                out[k - 1] = _HEADING + prev
    return out


class _Reader:
    def __init__(self, classification: Marking) -> None:
        self.paras: list[Paragraph] = [Paragraph(None)]
        self.blocks: list[Block] = []
        self.open: Block | None = None
        self.heading = ""
        self.pending_heading_block: Block | None = None
        self.last_printed = 0
        self.prev_blank = True
        self.classification = classification

    @property
    def para(self) -> Paragraph:
        return self.paras[-1]

    def close(self) -> None:
        if self.open is not None:
            self.open.closed = True
            self.open = None

    def start_block(self, **kw: object) -> Block:
        self.close()
        b = Block(para=self.para, **kw)  # type: ignore[arg-type]
        self.blocks.append(b)
        self.open = b
        return b

    # -- lines ------------------------------------------------------------

    def feed(self, line: str) -> None:
        if line.startswith(_HEADING):
            self.on_heading(line[len(_HEADING):])
            self.prev_blank = True
            return
        if classification_match(line) or is_page_break(line):
            return
        m = PARAGRAPH_START.match(line)
        if m and self.para_break_ok(int(m["num"]), line[m.end():]):
            self.new_paragraph(int(m["num"]), line[m.end():])
            self.prev_blank = False
            return
        self.on_line(line, lead=False)
        self.prev_blank = not line.strip()

    def para_break_ok(self, num: int, rest: str) -> bool:
        if self.open is None or not self.open.explicit:
            return True
        marking, _ = mk.strip_marking(rest)
        return num == self.last_printed + 1 or marking is not None

    def new_paragraph(self, num: int, rest: str) -> None:
        if self.open is not None and self.open.scope != "heading":
            self.close()
        marking, rest = mk.strip_marking(rest)
        p = Paragraph(num, marking=marking, heading=self.heading)
        self.heading = ""
        self.paras.append(p)
        self.last_printed = num
        if self.open is not None and self.open.scope == "heading" and not any(x.strip() for x in self.open.lines):
            self.open.para = p
            self.open.marking = marking
        self.on_line(rest, lead=True)

    def on_heading(self, text: str) -> None:
        self.close()
        self.heading = text
        if mk.names_points(text) or mk.NON_PAPER.search(text):
            kind = ItemKind.CONTINGENCY if mk.CONTINGENCY.search(text) else ItemKind.TALKING_POINT
            if mk.NON_PAPER.search(text) and not mk.POINTS_WORD.search(text):
                kind = ItemKind.NON_PAPER
            self.start_block(kind=kind, scope="heading", audience=mk.audience_of(text))

    def on_line(self, line: str, lead: bool) -> None:
        b = self.open
        if b is not None and b.header_open:
            if line.strip() and not re.match(r"[ ]*[-*\u2022]", line):
                b.header += " " + line.strip()
                if re.search(r"[:.][)\"]?[ ]*$", line):
                    b.header_open = False
                return
            b.header_open = False
        if b is not None:
            if b.scope == "marker" and b.kind is not None and mk.UNQUOTE.match(line) and b.header == "QUOTE":
                self.close()
                return
            end = mk.find_end(line)
            if end is not None:
                before = line[: end.start()]
                if before.strip():
                    b.lines.append(before)
                self.close()
                return
            begin = mk.find_begin(line)
            if begin is not None and not b.explicit and not any(x.strip() for x in b.lines):
                # ``Background Points:`` heading, then ``Begin talking points:``
                self.open = None
                self.blocks.remove(b)
                self.open_marker(line, begin, audience=b.audience)
                return
            b.lines.append(line)
            return
        begin = mk.find_begin(line)
        if begin is not None:
            self.open_marker(line, begin)
            return
        if mk.QUOTE.match(line):
            kind = ItemKind.NON_PAPER if any(mk.NON_PAPER.search(x) for x in self.para.prose[-3:]) else ItemKind.TALKING_POINT
            self.start_block(kind=kind, explicit=True, scope="marker", header="QUOTE", marking=self.para.marking)
            return
        text = line.strip()
        bare_marking, bare = mk.strip_marking(text)
        if lead and bare and len(bare) <= 110 and not bare.endswith(".") and mk.POINTS_LEAD.match(bare) and mk.names_points(bare):
            pre = mk.POINTS_LEAD.match(bare)["pre"].strip()  # type: ignore[index]
            audience = pre if pre.lower() not in mk.GENERIC_PRE and pre[:1].isupper() else ""
            kind = ItemKind.CONTINGENCY if mk.CONTINGENCY.search(bare) else ItemKind.TALKING_POINT
            self.start_block(kind=kind, scope="paragraph", section=bare.rstrip(": "), audience=audience,
                             marking=bare_marking or self.para.marking)
            return
        if bare and (lead or self.prev_blank) and len(bare) <= 100 and mk.CONTINGENCY.search(bare) and not bare.endswith("."):
            b = self.start_block(kind=ItemKind.CONTINGENCY, scope="paragraph", marking=self.para.marking)
            b.lines.append(line)
            return
        if mk.QUESTION.match(line) and self.prev_blank:
            b = self.start_block(kind=ItemKind.CONTINGENCY, scope="paragraph", marking=self.para.marking)
            b.lines.append(line)
            return
        self.para.prose.append(line)
        if mk.POINTS_LEAD_IN.search(text):
            self.start_block(kind=ItemKind.TALKING_POINT, scope="paragraph", marking=self.para.marking,
                             audience=mk.audience_of(text[mk.POINTS_LEAD_IN.search(text).start():]))  # type: ignore[union-attr]

    def open_marker(self, line: str, begin: re.Match[str], keep_section: str = "", audience: str = "") -> None:
        before = line[: begin.start()]
        marking, before = mk.strip_marking(before)
        if before.strip():
            self.para.prose.append(before)
        what, rest = begin["what"], begin["rest"]
        kind = ItemKind.TALKING_POINT
        if mk.NON_PAPER.search(what) and not mk.POINTS_WORD.search(what):
            kind = ItemKind.NON_PAPER
        elif mk.CONTINGENCY.search(what):
            kind = ItemKind.CONTINGENCY
        header = what + rest
        lb = bool(re.match(r"[ ]*/[ ]*non-?paper", rest, re.I))
        b = self.start_block(kind=kind, explicit=True, scope="marker", marking=marking or self.para.marking,
                             section=keep_section, audience=audience, leave_behind=lb, header=header)
        # The rest of the marker line: a wrapped audience, or the first words of content.
        tail = re.sub(r"^[ ]*/[ ]*non-?paper", "", rest, flags=re.I)
        m = re.match(r"^(?P<h>[^:]*?)[ ]*(?::|\.\)?|\))[ ]*(?P<t>.*)$", tail)
        if m:
            b.header = what + m["h"]
            if m["t"].strip():
                b.lines.append(m["t"])
        elif tail.strip():
            b.header_open = True
        if not b.header_open:
            self.finish_header(b)

    def finish_header(self, b: Block) -> None:
        if not b.audience:
            b.audience = mk.audience_of(re.sub(r"^\S+(?:[ ]+points)?", "", b.header, flags=re.I))


def read_body(lines: list[str], classification: Marking) -> Body:
    r = _Reader(classification)
    for line in _mark_headings(lines):
        r.feed(line)
        b = r.open
        if b is not None and not b.header_open and b.header and b.explicit and not b.audience and b.header != "QUOTE":
            r.finish_header(b)
    r.close()
    paras = [p for p in r.paras if p.printed is not None or any(x.strip() for x in p.prose)]
    blocks = [b for b in r.blocks if b.lines or b.explicit]
    return Body(paras, blocks)


def assign_numbers(paras: list[Paragraph]) -> str:
    """Give each paragraph the number the cable's text cites; a warning when the copy's numbers are broken.

    Scraped copies number paragraphs wrongly (STATE 97951: 1, 2, 3, 4, 15,
    16, 17, 18, 19, 10 where the text cites "para 8" and "para 9"). When the
    printed numbers are not consecutive but the first is 1 and the last equals
    the count, the positions are the real numbers.
    """
    numbered = [p for p in paras if p.printed is not None]
    printed = [p.printed for p in numbered]
    for p in numbered:
        p.number = str(p.printed)
    if not numbered or printed == list(range(printed[0], printed[0] + len(printed))):
        return ""
    shown = ", ".join(str(n) for n in printed)
    if printed[0] == 1 and printed[-1] == len(printed):
        for pos, p in enumerate(numbered, 1):
            p.number = str(pos)
        return f"paragraph numbers in this copy are out of sequence ({shown}); using their positions 1-{len(printed)}"
    return f"paragraph numbers are not consecutive ({shown}); kept as printed"
