"""The reporting cable draft: what was delivered, to whom, how they answered, what follows.

`draft_reporting_cable(records, config)` writes a cable in the form of the
real reports (DOMAIN.md, "Anatomy of a reporting cable"): classification line
with a placeholder serial, captions, E.O., TAGS, SUBJECT, REF, numbered and
marked paragraphs (Summary, delivery, host response, points not delivered,
follow-up, Comment), and the chief of mission's surname last.

Several records of the same plan make one cable: one delivery paragraph per
meeting, the responses grouped by meeting, follow-ups and coverage merged.

Classification rules: each paragraph is marked at least as high as every item
whose words or coverage it carries and the record's own floor; the summary
and the comment speak for the whole and carry the highest marking of all the
records; the cable's classification is the highest paragraph marking. Personal
cues and notes for post are never used.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..classification import Level, Marking, cable_classification_line, captions, highest
from ..store.settings import PostConfig
from ..errors import DemarcheError
from ..model import (
    Entry,
    Exchange,
    FollowUp,
    Item,
    ItemKind,
    Outcome,
    Owner,
    Quoting,
    Record,
    Side,
    Stance,
)
from .telegram_text import (
    first_sentence,
    join_words,
    long_date,
    lower_first,
    number_word,
    one_line,
    sentence,
    strip_period,
    surname,
    to_ascii,
    wrap,
)

SERIAL_PLACEHOLDER = "00XXXX"
COMMENT_PLACEHOLDER = "[COMMENT TO BE DRAFTED: the Embassy's assessment.]"
SIGNATURE_PLACEHOLDER = "[SIGNATURE]"
CLASSIFIED_BY_PLACEHOLDER = "[NAME, TITLE]"


@dataclass
class Para:
    """One numbered paragraph before wrapping: its marking and its text."""

    marking: Marking
    text: str
    heading: str = ""
    """A dash-boxed heading printed above it (meetings of a multi-meeting cable)."""


# ---------------------------------------------------------------------------
# Entry point
# ---------------------------------------------------------------------------


def draft_reporting_cable(
    records: list[Record],
    config: PostConfig,
    today: dt.date | None = None,
    subject: str | None = None,
    refs: list[str] | None = None,
) -> str:
    """The draft reporting cable for one or more meetings of the same plan, as ASCII text."""
    if not records:
        raise DemarcheError("no record to report on")
    check_same_plan(records)
    today = today or dt.date.today()
    recs = sorted(records, key=_meeting_key)
    ins = recs[0].instruction
    ref_list = [ins.id] + [r for r in (refs or []) if r.strip() and r.strip() != ins.id]
    ctx = _Context(recs, config, today, "reftel" if len(ref_list) == 1 else "ref A")

    paras = _paragraphs(ctx)
    own, subj_text = _subject(ctx, subject)
    marking = highest(
        [p.marking for p in paras] + ([own] if own else []) + [r.overall_marking() for r in recs]
    )
    # A subject with no marking of its own says what the cable says: it carries the cable's marking.
    subj_marking = own or marking
    return _render(ctx, marking, subj_marking, subj_text, ref_list, paras)


def cable_marking(records: list[Record]) -> Marking:
    """The classification a reporting cable on `records` carries (highest of all content)."""
    return highest([r.overall_marking() for r in records])


def check_same_plan(records: list[Record], names: list[str] | None = None) -> None:
    """Several records make one cable only when they answer the same instruction."""
    ids = [re.sub(r"\s+", " ", r.instruction.id.strip().upper()) for r in records]
    for n, i in enumerate(ids[1:], 1):
        if i != ids[0]:
            who = names[n] if names else f"record {n + 1}"
            first = names[0] if names else "record 1"
            raise DemarcheError(
                f"answers {records[n].instruction.id or 'no instruction'}, but {first} answers "
                f"{records[0].instruction.id or 'no instruction'}; one cable reports on one instruction",
                file=who,
            )


def _meeting_key(r: Record) -> tuple[dt.date, float]:
    m = r.meeting
    d = m.day or dt.date.max
    return (d, m.start.timestamp() if m.start else 0.0)


# ---------------------------------------------------------------------------
# Context: merged coverage and names
# ---------------------------------------------------------------------------


class _Context:
    def __init__(
        self, records: list[Record], config: PostConfig, today: dt.date, reftel: str
    ) -> None:
        self.records = records
        self.config = config
        self.today = today
        self.reftel = reftel
        # The items these meetings owed (`Record.owes`): those meant for another audience are not reported on.
        self.items: list[Item] = []
        seen: set[str] = set()
        for r in records:
            for e in r.entries:
                if e.item.id not in seen and r.owes(e):
                    self.items.append(e.item)
                    seen.add(e.item.id)
        action = " ".join(r.brief.action_request for r in records[:1]).lower()
        self.np_noun = "recommendations" if "recommendation" in action else "points"

    def who(self, r: Record) -> str:
        """Our side, as cables name it: by title where given (``PolOff``)."""
        names = [p.title or p.name for p in r.meeting.participants if (p.title or p.name)]
        return join_words(names) if names else (self.config.drafting_officer or "PolOff")

    def host(self, r: Record) -> str:
        """The first interlocutor's surname, to attribute answers."""
        for p in r.meeting.interlocutors:
            if p.name.strip():
                return surname(p.name)
        return "the interlocutor"

    def speaker(self, r: Record, e: Entry) -> str:
        s = e.response.speaker.strip()
        return surname(s) if s else self.host(r)

    def delivered(self, item_id: str) -> bool:
        """Delivered (fully or in part) or handed over in any meeting."""
        for r in self.records:
            for e in r.entries:
                if e.item.id == item_id and e.included and (e.outcome.done or e.handed_over):
                    return True
        return False

    def handed(self, item_id: str) -> bool:
        return any(
            e.item.id == item_id and e.included and e.handed_over
            for r in self.records
            for e in r.entries
        )

    def reason(self, item_id: str) -> str:
        """Why the item was not (fully) delivered, as the officer noted it in the latest meeting that says."""
        for r in reversed(self.records):
            for e in r.entries:
                if e.item.id == item_id and e.reason.strip():
                    return " ".join(e.reason.split())
        return ""

    def only_in_part(self, item_id: str) -> bool:
        """Delivered in part somewhere and fully nowhere."""
        outcomes = {
            e.outcome
            for r in self.records
            for e in r.entries
            if e.item.id == item_id and e.included
        }
        return Outcome.PARTIAL in outcomes and Outcome.DELIVERED not in outcomes


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:] if s else s


