"""Parsed styles kept between runs (`style_cache`): the same rules as a parse, and nothing else.

The expectation is Textual's own parse of the same CSS: what comes back
from the file must be rule for rule what `Stylesheet` makes of the text,
for every stylesheet the app can use. A file that is not the user's, not
ours or from another Textual is never used, and never runs code.
"""

from __future__ import annotations

import io
import os
import pickle
from pathlib import Path
from typing import Any

import pytest
import textual.css.stylesheet as textual_stylesheet
import textual.widgets
from textual.app import App
from textual.css.model import RuleSet
from textual.css.stylesheet import Stylesheet
from textual.dom import DOMNode

from demarche.store.workspace import user_cache_dir
from demarche.tui import style_cache
from demarche.tui.style_cache import (
    KeptRules,
    KeptStylesheet,
    cache_path,
    dumps,
    loads,
    read,
    write,
)
from demarche.tui.styles import APP_TCSS

from .conftest import SNAPSHOT_SIZE


def _value(v: Any) -> Any:
    """A style's value, compared by what it is (a layout object has no equality of its own)."""
    from textual.layout import Layout

    return (type(v), v.name) if isinstance(v, Layout) else v


def _shape(rules: list[RuleSet]) -> list[Any]:
    """Everything a rule set holds that styling reads, as plain values."""
    out = []
    for r in rules:
        out.append(
            (
                [
                    (
                        [
                            (
                                s.name,
                                s.combinator,
                                s.type,
                                sorted(s.pseudo_classes),
                                s.specificity,
                                s.advance,
                                s._check.func,
                                s._check.args,
                            )
                            for s in ss.selectors
                        ],
                        ss.specificity,
                    )
                    for ss in r.selector_set
                ],
                {k: _value(v) for k, v in r.styles.get_rules().items()},
                sorted(r.styles.important),
                r.errors,
                r.is_default_rules,
                r.tie_breaker,
                sorted(r.selector_names),
                sorted(r.pseudo_classes),
            )
        )
    return out


def _every_default_css() -> list[tuple[str, tuple[str, str]]]:
    """The default CSS of every widget Textual ships and every class of the app, with where it is from."""
    import demarche.tui.app  # noqa: F401
    from demarche.tui.app import SCREENS_BY_NAME, screen_class

    for name in SCREENS_BY_NAME:
        screen_class(name)
    for name in textual.widgets.__all__:
        getattr(textual.widgets, name)
    import demarche.tui.dialogs as dialogs

    for info in __import__("pkgutil").iter_modules(dialogs.__path__):
        __import__(f"demarche.tui.dialogs.{info.name}")
    seen: list[tuple[str, tuple[str, str]]] = []
    todo: list[type] = [DOMNode]
    done: set[type] = set()
    while todo:
        cls = todo.pop()
        if cls in done:
            continue
        done.add(cls)
        todo.extend(cls.__subclasses__())
        css = cls.__dict__.get("DEFAULT_CSS")
        if css:
            seen.append((css, (cls.__module__, cls.__qualname__)))
    return seen


def test_every_stylesheet_of_the_app_comes_back_rule_for_rule():
    sources = _every_default_css()
    sources.append((APP_TCSS.read_text(encoding="utf-8"), (str(APP_TCSS), "")))
    assert len(sources) > 60  # Textual's widgets and ours, App and Screen included
    sheet = Stylesheet(variables=App().get_css_variables())
    entries = {}
    for n, (css, where) in enumerate(sources):
        default = where[0] != str(APP_TCSS)
        entries[("v", css, where, default, n, "")] = sheet._parse_rules(css, where, default, n)
    back = loads(dumps(entries))
    assert list(back) == list(entries)
    for key, rules in entries.items():
        assert _shape(back[key]) == _shape(rules), key[2]
    # The rules a file gives select as the parsed ones do, the checks made anew.
    assert all(type(r) is RuleSet for rules in back.values() for r in rules)


def test_a_second_start_parses_no_css_and_draws_the_same_screen(make_app, frozen_time, monkeypatch):
    import asyncio

    parsed: list[str] = []
    real_parse = textual_stylesheet.parse

    def counting_parse(*args: Any, **kwargs: Any) -> Any:
        parsed.append(args[2] if len(args) > 2 else kwargs.get("read_from"))
        return real_parse(*args, **kwargs)

    monkeypatch.setattr(textual_stylesheet, "parse", counting_parse)

    async def screen_of(app) -> str:
        async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
            await pilot.pause()
            await pilot.pause()
            return app.export_screenshot()

    first = asyncio.run(screen_of(make_app("meeting", clock=frozen_time)))
    assert parsed, "a first run parses"
    assert cache_path().is_file()
    assert cache_path().parent == user_cache_dir()
    assert oct(cache_path().stat().st_mode & 0o777) == "0o600"
    assert oct(cache_path().parent.stat().st_mode & 0o777) == "0o700"
    parsed.clear()
    second = asyncio.run(screen_of(make_app("meeting", clock=frozen_time)))
    assert parsed == []
    assert second == first


