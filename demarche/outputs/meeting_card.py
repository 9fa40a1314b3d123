"""The meeting card: one printable page the officer takes into the meeting.

Items to cover in order with their markings, high-priority marks, personal
cues and notes for post; deadlines; interlocutors. It is internal, so it
carries notes and cues and is marked with its classification banner at top
and bottom (the highest marking of the plan or record).
"""

from __future__ import annotations

import datetime as dt

from ..model import Item, Plan, Record
from .telegram_text import one_line, to_ascii, wrap

WIDTH = 78


def _rows(doc: Plan | Record) -> list[tuple[Item, str]]:
    """(item, cue) in meeting order: a record's agenda, else the plan's items."""
    if isinstance(doc, Record):
        return [(e.item, e.cue) for e in doc.agenda]
    return [(i, "") for i in doc.items]


def meeting_card(doc: Plan | Record, fmt: str = "text", today: dt.date | None = None) -> str:
    """The card as plain text or Markdown."""
    from ..errors import DemarcheError

    if fmt not in ("text", "markdown"):
        raise DemarcheError(f"unknown format {fmt!r} (expected text or markdown)")
    md = fmt == "markdown"
    today = today or dt.date.today()
    banner = doc.overall_marking().banner
    ins = doc.instruction
    out: list[str] = [f"**{banner}**" if md else banner, ""]
    title = to_ascii(doc.title)
    out += [f"# Meeting card: {title}" if md else f"MEETING CARD: {title.upper()}", ""]
    out.append(f"Instruction: {ins.id}" + (f" of {ins.date.isoformat()}" if ins.date else ""))
    out.append(f"Leave-behind: {doc.brief.leave_behind.value}")
    if isinstance(doc, Record):
        m = doc.meeting
        when = (
            m.start.strftime("%Y-%m-%d %H:%M")
            if m.start
            else (m.date.isoformat() if m.date else "not set")
        )
        out.append(f"Meeting: {when}" + (f", {to_ascii(m.place)}" if m.place else ""))
        for p in m.interlocutors:
            out.append(f"{'- ' if md else '  '}Host: {to_ascii(p.describe())}")
        for p in m.participants:
            out.append(f"{'- ' if md else '  '}Ours: {to_ascii(p.describe())}")
    out.append("")
    if doc.deadlines:
        out += ["## Deadlines" if md else "DEADLINES", ""]
        for d in sorted(doc.deadlines, key=lambda d: d.date or dt.date.max):
            days = ""
            if d.date:
                left = (d.date - today).days
                days = (
                    f" ({left} days left)"
                    if left > 0
                    else (" (today)" if left == 0 else f" ({-left} days overdue)")
                )
            kind = " [not before]" if d.kind == "embargo" else ""
            out.append(
                f"{'- ' if md else '  '}{d.date.isoformat() if d.date else 'no date'}{days}{kind}: {to_ascii(d.what)}"
            )
        out.append("")
    out += ["## Items" if md else "ITEMS", ""]
    for n, (item, cue) in enumerate(_rows(doc), 1):
        high = "HIGH " if item.high else ""
        where = " / ".join(x for x in (item.section, item.subsection) if x)
        head = f"{n}. {item.marking.portion} {high}[{item.kind.label}{', ' + to_ascii(where) if where else ''}]"
        text = one_line(to_ascii(item.text))
        if md:
            out.append(
                f"{n}. **{item.marking.portion}** {'**HIGH** ' if item.high else ''}*{item.kind.label}*"
                + (f" ({to_ascii(where)})" if where else "")
                + f": {text}"
            )
            if cue.strip():
                out.append(f"    - cue: {one_line(to_ascii(cue))}")
            if item.post_note.strip():
                out.append(f"    - for post only: {one_line(to_ascii(item.post_note))}")
        else:
            out.append(head)
            out += ["    " + ln for ln in wrap(text, WIDTH - 4)]
            if cue.strip():
                out += ["    cue: " + ln for ln in wrap(one_line(to_ascii(cue)), WIDTH - 9)]
            if item.post_note.strip():
                out += [
                    "    FOR POST ONLY: " + ln
                    for ln in wrap(one_line(to_ascii(item.post_note)), WIDTH - 20)
                ]
        out.append("")
    out.append(f"**{banner}**" if md else banner)
    return "\n".join(out) + "\n"
