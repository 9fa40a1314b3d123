"""From cable text to a `Plan`: the steps in order, and the warnings met on the way."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..bulk import collector_paused
from ..classification import Level, Marking, highest
from ..errors import DemarcheError
from ..model import Instruction, Item, ItemKind, LeaveBehind, Plan, Reference, Task
from .blocks import block_rules, cable_rule, cited, reactive_blocks
from .body import Block, Body, Paragraph, assign_numbers, read_body
from .brief import make_brief, para_text, prose_sentences
from .deadlines import find_deadlines
from .header import read_header, split_signature
from .labels import seed_label
from .markers import resolve
from .points import Draft, block_items
from .text import clean_lines, join_lines
from .worded import WordedPattern

_PREFIX = {ItemKind.TALKING_POINT: "tp", ItemKind.NON_PAPER: "np", ItemKind.CONTINGENCY: "cp"}
MAX_CHARS = 20_000_000
_OBJECTIVES = WordedPattern(r"\bobjectives?\b", ("objective",))
_BULLET_LINE = re.compile(r"^[ ]*(?:-{1,4}|\*|\u2022)[ ]*\S")


@dataclass
class ImportResult:
    """A plan read from a cable, and what the officer should check by hand."""

    plan: Plan
    warnings: list[str] = field(default_factory=list)


def _not_a_cable(source: str, why: str) -> DemarcheError:
    return DemarcheError(f"not an instruction cable: {why}", file=source or "<text>")


_ARCHIVE_ID = re.compile(
    r"(?:^|[/\\])(?P<yy>\d{2})(?P<origin>[A-Z]{3,20})(?P<serial>\d{1,7})(?:\.[A-Za-z]{1,5})?$"
)


def _id_from_source(source: str) -> str:
    """``08STATE43817.txt`` (an archive id as file name) -> ``STATE 43817``."""
    m = _ARCHIVE_ID.search(source.strip())
    return f"{m['origin']} {int(m['serial'])}" if m else ""


def import_cable(text: str, source: str = "") -> ImportResult:
    """Read an instruction cable's text into a plan.

    Raises `DemarcheError` (one line naming `source`) when the text is empty
    or is not a cable; anything the reader had to guess is in the warnings.
    """
    with collector_paused():  # linear on big cables (`bulk`)
        return _import_cable(text, source)


def _import_cable(text: str, source: str) -> ImportResult:
    if not isinstance(text, str) or not text.strip():
        raise DemarcheError("the cable is empty", file=source or "<text>")
    if len(text) > MAX_CHARS:
        raise DemarcheError(
            f"too long for a cable ({len(text)} characters)", file=source or "<text>"
        )
    warnings: list[str] = []
    lines = clean_lines(text)
    head = read_header(lines)
    if not head.cable_id:
        if not (head.from_ and (head.subject or head.tags)):
            raise _not_a_cable(
                source, "no classification line with a cable id (such as 'UNCLAS STATE 097951')"
            )
        head.cable_id = _id_from_source(source)
        if head.cable_id:
            warnings.append(
                f"no classification line: the cable id {head.cable_id} is taken from the file name"
            )
        else:
            head.cable_id = "UNKNOWN"
            warnings.append(
                "no classification line and no cable id: the plan's id is UNKNOWN; set it by hand"
            )
    signature, body_lines = split_signature(lines[head.body_start :])
    body = read_body(body_lines)
    if (
        not any(p.printed is not None for p in body.paragraphs)
        and not body.blocks
        and sum(len(para_text(p)) for p in body.paragraphs) < 40
    ):
        raise _not_a_cable(source, f"{head.cable_id} has no text after its header")
    if not head.classified_line:
        level = highest(
            [p.marking for p in body.paragraphs if p.marking is not None] + [head.classification]
        )
        head.classification = Marking(
            max(level.level, head.classification.level),
            noforn=level.noforn or head.classification.noforn,
        )
        warnings.append(
            f"no classification line: classified {head.classification.short} from the paragraph markings"
            if level.level > Level.U
            else "no classification line and no markings: taken as unclassified"
        )
    note = assign_numbers(body.paragraphs)
    if note:
        warnings.append(note)

    point_blocks = _with_cited_paragraphs(
        [b for b in body.blocks if not b.is_reference], body.paragraphs
    )
    reactive_blocks(point_blocks, body.paragraphs)
    drafts: list[Draft] = []
    for b in point_blocks:
        got, lead_in = block_items(b, head.shouting, body.reflowed)
        b.para.prose.extend(lead_in)
        drafts.extend(got)
        if not got and b.explicit:
            warnings.append(
                f"para {b.para.number or '?'}: a block opened by '{(b.header or 'QUOTE').strip()[:40]}' holds no points"
            )
    objectives_taken = False
    if not drafts:
        drafts = _objectives(body.paragraphs, head.shouting, body.reflowed)
        if drafts:
            objectives_taken = True
            warnings.append(
                "no talking points: the objectives are taken as the checklist (section Objectives); check them"
            )
        else:
            warnings.append(
                "no talking points found: the plan has no items; add them by hand or check the cable"
            )

    items = _number_items(drafts, head.classification)
    references = _references(body)
    item_paras = {i.paragraph for i in items}
    rules = block_rules(point_blocks, body.paragraphs)
    _leave_behind(items, drafts, rules)
    rule = cable_rule(point_blocks, rules, body.paragraphs)
    brief = make_brief(body.paragraphs, item_paras, rule, references, objectives_taken)
    prose = [(p.number, s) for p in body.paragraphs for s in prose_sentences(p)]
    deadlines = find_deadlines(prose, head.date)
    if not signature:
        warnings.append("no signature found on the last line")
    subject = head.subject or ""
    if not subject:
        warnings.append("no SUBJECT line")
    ins = Instruction(
        id=head.cable_id,
        subject=subject,
        subject_marking=head.subject_marking,
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
    plan = Plan(
        title=subject or head.cable_id,
        instruction=ins,
        brief=brief,
        deadlines=deadlines,
        tasks=_tasks(items, brief.leave_behind.value),
        items=items,
    )
    return ImportResult(plan, warnings)


_DRAW_ON_POINTS = WordedPattern(
    r"\b(?:draw(?:ing)?[ ]+(?:on|from|upon)|use|using|deliver|convey|make)\b[^.;]{0,80}\bpoints\b",
    ("points",),
)


def _with_cited_paragraphs(blocks: list[Block], paras: list[Paragraph]) -> list[Block]:
    """Blocks with no marker at all: a paragraph of bullets the prose sends post to ("draw on the points in para 5").

    Returns the blocks in the cable's order, those paragraphs included.
    """
    cites: set[str] = set()
    for p in paras:
        for s in prose_sentences(p):
            if _DRAW_ON_POINTS.search(s):
                cites |= cited(s)
    held = {id(b.para) for b in blocks}
    found = []
    for p in paras:
        if (
            p.number in cites
            and id(p) not in held
            and sum(1 for ln in p.prose if _BULLET_LINE.match(ln)) >= 1
        ):
            found.append(
                Block(
                    para=p, nature="points", opener="cited", marking=p.marking, lines=list(p.prose)
                )
            )
            p.prose = []
    if not found:
        return blocks
    order = {id(p): k for k, p in enumerate(paras)}
    return sorted(blocks + found, key=lambda b: order.get(id(b.para), -1))


def _number_items(drafts: list[Draft], classification: Marking) -> list[Item]:
    counts = {k: 0 for k in ItemKind}
    items = []
    labels: dict[str, str] = {}  # the same point for several audiences is labelled once
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
                marking=resolve(d.marking or para.marking, classification) or classification,
                priority=d.priority,
                post_note=d.post_note,
                paragraph=para.number,
                label=_label(d.text, labels),
            )
        )
    return items


def _label(text: str, labels: dict[str, str]) -> str:
    got = labels.get(text)
    if got is None:
        got = labels[text] = seed_label(text)
    return got


def _leave_behind(items: list[Item], drafts: list[Draft], rules: dict[int, bool | None]) -> None:
    """Each item follows its block's leave-behind rule (None: the plan's rule)."""
    for item, d in zip(items, drafts):
        if d.kind is ItemKind.CONTINGENCY and rules.get(id(d.block)) is not False:
            continue
        item.leave_behind = rules.get(id(d.block))


def _objectives(paras: list[Paragraph], shouting: bool, reflowed: bool) -> list[Draft]:
    """A cable with no points: the bullets of its objectives paragraphs, as the checklist."""
    out: list[Draft] = []
    in_objectives = False
    for p in paras:
        if p.heading:
            in_objectives = bool(_OBJECTIVES.search(p.heading))
        text = para_text(p)
        if not (in_objectives or _OBJECTIVES.search(text[:300])):
            continue
        if sum(1 for ln in p.prose if _BULLET_LINE.match(ln)) < 1:
            continue
        b = Block(
            para=p,
            nature="points",
            opener="objectives",
            marking=p.marking,
            section="Objectives",
            lines=list(p.prose),
        )
        got, lead_in = block_items(b, shouting, reflowed)
        if got:
            p.prose = lead_in
            for d in got:
                d.section = "Objectives"
            out.extend(got)
    return out


def _references(body: Body) -> list[Reference]:
    """Quoted documents: blocks of a document's text, and paragraphs headed by a document's name."""
    out: list[Reference] = []
    in_blocks = {id(b.para) for b in body.blocks}
    for b in body.blocks:
        if not b.is_reference:
            continue
        text = _document_text(b.lines)
        if text:
            out.append(
                Reference(
                    _title(b.header, b.para.heading),
                    text,
                    b.para.number,
                    b.marking or b.para.marking or Marking(),
                )
            )
    from .markers import names_document

    for p in body.paragraphs:
        if p.heading and names_document(p.heading) and id(p) not in in_blocks and p.prose:
            out.append(
                Reference(
                    " ".join(p.heading.split()).strip('" '),
                    _document_text(p.prose),
                    p.number,
                    p.marking or Marking(),
                )
            )
            p.prose = []
    return out


def _document_text(lines: list[str]) -> str:
    """A quoted document's text: its paragraphs kept, lines within them joined."""
    paras: list[list[str]] = [[]]
    for ln in lines:
        if ln.startswith("\x00"):
            ln = ln[2:]
        if not ln.strip():
            if paras[-1]:
                paras.append([])
            continue
        paras[-1].append(ln)
    return "\n\n".join(join_lines(p) for p in paras if p)


def _title(phrase: str, heading: str) -> str:
    """``text of resolution`` -> ``Resolution``; plain ``text`` takes the paragraph's heading."""
    t = re.sub(
        r"^(?:the[ ]+)?(?:text[ ]+of[ ]+(?:the[ ]+)?|text[ ]*$)",
        "",
        " ".join(phrase.split()),
        flags=re.I,
    ).strip(" :.")
    if not t:
        t = " ".join(heading.split()) or "Quoted text"
    return t[:1].upper() + t[1:]


def _tasks(items: list[Item], rule: str) -> list[Task]:
    tasks = [
        Task("t1", "Request a meeting with the host government interlocutor the instruction names")
    ]
    if (
        any(i.kind is ItemKind.NON_PAPER or i.leave_behind for i in items)
        or rule == LeaveBehind.ALLOWED.value
    ):
        tasks.append(Task("t2", "Prepare the leave-behind (non-paper) without the notes for post"))
    return tasks