def _sheet(kept: KeptRules, css: str, variables: dict[str, str] | None = None) -> Stylesheet:
    sheet = KeptStylesheet(kept, variables=variables or {"x": "red"})
    sheet.add_source(css, read_from=("test", "T"), is_default_css=True)
    sheet.parse()
    return sheet


def test_other_text_or_other_variables_are_parsed_afresh(tmp_path: Path):
    path = tmp_path / "c" / "styles.pickle"
    kept = KeptRules(path)
    _sheet(kept, "Widget { color: $x; }")
    assert kept.save()
    kept = KeptRules(path)
    sheet = _sheet(kept, "Widget { color: $x; }")
    assert not kept.save(), "all of it was kept: nothing to write"
    assert str(sheet.rules[0].styles.color) == "Color(255, 0, 0)"
    # The same text with another theme's variables: its own rules.
    sheet = _sheet(kept, "Widget { color: $x; }", {"x": "blue"})
    assert str(sheet.rules[0].styles.color) == "Color(0, 0, 255)"
    # An edited text: parsed, never an older text's rules.
    sheet = _sheet(kept, "Widget { color: $x; width: 3; }")
    assert sheet.rules[0].styles.width is not None
    assert kept.save()


def test_rules_with_errors_are_never_kept_so_the_error_is_always_reported(tmp_path: Path):
    kept = KeptRules(tmp_path / "styles.pickle")
    for _ in range(2):
        with pytest.raises(Exception, match="(?i)error|invalid"):
            _sheet(kept, "Widget { colour: red; }")
    assert not kept.save()


class _Boom:
    """Unpickled, it would create a folder: the proof that code ran."""

    def __init__(self, where: Path, via_partial: bool = False) -> None:
        self.where = where
        self.via_partial = via_partial

    def __reduce__(self) -> Any:
        if self.via_partial:
            import functools

            return (functools.partial(os.mkdir, str(self.where)), ())
        return (os.mkdir, (str(self.where),))


def _file_with(header: Any, entries: Any) -> bytes:
    out = io.BytesIO()
    p = pickle.Pickler(out, protocol=pickle.HIGHEST_PROTOCOL)
    p.dump(header)
    p.dump(entries)
    return out.getvalue()


def test_a_file_that_would_run_code_is_ignored_and_runs_nothing(tmp_path: Path):
    proof = tmp_path / "ran"
    path = tmp_path / "styles.pickle"
    header = {"format": style_cache.FORMAT, "textual": style_cache.textual_fingerprint()}
    for data in (
        _file_with(_Boom(proof), {}),  # in the header
        _file_with(header, {("k",): [_Boom(proof)]}),  # among the rules
        _file_with(header, {("k",): [_Boom(proof, via_partial=True)]}),
    ):
        assert write(path, data)
        assert read(path) == {}
        assert not proof.exists()


