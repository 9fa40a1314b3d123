"""The meeting card: one printable page the officer takes into the meeting.

Items to cover in order with their markings, high-priority marks, personal
cues and notes for post; deadlines; interlocutors. It is internal, so it
carries notes and cues and is marked with its classification banner at top
and bottom (the highest marking of the plan or record).

`card_model` gathers what the card says once, as a `Card`; `meeting_card`
renders it as text or Markdown and `card_pdf` as one printed page, so every
form of the card says the same.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ..model import Item, Plan, Record
from .telegram_text import one_line, to_ascii, wrap

WIDTH = 78


@dataclass
class CardPoint:
    """One item on the card, in meeting order."""

    number: int
    portion: str
    """The item's portion marking, ``(SBU)``."""
    high: bool
    kind: str
    where: str
    """``section / subsection``."""
    text: str
    """The item's words on one line."""
    label: str
    """A short form of the text for the printed card: its first sentence."""
    cue: str = ""
    post_note: str = ""


@dataclass
class CardDeadline:
    """A deadline with how far away it is."""

    date: dt.date | None
    days: str
    """`` (12 days left)``, `` (today)``, `` (3 days overdue)`` or empty."""
    embargo: bool
    what: str


@dataclass
class Card:
    """What the meeting card says, in every form.

    Text is kept as written (on one line); each renderer makes it printable
    its own way (ASCII for the text card, Latin-1 for the PDF's core font).
    """

    banner: str
    title: str
    instruction: str
    """``STATE 97951 of 2009-09-16``."""
    leave_behind_rule: str
    meeting: str | None = None
    """``2009-10-02 10:05, the MFA`` for a record; None for a plan (no meeting yet)."""
    interlocutors: list[str] = field(default_factory=list)
    participants: list[str] = field(default_factory=list)
    action: str = ""
    """The action request's first sentence."""
    leave: str = ""
    """What to leave behind, by point number, or why nothing."""
    deadlines: list[CardDeadline] = field(default_factory=list)
    points: list[CardPoint] = field(default_factory=list)


def _rows(doc: Plan | Record) -> list[tuple[Item, str]]:
    """(item, cue) in meeting order: a record's agenda, else the plan's items."""
    if isinstance(doc, Record):
        return [(e.item, e.cue) for e in doc.agenda]
    return [(i, "") for i in doc.items]


# A sentence ends at . ! ? before a capital, unless the word is an
# abbreviation ("U.S.", "Mr.", "No.").
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\"'])")
_ABBREVIATION = re.compile(r"(?:\b(?:[A-Za-z]\.)+|\b(?:Mr|Mrs|Ms|Dr|No|St|Gen|Amb|Art|Para)\.)$")
# A heading-like lead-in ("Begin action request:", "Action Request:").
_LEAD_IN = re.compile(r"^[^.:;]{0,40}:\s+(?=\S)")


def first_sentence(text: str) -> str:
    """The text's first sentence on one line, without a heading-like lead-in."""
    t = _LEAD_IN.sub("", one_line(text), count=1)
    start = 0
    for m in _SENTENCE_END.finditer(t):
        if not _ABBREVIATION.search(t[start : m.start()]):
            return t[: m.start()]
    return t


def card_model(doc: Plan | Record, today: dt.date | None = None) -> Card:
    """Everything the card says about `doc`, in meeting order."""
    today = today or dt.date.today()
    ins = doc.instruction
    card = Card(
        banner=doc.overall_marking().banner,
        title=doc.title,
        instruction=f"{ins.id}" + (f" of {ins.date.isoformat()}" if ins.date else ""),
        leave_behind_rule=doc.brief.leave_behind.value,
        action=first_sentence(doc.brief.action_request),
    )
    if isinstance(doc, Record):
        m = doc.meeting
        when = m.start.strftime("%Y-%m-%d %H:%M") if m.start else (m.date.isoformat() if m.date else "not set")
        card.meeting = when + (f", {m.place}" if m.place else "")
        card.interlocutors = [p.describe() for p in m.interlocutors]
        card.participants = [p.describe() for p in m.participants]
    for d in sorted(doc.deadlines, key=lambda d: d.date or dt.date.max):
        days = ""
        if d.date:
            left = (d.date - today).days
            days = f" ({left} days left)" if left > 0 else (" (today)" if left == 0 else f" ({-left} days overdue)")
        card.deadlines.append(CardDeadline(d.date, days, d.kind == "embargo", d.what))
    for n, (item, cue) in enumerate(_rows(doc), 1):
        where = " / ".join(x for x in (item.section, item.subsection) if x)
        card.points.append(
            CardPoint(
                number=n,
                portion=item.marking.portion,
                high=item.high,
                kind=item.kind.label,
                where=where,
                text=one_line(item.text),
                label=first_sentence(item.text),
                cue=one_line(cue),
                post_note=one_line(item.post_note),
            )
        )
    card.leave = _what_to_leave(doc, {id(item): n for n, (item, _) in enumerate(_rows(doc), 1)})
    return card


