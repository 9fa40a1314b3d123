"""The F1 help as shown: the current screen's section first, without the binding-id column.

help.md documents every key with its binding id (for remapping keys in
``demarche.toml``); on screen the id column only takes room from the words,
so `help_for(text, section)` drops it and puts the section named `section`
(a ``## `` heading it starts with) first, before the introduction. The "Remapping keys" section
keeps naming the ids: they stay in help.md and ``demarche --help``'s docs.
"""

from __future__ import annotations

import re

_ID_HEADER = "binding id"


def _cells(line: str) -> list[str]:
    return line.strip().strip("|").split("|")


def drop_id_column(text: str) -> str:
    """Every Markdown table whose last header cell is "Binding id", without that column."""
    out: list[str] = []
    dropping = False
    for line in text.splitlines():
        if line.lstrip().startswith("|"):
            cells = _cells(line)
            if not dropping and cells and cells[-1].strip().casefold() == _ID_HEADER:
                dropping = True
            if dropping and len(cells) > 1:
                line = "|" + "|".join(cells[:-1]) + "|"
        else:
            dropping = False
        out.append(line)
    return "\n".join(out) + ("\n" if text.endswith("\n") else "")


def sections(text: str) -> tuple[str, list[tuple[str, str]]]:
    """The text before the first ``## `` heading, and each (heading, block) after it."""
    parts = re.split(r"(?m)^(?=## )", text)
    head, rest = parts[0], parts[1:]
    return head, [(p.splitlines()[0][3:].strip(), p) for p in rest]


def help_for(text: str, section: str | None) -> str:
    """`text` (help.md) as F1 shows it on a screen whose keys are under `section`."""
    head, blocks = sections(drop_id_column(text))
    first: list[tuple[str, str]] = []
    if section:
        want = section.casefold()
        first = [b for b in blocks if b[0].casefold().startswith(want)][:1]
        blocks = [b for b in blocks if b not in first]

    def joined(bs: list[tuple[str, str]]) -> str:
        return "".join(block if block.endswith("\n") else block + "\n" for _, block in bs)

    return joined(first) + ("\n" if first else "") + head + joined(blocks)
