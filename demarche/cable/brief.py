"""The officer's brief from the cable's prose: action request, objectives,
background, and the documents the cable quotes.

Paragraph 1 usually points at the action paragraphs (``see paras 2-4``,
``paragraph five``); those, or paragraphs under an ``Action Request``
heading or led by ``Action Request:``, make the action request. Objectives
come from an ``Objective(s)`` heading or lead; the remaining prose is
background. Whether points may be left in writing is read per block
(`blocks.py`); the brief carries the plan's rule.
"""

from __future__ import annotations

import re

from ..model import Brief, LeaveBehind, Reference
from .body import Paragraph
from .sentences import sentences
from .text import join_lines

_WORDS = {
    w: i
    for i, w in enumerate(
        "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty".split(),
        1,
    )
}
_NUM = r"(\d{1,2}|" + "|".join(_WORDS) + r")"
_SEE = re.compile(
    r"\b(?:see|in|at)[ ]+(?:para(?:graph)?s?\.?)[ ]+"
    + _NUM
    + r"(?:[ ]*(?:-|through|to|and|&)[ ]*"
    + _NUM
    + r")?",
    re.I,
)
_ACTION = re.compile(r"^\W*(?:begin[ ]+)?action[ ]+request\b", re.I)
_OBJECTIVE = re.compile(r"^\W*(?:background/)?objectives?\b", re.I)
_BACKGROUND = re.compile(r"^\W*background\b", re.I)
_ACTION_HEADING = re.compile(r"action[ ]+request", re.I)
_OBJECTIVE_HEADING = re.compile(r"objective", re.I)


def _num(s: str) -> int:
    return int(s) if s.isdigit() else _WORDS[s.lower()]


def _read(p: Paragraph) -> tuple[list[str], int, str, list[str] | None]:
    read = p.read
    if read is None or read[0] is not p.prose or read[1] != len(p.prose):
        text = join_lines([x for x in p.prose if not x.startswith("\x00")])
        read = p.read = (p.prose, len(p.prose), text, None)
    return read


def para_text(p: Paragraph) -> str:
    """A paragraph's prose as one text (the reader's marker lines left out)."""
    return _read(p)[2]


def prose_sentences(p: Paragraph) -> list[str]:
    """The sentences of a paragraph's prose (`para_text`); the list is shared: do not change it."""
    prose, n, text, said = _read(p)
    if said is None:
        said = sentences(text)
        p.read = (prose, n, text, said)
    return said


def cited_paragraphs(text: str) -> set[str]:
    out: set[str] = set()
    for m in _SEE.finditer(text):
        a = _num(m[1])
        b = _num(m[2]) if m[2] else a
        if 0 < a <= b < a + 20:
            out.update(str(n) for n in range(a, b + 1))
    return out


def _numbered(p: Paragraph) -> str:
    text = para_text(p)
    return f"{p.number}. {text}" if p.number else text


def make_brief(
    paras: list[Paragraph],
    item_paras: set[str],
    rule: LeaveBehind,
    references: list[Reference],
    objectives_taken: bool = False,
) -> Brief:
    """Action request, objectives and background for the officer, the leave-behind rule and the quoted documents."""
    with_text = [p for p in paras if para_text(p)]
    first = with_text[0] if with_text else None
    pointed: set[str] = set()
    if first is not None and re.search(
        r"action[ ]+(?:request|cable)|for[ ]+action", para_text(first), re.I
    ):
        pointed = cited_paragraphs(para_text(first))
    action, objectives, background = [], [], []
    for p in with_text:
        text = para_text(p)
        heading = p.heading or ""
        if p is first and pointed:
            continue
        if (
            _ACTION.match(text)
            or (heading and _ACTION_HEADING.search(heading))
            or p.number in pointed
        ):
            action.append(text)
        elif _OBJECTIVE.match(text) or (heading and _OBJECTIVE_HEADING.search(heading)):
            objectives.append(text)
        else:
            background.append(_numbered(p))
    if not action and first is not None:
        action.append(para_text(first))
    return Brief(
        action_request="\n\n".join(action),
        objectives="\n\n".join(objectives),
        background="\n\n".join(background),
        leave_behind=rule,
        references=references,
    )
