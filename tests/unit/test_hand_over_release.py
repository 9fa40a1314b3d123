"""Handing the whole non-paper over (H) keeps back what may not go to the host (DOMAIN.md: NOFORN
never; a REL TO list must name the host)."""

from demarche.classification import parse_marking
from demarche.model import Instruction, Item, ItemKind, Plan, Record


def _record() -> Record:
    items = [
        Item(id="np-1", kind=ItemKind.NON_PAPER, text="Open words.", marking=parse_marking("U")),
        Item(
            id="np-2",
            kind=ItemKind.NON_PAPER,
            text="For Russia.",
            marking=parse_marking("C//REL TO USA, RUS"),
        ),
        Item(
            id="np-3",
            kind=ItemKind.NON_PAPER,
            text="Ours only.",
            marking=parse_marking("C//NOFORN"),
        ),
        Item(id="tp-1", kind=ItemKind.TALKING_POINT, text="A point.", marking=parse_marking("U")),
    ]
    return Record.from_plan(Plan(title="T", instruction=Instruction(id="STATE 1"), items=items))


def test_whole_non_paper_to_the_named_host_keeps_back_noforn():
    rec = _record()
    done = [e.id for e in rec.hand_over_non_paper(None, "RUS")]
    assert done == ["np-1", "np-2"]
    assert not rec.entry("np-3").handed_over
    assert not rec.entry("tp-1").handed_over


def test_unknown_host_gets_only_what_needs_no_release():
    rec = _record()
    assert [e.id for e in rec.hand_over_non_paper(None, "")] == ["np-1"]
    assert [e.id for e in rec.hand_over_non_paper(None, "CHN")] == []
