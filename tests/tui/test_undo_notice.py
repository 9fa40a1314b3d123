"""Undo says what it undid (stance, speaker, text), and shows one notice at a time."""

from __future__ import annotations

from .conftest import SNAPSHOT_SIZE, settle


def _notices(app) -> list[str]:
    return [n.message for n in app._notifications]


async def test_undo_names_the_stance_and_keeps_one_notice(make_app):
    app = make_app("meeting")
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        await pilot.press("2", "u")
        await settle(pilot)
        assert _notices(app) == [f"Undone: stance on {app.session.record.current}"]
        await pilot.press("3", "u", "1", "u")
        await settle(pilot)
        assert len(_notices(app)) == 1 and _notices(app)[0].startswith("Undone: stance on")
        assert app.session.record.entry(app.session.record.current).response.stance is None