def _date(ctx: _Context, r: Record) -> str:
    d = r.meeting.day
    return long_date(d, ctx.today) if d else "[DATE]"


def _interlocutors(r: Record) -> str:
    people = [p.describe() for p in r.meeting.interlocutors if p.describe()]
    return people[0] if people else "[INTERLOCUTOR, TITLE, MINISTRY]"


def _topic(item: Item, ctx: _Context, words: int = 14) -> str:
    """How a cable names a point: ``the high-priority recommendation to increase ...``."""
    text = lower_first(first_sentence(re.sub(r"\s*\[[^\]]*\]", "", to_ascii(item.text)), words))
    high = "high-priority " if item.high else ""
    if item.kind is ItemKind.NON_PAPER:
        noun = "recommendation" if ctx.np_noun == "recommendations" else "non-paper point"
        first = text.split(" ", 1)[0] if text else ""
        joiner = (
            "to"
            if first and first[0].islower() and first not in {"the", "a", "an", "our", "we"}
            else "on"
        )
        if joiner == "on":
            text = lower_first(text)
        return f"the {high}{noun} {joiner} {text}"
    if item.kind is ItemKind.CONTINGENCY:
        return f"the contingency point on {text}"
    return f"the {high}point that {text}"


# ---------------------------------------------------------------------------
# Coverage sentences
# ---------------------------------------------------------------------------


