"""The non-paper as a Word document, in English, in the host's language or both.

What goes in, and every refusal, comes from `leave_behind.non_paper_items`,
the one home of the handing-over rule; this module only lays the items out:
a "Non-paper" title, the instruction's sections and sub-sections as headings,
each item a bulleted paragraph (or a plain one when its text carries its own
number, as the cable wrote it), the high-priority short list first.

Nothing US-internal reaches the package: no SBU or portion marking, no note
for post, no cue, no paragraph reference (a classified non-paper released to
the host carries its release banner in the page header and footer, as the
text form does), and the document properties say only
"Non-paper" (python-docx's template would otherwise sign it "python-docx",
keep a revision count, dates, editing-session ids and a thumbnail).

Translations are the officer's own (`Item.translation`, in the plan's
`language`); nothing is machine-translated. Items without one stay in
English and are returned so the command can name them.

python-docx is imported here only, so commands that write no Word file stay fast.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..model import Item, Plan, Record
from .leave_behind import TITLE, clean_item_text, non_paper_banner, non_paper_items

if TYPE_CHECKING:
    from docx.document import Document

MODES = ("english", "translation", "bilingual")

# An item that starts with its own enumerator ("1.", "a)", "(iv)") keeps it.
_OWN_NUMBER = re.compile(r"^\(?(\d{1,3}|[a-z]|[ivx]{1,5})[.)]\s", re.I)


@dataclass
class Group:
    """Items under one section and sub-section heading, in order."""

    section: str
    subsection: str
    items: list[tuple[str, str]] = field(default_factory=list)
    """(English text, host-language text or "" when none), both cleaned for the host."""


@dataclass
class NonPaperLayout:
    """What the Word non-paper shows, before any Word is written."""

    groups: list[Group]
    banner: str
    """The release banner of a classified non-paper (``SECRET//REL TO CHINA``), else empty."""
    language: str
    untranslated: list[str]
    """Ids of handed-over items that have no translation (left in English)."""


def non_paper_layout(
    doc: Plan | Record, host: str = "", omit_restricted: bool = False, file: str = ""
) -> NonPaperLayout:
    """Groups of host-fit texts from the items that may be handed to `host` (refusals raise)."""
    items = non_paper_items(doc, host, omit_restricted, file)
    # The short list first: a stable sort keeps the cable's order within each part.
    if any(i.high for i in items):
        items = sorted(items, key=lambda i: not i.high)
    groups: list[Group] = []
    untranslated: list[str] = []
    for i in items:
        text = clean_item_text(i.text)
        if not text:
            continue
        translation = _clean_translation(i)
        if not translation:
            untranslated.append(i.id)
        section, sub = clean_item_text(i.section), clean_item_text(i.subsection)
        if not (groups and groups[-1].section == section and groups[-1].subsection == sub):
            groups.append(Group(section, sub))
        groups[-1].items.append((text, translation))
    return NonPaperLayout(groups, non_paper_banner(items), doc.language, untranslated)


def _clean_translation(item: Item) -> str:
    """The translation with the same clean-up as the English, in its own script."""
    return clean_item_text(item.translation, ascii_only=False) if item.translation.strip() else ""


def non_paper_docx(
    doc: Plan | Record,
    mode: str = "english",
    host: str = "",
    omit_restricted: bool = False,
    file: str = "",
) -> tuple[bytes, list[str]]:
    """The .docx bytes for the government of `host` and the ids left in English (empty in English mode).

    Refuses as the text form does (`leave_behind.non_paper_items`)."""
    from ..errors import DemarcheError

    if mode not in MODES:
        raise DemarcheError(f"unknown non-paper mode {mode!r} (expected {', '.join(MODES)})")
    layout = non_paper_layout(doc, host, omit_restricted, file)
    import docx  # lazily: only this command pays for python-docx

    d = docx.Document()
    if layout.banner:
        # Released classified text is marked on every page, as the text form is.
        section = d.sections[0]
        for part in (section.header, section.footer):
            part.is_linked_to_previous = False
            para = part.paragraphs[0]
            para.text = layout.banner
            para.alignment = 1  # centred
    d.add_heading(TITLE, level=0)
    last_section = None
    for g in layout.groups:
        if g.section and g.section != last_section:
            d.add_heading(g.section, level=1)
        last_section = g.section
        if g.subsection:
            d.add_heading(g.subsection, level=2)
        if mode == "bilingual":
            _bilingual_table(d, g, layout.language)
            continue
        for english, translated in g.items:
            text = translated if mode == "translation" and translated else english
            d.add_paragraph(text, style=None if _OWN_NUMBER.match(text) else "List Bullet")
    out = io.BytesIO()
    d.save(out)
    missing = layout.untranslated if mode != "english" else []
    return scrub_package(out.getvalue()), missing


def _bilingual_table(d: Document, group: Group, language: str) -> None:
    """English on the left, the host's language on the right, one row per item."""
    table = d.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    head = table.rows[0].cells
    head[0].text = "English"
    head[1].text = language or "Translation"
    for english, translated in group.items:
        row = table.add_row().cells
        row[0].text = english
        row[1].text = translated or english


_CORE = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
    ' xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>'
    + TITLE
    + "</dc:title></cp:coreProperties>"
)
_APP = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"/>'
)
_RSIDS = re.compile(
    rb"<w:rsids>.*?</w:rsids>|<w:rsid w:val=\"[^\"]*\"/>|\sw:rsid[A-Za-z]*=\"[^\"]*\"", re.S
)
_THUMBNAIL_REL = re.compile(rb"<Relationship [^>]*Target=\"docProps/thumbnail\.[a-z]+\"/>")


def scrub_package(data: bytes) -> bytes:
    """The package with properties that say only "Non-paper", no session ids, no thumbnail."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            name = info.filename
            if name.startswith("docProps/thumbnail"):
                continue
            body = src.read(name)
            if name == "docProps/core.xml":
                body = _CORE.encode()
            elif name == "docProps/app.xml":
                body = _APP.encode()
            elif name == "_rels/.rels":
                body = _THUMBNAIL_REL.sub(b"", body)
            elif name.startswith("word/") and name.endswith(".xml"):
                body = _RSIDS.sub(b"", body)
            dst.writestr(name, body)
    return out.getvalue()
