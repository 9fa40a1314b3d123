"""The meeting card: one printable page the officer takes into the meeting.

One line per item, in meeting order: number, marking, ``!`` for high
priority, id and a short label (the label on a line of its own when a long
marking, ``S//REL`` and six countries, leaves it too little room); the officer's cue and the note for post, if
any, one line each under it. Above the items: the instruction, the action
request in one line, what to leave behind, the meeting and the people, and
the deadlines. Every text line is at most `WIDTH` columns, so the founding
plan's 24 items fit one page. It is internal, so it carries notes and cues
and is marked with its classification banner at top and bottom (the highest
marking of the plan or record).

`card_model` gathers what the card says once, as a `Card`; `meeting_card`
renders it as text or Markdown and `card_pdf` as one printed page, so every
form of the card says the same.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ..model import Item, Plan, Record
from ..wording import days_left
from .telegram_text import one_line, to_ascii

WIDTH = 78
#: Fewest columns an item's words get beside its marking; fewer, and they go on the next line.
MIN_TEXT = 30

#: ``Begin action request:`` and the like, which open the request in many cables.
_ACTION_REQUEST_OPENING = re.compile(r"^\W*(?:begin\s+)?action\s+requests?\W*\s*", re.I)


@dataclass
class CardPoint:
    """One item on the card, in meeting order."""

    number: int
    id: str
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
    """`` (in 12 days)``, `` (today)``, `` (3 days ago)`` or empty (`wording.days_left`)."""
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


def cut(text: str, width: int) -> str:
    """`text` on one line, cut at a word to fit `width` with ``...``."""
    s = one_line(to_ascii(text))
    if len(s) <= width:
        return s
    head = s[: max(width - 3, 1)]
    if " " in head[width // 2 :]:
        head = head[: head.rindex(" ")]
    return head.rstrip(" ,;:.") + "..."


def card_model(doc: Plan | Record, today: dt.date | None = None, host: str = "") -> Card:
    """Everything the card says about `doc`, in meeting order; what to leave is what may go to `host`."""
    today = today or dt.date.today()
    ins = doc.instruction
    card = Card(
        banner=doc.overall_marking().banner,
        title=doc.title,
        instruction=f"{ins.id}" + (f" of {ins.date.isoformat()}" if ins.date else ""),
        leave_behind_rule=doc.brief.leave_behind.value,
        action=_ACTION_REQUEST_OPENING.sub("", one_line(doc.brief.action_request)),
    )
    if isinstance(doc, Record):
        m = doc.meeting
        when = (
            m.start.strftime("%Y-%m-%d %H:%M")
            if m.start
            else (m.date.isoformat() if m.date else "not set")
        )
        card.meeting = when + (f", {m.place}" if m.place else "")
        card.interlocutors = [p.describe() for p in m.interlocutors]
        card.participants = [p.describe() for p in m.participants]
    for d in sorted(doc.deadlines, key=lambda d: d.date or dt.date.max):
        days = f" ({days_left((d.date - today).days)})" if d.date else ""
        card.deadlines.append(CardDeadline(d.date, days, d.kind == "embargo", d.what))
    for n, (item, cue) in enumerate(_rows(doc), 1):
        where = " / ".join(x for x in (item.section, item.subsection) if x)
        card.points.append(
            CardPoint(
                number=n,
                id=item.id,
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
    card.leave = _what_to_leave(
        doc, {id(item): n for n, (item, _) in enumerate(_rows(doc), 1)}, host
    )
    return card


def _what_to_leave(doc: Plan | Record, numbers: dict[int, int], host: str) -> str:
    """The non-paper by card point numbers, from the one rule of what may be handed over."""
    from ..errors import DemarcheError
    from .leave_behind import non_paper_items

    from ..model import LeaveBehind

    if doc.brief.leave_behind is LeaveBehind.FORBIDDEN:
        return "nothing in writing (the instruction says so)"
    try:
        items = non_paper_items(doc, host)
    except DemarcheError as e:
        return "nothing: " + one_line(str(e))
    picked = sorted(numbers[id(i)] for i in items if id(i) in numbers)
    return f"non-paper of {len(items)} item{'s' if len(items) != 1 else ''}" + (
        f" (points {number_ranges(picked)})" if picked else ""
    )


def number_ranges(numbers: list[int]) -> str:
    """``[1, 2, 3, 5]`` -> ``1-3, 5``."""
    parts: list[tuple[int, int]] = []
    for n in numbers:
        if parts and parts[-1][1] == n - 1:
            parts[-1] = (parts[-1][0], n)
        else:
            parts.append((n, n))
    return ", ".join(f"{a}-{b}" if a != b else f"{a}" for a, b in parts)


def meeting_card(
    doc: Plan | Record, fmt: str = "text", today: dt.date | None = None, host: str = ""
) -> str:
    """The card as plain text (ASCII) or Markdown; every line fits `WIDTH` columns."""
    md = fmt == "markdown"
    card = card_model(doc, today, host)
    banner = card.banner
    bullet = "- " if md else ""
    out: list[str] = [f"**{banner}**" if md else banner, ""]
    title = to_ascii(card.title)
    out.append(
        cut(f"# Meeting card: {title}", WIDTH)
        if md
        else cut(f"MEETING CARD: {title.upper()}", WIDTH)
    )
    out.append("")
    out.append(cut(f"{bullet}Instruction: {card.instruction}", WIDTH))
    if card.action:
        out.append(cut(f"{bullet}Ask: {card.action}", WIDTH))
    out.append(cut(f"{bullet}Leave behind: {card.leave}", WIDTH))
    if card.meeting is not None:
        out.append(cut(f"{bullet}Meeting: {card.meeting}", WIDTH))
        for person in card.interlocutors:
            out.append(cut(f"{bullet}With: {person}", WIDTH))
        if card.participants:
            out.append(cut(f"{bullet}Ours: " + "; ".join(card.participants), WIDTH))
    for d in card.deadlines:
        when = d.date.isoformat() if d.date else "no date"
        kind = " not before:" if d.embargo else ":"
        out.append(cut(f"{bullet}Deadline {when}{d.days}{kind} {d.what}", WIDTH))
    out += ["", "## Items (! high priority)" if md else "ITEMS (! = high priority)", ""]
    for p in card.points:
        high = "!" if p.high else " "
        head = f"{p.number:>2}. {p.portion:<6}{high} {p.id:<6} "
        if md:
            head = f"{p.number}. {'**!** ' if p.high else ''}`{p.portion} {p.id}` "
        indent = "    - " if md else " " * 11
        if WIDTH - len(head) >= MIN_TEXT:
            out.append(head + cut(p.text, WIDTH - len(head)))
        else:
            # A long marking (S//REL and six countries) leaves no room on its
            # line: the words go on the next, so the item still says something.
            out.append(head.rstrip())
            out.append(indent + cut(p.text, WIDTH - len(indent)))
        if p.cue.strip():
            out.append(indent + cut(f"cue: {p.cue}", WIDTH - len(indent)))
        if p.post_note.strip():
            out.append(indent + cut(f"FOR POST ONLY: {p.post_note}", WIDTH - len(indent)))
    out += ["", f"**{banner}**" if md else banner]
    return "\n".join(out) + "\n"
