"""What the cable's prose says about each block: contingent or not, may it be left in writing.

Instructions say it in sentences about the blocks, often by paragraph
number: "Posts should draw from the background information in para 4 to
respond to host government inquiries" makes para 4's points contingent;
"The demarche in paragraph 3 should be handed over ... as a non-paper" lets
para 3 be left; "The points should be delivered verbally; they are not to be
left" (the block's own lead-in) or "may not leave any part of this message
in writing" forbid it. A sentence that names no paragraph speaks of every
block, but only when it is about the points (a ban on handing over the
reftel's Q&As is not about this cable's points).
"""

from __future__ import annotations

import re

from ..model import LeaveBehind
from .body import Block, Paragraph
from .brief import prose_sentences
from .sentences import sentences
from .worded import WordedPattern

_WORDS = {
    w: i
    for i, w in enumerate(
        "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen "
        "eighteen nineteen twenty".split(),
        1,
    )
}
_NUM = r"(\d{1,2}|" + "|".join(_WORDS) + r")"
_CITE = re.compile(
    r"\bpara(?:graph)?s?\.?[ ]+" + _NUM + r"(?:[ ]*(?:-|through|to|and|&)[ ]*" + _NUM + r")?", re.I
)
_REACTIVE = WordedPattern(
    r"\brespond(?:ing)?[ ]+to[ ]+(?:[\w/-]+[ ]+){0,4}(?:inquiries|queries|questions)\b|\bif[ ]+(?:asked|raised)\b|"
    r"\breactive(?:ly)?\b|\bonly[ ]+if[ ]+(?:asked|raised|pressed)\b",
    ("respond", "asked", "raised", "pressed", "reactive"),
)
#: In the sentence that leads in to a block: the points are for use when the subject comes up.
_REACTIVE_LEAD_IN = re.compile(
    r"\bneed[ ]+not\b.{0,80}\bproactively\b|\bnot[ ]+(?:to[ ]+)?(?:raise|engage)\b.{0,60}\bproactively\b|"
    r"\bas[ ]+needed\b|\bif[ ]+necessary\b|\bif[ ]+needed\b",
    re.I,
)
_WRITTEN = WordedPattern(
    r"non-?paper|nonpaper|in[ ]+writing|written[ ]+form|leave-?behind|aide[ -]memoire|\bverbally\b|\borally\b|"
    r"\bhand(?:ed)?[- ]deliver|\bhand(?:ed)?[ ]+over\b|\bleft[ ]+with\b",
    ("paper", "writing", "written", "behind", "memoire", "verbally", "orally", "hand", "left"),
)
_BAN = re.compile(
    r"not/not|\bnot[ ]+(?:to[ ]+)?be[ ]+(?:left|handed|provided|given|passed|hand-delivered)|\bmay[ ]+not\b|"
    r"\bshould[ ]+not\b|\bmust[ ]+not\b|\bnot[ ]+(?:to[ ]+)?(?:leave|provide|hand|pass)\b|\bnever\b|\bcannot\b|"
    r"\bdo[ ]+not\b|\bverbally\b|\borally\b|\boral[ ]+only\b",
    re.I,
)
_ALLOW = WordedPattern(
    r"\b(?:as|in[ ]+the[ ]+form[ ]+of)[ ]+a[ ]+non-?paper\b|\bleave[ ]+(?:behind|a[ ]+copy)\b|"
    r"\bnon-?paper[ ]+(?:in|at)[ ]+para|\b(?:may|can|should)[ ]+(?:also[ ]+)?(?:be[ ]+)?(?:left|handed[ ]+over)\b",
    ("paper", "leave", "left", "hand"),
)
#: What a sentence must be about to speak for every block: the points themselves.
_ABOUT_POINTS = re.compile(
    r"\b(?:talking[ ]+)?points\b|\bthis[ ]+(?:message|cable|demarche)\b|\bnon-?paper\b|\bthem\b|\bthey\b|\bthese\b",
    re.I,
)
_OTHER_DOCS = re.compile(r"\breftel\b|\bseptel\b|\bquestions[ ]+and[ ]+answers\b|\bq&as?\b", re.I)


def _num(s: str) -> int:
    return int(s) if s.isdigit() else _WORDS[s.lower()]


def cited(sentence: str) -> set[str]:
    """Paragraph numbers a sentence cites: ``paras 5-8`` -> 5, 6, 7, 8."""
    out: set[str] = set()
    for m in _CITE.finditer(sentence):
        a = _num(m[1])
        b = _num(m[2]) if m[2] else a
        if 0 < a <= b < a + 20:
            out.update(str(n) for n in range(a, b + 1))
    return out


