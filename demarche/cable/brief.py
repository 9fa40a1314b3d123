"""The officer's brief from the cable's prose: action request, objectives,
background, and whether the points may be left as a non-paper.

Paragraph 1 usually points at the action paragraphs (``see paras 2-4``,
``paragraph five``); those, or paragraphs under an ``Action Request``
heading or led by ``Action Request:``, make the action request. Objectives
come from an ``Objective(s)`` heading or lead; the remaining prose is
background. Permission to leave points behind is read sentence by sentence:
a sentence about a non-paper (or writing) that negates it (``not/not to be
left as a non-paper``, ``may not provide these points in the form of a
non-paper``) forbids; one that lets points be left or conveyed as a
non-paper allows. A sentence that hands over a paragraph which is itself the
non-paper block says nothing about the points.
"""

from __future__ import annotations

import re

from ..model import Brief, LeaveBehind
from .body import Paragraph
from .sentences import sentences
from .text import join_lines

_WORDS = {w: i for i, w in enumerate(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty".split(), 1)}
_NUM = r"(\d{1,2}|" + "|".join(_WORDS) + r")"
_SEE = re.compile(r"\b(?:see|in|at)[ ]+(?:para(?:graph)?s?\.?)[ ]+" + _NUM + r"(?:[ ]*(?:-|through|to|and|&)[ ]*" + _NUM + r")?", re.I)
_ACTION = re.compile(r"^\W*(?:begin[ ]+)?action[ ]+request\b", re.I)
_OBJECTIVE = re.compile(r"^\W*(?:background/)?objectives?\b", re.I)
_BACKGROUND = re.compile(r"^\W*background\b", re.I)
_NOT_NP = re.compile(
    r"not/not|\bnot[ ]+(?:to[ ]+)?be[ ]+(?:left|handed|provided|given|passed)|\bmay[ ]+not\b|\bshould[ ]+not\b|\bmust[ ]+not\b|"
    r"\bnot[ ]+(?:to[ ]+)?(?:leave|provide|hand|pass)|\bnever\b|\bcannot\b|\bdo[ ]+not\b",
    re.I,
)
_WRITTEN = re.compile(r"non-?paper|nonpaper|in[ ]+writing|written[ ]+form|leave-?behind|aide[ -]memoire", re.I)
_ALLOW = re.compile(r"\b(?:may|can|should|are[ ]+to|is[ ]+to|also)\b[^.]{0,40}\b(?:be[ ]+)?(?:left|leave|provided|provide|handed|hand|given|passed|delivered|deliver|convey(?:ed)?)\b|\bas[ ]+a[ ]+non-?paper\b|\bleave[ ]+(?:behind|a[ ]+copy)", re.I)


_AS_NON_PAPER = re.compile(r"\b(?:as|in[ ]+the[ ]+form[ ]+of)[ ]+a[ ]+non-?paper\b", re.I)


def _num(s: str) -> int:
    return int(s) if s.isdigit() else _WORDS[s.lower()]


def para_text(p: Paragraph) -> str:
    return join_lines(p.prose)


def cited_paragraphs(text: str) -> set[str]:
    out: set[str] = set()
    for m in _SEE.finditer(text):
        a = _num(m[1])
        b = _num(m[2]) if m[2] else a
        if 0 < a <= b < a + 20:
            out.update(str(n) for n in range(a, b + 1))
    return out


def leave_behind(paras: list[Paragraph], non_paper_paras: set[str], block_allows: bool) -> LeaveBehind:
    """Allowed, forbidden or unstated, from the prose (a ban wins over a permission)."""
    allowed = block_allows
    for p in paras:
        for s in sentences(para_text(p)):
            if not _WRITTEN.search(s):
                continue
            if _NOT_NP.search(s):
                return LeaveBehind.FORBIDDEN
            if not _ALLOW.search(s):
                continue
            m = _AS_NON_PAPER.search(s)
            what = s[max(0, m.start() - 90) : m.start()] if m else s
            what = re.split(r";|\band\b(?! Host)", what)[-1] if m else what
            cites = set(re.findall(r"\bpara(?:graph)?s?\.?[ ]+(\d{1,2})\b", what, re.I))
            if cites and cites <= non_paper_paras and not re.search(r"\bpoints\b", what, re.I):
                continue  # hands over the non-paper itself
            if re.search(r"\bpoints\b|\bthem\b|\bthese\b|\bthey\b", what, re.I):
                allowed = True
    return LeaveBehind.ALLOWED if allowed else LeaveBehind.UNSTATED


def _numbered(p: Paragraph) -> str:
    text = para_text(p)
    return f"{p.number}. {text}" if p.number else text


def make_brief(paras: list[Paragraph], item_paras: set[str], non_paper_paras: set[str], block_allows: bool) -> Brief:
    """Action request, objectives and background for the officer, plus the leave-behind rule."""
    with_text = [p for p in paras if para_text(p)]
    first = with_text[0] if with_text else None
    pointed: set[str] = set()
    if first is not None and re.search(r"action[ ]+(?:request|cable)|for[ ]+action", para_text(first), re.I):
        pointed = cited_paragraphs(para_text(first))
    action, objectives, background = [], [], []
    for p in with_text:
        text = para_text(p)
        heading = p.heading or ""
        if p is first and pointed:
            continue
        if _ACTION.match(text) or re.search(r"action[ ]+request", heading, re.I) or p.number in pointed:
            action.append(text)
        elif _OBJECTIVE.match(text) or re.search(r"objective", heading, re.I):
            objectives.append(text)
        else:
            background.append(_numbered(p))
    if not action and first is not None:
        action.append(para_text(first))
    return Brief(
        action_request="\n\n".join(action),
        objectives="\n\n".join(objectives),
        background="\n\n".join(background),
        leave_behind=leave_behind(paras, non_paper_paras, block_allows),
    )
