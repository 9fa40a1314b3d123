"""The words that open and close blocks, headings and markings.

Cables delimit what is to be delivered in many ways: ``Begin talking
points:`` ... ``End talking points.``, ``BEGIN TEXT OF TALKING POINTS FOR
RUSSIA:``, ``Begin talking points/non-paper:``, ``Begin Action Plan:`` ...
``End non-paper.``, ``BEGIN U.S. DEMARCHE:`` ... ``END U.S. DEMARCHE POINTS
AND NON-PAPER.``, ``(begin non-paper)``, ``QUOTE`` ... ``UNQUOTE``. The same
words also quote documents that are not points: ``Begin text of
resolution:``, ``Begin Media Note:``, ``Begin text of draft note:``.

A marker is ``begin`` or ``end`` at the start of a line (after a marking)
or right after a sentence, followed within a few words by a word that names
what it delimits. `read_begin` tells what a begin marker opens: points,
non-paper, contingency points, a quoted document (``reference``), or
``text`` whose nature only its content tells (``Begin text:``, ``BEGIN TEXT
BOX``, ``begin text of background information``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..classification import Marking, MarkingError, parse_marking
from .worded import WordedPattern

_POINT_WORDS = (
    r"talking[ ]+points|talking[ ]+p\w{3,6}|talkers|points|tps|tp's|demarche|non[ -]?paper|action[ ]+plan|aide[ -]memoire|"
    r"recommendations|q[ ]*(?:&|and)[ ]*a(?:'?s)?|questions[ ]+and[ ]+answers"
)
#: Documents quoted for reference: not delivered point by point.
_DOC_WORDS = (
    r"resolution|letter|note|statement|guidance|press[ ]+release|release|narrative|agreement|declaration|"
    r"communique|speech|remarks|message|report|article|treaty|memorandum|fact[ ]+sheet|op-?ed|"
    r"proclamation|announcement|invitation|reply|decision|law|text[ ]+box|box"
)
_GENERIC = r"text|quote|releasable[ ]+text"
_VOCAB = re.compile(r"\b(?:" + _POINT_WORDS + "|" + _DOC_WORDS + "|" + _GENERIC + r")\b", re.I)
_POINTS = re.compile(r"\b(?:" + _POINT_WORDS + r")\b", re.I)
_DOCS = re.compile(r"\b(?:" + _DOC_WORDS + r")\b", re.I)
_NON_PAPER_WORDS = re.compile(r"non[ -]?paper|action[ ]+plan|aide[ -]memoire", re.I)
_POINTS_ONLY = re.compile(
    r"\b(?:talking[ ]+points|talking[ ]+p\w{3,6}|talkers|points|tps|tp's|demarche)\b", re.I
)
_CONTINGENCY_WORDS = re.compile(
    r"\bq[ ]*(?:&|and)[ ]*a\b|questions[ ]+and[ ]+answers|\bcontingency\b|\bif[ ]+(?:asked|raised|pressed|queried)\b",
    re.I,
)

_MARKER = WordedPattern(r"\(?\b(?P<word>begin|end)\b[ ]+", ("begin", "end"))
#: How far into a line a marker's phrase is looked at (a phrase is a few words, a wrapped one a few lines).
_PHRASE_CHARS = 500
LEADING_MARKING = re.compile(r"^[ ]*\((?P<m>[A-Za-z][A-Za-z /,&-]{0,80})\)[ ]*")
#: ``BEGIN NON-PAPER S//REL CHINA:``: a marking inside the marker line.
_INNER_MARKING = re.compile(
    r"[ (]+(?P<m>(?:U|C|S|TS|SBU|SECRET|CONFIDENTIAL|UNCLASSIFIED)//?[A-Z][A-Z ,/&]{0,80}?)\)?[ ]*(?=:|$)"
)

CONTINGENCY = WordedPattern(
    r"\bif[ ]+(?:asked|raised|pressed|queried|challenged|needed)\b|\bq[ ]*(?:&|and)[ ]*a\b|questions[ ]+and[ ]+answers|"
    r"\bpress[ ]+(?:guidance|inquiries|queries)\b|\bcontingency[ ]+(?:points|press|q)|\binquiries\b.*\bif[ ]+asked\b",
    ("asked", "raised", "press", "queried", "challenged", "needed", "q", "contingency"),
)
#: An item that is itself conditional: ``If asked: ...``, ``- If pressed: ...``.
CONTINGENCY_ITEM = re.compile(
    r"^\(?(?:if[ ]+(?:asked|raised|pressed|queried|challenged|needed|necessary))\b", re.I
)
QUESTION = re.compile(r"^[ ]*Q[ ]*[:.)][ ]*\S", re.I)
ANSWER = re.compile(r"^[ ]*A[ ]*[:.)][ ]*", re.I)
QUOTE = re.compile(r"^[ ]*(?:QUOTE|BEGIN[ ]+QUOTE)[ ]*:?[ ]*$", re.I)
UNQUOTE = re.compile(r"^[ ]*(?:UNQUOTE|END[ ]+QUOTE)\b", re.I)
NON_PAPER = re.compile(r"non-?paper|nonpaper|action[ ]+plan|aide[ -]memoire", re.I)
POINTS_WORD = re.compile(r"\b(?:talking[ ]+points|talkers|points|tps)\b", re.I)
#: ``... draw from the following points:``, ``... draw upon the points below.``: a lead-in to bullets.
POINTS_LEAD_IN = WordedPattern(
    r"\bfollowing[ ]+(?:[\w-]+[ ]+){0,3}?(?:talking[ ]+)?points\b|\b(?:talking[ ]+)?points[ ]+below\b|"
    r"\bdraw[ ]+(?:on|from|upon)[ ]+the[ ]+following\b",
    ("points", "following"),
)
#: ``Points for Oral Presentation: ...``, ``Saudi Arabia talking points``
POINTS_LEAD = re.compile(
    r"^(?P<pre>[^.:;]{0,60}?)[ ]*\b(?:talking[ ]+points|points|tps)\b(?P<post>[^.]{0,100})$", re.I
)
GENERIC_PRE = {
    "",
    "suggested",
    "background",
    "additional",
    "contingency",
    "press",
    "key",
    "following",
    "the",
    "these",
    "revised",
    "general",
    "draft",
    "core",
    "main",
    "our",
    "other",
    "further",
    "new",
    "oral",
    "u.s.",
    "us",
}
#: ``FOR RUSSIA``, ``for USNATO and Embassies in NATO capitals (...)``, ``FOR ALL ACTION POSTS -- IF ASKED``
FOR_AUDIENCE = re.compile(
    r"^FOR[ ]+(?P<aud>[^(:]+?)(?:[ ]*(?:--|-|:)[ ]*(?P<rest>.*))?[ ]*(?:\(.*)?$", re.I
)
FOR_PREFIX = re.compile(r"^\(for[ ]+(?P<aud>[A-Z][\w .,'&-]{1,60})\)[ ]*", re.I)
#: ``FOR USE AT POST'S DISCRETION``, ``for background``: "for" that names no audience.
NOT_AUDIENCES = {
    "use",
    "your",
    "oral",
    "delivery",
    "discussion",
    "presentation",
    "reference",
    "background",
    "information",
    "post",
    "posts",
    "post's",
    "immediate",
    "release",
    "official",
    "internal",
    "possible",
}


@dataclass
class Begin:
    """A begin marker found in a line."""

    start: int
    """Where the marker starts in the line (text before it belongs to the paragraph)."""
    phrase: str
    """What follows ``begin`` up to the colon or the end of the line: ``text of talking points for Russia``."""
    rest: str
    """The line after the marker's colon: the first content."""
    ended_by: str
    """How the phrase ended: ``:``, ``.``, ``)``, ``""`` at the end of the line, ``open`` when it goes on."""
    marking: Marking | None = None

    @property
    def nature(self) -> str:
        """``points``, ``non_paper``, ``contingency``, ``reference`` or ``text`` (decided by the content)."""
        return nature_of(self.phrase)

    @property
    def leave_behind(self) -> bool:
        """``talking points/non-paper``: the points double as a leave-behind."""
        return bool(_POINTS_ONLY.search(self.phrase) and _NON_PAPER_WORDS.search(self.phrase))


