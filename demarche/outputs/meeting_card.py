"""The meeting card: one printable page the officer takes into the meeting.

One line per item, in meeting order: number, marking, ``!`` for high
priority, id and a short label (the start of the text); the officer's cue
and the note for post, if any, one line each under it. Above the items: the
instruction, the action request in one line, what may be left behind in
words, the meeting and the people, and the deadlines. Every line is at most
`WIDTH` columns, so the founding plan's 24 items fit one page. It is
internal, so it carries notes and cues and is marked with its classification
banner at top and bottom (the highest marking of the plan or record).
"""

from __future__ import annotations

import datetime as dt
import re

from ..at_a_glance import days_phrase
from ..model import Item, LeaveBehind, Plan, Record
from .telegram_text import one_line, to_ascii

WIDTH = 78

#: ``Begin action request:`` and the like, which open the request in many cables.
_ACTION_REQUEST_OPENING = re.compile(r"^\W*(?:begin\s+)?action\s+requests?\W*\s*", re.I)


def _rows(doc: Plan | Record) -> list[tuple[Item, str]]:
    """(item, cue) in meeting order: a record's agenda, else the plan's items."""
    if isinstance(doc, Record):
        return [(e.item, e.cue) for e in doc.agenda]
    return [(i, "") for i in doc.items]


def cut(text: str, width: int) -> str:
    """`text` on one line, cut at a word to fit `width` with ``...``."""
    s = one_line(to_ascii(text))
    if len(s) <= width:
        return s
    head = s[: max(width - 3, 1)]
    if " " in head[width // 2 :]:
        head = head[: head.rindex(" ")]
    return head.rstrip(" ,;:.") + "..."


def leave_behind_words(doc: Plan | Record) -> str:
    """What may be left in writing, in words the officer acts on."""
    rule = doc.brief.leave_behind
    written = [i for i, _ in _rows(doc) if i.may_leave_behind(rule)]
    points = f"the non-paper ({len(written)} point{'s' if len(written) != 1 else ''})"
    if rule is LeaveBehind.FORBIDDEN:
        return "nothing in writing (the instruction says so)"
    if rule is LeaveBehind.ALLOWED:
        return points + ", and the talking points if asked" if written else "the talking points if asked"
    if written:
        return points + "; talking points spoken only"
    return "nothing in writing: the instruction does not say points may be left"


def _deadline_line(d, today: dt.date) -> str:
    when = d.date.isoformat() if d.date else "no date"
    days = f" ({days_phrase((d.date - today).days)})" if d.date else ""
    kind = " not before:" if d.kind == "embargo" else ":"
    return f"{when}{days}{kind} {to_ascii(d.what)}"


def _person(p) -> str:
    """``Name (Organisation), Title``: the name first, so a cut line keeps it."""
    return ", ".join(x for x in (p.name + (f" ({p.organisation})" if p.organisation else ""), p.title) if x)


def meeting_card(doc: Plan | Record, fmt: str = "text", today: dt.date | None = None) -> str:
    """The card as plain text or Markdown."""
    from ..errors import DemarcheError

    if fmt not in ("text", "markdown"):
        raise DemarcheError(f"unknown format {fmt!r} (expected text or markdown)")
    md = fmt == "markdown"
    today = today or dt.date.today()
    banner = doc.overall_marking().banner
    ins = doc.instruction
    bullet = "- " if md else ""
    out: list[str] = [f"**{banner}**" if md else banner, ""]
    title = to_ascii(doc.title)
    out.append(cut(f"# Meeting card: {title}", WIDTH) if md else cut(f"MEETING CARD: {title.upper()}", WIDTH))
    out.append("")
    out.append(cut(f"{bullet}Instruction: {ins.id}" + (f" of {ins.date.isoformat()}" if ins.date else ""), WIDTH))
    ask = _ACTION_REQUEST_OPENING.sub("", one_line(doc.brief.action_request))
    if ask:
        out.append(cut(f"{bullet}Ask: {ask}", WIDTH))
    out.append(cut(f"{bullet}Leave behind: {leave_behind_words(doc)}", WIDTH))
    if isinstance(doc, Record):
        m = doc.meeting
        when = m.start.strftime("%Y-%m-%d %H:%M") if m.start else (m.date.isoformat() if m.date else "not set")
        out.append(cut(f"{bullet}Meeting: {when}" + (f", {m.place}" if m.place else ""), WIDTH))
        for p in m.interlocutors:
            out.append(cut(f"{bullet}With: {_person(p)}", WIDTH))
        if m.participants:
            out.append(cut(f"{bullet}Ours: " + "; ".join(_person(p) for p in m.participants), WIDTH))
    for d in sorted(doc.deadlines, key=lambda d: d.date or dt.date.max):
        out.append(cut(f"{bullet}Deadline {_deadline_line(d, today)}", WIDTH))
    out += ["", "## Items (! high priority)" if md else "ITEMS (! = high priority)", ""]
    for n, (item, cue) in enumerate(_rows(doc), 1):
        high = "!" if item.high else " "
        head = f"{n:>2}. {item.marking.portion:<6}{high} {item.id:<6} "
        if md:
            head = f"{n}. {'**!** ' if item.high else ''}`{item.marking.portion} {item.id}` "
        out.append(head + cut(item.text, WIDTH - len(head)))
        indent = "    - " if md else " " * 11
        if cue.strip():
            out.append(indent + cut(f"cue: {cue}", WIDTH - len(indent)))
        if item.post_note.strip():
            out.append(indent + cut(f"FOR POST ONLY: {item.post_note}", WIDTH - len(indent)))
    out += ["", f"**{banner}**" if md else banner]
    return "\n".join(out) + "\n"
