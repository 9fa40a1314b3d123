"""Who met whom and how the reporting cable names them: the shared context of a draft.

The meetings of one cable in order (the most senior interlocutor first), the
items they owed, the people and how each is called after the first mention,
how a point is named (its label), what the Summary and the subject lead with
(`news`), the reporting post and the host country, and the one rule of
reporting markings (`reported_marking`). Used by `reporting_cable` and
`cable_subject`; plain Python.
"""

from __future__ import annotations

import datetime as dt
import re

from ..audience import COUNTRIES, name_of
from ..classification import Marking, highest
from ..errors import DemarcheError
from ..model import Exchange, Item, ItemKind, Outcome, Person, Record, Side, Stage, Stance
from ..store.settings import PostConfig, post_from_addressee
from .telegram_text import join_words, long_date, one_line, strip_period, surname, to_ascii


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


class Context:
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
        names = [our_name(p) for p in r.meeting.participants if (p.title or p.name or p.short)]
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


def make_context(
    records: list[Record],
    config: PostConfig,
    today: dt.date | None,
    refs: list[str] | None,
    as_given: bool,
    held_only: bool = True,
) -> Context:
    if not records:
        raise DemarcheError("no record to report on")
    check_same_plan(records)
    if held_only:
        check_held(records)
    recs = (
        list(records)
        if as_given
        else sorted(records, key=lambda r: (seniority(first_interlocutor(r)), _meeting_key(r)))
    )
    ins = recs[0].instruction
    cited = [*(x for r in recs for x in r.refs), *(refs or [])]
    ref_list = list(
        dict.fromkeys(
            [ins.id] + [x.strip().upper() for x in cited if x.strip() and x.strip() != ins.id]
        )
    )
    ctx = Context(
        recs, config, today or dt.date.today(), "reftel" if len(ref_list) == 1 else "ref A"
    )
    ctx.refs = ref_list  # type: ignore[attr-defined]
    return ctx


def _meeting_key(r: Record) -> tuple[dt.date, float]:
    m = r.meeting
    return (m.day or dt.date.max, m.start.timestamp() if m.start else 0.0)


def first_interlocutor(r: Record) -> Person | None:
    return r.meeting.interlocutors[0] if r.meeting.interlocutors else None


def our_name(p: Person) -> str:
    """Our side by title (``Charge``, ``PolOff``) when it is short, else by short name."""
    if p.short:
        return p.short
    head = p.title.split(",")[0].strip()
    return head if head and len(head.split()) <= 3 else p.called


def titled(p: Person) -> str:
    """The first mention of a host official in the Summary: ``MFA Deputy Director Petrov``."""
    head = p.title.split(",")[0].strip()
    org = p.organisation.strip()
    if head and len(head.split()) <= 4:
        lead = f"{org} " if org and len(org.split()) == 1 and org.isupper() else ""
        return f"{lead}{head} {p.called}"
    return p.name or p.called


def known_names(r: Record) -> list[str]:
    """Every way the record names someone: names, short names, titles, organisations, typed speakers."""
    out: list[str] = ["Embassy", "Post", "Charge", "Ambassador", "PolOff", "EconOff", "DCM"]
    for p in r.people():
        out += [p.name, p.short, p.called, p.title.split(",")[0], p.organisation]
    for e in r.entries:
        out += [x.speaker for x in e.conversation]
    out += [x.speaker for x in r.statements + r.other_business]
    return [n for n in out if n and n.strip()]


def speaker_of(r: Record, x: Exchange) -> tuple[Person | None, str]:
    """Who said `x`: the person it names (by short name, name, surname or title), and how the cable calls them."""
    s = x.speaker.strip().lower()
    pool = r.meeting.interlocutors if x.side is Side.HOST else r.meeting.participants
    if not s:
        p = pool[0] if pool else None
        if p is None:
            return None, ("the interlocutor" if x.side is Side.HOST else "PolOff")
        return p, (p.called if x.side is Side.HOST else our_name(p))
    for p in [*pool, *r.people()]:
        if s in {
            p.short.lower(),
            p.name.lower(),
            p.called.lower(),
            surname(p.name).lower(),
            p.title.split(",")[0].strip().lower(),
        } - {""}:
            return p, (our_name(p) if p in r.meeting.participants else p.called)
    return None, to_ascii(x.speaker.strip())


def meeting_date(ctx: Context, r: Record) -> str:
    d = r.meeting.day
    return long_date(d, ctx.today) if d else "[DATE]"


def reported_marking(parts: list[Marking]) -> Marking:
    """The marking of reporting that holds `parts`: the highest level, NOFORN only when a part is
    NOFORN. REL TO is never carried: it belongs to the points released, not to the report of the
    answer, and mixing REL and plain parts must not turn into NOFORN."""
    return highest([plain(m) for m in parts])


def plain(m: Marking) -> Marking:
    """A point's marking as it bears on the reporting of it: its level and NOFORN, never its REL TO."""
    return Marking(m.level, noforn=m.noforn)


_ORDINALS = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth".split()
)


def label_of(item: Item, r: Record | Context) -> str:
    """How the cable names a point: its label, else its place (``the second reftel para 3 point``).

    Either is named inside a sentence, so a label's opening article is lower
    case ("The threat from Iran" seeded from a point's first words).
    """
    if item.label.strip():
        return re.sub(
            r"^(The|An?) ", lambda m: m.group(1).lower() + " ", one_line(to_ascii(item.label))
        )
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


STANCE_STRENGTH = [
    Stance.OBJECTED,
    Stance.ASKED_FOR_INFORMATION,
    Stance.NONCOMMITTAL,
    Stance.RECEPTIVE,
]


def news(ctx: Context) -> list[tuple[Record, Exchange, Item | None]]:
    """What the Summary leads with: the key exchanges (host side first), else the strongest answers."""
    key: list[tuple[Record, Exchange, Item | None]] = []
    for r in ctx.records:
        for e in r.agenda:
            key += [(r, x, e.item) for x in e.conversation if x.key]
        key += [(r, x, None) for x in r.statements + r.other_business if x.key]
    if key:
        return sorted(key, key=lambda k: k[1].side is Side.US)
    strongest: list[tuple[Record, Exchange, Item | None]] = []
    for stance in STANCE_STRENGTH:
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


def cap(s: str) -> str:
    return s[:1].upper() + s[1:] if s else s


def host_country(records: list[Record], config: PostConfig, post: str = "") -> str:
    """The host country: the settings', else the record's audience, else the country of the post."""
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