def nature_of(phrase: str) -> str:
    """What a begin phrase opens (see `Begin.nature`)."""
    p = phrase.strip()
    if _POINTS.search(p):
        if _CONTINGENCY_WORDS.search(p) and not re.search(r"\bnon-?paper\b", p, re.I):
            return "contingency"
        if _NON_PAPER_WORDS.search(p) and not _POINTS_ONLY.search(p):
            return "non_paper"
        return "points"
    if _DOCS.search(p):
        return "reference"
    return "text"


@dataclass(frozen=True)
class BareRel(Marking):
    """``(S//REL)`` without countries: releasable to those of the marking around it (`with_rel`)."""

    def with_rel(self, around: Marking | None) -> Marking:
        """The marking this stands for inside `around`: its level, the countries of `around` (none: not releasable)."""
        rel = around.rel_to if around is not None and not around.noforn else ()
        return Marking(self.level, noforn=not rel and self.level.classified, rel_to=rel)


def resolve(marking: Marking | None, around: Marking | None) -> Marking | None:
    """A marking as it applies inside `around` (only `BareRel` depends on it)."""
    if isinstance(marking, BareRel):
        return marking.with_rel(around)
    return marking


def marking_of(text: str) -> Marking | None:
    """The marking in ``(S//REL TO USA, YEM)``, or None when the parenthesis is not one.

    ``(CONFIDENTIAL//AUSTRALIA GROUP)``, a release caveat that lost its REL,
    reads as releasable to what it names.
    """
    try:
        return parse_marking(text)
    except MarkingError:
        pass
    bare = re.match(
        r"^[ ]*(?P<lvl>U|SBU|C|S|TS|CONFIDENTIAL|SECRET|TOP[ ]+SECRET)[ ]*//?[ ]*REL(?:[ ]+TO)?[ ]*$",
        text.strip(),
        re.I,
    )
    if bare:
        # ``(S//REL)``: releasable, to the country the document names elsewhere (see `BareRel`).
        return BareRel(parse_marking(bare["lvl"]).level)
    m = re.match(
        r"^[ ]*(?P<lvl>U|SBU|C|S|TS|CONFIDENTIAL|SECRET|TOP[ ]+SECRET)[ ]*//?[ ]*(?P<who>[A-Za-z][A-Za-z ,&]{1,80})$",
        text.strip(),
        re.I,
    )
    if m and not re.match(r"(?i)(?:rel|nf|noforn)\b", m["who"]):
        try:
            return parse_marking(f"{m['lvl']}//REL {m['who']}")
        except MarkingError:
            return None
    return None


