"""How well an imported plan matches a hand label of its cable.

The labels (``tests/data/cables/truth/<ID>.json``) were made by reading each
cable, independently of any importer. The measure, used by the suite and by
``bench/score_import.py``:

- An extracted item matches a label when the label's first 8 words are a
  prefix of the item's words. Words are compared lower-cased, with a leading
  portion marking and all punctuation stripped and ``,s`` read as ``'s``.
  Each label matches at most one item and each item at most one label.
- Optional labels (objectives bullets of a cable with no points marker) count
  neither way: an item matching one is neither right nor wrong, a missing one
  is not missed. Every other extracted item is a false positive, including
  items from cables that have no points at all.
- Contingent accuracy: among matched items, kind ``contingency`` exactly when
  the label says contingent.
- Audience accuracy: among matched items from a block labelled for a country
  or group, the item's ``audience`` names each country of the label (capitals
  in the label are not translated: ``POLAND`` needs ``POLAND``).
- Header accuracy: serial, classification level, subject (without a leading
  marking, case and spacing ignored), tags and date, one point each.

Pure Python on the model; no Textual, no files except `load_label`.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..classification import Level
from ..model import ItemKind, Plan

PREFIX_WORDS = 8
_COMMA_S = re.compile(r"(?<=[a-z]),s\b")
#: A portion marking: a level, then caveats (``(S//REL TO USA, YEM)``, ``(U//FOUO)``, ``(S//REL)``).
_LEADING_MARKING = re.compile(
    r"^\s*\(\s*(?:TS|S|C|U|SBU|TOP\s+SECRET|SECRET|CONFIDENTIAL|UNCLASSIFIED|UNCLAS)(?:\s*//?\s*[A-Z][A-Z ,&/-]*)?\s*\)\s*",
    re.I,
)
_NOT_WORD = re.compile(r"[^a-z0-9]+")
_LEVELS = {
    "UNCLASSIFIED": Level.U,
    "CONFIDENTIAL": Level.C,
    "SECRET": Level.S,
    "TOP SECRET": Level.TS,
}


def words(text: str) -> list[str]:
    """The comparable words of an item or a label start."""
    t = _COMMA_S.sub("'s", text.strip().lower())
    t = _LEADING_MARKING.sub("", t, count=1)
    return _NOT_WORD.sub(" ", t).split()


def _subject(text: str) -> str:
    t = _LEADING_MARKING.sub("", text.strip(), count=1)
    return " ".join(t.upper().split())


def _audience_names(label: str) -> list[str]:
    return [n.strip() for n in re.split(r",|\band\b", label, flags=re.I) if n.strip()]


def names_audience(item_audience: str, label: str) -> bool:
    """Whether an item's audience names every country or group of the label."""
    have = " " + " ".join(_NOT_WORD.sub(" ", item_audience.lower()).split()) + " "
    return all(
        " " + " ".join(_NOT_WORD.sub(" ", n.lower()).split()) + " " in have
        for n in _audience_names(label)
    )


@dataclass
class Miss:
    """A label no item matched, or an item no label matched (for the table's details)."""

    text: str
    where: str = ""


@dataclass
class CableScore:
    """One cable's counts."""

    name: str
    matched: int = 0
    false_pos: int = 0
    missed: int = 0
    optional: int = 0
    contingent_ok: int = 0
    audience_ok: int = 0
    audience_total: int = 0
    header_ok: int = 0
    header_total: int = 5
    header_wrong: list[str] = field(default_factory=list)
    missed_labels: list[Miss] = field(default_factory=list)
    extra_items: list[Miss] = field(default_factory=list)
    wrong_kind: list[Miss] = field(default_factory=list)
    wrong_audience: list[Miss] = field(default_factory=list)

    @property
    def labels(self) -> int:
        return self.matched + self.missed


@dataclass
class Totals:
    """The corpus measure: sums over cables, ratios over the sums."""

    cables: list[CableScore]

    def _sum(self, attr: str) -> int:
        return sum(getattr(c, attr) for c in self.cables)

    @property
    def precision(self) -> float:
        tp, fp = self._sum("matched"), self._sum("false_pos")
        return tp / (tp + fp) if tp + fp else 1.0

    @property
    def recall(self) -> float:
        tp, fn = self._sum("matched"), self._sum("missed")
        return tp / (tp + fn) if tp + fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def contingent(self) -> float:
        n = self._sum("matched")
        return self._sum("contingent_ok") / n if n else 1.0

    @property
    def audience(self) -> float:
        n = self._sum("audience_total")
        return self._sum("audience_ok") / n if n else 1.0

    @property
    def header(self) -> float:
        n = self._sum("header_total")
        return self._sum("header_ok") / n if n else 1.0


