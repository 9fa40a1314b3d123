"""Classification markings: parsing, ordering and the overall level of a document.

The rule the whole tool obeys: a document's marking is the highest marking of
anything it contains, never lower (DOMAIN.md, "Classification, in short").
Nothing is downgraded by copying it somewhere else.

A `Marking` is a level (U < SBU < C < S < TS) plus dissemination caveats
(NOFORN, REL TO <countries>). Portion markings in cables come in many spellings:
``(U)``, ``(SBU)``, ``(S/NF)``, ``(S//NF)``, ``(S/REL SYRIA)``,
``(SECRET//REL CHINA)``, ``(C//REL TO USA, FRANCE)``; `parse_marking` reads
all of them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import IntEnum


class Level(IntEnum):
    """Classification levels in increasing order of sensitivity."""

    U = 0
    SBU = 1
    C = 2
    S = 3
    TS = 4

    @property
    def word(self) -> str:
        """The level spelled out, as in a banner: ``SECRET``."""
        return _WORDS[self]

    @property
    def classified(self) -> bool:
        """True for C and above (SBU is unclassified)."""
        return self >= Level.C


_WORDS = {
    Level.U: "UNCLASSIFIED",
    Level.SBU: "SENSITIVE BUT UNCLASSIFIED",
    Level.C: "CONFIDENTIAL",
    Level.S: "SECRET",
    Level.TS: "TOP SECRET",
}

_LEVEL_SPELLINGS = {
    "U": Level.U,
    "UNCLAS": Level.U,
    "UNCLASSIFIED": Level.U,
    "SBU": Level.SBU,
    "U/FOUO": Level.SBU,
    "FOUO": Level.SBU,
    "SENSITIVE": Level.SBU,
    "SENSITIVE BUT UNCLASSIFIED": Level.SBU,
    "C": Level.C,
    "CONFIDENTIAL": Level.C,
    "S": Level.S,
    "SECRET": Level.S,
    "TS": Level.TS,
    "TOP SECRET": Level.TS,
}

NOFORN = "NOFORN"
_NOFORN_SPELLINGS = {"NF", "NOFORN"}


class MarkingError(ValueError):
    """A marking could not be read."""


@dataclass(frozen=True, order=False)
class Marking:
    """A classification level with its dissemination caveats.

    `rel_to` lists the countries a document may be released to (``REL TO``);
    an empty tuple means no release restriction beyond the level itself.
    `noforn` forbids release to any foreign national and overrides `rel_to`.
    """

    level: Level = Level.U
    noforn: bool = False
    rel_to: tuple[str, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        if self.noforn and self.rel_to:
            object.__setattr__(self, "rel_to", ())

    # -- text forms -------------------------------------------------------

    @property
    def short(self) -> str:
        """Portion form without parentheses: ``S//NF``, ``S//REL SYRIA``, ``SBU``."""
        parts = [self.level.name]
        if self.noforn:
            parts.append("NF")
        elif self.rel_to:
            parts.append("REL " + ", ".join(self.rel_to))
        return "//".join(parts)

    @property
    def portion(self) -> str:
        """Paragraph marking as written after a paragraph number: ``(S//NF)``."""
        return f"({self.short})"

    @property
    def banner(self) -> str:
        """Banner line for the top and bottom of a screen or page."""
        parts = [self.level.word]
        if self.noforn:
            parts.append(NOFORN)
        elif self.rel_to:
            parts.append("REL TO " + ", ".join(self.rel_to))
        return "//".join(parts)

    def __str__(self) -> str:
        return self.short

    # -- comparison -------------------------------------------------------

    def covers(self, other: Marking) -> bool:
        """True when a document marked `self` may carry content marked `other`."""
        if self.level < other.level:
            return False
        if other.noforn and not self.noforn:
            return False
        if self.noforn or not self.rel_to:
            return True
        # self is releasable to some countries: the content must be releasable
        # to each of them.
        if other.level < Level.C:
            return True
        return bool(other.rel_to) and set(self.rel_to) <= set(other.rel_to)


UNCLASSIFIED = Marking(Level.U)

_MARK_SPLIT = re.compile(r"\s*//?\s*")
_REL = re.compile(r"^REL(?:\s+TO)?\s+(.+)$")


