"""The reporting cable draft: the news first, what was said in reported speech, what follows.

`draft_reporting_cable(records, config)` writes a cable in the form of the
real reports (DOMAIN.md, "Anatomy of a reporting cable"): classification line
with a placeholder serial, captions, E.O., TAGS, SUBJECT, REF, numbered and
marked paragraphs, and the chief of mission's surname last.

- Summary: stands alone. Who (title and name) said what matters, from the
  exchanges marked key (else the strongest answers), what was promised, then
  briefly what was delivered and left. No stance tallies.
- Subject: the news with the country, drafted from the key exchange (the
  record's `subject` when the officer wrote one).
- Delivery: who delivered what to whom, when; the non-paper as one document.
- What was said: one paragraph per point's conversation, grouped by theme
  (key exchanges first, then objections, then the rest), each speaker named
  by short name after the first mention; what the host raised unprompted and
  other business in their own paragraphs (`reported_speech` frames the notes).
- Points not delivered (this meeting's audience's only, by label, with
  reasons), follow-ups (each once), Comment.

Several records of the same plan make one cable: the most senior
interlocutor's meeting first (or the order given), a heading per meeting.

Markings: a paragraph is marked from what it carries: the record's floor,
the officer's marking of an exchange, the level of the points it names (a
point's REL TO belongs to the point, not to the reporting of the answer, so
it never makes a paragraph NOFORN). The cable is the highest paragraph; the
subject is marked as the officer marked it, else at the cable's level.
Personal cues and notes for post are never used.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ..classification import (
    Level,
    Marking,
    cable_classification_line,
    captions,
)
from ..errors import DemarcheError
from ..model import (
    Exchange,
    FollowUp,
    Item,
    ItemKind,
    Outcome,
    Owner,
    Person,
    Quoting,
    Record,
    Side,
    Stance,
)
from ..store.settings import PostConfig
from .cable_subject import subject_line
from .country_tags import report_tags
from .reporting_context import (
    Context,
    cap,
    first_interlocutor,
    host_country,
    known_names,
    label_of,
    make_context,
    meeting_date,
    news,
    no_post_message,
    plain,
    reported_marking,
    reporting_post,
    speaker_of,
    titled,
)
from .reported_speech import attributed, is_past, names_speaker, speech_problems
from .telegram_text import (
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
POST_PLACEHOLDER = "[POST]"

#: Above this many themes, each theme gets a boxed heading (as real reports do for long cables).
HEADINGS_ABOVE = 3


@dataclass
class Para:
    """One numbered paragraph before wrapping: its marking and its text."""

    marking: Marking
    text: str
    heading: str = ""
    """A dash-boxed heading printed above it (a meeting, a theme)."""


# ---------------------------------------------------------------------------
# Entry points
# ---------------------------------------------------------------------------


def draft_reporting_cable(
    records: list[Record],
    config: PostConfig,
    today: dt.date | None = None,
    subject: str | None = None,
    refs: list[str] | None = None,
    post: str | None = None,
    as_given: bool = False,
    require_post: bool = False,
) -> str:
    """The draft reporting cable for one or more meetings of the same plan, as ASCII text.

    `post` names the reporting post (else the settings, the record, or the
    instruction's only action addressee); with `require_post` a cable with
    none is refused, otherwise it carries a placeholder the layout check
    reports. `as_given` keeps the meetings in the order given instead of
    the most senior interlocutor first.
    """
    ctx = make_context(records, config, today, refs, as_given)
    where = reporting_post(ctx.records, config, post)
    if not where:
        if require_post:
            raise DemarcheError(no_post_message(ctx.records[0]))
        where = POST_PLACEHOLDER
    paras = _paragraphs(ctx)
    marking = reported_marking([p.marking for p in paras])
    subj_marking, subj_text = subject_line(ctx, subject, marking)
    marking = reported_marking([marking, subj_marking])
    return _render(ctx, where, marking, subj_marking, subj_text, paras)


def cable_marking(records: list[Record], config: PostConfig | None = None) -> Marking:
    """The classification a reporting cable on `records` carries: its highest paragraph."""
    ctx = make_context(records, config or PostConfig(), None, None, False, held_only=False)
    return reported_marking([p.marking for p in _paragraphs(ctx)])


def speech_warnings(records: list[Record]) -> list[str]:
    """Notes that still read as direct speech, one line each with the sentence (for ``report --check``
    and the draft preview). Never fixed automatically: what was said is the officer's to word."""
    out: list[str] = []
    for r in records:
        names = known_names(r)
        said = [
            (f"{e.id} ({label_of(e.item, r)}), exchange {n + 1}", x)
            for e in r.agenda
            for n, x in enumerate(e.conversation)
        ]
        said += [(f"statement {n + 1}", x) for n, x in enumerate(r.statements)]
        said += [(f"other business {n + 1}", x) for n, x in enumerate(r.other_business)]
        for where, x in said:
            verbatim = x.quoting is Quoting.VERBATIM
            out += [
                str(p)
                for p in speech_problems(x.text, where, names, verbatim, host=x.side is Side.HOST)
            ]
        if r.notes_for_cable:
            out += [str(p) for p in speech_problems(r.notes, "notes", names, host=False)]
    return out


# ---------------------------------------------------------------------------
# What was said: one conversation as sentences
# ---------------------------------------------------------------------------

_STANCE_PHRASE = {
    Stance.RECEPTIVE: "responded positively to",
    Stance.NONCOMMITTAL: "was noncommittal on",
    Stance.OBJECTED: "objected to",
    Stance.ASKED_FOR_INFORMATION: "asked for more information on",
    Stance.NO_RESPONSE: "did not respond to",
}


def _utterance(
    r: Record, x: Exchange, label: str, after_us: bool, lead: bool, name: str | None = None
) -> str:
    """One exchange as a sentence of the cable; `lead` opens the point's paragraph (names the point)."""
    _, called = speaker_of(r, x)
    name = name or called
    names = known_names(r)
    text = one_line(to_ascii(x.text))
    us = x.side is Side.US
    if not text:
        if x.stance is None:
            return ""
        return f"{name} {_STANCE_PHRASE[x.stance]} {_pointed(label, x.stance)}."
    if x.quoting is Quoting.VERBATIM:
        q = sentence(text.replace('"', "'"))
        if lead and x.stance is not None and not us:
            return f'{name} {_STANCE_PHRASE[x.stance]} {label}: "{q}"'
        verb = "replied" if us else ("responded" if after_us else "said")
        s = f'{name} {verb}, "{q}"'
        return f"On {label}, {s}" if lead else s
    if names_speaker(text, names):
        s = sentence(text[:1].upper() + text[1:])
        if lead:
            first = s.split()[0]
            s = s[:1].lower() + s[1:] if first.lower() in {"he", "she", "they"} else s
            return f"On {label}, {s}"
        return s
    if lead and x.stance is not None and x.stance is not Stance.NO_RESPONSE and not us:
        stance = _STANCE_PHRASE[x.stance]
        if is_past(text.split()[0]):
            return sentence(f"{name} {stance} {label} and {text[:1].lower()}{text[1:]}")
        return sentence(f"{name} {stance} {label}, saying {lower_first(text)}")
    verb = (
        ("said" if lead else "replied that") if us else ("responded that" if after_us else "said")
    )
    s = attributed(text, name, names, verb)
    if not lead or not s:
        return s
    return f"On {label}, {s[:1].lower() + s[1:] if s.split()[0].lower() in {'he', 'she', 'they'} else s}"


def _pointed(label: str, stance: Stance | None) -> str:
    """``the point on X`` after "did not respond to": one does not respond to "a Hizballah operation"."""
    if stance is Stance.NO_RESPONSE and not re.match(
        r"^the (?:\w+ )*(?:point|recommendation|item)\b", label
    ):
        return f"the point on {label}" if " and " not in label else f"the points on {label}"
    return label


def _starts_lower_word(text: str) -> bool:
    first = text.split()[0]
    return lower_first(first) != first


def _conversation_text(r: Record, xs: list[Exchange], label: str, lead: bool = True) -> str:
    out: list[str] = []
    prev_us = False
    for n, x in enumerate(xs):
        s = _utterance(r, x, label, prev_us, lead and n == 0)
        if s:
            out.append(s)
        prev_us = x.side is Side.US
    return " ".join(out)


def _marking_of(r: Record, xs: list[Exchange], items: list[Item]) -> Marking:
    return reported_marking(
        [
            r.marking,
            *(x.marking for x in xs if x.marking is not None),
            *(plain(i.marking) for i in items),
        ]
    )


@dataclass
class _Talk:
    """A paragraph's worth of what was said: on a point, unprompted, or other business."""

    r: Record
    exchanges: list[Exchange]
    item: Item | None = None
    kind: str = "point"
    theme: str = ""
    order: int = 0
    extra: list[Item] = field(default_factory=list)

    @property
    def key(self) -> bool:
        return any(x.key for x in self.exchanges)

    @property
    def objection(self) -> bool:
        return any(x.stance is Stance.OBJECTED for x in self.exchanges)


def _talks(r: Record) -> list[_Talk]:
    out: list[_Talk] = []
    for e in r.agenda:
        xs = [x for x in e.conversation if x.text.strip() or x.stance is not None]
        if xs:
            theme = next((x.theme for x in xs if x.theme.strip()), "")
            out.append(_Talk(r, xs, e.item, "point", theme, len(out)))
    for kind, xs in (("statement", r.statements), ("other", r.other_business)):
        groups: dict[str, list[Exchange]] = {}
        for x in xs:
            if x.text.strip() or x.stance is not None:
                groups.setdefault(x.theme.strip(), []).append(x)
        for theme, gx in groups.items():
            out.append(_Talk(r, gx, None, kind, theme, len(out)))
    return out


def _talk_text(t: _Talk) -> str:
    if t.item is not None:
        return _conversation_text(t.r, t.exchanges, label_of(t.item, t.r))
    body = _conversation_text(t.r, t.exchanges, "", lead=False)
    if t.kind == "statement" and body:
        return (
            body
            if re.match(r"^(?:Unprompted|Raising|He|She|They)\b", body)
            else f"Unprompted, {body[:1].lower() + body[1:] if _starts_lower_word(body) else body}"
        )
    return body


def _stances_only(r: Record, talks: list[_Talk], after: bool) -> str:
    """``Petrov also responded positively to X and Y and asked for more information on Z.``"""
    groups: dict[str, dict[Stance, list[str]]] = {}
    for t in talks:
        for x in t.exchanges:
            if x.stance is not None and t.item is not None:
                groups.setdefault(speaker_of(r, x)[1], {}).setdefault(x.stance, []).append(
                    label_of(t.item, r)
                )
    sents = []
    for name, stances in groups.items():
        verbs = [
            f"{_STANCE_PHRASE[st]} {_pointed(join_words(labels), st)}"
            for st, labels in stances.items()
        ]
        also = " also" if after and set(stances) != {Stance.NO_RESPONSE} else ""
        sents.append(f"{name}{also} {join_words(verbs)}.")
    return " ".join(sents)


def _by_weight(talks: list[_Talk]) -> list[_Talk]:
    """Key first, then objections, then the rest; unprompted statements and other business after the points."""
    rank = {"point": 0, "statement": 1, "other": 2}
    return sorted(
        talks, key=lambda t: (0 if t.key else 1 if t.objection else 2, rank[t.kind], t.order)
    )


def _said_paragraphs(ctx: Context, r: Record) -> list[Para]:
    talks = _talks(r)
    themes: dict[str, list[_Talk]] = {}
    for t in talks:
        themes.setdefault(t.theme, []).append(t)
    named = [k for k in themes if k]
    boxed = len(named) > HEADINGS_ABOVE

    def weight(theme: str) -> tuple[int, int]:
        ts = themes[theme]
        kinds = min({"point": 0, "statement": 1, "other": 2}[t.kind] for t in ts)
        return (
            0 if any(t.key for t in ts) else 1 if any(t.objection for t in ts) else 2 + kinds,
            min(t.order for t in ts),
        )

    out: list[Para] = []
    for theme in sorted(themes, key=weight):
        first = True
        bare: list[_Talk] = []
        for t in _by_weight(themes[theme]):
            if t.item is not None and not any(x.text.strip() for x in t.exchanges):
                bare.append(t)  # a stance without words: said together, after the conversations
                continue
            text = _talk_text(t)
            if not text:
                continue
            items = [t.item] if t.item else []
            out.append(
                Para(
                    _marking_of(r, t.exchanges, items),
                    text,
                    to_ascii(theme) if boxed and first and theme else "",
                )
            )
            first = False
        if bare:
            out.append(
                Para(
                    reported_marking(
                        [_marking_of(r, t.exchanges, [t.item] if t.item else []) for t in bare]
                    ),
                    _stances_only(r, bare, after=not first),
                    to_ascii(theme) if boxed and first and theme else "",
                )
            )
    if r.notes_for_cable and r.notes.strip():
        out.append(Para(r.marking, sentence(one_line(to_ascii(r.notes)))))
    return out


# ---------------------------------------------------------------------------
# Summary
# ---------------------------------------------------------------------------


def _summary(ctx: Context) -> tuple[str, list[Marking]]:
    parts: list[str] = []
    marks: list[Marking] = []
    mentioned: set[int] = set()

    def name_for(r: Record, x: Exchange) -> str:
        p, called = speaker_of(r, x)
        if p is None or x.side is Side.US or id(p) in mentioned:
            return called
        mentioned.add(id(p))
        return titled(p)

    for r, x, item in news(ctx)[:3]:
        label = label_of(item, r) if item else "the subject"
        p, called = speaker_of(r, x)
        full = name_for(r, x)
        s = _utterance(r, x, label, False, lead=item is not None and not x.text.strip(), name=full)
        if s and full != called and s.startswith(called + " "):
            s = full + s[len(called) :]
        elif s and full != called and not s.startswith(full) and names_speaker(s, [called]):
            s = re.sub(rf"\b{re.escape(called)}\b", full, s, count=1)
        if s:
            parts.append(s)
            marks.append(_marking_of(r, [x], [item] if item else []))
    # What was asked and promised.
    by_who: dict[str, list[str]] = {}
    for r in ctx.records:
        for f in r.follow_ups:
            if f.owner is Owner.HOST:
                who, clause = _promise_parts(r, f)
                p = _person_named(r, who)
                if p is not None and id(p) not in mentioned:
                    mentioned.add(id(p))
                    who = titled(p)
                by_who.setdefault(who, []).append(clause + _due(ctx, f.due))
                marks.append(_follow_up_marking(r, f))
    for who, clauses in list(by_who.items())[:2]:
        parts.append(sentence(f"{cap(who)} promised {join_words(clauses[:3])}"))
    # Then, briefly, what was delivered and left.
    parts.append(_delivered_briefly(ctx))
    return "Summary: " + " ".join(parts) + " End Summary.", marks


def _delivered_briefly(ctx: Context) -> str:
    recs = ctx.records
    left = _left_behind(ctx, None)
    tail = f" and {left}" if left else ""
    if len(recs) == 1:
        # All the points: "reftel points", as the reports say; some: which (`_coverage`),
        # never a summary that reads as if every point was made.
        points = [i for i in ctx.items if i.kind is ItemKind.TALKING_POINT]
        covered, _ = _coverage(ctx, recs[0])
        every = all(ctx.delivered(i.id) for i in points)
        what = covered if covered and not every else f"{ctx.reftel} points"
        return f"{cap(ctx.who(recs[0]))} delivered {what}{tail}."
    met = [(first_interlocutor(r), r) for r in recs]
    whom = join_words(
        [f"{p.called if p else 'the host side'} ({meeting_date(ctx, r)})" for p, r in met]
    )
    ours = list(dict.fromkeys(ctx.who(r) for r in recs))
    who = ours[0] if len(ours) == 1 else "Embassy officers"
    return f"{cap(who)} delivered {ctx.reftel} points in {number_word(len(recs))} meetings, to {whom}{',' if tail else ''}{tail}."


# ---------------------------------------------------------------------------
# Delivery, coverage, not delivered, follow-ups, comment
# ---------------------------------------------------------------------------


def _left_behind(ctx: Context, r: Record | None) -> str:
    """``left the para 9 recommendations as a non-paper``: the non-paper is one document."""
    handed = [
        i
        for i in ctx.items
        if i.kind is ItemKind.NON_PAPER
        and (
            ctx.handed(i.id)
            if r is None
            else any(e.item.id == i.id and e.included and e.handed_over for e in r.entries)
        )
    ]
    if not handed:
        return ""
    paras = list(dict.fromkeys(i.paragraph for i in handed if i.paragraph))
    where = f"the para {join_words(paras)} {ctx.np_noun}" if paras else "the non-paper"
    return f"left {where} as a non-paper" if paras else "left the non-paper"


def _coverage(ctx: Context, r: Record) -> tuple[str, list[Item]]:
    """``all seven reftel para 8 points`` for one meeting, with the points covered.

    Non-paper items handed over are not counted here: the non-paper is one
    document (`_left_behind`); presented orally only, they are named by paragraph.
    """

    def said(i: Item) -> bool:
        return any(e.item.id == i.id and e.included and e.outcome.done for e in r.entries)

    def left(i: Item) -> bool:
        return any(e.item.id == i.id and e.included and e.handed_over for e in r.entries)

    parts: list[str] = []
    points = [i for i in ctx.items if i.kind is ItemKind.TALKING_POINT]
    for para in dict.fromkeys(i.paragraph for i in points):
        allp = [i for i in points if i.paragraph == para]
        d = [i for i in allp if said(i)]
        ref = f"{ctx.reftel} para {para}" if para else ctx.reftel
        if d and len(d) == len(allp):
            parts.append(
                f"all {number_word(len(allp))} {ref} points"
                if len(allp) > 1
                else f"the {ref} point"
            )
        elif d:
            parts.append(f"{number_word(len(d))} of the {number_word(len(allp))} {ref} points")
    np_all = [i for i in ctx.items if i.kind is ItemKind.NON_PAPER]
    oral = [i for i in np_all if said(i)]
    handed = [i for i in np_all if left(i)]
    if oral and not handed:
        paras = list(dict.fromkeys(i.paragraph for i in oral if i.paragraph))
        where = f"para {join_words(paras)} {ctx.np_noun}" if paras else f"non-paper {ctx.np_noun}"
        many = "the" if len(oral) == len(np_all) else f"{number_word(len(oral))} of the"
        parts.append(f"{many} {where}")
    cont = [i for i in ctx.items if i.kind is ItemKind.CONTINGENCY and said(i)]
    if cont:
        plural = "s" if len(cont) > 1 else ""
        parts.append(
            f"the contingency point{plural} on {join_words([label_of(i, ctx) for i in cont])}"
        )
    return join_words(parts), [i for i in ctx.items if said(i) or left(i)]


def _delivery(ctx: Context, r: Record, heading: str) -> Para:
    """``On October 2 at the MFA, PolOff delivered all seven reftel para 8 points to <name, title>
    and left the para 9 recommendations as a non-paper.`` Then who else attended."""
    m = r.meeting
    who = ctx.who(r)
    place = f" at {to_ascii(m.place)}" if m.place.strip() else ""
    first = first_interlocutor(r)
    to = to_ascii(first.describe()) if first else "[INTERLOCUTOR, TITLE, MINISTRY]"
    cov, covered = _coverage(ctx, r)
    left = _left_behind(ctx, r)
    what = cov or f"{ctx.reftel} points"
    sep = "," if "," in to and left else ""
    sents = [
        f"On {meeting_date(ctx, r)}{place}, {who} delivered {what} to {to}{sep}{' and ' + left if left else ''}."
    ]
    others = [to_ascii(p.describe()) for p in m.interlocutors[1:] if p.describe()]
    if others:
        sents.append(f"{join_words(others)}{',' if ',' in others[-1] else ''} also attended.")
    if m.interpreter_name:
        sents.append(f"{to_ascii(m.interpreter_name)} interpreted.")
    return Para(
        reported_marking([r.marking, *(plain(i.marking) for i in covered)]),
        " ".join(sents),
        heading,
    )


#: Items named one by one in "did not raise / deferred / did not reach"; more are counted.
MAX_NAMED = 6


def _points(items: list[Item]) -> str:
    """What a number of items is called: ``points``, ``non-paper items``, or ``items`` for both."""
    kinds = {i.kind for i in items}
    if kinds <= {ItemKind.TALKING_POINT, ItemKind.CONTINGENCY}:
        return "points"
    if kinds == {ItemKind.NON_PAPER}:
        return "non-paper items"
    return "items"


def _not_delivered(ctx: Context) -> Para | None:
    """One plain paragraph: this meeting's points skipped, deferred or not reached, by label, with reasons."""
    groups: dict[str, list[Item]] = {"skipped": [], "deferred": [], "pending": []}
    for item in ctx.items:
        if item.kind is ItemKind.CONTINGENCY or ctx.delivered(item.id):
            continue
        states = [e for r in ctx.records for e in r.entries if e.item.id == item.id and r.owes(e)]
        if any(e.included and e.outcome is Outcome.DEFERRED for e in states):
            groups["deferred"].append(item)
        elif any(e.included and e.outcome is Outcome.PENDING for e in states) and not any(
            e.outcome is Outcome.SKIPPED for e in states
        ):
            groups["pending"].append(item)
        else:
            groups["skipped"].append(item)
    partial = [i for i in ctx.items if ctx.only_in_part(i.id)]
    if not any(groups.values()) and not partial:
        return None

    def one(i: Item) -> str:
        return label_of(i, ctx) + (f" ({ctx.reason(i.id)})" if ctx.reason(i.id) else "")

    def named(items: list[Item], remaining: bool = False) -> str:
        """The items by label; past `MAX_NAMED`, their number, naming those that matter.

        A list of 27 labels is what a reporting officer rewrites as "the
        remaining 27 points": what is high priority or has a reason stays named.
        """
        if len(items) <= MAX_NAMED:
            return join_words([one(i) for i in items])
        count = f"{'the remaining ' if remaining else ''}{len(items)} {_points(items)}"
        notable = [i for i in items if i.high or ctx.reason(i.id)]
        if not notable:
            return count
        shown = join_words([one(i) for i in notable[:MAX_NAMED]])
        more = len(notable) - MAX_NAMED
        return f"{count}, among them {shown}" + (
            f" and {more} more of high priority" if more > 0 else ""
        )

    who = cap(ctx.who(ctx.records[0]))
    sents = []
    if groups["skipped"]:
        sents.append(f"{who} did not raise {named(groups['skipped'])}.")
    if groups["deferred"]:
        what = named(groups["deferred"])
        # "deferred 12 points, among them X, to a later meeting" reads badly: the list goes last.
        sents.append(
            f"{who} deferred {what} to a later meeting."
            if len(groups["deferred"]) <= MAX_NAMED
            else f"{who} deferred to a later meeting {what}."
        )
    if groups["pending"]:
        # "the remaining 17": after some were made; with none made, "24 items".
        some = any(ctx.delivered(i.id) for i in ctx.items)
        sents.append(f"The meeting did not reach {named(groups['pending'], remaining=some)}.")
    if partial:
        sents.append(f"{who} raised {named(partial)} only in part.")
    items = [i for g in groups.values() for i in g] + partial
    return Para(
        reported_marking([*(r.marking for r in ctx.records), *(plain(i.marking) for i in items)]),
        " ".join(sents),
    )


def _due(ctx: Context, d: dt.date | None) -> str:
    return f" by {long_date(d, ctx.today)}" if d else ""


_TO_DO = re.compile(
    r"^(?P<who>(?:the\s+)?[A-Z][\w/.'-]*(?:\s+[A-Z][\w/.'-]*){0,3})\s+(?:to|will)\s+(?P<what>.+)$"
)


def _person_named(r: Record, who: str) -> Person | None:
    w = who.strip().lower()
    for p in r.people():
        if w and w in {
            p.short.lower(),
            p.called.lower(),
            p.name.lower(),
            surname(p.name).lower(),
        } - {""}:
            return p
    return None


def _promise_parts(r: Record, f: FollowUp) -> tuple[str, str]:
    """(who, ``to send the statistics``) for a host promise: the one it names (``MFA to send...``), else
    the last host speaker on the point it arose from, else the first interlocutor."""
    what = strip_period(one_line(to_ascii(f.what)))
    who = ""
    m = _TO_DO.match(what)
    if m and m.group("who").split()[0].lower() not in IMPERATIVE_WORDS:
        who, what = m.group("who"), m.group("what")
    if not who and f.item:
        e = next((e for e in r.entries if e.id == f.item), None)
        host = [
            x for x in (e.conversation if e else []) if x.side is Side.HOST and x.speaker.strip()
        ]
        if host:
            who = speaker_of(r, host[-1])[1]
    if not who:
        p = first_interlocutor(r)
        who = p.called if p else "the host side"
    p = _person_named(r, who)
    if p is not None:
        who = p.called
    first = what.split()[0] if what.split() else ""
    # "Convey the message" is a note of what to do: the verb is the promise's, not a name.
    if first and first[1:] == first[1:].lower() and _person_named(r, first) is None:
        what = first.lower() + what[len(first) :]
    return who, (what if what.startswith(("to ", "that ")) else f"to {what}")


#: Words that open a note of a promise as a command (``Provide statistics``), never a name.
IMPERATIVE_WORDS = {
    "provide",
    "send",
    "review",
    "share",
    "convey",
    "look",
    "follow",
    "consider",
    "check",
    "confirm",
    "the",
}


def _follow_up_marking(r: Record, f: FollowUp) -> Marking:
    marks = [r.marking]
    if f.item:
        try:
            marks.append(plain(r.entry(f.item).item.marking))
        except KeyError:
            pass
    return reported_marking(marks)


def _follow_ups(ctx: Context) -> Para | None:
    """Who owes what, by when, each once, in due order. The instruction's own deadlines are not echoed:
    this cable is what they asked for, and the Department knows its own dates."""
    promised: dict[str, list[tuple[dt.date, str]]] = {}
    ours: list[tuple[dt.date, int, str]] = []
    marks: list[Marking] = [r.marking for r in ctx.records]
    seen: set[object] = set()
    for r in ctx.records:
        for f in r.follow_ups:
            done = ""
            if not f.open:
                note = f": {strip_period(to_ascii(f.close_note))}" if f.close_note.strip() else ""
                done = (
                    f" (done{' ' + long_date(f.closed_at, ctx.today) if f.closed_at else ''}{note})"
                )
            if f.owner is Owner.HOST:
                who, clause = _promise_parts(r, f)
                s = f"{clause}{_due(ctx, f.due)}{done}"
                if (who, s) in seen:
                    continue
                seen.add((who, s))
                promised.setdefault(cap(who), []).append((f.due or dt.date.max, s))
            else:
                what = strip_period(one_line(to_ascii(f.what)))
                what = re.sub(
                    r"^(?:the\s+)?(?:embassy|post|we)\s+(?:to|will)\s+", "", what, flags=re.I
                )
                first = what.split()[0] if what.split() else ""
                if first[1:] == first[1:].lower() and _person_named(r, first) is None:
                    what = first.lower() + what[len(first) :]
                s = f"Embassy will {what}{_due(ctx, f.due)}{done}."
                if s in seen:
                    continue
                seen.add(s)
                ours.append((f.due or dt.date.max, len(ours), s))
            marks.append(_follow_up_marking(r, f))
    sents = [
        sentence(f"{who} promised {join_words([c for _, c in sorted(cs, key=lambda c: c[0])])}")
        for who, cs in promised.items()
    ]
    sents += [s for _, _, s in sorted(ours)]
    if not sents:
        return None
    return Para(reported_marking(marks), "Follow-up: " + " ".join(sents))


def _comment(ctx: Context, whole: Marking) -> list[Para]:
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


def _paragraphs(ctx: Context) -> list[Para]:
    recs = ctx.records
    several = len(recs) > 1
    body: list[Para] = []
    for r in recs:
        p = first_interlocutor(r)
        heading = f"{titled(p) if p else 'Meeting'}, {meeting_date(ctx, r)}" if several else ""
        body.append(_delivery(ctx, r, heading))
        body.extend(_said_paragraphs(ctx, r))
    nd = _not_delivered(ctx)
    if nd:
        body.append(nd)
    fu = _follow_ups(ctx)
    if fu:
        body.append(fu)
    text, marks = _summary(ctx)
    summary = Para(reported_marking([*marks, *(_delivery(ctx, r, "").marking for r in recs)]), text)
    whole = reported_marking([summary.marking, *(p.marking for p in body)])
    return [summary, *body, *_comment(ctx, whole)]


# ---------------------------------------------------------------------------
# Rendering
# ---------------------------------------------------------------------------


def _render(
    ctx: Context,
    post: str,
    marking: Marking,
    subj_marking: Marking,
    subject: str,
    paras: list[Para],
) -> str:
    cfg = ctx.config
    width = cfg.wrap_width
    ins = ctx.records[0].instruction
    refs: list[str] = getattr(ctx, "refs", [ins.id])
    classified = marking.level >= Level.C
    lines = [f"{cable_classification_line(marking)} {post} {SERIAL_PLACEHOLDER}", ""]
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
    tags = report_tags(
        ins.tags, host_country(ctx.records, cfg, post if post != POST_PLACEHOLDER else "")
    )
    if tags:
        lines += wrap("TAGS: " + " ".join(tags), width)
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
