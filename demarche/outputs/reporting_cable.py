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
    MarkingError,
    cable_classification_line,
    captions,
    highest,
    parse_marking,
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
    Stage,
    Stance,
)
from ..store.settings import PostConfig, post_from_addressee
from .country_tags import report_tags
from .reported_speech import attributed, is_past, names_speaker, speech_problems, without_lead_in
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
    ctx = _context(records, config, today, refs, as_given)
    where = reporting_post(ctx.records, config, post)
    if not where:
        if require_post:
            raise DemarcheError(no_post_message(ctx.records[0]))
        where = POST_PLACEHOLDER
    paras = _paragraphs(ctx)
    marking = _reported([p.marking for p in paras])
    subj_marking, subj_text = _subject(ctx, subject, marking)
    marking = _reported([marking, subj_marking])
    return _render(ctx, where, marking, subj_marking, subj_text, paras)


def cable_marking(records: list[Record], config: PostConfig | None = None) -> Marking:
    """The classification a reporting cable on `records` carries: its highest paragraph."""
    ctx = _context(records, config or PostConfig(), None, None, False, held_only=False)
    return _reported([p.marking for p in _paragraphs(ctx)])


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


def check_held(records: list[Record], names: list[str] | None = None) -> None:
    """A meeting only prepared, never held, has nothing to report: refused, never drafted as ``[DATE]``."""
    for n, r in enumerate(records):
        if r.stage is Stage.PREPARED:
            raise DemarcheError(
                "the meeting was only prepared, never held: nothing to report (start it, or write it up from notes)",
                file=names[n] if names else r.title,
            )


def reporting_post(records: list[Record], config: PostConfig, post: str | None = None) -> str:
    """The post that reports: `post` (``--post``), the settings, a record's, else the instruction's
    only action addressee; "" when the instruction went to several posts or a collective."""
    for name in (post or "", config.post, *(r.post for r in records)):
        if name.strip():
            return to_ascii(name.strip().upper())
    to = records[0].instruction.to
    posts = [post_from_addressee(a) for a in to]
    if len(to) == 1 and posts[0]:
        return posts[0]
    return ""


def no_post_message(record: Record) -> str:
    """The one line `report` gives when it cannot tell which post reports."""
    to = record.instruction.to
    sent = (
        f"went to {len(to)} addressees"
        if len(to) > 1
        else ("went to a collective" if to else "names no addressee")
    )
    return (
        f"{record.instruction.id or 'the instruction'} {sent}: which post reports? "
        "Set [post] name in demarche.toml, or pass --post NAME"
    )


