"""Who an officer means by a name typed for "meetings with ...": the one rule.

`match_interlocutor("Ivanov", people)` finds the host-side people of earlier
meetings that a typed name stands for. A key matches, ignoring case, full
stops and spacing:

1. a person's full name, or the short name a cable uses (when the record has one);
2. otherwise one word of a name - usually the surname ("Ivanov" for
   "Alexei Ivanov"), or a first name;
3. otherwise an organisation ("MFA"): then every meeting with that
   organisation counts, whoever was there.

Two different people matched by name (two Ivanovs) are ambiguous: the match
lists them as candidates and counts no meeting until the officer says which.
Both ``followup carry --to`` and the app's carry-forward dialog use this.
"""

from __future__ import annotations

from dataclasses import dataclass
from collections.abc import Callable, Iterable

from ..model import Person, Record, Side


def _norm(text: str) -> str:
    """Case, full stops and runs of spaces do not matter."""
    return " ".join(text.replace(".", " ").casefold().split())


def _short_name(p: Person) -> str:
    """The short name a cable uses for `p`, if the record keeps one."""
    return getattr(p, "short", "") or ""


def _name_words(p: Person) -> set[str]:
    return set(_norm(p.name).split()) | set(_norm(_short_name(p)).split())


@dataclass(frozen=True)
class InterlocutorMatch:
    """The people a typed key stands for, and how it matched them."""

    key: str
    people: tuple[Person, ...] = ()
    """Distinct people matched (one per full name), in the order first met."""
    how: str = ""
    """``name``, ``short name``, ``surname`` (any word of a name), ``organisation``, or empty: nobody."""

    @property
    def found(self) -> bool:
        return bool(self.people)

    @property
    def ambiguous(self) -> bool:
        """Several different people matched by name: the officer must say which."""
        return self.how != "organisation" and len(self.people) > 1

    def met_in(self, record: Record) -> bool:
        """The meeting in `record` was with the person (or organisation) meant; never when ambiguous or nobody."""
        return self.met_with(record.meeting.interlocutors)

    def met_with(self, interlocutors: Iterable[Person]) -> bool:
        """A meeting with these host-side people was with the person (or organisation) meant."""
        interlocutors = list(interlocutors)
        if not self.found or self.ambiguous:
            return False
        if self.how == "organisation":
            key = _norm(self.key)
            return any(_norm(p.organisation) == key for p in interlocutors)
        wanted = {_norm(p.name) for p in self.people}
        return any(_norm(p.name) in wanted for p in interlocutors)

    def candidates(self) -> str:
        """``Alexei Ivanov (MFA), Sergei Ivanov (MVD)``: the people matched, for "which one?"."""
        return ", ".join(
            p.name + (f" ({p.organisation})" if p.organisation else "") for p in self.people
        )

    def describe(self) -> str:
        """One line for the officer: who the key was taken to mean."""
        if not self.found:
            return f"nobody called {self.key.strip()!r} in earlier meetings"
        if self.ambiguous:
            return f"{self.key.strip()!r} could be {len(self.people)} people: {self.candidates()}; type more of the name"
        if self.how == "organisation":
            return f"meetings with {self.people[0].organisation}"
        return f"meetings with {self.candidates()}"


def match_interlocutor(key: str, people: Iterable[Person]) -> InterlocutorMatch:
    """The people among `people` (host side of earlier meetings) that `key` stands for; see the module rule."""
    k = _norm(key)
    people = list(people)
    distinct: dict[str, Person] = {}
    for p in people:
        distinct.setdefault(_norm(p.name) or _norm(p.organisation), p)
    everyone = list(distinct.values())
    if not k:
        return InterlocutorMatch(key)
    tests: tuple[tuple[str, Callable[[Person], bool]], ...] = (
        ("name", lambda p: _norm(p.name) == k),
        ("short name", lambda p: bool(_short_name(p)) and _norm(_short_name(p)) == k),
        ("surname", lambda p: set(k.split()) <= _name_words(p)),
    )
    for how, test in tests:
        hits = tuple(p for p in everyone if p.name and test(p))
        if hits:
            return InterlocutorMatch(key, hits, how)
    at_org = {
        (_norm(p.name), _norm(p.organisation)): p
        for p in reversed(people)
        if _norm(p.organisation) == k
    }
    if at_org:
        return InterlocutorMatch(key, tuple(reversed(at_org.values())), "organisation")
    return InterlocutorMatch(key)


def interlocutors_of(records: Iterable[Record]) -> list[Person]:
    """Every host-side person of `records`, in order."""
    return [p for r in records for p in r.meeting.interlocutors]


#: How cables name our own side when no participant is recorded: by title
#: ("Charge replied...", "PolOff noted..."), or as the Embassy or "we".
OUR_SIDE_TITLES = frozenset(
    {
        "ambassador",
        "amb",
        "charge",
        "charge d'affaires",
        "dcm",
        "polcouns",
        "poloff",
        "econcouns",
        "econoff",
        "pol/econ chief",
        "pol/econ off",
        "polchief",
        "embassy",
        "embassy officer",
        "usdel",
        "we",
        "us",
        "our side",
    }
)


def side_of(speaker: str, ours: Iterable[Person]) -> Side:
    """Who spoke: our side when the speaker is one of our participants (by the name a
    cable calls them, their short name or full name) or is named by one of our titles
    (`OUR_SIDE_TITLES`: "Charge", "PolOff"); else the host side."""
    import unicodedata

    s = " ".join(speaker.split()).casefold()
    for p in ours:
        if s and s in {p.called.casefold(), p.name.casefold(), p.short.casefold()}:
            return Side.US
    plain = "".join(
        c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c)
    ).rstrip(".:")
    if plain in OUR_SIDE_TITLES:
        return Side.US
    return Side.HOST
