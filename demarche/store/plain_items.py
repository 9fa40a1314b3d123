"""The items of a plan or record built straight from their tables when every value is plainly right.

`formats.TableReader` checks each key through a method call that notes what
it saw and what is wrong, which is most of the time it takes to read a plan
or record of ten thousand items. Nearly always nothing is wrong: these
functions check the same rules with a type test and a dictionary look-up per
key and build the model directly. On anything they do not find plainly
right (an unknown key, a wrong type, a text date, an empty id, a repeated
id) they give None, and `formats` reads the whole array again with the
`TableReader`, which names every problem as before. So they never accept
what the reader would refuse, and build what it would build
(`tests/unit/test_plain_items.py` checks both by hypothesis).
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

from ..classification import Marking, MarkingError, parse_marking
from ..model import Entry, Item, ItemKind, Outcome, Priority, Quoting, Response, Side, Stance

ITEM_KEYS = frozenset(
    (
        "id",
        "kind",
        "text",
        "section",
        "subsection",
        "audience",
        "marking",
        "priority",
        "post_note",
        "paragraph",
        "leave_behind",
        "translation",
        "label",
    )
)
ENTRY_KEYS = ITEM_KEYS | {
    "included",
    "cue",
    "outcome",
    "outcome_at",
    "response",
    "handed_over",
    "handed_over_at",
    "reason",
    "exchanges",
}
EXCHANGE_KEYS = frozenset(
    ("stance", "text", "quoting", "speaker", "side", "key", "theme", "marking")
)
_OPTIONAL_ITEM_TEXTS = (
    "section",
    "subsection",
    "audience",
    "post_note",
    "paragraph",
    "translation",
    "label",
)
_KINDS = {e.value: e for e in ItemKind}
_PRIORITIES = {e.value: e for e in Priority}
_OUTCOMES = {e.value: e for e in Outcome}
_STANCES = {e.value: e for e in Stance}
_QUOTINGS = {e.value: e for e in Quoting}
_SIDES = {e.value: e for e in Side}
_WRONG = object()
"""A value the reader would refuse."""
_ABSENT = object()


@functools.lru_cache(maxsize=256)
def _marking(text: str) -> Marking | None:
    """A marking read once per spelling (a record repeats a handful); None when it does not read."""
    try:
        return parse_marking(text)
    except MarkingError:
        return None


def _texts(d: dict[str, Any], keys: tuple[str, ...]) -> dict[str, str] | None:
    out = {}
    for k in keys:
        v = d.get(k, "")
        if type(v) is not str:
            return None
        out[k] = v
    return out


def _item(d: dict[str, Any]) -> Item | None:
    """An item from a table already known to hold only item (or entry) keys."""
    id_ = d.get("id")
    text = d.get("text")
    kind_name = d.get("kind")
    kind = _KINDS.get(kind_name) if type(kind_name) is str else None
    mark = d.get("marking")
    if (
        type(id_) is not str
        or not id_.strip()
        or type(text) is not str
        or not text.strip()
        or kind is None
        or type(mark) is not str
    ):
        return None
    marking = _marking(mark)
    priority = _enum(d, "priority", _PRIORITIES, Priority.NORMAL)
    leave_behind = d.get("leave_behind", _ABSENT)
    texts = _texts(d, _OPTIONAL_ITEM_TEXTS)
    if (
        marking is None
        or priority is _WRONG
        or (leave_behind is not _ABSENT and type(leave_behind) is not bool)
        or texts is None
    ):
        return None
    return Item(
        id=id_,
        kind=kind,
        text=text,
        marking=marking,
        priority=priority,
        leave_behind=leave_behind if isinstance(leave_behind, bool) else None,
        **texts,
    )


def _enum(d: dict[str, Any], key: str, members: dict[str, Any], default: Any) -> Any:
    """The member named by `d[key]`, `default` when absent, `_WRONG` when it names none."""
    if key not in d:
        return default
    v = d[key]
    if type(v) is not str or v not in members:
        return _WRONG
    return members[v]


def _exchange(d: Any) -> Response | None:
    if type(d) is not dict or not EXCHANGE_KEYS.issuperset(d):
        return None
    stance = _enum(d, "stance", _STANCES, None)
    quoting = _enum(d, "quoting", _QUOTINGS, Quoting.PARAPHRASE)
    side = _enum(d, "side", _SIDES, Side.HOST)
    key = d.get("key", False)
    texts = _texts(d, ("text", "speaker", "theme"))
    if (
        stance is _WRONG
        or quoting is _WRONG
        or side is _WRONG
        or type(key) is not bool
        or texts is None
    ):
        return None
    marking = None
    if "marking" in d:
        if type(d["marking"]) is not str:
            return None
        marking = _marking(d["marking"])
        if marking is None:
            return None
    return Response(stance=stance, quoting=quoting, side=side, key=key, marking=marking, **texts)


def _time(d: dict[str, Any], key: str) -> dt.datetime | None | object:
    if key not in d:
        return None
    v = d[key]
    return v if type(v) is dt.datetime else _WRONG


def _entry(d: Any) -> Entry | None:
    if type(d) is not dict or not ENTRY_KEYS.issuperset(d):
        return None
    item = _item(d)
    response = _exchange(d.get("response", {}))
    if item is None or response is None:
        return None
    included = d.get("included", True)
    handed_over = d.get("handed_over", False)
    outcome = _enum(d, "outcome", _OUTCOMES, Outcome.PENDING)
    outcome_at = _time(d, "outcome_at")
    handed_over_at = _time(d, "handed_over_at")
    texts = _texts(d, ("cue", "reason"))
    raw_exchanges = d.get("exchanges", [])
    if (
        type(included) is not bool
        or type(handed_over) is not bool
        or outcome is _WRONG
        or outcome_at is _WRONG
        or handed_over_at is _WRONG
        or texts is None
        or type(raw_exchanges) is not list
    ):
        return None
    exchanges = []
    for x in raw_exchanges:
        r = _exchange(x)
        if r is None:
            return None
        exchanges.append(r)
    return Entry(
        item=item,
        included=included,
        outcome=outcome,
        outcome_at=outcome_at,  # type: ignore[arg-type]
        response=response,
        handed_over=handed_over,
        handed_over_at=handed_over_at,  # type: ignore[arg-type]
        exchanges=exchanges,
        **texts,
    )


def _unique(ids: list[str]) -> bool:
    return len(set(ids)) == len(ids)


def plan_items(raw: Any) -> list[Item] | None:
    """A plan's ``[[items]]`` as items, or None: read them with the `TableReader`."""
    if type(raw) is not list:
        return None
    out = []
    for d in raw:
        if type(d) is not dict or not ITEM_KEYS.issuperset(d):
            return None
        item = _item(d)
        if item is None:
            return None
        out.append(item)
    return out if _unique([i.id for i in out]) else None


def record_entries(raw: Any) -> list[Entry] | None:
    """A record's ``[[items]]`` as entries, or None: read them with the `TableReader`."""
    if type(raw) is not list:
        return None
    out = []
    for d in raw:
        e = _entry(d)
        if e is None:
            return None
        out.append(e)
    return out if _unique([e.item.id for e in out]) else None
