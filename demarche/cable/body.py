"""The body of a cable cut into numbered paragraphs and blocks.

One pass over the lines, after a first pass that pairs begin and end
markers (so a block knows whether its end marker is coming, and markers
nested inside a block, ``BEGIN TEXT BOX`` or ``(Begin releasable text.)``,
stay inside it).

A paragraph starts at ``N.`` with its marking right after the number,
unless the number continues the sentence before it (``... see paragraph`` /
``5. ...``), or the cable marks its paragraphs and this number has no
marking (the numbered clauses of a quoted note), or the number falls inside
a block whose end marker is still to come (a resolution's operative
paragraphs).

A block opens at a begin marker, at a heading (dashed, or a paragraph lead)
that names points or a non-paper, at a sentence leading in to points (``Post
should draw from the following points:``), at a contingency heading or at a
``Q:``. It closes at its end marker; without one, at the next paragraph or
heading once it holds something (a heading or marker with nothing under it
takes the next paragraph as its own). Blocks that quote a document
(``Begin text of resolution:``) are `reference` blocks: read, kept for the
brief, never items. Everything outside blocks is prose for the brief.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import audience as aud
from ..classification import Marking
from . import markers as mk
from .header import PARAGRAPH_START, classification_match
from .inline import REFLOWED, split_reflowed
from .text import ends_sentence, is_page_break
from .worded import WordedPattern

_DASHES = re.compile(r"^[ ]*[-=_*]{4,}(?:[ ]+[-=_*]{2,})*[ ]*$")
_COLLAPSED = re.compile(
    r"^[ ]*(?:(?P<num>\d{1,2})\.[ ]*)?[-=]{3,}[ ]*(?P<title>\S.*?)[ ]*[-=]{3,}[ ]*$"
)
HEADING = "\x00H"
"""Prefix of a line that is a heading (boxed or underlined with dashes in the cable)."""
NESTED_BEGIN = "\x00B"
NESTED_END = "\x00E"
"""Lines standing for a marker nested inside a block (its content stays in the block)."""
_BULLET_LINE = re.compile(r"^[ ]*(?:-{1,4}|\*|\u2022)[ ]*[A-Za-z0-9(\"']")
_GLUED_NUMBER = re.compile(r"^[ ]*\d{1,3}\.(?=[A-Z])")
_DISPLACED = re.compile(r"\b(?:para(?:graph)?s?\.?|and|or|through|to|in|see|of)[ ]*$", re.I)


def _displaced(line: str) -> bool:
    """Whether `line` ends on a word after which a paragraph number continues the sentence (``see paragraph``)."""
    # The words are at most 11 characters and only spaces follow them: only the line's end is searched
    # (`\b` still sees the character before the start).
    end = len(line.rstrip(" \n"))
    return _DISPLACED.search(line, max(0, end - 11)) is not None


@dataclass
class Paragraph:
    """A numbered paragraph (`printed` None for text before the first number)."""

    printed: int | None
    marking: Marking | None = None
    heading: str = ""
    prose: list[str] = field(default_factory=list)
    number: str = ""
    """The number the cable's own text cites (see `assign_numbers`)."""
    read: tuple[list[str], int, str, list[str] | None] | None = field(
        default=None, init=False, repr=False, compare=False
    )
    """What `brief.para_text` and `brief.prose_sentences` read from `prose` (its list and length then):
    the readers after the body ask for them many times, and `prose` only grows or is replaced."""


@dataclass
class Block:
    """Lines holding items (or a quoted document), with what their opening told about them."""

    para: Paragraph
    nature: str = "points"
    """``points``, ``non_paper``, ``contingency``, ``reference`` or ``text`` (decided by its content)."""
    opener: str = "marker"
    """``marker``, ``heading``, ``lead``, ``intro``, ``quote``, ``contingency`` or ``question``."""
    header: str = ""
    """The marker's phrase or the heading that opened it."""
    audience: str = ""
    marking: Marking | None = None
    section: str = ""
    lines: list[str] = field(default_factory=list)
    leave_behind: bool | None = None
    """What the opening says about leaving the items in writing (``talking points/non-paper``)."""
    matched: bool = False
    """Its end marker is coming (numbers and headings before it stay inside)."""
    end_at: int = -1
    header_open: bool = False
    closed: bool = False
    intro: str = ""
    """The sentence that led in to the block (for its audience and leave-behind)."""
    own_marking: bool = False
    """The marking came with the marker or heading, not from the paragraph."""

    @property
    def explicit(self) -> bool:
        return self.opener in ("marker", "quote")

    @property
    def empty(self) -> bool:
        return not any(x.strip() for x in self.lines)

    @property
    def is_reference(self) -> bool:
        return self.nature == "reference"


