"""Undo says what it undid (stance, speaker, text), and shows one notice at a time."""

from __future__ import annotations

from .conftest import SNAPSHOT_SIZE, settle


def _watch_notices(app) -> list[str]:
    """Every notice the app shows, with ``clear`` where the screen cleared the earlier ones."""
    said: list[str] = []
    notify, clear = app.notify, app.clear_notifications
    app.notify = lambda message, *a, **k: (said.append(message), notify(message, *a, **k))[-1]
    app.clear_notifications = lambda: (said.append("clear"), clear())[-1]
    return said


async def test_undo_names_the_stance_and_keeps_one_notice(make_app):
    app = make_app("meeting")
    said = _watch_notices(app)
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        await pilot.press("2", "u")
        await settle(pilot)
        current = app.session.record.current
        assert said[-2:] == ["clear", f"Undone: stance on {current}"]
        await pilot.press("3", "u", "1", "u")
        await settle(pilot)
        undone = [n for n, m in enumerate(said) if m.startswith("Undone:")]
        assert all(
            said[n - 1] == "clear" for n in undone
        )  # each undo notice replaces the one before
        assert app.session.record.entry(current).response.stance is None