def _what_to_leave(doc: Plan | Record, numbers: dict[int, int]) -> str:
    """The non-paper by card point numbers, from the one rule of what may be handed over."""
    from ..errors import DemarcheError
    from .leave_behind import non_paper_items

    try:
        items = non_paper_items(doc)
    except DemarcheError as e:
        return "nothing: " + one_line(str(e))
    picked = sorted(numbers[id(i)] for i in items if id(i) in numbers)
    return f"non-paper of {len(items)} item{'s' if len(items) != 1 else ''}" + (
        f" (points {number_ranges(picked)})" if picked else ""
    )


def number_ranges(numbers: list[int]) -> str:
    """``[1, 2, 3, 5]`` -> ``1-3, 5``."""
    parts: list[str] = []
    for n in numbers:
        if parts and parts[-1][1] == n - 1:
            parts[-1] = (parts[-1][0], n)
        else:
            parts.append((n, n))
    return ", ".join(f"{a}-{b}" if a != b else f"{a}" for a, b in parts)


def meeting_card(doc: Plan | Record, fmt: str = "text", today: dt.date | None = None) -> str:
    """The card as plain text or Markdown."""
    from ..errors import DemarcheError

    if fmt not in ("text", "markdown"):
        raise DemarcheError(f"unknown format {fmt!r} (expected text or markdown)")
    md = fmt == "markdown"
    card = card_model(doc, today)
    banner = card.banner
    out: list[str] = [f"**{banner}**" if md else banner, ""]
    title = to_ascii(card.title)
    out += [f"# Meeting card: {title}" if md else f"MEETING CARD: {title.upper()}", ""]
    out.append(f"Instruction: {card.instruction}")
    out.append(f"Leave-behind: {card.leave_behind_rule}")
    if card.meeting is not None:
        out.append(f"Meeting: {to_ascii(card.meeting)}")
        for p in card.interlocutors:
            out.append(f"{'- ' if md else '  '}Host: {to_ascii(p)}")
        for p in card.participants:
            out.append(f"{'- ' if md else '  '}Ours: {to_ascii(p)}")
    out.append("")
    if card.deadlines:
        out += ["## Deadlines" if md else "DEADLINES", ""]
        for d in card.deadlines:
            kind = " [not before]" if d.embargo else ""
            out.append(f"{'- ' if md else '  '}{d.date.isoformat() if d.date else 'no date'}{d.days}{kind}: {to_ascii(d.what)}")
        out.append("")
    out += ["## Items" if md else "ITEMS", ""]
    for p in card.points:
        n = p.number
        high = "HIGH " if p.high else ""
        where = to_ascii(p.where)
        head = f"{n}. {p.portion} {high}[{p.kind}{', ' + where if where else ''}]"
        text = one_line(to_ascii(p.text))
        cue = one_line(to_ascii(p.cue))
        post_note = one_line(to_ascii(p.post_note))
        if md:
            out.append(f"{n}. **{p.portion}** {'**HIGH** ' if p.high else ''}*{p.kind}*"
                       + (f" ({where})" if where else "") + f": {text}")
            if p.cue.strip():
                out.append(f"    - cue: {cue}")
            if p.post_note.strip():
                out.append(f"    - for post only: {post_note}")
        else:
            out.append(head)
            out += ["    " + ln for ln in wrap(text, WIDTH - 4)]
            if p.cue.strip():
                out += ["    cue: " + ln for ln in wrap(cue, WIDTH - 9)]
            if p.post_note.strip():
                out += ["    FOR POST ONLY: " + ln for ln in wrap(post_note, WIDTH - 20)]
        out.append("")
    out.append(f"**{banner}**" if md else banner)
    return "\n".join(out) + "\n"