def speech_warnings(records: list[Record]) -> list[str]:
    """Notes that still read as direct speech, one line each with the sentence (for ``report --check``
    and the draft preview). Never fixed automatically: what was said is the officer's to word."""
    out: list[str] = []
    for r in records:
        names = _known_names(r)
        said = [
            (f"{e.id} ({_label(e.item, r)}), exchange {n + 1}", x)
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
# Context: the meetings in order, the items owed, names
# ---------------------------------------------------------------------------

_RANKS = [
    (
        0,
        r"\b(?:president|king|emir|amir|crown prince|prime minister|premier|chancellor|head of state)\b",
    ),
    (
        2,
        r"\b(?:vice|deputy|assistant|first deputy|state)\s+(?:foreign\s+)?minister\b|\bv/fm\b|\bdfm\b",
    ),
    (1, r"\bminister\b|\bforeign secretary\b|\bsecretary of state\b|\bfm\b"),
    (
        3,
        r"\b(?:under ?secretary|secretary general|director general|permanent secretary|ambassador)\b",
    ),
    (4, r"\b(?:director|head)\b"),
]


def seniority(person: Person | None) -> int:
    """How senior an interlocutor is by title: 0 for a head of state or government, larger below."""
    if person is None:
        return 9
    title = f" {person.title.lower()} "
    for rank, pattern in _RANKS:
        if re.search(pattern, title):
            return rank + (1 if re.search(r"\bdeputy director\b", title) else 0)
    return 6


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
        """Our side, as cables name it: by title where given (``Charge and PolOff``)."""
        names = [_our_name(p) for p in r.meeting.participants if (p.title or p.name or p.short)]
        return join_words(names) if names else (self.config.drafting_officer or "PolOff")

    def delivered(self, item_id: str) -> bool:
        """Delivered (fully or in part) or handed over in any meeting."""
        return any(
            e.item.id == item_id and e.included and (e.outcome.done or e.handed_over)
            for r in self.records
            for e in r.entries
        )

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
                    return strip_period(to_ascii(e.reason))
        return ""

    def only_in_part(self, item_id: str) -> bool:
        outcomes = {
            e.outcome
            for r in self.records
            for e in r.entries
            if e.item.id == item_id and e.included
        }
        return Outcome.PARTIAL in outcomes and Outcome.DELIVERED not in outcomes


def _context(
    records: list[Record],
    config: PostConfig,
    today: dt.date | None,
    refs: list[str] | None,
    as_given: bool,
    held_only: bool = True,
) -> _Context:
    if not records:
        raise DemarcheError("no record to report on")
    check_same_plan(records)
    if held_only:
        check_held(records)
    recs = (
        list(records)
        if as_given
        else sorted(records, key=lambda r: (seniority(_first(r)), _meeting_key(r)))
    )
    ins = recs[0].instruction
    cited = [*(x for r in recs for x in r.refs), *(refs or [])]
    ref_list = list(
        dict.fromkeys(
            [ins.id] + [x.strip().upper() for x in cited if x.strip() and x.strip() != ins.id]
        )
    )
    ctx = _Context(
        recs, config, today or dt.date.today(), "reftel" if len(ref_list) == 1 else "ref A"
    )
    ctx.refs = ref_list  # type: ignore[attr-defined]
    return ctx


def _meeting_key(r: Record) -> tuple[dt.date, float]:
    m = r.meeting
    return (m.day or dt.date.max, m.start.timestamp() if m.start else 0.0)


def _first(r: Record) -> Person | None:
    return r.meeting.interlocutors[0] if r.meeting.interlocutors else None


def _our_name(p: Person) -> str:
    """Our side by title (``Charge``, ``PolOff``) when it is short, else by short name."""
    if p.short:
        return p.short
    head = p.title.split(",")[0].strip()
    return head if head and len(head.split()) <= 3 else p.called


def _titled(p: Person) -> str:
    """The first mention of a host official in the Summary: ``MFA Deputy Director Petrov``."""
    head = p.title.split(",")[0].strip()
    org = p.organisation.strip()
    if head and len(head.split()) <= 4:
        lead = f"{org} " if org and len(org.split()) == 1 and org.isupper() else ""
        return f"{lead}{head} {p.called}"
    return p.name or p.called


def _known_names(r: Record) -> list[str]:
    """Every way the record names someone: names, short names, titles, organisations, typed speakers."""
    out: list[str] = ["Embassy", "Post", "Charge", "Ambassador", "PolOff", "EconOff", "DCM"]
    for p in r.people():
        out += [p.name, p.short, p.called, p.title.split(",")[0], p.organisation]
    for e in r.entries:
        out += [x.speaker for x in e.conversation]
    out += [x.speaker for x in r.statements + r.other_business]
    return [n for n in out if n and n.strip()]


def _speaker(r: Record, x: Exchange) -> tuple[Person | None, str]:
    """Who said `x`: the person it names (by short name, name, surname or title), and how the cable calls them."""
    s = x.speaker.strip().lower()
    pool = r.meeting.interlocutors if x.side is Side.HOST else r.meeting.participants
    if not s:
        p = pool[0] if pool else None
        if p is None:
            return None, ("the interlocutor" if x.side is Side.HOST else "PolOff")
        return p, (p.called if x.side is Side.HOST else _our_name(p))
    for p in [*pool, *r.people()]:
        if s in {
            p.short.lower(),
            p.name.lower(),
            p.called.lower(),
            surname(p.name).lower(),
            p.title.split(",")[0].strip().lower(),
        } - {""}:
            return p, (_our_name(p) if p in r.meeting.participants else p.called)
    return None, to_ascii(x.speaker.strip())


def _date(ctx: _Context, r: Record) -> str:
    d = r.meeting.day
    return long_date(d, ctx.today) if d else "[DATE]"


def _reported(parts: list[Marking]) -> Marking:
    """The marking of reporting that holds `parts`: the highest level, NOFORN only when a part is
    NOFORN. REL TO is never carried: it belongs to the points released, not to the report of the
    answer, and mixing REL and plain parts must not turn into NOFORN."""
    return highest([_plain(m) for m in parts])


def _plain(m: Marking) -> Marking:
    """A point's marking as it bears on the reporting of it: its level and NOFORN, never its REL TO."""
    return Marking(m.level, noforn=m.noforn)


_ORDINALS = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth".split()
)