def _by_paragraph(items: list[Item], kind: ItemKind) -> dict[str, list[Item]]:
    out: dict[str, list[Item]] = {}
    for i in items:
        if i.kind is kind:
            out.setdefault(i.paragraph, []).append(i)
    return out


def _para_ref(ctx: _Context, para: str) -> str:
    return f"{ctx.reftel} para {para}" if para else ctx.reftel


def _coverage(
    ctx: _Context, entries: list[Entry] | None
) -> tuple[list[str], list[str], list[Item]]:
    """(talking-point phrases, leave-behind phrases, items covered) for one meeting or, with None, all."""

    def done(i: Item) -> bool:
        if entries is None:
            return ctx.delivered(i.id)
        return any(
            e.item.id == i.id and e.included and (e.outcome.done or e.handed_over) for e in entries
        )

    def handed(i: Item) -> bool:
        if entries is None:
            return ctx.handed(i.id)
        return any(e.item.id == i.id and e.included and e.handed_over for e in entries)

    tp_parts: list[str] = []
    lb_parts: list[str] = []
    covered: list[Item] = []
    for para, items in _by_paragraph(ctx.items, ItemKind.TALKING_POINT).items():
        d = [i for i in items if done(i)]
        covered += d
        ref = _para_ref(ctx, para)
        if d and len(d) == len(items):
            tp_parts.append(
                f"all {number_word(len(items))} {ref} points"
                if len(items) > 1
                else f"the {ref} point"
            )
        elif d:
            tp_parts.append(f"{number_word(len(d))} of the {number_word(len(items))} {ref} points")
    for para, items in _by_paragraph(ctx.items, ItemKind.NON_PAPER).items():
        h = [i for i in items if handed(i)]
        oral = [i for i in items if done(i) and i not in h]
        covered += h + oral
        where = f"para {para} {ctx.np_noun}" if para else f"non-paper {ctx.np_noun}"
        highs = [i for i in items if i.high]
        high_note = ""
        if highs:
            hc = [i for i in highs if i in h or i in oral]
            if len(hc) == len(highs):
                high_note = f", including {'all ' if len(highs) > 2 else 'the '}{number_word(len(highs))} high-priority items"
            elif hc:
                high_note = f", including {number_word(len(hc))} of the {number_word(len(highs))} high-priority items"
            else:
                high_note = f", but none of the {number_word(len(highs))} high-priority items"
        if h and len(h) == len(items):
            lb_parts.append(f"left the {where} as a non-paper{high_note}")
        elif h:
            lb_parts.append(
                f"left {number_word(len(h))} of the {number_word(len(items))} {where} as a non-paper{high_note}"
            )
            high_note = ""
        if oral and not h:
            n = (
                "the"
                if len(oral) == len(items)
                else f"{number_word(len(oral))} of the {number_word(len(items))}"
            )
            lb_parts.append(f"presented {n} {where} orally{high_note}")
        elif oral:
            lb_parts.append(f"presented {number_word(len(oral))} more orally")
    contingency = [i for i in ctx.items if i.kind is ItemKind.CONTINGENCY and done(i)]
    if contingency:
        covered += contingency
        tp_parts.append(
            f"{number_word(len(contingency))} contingency point{'s' if len(contingency) > 1 else ''}"
        )
    return tp_parts, lb_parts, covered


# ---------------------------------------------------------------------------
# Paragraphs
# ---------------------------------------------------------------------------


def _paragraphs(ctx: _Context) -> list[Para]:
    recs = ctx.records
    whole = highest([r.overall_marking() for r in recs])
    paras: list[Para] = [Para(whole, _summary(ctx))]
    several = len(recs) > 1
    for r in recs:
        heading = f"Meeting with {ctx.host(r)}, {_date(ctx, r)}" if several else ""
        paras.append(_delivery(ctx, r, heading))
        paras.extend(_responses(ctx, r))
        paras.extend(_conversation(ctx, r))
    nd = _not_delivered(ctx)
    if nd:
        paras.append(nd)
    fu = _follow_ups(ctx)
    if fu:
        paras.append(fu)
    paras.extend(_comment(ctx, whole))
    return paras


