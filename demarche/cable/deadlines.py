"""Deadlines and embargoes read from the cable's prose, with their sentence.

``report ... by no later than November 15, 2009`` is a due date; ``no
earlier than 9:30 a.m. ... on September 17`` and ``EMBARGOED ... UNTIL`` are
embargoes. A date without a year takes the cable's year (the next one when
that would put it more than half a year before the cable). A due date needs
its trigger word right before the date, so ``On January 16, 2009, the USG
signed`` is not a deadline; an embargo takes any date in its sentence, or
none (``no earlier than 1200 local``) when no dated embargo is known.
"""

from __future__ import annotations

import datetime as dt
import re

from ..model import Deadline
from .worded import WordedPattern

_MONTH_NAMES = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_MONTH = r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DATE = re.compile(
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?[ ]+)?(?:"
    + _MONTH
    + r"[ ]+(?P<d1>\d{1,2})(?:st|nd|rd|th)?\b(?:,?[ ]+(?P<y1>(?:19|20)\d{2}))?"
    r"|(?P<d2>\d{1,2})[ ]+"
    + _MONTH.replace("?P<mon>", "?P<mon2>")
    + r"(?:,?[ ]+(?P<y2>(?:19|20)\d{2}))?"
    r"|" + _MONTH.replace("?P<mon>", "?P<mon3>") + r",?[ ]+(?P<y3>(?:19|20)\d{2})"
    r"|(?P<m4>\d{1,2})/(?P<d4>\d{1,2})/(?P<y4>\d{2,4}))",
    re.I,
)
_DUE = re.compile(
    r"\b(?:no[ ]+later[ ]+than|not[ ]+later[ ]+than|NLT|by|before|until|prior[ ]+to|deadline[ ]+(?:is|of))[ ]+"
    r"(?:(?:COB|close[ ]+of[ ]+business|c\.o\.b\.|the[ ]+end[ ]+of|end[ ]+of|mid-?)[ ]*)?(?:on[ ]+)?$",
    re.I,
)
_DIGIT = re.compile(r"\d")
_EMBARGO = WordedPattern(
    r"\bno[ ]+earlier[ ]+than\b|\bnot[ ]+earlier[ ]+than\b|\bnot[ ]+before\b|\bembargo(?:ed)?\b",
    ("earlier", "before", "embargo"),
)


def _month(name: str) -> int:
    n = name.lower().rstrip(".")[:3]
    return next(i for i, m in enumerate(_MONTH_NAMES, 1) if m.startswith(n))


def read_date(m: re.Match[str], cable_date: dt.date | None) -> dt.date | None:
    """The date a `_DATE` match names; the cable's year when it names none."""
    try:
        if m["m4"]:
            y = int(m["y4"])
            return dt.date(y + 2000 if y < 100 else y, int(m["m4"]), int(m["d4"]))
        if m["mon3"]:
            return dt.date(int(m["y3"]), _month(m["mon3"]), 1)
        mon = _month(m["mon"] or m["mon2"])
        day = int(m["d1"] or m["d2"])
        year = m["y1"] or m["y2"]
        if year:
            return dt.date(int(year), mon, day)
        if cable_date is None:
            return None
        d = dt.date(cable_date.year, mon, day)
        if (cable_date - d).days > 183:
            d = dt.date(cable_date.year + 1, mon, day)
        return d
    except (ValueError, StopIteration):
        return None


def _what(sentence: str, at: int, kind: str) -> str:
    """A short label: the clause before the trigger, from ``report`` when it reports."""
    head = sentence[:at]
    clause = re.split(r"[;:(]|, (?=[a-z])|\band\b(?= [a-z]+ )", head)[-1] if kind == "due" else head
    r = re.search(r"\breport(?:s|ing)?\b.*", head, re.I)
    if kind == "due" and r:
        clause = r.group(0)
    words = clause.split()
    if kind == "due":
        words = words[-16:]
    text = re.sub(
        r"(?:[ ]+(?:by|before|until|on|no|not))+$", "", " ".join(words), flags=re.I
    ).strip(" ,;-")
    if kind == "embargo" or len(text) < 8:
        text = sentence if len(sentence) <= 120 else sentence[:117].rstrip() + "..."
        return ("Embargo: " + text) if kind == "embargo" else text
    return text[:1].upper() + text[1:]


def find_deadlines(sentences: list[tuple[str, str]], cable_date: dt.date | None) -> list[Deadline]:
    """Deadlines in `sentences` (``(paragraph, sentence)``), first of each date and kind only."""
    found: list[Deadline] = []
    seen: set[tuple[str, dt.date | None]] = set()
    undated_embargo: list[Deadline] = []
    for para, s in sentences:
        if len(s) > 2000:
            continue
        emb = _EMBARGO.search(s)
        if not emb and not _DIGIT.search(s):
            continue  # every date has a digit, and without an embargo only a date makes a deadline
        for m in _DATE.finditer(s):
            kind = ""
            if _DUE.search(s[max(0, m.start() - 60) : m.start()]):
                kind = "due"
            if emb:
                kind = "embargo"
            if not kind:
                continue
            date = read_date(m, cable_date)
            if date is None or (kind, date) in seen:
                continue
            seen.add((kind, date))
            trig = _DUE.search(s[max(0, m.start() - 60) : m.start()])
            at = max(0, m.start() - 60) + trig.start() if (trig and kind == "due") else m.start()
            found.append(
                Deadline(what=_what(s, at, kind), date=date, source=s, paragraph=para, kind=kind)
            )
            break
        else:
            if emb and not any(d.kind == "embargo" for d in undated_embargo):
                undated_embargo.append(
                    Deadline(
                        what=_what(s, emb.start(), "embargo"),
                        source=s,
                        paragraph=para,
                        kind="embargo",
                    )
                )
    if not any(d.kind == "embargo" for d in found):
        found.extend(undated_embargo)
    return found