def strip_marking(text: str) -> tuple[Marking | None, str]:
    """A leading portion marking and the text after it."""
    m = LEADING_MARKING.match(text)
    if m:
        mk = marking_of(m["m"])
        if mk is not None:
            return mk, text[m.end() :]
    return None, text


def _at_boundary(text: str, start: int) -> bool:
    """A marker counts at the start of a line (after a marking) or right after a sentence or lead-in.

    Looks only at the characters just before `start`, so a long line with many
    "end"s in it is checked in time proportional to its length.
    """
    before = text[max(0, start - 90) : start].rstrip()
    if not before:
        return True
    if before[-1] in '.:!?)"':
        return True
    return start <= 90 and not strip_marking(before)[1].strip()


def _phrase_end(phrase: str) -> tuple[str, str, str]:
    """Split a marker phrase at its colon (or its closing period or parenthesis).

    Returns the phrase, the rest of the line, and how the phrase ended: ``:``,
    ``.``, ``)``, ``""`` (at the end of the line, complete as it stands) or
    ``"open"`` (it stops on ``and``, ``for``, a comma or an open parenthesis).
    """
    colon = phrase.find(":")
    if 0 <= colon <= 400:
        return phrase[:colon], phrase[colon + 1 :], ":"
    m = re.search(r"(?<![A-Z])\.(?:[ )]|$)|\)", phrase)
    if m and m.start() <= 200 and phrase[: m.start()].count("(") <= phrase[: m.start()].count(")"):
        return phrase[: m.start()], phrase[m.end() :], m.group(0).strip()[:1]
    unfinished = phrase.count("(") > phrase.count(")") or re.search(
        r"\b(?:and|for|of|to|the|in|on)[ ]*$|,[ ]*$", phrase, re.I
    )
    return phrase, "", "open" if unfinished else ""