def parse_marking(text: str) -> Marking:
    """Read a portion or banner marking in any of the spellings cables use.

    Accepts the bare form (``S//NF``) and the parenthesised one (``(S/NF)``),
    any case, single or double slashes. Raises `MarkingError` on anything else.
    """
    raw = text.strip()
    if raw.startswith("(") and raw.endswith(")"):
        raw = raw[1:-1].strip()
    s = re.sub(r"\s+", " ", raw.upper())
    if not s:
        raise MarkingError("empty marking")
    if s in _LEVEL_SPELLINGS:
        return Marking(_LEVEL_SPELLINGS[s])
    if s == "U/FOUO":
        return Marking(Level.SBU)
    head, *rest = _MARK_SPLIT.split(s)
    if head not in _LEVEL_SPELLINGS:
        where = "" if head == s else f" in {text.strip()!r}"
        raise MarkingError(f"unknown classification level {head!r}{where}")
    level = _LEVEL_SPELLINGS[head]
    noforn = False
    rel: list[str] = []
    for cav in rest:
        if not cav:
            continue
        if cav in _NOFORN_SPELLINGS:
            noforn = True
            continue
        m = _REL.match(cav)
        if m:
            countries = [c.strip() for c in re.split(r",|\bAND\b", m.group(1)) if c.strip()]
            rel.extend(c for c in countries if c not in rel)
            continue
        if cav in {"SBU", "FOUO"} and level == Level.U:
            level = Level.SBU
            continue
        raise MarkingError(f"unknown caveat {cav!r} in {text.strip()!r}")
    return Marking(level, noforn=noforn, rel_to=tuple(rel))


def highest(markings: Iterable[Marking | None]) -> Marking:
    """The overall marking of a document holding all of `markings`.

    The level is the maximum. NOFORN anywhere makes the whole NOFORN. REL TO
    lists narrow to the countries that every releasable classified part
    allows. When classified parts disagree (one REL TO a country, another with
    no release marking, or no country in common) the whole is not releasable
    and is marked NOFORN: the restrictive reading, never the permissive one.
    """
    items = [m for m in markings if m is not None]
    if not items:
        return UNCLASSIFIED
    level = max(m.level for m in items)
    noforn = any(m.noforn for m in items)
    rel: tuple[str, ...] = ()
    if not noforn:
        classified_parts = [m for m in items if m.level >= Level.C]
        restricted = [m for m in classified_parts if m.rel_to]
        if restricted:
            if len(restricted) != len(classified_parts):
                # Some classified content has no release marking: it is not
                # releasable, so the whole is not either.
                noforn = True
            else:
                common = [
                    c for c in restricted[0].rel_to if all(c in m.rel_to for m in restricted[1:])
                ]
                if common:
                    rel = tuple(common)
                else:
                    noforn = True
    return Marking(level, noforn=noforn, rel_to=rel)


def cable_classification_line(marking: Marking) -> str:
    """The word that opens a cable's classification line.

    Unclassified and SBU cables say ``UNCLAS``; classified ones spell the level
    with spaces between letters, as telegrams do: ``S E C R E T``.
    """
    if marking.level < Level.C:
        return "UNCLAS"
    return "  ".join(" ".join(word) for word in marking.level.word.split())


def captions(marking: Marking, extra: tuple[str, ...] | list[str] = ()) -> list[str]:
    """Caption lines under a cable's classification line, most restrictive first."""
    out: list[str] = []
    if marking.noforn:
        out.append(NOFORN)
    if marking.level == Level.SBU:
        out.append("SENSITIVE")
    for c in extra:
        c = c.strip().upper()
        if c and c not in out and c != "SENSITIVE":
            out.append(c)
    return out


def release_refusal(marking: Marking, host: str) -> str:
    """Why content marked `marking` may not be handed to the government of `host`; empty when it may.

    The one rule for every hand-over (non-paper, the app's hand-over, any
    future document writer): NOFORN at any level is never handed over; a
    REL TO list must name the host country (an unknown host cannot be
    checked against it); classified content with no REL TO is not releasable.
    Unclassified and SBU content without caveats may go.
    """
    host = normalise_country(host)
    if marking.noforn:
        return f"{marking.short} is not releasable to foreign nationals"
    if marking.rel_to:
        released = ", ".join(marking.rel_to)
        if not host:
            return (
                f"{marking.short} is released to {released} only and the host country is not known"
            )
        if host not in {normalise_country(c) for c in marking.rel_to}:
            return f"{marking.short} is not released to {host}"
        return ""
    if marking.level >= Level.C:
        return f"{marking.short} is classified and not releasable (no REL TO)"
    return ""


def may_hand_to(marking: Marking, host: str) -> bool:
    """Whether content marked `marking` may be handed to the government of `host`."""
    return not release_refusal(marking, host)


def normalise_country(name: str) -> str:
    """A country as REL TO lists compare it: upper case, single spaces."""
    return re.sub(r"\s+", " ", name).strip().upper()
