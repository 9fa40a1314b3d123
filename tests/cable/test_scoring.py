"""The measure itself, on small hand-made plans and labels: what counts as a match, a miss, an extra item."""

from __future__ import annotations

import datetime as dt

from demarche.cable.scoring import Totals, names_audience, score_cable, words
from demarche.classification import Level, Marking
from demarche.model import Instruction, Item, ItemKind, Plan


def _plan(*items: Item, subject: str = "RUSSIA: TOPIC") -> Plan:
    ins = Instruction(
        id="STATE 1",
        subject=subject,
        date=dt.date(2009, 9, 21),
        classification=Marking(Level.S),
        tags=["PREL", "RS"],
    )
    return Plan(title="t", instruction=ins, items=list(items))


def _tp(n: int, text: str, kind: ItemKind = ItemKind.TALKING_POINT, audience: str = "") -> Item:
    return Item(id=f"tp-{n}", kind=kind, text=text, audience=audience)


def _label(*blocks: dict, optional: list[str] | None = None) -> dict:
    return {
        "serial": "STATE 1",
        "classification": "SECRET",
        "subject": "(S) RUSSIA: TOPIC",
        "tags": ["PREL", "RS"],
        "date": "2009-09-21",
        "point_blocks": list(blocks),
        "optional_items": optional or [],
    }


def _block(*starts: str, audience: str | None = None, contingent: bool = False) -> dict:
    return {"audience": audience, "items": [{"start": s, "contingent": contingent} for s in starts]}


def test_words_are_compared_without_case_punctuation_or_a_leading_marking():
    assert words("(S//REL TO USA, YEM) The Government,s view -- U.S.-led") == [
        "the",
        "government",
        "s",
        "view",
        "u",
        "s",
        "led",
    ]
    assert words("(If appropriate) Note") == ["if", "appropriate", "note"]  # not a marking: kept


def test_a_label_matches_an_item_that_starts_with_its_first_eight_words():
    label = _label(_block("One two three four five six seven eight nine ten"))
    hit = score_cable(
        "x", _plan(_tp(1, "One two three four five six seven eight and then something else")), label
    )
    miss = score_cable("x", _plan(_tp(1, "One two three four five six seven")), label)
    assert (hit.matched, hit.false_pos, hit.missed) == (1, 0, 0)
    assert (miss.matched, miss.false_pos, miss.missed) == (0, 1, 1)


def test_each_label_matches_one_item_and_each_item_one_label():
    label = _label(_block("Same words here", "Same words here"))
    sc = score_cable(
        "x",
        _plan(
            _tp(1, "Same words here and more"),
            _tp(2, "Same words here again"),
            _tp(3, "Same words here too"),
        ),
        label,
    )
    assert (sc.matched, sc.false_pos, sc.missed) == (2, 1, 0)


def test_optional_items_count_neither_way():
    label = _label(optional=["Convey our concern", "Ask for information"])
    taken = score_cable("x", _plan(_tp(1, "Convey our concern about the cargo")), label)
    left = score_cable("x", _plan(), label)
    assert (taken.matched, taken.false_pos, taken.missed, taken.optional) == (0, 0, 0, 1)
    assert (left.matched, left.false_pos, left.missed) == (0, 0, 0)
    assert Totals([taken, left]).f1 == 1.0


def test_items_of_a_cable_without_points_are_false_positives():
    sc = score_cable("x", _plan(_tp(1, "A paragraph taken for a point")), _label())
    assert (sc.matched, sc.false_pos) == (0, 1)


def test_contingent_and_audience_accuracy():
    label = _label(
        _block("If asked about money", contingent=True),
        _block("For Warsaw only", audience="POLAND"),
    )
    good = score_cable(
        "x",
        _plan(
            _tp(1, "If asked about money say no", ItemKind.CONTINGENCY),
            _tp(2, "For Warsaw only this", audience="POLAND"),
        ),
        label,
    )
    bad = score_cable(
        "x",
        _plan(
            _tp(1, "If asked about money say no"), _tp(2, "For Warsaw only this", audience="WARSAW")
        ),
        label,
    )
    assert (good.contingent_ok, good.audience_ok, good.audience_total) == (2, 1, 1)
    assert (bad.contingent_ok, bad.audience_ok, bad.audience_total) == (1, 0, 1)
    assert names_audience("LATVIA, ESTONIA, LITHUANIA", "LATVIA, ESTONIA, LITHUANIA")
    assert names_audience("NATO EXCEPT POLAND", "NATO") and not names_audience(
        "POLAND", "LATVIA, POLAND"
    )


def test_header_fields_one_point_each():
    label = _label()
    assert (
        score_cable("x", _plan(), label).header_ok == 5
    )  # the subject is compared without its marking
    sc = score_cable("x", _plan(subject="OTHER"), dict(label, tags=["PREL"], date="2009-09-22"))
    assert sc.header_ok == 2 and sc.header_total == 5