def _label(item: Item, r: Record | _Context) -> str:
    """How the cable names a point: its label, else its place (``the second reftel para 3 point``)."""
    if item.label.strip():
        return to_ascii(one_line(item.label))
    items = [e.item for e in r.entries] if isinstance(r, Record) else r.items
    same = [i for i in items if i.paragraph == item.paragraph and i.kind is item.kind]
    n = next((k for k, i in enumerate(same) if i.id == item.id), 0)
    place = _ORDINALS[n] if n < len(_ORDINALS) else f"number {n + 1}"
    noun = {ItemKind.NON_PAPER: "non-paper item", ItemKind.CONTINGENCY: "contingency point"}.get(
        item.kind, "point"
    )
    para = f" para {item.paragraph}" if item.paragraph else ""
    ref = "reftel" if isinstance(r, Record) else r.reftel
    return f"the {place} {ref}{para} {noun}"


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
_STANCE_STRENGTH = [
    Stance.OBJECTED,
    Stance.ASKED_FOR_INFORMATION,
    Stance.NONCOMMITTAL,
    Stance.RECEPTIVE,
]


def _utterance(
    r: Record, x: Exchange, label: str, after_us: bool, lead: bool, name: str | None = None
) -> str:
    """One exchange as a sentence of the cable; `lead` opens the point's paragraph (names the point)."""
    _, called = _speaker(r, x)
    name = name or called
    names = _known_names(r)
    text = to_ascii(one_line(x.text))
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
    return (
        f"On {label}, {s[:1].lower() + s[1:] if s.split()[0].lower() in {'he', 'she', 'they'} else s}"
        if lead
        else s
    )


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
    return _reported(
        [
            r.marking,
            *(x.marking for x in xs if x.marking is not None),
            *(_plain(i.marking) for i in items),
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
        return _conversation_text(t.r, t.exchanges, _label(t.item, t.r))
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
                groups.setdefault(_speaker(r, x)[1], {}).setdefault(x.stance, []).append(
                    _label(t.item, r)
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


def _said_paragraphs(ctx: _Context, r: Record) -> list[Para]:
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
                    _reported(
                        [_marking_of(r, t.exchanges, [t.item] if t.item else []) for t in bare]
                    ),
                    _stances_only(r, bare, after=not first),
                    to_ascii(theme) if boxed and first and theme else "",
                )
            )
    if r.notes_for_cable and r.notes.strip():
        out.append(Para(r.marking, sentence(to_ascii(one_line(r.notes)))))
    return out


# ---------------------------------------------------------------------------
# Summary
# ---------------------------------------------------------------------------


def _news(ctx: _Context) -> list[tuple[Record, Exchange, Item | None]]:
    """What the Summary leads with: the key exchanges (host side first), else the strongest answers."""
    key: list[tuple[Record, Exchange, Item | None]] = []
    for r in ctx.records:
        for e in r.agenda:
            key += [(r, x, e.item) for x in e.conversation if x.key]
        key += [(r, x, None) for x in r.statements + r.other_business if x.key]
    if key:
        return sorted(key, key=lambda k: k[1].side is Side.US)
    strongest: list[tuple[Record, Exchange, Item | None]] = []
    for stance in _STANCE_STRENGTH:
        for r in ctx.records:
            for e in r.agenda:
                for x in e.conversation:
                    if (
                        x.side is Side.HOST
                        and x.stance is stance
                        and (x.text.strip() or not strongest)
                    ):
                        strongest.append((r, x, e.item))
                        break
        if len(strongest) >= 2:
            break
    return strongest[:2]


def _summary(ctx: _Context) -> tuple[str, list[Marking]]:
    parts: list[str] = []
    marks: list[Marking] = []
    mentioned: set[int] = set()

    def name_for(r: Record, x: Exchange) -> str:
        p, called = _speaker(r, x)
        if p is None or x.side is Side.US or id(p) in mentioned:
            return called
        mentioned.add(id(p))
        return _titled(p)

    for r, x, item in _news(ctx)[:3]:
        label = _label(item, r) if item else "the subject"
        p, called = _speaker(r, x)
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
                    who = _titled(p)
                by_who.setdefault(who, []).append(clause + _due(ctx, f.due))
                marks.append(_follow_up_marking(r, f))
    for who, clauses in list(by_who.items())[:2]:
        parts.append(sentence(f"{_cap(who)} promised {join_words(clauses[:3])}"))
    # Then, briefly, what was delivered and left.
    parts.append(_delivered_briefly(ctx))
    return "Summary: " + " ".join(parts) + " End Summary.", marks


def _delivered_briefly(ctx: _Context) -> str:
    recs = ctx.records
    left = _left_behind(ctx, None)
    tail = f" and {left}" if left else ""
    if len(recs) == 1:
        return f"{_cap(ctx.who(recs[0]))} delivered {ctx.reftel} points{tail}."
    met = [(_first(r), r) for r in recs]
    whom = join_words([f"{p.called if p else 'the host side'} ({_date(ctx, r)})" for p, r in met])
    ours = list(dict.fromkeys(ctx.who(r) for r in recs))
    who = ours[0] if len(ours) == 1 else "Embassy officers"
    return f"{_cap(who)} delivered {ctx.reftel} points in {number_word(len(recs))} meetings, to {whom}{',' if tail else ''}{tail}."


# ---------------------------------------------------------------------------
# Delivery, coverage, not delivered, follow-ups, comment
# ---------------------------------------------------------------------------


def _left_behind(ctx: _Context, r: Record | None) -> str:
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


def _coverage(ctx: _Context, r: Record) -> tuple[str, list[Item]]:
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
            f"the contingency point{plural} on {join_words([_label(i, ctx) for i in cont])}"
        )
    return join_words(parts), [i for i in ctx.items if said(i) or left(i)]


