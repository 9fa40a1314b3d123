"""The reader generalises across layouts: corpus cables re-flowed, re-wrapped, without blank lines
or with tight dashes still give the hand-labelled items (`layouts.py` makes the copies).

Wrapping a re-flowed text and dropping blank lines lose some of the structure a
reader needs (where one paragraph of prose ends), so those copies have a lower bar.
"""

from __future__ import annotations

import pytest

from demarche.cable import import_cable
from demarche.cable.scoring import Totals, load_label, score_cable, score_failure
from demarche.errors import DemarcheError

from ..conftest import CABLES
from .layouts import TRANSFORMS

LABELS = [load_label(p) for p in sorted((CABLES / "truth").glob("*.json"))]
BARS = {"reflow": 0.97, "dashes_tight": 0.97, "wrap": 0.95, "no_blank_lines": 0.95}


@pytest.mark.parametrize("name", sorted(TRANSFORMS))
def test_transformed_corpus_still_scores(name):
    scores = []
    for label in LABELS:
        text = TRANSFORMS[name](
            (CABLES / "instructions" / label["file"]).read_text(encoding="utf-8")
        )
        try:
            scores.append(score_cable(label["file"], import_cable(text, label["file"]).plan, label))
        except DemarcheError as exc:
            scores.append(score_failure(label["file"], label, str(exc)))
    totals = Totals(scores)
    assert totals.f1 >= BARS[name], (name, round(totals.f1, 3))
    assert totals.contingent >= 0.97 and totals.audience >= 0.95 and totals.header >= 0.98


@pytest.mark.parametrize("name", sorted(TRANSFORMS))
def test_the_transforms_change_the_text(name):
    texts = [
        (CABLES / "instructions" / label["file"]).read_text(encoding="utf-8") for label in LABELS
    ]
    changed = sum(TRANSFORMS[name](t) != t for t in texts)
    assert changed >= len(texts) // 4, (name, changed)
