"""The words that open and close point blocks, headings and markings.

Cables delimit what is to be delivered in many ways: ``Begin talking
points:`` ... ``End talking points.``, ``BEGIN TEXT OF TALKING POINTS FOR
RUSSIA:``, ``Begin talking points/non-paper:``, ``Begin Action Plan:`` ...
``End non-paper.``, ``QUOTE`` ... ``UNQUOTE``, a ``Suggested Talking Points``
heading, a paragraph led by ``Points for Oral Presentation`` or ``Saudi Arabia
talking points``, and contingency headings (``IF ASKED``, ``Q:``/``A:``).
"""

from __future__ import annotations

import re

from ..classification import Marking, MarkingError, parse_marking

_WHAT = (
    r"(?:suggested[ ]+|background[ ]+|contingency[ ]+|press[ ]+|additional[ ]+|revised[ ]+)?"
    r"(?:talking[ ]+points|talkers|points|tps|non-?paper|action[ ]+plan|text|aide[ -]memoire|"
    r"q(?:'?s)?[ ]*(?:&|and)[ ]*a(?:'?s)?|questions[ ]+and[ ]+answers|recommendations|letter|message)"
)
BEGIN = re.compile(
    r"\(?\bbegin[ ]+(?:the[ ]+)?(?:text[ ]+of[ ]+(?:the[ ]+)?)?(?P<what>" + _WHAT + r")\b(?P<rest>.*)$", re.I
)
END = re.compile(
    r"\(?\bend[ ]+(?:of[ ]+)?(?:the[ ]+)?(?:text[ ]+of[ ]+(?:the[ ]+)?)?" + _WHAT + r"\b[^\n]{0,160}$", re.I
)
QUOTE = re.compile(r"^[ ]*(?:QUOTE|BEGIN[ ]+QUOTE)[ ]*:?[ ]*$", re.I)
UNQUOTE = re.compile(r"^[ ]*(?:UNQUOTE|END[ ]+QUOTE)\b", re.I)
LEADING_MARKING = re.compile(r"^[ ]*\((?P<m>[A-Za-z][A-Za-z /,&-]{0,80})\)[ ]*")
CONTINGENCY = re.compile(
    r"\bif[ ]+(?:asked|raised|pressed|queried|challenged)\b|\bq[ ]*(?:&|and)[ ]*a\b|questions[ ]+and[ ]+answers|"
    r"\bpress[ ]+(?:guidance|inquiries|queries)\b|\bcontingency[ ]+(?:points|press)",
    re.I,
)
CONTINGENCY_ITEM = re.compile(r"^\(?(?:if[ ]+(?:asked|raised|pressed|queried|challenged))\b", re.I)
QUESTION = re.compile(r"^[ ]*Q[ ]*[:.)][ ]*\S", re.I)
ANSWER = re.compile(r"^[ ]*A[ ]*[:.)][ ]*", re.I)
NON_PAPER = re.compile(r"non-?paper|action[ ]+plan|aide[ -]memoire", re.I)
POINTS_WORD = re.compile(r"\b(?:talking[ ]+points|talkers|points|tps)\b", re.I)
#: ``... draw from the following points:`` at the end of a prose line.
POINTS_LEAD_IN = re.compile(r"\b(?:talking[ ]+points|points)(?:[ ]+below)?(?:[ ]+for[ ]+[^:.]{1,60})?[ ]*:[ ]*$", re.I)
#: ``Points for Oral Presentation: ...``, ``Saudi Arabia talking points``
POINTS_LEAD = re.compile(r"^(?P<pre>[^.:;]{0,60}?)[ ]*\b(?:talking[ ]+points|points|tps)\b(?P<post>[^.]{0,100})$", re.I)
GENERIC_PRE = {
    "", "suggested", "background", "additional", "contingency", "press", "key", "following", "the", "these",
    "revised", "general", "draft", "core", "main", "our", "other", "further", "new", "oral", "u.s.", "us",
}
#: ``FOR RUSSIA``, ``for USNATO and Embassies in NATO capitals (...)``
FOR_AUDIENCE = re.compile(r"^FOR[ ]+(?P<aud>[^(:]+?)(?:[ ]*(?:--|-|:)[ ]*(?P<rest>.*))?[ ]*(?:\(.*)?$", re.I)
FOR_PREFIX = re.compile(r"^\(for[ ]+(?P<aud>[A-Z][\w .,'&-]{1,60})\)[ ]*", re.I)


def marking_of(text: str) -> Marking | None:
    """The marking in ``(S//REL TO USA, YEM)``, or None when the parenthesis is not one."""
    try:
        return parse_marking(text)
    except MarkingError:
        return None


def strip_marking(text: str) -> tuple[Marking | None, str]:
    """A leading portion marking and the text after it."""
    m = LEADING_MARKING.match(text)
    if m:
        mk = marking_of(m["m"])
        if mk is not None:
            return mk, text[m.end():]
    return None, text


def find_begin(text: str) -> re.Match[str] | None:
    """A begin marker at the start of `text` (after a marking) or after a closed sentence."""
    for m in BEGIN.finditer(text):
        before = strip_marking(text[: m.start()])[1].strip()
        if not before or re.search(r"[.:!?)\"]$", before):
            if m["what"].lower() == "text" and not re.match(r"[ ]*(?:of\b|:|$|for\b|\.)", m["rest"], re.I):
                continue
            return m
    return None


def find_end(text: str) -> re.Match[str] | None:
    """An end marker at the start of `text` or after a closed sentence."""
    for m in END.finditer(text):
        before = strip_marking(text[: m.start()])[1].strip()
        if not before or re.search(r"[.:!?)\"]$", before):
            return m
    return None


_NOT_AUDIENCES = {"use", "the", "your", "oral", "delivery", "discussion", "presentation", "reference", "background", "information", "post", "posts"}


def audience_of(text: str) -> str:
    """``... FOR USNATO AND EMBASSIES IN NATO CAPITALS (...)`` -> the audience."""
    m = re.search(r"\bfor[ ]+(?P<aud>[^(:.]+)", text, re.I)
    if not m:
        return ""
    aud = m["aud"].strip(" ,;-")
    if not aud or aud.split()[0].lower() in _NOT_AUDIENCES:
        return ""
    return aud


def names_points(text: str) -> bool:
    """Whether a heading or lead names points to deliver (``Points of Contact`` does not)."""
    return bool(POINTS_WORD.search(text)) and not re.search(r"\bpoints?[ ]+of[ ]+contact\b", text, re.I)
