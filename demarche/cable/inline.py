"""Re-flowed lines cut back into the lines the telegram had.

Archive copies that were re-flowed put a whole paragraph, and sometimes a
whole point block, on one line: ``3. (S/REL South Korea) Begin text of
points: -- We value ... -- We look forward ... End text of points.`` The
reader works line by line, so a long line is cut where the original had a
new line: before a bullet, a begin or end marker, a lettered sub-heading
(``b. (S//REL ...) For Canberra, London ...:``) or a marked paragraph
number, each time only right after a sentence (or a lead-in) has ended, so
a dash or the word "begin" inside a sentence stays where it is.

One pass over each line with linear regular expressions.
"""

from __future__ import annotations

import re

from ..classification import MarkingError, parse_marking
from .sentences import ends_with_abbreviation

#: Lines at most this long are wrapped telegram lines and are left alone.
REFLOWED = 100

_AFTER_END = r"(?<=[.:;?!\"')\]])[ ]+"
_CUT = re.compile(
    _AFTER_END + r"(?="
    r"(?P<bullet>-{1,4}[ ]?[A-Z0-9(\"'])"
    r"|(?P<marker>\(?(?:begin|end)[ ]+\S)"
    r"|(?P<letter>[a-z]\.[ ]+(?:\([A-Za-z][A-Za-z/ ,&-]{0,80}\)[ ]+)?(?:for|if)\b)"
    r"|(?P<para>\d{1,2}\.[ ]?\((?P<mk>[A-Za-z][A-Za-z/ ,&-]{0,60})\))"
    r")",
    re.I,
)
_BEGIN_OR_END_WORDS = re.compile(
    r"\(?(?:begin|end)[ ]+(?:the[ ]+)?(?:text[ ]+of[ ]+)?(?:[\w.'\"-]+[ ]+){0,5}?"
    r"(?:points|talking|talkers|tps|non-?paper|nonpaper|demarche|text|q[ ]?(?:&|and)[ ]?a|questions|action[ ]+plan|"
    r"recommendations|statement|resolution|note|letter|guidance|narrative|releasable|quote|box|message|aide)\b",
    re.I,
)


_MAYBE = re.compile(r"[.:;?!\"')\]][ ]+(?:-|\(?(?:begin|end)[ ]|[a-z]\.[ ])", re.I)


_ONLY_MARKING = re.compile(r"^[ ]*(?:\d{1,3}\.[ ]*)?\([A-Za-z][A-Za-z/ ,&-]{0,80}\)[ ]*$")


def split_reflowed(line: str) -> list[str]:
    """`line` as the lines it was before re-flowing (itself when it is a wrapped line).

    In a wrapped line (at most `REFLOWED` characters) only the plainest cuts
    are made: before a double dash, a marker or a lettered sub-heading
    following a sentence; single hyphens and paragraph numbers are cut only
    in long lines, where nothing else could have put them mid-line.
    """
    long = len(line) > REFLOWED
    if not long and not _MAYBE.search(line):
        return [line]
    cuts: list[int] = []
    for m in _CUT.finditer(line):
        at = m.end()
        before = line[max(0, m.start() - 16) : m.start()]
        if not long and (
            m["para"]
            or (
                m["bullet"]
                and not m["bullet"].startswith("--")
                and line[m.start() - 1 : m.start()] not in ".?!"
            )
        ):
            continue
        if m["bullet"] and ends_with_abbreviation(before):
            continue
        if m["marker"] and not _BEGIN_OR_END_WORDS.match(line, at):
            continue
        if m["marker"] and _ONLY_MARKING.match(line[: m.start()]):
            continue  # ``(S/REL NATO) Begin Talking Points:``: the marking belongs to the marker
        if m["para"]:
            try:
                parse_marking(m["mk"])
            except MarkingError:
                continue
        cuts.append(at)
    if not cuts:
        return [line]
    out = []
    start = 0
    for at in cuts:
        piece = line[start:at].rstrip()
        if piece.strip():
            out.append(piece)
        start = at
    out.append(line[start:])
    return out
