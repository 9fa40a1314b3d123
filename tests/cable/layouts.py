"""Layout transforms of real cables: the same content, written the way other copies of cables are.

Archive copies of one telegram come wrapped at 60-70 columns, re-flowed to
one paragraph per line, without blank lines between points, or with dashes
written differently. The reader must give the same items for all of them,
so the suite scores transformed corpus cables against the same hand labels.
Only the body (from the first numbered paragraph) is changed; the header
stays as it is.
"""

from __future__ import annotations

import re
import textwrap

_START = re.compile(r"^[ ]{0,3}(?:\d{1,3}\.|-{1,4}|\*|[a-z]\)|\([a-z0-9]\)|Q:|A:)", re.I)
#: The body starts at paragraph 1 (or 2, when 1 shares a line with the header).
_FIRST_PARA = re.compile(r"^[ ]{0,3}[\[\u00b6]?[12]\.(?=[ (\]])", re.M)


def _split(text: str) -> tuple[str, str]:
    m = _FIRST_PARA.search(text)
    return (text[: m.start()], text[m.start() :]) if m else ("", text)


def reflow(text: str) -> str:
    """Wrapped lines joined: each paragraph or point on one line (``start`` lines begin a new one).

    Groups of lines between blank lines that are already re-flowed (a line
    over 90 characters) are left as they are.
    """
    head, body = _split(text)
    out: list[str] = []
    for group in re.split(r"(\n[ ]*\n)", body):
        lines = group.split("\n")
        if not group.strip() or any(len(ln) > 90 for ln in lines):
            out.append(group)
            continue
        joined: list[str] = []
        for line in lines:
            if joined and not _START.match(line) and line.strip():
                joined[-1] += " " + line.strip()
            else:
                joined.append(line.strip())
        out.append("\n".join(joined))
    return head + "".join(out)


def wrap(text: str, width: int = 64) -> str:
    """Long lines wrapped at `width` columns, as a telegram is."""
    head, body = _split(text)
    out: list[str] = []
    for line in body.split("\n"):
        if len(line) <= width:
            out.append(line)
        else:
            out.extend(
                textwrap.wrap(line, width, break_long_words=False, break_on_hyphens=False) or [""]
            )
    return head + "\n".join(out)


def no_blank_lines(text: str) -> str:
    """Blank lines between points and paragraphs dropped (page breaks kept on their own lines)."""
    head, body = _split(text)
    return head + "\n".join(line for line in body.split("\n") if line.strip())


def dashes_tight(text: str) -> str:
    """``-- text`` written ``--text`` and ``- text`` as ``-text``."""
    head, body = _split(text)
    return head + re.sub(r"(?m)^([ ]{0,3}-{1,4})[ ]+(?=\S)", r"\1", body)


TRANSFORMS = {
    "reflow": reflow,
    "wrap": wrap,
    "no_blank_lines": no_blank_lines,
    "dashes_tight": dashes_tight,
}