def _summary(ctx: _Context) -> str:
    recs = ctx.records
    tp, lb, _ = _coverage(ctx, None)
    r0 = recs[0]
    if len(recs) == 1:
        who = ctx.who(r0)
        head = f"On {_date(ctx, r0)} {who}"
        to = _interlocutors(r0)
        if tp:
            first = f"{head} delivered {tp[0]} to {to}"
            rest = tp[1:] + lb
        else:
            first = f"{head} met {to}"
            rest = lb
        s = (
            first
            + ("," if "," in to and rest else "")
            + (" and " + join_words(rest) if rest else "")
            + "."
        )
    else:
        dates = [_date(ctx, r) for r in recs]
        whom = join_words(
            [
                f"{ctx.host(r)} ({r.meeting.interlocutors[0].organisation})"
                if r.meeting.interlocutors and r.meeting.interlocutors[0].organisation
                else ctx.host(r)
                for r in recs
            ]
        )
        s = (
            f"Between {dates[0]} and {dates[-1]} {ctx.who(r0)} delivered {ctx.reftel} points in "
            f"{number_word(len(recs))} meetings, to {whom}."
        )
        cov = tp + lb
        if cov:
            s += f" Together the meetings {join_words(['covered ' + cov[0]] + cov[1:]) if tp else join_words(cov)}."
    parts = [s]
    for r in recs:
        reaction = _reaction(ctx, r)
        if reaction:
            parts.append(reaction)
    promises = [(r, f) for r in recs for f in r.follow_ups if f.owner is Owner.HOST]
    for r, f in promises[:3]:
        parts.append(_promise(ctx, r, f))
    return "Summary: " + " ".join(parts) + " End Summary."


_STANCE_SUMMARY = [
    (Stance.RECEPTIVE, "was receptive on {n}"),
    (Stance.NONCOMMITTAL, "noncommittal on {n}"),
    (Stance.ASKED_FOR_INFORMATION, "asked for more information on {n}"),
    (Stance.OBJECTED, "objected to {n}"),
]


def _reaction(ctx: _Context, r: Record) -> str:
    counts = {s: 0 for s in Stance}
    for e in r.agenda:
        if e.response.stance is not None:
            counts[e.response.stance] += 1
    phrases = []
    for stance, pattern in _STANCE_SUMMARY:
        n = counts[stance]
        if n:
            phrases.append(pattern.format(n=f"{number_word(n)} point{'s' if n > 1 else ''}"))
    if not phrases:
        return ""
    if not phrases[0].startswith("was "):
        phrases[0] = (
            "was " + phrases[0] if not phrases[0].startswith(("asked", "objected")) else phrases[0]
        )
    return f"{_cap(ctx.host(r))} {join_words(phrases)}."


def _promise_clause(what: str) -> str:
    w = strip_period(to_ascii(what))
    lw = lower_first(w)
    if " will " in f" {w.lower()} ":
        return f"promised that {lw}"
    if lw[:1].islower() and lw.split(" ", 1)[0] not in {
        "the",
        "a",
        "an",
        "this",
        "that",
        "our",
        "their",
        "its",
    }:
        return f"promised to {lw}"
    return f"promised {lw}"


def _due(ctx: _Context, d: dt.date | None) -> str:
    return f" by {long_date(d, ctx.today)}" if d else ""


def _promise(ctx: _Context, r: Record, f: FollowUp) -> str:
    return f"{_cap(ctx.host(r))} {_promise_clause(f.what)}{_due(ctx, f.due)}."