def _prose(paras: list[Paragraph]) -> list[tuple[str, str]]:
    return [(p.number, s) for p in paras for s in prose_sentences(p)]


def reactive_blocks(blocks: list[Block], paras: list[Paragraph]) -> None:
    """Blocks the prose says are for answering questions become contingency blocks."""
    for b in blocks:
        lead = b.intro if b.opener == "intro" else ""
        if (
            b.nature == "points"
            and lead
            and (_REACTIVE.search(lead) or _REACTIVE_LEAD_IN.search(lead))
        ):
            b.nature = "contingency"
    by_para: dict[str, list[Block]] = {}
    for b in blocks:
        if b.para.number:
            by_para.setdefault(b.para.number, []).append(b)
    if not by_para:
        return
    for _, s in _prose(paras):
        if not _REACTIVE.search(s):
            continue
        for n in cited(s):
            for b in by_para.get(n, []):
                if b.nature == "points":
                    b.nature = "contingency"


_CLAUSE = re.compile(r";|,?[ ]+(?:and|but|while|whereas)[ ]+")


def _verdict(sentence: str) -> bool | None:
    """False when a sentence forbids leaving in writing, True when it allows, None when it says neither."""
    return _judge(sentence)[0]


def _judge(sentence: str) -> tuple[bool | None, set[str]]:
    """The verdict of a sentence and the paragraphs it is about: those its clause with the verdict cites.

    "convey the recommendations in para 9 as a non-paper and draw from the
    talking points in para 8" lets para 9 be left, and says nothing of para 8.
    """
    if not _WRITTEN.search(sentence) and not _ALLOW.search(sentence):
        return None, set()
    ban = _BAN.search(sentence)
    allow = _ALLOW.search(sentence)
    if ban is not None:
        verdict, at = False, ban.start()
    elif allow is not None:
        verdict, at = True, allow.start()
    else:
        return None, set()
    start, end = 0, len(sentence)
    for m in _CLAUSE.finditer(sentence):
        if m.end() <= at:
            start = m.end()
        elif m.start() > at:
            end = m.start()
            break
    cites = cited(sentence[start:end])
    if not cites:
        whole = cited(sentence)
        cites = whole if len(_CITE.findall(sentence)) == 1 else set()
    return verdict, cites


def block_rules(blocks: list[Block], paras: list[Paragraph]) -> dict[int, bool | None]:
    """Per block (by `id`): may its items be left in writing (True), not (False), or unsaid (None)."""
    rules: dict[int, bool | None] = {}
    for b in blocks:
        rules[id(b)] = True if (b.leave_behind or b.nature == "non_paper") else None
    by_para: dict[str, list[Block]] = {}
    for b in blocks:
        by_para.setdefault(b.para.number, []).append(b)
    everywhere: list[bool] = []
    for number, s in _prose(paras):
        v, targets = _judge(s)
        if v is None:
            continue
        if targets or cited(s):
            for n in targets:
                for b in by_para.get(n, []):
                    rules[id(b)] = v if v is False or rules[id(b)] is not False else False
            continue
        if _OTHER_DOCS.search(s) or not _ABOUT_POINTS.search(s):
            continue
        own = [b for b in by_para.get(number, []) if b.opener == "intro"]
        if own:
            for b in own:
                rules[id(b)] = v
            continue
        everywhere.append(v)
    for b in blocks:
        for s in sentences(b.intro):
            v = _verdict(s)
            if v is not None:
                rules[id(b)] = v
    if False in everywhere:
        for b in blocks:
            rules[id(b)] = False
    elif True in everywhere:
        for b in blocks:
            if rules[id(b)] is None and b.nature != "contingency":
                rules[id(b)] = True
    return rules


def cable_rule(
    blocks: list[Block], rules: dict[int, bool | None], paras: list[Paragraph]
) -> LeaveBehind:
    """The plan's rule: allowed when talking points may be left, forbidden when they may not, else unstated."""
    points = [b for b in blocks if b.nature in ("points", "contingency")]
    said = [rules[id(b)] for b in points if rules[id(b)] is not None]
    others = [rules[id(b)] for b in blocks if b.nature == "non_paper"]
    if said and all(v is True for v in said):
        return LeaveBehind.ALLOWED
    if said and all(v is False for v in said) and not any(v is True for v in others):
        return LeaveBehind.FORBIDDEN
    if said and any(v is True for v in said):
        return LeaveBehind.ALLOWED if not any(v is False for v in said) else LeaveBehind.UNSTATED
    return LeaveBehind.UNSTATED
