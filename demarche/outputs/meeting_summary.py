"""The post-meeting summary: how the meeting went, at a glance, for the officer.

`post_meeting_summary(record, today)` gathers the facts once (`MeetingSummary`);
`summary_markdown` prints them as Markdown and `summary_renderable` as a Rich
renderable for the terminal (Rich is imported only there). Internal, so
marked with the record's classification banner.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..model import Entry, FollowUp, Outcome, Record, Response, Stance
from ..wording import days_left
from .meeting_card import cut
from .reported_speech import with_speaker
from .telegram_text import one_line, to_ascii

if TYPE_CHECKING:
    from rich.console import RenderableType

BAR_WIDTH = 40
OUTCOMES = ("delivered", "partial", "handed over", "skipped", "deferred", "pending")
"""Buckets of the delivery bar; "handed over" is a non-paper item left in writing but not spoken to."""
_CHARS = {
    "delivered": "#",
    "partial": "~",
    "handed over": "=",
    "skipped": "-",
    "deferred": ">",
    "pending": ".",
}
_STYLES = {
    "delivered": "green",
    "partial": "yellow",
    "handed over": "cyan",
    "skipped": "red",
    "deferred": "magenta",
    "pending": "dim",
}


def _bucket(e: Entry) -> str:
    if e.outcome is Outcome.PENDING and e.handed_over:
        return "handed over"
    return str(e.outcome.value)


@dataclass
class MeetingSummary:
    """The numbers and lists a summary shows."""

    banner: str
    title: str
    meeting: str
    outcomes: dict[str, int]
    high: tuple[int, int]
    high_missing: list[str]
    stances: dict[str, list[str]]
    follow_ups: list[FollowUp]
    deadlines: list[tuple[str, str, int | None]] = field(default_factory=list)
    """(date, what, days left)"""
    conversation: list[str] = field(default_factory=list)
    """Key exchanges, statements raised unprompted and other business, one line each."""
    notes: str = ""
    """The general note (the summary always shows it)."""
    notes_for_cable: bool = False


#: How much of an item's text names it in the summary.
LABEL_WIDTH = 40


def _labelled(e: Entry) -> str:
    """``np-1 Increase funding to anti-trafficking...``: the id and the start of the text."""
    return f"{e.item.id} {cut(e.item.text, LABEL_WIDTH)}"


def _answered(e: Entry) -> str:
    """The item and what was said on it: ``tp-2 The U.S. ...: "we will study it" (Petrov)``."""
    said = one_line(to_ascii(e.response.text))
    who = f" ({one_line(to_ascii(e.response.speaker))})" if e.response.speaker.strip() else ""
    return _labelled(e) + (f': "{said}"{who}' if said else f": no words recorded{who}")


def post_meeting_summary(record: Record, today: dt.date | None = None) -> MeetingSummary:
    """The facts of a finished (or running) meeting."""
    today = today or dt.date.today()
    agenda = record.agenda
    outcomes = {o: sum(_bucket(e) == o for e in agenda) for o in OUTCOMES}
    stances: dict[str, list[str]] = {}
    for e in agenda:
        if e.response.stance is not None:
            stances.setdefault(e.response.stance.label, []).append(_answered(e))
    m = record.meeting
    who = ", ".join(p.describe() for p in m.interlocutors) or "no interlocutor recorded"
    when = (
        m.start.strftime("%Y-%m-%d %H:%M")
        if m.start
        else (m.date.isoformat() if m.date else "date not set")
    )
    deadlines = []
    for d in sorted(record.deadlines, key=lambda d: d.date or dt.date.max):
        deadlines.append(
            (
                d.date.isoformat() if d.date else "no date",
                d.what,
                (d.date - today).days if d.date else None,
            )
        )
    return MeetingSummary(
        banner=record.overall_marking().banner,
        title=record.title,
        meeting=f"{when} with {who} ({record.stage.label})",
        outcomes=outcomes,
        high=record.progress()["high"],
        high_missing=[_labelled(e) for e in record.high_priority_undelivered()],
        stances={s.label: stances.get(s.label, []) for s in Stance if s.label in stances},
        follow_ups=list(record.follow_ups),
        deadlines=deadlines,
        conversation=_conversation_lines(record),
        notes=record.notes,
        notes_for_cable=record.notes_for_cable,
    )


def _conversation_lines(record: Record) -> list[str]:
    def line(label: str, x: Response) -> str:
        said = with_speaker(one_line(x.text), x.speaker)
        return (
            f"{label}{' [key]' if x.key else ''}{' (' + x.theme + ')' if x.theme else ''}: {said}"
        )

    out = [
        line(f"key on {where}", x)
        for where, x in record.key_exchanges()
        if where not in ("statement", "other")
    ]
    out += [line("raised unprompted", x) for x in record.statements]
    out += [line("other business", x) for x in record.other_business]
    return out


def _bar(outcomes: dict[str, int], width: int = BAR_WIDTH) -> str:
    total = sum(outcomes.values()) or 1
    out = "".join(_CHARS[o] * round(width * n / total) for o, n in outcomes.items())
    return (out + "." * width)[:width]


def summary_markdown(s: MeetingSummary) -> str:
    out = [
        f"**{s.banner}**",
        "",
        f"# {to_ascii(s.title)}",
        "",
        f"Meeting: {to_ascii(s.meeting)}",
        "",
    ]
    out += ["## Delivery", "", f"`[{_bar(s.outcomes)}]`", ""]
    out += [f"- {o}: {n}" for o, n in s.outcomes.items()]
    out += [
        "",
        f"High-priority covered: {s.high[0]}/{s.high[1]}"
        + (" (missing:)" if s.high_missing else ""),
        "",
    ]
    out += [f"- {m}" for m in s.high_missing] + ([""] if s.high_missing else [])
    out += ["## Responses by stance", ""]
    out += [ln for k, v in s.stances.items() for ln in [f"- {k}:"] + [f"    - {a}" for a in v]] or [
        "- none recorded"
    ]
    out += ["", "## Follow-ups", ""]
    out += [
        f"- [{'x' if not f.open else ' '}] {f.id} ({f.owner.value}{', due ' + f.due.isoformat() if f.due else ''}): {one_line(to_ascii(f.what))}"
        for f in s.follow_ups
    ] or ["- none"]
    if s.conversation:
        out += ["", "## The conversation", ""]
        out += [f"- {to_ascii(c)}" for c in s.conversation]
    if s.notes.strip():
        out += [
            "",
            "## Note" + (" (also in the reporting cable)" if s.notes_for_cable else ""),
            "",
            to_ascii(s.notes.strip()),
        ]
    out += ["", "## Deadlines", ""]
    out += [
        f"- {d} ({days_left(n)}): {to_ascii(w)}" if n is not None else f"- {d}: {to_ascii(w)}"
        for d, w, n in s.deadlines
    ] or ["- none"]
    out += ["", f"**{s.banner}**"]
    return "\n".join(out) + "\n"


def summary_renderable(s: MeetingSummary) -> RenderableType:
    """The summary for the terminal, with Rich tables and a coloured delivery bar."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    from ..display import plain

    bar = Text()
    total = sum(s.outcomes.values()) or 1
    for o, n in s.outcomes.items():
        bar.append("█" * round(BAR_WIDTH * n / total), style=_STYLES[o])
    legend = Text("  ".join(f"{o} {n}" for o, n in s.outcomes.items()))
    head = Text.assemble((s.banner, "bold reverse"), justify="center")
    parts: list[RenderableType] = [
        head,
        plain(s.title, style="bold"),
        plain(s.meeting),
        bar,
        legend,
    ]
    hp = f"High-priority covered: {s.high[0]}/{s.high[1]}"
    parts.append(
        plain(
            hp + (f"  missing: {'; '.join(s.high_missing)}" if s.high_missing else ""),
            style="bold red" if s.high_missing else "bold green",
        )
    )
    t = Table(title="Responses by stance", title_justify="left", show_edge=False)
    t.add_column("stance")
    t.add_column("items")
    for k, v in s.stances.items():
        t.add_row(plain(k), plain("\n".join(v)))
    parts.append(t)
    f = Table(title="Follow-ups", title_justify="left", show_edge=False)
    for c in ("id", "owner", "due", "status", "what"):
        f.add_column(c)
    for fu in s.follow_ups:
        f.add_row(
            plain(fu.id),
            fu.owner.value,
            fu.due.isoformat() if fu.due else "",
            fu.status.value,
            plain(fu.what),
        )
    parts.append(f)
    d = Table(title="Deadlines", title_justify="left", show_edge=False)
    for c in ("date", "days", "what"):
        d.add_column(c)
    for date, what, left in s.deadlines:
        d.add_row(
            date, days_left(left), plain(what), style="red" if left is not None and left < 0 else ""
        )
    parts.append(d)
    if s.conversation:
        parts.append(Text("The conversation", style="bold"))
        parts.extend(plain(f"- {c}") for c in s.conversation)
    if s.notes.strip():
        parts.append(
            Text(
                "Note" + (" (also in the reporting cable)" if s.notes_for_cable else ""),
                style="bold",
            )
        )
        parts.append(plain(s.notes.strip()))
    parts.append(head)
    return Group(*parts)
