"""The leave-behind: a non-paper of the items the instruction allows to hand over.

A non-paper goes to the host government, so it carries only the items' own
words (DOMAIN.md, "Classification, in short"): titled "Non-paper", grouped by
the items' sections, unsigned, no US-internal markings, no paragraph
references to the instruction, no notes for post, no personal cues, no
meeting data. Bracketed notes left inside an item's text are removed too.

Refusals, each a `DemarcheError` naming the file and the item: the
instruction forbids leaving points in writing; or an item to be left may not
be handed to the host country (`classification.release_refusal`: NOFORN at
any level, a REL TO list without the host, classified with no REL TO).
Items meant for another audience than the host (a block of points "for the
GCC states" in a non-paper for Japan) are not the host's to receive: they
are never part of its non-paper, whatever their marking.
With `omit_restricted` such items are left out instead, and
`withheld_items` says which, so the caller can tell the officer.
"""

from __future__ import annotations

import re

from ..audience import covers, name_of
from ..classification import Level, Marking, highest, release_refusal
from ..errors import DemarcheError
from ..model import Item, LeaveBehind, Plan, Record
from .telegram_text import one_line, to_ascii, wrap

TITLE = "Non-paper"
WIDTH = 72

# "(see para 9)", "(reftel B)", "per para 8": references to the instruction.
_PARA_REF = re.compile(
    r"\s*\((?:see\s+|per\s+)?(?:ref(?:tel)?\s*[A-Z]?|paras?\.?\s*\d+[A-Za-z]?(?:\s*(?:and|,)\s*\d+)*)\)"
    r"|\s*\b(?:see|per|in)\s+(?:reftel\s*[A-Z]?|paras?\.?\s+\d+[A-Za-z]?)\b",
    re.I,
)
_BRACKETS = re.compile(r"\s*\[[^\]]*\]")


def leave_behind_items(doc: Plan | Record, host: str = "") -> list[Item]:
    """Items that may go into the non-paper for `host`: a record's agenda order, else the plan's order.

    With a host named, items for an audience that does not cover it are left
    out (`audience.covers`); general items are for every host.
    """
    rule = doc.brief.leave_behind
    if isinstance(doc, Record):
        items = [e.item for e in doc.agenda]
    else:
        items = list(doc.items)
    audience = name_of(host) if host.strip() else ""
    return [i for i in items if i.may_leave_behind(rule) and covers(i.audience, audience)]


def non_paper_marking(items: list[Item]) -> Marking:
    """The highest marking of what the non-paper carries (banner only when classified)."""
    return highest([i.marking for i in items])


def non_paper_banner(items: list[Item]) -> str:
    """The banner a released classified non-paper carries (C and above, REL TO); else none.

    SBU and unclassified are US-internal handling, never shown to the host.
    """
    marking = non_paper_marking(items)
    return marking.banner if marking.level >= Level.C else ""


def clean_item_text(text: str, ascii_only: bool = True) -> str:
    """An item's words fit for the host: no bracketed notes, no references to the instruction.

    `ascii_only=False` keeps the script, for a translation into the host's language.
    """
    t = _BRACKETS.sub("", text)
    t = _PARA_REF.sub("", t)
    t = re.sub(r"\s+([,.;:])", r"\1", t)
    return one_line(to_ascii(t) if ascii_only else t)


def withheld_items(doc: Plan | Record, host: str) -> list[tuple[Item, str]]:
    """Items meant to be left that may not be handed to `host`, each with the reason."""
    return [
        (i, why) for i in leave_behind_items(doc, host) if (why := release_refusal(i.marking, host))
    ]


