"""Save the open record's non-paper as a Word document in ``drafts/``.

Shared by the Prepare and Wrap-up screens (key ``n``). The document comes
from the pure core (`non_paper_docx`), so it holds exactly what the command
``demarche nonpaper --format docx`` would: the items that may be handed over,
refused the same way. When the record carries the officer's translations it
is the bilingual form (English beside the host's language).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..actions import save_draft
from ..errors import DemarcheError
from ..model import Record
from .palette import PaletteCommand
from .screens.base import DemarcheScreen


class NonPaperScreen(DemarcheScreen[None]):
    """A screen that offers to save the non-paper (``n`` and the palette): Prepare and Wrap-up."""

    def action_save_non_paper(self) -> None:
        save_non_paper(self)

    def palette_commands(self) -> Iterator[PaletteCommand]:
        """The non-paper is kept off the footer (it is full) but offered here."""
        yield (
            "Save the non-paper",
            "Save the non-paper (Word) to the drafts/ folder (n)",
            self.action_save_non_paper,
        )


def non_paper_stem(record: Record) -> str:
    """``<meeting date>-<title>``, as the reporting-cable draft is named."""
    d = record.meeting.day
    return f"{d.isoformat()}-{record.title}" if d else record.title


def save_non_paper(screen: DemarcheScreen[None]) -> None:
    """Write the non-paper to drafts/, asking before replacing a file there."""
    from .dialogs.confirm import Confirm

    record = screen.session.record
    path = screen.app.workspace.non_paper_path(non_paper_stem(record))
    if path.exists():
        screen.app.push_screen(
            Confirm(f"{path} exists. Replace it with this non-paper?", "Replace", "Keep"),
            lambda yes: _write(screen, record, path) if yes else screen.notify("Not saved."),
        )
    else:
        _write(screen, record, path)


def _write(screen: DemarcheScreen[None], record: Record, path: Path) -> None:
    from ..outputs.non_paper_docx import non_paper_docx

    from ..store.settings import load_config

    bilingual = bool(record.language) and any(e.item.translation.strip() for e in record.agenda)
    try:
        # Handed to the post's host country (``[post] country``): a REL TO list must name it.
        host = load_config(screen.app.workspace).country
        data, untranslated = non_paper_docx(
            record, "bilingual" if bilingual else "english", host=host
        )
        save_draft(path, data, replace=True)  # the officer said yes to replacing it
    except DemarcheError as exc:
        screen.notify(str(exc), title="No non-paper", severity="error")
        return
    shown = screen.app.workspace.display(path)
    screen.notify(
        f"Non-paper saved to {shown}" + (" (English and translation)" if bilingual else "")
    )
    if untranslated:
        screen.notify(
            f"No translation for {', '.join(untranslated)}: left in English.", severity="warning"
        )