def _delivery(ctx: _Context, r: Record, heading: str) -> Para:
    m = r.meeting
    tp, lb, covered = _coverage(ctx, r.entries)
    who = ctx.who(r)
    place = f" at {to_ascii(m.place)}" if m.place.strip() else ""
    sents = [
        f"On {_date(ctx, r)}{place}, {who} delivered {ctx.reftel} points to {_interlocutors(r)}."
    ]
    others = [p.describe() for p in m.interlocutors[1:] if p.describe()]
    if others:
        sep = "," if "," in others[-1] else ""
        sents.append(f"{join_words(others)}{sep} also attended.")
    ours = [p.describe() for p in m.participants[1:] if p.describe()]
    if ours and len(m.participants) > 1 and not any(p.title for p in m.participants):
        sents.append(f"{join_words(ours)} accompanied.")
    if m.interpreter.strip():
        sents.append(f"{to_ascii(m.interpreter.strip())} interpreted.")
    cov = [("drew on " + p) for p in tp] + lb
    if cov:
        sents.append(f"{_cap(who)} {join_words(cov)}.")
    else:
        sents.append(f"{_cap(who)} did not get to the points themselves.")
    marking = highest([r.marking, *(i.marking for i in covered)])
    return Para(marking, " ".join(sents), heading)


_STANCE_PHRASE = {
    Stance.RECEPTIVE: "responded positively to",
    Stance.NONCOMMITTAL: "was noncommittal on",
    Stance.OBJECTED: "objected to",
    Stance.ASKED_FOR_INFORMATION: "asked for more information on",
    Stance.NO_RESPONSE: "did not respond to",
}


def _said(name: str, e: Entry) -> str:
    text = to_ascii(one_line(e.response.text))
    if not text:
        return ""
    if e.response.quoting.value == "verbatim":
        q = text.replace('"', "'")
        return f'{name} said, "{sentence(q)}"'
    return f"{name} said {sentence(lower_first(text))}"


def _responses(ctx: _Context, r: Record) -> list[Para]:
    """One paragraph per answered point; stance-only answers share one paragraph."""
    out: list[Para] = []
    bare: dict[tuple[str, Stance], list[Entry]] = {}
    for e in r.agenda:
        resp = e.response
        if resp.empty:
            continue
        name = _cap(ctx.speaker(r, e))
        marking = highest([r.marking, e.item.marking])
        if not resp.text.strip():
            if resp.stance is not None:
                bare.setdefault((name, resp.stance), []).append(e)
            continue
        topic = _topic(e.item, ctx)
        said = _said(name, e)
        if resp.stance is None:
            text = f"Turning to {topic}, {said}"
        else:
            text = f"{name} {_STANCE_PHRASE[resp.stance]} {topic}. {said}"
        out.append(Para(marking, text))
    if bare:
        sents = []
        items: list[Item] = []
        for (name, stance), entries in bare.items():
            topics = [_topic(e.item, ctx, 12) for e in entries]
            items += [e.item for e in entries]
            if stance is Stance.NO_RESPONSE:
                sents.append(f"{name} {_STANCE_PHRASE[stance]} {join_words(topics)}.")
            else:
                sents.append(
                    f"Without further comment, {name} {_STANCE_PHRASE[stance]} {join_words(topics)}."
                )
        out.append(Para(highest([r.marking, *(i.marking for i in items)]), " ".join(sents)))
    return out


def _exchange_said(ctx: _Context, r: Record, x: Exchange) -> str:
    """``Ivanov said ...`` (or ``... replied``, for our side), quoting verbatim words."""
    name = _cap(
        surname(x.speaker.strip())
        if x.speaker.strip()
        else (ctx.host(r) if x.side is Side.HOST else "PolOff")
    )
    text = to_ascii(one_line(x.text))
    if not text:
        return f"{name} {_STANCE_PHRASE[x.stance]} it." if x.stance else ""
    if x.quoting is Quoting.VERBATIM:
        return f'{name} {"replied" if x.side is Side.US else "said"}, "{sentence(text.replace(chr(34), chr(39)))}"'
    return f"{name} {'replied that' if x.side is Side.US else 'said'} {sentence(lower_first(text))}"


