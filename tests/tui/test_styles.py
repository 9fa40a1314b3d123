"""app.tcss in two parts: what the first screen can match first, the whole file when another screen needs it.

The expectation is Textual's own reading of the whole file: once a dialog
is shown, the app's rules from app.tcss are those, in the same order.
"""

from __future__ import annotations

from textual.css.stylesheet import Stylesheet

from demarche.tui.styles import APP_TCSS, first_part

CSS = """/* a comment { with a brace } */
.shared { width: 1; }
Mine #a { width: 2; }

Other #b,
Other #c { width: 3; }
Mine #d, Other #e { width: 4; }
Other #f { &:focus { width: 5; } }
.after { width: 6; }
"""


def _selectors(css: str, variables: dict[str, str] | None = None) -> list[str]:
    sheet = Stylesheet(variables=variables)
    sheet.add_source(css, read_from=("x", ""))
    return [r.selectors for r in sheet.rules]


def test_rules_only_another_type_can_match_are_left_out_keeping_lines():
    part, waiting = first_part(CSS, {"Mine", "Widget"})
    assert waiting == {"Other"}
    assert _selectors(part) == [".shared", "Mine #a", "Mine #d, Other #e", ".after"]
    # Same lines, same columns: an error is reported where it is in the file.
    assert [len(line) for line in part.split("\n")] == [len(line) for line in CSS.split("\n")]
    assert part.splitlines()[0] == CSS.splitlines()[0]


def _app_rules(app) -> list[str]:
    # The app's own CSS is app.tcss only: its rules are the user (not default) ones.
    return [r.selectors for r in app.stylesheet.rules if not r.is_default_rules]


async def test_the_whole_file_once_a_dialog_is_shown(make_app):
    app = make_app("meeting")
    whole = _selectors(APP_TCSS.read_text(encoding="utf-8"), app.get_css_variables())
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        first = _app_rules(app)
        assert first and len(first) < len(whole)
        assert all(s in whole for s in first)
        assert all(s.startswith(("MeetingScreen", ".banner")) for s in first)
        await pilot.press("n")  # the note dialog
        await pilot.pause()
        assert type(app.screen).__name__ == "NoteDialog"
        assert _app_rules(app) == whole
        # `DemarcheDialog #note-box { height: 80%; }`, on a screen 32 rows high.
        assert app.screen.query_one("#note-box").region.height == int(32 * 0.8)