def non_paper_items(
    doc: Plan | Record, host: str = "", omit_restricted: bool = False, file: str = ""
) -> list[Item]:
    """What may be handed to the government of `host`, in order; raises `DemarcheError` when it may not be.

    The one home of the handing-over rule: every non-paper writer (text,
    Markdown, Word) takes its items and its refusals from here. An item that
    may not be handed to `host` refuses the whole non-paper, unless
    `omit_restricted`, which leaves such items out. `file` names the plan or
    record in refusals.
    """
    if doc.brief.leave_behind is LeaveBehind.FORBIDDEN:
        raise DemarcheError(
            f"{doc.instruction.id or 'the instruction'} says the points are not to be left in writing; no non-paper"
        )
    items = leave_behind_items(doc, host)
    if not items:
        raise DemarcheError(
            "no item may be left behind (no non-paper items, and the instruction does not allow leaving the points)"
        )
    withheld = withheld_items(doc, host)
    if withheld and not omit_restricted:
        item, why = withheld[0]
        more = f" (and {len(withheld) - 1} more)" if len(withheld) > 1 else ""
        raise DemarcheError(
            f"item {item.id}: {why}; it may not be handed over{more}: "
            "set leave_behind = false on it, or leave restricted items out (--omit-restricted)",
            file=file,
        )
    held = {i.id for i, _ in withheld}
    items = [i for i in items if i.id not in held]
    if not items:
        raise DemarcheError(
            "every item to be left is restricted; nothing may be handed over", file=file
        )
    marking = non_paper_marking(items)
    if marking.level >= Level.C and (marking.noforn or not marking.rel_to):
        # Each item is releasable, but to different countries: together they
        # may go to no one, and a paper marked NOFORN must not be handed over.
        released = sorted({i.marking.short for i in items if i.marking.level >= Level.C})
        raise DemarcheError(
            f"the items to leave are released to different countries ({'; '.join(released)}); "
            "no one host may receive them all: set leave_behind = false on those not meant for this host"
        )
    return items


def draft_non_paper(
    doc: Plan | Record,
    fmt: str = "text",
    host: str = "",
    omit_restricted: bool = False,
    file: str = "",
) -> str:
    """The non-paper for the government of `host`, as plain text or Markdown (refusals: `non_paper_items`)."""
    if fmt not in ("text", "markdown"):
        raise DemarcheError(f"unknown format {fmt!r} (expected text or markdown)")
    items = non_paper_items(doc, host, omit_restricted, file)
    banner = non_paper_banner(items)
    groups: list[tuple[str, str, list[str]]] = []
    for i in items:
        section = clean_item_text(i.section)
        sub = clean_item_text(i.subsection)
        text = clean_item_text(i.text)
        if not text:
            continue
        if groups and groups[-1][0] == section and groups[-1][1] == sub:
            groups[-1][2].append(text)
        else:
            groups.append((section, sub, [text]))
    return _markdown(banner, groups) if fmt == "markdown" else _text(banner, groups)


def _text(banner: str, groups: list[tuple[str, str, list[str]]]) -> str:
    out: list[str] = []
    if banner:
        out += [banner, ""]
    out += [TITLE, "-" * len(TITLE), ""]
    last_section = None
    for section, sub, texts in groups:
        if section and section != last_section:
            out += wrap(section, WIDTH) + [""]
        last_section = section
        if sub:
            out += [sub + ":", ""]
        for t in texts:
            lines = wrap(t, WIDTH - 3)
            out.append("-- " + lines[0])
            out += ["   " + ln for ln in lines[1:]]
            out.append("")
    if banner:
        out.append(banner)
    return "\n".join(out).rstrip() + "\n"


def _markdown(banner: str, groups: list[tuple[str, str, list[str]]]) -> str:
    out: list[str] = []
    if banner:
        out += [f"**{banner}**", ""]
    out += [f"# {TITLE}", ""]
    last_section = None
    for section, sub, texts in groups:
        if section and section != last_section:
            out += [f"## {section}", ""]
        last_section = section
        if sub:
            out += [f"### {sub}", ""]
        out += [f"- {t}" for t in texts]
        out.append("")
    if banner:
        out.append(f"**{banner}**")
    return "\n".join(out).rstrip() + "\n"
