"""A reporting-cable draft saved to a file, and the officer's hand edits in it.

Hand edits are sacred like records: the app reopens the saved text rather than
drafting afresh, and before replacing a file whose text is not the one it last
read or wrote, it shows what would change (`draft_difference`).
"""

from __future__ import annotations

import difflib
from pathlib import Path

from ..errors import DemarcheError


def read_saved_draft(path: Path) -> str | None:
    """The text of the draft saved at `path`; None when there is none.

    Raises `DemarcheError` naming the file when it exists but cannot be read
    as text: such a file is never replaced without asking.
    """
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except UnicodeDecodeError:
        raise DemarcheError("is not UTF-8 text; left as it is", file=str(path)) from None
    except OSError as exc:
        raise DemarcheError(f"cannot read: {exc.strerror or exc}", file=str(path)) from None


def same_draft(a: str | None, b: str | None) -> bool:
    """The same draft, whatever the final newline."""
    if a is None or b is None:
        return a is b
    return a.rstrip("\n") == b.rstrip("\n")


def draft_difference(on_disk: str, new: str, limit: int = 400) -> list[str]:
    """The lines that would change if `new` replaced `on_disk`, as a unified diff.

    At most `limit` lines; a last line says how many more were left out.
    """
    diff = list(
        difflib.unified_diff(
            on_disk.splitlines(), new.splitlines(), "saved file", "this draft", n=1, lineterm=""
        )
    )
    if len(diff) > limit:
        diff = diff[:limit] + [f"... {len(diff) - limit} more lines of difference"]
    return diff