def _conversation(ctx: _Context, r: Record) -> list[Para]:
    """What version 2 records add: the rest of the exchanges on a point, statements, other business, the note."""
    out: list[Para] = []
    for e in r.agenda:
        said = [t for t in (_exchange_said(ctx, r, x) for x in e.exchanges) if t]
        if said:
            out.append(
                Para(
                    highest([r.marking, e.item.marking]),
                    f"On {_topic(e.item, ctx)}: " + " ".join(said),
                )
            )
    floor = highest([r.marking, r.instruction.classification])
    statements = [t for t in (_exchange_said(ctx, r, x) for x in r.statements) if t]
    if statements:
        out.append(
            Para(floor, "Raising the subject unprompted, " + lower_first(" ".join(statements)))
        )
    other = [t for t in (_exchange_said(ctx, r, x) for x in r.other_business) if t]
    if other:
        out.append(Para(floor, "Other business: " + " ".join(other)))
    if r.notes_for_cable and r.notes.strip():
        out.append(Para(floor, sentence(to_ascii(one_line(r.notes)))))
    return out


def _not_delivered(ctx: _Context) -> Para | None:
    """Points no meeting delivered, grouped by what became of them (deferred, skipped...), and why.

    The officer's reasons (``Entry.reason``) follow, one sentence per point,
    together with those of points delivered only in part.
    """
    groups: dict[str, list[Item]] = {"deferred": [], "skipped": [], "pending": [], "left_out": []}
    for item in ctx.items:
        if item.kind is ItemKind.CONTINGENCY or ctx.delivered(item.id):
            continue
        states = [e for r in ctx.records for e in r.entries if e.item.id == item.id]
        if any(e.included and e.outcome is Outcome.DEFERRED for e in states):
            groups["deferred"].append(item)
        elif any(e.included and e.outcome is Outcome.SKIPPED for e in states):
            groups["skipped"].append(item)
        elif any(e.included for e in states):
            groups["pending"].append(item)
        else:
            groups["left_out"].append(item)
    partial = [i for i in ctx.items if ctx.only_in_part(i.id) and ctx.reason(i.id)]
    if not any(groups.values()) and not partial:
        return None
    who = _cap(ctx.who(ctx.records[0]))
    sents = []
    for key, items in groups.items():
        if not items:
            continue
        t = _topics(ctx, items)
        if key == "deferred":
            sents.append(f"{who} deferred {t} to a later meeting.")
        elif key == "skipped":
            sents.append(f"{who} did not raise {t}.")
        elif key == "pending":
            sents.append(f"The meeting did not reach {t}.")
        else:
            sents.append(f"{who} left {t} out of the presentation.")
    reasoned = [i for g in groups.values() for i in g if ctx.reason(i.id)]
    for item in reasoned:
        sents.append(f"On {_topic(item, ctx, 10)}: {_sentence(ctx.reason(item.id))}")
    for item in partial:
        sents.append(
            f"{who} delivered {_topic(item, ctx, 10)} only in part: {_sentence(ctx.reason(item.id))}"
        )
    items = [i for g in groups.values() for i in g] + partial
    marking = highest([*(r.marking for r in ctx.records), *(i.marking for i in items)])
    return Para(marking, " ".join(sents))


def _sentence(text: str) -> str:
    """`text` as the end of a sentence: ends with a full stop."""
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def _topics(ctx: _Context, items: list[Item]) -> str:
    """Name up to four points; summarise more by paragraph, naming the high-priority ones."""
    if len(items) <= 4:
        return join_words([_topic(i, ctx, 10) for i in items])
    groups: dict[tuple[ItemKind, str], list[Item]] = {}
    for i in items:
        groups.setdefault((i.kind, i.paragraph), []).append(i)
    parts = []
    for (kind, para), its in groups.items():
        noun = ctx.np_noun if kind is ItemKind.NON_PAPER else "points"
        ref = f"{ctx.reftel} para {para}" if para else ctx.reftel
        parts.append(f"{number_word(len(its))} of the {ref} {noun}")
    s = join_words(parts)
    highs = [i for i in items if i.high]
    if highs:
        s += ", among them " + join_words([_topic(i, ctx, 8) for i in highs[:3]])
        if len(highs) > 3:
            s += f" and {number_word(len(highs) - 3)} more high-priority items"
    return s