def load_label(path: Path) -> dict[str, Any]:
    """A hand label as written (JSON)."""
    label: dict[str, Any] = json.loads(Path(path).read_text(encoding="utf-8"))
    return label


def _label_items(label: dict[str, Any]) -> list[tuple[list[str], dict[str, Any], dict[str, Any]]]:
    out = []
    for block in label.get("point_blocks", []):
        for it in block["items"]:
            out.append((words(it["start"])[:PREFIX_WORDS], it, block))
    return out


def _matches(label_words: list[str], item_words: list[str]) -> bool:
    return bool(label_words) and item_words[: len(label_words)] == label_words


def _assign(labels: list[list[str]], items: list[list[str]], taken: set[int]) -> list[int | None]:
    """For each label, the index of the item it matches (in order where possible), or None."""
    out: list[int | None] = []
    last = -1
    for lw in labels:
        pick = next(
            (k for k in range(last + 1, len(items)) if k not in taken and _matches(lw, items[k])),
            None,
        )
        if pick is None:
            pick = next(
                (k for k in range(0, len(items)) if k not in taken and _matches(lw, items[k])), None
            )
        if pick is not None:
            taken.add(pick)
            last = pick
        out.append(pick)
    return out


def score_cable(name: str, plan: Plan, label: dict[str, Any]) -> CableScore:
    """Compare one imported plan with its label."""
    sc = CableScore(name)
    items = plan.items
    item_words = [words(i.text) for i in items]
    taken: set[int] = set()
    labelled = _label_items(label)
    picks = _assign([lw for lw, _, _ in labelled], item_words, taken)
    optional = [
        words(o if isinstance(o, str) else o["start"])[:PREFIX_WORDS]
        for o in label.get("optional_items", [])
    ]
    sc.optional = sum(p is not None for p in _assign(optional, item_words, taken))
    for (_lw, it, block), pick in zip(labelled, picks):
        if pick is None:
            sc.missed += 1
            sc.missed_labels.append(Miss(it["start"], block.get("marker", "")))
            continue
        sc.matched += 1
        item = items[pick]
        if (item.kind is ItemKind.CONTINGENCY) == bool(it.get("contingent")):
            sc.contingent_ok += 1
        else:
            sc.wrong_kind.append(Miss(it["start"], f"{item.id} is {item.kind.value}"))
        aud = block.get("audience")
        if aud:
            sc.audience_total += 1
            if names_audience(item.audience, aud):
                sc.audience_ok += 1
            else:
                sc.wrong_audience.append(
                    Miss(it["start"], f"{item.id} audience {item.audience!r}, label {aud!r}")
                )
    for k, item in enumerate(items):
        if k not in taken:
            sc.false_pos += 1
            sc.extra_items.append(Miss(item.text[:90], item.id))
    _score_header(sc, plan, label)
    return sc


def score_failure(name: str, label: dict[str, Any], why: str) -> CableScore:
    """A cable the importer refused: every label missed, no header field right."""
    sc = CableScore(name, header_ok=0, header_wrong=[f"not imported: {why}"])
    for _, it, block in _label_items(label):
        sc.missed += 1
        sc.missed_labels.append(Miss(it["start"], block.get("marker", "")))
    return sc


def _score_header(sc: CableScore, plan: Plan, label: dict[str, Any]) -> None:
    ins = plan.instruction
    checks = {
        "serial": ins.id == label["serial"],
        "classification": header_level_matches(ins.classification.level, label["classification"]),
        "subject": _subject(ins.subject) == _subject(label["subject"]),
        "tags": [t.upper() for t in ins.tags] == [t.upper() for t in label["tags"]],
        "date": ins.date == (dt.date.fromisoformat(label["date"]) if label.get("date") else None),
    }
    sc.header_total = len(checks)
    sc.header_ok = sum(checks.values())
    got = {
        "serial": ins.id,
        "classification": ins.classification.short,
        "subject": ins.subject,
        "tags": " ".join(ins.tags),
        "date": str(ins.date),
    }
    sc.header_wrong = [f"{k}: {got[k]!r}" for k, ok in checks.items() if not ok]


def _level(word: str) -> Level:
    level = _LEVELS.get(word.strip().upper())
    if level is None:
        raise ValueError(f"unknown classification in label: {word!r}")
    return level


def header_level_matches(got: Level, label_word: str) -> bool:
    """Classification level as the header measure reads it: SBU counts as UNCLASSIFIED."""
    want = _level(label_word)
    return (Level.U if got is Level.SBU else got) == want
