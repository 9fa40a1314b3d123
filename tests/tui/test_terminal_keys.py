"""Bytes from the terminal to keys: Escape then any key is Escape then that key, never a symbol typed."""

from __future__ import annotations

import time

import pytest
from textual import constants
from textual._xterm_parser import XTermParser

from demarche.tui.terminal_keys import escaped_key, keep_escape_before_keys


def _keys(data: str) -> list[str]:
    """The keys the app receives for `data` written by the terminal at once, after the escape delay."""
    keep_escape_before_keys()
    parser = XTermParser()
    events = list(parser.feed(data))
    time.sleep(constants.ESCAPE_DELAY * 2)  # the escape delay runs out, as it does in the terminal
    events += list(parser.tick())
    return [e.key for e in events if hasattr(e, "key")]


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("3", "3"),
        ("1", "1"),
        ("0", "0"),
        ("d", "d"),
        ("H", "H"),
        (" ", "space"),
        ("*", "asterisk"),
        ("-", "minus"),
        ("=", "equals_sign"),
        ("?", "question_mark"),
        ("§", "section_sign"),
    ],
)
def test_escape_then_a_key_arrives_as_escape_then_that_key(typed, key):
    assert _keys(f"\x1b{typed}") == ["escape", key]


def test_a_pound_sign_or_a_digit_typed_alone_is_itself():
    assert _keys("£5 *") == ["pound_sign", "5", "space", "asterisk"]


def test_escape_then_a_stance_then_more_keys_keeps_them_in_order():
    assert _keys("\x1b3e") == ["escape", "3", "e"]


def test_keys_written_at_once_after_escape_each_arrive_as_typed():
    """What tmux send-keys or a fast typist sends in one write: no key is lost or turned into "^"."""
    assert _keys("\x1b3 pr No\x1b") == [
        "escape",
        "3",
        "space",
        "p",
        "r",
        "space",
        "N",
        "o",
        "escape",
    ]


def test_escape_sequences_of_other_keys_are_left_to_textual():
    assert _keys("\x1b[A") == ["up"]
    assert _keys("\x1b\x7f") == ["ctrl+w"]  # alt+backspace: delete a word, as Textual reads it
    assert _keys("\x1bb") == ["ctrl+left"]  # Option+Left in macOS Terminal: a word back


@pytest.mark.parametrize(
    ("key", "then"), [("alt+d", "d"), ("alt+3", "3"), ("alt+shift+h", "H"), ("alt+space", "space")]
)
def test_a_real_alt_key_reads_as_escape_then_the_key(key, then):
    assert escaped_key(key) == then


def test_keys_with_other_modifiers_are_not_read_as_escape():
    assert escaped_key("alt+ctrl+x") is None
    assert escaped_key("ctrl+d") is None
    assert escaped_key("escape") is None