@dataclass
class Body:
    paragraphs: list[Paragraph]
    blocks: list[Block]
    reflowed: bool = False
    """One paragraph per line (archive re-flow): a line that ends a sentence ends its paragraph."""


def prepare_lines(lines: list[str]) -> tuple[list[str], bool]:
    """Re-flowed lines cut back into lines, dashed headings turned into `HEADING` lines; and whether the text was re-flowed."""
    cut: list[str] = []
    long = 0
    pieces: dict[str, list[str]] = {}  # a line met again (a repeated point) is cut once
    for line in _rejoin_markings(lines):
        if len(line) > REFLOWED:
            long += 1
        got = pieces.get(line)
        if got is None:
            got = pieces[line] = split_reflowed(line)
        cut.extend(got)
    return _mark_headings(cut), long >= 3


_OPEN_MARKING = re.compile(
    r"^[ ]{0,3}(?:\d{1,3}\.[ ]*)?\((?:U|C|S|TS|SBU|SECRET|CONFIDENTIAL|UNCLASSIFIED)\b[^()]*$", re.I
)


_WRAPPED_MARKER = WordedPattern(r"\b(?:begin|end)\b(?:[ ]+\S+){0,3}[ ]*$", ("begin", "end"))


def _wrapped_marker(line: str, nxt: str) -> bool:
    """``... BEGIN U.S.`` / ``DEMARCHE TO ...:``: a marker whose naming word went to the next line."""
    if not nxt.strip() or not _WRAPPED_MARKER.search(line) or len(line) > REFLOWED:
        return False
    joined = line.rstrip() + " " + nxt.strip()
    return (mk.read_begin(line) is None and mk.read_begin(joined) is not None) or (
        mk.find_end(line) is None and mk.find_end(joined) is not None
    )


def _rejoin_markings(lines: list[str]) -> list[str]:
    """A marking or marker wrapped over two lines (``4. (S/REL FRANCE, BRITAIN,`` / ``JORDAN, AND QATAR) ...``) put back on one."""
    out: list[str] = []
    k = 0
    while k < len(lines):
        line = lines[k]
        if k + 1 < len(lines) and (
            (_OPEN_MARKING.match(line) and ")" in lines[k + 1][:80])
            or _wrapped_marker(line, lines[k + 1])
        ):
            out.append(line.rstrip() + " " + lines[k + 1].strip())
            out.append("")  # keep the line count: markers were paired by line
            k += 2
            continue
        out.append(line)
        k += 1
    return out


def _mark_headings(lines: list[str]) -> list[str]:
    """Headings boxed or underlined with dashes become `HEADING` lines; the dashes go.

    ``---- OBJECTIVES ----`` on one line (a re-flowed box) is a heading too;
    a number before it (``6. ---- OBJECTIVES ----``) belongs to the sentence
    before, which it ends. A numbered paragraph whose first line is
    underlined keeps its number and marking, and the heading follows them.
    """
    out: list[list[str]] = [[ln] for ln in lines]
    for k, line in enumerate(lines):
        cm = _COLLAPSED.match(line)
        if cm and not _DASHES.match(line):
            out[k] = [HEADING + cm["title"]]
            if cm["num"]:
                j = k - 1
                while j >= 0 and not "".join(out[j]).strip():
                    j -= 1
                if j >= 0 and len(out[j]) == 1 and not out[j][0].startswith(HEADING):
                    out[j] = [out[j][0].rstrip() + " " + cm["num"] + "."]
            continue
        if not _DASHES.match(line):
            continue
        out[k] = [""]
        prev = lines[k - 1].strip() if k else ""
        if (
            not prev
            or _DASHES.match(lines[k - 1])
            or len(prev) > 100
            or out[k - 1][-1].startswith(HEADING)
        ):
            continue
        pm = PARAGRAPH_START.match(lines[k - 1])
        if pm:
            rest = mk.strip_marking(lines[k - 1][pm.end() :])[1]
            if rest.strip() and not ends_sentence(rest):
                out[k - 1] = [
                    lines[k - 1][: len(lines[k - 1]) - len(rest)].rstrip(),
                    HEADING + rest.strip(),
                ]
            continue
        alone = (
            k < 2 or not lines[k - 2].strip() or _DASHES.match(lines[k - 2]) or out[k - 2] == [""]
        )
        if alone or (len(prev) <= 60 and not prev.endswith((".", ",", ";"))):
            out[k - 1] = [HEADING + prev]
    return [ln for group in out for ln in group]