def _follow_ups(ctx: _Context) -> Para | None:
    rows: list[tuple[dt.date, str]] = []
    markings: list[Marking] = [r.marking for r in ctx.records]
    for r in ctx.records:
        for f in r.follow_ups:
            if f.owner is Owner.HOST:
                s = _promise(ctx, r, f)
            else:
                s = f"Embassy will {lower_first(strip_period(to_ascii(f.what)))}{_due(ctx, f.due)}."
                if not lower_first(f.what.strip())[:1].islower():
                    s = f"Embassy undertook: {strip_period(to_ascii(f.what))}{_due(ctx, f.due)}."
            if not f.open:
                note = f": {strip_period(to_ascii(f.close_note))}" if f.close_note.strip() else ""
                s = (
                    s[:-1]
                    + f" (done{' ' + long_date(f.closed_at, ctx.today) if f.closed_at else ''}{note})."
                )
            if f.item:
                try:
                    markings.append(r.entry(f.item).item.marking)
                except KeyError:
                    pass
            rows.append((f.due or dt.date.max, s))
    first_day = min((r.meeting.date or ctx.today) for r in ctx.records)
    deadlines = [
        d for d in ctx.records[0].deadlines if d.kind == "due" and d.date and d.date >= first_day
    ]
    rows.sort(key=lambda x: x[0])
    sents = [s for _, s in rows]
    if deadlines:
        dl = [
            f"{lower_first(strip_period(to_ascii(d.what)))}, {long_date(d.date, ctx.today)}"
            + (f" ({ctx.reftel} para {d.paragraph})" if d.paragraph else "")
            for d in sorted(deadlines, key=lambda d: d.date or dt.date.min)
        ]
        sents.append(
            f"Reftel deadlines: {'; '.join(dl)}."
            if ctx.reftel == "reftel"
            else f"Ref A deadlines: {'; '.join(dl)}."
        )
    if not sents:
        return None
    return Para(highest(markings), "Follow-up: " + " ".join(sents))


def _comment(ctx: _Context, whole: Marking) -> list[Para]:
    chunks: list[str] = []
    for r in ctx.records:
        for chunk in re.split(r"\n\s*\n", to_ascii(r.comment.strip())):
            if chunk.strip():
                chunks.append(one_line(chunk))
    chunks = [re.sub(r"^(begin )?comment[:.]\s*", "", c, flags=re.I) for c in chunks]
    chunks = [re.sub(r"\s*end comment\.?$", "", c, flags=re.I) for c in chunks]
    chunks = [c for c in chunks if c] or [COMMENT_PLACEHOLDER]
    chunks[0] = "Comment: " + chunks[0]
    chunks[-1] = (
        chunks[-1] if chunks[-1].endswith("]") else sentence(chunks[-1])
    ) + " End Comment."
    return [Para(whole, c) for c in chunks]


# ---------------------------------------------------------------------------
# Header and rendering
# ---------------------------------------------------------------------------

_SUBJECT_PREFIXES = re.compile(
    r"^(?:\((?:[A-Z/ ]{1,20})\)\s*)?(?:(?:DEMARCHE|ACTION)\s+REQUEST\s*:\s*|DEMARCHE\s*:\s*|DEMARCHE\s+ON\s+)?",
    re.I,
)