def _delivery(ctx: _Context, r: Record, heading: str) -> Para:
    """``On October 2 at the MFA, PolOff delivered all seven reftel para 8 points to <name, title>
    and left the para 9 recommendations as a non-paper.`` Then who else attended."""
    m = r.meeting
    who = ctx.who(r)
    place = f" at {to_ascii(m.place)}" if m.place.strip() else ""
    first = _first(r)
    to = to_ascii(first.describe()) if first else "[INTERLOCUTOR, TITLE, MINISTRY]"
    cov, covered = _coverage(ctx, r)
    left = _left_behind(ctx, r)
    what = cov or f"{ctx.reftel} points"
    sep = "," if "," in to and left else ""
    sents = [
        f"On {_date(ctx, r)}{place}, {who} delivered {what} to {to}{sep}{' and ' + left if left else ''}."
    ]
    others = [to_ascii(p.describe()) for p in m.interlocutors[1:] if p.describe()]
    if others:
        sents.append(f"{join_words(others)}{',' if ',' in others[-1] else ''} also attended.")
    if m.interpreter.strip():
        sents.append(f"{to_ascii(m.interpreter.strip())} interpreted.")
    return Para(
        _reported([r.marking, *(_plain(i.marking) for i in covered)]), " ".join(sents), heading
    )