def _pair_markers(lines: list[str]) -> tuple[dict[int, int], dict[int, int]]:
    """Begin line -> its end line, and end line -> its begin line, nesting respected."""
    stack: list[tuple[int, str]] = []
    end_of: dict[int, int] = {}
    begin_of: dict[int, int] = {}
    for i, raw in enumerate(lines):
        line = raw[len(HEADING) :] if raw.startswith(HEADING) else raw
        if not line.strip():
            continue
        marker = mk.may_hold_marker(line)
        b = mk.read_begin(line) if marker else None
        e = mk.find_end(line) if marker else None
        if mk.QUOTE.match(line):
            stack.append((i, "quote"))
            continue
        if mk.UNQUOTE.match(line):
            for k in range(len(stack) - 1, -1, -1):
                if stack[k][1] == "quote":
                    end_of[stack[k][0]] = i
                    begin_of[i] = stack[k][0]
                    del stack[k:]
                    break
            continue
        if e is not None and (b is None or e.start() < b.start):
            phrase = mk.end_phrase(e)
            for k in range(len(stack) - 1, -1, -1):
                if stack[k][1] != "quote" and mk.compatible(stack[k][1], phrase):
                    end_of[stack[k][0]] = i
                    begin_of[i] = stack[k][0]
                    del stack[k:]
                    break
            if b is None or b.start < e.start():
                continue
        if b is not None:
            stack.append((i, b.phrase))
            if e is not None and e.start() > b.start:
                # ``Begin text of points: ... End text of points.`` on one line.
                end_of[i] = i
                begin_of[i] = i
                stack.pop()
    return end_of, begin_of


def _block_audience(text: str, strict: bool = True) -> str:
    """The audience a marker phrase or heading names (``for Russia``, ``TO THE PEOPLE'S REPUBLIC OF CHINA``)."""
    for m in re.finditer(r"\b(?P<w>for|to)[ ]+(?P<aud>[^:;]+)", text, re.I):
        cand = m["aud"].strip(" ,.-")
        first = cand.split()[0].lower().strip("(") if cand.split() else ""
        if not cand or first in mk.NOT_AUDIENCES:
            continue
        n = aud.normalise(cand)
        if not n and re.match(r"(?i)all\b", cand):
            return ""
        if not n:
            continue
        named = [x for x in re.split(r",| EXCEPT ", n) if x.strip()]
        known = all(
            x.strip() in aud.COUNTRIES or x.strip() in aud.GROUPS or x.strip() == "PRESS"
            for x in named
        )
        if known or (not strict and m["w"].lower() == "for" and len(cand.split()) <= 6):
            return n
    return ""