def read_begin(text: str) -> Begin | None:
    """The begin marker in `text`, if one starts at a boundary and names what it delimits."""
    for m in _MARKER.finditer(text):
        if m["word"].lower() != "begin" or not _at_boundary(text, m.start()):
            continue
        phrase = text[m.end() : m.end() + _PHRASE_CHARS]
        head, rest, ended_by = _phrase_end(phrase)
        if len(text) > m.end() + _PHRASE_CHARS:
            rest += text[m.end() + _PHRASE_CHARS :]
        first = " ".join(head[:200].split()[:7])
        if not _VOCAB.search(first) and not _misspelt_marker(text, m.start(), head, ended_by):
            continue
        marking = None
        inner = _INNER_MARKING.search(head)
        if inner is not None:
            marking = marking_of(inner["m"])
            if marking is not None:
                head = head[: inner.start()]
        return Begin(m.start(), head.strip(" \"'"), rest, ended_by, marking)
    return None


_MARKER_WORDS = ("points", "talking", "nonpaper", "talkers")


def _near(word: str, target: str) -> bool:
    """A typing slip away from `target`: same first letter, a letter more, less or swapped."""
    w = word.lower().replace("-", "")
    if not w or w[0] != target[0] or abs(len(w) - len(target)) > 1 or w == target:
        return False
    from collections import Counter

    a, b = Counter(w), Counter(target)
    return sum(((a - b) + (b - a)).values()) <= 2


def _misspelt_marker(text: str, start: int, head: str, ended_by: str) -> bool:
    """``Begin talkng pionts:``: a short phrase with a colon at the start of a line, one word a slip
    away from "points" or "talking", still opens a block (its content tells what: `nature_of` gives ``text``)."""
    words = head.split()
    return (
        ended_by == ":"
        and not strip_marking(text[:start])[1].strip(" 0123456789.")
        and 1 <= len(words) <= 4
        and any(_near(w, t) for w in words for t in _MARKER_WORDS)
    )


def may_hold_marker(text: str) -> bool:
    """Whether `text` has the word ``begin`` or ``end`` where a marker starts (else `read_begin` and `find_end` give None)."""
    return _MARKER.search(text) is not None


def find_end(text: str) -> re.Match[str] | None:
    """An end marker at the start of `text` or after a closed sentence."""
    for m in _MARKER.finditer(text):
        if m["word"].lower() != "end" or not _at_boundary(text, m.start()):
            continue
        phrase = text[m.end() : m.end() + 200]
        first = " ".join(phrase.split()[:7])
        if _VOCAB.search(first) and not re.match(
            r"[ ]*(?:of[ ]+)?(?:the[ ]+)?(?:summary|comment|background|action)\b", phrase, re.I
        ):
            return m
    return None


def end_phrase(m: re.Match[str]) -> str:
    """The words after ``end`` (up to the end of the line, at most a few hundred characters)."""
    return m.string[m.end() : m.end() + 200]


def compatible(begin_phrase: str, end_phrase_: str) -> bool:
    """Whether an end marker can close a begin marker: both point words, the same document, or plain ``text``."""
    b, e = nature_of(begin_phrase), nature_of(end_phrase_)
    if b == "text" or e == "text":
        return True
    pointish = {"points", "non_paper", "contingency"}
    if b in pointish and e in pointish:
        return True
    if b == "reference" and e == "reference":
        bw = {w.lower() for w in _DOCS.findall(begin_phrase)}
        ew = {w.lower() for w in _DOCS.findall(end_phrase_)}
        return bool(bw & ew) or not bw or not ew
    return False


def audience_of(text: str) -> str:
    """``... FOR USNATO AND EMBASSIES IN NATO CAPITALS (...)`` -> the audience as written; empty when none."""
    m = re.search(r"\b(?:for|to)[ ]+(?P<aud>[^:.]+)", text, re.I)
    if not m:
        return ""
    aud = m["aud"].strip(" ,;-")
    first = aud.split()[0].lower() if aud.split() else ""
    if not aud or first in NOT_AUDIENCES or first.startswith("("):
        return ""
    return aud


def names_points(text: str) -> bool:
    """Whether a heading or lead names points to deliver (``Points of Contact`` does not)."""
    return bool(POINTS_WORD.search(text)) and not re.search(
        r"\bpoints?[ ]+of[ ]+contact\b", text, re.I
    )


def names_document(text: str) -> bool:
    """Whether a heading names a quoted document (``DIPLOMATIC NOTE``, ``Press Guidance``) rather than points."""
    return bool(_DOCS.search(text)) and not _POINTS.search(text)
