"""The meeting card as one printed page (PDF), readable at arm's length.

It renders the same `Card` as the text card (`meeting_card.card_model`):
the marking at top and bottom of the page, the interlocutor and time, the
action request on one line, the points in order by short label with
high-priority marks and the cue beneath each, what to leave behind and the
deadlines. Body text is 11 pt unless the officer asks for less.

One page or nothing: when the card does not fit, `CardTooLong` says how many
lines it needs and what would make it fit (a smaller `--font-size`, or
`--brief`, which leaves out the cues and the meeting's people); a second page
is never added. fpdf2's core font (Helvetica) covers Latin-1 only, so text is
transliterated to it first (Cyrillic to Latin letters, typographic quotes
and dashes to plain ones) and anything left is replaced with ``?``.

fpdf2 is imported here only, so other commands stay fast.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import DemarcheError
from .meeting_card import Card
from .telegram_text import to_ascii

if TYPE_CHECKING:
    from fpdf import FPDF

PAPERS = {"a4": (210.0, 297.0), "letter": (215.9, 279.4)}
DEFAULT_SIZE = 11.0
MIN_SIZE, MAX_SIZE = 6.0, 20.0
MARGIN = 12.0  # mm; most office printers print to 5 mm
LEADING = 1.25
PT = 25.4 / 72  # mm per point
FONT = "Helvetica"


class CardTooLong(DemarcheError):
    """The card does not fit one page with these settings."""


@dataclass
class Line:
    """One printed line: its text, style and indent."""

    text: str
    style: str = ""
    """``""``, ``B`` (bold) or ``I`` (italic)."""
    indent: float = 0.0
    scale: float = 1.0
    bold_prefix: str = ""
    """Printed bold before `text` (the high-priority mark)."""


# Cyrillic to Latin letters (BGN/PCGN, simplified), for names written in Russian.
_CYRILLIC = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюяієїґ",
        "a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch ' y ' e yu ya i ye yi g".split(
            " "
        ),
    )
)


def latin1(text: str) -> str:
    """`text` the core font can print: Cyrillic transliterated, accents kept, ``?`` for the rest."""
    out = []
    for c in text:
        if ord(c) < 256:
            out.append(c)
        elif c.lower() in _CYRILLIC:
            t = _CYRILLIC[c.lower()]
            out.append(t.capitalize() if c.isupper() else t)
        else:
            t = to_ascii(c)
            out.append(t if t else "?")
    return "".join(out)


def card_pdf(
    card: Card, paper: str = "a4", font_size: float = DEFAULT_SIZE, brief: bool = False
) -> bytes:
    """The card as the bytes of a one-page PDF; raises `CardTooLong` when it would need two."""
    if paper not in PAPERS:
        raise DemarcheError(f"unknown paper {paper!r} (expected a4 or letter)")
    if not MIN_SIZE <= font_size <= MAX_SIZE:
        raise DemarcheError(
            f"font size {font_size:g} is out of range ({MIN_SIZE:g} to {MAX_SIZE:g} pt)"
        )
    from fpdf import FPDF  # lazily: only this command pays for fpdf2

    width, height = PAPERS[paper]
    pdf = FPDF(unit="mm", format=(width, height))
    pdf.set_auto_page_break(False)
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_title("Meeting card")
    pdf.set_creator("")
    pdf.set_producer("")

    lines, fits = _fit(pdf, card, font_size, brief, width, height)
    if not fits:
        raise CardTooLong(_advice(pdf, card, font_size, brief, width, height, paper))

    pdf.add_page()
    step = font_size * PT * LEADING
    pdf.set_font(FONT, "B", font_size)
    banner = latin1(card.banner)
    pdf.set_xy(MARGIN, MARGIN)
    pdf.cell(width - 2 * MARGIN, step, banner, align="C")
    y = MARGIN + step * 1.5
    for ln in lines:
        size = font_size * ln.scale
        pdf.set_xy(MARGIN + ln.indent, y)
        if ln.bold_prefix:
            pdf.set_font(FONT, "B", size)
            pdf.cell(pdf.get_string_width(ln.bold_prefix), step * ln.scale, ln.bold_prefix)
        pdf.set_font(FONT, ln.style, size)
        pdf.cell(0, step * ln.scale, ln.text)
        y += step * ln.scale
    pdf.set_font(FONT, "B", font_size)
    pdf.set_xy(MARGIN, height - MARGIN - step)
    pdf.cell(width - 2 * MARGIN, step, banner, align="C")
    return bytes(pdf.output())


def _fit(
    pdf: FPDF, card: Card, size: float, brief: bool, width: float, height: float
) -> tuple[list[Line], bool]:
    """The lines at `size`, and whether they fit between the two banners."""
    lines = _lines(pdf, card, size, brief, width - 2 * MARGIN)
    step = size * PT * LEADING
    room = height - 2 * MARGIN - 3 * step  # both banners and the gaps beside them
    return lines, sum(step * ln.scale for ln in lines) <= room


def _advice(
    pdf: FPDF, card: Card, size: float, brief: bool, width: float, height: float, paper: str
) -> str:
    """Why the card does not fit, and the settings that would make it fit."""
    offers = []
    s = size - 0.5
    while s >= MIN_SIZE:
        if _fit(pdf, card, s, brief, width, height)[1]:
            offers.append(f"--font-size {s:g}")
            break
        s -= 0.5
    if not brief and _fit(pdf, card, size, True, width, height)[1]:
        offers.append("--brief")
    n = len(card.points)
    why = (
        f"the card ({n} point{'s' if n != 1 else ''}) does not fit one {paper} page at {size:g} pt"
    )
    if offers:
        return f"{why}: try {' or '.join(offers)}"
    return f"{why}, not even at {MIN_SIZE:g} pt or --brief: make a card for part of the points (a record leaving some out)"


def _lines(pdf: FPDF, card: Card, size: float, brief: bool, room: float) -> list[Line]:
    """The card's lines, each cut or wrapped to the page width at `size`."""

    def cut(
        text: str, style: str, indent: float = 0.0, prefix: str = "", scale: float = 1.0
    ) -> Line:
        text = latin1(text)
        pdf.set_font(FONT, "B", size * scale)
        avail = room - indent - (pdf.get_string_width(prefix) if prefix else 0.0)
        pdf.set_font(FONT, style, size * scale)
        if pdf.get_string_width(text) > avail:
            words = text.split(" ")
            while len(words) > 1 and pdf.get_string_width(" ".join(words) + " ...") > avail:
                words.pop()
            text = " ".join(words) + " ..."
        return Line(text, style, indent, scale, prefix)

    def wrapped(text: str, style: str, indent: float = 0.0) -> list[Line]:
        pdf.set_font(FONT, style, size)
        out: list[Line] = []
        current = ""
        for word in latin1(text).split():
            trial = f"{current} {word}".strip()
            if current and pdf.get_string_width(trial) > room - indent:
                out.append(Line(current, style, indent))
                current = word
            else:
                current = trial
        if current:
            out.append(Line(current, style, indent))
        return out

    em = size * PT
    lines = [cut(f"Meeting card: {card.title}", "B", scale=1.15)]
    lines.append(cut(f"Meeting: {card.meeting or 'not set'}   Instruction: {card.instruction}", ""))
    if not brief:
        for person in card.interlocutors:
            lines.append(cut(f"With: {person}", ""))
    if card.action:
        lines.append(cut(f"Ask: {card.action}", "B"))
    lines.append(Line("", scale=0.5))
    lines.append(Line("Points", "B"))
    for p in card.points:
        mark = "HIGH " if p.high else ""
        lines.append(cut(p.label, "", prefix=f"{p.number}. {mark}"))
        if p.cue and not brief:
            lines += wrapped(f"cue: {p.cue}", "I", indent=2.5 * em)
    lines.append(Line("", scale=0.5))
    lines += wrapped(f"Leave behind: {card.leave}", "")
    if card.deadlines:
        lines.append(Line("", scale=0.5))
        lines.append(Line("Deadlines", "B"))
        for d in card.deadlines:
            kind = " [not before]" if d.embargo else ""
            when = d.date.isoformat() if d.date else "no date"
            lines.append(cut(f"{when}{d.days}{kind}: {d.what}", ""))
    return lines