class _Reader:
    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.end_of, self.begin_of = _pair_markers(lines)
        self.paras: list[Paragraph] = [Paragraph(None)]
        self.blocks: list[Block] = []
        self.open: Block | None = None
        self.heading = ""
        self.last_printed = 0
        self.marked_paras = 0
        self.unmarked_paras = 0
        self.prev_blank = True
        self.prev_text = ""
        self.tail = ""
        """The last few hundred characters of the current paragraph's prose (for lead-ins)."""
        self.i = 0
        self.nested_end = -1

    def _in_list(self) -> bool:
        """The paragraph so far holds bullets (a marker here opens text that belongs to the list)."""
        return any(_BULLET_LINE.match(x) for x in self.para.prose[-40:])

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

    def feed(self, i: int, line: str) -> None:
        self.i = i
        if not line.strip():
            self.on_blank(line)
            self.prev_blank = True
            return
        if line.startswith(HEADING):
            self.on_heading(line[len(HEADING) :])
            self.prev_blank = True
            return
        if classification_match(line) or is_page_break(line):
            return
        m = PARAGRAPH_START.match(line)
        marked = mk.strip_marking(line[m.end() :]) if m else None
        if m and marked is not None and self.para_break_ok(int(m["num"]), marked[0]):
            self.new_paragraph(int(m["num"]), *marked)
        else:
            glued = _GLUED_NUMBER.match(line)
            if glued:
                line = (
                    line[: glued.end()] + " " + line[glued.end() :]
                )  # ``paragraph`` / ``5.The ...``: keep the sentences apart
            self.on_line(line, lead=False)
        if line.strip():
            self.prev_text = line
        self.prev_blank = not line.strip()

    def on_blank(self, line: str) -> None:
        """A blank line: what `on_line` does with one (blank lines are half of a cable), without its tests."""
        b = self.open
        if b is None:
            self.para.prose.append(line)
            self.tail = (self.tail + " ")[-400:]
        elif b.header_open:
            self.on_line(line, lead=False)
        else:
            b.lines.append(line)

    def para_break_ok(self, num: int, marking: Marking | None) -> bool:
        b = self.open
        if b is not None and b.matched and not b.closed and self.i < b.end_at:
            return False  # inside a block whose end marker is still to come
        if (
            self.prev_text
            and _displaced(self.prev_text)
            and not ends_sentence(self.prev_text)
            and num != self.last_printed + 1
        ):
            return False  # ``... see paragraph`` / ``5.``: the number ends the sentence
        if marking is None and self.marked_paras >= 2 and self.unmarked_paras == 0:
            return False  # the cable marks its paragraphs: an unmarked number is a clause of a quoted text
        if b is not None and b.is_reference and not b.closed and num != self.last_printed + 1:
            return False
        return True

    def new_paragraph(self, num: int, marking: Marking | None, rest: str) -> None:
        """Paragraph `num` starts; `marking` and `rest` are the line after the number (`markers.strip_marking`)."""
        p = Paragraph(num, marking=marking, heading=self.heading)
        self.heading = ""
        self.paras.append(p)
        self.last_printed = num
        if marking is not None:
            self.marked_paras += 1
        elif num > 1:
            self.unmarked_paras += 1
        self.tail = ""
        b = self.open
        if b is not None:
            if b.empty and b.opener in ("heading", "marker") and not b.header_open:
                b.para = p  # a heading or marker with nothing under it takes this paragraph
                if marking is not None and not b.own_marking:
                    b.marking = marking
            else:
                self.close()
        self.on_line(rest, lead=True)

    def on_heading(self, text: str) -> None:
        b = self.open
        if b is not None and b.matched and not b.closed and self.i < b.end_at:
            b.lines.append(HEADING + text)  # a heading inside a block whose end is still to come
            return
        begin = mk.read_begin(text)
        if begin is not None and begin.start == 0:
            self.close()
            self.open_marker(text, begin)
            return
        if mk.find_end(text) is not None:
            self.close()  # ``---- END TALKING POINTS ----``: an end marker written as a heading
            return
        if (
            b is not None
            and b.opener in ("heading", "marker")
            and b.empty
            and mk.find_end(text) is None
        ):
            self.blocks.remove(b)
            self.open = None
        self.close()
        if (
            self.para.printed is not None
            and not any(x.strip() for x in self.para.prose)
            and not self.para.heading
            and self.paras[-1] is self.para
            and self.prev_text
            and PARAGRAPH_START.match(self.prev_text)
        ):
            self.para.heading = (
                text  # ``2. (SBU) "GAS AND GO" NON-PAPER`` underlined: this paragraph's heading
            )
        else:
            self.heading = text
        if mk.names_document(text) and not mk.NON_PAPER.search(text):
            return
        if mk.names_points(text) or mk.NON_PAPER.search(text):
            nature = "points"
            if mk.CONTINGENCY.search(text):
                nature = "contingency"
            elif mk.NON_PAPER.search(text) and not mk.POINTS_WORD.search(text):
                nature = "non_paper"
            b = self.start_block(
                nature=nature,
                opener="heading",
                header=text,
                audience=_block_audience(text, strict=False),
                marking=self.para.marking if self.para.heading == text else None,
            )

    def on_line(self, line: str, lead: bool) -> None:
        b = self.open
        if b is not None and b.header_open:
            if line.strip() and not re.match(r"[ ]*[-*\u2022]", line):
                b.header += " " + line.strip()
                if re.search(r"[:.][)\"]?[ ]*$", line) or ":" in line:
                    head, _, after = b.header.partition(":")
                    b.header = head
                    b.header_open = False
                    self.finish_header(b)
                    if after.strip():
                        b.lines.append(after)
                return
            b.header_open = False
            self.finish_header(b)
        i = self.i
        marker = mk.may_hold_marker(line)
        if b is not None:
            if i in self.begin_of:
                end = mk.find_end(line) if marker else None
                before = line[: end.start()] if end is not None else ""
                if before.strip():
                    b.lines.append(before)
                if b.end_at == i:
                    self.close()
                elif b.matched and i < b.end_at:
                    b.lines.append(NESTED_END)
                else:
                    self.close()
                return
            if mk.UNQUOTE.match(line) and b.opener == "quote":
                self.close()
                return
            end = mk.find_end(line) if marker else None
            if end is not None and not b.matched:
                before = line[: end.start()]
                if before.strip():
                    b.lines.append(before)
                self.close()
                return
            if end is not None and not line[: end.start()].strip():
                return  # an end marker that closes nothing
            begin = mk.read_begin(line) if marker else None
            if begin is not None:
                if b.matched and i < b.end_at:
                    if line[: begin.start].strip():
                        b.lines.append(line[: begin.start])
                    b.lines.append(NESTED_BEGIN)
                    if begin.rest.strip():
                        b.lines.append(begin.rest)
                    return
                if b.empty:
                    # ``Background Points:`` heading, then ``Begin talking points:``
                    self.blocks.remove(b)
                    self.open = None
                    self.open_marker(line, begin, audience=b.audience)
                    return
                self.close()
                self.open_marker(line, begin)
                return
            b.lines.append(line)
            return
        begin = mk.read_begin(line) if marker else None
        if begin is not None and begin.nature == "text" and i in self.end_of and self._in_list():
            # ``-- Share the following text verbatim:`` / ``(Begin releasable text.)``: the text is part of the list
            self.para.prose.append(NESTED_BEGIN)
            self.nested_end = self.end_of[i]
            if begin.rest.strip():
                self.para.prose.append(begin.rest)
            return
        if i == self.nested_end:
            end = mk.find_end(line) if marker else None
            if end is not None and line[: end.start()].strip():
                self.para.prose.append(line[: end.start()])
            self.para.prose.append(NESTED_END)
            return
        if begin is not None:
            self.open_marker(line, begin)
            return
        if mk.QUOTE.match(line) and i in self.end_of:
            self.start_block(
                nature="text",
                opener="quote",
                header="QUOTE",
                marking=self.para.marking,
                matched=True,
                end_at=self.end_of[i],
            )
            return
        end = mk.find_end(line) if marker else None
        if (
            i in self.begin_of
            or mk.UNQUOTE.match(line)
            or (end is not None and not line[: end.start()].strip())
        ):
            return  # an end marker with nothing open
        text = line.strip()
        bare_marking, bare = mk.strip_marking(text)
        if (
            lead
            and bare
            and len(bare) <= 110
            and not bare.endswith(".")
            and (points_lead := mk.POINTS_LEAD.match(bare))
            and mk.names_points(bare)
        ):
            pre = points_lead["pre"].strip()
            audience = (
                aud.normalise(pre)
                if pre.lower() not in mk.GENERIC_PRE and pre[:1].isupper()
                else ""
            )
            nature = "contingency" if mk.CONTINGENCY.search(bare) else "points"
            self.start_block(
                nature=nature,
                opener="lead",
                section=bare.rstrip(": "),
                audience=audience,
                marking=bare_marking or self.para.marking,
                header=bare,
            )
            return
        if (
            bare
            and (lead or self.prev_blank)
            and len(bare) <= 100
            and not bare.endswith(".")
            and mk.CONTINGENCY.search(bare)
        ):
            b = self.start_block(
                nature="contingency",
                opener="contingency",
                marking=bare_marking or self.para.marking,
                header=bare,
                audience=aud.normalise(bare)
                if re.search(r"(?i)\bpress\b|\bpublic\b|\bmedia\b", bare)
                else "",
            )
            b.lines.append(line)
            return
        if mk.QUESTION.match(line) and self.prev_blank:
            b = self.start_block(nature="contingency", opener="question", marking=self.para.marking)
            b.lines.append(line)
            return
        self.para.prose.append(line)
        self.tail = (self.tail + " " + text)[-400:]
        if text.endswith((":", ".")) and mk.POINTS_LEAD_IN.search(self._last_sentences()):
            intro = self._last_sentences()
            self.start_block(
                nature="points",
                opener="intro",
                marking=self.para.marking,
                intro=intro,
                audience=_intro_audience(intro, self.para.marking),
            )

    def _last_sentences(self) -> str:
        """The last two sentences of the paragraph so far: a lead-in may take two
        (``... the following talking points to FM X. The points should be delivered verbally:``)."""
        t = self.tail.strip()
        end = len(t) - 1
        for _ in range(2):
            cut = max(t.rfind(". ", 0, end), t.rfind(": ", 0, end), t.rfind("? ", 0, end))
            if cut < 0:
                return t
            end = cut
        return t[end + 2 :]

    def open_marker(self, line: str, begin: mk.Begin, audience: str = "") -> None:
        before = line[: begin.start]
        marking, before = mk.strip_marking(before)
        if before.strip():
            self.para.prose.append(before)
            self.tail = (self.tail + " " + before.strip())[-400:]
        intro = self._last_sentences() if before.strip() else ""
        end_at = self.end_of.get(self.i, -1)
        own = begin.marking or marking
        b = self.start_block(
            nature=begin.nature,
            opener="marker",
            marking=own or self.para.marking,
            own_marking=own is not None,
            audience=audience,
            leave_behind=True if begin.leave_behind else None,
            header=begin.phrase,
            matched=end_at >= 0,
            end_at=end_at,
            intro=intro,
        )
        if begin.ended_by == "open" or (begin.ended_by == "" and self._colon_ahead()):
            b.header_open = True
            return
        rest = re.sub(r"^[ ]*/[ ]*non-?paper", "", begin.rest, flags=re.I)
        if end_at == self.i:
            end = mk.find_end(rest)
            if end is not None:
                rest = rest[: end.start()]
            if rest.strip():
                b.lines.append(rest)
            self.finish_header(b)
            self.close()
            return
        if rest.strip():
            b.lines.append(rest)
        self.finish_header(b)

    def _colon_ahead(self) -> bool:
        """A marker phrase wrapped onto the next lines: a line ending in a colon comes before any blank line or bullet."""
        for nxt in self.lines[self.i + 1 : self.i + 5]:
            s = nxt.strip()
            if (
                not s
                or nxt.startswith(HEADING)
                or _BULLET_LINE.match(nxt)
                or PARAGRAPH_START.match(nxt)
            ):
                return False
            if s.endswith(":"):
                return True
        return False

    def finish_header(self, b: Block) -> None:
        if not b.audience:
            b.audience = _block_audience(b.header)