def _not_delivered(ctx: _Context) -> Para | None:
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

    def named(items: list[Item]) -> str:
        return join_words(
            [_label(i, ctx) + (f" ({ctx.reason(i.id)})" if ctx.reason(i.id) else "") for i in items]
        )

    who = _cap(ctx.who(ctx.records[0]))
    sents = []
    if groups["skipped"]:
        sents.append(f"{who} did not raise {named(groups['skipped'])}.")
    if groups["deferred"]:
        sents.append(f"{who} deferred {named(groups['deferred'])} to a later meeting.")
    if groups["pending"]:
        sents.append(f"The meeting did not reach {named(groups['pending'])}.")
    if partial:
        sents.append(f"{who} raised {named(partial)} only in part.")
    items = [i for g in groups.values() for i in g] + partial
    return Para(
        _reported([*(r.marking for r in ctx.records), *(_plain(i.marking) for i in items)]),
        " ".join(sents),
    )


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:] if s else s


def _due(ctx: _Context, d: dt.date | None) -> str:
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
    what = strip_period(to_ascii(one_line(f.what)))
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
            who = _speaker(r, host[-1])[1]
    if not who:
        p = _first(r)
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
            marks.append(_plain(r.entry(f.item).item.marking))
        except KeyError:
            pass
    return _reported(marks)


def _follow_ups(ctx: _Context) -> Para | None:
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
                promised.setdefault(_cap(who), []).append((f.due or dt.date.max, s))
            else:
                what = strip_period(to_ascii(one_line(f.what)))
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
    return Para(_reported(marks), "Follow-up: " + " ".join(sents))


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


def _paragraphs(ctx: _Context) -> list[Para]:
    recs = ctx.records
    several = len(recs) > 1
    body: list[Para] = []
    for r in recs:
        p = _first(r)
        heading = f"{_titled(p) if p else 'Meeting'}, {_date(ctx, r)}" if several else ""
        body.append(_delivery(ctx, r, heading))
        body.extend(_said_paragraphs(ctx, r))
    nd = _not_delivered(ctx)
    if nd:
        body.append(nd)
    fu = _follow_ups(ctx)
    if fu:
        body.append(fu)
    text, marks = _summary(ctx)
    summary = Para(_reported([*marks, *(_delivery(ctx, r, "").marking for r in recs)]), text)
    whole = _reported([summary.marking, *(p.marking for p in body)])
    return [summary, *body, *_comment(ctx, whole)]


# ---------------------------------------------------------------------------
# Subject
# ---------------------------------------------------------------------------

_SUBJECT_PREFIXES = re.compile(
    r"^(?:\((?:[A-Z/ ]{1,20})\)\s*)?(?:(?:DEMARCHE|ACTION)\s+REQUEST\s*:\s*|DEMARCHE\s*:\s*|DEMARCHE\s+ON\s+)?",
    re.I,
)
_TITLE_ABBREVIATIONS = {
    "vice foreign minister": "V/FM",
    "deputy foreign minister": "DFM",
    "foreign minister": "FM",
    "minister of foreign affairs": "FM",
    "prime minister": "PM",
    "deputy prime minister": "DPM",
    "defense minister": "DEFMIN",
    "minister of defense": "DEFMIN",
    "interior minister": "INTMIN",
    "minister of interior": "INTMIN",
    "deputy minister": "DEPMIN",
    "director general": "DG",
    "deputy director general": "DDG",
    "under secretary": "U/S",
    "president": "PRESIDENT",
    "ambassador": "AMBASSADOR",
}
_HEADLINE_CUT = re.compile(
    r"[,;:(]|\s(?:because|which|while|although|but|as a|so that|since|after|before|when)\s", re.I
)
_HEADLINE_WORDS = 12
#: A second piece of news joins the subject only while the two fit in about two lines.
SUBJECT_BODY = 120


