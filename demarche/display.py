"""Text fit to show: control characters made visible, markup never parsed.

Whatever a person typed, a cable held or a hand edit put into a plan or a
record is data. Written raw to a terminal, an ESC or OSC sequence clears the
screen, sets the window title or worse; read as Rich or Textual markup,
``[/]`` crashes the renderer and ``[open]`` silently disappears. Every output
that shows data passes it through this module:

- `visible` for any text written to a terminal or a file: C0 controls (but
  newline and tab), DEL and C1 controls become caret notation as ``cat -v``
  writes them (``ESC`` -> ``^[``, DEL -> ``^?``, CSI -> ``M-^[``);
- `plain` for Rich and Textual: a `Text` object of the visible text, which
  is never parsed as markup;
- `strip_controls` for the cable reader, which drops them from imported text.

Plain Python; Rich is imported only by `plain`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.text import Text

#: Control characters that must never reach a terminal raw: C0 but tab and
#: newline, DEL, and C1 (U+0080-U+009F, which some terminals obey as ESC + letter).
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _caret(m: re.Match[str]) -> str:
    code = ord(m.group(0))
    if code == 0x7F:
        return "^?"
    if code >= 0x80:
        return "M-^" + chr(code - 0x80 + 0x40)
    return "^" + chr(code + 0x40)


def visible(text: str) -> str:
    """`text` with every control character shown in caret notation (``^[``)."""
    return CONTROL.sub(_caret, text) if CONTROL.search(text) else text


def has_controls(text: str) -> bool:
    """Whether `text` holds a control character `visible` would rewrite."""
    return CONTROL.search(text) is not None


def strip_controls(text: str) -> str:
    """`text` without control characters (newlines and tabs kept)."""
    return CONTROL.sub("", text)


def plain(text: object, style: str = "") -> Text:
    """Data as a Rich `Text`: controls made visible, never read as markup."""
    from rich.text import Text

    return Text(visible(str(text)), style=style)


def json_visible(text: str) -> str:
    """JSON text with DEL and C1 controls escaped too (`json.dumps` escapes only C0)."""
    return re.sub(r"[\x7f-\x9f]", lambda m: f"\\u{ord(m.group(0)):04x}", text)


def json_text(doc: object, indent: bool | None = None) -> str:
    """`doc` as the JSON a ``--json`` option prints, its controls escaped (`json_visible`).

    Indented for a person (by default when standard output is a terminal),
    on one line for a program reading a pipe: only the compact form goes
    through the C encoder, ten times faster on the megabytes of a big
    workspace's status. Either parses to the same document.
    """
    import json
    import sys

    if indent is None:
        indent = sys.stdout.isatty()
    return json_visible(json.dumps(doc, indent=2 if indent else None, ensure_ascii=False))


def escaped(text: object) -> str:
    """Data for a Rich markup string: controls made visible, brackets escaped so nothing parses."""
    from rich.markup import escape

    return escape(visible(str(text)))


def controls_in(tree: object, where: str = "") -> list[tuple[str, str]]:
    """Key paths of the strings in a parsed TOML `tree` holding control characters, each with the first one shown.

    ``[("items[2].text", "^[")]``: for ``demarche check`` to warn about text
    that outputs will show with caret notation.
    """
    found: list[tuple[str, str]] = []
    if isinstance(tree, str):
        m = CONTROL.search(tree)
        if m:
            found.append((where, _caret(m)))
    elif isinstance(tree, dict):
        for k, v in tree.items():
            found += controls_in(v, f"{where}.{k}" if where else str(k))
    elif isinstance(tree, list):
        for n, v in enumerate(tree):
            found += controls_in(v, f"{where}[{n}]")
    return found


def cell(text: object) -> str:
    """Data for a table cell (Textual `DataTable`, which reads a string cell as Rich markup): escaped."""
    return escaped(text)