def default_subject(records: list[Record], config: PostConfig) -> str:
    """``<COUNTRY>: <TOPIC> DEMARCHE DELIVERED [TO <ORG>]`` from the instruction's subject."""
    ins = records[0].instruction
    s = one_line(to_ascii(ins.subject or records[0].title)).upper()
    s = _SUBJECT_PREFIXES.sub("", s)
    s = re.sub(r"\s*\((?:\d{4}(?:-\d{2,4})?|CORRECTED[^)]*)\)\s*$", "", s).strip()
    m = re.match(r"^([A-Z][A-Z .'-]{1,30}):\s*(.+)$", s)
    country, topic = (m.group(1).strip(), m.group(2).strip()) if m else (config.country.upper(), s)
    topic = topic + (" DELIVERED" if "DEMARCHE" in topic else " DEMARCHE DELIVERED")
    orgs = {
        r.meeting.interlocutors[0].organisation.strip().upper()
        for r in records
        if r.meeting.interlocutors
    }
    if len(orgs) == 1:
        org = orgs.pop()
        if org and len(org) <= 30:
            topic += f" TO {to_ascii(org)}"
    return f"{country}: {topic}" if country else topic


def _subject(ctx: _Context, subject: str | None) -> tuple[Marking | None, str]:
    """The subject's own marking (None when it has none) and its text, upper case."""
    s = (
        one_line(to_ascii(subject))
        if subject and subject.strip()
        else default_subject(ctx.records, ctx.config)
    )
    from ..classification import MarkingError, parse_marking

    m = re.match(r"^\(([^)]{1,30})\)\s*(.*)$", s)
    if m:
        try:
            return parse_marking(m.group(1)), m.group(2).upper()
        except MarkingError:
            pass
    return None, s.upper()


def _tags(tags: list[str]) -> str:
    """Subject tags first, two-letter country tags last, as cables order them."""
    clean = [t.strip().upper() for t in tags if t.strip()]
    subj = [t for t in clean if len(t) != 2]
    countries = [t for t in clean if len(t) == 2]
    return " ".join(subj + countries)


def _render(
    ctx: _Context,
    marking: Marking,
    subj_marking: Marking,
    subject: str,
    refs: list[str],
    paras: list[Para],
) -> str:
    cfg = ctx.config
    width = cfg.wrap_width
    ins = ctx.records[0].instruction
    classified = marking.level >= Level.C
    lines = [f"{cable_classification_line(marking)} {cfg.post_for(ins)} {SERIAL_PLACEHOLDER}", ""]
    caps = captions(marking, cfg.captions)
    lines += caps
    if cfg.passing_line.strip():
        lines += wrap(to_ascii(cfg.passing_line.upper()), width)
    if caps or cfg.passing_line.strip():
        lines.append("")
    if classified:
        decl = _add_years(ctx.today, cfg.declassify_years)
        lines.append(f"E.O. {cfg.eo_number}: DECL: {decl.strftime('%m/%d/%Y')}")
    else:
        lines.append(f"E.O. {cfg.eo_number}: N/A")
    if ins.tags:
        lines += wrap("TAGS: " + _tags(ins.tags), width)
    subj = f"{subj_marking.portion} {subject}" if classified else subject
    lines += wrap(f"SUBJECT: {subj}", width)
    lines.append("")
    if len(refs) == 1:
        lines.append(f"REF: {refs[0]}")
    else:
        for n, ref in enumerate(refs):
            letter = chr(ord("A") + n)
            lines.append(f"{'REF: ' if n == 0 else '     '}{letter}. {ref}")
    lines.append("")
    if classified:
        by = to_ascii(cfg.classified_by.strip()) or CLASSIFIED_BY_PLACEHOLDER
        lines += wrap(f"Classified By: {by}; Reasons 1.4 (b) and (d).", width)
        lines.append("")
    numbered = len(paras) > 1
    for n, p in enumerate(paras, 1):
        if p.heading:
            h = to_ascii(p.heading)
            lines += ["-" * len(h), h, "-" * len(h), ""]
        head = f"{n}. {p.marking.portion} " if numbered else f"{p.marking.portion} "
        lines += wrap(head + to_ascii(p.text), width)
        lines.append("")
    lines.append(to_ascii(cfg.signature.strip().upper()) or SIGNATURE_PLACEHOLDER)
    return "\n".join(lines) + "\n"


def _add_years(d: dt.date, years: int) -> dt.date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # February 29
        return d.replace(year=d.year + years, day=28)