def host_country(records: list[Record], config: PostConfig, post: str = "") -> str:
    """The host country: the settings', else the record's audience, else the country of the post."""
    from ..audience import COUNTRIES, name_of

    for text in (
        config.country,
        *(r.audience for r in records),
        post,
        config.post,
        *(r.post for r in records),
    ):
        if text and text.strip():
            n = name_of(text)
            if n in COUNTRIES:
                return n
    for r in records:
        if len(r.instruction.to) == 1:
            n = name_of(post_from_addressee(r.instruction.to[0]))
            if n in COUNTRIES:
                return n
    return config.country.strip().upper()


def _prefix(ctx: _Context) -> tuple[str, str]:
    """(slug, country): the instruction's subject prefix (``AUSTRALIA GROUP``, ``RUSSIA``) and the host country."""
    country = host_country(ctx.records, ctx.config, getattr(ctx, "post", ""))
    ins = ctx.records[0].instruction
    s = _SUBJECT_PREFIXES.sub("", one_line(to_ascii(ins.subject or ctx.records[0].title)).upper())
    m = re.match(r"^([A-Z][A-Z .'/-]{1,30}):\s*(.+)$", s)
    return (m.group(1).strip() if m else ""), country


def default_subject(records: list[Record], config: PostConfig) -> str:
    """``<COUNTRY>: <TOPIC> DEMARCHE DELIVERED``: only when nothing was said worth a headline."""
    ins = records[0].instruction
    s = one_line(to_ascii(ins.subject or records[0].title)).upper()
    s = _SUBJECT_PREFIXES.sub("", s)
    s = re.sub(r"\s*\((?:\d{4}(?:-\d{2,4})?|CORRECTED[^)]*)\)\s*$", "", s).strip()
    m = re.match(r"^([A-Z][A-Z .'-]{1,30}):\s*(.+)$", s)
    country, topic = (
        (m.group(1).strip(), m.group(2).strip())
        if m
        else (host_country(records, config) or config.country.upper(), s)
    )
    topic = topic + (" DELIVERED" if "DEMARCHE" in topic else " DEMARCHE DELIVERED")
    return f"{country}: {topic}" if country else topic


def _headline_who(p: Person | None, called: str) -> str:
    if p is None:
        return called.upper()
    head = p.title.split(",")[0].strip().lower()
    abbr = _TITLE_ABBREVIATIONS.get(head, "")
    if not abbr and p.organisation.strip() and len(p.organisation.split()) == 1:
        abbr = f"{p.organisation.strip().upper()}'S"
    return f"{abbr} {called.upper()}".strip()


def _present(verb: str) -> str:
    """A past verb as a headline's present: ``denied`` -> ``denies``, ``said`` -> ``says``."""
    v = verb.lower()
    irregular = {
        "said": "says",
        "told": "tells",
        "made": "makes",
        "took": "takes",
        "gave": "gives",
        "saw": "sees",
        "undertook": "undertakes",
        "sought": "seeks",
        "met": "meets",
        "had": "has",
        "was": "is",
        "were": "are",
        "would": "will",
        "could": "can",
        "held": "holds",
        "left": "leaves",
        "brought": "brings",
        "thought": "thinks",
        "knew": "knows",
        "kept": "keeps",
    }
    if v in irregular:
        return irregular[v]
    if v.endswith("ied"):
        return v[:-3] + "ies"
    if v.endswith(("ssed", "shed", "ched", "xed", "zzed")):
        return v[:-2] + "es"
    stem = v[:-2]
    if v.endswith("ed") and (
        v.endswith(
            (
                "ated",
                "ised",
                "ized",
                "ued",
                "eed",
                "ored",
                "ived",
                "ined",
                "osed",
                "used",
                "aced",
                "iced",
                "ged",
                "ured",
                "ared",
                "uded",
                "ided",
                "oted",
                "uted",
                "ened",
            )
        )
        and not v.endswith(("ened",))
    ):
        return v[:-1] + "s"
    return stem + "s"


