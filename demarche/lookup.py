"""Search across a workspace's plans and records: ``demarche search`` and ``/`` in the app.

Matches are case-insensitive substring matches in the texts an officer looks
for: plan items (text, note for post), the brief, tasks and deadlines, and in
records the item copies,
responses (text and speaker), cues, the reasons a point was skipped,
deferred or made only in part, follow-ups (what and closing note), the
meeting notes and the comment. Each `Hit` says which file, where in it (an
item id, a follow-up id, or ``notes``/``comment``), which field, and a
one-line snippet around the first match in that field; `hit_text` gives
back the whole field a hit points at, for the app to show.

A record's copy of an item is reported only when it differs from the
workspace plan it came from (or the plan is not there): otherwise every
record would repeat the plan's hit. Likewise the record's copy of the brief,
tasks and deadlines is searched only when its plan is not in the workspace.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from collections.abc import Iterator

from .classification import Marking, highest
from .model import Plan, Record

if TYPE_CHECKING:
    from .store.digest import RecordDigest
    from .store.overview import Overview

SNIPPET_WIDTH = 72
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Hit:
    """One field of one file that contains the search text."""

    file: Path
    shown: str
    """The file as the user should see it (relative to the workspace)."""
    kind: str
    """``plan`` or ``record``."""
    where: str
    """Item id (``np-3``), follow-up id (``f1``), task id (``t4``), ``brief``, ``deadline N``, ``notes`` or ``comment``."""
    field: str
    """``text``, ``post_note``, ``response``, ``speaker``, ``cue``, ``reason``, ``what``, ``close_note``, ``notes``,
    ``comment``, ``action_request``, ``objectives``, ``background``, ``task``, ``deadline``."""
    snippet: str
    """One line around the first match, whitespace collapsed, cut with ``...``."""
    start: int
    """Where the match starts in `snippet` (for highlighting)."""
    end: int
    count: int = 1
    """How many times the text occurs in the field."""

    @property
    def location(self) -> str:
        """``records/x.toml np-3 response``."""
        return (
            f"{self.shown} {self.where} {self.field}"
            if self.where != self.field
            else f"{self.shown} {self.field}"
        )


def snippet(text: str, m: re.Match[str], width: int = SNIPPET_WIDTH) -> tuple[str, int, int]:
    """A window of about `width` characters of `text` around match `m`, on one line."""
    before = _SPACE.sub(" ", text[: m.start()]).lstrip()
    match = _SPACE.sub(" ", m.group(0))
    after = _SPACE.sub(" ", text[m.end() :]).rstrip()
    room = max(width - len(match), 10)
    # A third of the room before the match, more when little text follows it.
    left = min(len(before), max(room // 3, room - len(after)))
    right = room - left
    head = before[len(before) - left :] if left else ""
    tail = after[:right]
    pre = "..." if left < len(before) else ""
    post = "..." if right < len(after) else ""
    if pre:
        head = head.lstrip()
    if post:
        tail = tail.rstrip()
    s = pre + head + match + tail + post
    start = len(pre) + len(head)
    return s, start, start + len(match)


def _fields_of_brief(doc: Plan | Record) -> Iterator[tuple[str, str, str]]:
    yield "brief", "action_request", doc.brief.action_request
    yield "brief", "objectives", doc.brief.objectives
    yield "brief", "background", doc.brief.background
    for t in doc.tasks:
        yield t.id, "task", t.text
    for n, d in enumerate(doc.deadlines, 1):
        yield f"deadline {n}", "deadline", d.what


def _fields_of_plan(plan: Plan) -> Iterator[tuple[str, str, str]]:
    yield from _fields_of_brief(plan)
    for it in plan.items:
        yield it.id, "text", it.text
        yield it.id, "post_note", it.post_note


def _fields_of_record(
    digest: RecordDigest, plan: Plan | None, originals: dict[str, tuple[str, str]]
) -> Iterator[tuple[str, str, str]]:
    """The record's fields, less the item copies equal to `plan`'s (`originals`: id -> text, note for post)."""
    if plan is None:
        yield from digest.brief
    for where, field, value in digest.texts:
        if field in ("text", "post_note") and plan is not None:
            orig = originals.get(where)
            if orig is not None and orig[0 if field == "text" else 1] == value:
                continue
        yield where, field, value


def search(overview: Overview, text: str) -> list[Hit]:
    """Every field of the workspace's readable plans and records containing `text` (any case).

    Plans first, then records, each in file order and in document order
    inside a file. Empty or blank `text` finds nothing. Broken files are
    not searched (``demarche status`` lists them).
    """
    needle = text.strip()
    if not needle:
        return []
    # Words may be split across lines or spaces in the files: any run of whitespace matches.
    pattern = re.compile(r"\s+".join(re.escape(w) for w in needle.split()), re.IGNORECASE)
    ws = overview.workspace
    hits: list[Hit] = []
    plans_by_path: dict[Path, tuple[Plan, dict[str, tuple[str, str]]]] = {}
    for pf in overview.plans:
        if pf.plan is None:
            continue
        texts = {it.id: (it.text, it.post_note) for it in pf.plan.items}
        plans_by_path[pf.path.resolve()] = (pf.plan, texts)
        hits += _match(pattern, pf.path, ws.display(pf.path), "plan", _fields_of_plan(pf.plan))
    sources: dict[str, Path | None] = {}
    for rf in overview.records:
        if rf.digest is None:
            continue
        key = rf.digest.plan_path
        if key not in sources:  # resolving a path costs system calls: once per plan named
            sources[key] = ws.plan_of(key)
        source = sources[key]
        plan, originals = plans_by_path.get(source, (None, {})) if source else (None, {})
        fields = _fields_of_record(rf.digest, plan, originals)
        hits += _match(pattern, rf.path, ws.display(rf.path), "record", fields)
    return hits


def hits_marking(overview: Overview, hits: list[Hit]) -> Marking:
    """The highest marking of the files `hits` come from: the level of any list showing them."""
    files = {h.file for h in hits}
    marks = [p.plan.overall_marking() for p in overview.plans if p.plan and p.path in files]
    marks += [r.digest.marking for r in overview.records if r.digest and r.path in files]
    return highest(marks)


def _match(
    pattern: re.Pattern[str],
    path: Path,
    shown: str,
    kind: str,
    fields: Iterator[tuple[str, str, str]],
) -> list[Hit]:
    out = []
    for where, field, value in fields:
        if not value:
            continue
        matches = list(pattern.finditer(value))
        if not matches:
            continue
        snip, start, end = snippet(value, matches[0])
        out.append(Hit(path, shown, kind, where, field, snip, start, end, len(matches)))
    return out


def hit_text(doc: Plan | Record, hit: Hit) -> str:
    """The whole text of the field `hit` points at in `doc` (a plan or record), or the snippet if it is gone."""
    where, field = hit.where, hit.field
    if where == "brief" and field in ("action_request", "objectives", "background"):
        return str(getattr(doc.brief, field))
    if field == "task":
        return next((t.text for t in doc.tasks if t.id == where), hit.snippet)
    if field == "deadline":
        try:
            d = doc.deadlines[int(where.split()[-1]) - 1]
        except (ValueError, IndexError):
            return hit.snippet
        return f"{d.date.isoformat() if d.date else '(no date)'}: {d.what}"
    items = (
        {it.id: it for it in doc.items}
        if isinstance(doc, Plan)
        else {e.id: e.item for e in doc.entries}
    )
    item = items.get(where)
    if item is not None and field in ("text", "post_note"):
        return str(getattr(item, field))
    if isinstance(doc, Record):
        if field in ("notes", "comment"):
            return str(getattr(doc, field))
        entry = next((e for e in doc.entries if e.id == where), None)
        if entry is not None:
            return {
                "response": entry.response.text,
                "speaker": entry.response.speaker,
                "cue": entry.cue,
            }.get(field, hit.snippet)
        fu = next((f for f in doc.follow_ups if f.id == where), None)
        if fu is not None:
            return {"what": fu.what, "close_note": fu.close_note}.get(field, hit.snippet)
    return hit.snippet
