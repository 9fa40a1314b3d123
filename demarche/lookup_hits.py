"""The full text behind a search hit: a `search.Hit` carries one line, the app shows the whole field.

Plain Python, no I/O: the document is the plan or record the search read.
"""

from __future__ import annotations

from .model import Plan, Record
from .lookup import Hit


def hit_text(doc: Plan | Record, hit: Hit) -> str:
    """The whole text of the field `hit` points at in `doc` (a plan or record), or the snippet if it is gone."""
    where, field = hit.where, hit.field
    if where == "brief" and field in ("action_request", "objectives", "background"):
        return getattr(doc.brief, field)
    if field == "task":
        return next((t.text for t in doc.tasks if t.id == where), hit.snippet)
    if field == "deadline":
        try:
            d = doc.deadlines[int(where.split()[-1]) - 1]
        except (ValueError, IndexError):
            return hit.snippet
        return f"{d.date.isoformat() if d.date else '(no date)'}: {d.what}"
    items = {it.id: it for it in doc.items} if isinstance(doc, Plan) else {e.id: e.item for e in doc.entries}
    item = items.get(where)
    if item is not None and field in ("text", "post_note"):
        return getattr(item, field)
    if isinstance(doc, Record):
        if field in ("notes", "comment"):
            return getattr(doc, field)
        entry = next((e for e in doc.entries if e.id == where), None)
        if entry is not None:
            return {"response": entry.response.text, "speaker": entry.response.speaker, "cue": entry.cue}.get(field, hit.snippet)
        fu = next((f for f in doc.follow_ups if f.id == where), None)
        if fu is not None:
            return {"what": fu.what, "close_note": fu.close_note}.get(field, hit.snippet)
    return hit.snippet