def _headline(r: Record, x: Exchange, item: Item | None) -> tuple[str, bool] | None:
    """(headline words, whether they carry their own subject) for the exchange `x`, or None."""
    text = to_ascii(one_line(x.text))
    names = _known_names(r)
    if text and x.quoting is Quoting.PARAPHRASE:
        words = without_lead_in(text).split()
        if names_speaker(text, names):
            k = next((i for i, w in enumerate(words[:5]) if is_past(w)), None)
            if k is not None:
                pre = [w for w in words[1:k] if w.lower().endswith("ly")]
                rest = " ".join(words[k + 1 :])
                rest = _HEADLINE_CUT.split(rest, maxsplit=1)[0].strip()
                phrase = " ".join([*pre, _present(words[k]), *rest.split()[:_HEADLINE_WORDS]])
                return strip_period(phrase).upper(), False
        m = re.match(r"^(?P<s>[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*){0,2})\s+would\s+(?P<v>.+)$", text)
        if m:
            rest = _HEADLINE_CUT.split(m.group("v"), maxsplit=1)[0]
            return strip_period(
                f"{m.group('s')} to {' '.join(rest.split()[:_HEADLINE_WORDS])}"
            ).upper(), True
    if (
        text
        and x.quoting is Quoting.PARAPHRASE
        and not (item is not None and x.stance is not None and item.label.strip())
    ):
        rest = _HEADLINE_CUT.split(lower_first(text), maxsplit=1)[0]
        return strip_period("SAYS " + " ".join(rest.split()[:_HEADLINE_WORDS])).upper(), False
    if item is not None and x.stance is not None and item.label.strip():
        verbs = {
            Stance.OBJECTED: "PUSHES BACK ON",
            Stance.RECEPTIVE: "RECEPTIVE ON",
            Stance.NONCOMMITTAL: "NONCOMMITTAL ON",
            Stance.ASKED_FOR_INFORMATION: "ASKS ABOUT",
            Stance.NO_RESPONSE: "SILENT ON",
        }
        label = re.sub(r"^the\s+", "", one_line(to_ascii(item.label)), flags=re.I)
        return f"{verbs[x.stance]} {label.upper()}", False
    return None


def drafted_subject(ctx: _Context) -> str:
    """The news with the country, from the key exchanges (at most two of one speaker), else the
    strongest answer; the ``DEMARCHE DELIVERED`` form only when nothing was said."""
    slug, country = _prefix(ctx)
    news = [(r, x, i) for r, x, i in _news(ctx) if x.side is Side.HOST]
    phrases: list[str] = []
    who = ""
    own = False
    first_speaker = None
    for r, x, item in news:
        h = _headline(r, x, item)
        if h is None:
            continue
        p, called = _speaker(r, x)
        if first_speaker is None:
            first_speaker = (p, called)
            who, own = _headline_who(p, called), h[1]
            phrases.append(h[0])
        elif (
            (p, called) == first_speaker
            and not h[1]
            and not own
            and len(phrases) < 2
            and len(phrases[0]) + len(h[0]) <= SUBJECT_BODY
        ):
            phrases.append(h[0])
    if not phrases:
        return default_subject(ctx.records, ctx.config)
    body = ", ".join(phrases) if own else f"{who} {', '.join(phrases)}"
    lead = [t for t in (slug, country) if t]
    if len(lead) == 2 and (lead[0] == lead[1] or body.startswith(lead[1])):
        lead = lead[:1]
    if body.startswith(lead[-1] if lead else "\0"):
        lead = lead[:-1]
    return ": ".join([*lead, body])


def _subject(ctx: _Context, subject: str | None, cable: Marking) -> tuple[Marking, str]:
    """The subject and its marking: as the officer wrote it (``--subject``, the record's), else drafted;
    marked as written, else at the cable's level."""
    typed = (
        subject
        if subject and subject.strip()
        else next((r.subject for r in ctx.records if r.subject.strip()), "")
    )
    s = one_line(to_ascii(typed)) if typed.strip() else drafted_subject(ctx)
    m = re.match(r"^\(([^)]{1,30})\)\s*(.*)$", s)
    if m:
        try:
            return parse_marking(m.group(1)), m.group(2).upper()
        except MarkingError:
            pass
    return cable, s.upper()


# ---------------------------------------------------------------------------
# Rendering
# ---------------------------------------------------------------------------


def _render(
    ctx: _Context,
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
