"""The in-app search shows the hit itself, even in a narrow snippet column."""

from __future__ import annotations

from demarche.lookup import Hit
from demarche.tui.screens.search_screen import snippet_cell

BEFORE = "The deputy minister spoke at length about budgets, ministries and the federal plan before he said "


def test_a_late_match_is_kept_in_a_narrow_cell():
    text = BEFORE + "shelter in Moscow" + " and then moved on."
    start = text.index("shelter")
    hit = Hit(
        file=None,
        shown="records/x.toml",
        kind="record",
        where="np-1",
        field="response",  # type: ignore[arg-type]
        snippet=text,
        start=start,
        end=start + len("shelter"),
    )
    cell = snippet_cell(hit, 30)
    assert len(cell.plain) <= 30
    highlighted = [cell.plain[s.start : s.end] for s in cell.spans if "reverse" in str(s.style)]
    assert highlighted == ["shelter"]
