"""A big plan in the Meeting screen: a key redraws what it changed, and it is right.

On a plan of thousands of items the screen updates only the line and the
counts a change touched (`ProgressTally`, `AgendaList.index_of`); these
tests check that what the officer then sees, and what is on disk (through
the record's journal), is what the keys did.
"""

from __future__ import annotations

import copy

from textual.widgets import Static

from demarche.model import ItemKind, Outcome
from demarche.store.journal import JOURNAL_MIN_ITEMS, journal_path
from demarche.store.storage import load_plan, load_record, save_plan
from demarche.tui.widgets.agenda import AgendaList

from .conftest import SNAPSHOT_SIZE, settle

#: Over the journal's threshold: saves are journal lines, as on a real big record.
ITEMS = JOURNAL_MIN_ITEMS + 400


def big_plan(workspace, n=ITEMS):
    """The founding plan's items repeated to `n`, each under a new id."""
    plan = load_plan(workspace.plans_dir / "russia-tip-tier2-2009.toml")
    base = plan.items
    plan.items = []
    for k in range(n):
        it = copy.deepcopy(base[k % len(base)])
        it.id = f"{it.id}-{k}"
        plan.items.append(it)
    path = workspace.plans_dir / "big.toml"
    save_plan(plan, path, force=True)
    return path, plan


def line(agenda: AgendaList, index: int) -> str:
    """The agenda's line for entry `index` as drawn (it must be on screen)."""
    return agenda.render_line(index - agenda.scroll_offset.y).text


def progress(app) -> str:
    return str(app.screen.query_one("#meeting-progress", Static).render())


async def test_a_mark_deep_in_a_big_plan_shows_on_its_line_and_in_the_counts(
    make_app, workspace, frozen_time
):
    path, plan = big_plan(workspace)
    talking_points = sum(it.kind is ItemKind.TALKING_POINT for it in plan.items)
    last = plan.items[-1]
    app = make_app("meeting", plan=path)
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        agenda = app.screen.query_one(AgendaList)
        assert f"Marked 0/{ITEMS}" in progress(app)
        await pilot.press("end", "d")
        assert agenda.current.id == last.id
        assert line(agenda, ITEMS - 1).startswith(f"+ {'!' if last.high else ' '} {last.id}")
        assert f"Marked 1/{ITEMS}" in progress(app)
        assert "delivered" in str(app.screen.query_one("#item-meta", Static).render())
        # Up to a talking point and mark it in part: it counts as delivered.
        while agenda.current.item.kind is not ItemKind.TALKING_POINT:
            await pilot.press("k")
        tp = agenda.cursor
        await pilot.press("p")
        assert line(agenda, tp).startswith("~")
        assert f"TPs 1/{talking_points}" in progress(app)
        assert f"Marked 2/{ITEMS}" in progress(app)
        await settle(pilot)
        assert journal_path(app.session.path).exists()  # saved as journal lines
        on_disk = load_record(app.session.path)  # the TOML with its journal replayed
        assert on_disk.entry(last.id).outcome is Outcome.DELIVERED
        assert on_disk.agenda[tp].outcome is Outcome.PARTIAL
        # Undo takes the last mark back, on the line and in the counts.
        await pilot.press("u")
        assert line(agenda, tp).startswith(" ")
        assert f"TPs 0/{talking_points}" in progress(app)
        assert f"Marked 1/{ITEMS}" in progress(app)
        await settle(pilot)
        assert load_record(app.session.path).agenda[tp].outcome is Outcome.PENDING
        await pilot.press("q")
    assert (
        load_record(path.parent.parent / "records" / app_record_name(workspace))
        .entry(last.id)
        .outcome
        is Outcome.DELIVERED
    )


def app_record_name(workspace) -> str:
    [record] = sorted(workspace.records_dir.glob("*.toml"))
    return record.name


async def test_the_next_line_and_the_point_shown_follow_the_keys_on_a_big_plan(
    make_app, workspace, frozen_time
):
    path, plan = big_plan(workspace)
    app = make_app("meeting", plan=path)
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        agenda = app.screen.query_one(AgendaList)
        await pilot.press("pagedown", "pagedown")
        here = agenda.cursor
        await pilot.press("d", "space", "d", "space")
        # Both marked, the cursor on the line after them, the card showing it.
        assert [agenda.entries[k].outcome for k in (here, here + 1)] == [Outcome.DELIVERED] * 2
        assert agenda.cursor == here + 2
        assert line(agenda, here).startswith("+") and line(agenda, here + 1).startswith("+")
        meta = str(app.screen.query_one("#item-meta", Static).render())
        assert meta.startswith(plan.items[here + 2].id)
        assert "next:" in line(agenda, here + 3)
        await pilot.press("q")
