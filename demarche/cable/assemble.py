"""From cable text to a `Plan`: the steps in order, and the warnings met on the way."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import DemarcheError
from ..model import Instruction, Item, ItemKind, Plan, Task
from .body import Block, assign_numbers, read_body
from .brief import make_brief, para_text
from .deadlines import find_deadlines
from .header import read_header, split_signature
from .points import Draft, block_items
from .sentences import sentences
from .text import clean_lines

_PREFIX = {ItemKind.TALKING_POINT: "tp", ItemKind.NON_PAPER: "np", ItemKind.CONTINGENCY: "cp"}
MAX_CHARS = 20_000_000


@dataclass
class ImportResult:
    """A plan read from a cable, and what the officer should check by hand."""

    plan: Plan
    warnings: list[str] = field(default_factory=list)


def _not_a_cable(source: str, why: str) -> DemarcheError:
    return DemarcheError(f"not an instruction cable: {why}", file=source or "<text>")


def import_cable(text: str, source: str = "") -> ImportResult:
    """Read an instruction cable's text into a plan.

    Raises `DemarcheError` (one line naming `source`) when the text is empty
    or is not a cable; anything the reader had to guess is in the warnings.
    """
    if not isinstance(text, str) or not text.strip():
        raise DemarcheError("the cable is empty", file=source or "<text>")
    if len(text) > MAX_CHARS:
        raise DemarcheError(f"too long for a cable ({len(text)} characters)", file=source or "<text>")
    warnings: list[str] = []
    lines = clean_lines(text)
    head = read_header(lines)
    if not head.cable_id:
        raise _not_a_cable(source, "no classification line with a cable id (such as 'UNCLAS STATE 097951')")
    signature, body_lines = split_signature(lines[head.body_start :])
    body = read_body(body_lines, head.classification)
    if not any(p.printed is not None for p in body.paragraphs) and not body.blocks and not any(p.prose for p in body.paragraphs):
        raise _not_a_cable(source, f"{head.cable_id} has no text after its header")
    note = assign_numbers(body.paragraphs)
    if note:
        warnings.append(note)

    drafts: list[Draft] = []
    for b in body.blocks:
        got, lead_in = block_items(b, head.shouting)
        b.para.prose.extend(lead_in)
        drafts.extend(got)
        if not got and b.explicit:
            warnings.append(f"para {b.para.number or '?'}: a block opened by '{(b.header or 'QUOTE').strip()[:40]}' holds no points")
    if not drafts:
        drafts = _bullets_anywhere(body.paragraphs, head.shouting)
        if drafts:
            warnings.append("no begin/end markers or points headings: bulleted lines of the paragraphs taken as talking points")
    if not drafts:
        drafts = _paragraphs_as_items(body.paragraphs)
        if not drafts:
            raise _not_a_cable(source, f"{head.cable_id} has no text after its header")
        warnings.append("no talking points found: each paragraph became a candidate talking point; delete those that are not")

    items = _number_items(drafts, head.classification)
    item_paras = {i.paragraph for i in items}
    np_paras = {i.paragraph for i in items if i.kind is ItemKind.NON_PAPER}
    allows = any(b.leave_behind for b in body.blocks)
    brief = make_brief(body.paragraphs, item_paras, np_paras, allows)
    prose = [(p.number, s) for p in body.paragraphs for s in sentences(para_text(p))]
    deadlines = find_deadlines(prose, head.date)
    if not signature:
        warnings.append("no signature found on the last line")
    subject = head.subject or ""
    if not subject:
        warnings.append("no SUBJECT line")
    ins = Instruction(
        id=head.cable_id,
        subject=subject,
        date=head.date,
        dtg=head.dtg,
        from_=head.from_,
        to=head.to,
        info=head.info,
        classification=head.classification,
        captions=head.captions,
        eo=head.eo,
        tags=head.tags,
        refs=head.refs,
        classified_by=head.classified_by,
        signature=signature,
    )
    plan = Plan(title=_title(subject, head.cable_id), instruction=ins, brief=brief, deadlines=deadlines,
                tasks=_tasks(items, brief.leave_behind.value), items=items)
    return ImportResult(plan, warnings)


def _title(subject: str, cable_id: str) -> str:
    s = re.sub(r"^\([A-Za-z/ ,]{1,30}\)[ ]*", "", subject).strip()
    return s or cable_id


def _number_items(drafts: list[Draft], classification) -> list[Item]:  # type: ignore[no-untyped-def]
    counts = {k: 0 for k in ItemKind}
    items = []
    for d in drafts:
        counts[d.kind] += 1
        para = d.block.para
        section = d.section or ("Talking points" if d.kind is ItemKind.TALKING_POINT else "")
        items.append(
            Item(
                id=f"{_PREFIX[d.kind]}-{counts[d.kind]}",
                kind=d.kind,
                text=d.text,
                section=section,
                subsection=d.subsection,
                audience=d.audience,
                marking=d.marking or para.marking or classification,
                priority=d.priority,
                post_note=d.post_note,
                paragraph=para.number,
            )
        )
    return items


def _bullets_anywhere(paras, shouting: bool) -> list[Draft]:  # type: ignore[no-untyped-def]
    out: list[Draft] = []
    for p in paras:
        # Dashes and stars only: lettered lists such as ``(a) To obtain`` are objectives, not points.
        if sum(1 for ln in p.prose if re.match(r"[ ]*(?:-{1,2}|\*|\u2022)[ ]*[A-Z(\"']", ln)) < 2:
            continue
        b = Block(para=p, marking=p.marking, lines=list(p.prose))
        got, lead_in = block_items(b, shouting)
        if got:
            p.prose = lead_in
            out.extend(got)
    return out


def _paragraphs_as_items(paras) -> list[Draft]:  # type: ignore[no-untyped-def]
    out = []
    for p in paras:
        if not para_text(p) or (p.printed is None and len(para_text(p)) < 40):
            continue
        b = Block(para=p, marking=p.marking)
        d = Draft(ItemKind.TALKING_POINT, [], b, text=para_text(p), marking=p.marking)
        out.append(d)
    return out


def _tasks(items: list[Item], rule: str) -> list[Task]:
    tasks = [Task("t1", "Request a meeting with the host government interlocutor the instruction names")]
    if any(i.kind is ItemKind.NON_PAPER for i in items) or rule == "allowed":
        tasks.append(Task("t2", "Prepare the leave-behind (non-paper) without the notes for post"))
    return tasks