def _intro_audience(intro: str, marking: Marking | None) -> str:
    """Who a lead-in sentence delivers the points to: a country it names, or the one country its paragraph is released to."""
    m = re.search(r"\bpoints[ ]+(?:to|for)[ ]+(?P<who>[^.;:]+)", intro, re.I)
    if not m:
        return ""
    named = _block_audience("for " + m["who"])
    if named:
        return named
    rel = [c for c in (marking.rel_to if marking is not None else ()) if c not in ("USA", "US")]
    if len(rel) == 1:
        return aud.normalise(rel[0])
    return ""


def read_body(lines: list[str]) -> Body:
    """Paragraphs and blocks of the body lines (after the header and without the signature)."""
    prepared, reflowed = prepare_lines(lines)
    r = _Reader(prepared)
    for i, line in enumerate(prepared):
        r.feed(i, line)
    if r.open is not None and r.open.header_open:
        r.finish_header(r.open)
    r.close()
    paras = [p for p in r.paras if p.printed is not None or any(x.strip() for x in p.prose)]
    blocks = [b for b in r.blocks if not b.empty or b.explicit]
    for b in blocks:
        if b.nature == "text":
            bullets = sum(1 for ln in b.lines if _BULLET_LINE.match(ln))
            b.nature = "points" if bullets >= 2 else "reference"
    return Body(paras, blocks, reflowed)


def assign_numbers(paras: list[Paragraph]) -> str:
    """Give each paragraph the number the cable's text cites; a warning when the copy's numbers are broken.

    Scraped copies number paragraphs wrongly (STATE 97951: 1, 2, 3, 4, 15,
    16, 17, 18, 19, 10 where the text cites "para 8" and "para 9"). When the
    printed numbers are not consecutive but the first is 1 and the last equals
    the count, the positions are the real numbers.
    """
    numbered = [p for p in paras if p.printed is not None]
    printed = [p.printed for p in paras if p.printed is not None]
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