def test_a_file_from_another_textual_or_format_or_cut_short_is_ignored(tmp_path: Path, monkeypatch):
    path = tmp_path / "styles.pickle"
    kept = KeptRules(path)
    _sheet(kept, "Widget { width: 1; }")
    assert kept.save()
    good = path.read_bytes()
    assert read(path)
    assert write(path, good[: len(good) // 2])
    assert read(path) == {}
    assert write(path, b"")
    assert read(path) == {}
    assert write(path, _file_with({"format": style_cache.FORMAT + 1}, {}))
    assert read(path) == {}
    assert write(path, good)
    monkeypatch.setattr(
        style_cache, "textual_fingerprint", lambda: (("textual/css/model.py", 1, 2),)
    )
    assert read(path) == {}


def test_a_file_or_folder_anyone_else_can_write_is_never_read(tmp_path: Path):
    folder = tmp_path / "cache"
    path = folder / "styles.pickle"
    kept = KeptRules(path)
    _sheet(kept, "Widget { width: 1; }")
    assert kept.save()
    assert read(path)
    os.chmod(path, 0o620)
    assert read(path) == {}
    os.chmod(path, 0o600)
    os.chmod(folder, 0o777)
    assert read(path) == {}
    assert not write(path, b"x"), "nor written there"
    os.chmod(folder, 0o700)
    link = folder / "link.pickle"
    link.symlink_to(path)
    assert read(link) == {}
    assert read(path)


def test_a_cache_that_cannot_be_written_costs_only_the_parse(tmp_path: Path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    kept = KeptRules(blocker / "styles.pickle")
    sheet = _sheet(kept, "Widget { width: 2; }")
    assert sheet.rules
    assert not kept.save()


def test_what_was_used_is_kept_first_and_the_file_stays_bounded(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(style_cache, "LIMIT", 3)
    path = tmp_path / "styles.pickle"
    kept = KeptRules(path)
    for n in range(5):
        _sheet(kept, f"Widget {{ width: {n}; }}")
    assert kept.save()
    assert len(read(path)) == 3
    kept = KeptRules(path)
    _sheet(kept, "Widget { width: 9; }")
    assert kept.save()
    texts = [key[1] for key in read(path)]
    assert texts[0] == "Widget { width: 9; }" and len(texts) == 3


def _global(module: str, name: str) -> bytes:
    """Pickle opcodes pushing `module.name` (SHORT_BINUNICODE twice, STACK_GLOBAL)."""
    m, n = module.encode(), name.encode()
    return b"\x8c" + bytes([len(m)]) + m + b"\x8c" + bytes([len(n)]) + n + b"\x93"


def _text(s: str) -> bytes:
    b = s.encode()
    return b"\x8c" + bytes([len(b)]) + b


def _entries_after(setup: bytes) -> bytes:
    """A file whose entries pickle runs `setup` (leaving nothing on the stack) and then gives no entries."""
    out = io.BytesIO()
    pickle.Pickler(out, protocol=pickle.HIGHEST_PROTOCOL).dump(
        {"format": style_cache.FORMAT, "textual": style_cache.textual_fingerprint()}
    )
    return out.getvalue() + b"\x80\x05" + setup + b"}."


def test_a_file_cannot_change_a_class_or_an_enum_member_of_textual():
    """Pickle's BUILD sets attributes on what it is given: never a class, nor a member left changed."""
    import textual.geometry
    from textual.css.scalar import Unit

    add, value = textual.geometry.Offset.__add__, Unit.CELLS.__dict__["_value_"]
    frozenset_ = _global("builtins", "frozenset")
    # (class) (None, {"__add__": frozenset}) BUILD POP: Offset.__add__ would be frozenset for the run.
    on_class = (
        _global("textual.geometry", "Offset") + b"N}" + _text("__add__") + frozenset_ + b"s\x86b0"
    )
    # A member, through the module's builder, given another value.
    member = (
        _global(style_cache.__name__, "_member")
        + _text("textual.css.scalar")
        + _text("Unit")
        + _text("CELLS")
        + b"\x87R}"
        + _text("_value_")
        + b"Kcsb0"
    )
    try:
        for setup in (on_class, member):
            style_cache.loads(_entries_after(b""))  # the frame of the attack reads as a file
            with pytest.raises(pickle.UnpicklingError):
                style_cache.loads(_entries_after(setup))
            assert textual.geometry.Offset.__add__ is add
            assert Unit.CELLS.__dict__["_value_"] == value
            assert textual.geometry.Offset(1, 2) + textual.geometry.Offset(3, 4) == (4, 6)
    finally:
        textual.geometry.Offset.__add__ = add  # type: ignore[method-assign]
        Unit.CELLS._value_ = value


def test_dialogs_screens_and_a_theme_chosen_at_run_time_look_as_textual_parses_them(
    make_app, frozen_time, monkeypatch
):
    """Textual's own parse (no kept rules at all) is the expectation, for a cold and a warm cache alike.

    A dialog makes the whole app.tcss replace the first screen's part
    (`FirstScreenStylesheet`); a theme from the palette parses again with
    other variables.
    """
    import asyncio

    import demarche.tui.app as app_module

    async def screens_of(app) -> list[str]:
        shots = []
        async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
            await pilot.pause()
            shots.append(app.export_screenshot())
            await pilot.press("n")  # a note: a dialog
            await pilot.pause()
            shots.append(app.export_screenshot())
            await pilot.press("escape")
            await pilot.pause()
            app.theme = "textual-light"
            await pilot.pause()
            shots.append(app.export_screenshot())
            await pilot.press("w")  # another screen
            await pilot.pause()
            await pilot.pause()
            shots.append(app.export_screenshot())
            app.theme = "textual-dark"
            await pilot.pause()
            shots.append(app.export_screenshot())
        return shots

    real = app_module.KeptRules
    monkeypatch.setattr(app_module, "KeptRules", lambda path: None)
    textual_s = asyncio.run(screens_of(make_app("meeting", clock=frozen_time)))
    monkeypatch.setattr(app_module, "KeptRules", real)
    cold = asyncio.run(screens_of(make_app("meeting", clock=frozen_time)))
    assert len(read(cache_path())) > 10
    warm = asyncio.run(screens_of(make_app("meeting", clock=frozen_time)))
    assert len(set(textual_s)) == len(textual_s), "each step shows something new"
    for n, (a, b, c) in enumerate(zip(textual_s, cold, warm, strict=True)):
        assert a == b, f"step {n}, cold"
        assert a == c, f"step {n}, warm"
