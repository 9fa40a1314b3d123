"""How the terminal's bytes become keys: Escape then any key stays Escape then that key.

A terminal sends Escape as one byte. Textual waits a moment (ESCDELAY) to
tell it from the start of an escape sequence, and reads Escape followed by a
letter in that moment as alt+letter, which the response fields hand back as
Escape then the letter (`widgets.response_fields`). For other keys Textual
loses the Escape: ESC+digit becomes the symbol WezTerm on macOS types with
Option (ESC 3 is "£"), and ESC+punctuation or space becomes the bare key. So
an officer who left the response editor with Escape and gave a stance with 3,
or moved on with space, a beat later had "£" or a space typed into the
response, focus left in the field and the next words typed in the wrong
place. `keep_escape_before_keys` makes Textual deliver Escape and then
the key for every printable key typed within the escape delay, letters
included, so every screen and dialog sees what was typed. A real Alt key
(terminals with the kitty keyboard protocol report it) still arrives as
alt+key, and `escaped_key` is the rule the response fields use to read it
as Escape then the key.

A "£" typed as a character (every layout with the key sends the character
itself) is untouched; only Option+digit on WezTerm for macOS, which sends
ESC+digit, now acts as Escape then the digit, as Option+letter already did.
Two keys keep Textual's reading: ESC b and ESC f are the word moves macOS
Terminal sends for Option+Left and Option+Right, so Escape then b or f
typed inside the delay still moves by a word.
Textual is pinned exactly; tests/tui/test_terminal_keys.py feeds its parser
the bytes and fails if these private names change.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import cast

from textual import _ansi_sequences, events
from textual._xterm_parser import XTermParser

#: ESC + each of these is otherwise read as an Option symbol (ESC 1 as "¡").
OPTION_SYMBOL_KEYS = "1234567890-=§"

#: After ESC these begin a sequence the terminal sends (CSI, SS3, DCS, OSC,
#: APC, SOS, ST, PM): they are never cut short as Escape then a key.
SEQUENCE_STARTS = frozenset("[OP]_X\\^")

_ToKeys = Callable[[XTermParser, str, bool], Iterable[events.Key]]


def escaped_key(key: str) -> str | None:
    """The key typed just after Escape when the terminal delivered the two as `key` (alt+<key>), else None."""
    if not key.startswith("alt+"):
        return None
    rest = key[4:]
    if rest.startswith("shift+") and len(rest) == 7:
        return rest[6].upper()  # Escape then "H" arrives as alt+shift+h
    return rest if rest and "+" not in rest else None


def keep_escape_before_keys() -> None:
    """Make Escape followed by a printable key arrive as Escape then that key, at once."""
    sequences = cast(dict[str, object], _ansi_sequences.ANSI_SEQUENCES_KEYS)
    for key in OPTION_SYMBOL_KEYS:
        sequences.pop(f"\x1b{key}", None)
    to_keys = cast(_ToKeys, XTermParser._sequence_to_key_events)
    if getattr(to_keys, "_keeps_escape", False):
        return

    def escape_then(self: XTermParser, character: str) -> list[events.Key] | None:
        plain = list(to_keys(self, character, False))
        if plain and all(event.is_printable for event in plain):
            return [events.Key("escape", "\x1b"), *plain]
        return None

    def keeping_escape(self: XTermParser, sequence: str, alt: bool = False) -> Iterable[events.Key]:
        # The parser asks after each character it adds to a sequence begun by
        # ESC; ESC and a key that begins no sequence is answered at once, so
        # what follows is read afresh and never reissued with the ESC as "^".
        if (
            not alt
            and len(sequence) == 2
            and sequence[0] == "\x1b"
            and sequence[1] not in SEQUENCE_STARTS
            and sequence not in sequences
        ):
            keys = escape_then(self, sequence[1])
            if keys is not None:
                return keys
        # After the escape delay the parser reissues ESC and a key with alt=True.
        if alt and len(sequence) == 1:
            keys = escape_then(self, sequence)
            if keys is not None:
                return keys
        return list(to_keys(self, sequence, alt))

    keeping_escape._keeps_escape = True  # type: ignore[attr-defined]
    XTermParser._sequence_to_key_events = keeping_escape  # type: ignore[method-assign]
