"""TOML text as `tomli_w.dumps(doc, multiline_strings=True)` writes it, character for character, faster.

`tomli_w` escapes strings one character at a time in Python: on the plan of
a big cable (hundreds of thousands of items, tens of megabytes of text) that
is most of the time `demarche import` takes. This module follows the same
layout rules as tomli_w 1.2.0 (MIT licence): literals before tables, an
array of tables unless every table fits on one line as an inline table,
arrays one value per line indented by four spaces. Only the escaping is
done differently, with `str.translate`, and gives the same characters. The
suite checks the text against `tomli_w` and the round trip through
`tomllib` (`tests/unit/test_toml_text.py`).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterator, Mapping
from typing import Any

_BARE_KEY_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")
_MAX_LINE_LENGTH = 100
_INDENT = "    "
_COMPACT = {"\b": "\\b", "\n": "\\n", "\f": "\\f", "\r": "\\r", '"': '\\"', "\\": "\\\\"}
#: What may not stand as itself in a basic string: quote, backslash, control characters but tab.
_ILLEGAL = ['"', "\\", "\x7f"] + [chr(i) for i in range(32) if i != 9]
_ESCAPE_ONE_LINE = str.maketrans(
    {c: _COMPACT.get(c, "\\u" + hex(ord(c))[2:].rjust(4, "0")) for c in _ILLEGAL}
)
_NEEDS_ESCAPE = re.compile("[" + re.escape("".join(_ILLEGAL)) + "]")
_ESCAPE_MULTILINE = {**_ESCAPE_ONE_LINE, ord("\n"): "\n"}


def format_string(s: str, multiline: bool = True) -> str:
    """A TOML basic string; a multi-line one when `multiline` and `s` holds a line break."""
    if multiline and "\n" in s:
        return '"""\n' + s.replace("\r\n", "\n").translate(_ESCAPE_MULTILINE) + '"""'
    if _NEEDS_ESCAPE.search(s) is None:
        return '"' + s + '"'
    return '"' + s.translate(_ESCAPE_ONE_LINE) + '"'


def dumps(doc: Mapping[str, Any]) -> str:
    """`doc` as TOML text, the same as ``tomli_w.dumps(doc, multiline_strings=True)``."""
    return "".join(_table_chunks(doc, "", False, {}))


@functools.lru_cache(maxsize=4096)
def _key(part: str) -> str:
    if not isinstance(part, str):
        raise TypeError(f"Invalid mapping key '{part}' of type '{type(part).__qualname__}'.")
    if part and _BARE_KEY_CHARS.issuperset(part):
        return part
    return format_string(part, multiline=False)


def _is_aot(v: Any) -> bool:
    return bool(isinstance(v, (list, tuple)) and v and all(isinstance(t, Mapping) for t in v))


def _table_chunks(
    table: Mapping[str, Any], name: str, inside_aot: bool, inline: dict[int, str]
) -> Iterator[str]:
    yielded = False
    literals = []
    tables: list[tuple[str, Any, bool]] = []
    for k, v in table.items():
        if isinstance(
            v, (str, int, float)
        ):  # most values: a literal, told apart before the slower Mapping test
            literals.append((k, v))
        elif isinstance(v, Mapping):
            tables.append((k, v, False))
        elif _is_aot(v) and not all(_fits_inline(t, inline) for t in v):
            tables.extend((k, t, True) for t in v)
        else:
            literals.append((k, v))
    if inside_aot or name and (literals or not tables):
        yielded = True
        yield f"[[{name}]]\n" if inside_aot else f"[{name}]\n"
    if literals:
        yielded = True
        yield "".join(f"{_key(k)} = {_literal(v, inline, 0)}\n" for k, v in literals)
    for k, v, in_aot in tables:
        if yielded:
            yield "\n"
        else:
            yielded = True
        part = _key(k)
        sub = f"{name}.{part}" if name else part
        if in_aot and all(isinstance(x, (str, int, float)) for x in v.values()):
            # A table of literals in an array (a plan's item): what the recursion would give, in one piece.
            yield f"[[{sub}]]\n" + "".join(
                f"{_key(a)} = {_literal(b, inline, 0)}\n" for a, b in v.items()
            )
        else:
            yield from _table_chunks(v, sub, in_aot, inline)


def _literal(obj: object, inline: dict[int, str], nest: int) -> str:
    if isinstance(obj, str):
        return format_string(obj)
    if isinstance(obj, bool):
        return "true" if obj else "false"
    if isinstance(obj, (int, float, dt.date, dt.datetime)):
        return str(obj)
    if isinstance(obj, dt.time):
        if obj.tzinfo:
            raise ValueError("TOML does not support offset times")
        return str(obj)
    if isinstance(obj, (list, tuple)):
        if not obj:
            return "[]"
        indent = _INDENT * (1 + nest)
        return (
            "[\n"
            + ",\n".join(indent + _literal(x, inline, nest + 1) for x in obj)
            + f",\n{_INDENT * nest}]"
        )
    if isinstance(obj, Mapping):
        return _inline_table(obj, inline)
    raise TypeError(f"Object of type '{type(obj).__qualname__}' is not TOML serializable")


def _inline_table(obj: Mapping[str, Any], inline: dict[int, str]) -> str:
    got = inline.get(id(obj))
    if got is None:
        got = (
            "{ " + ", ".join(f"{_key(k)} = {_literal(v, inline, 0)}" for k, v in obj.items()) + " }"
            if obj
            else "{}"
        )
        inline[id(obj)] = got
    return got


def _fits_inline(obj: Mapping[str, Any], inline: dict[int, str]) -> bool:
    rendered = f"{_INDENT}{_inline_table(obj, inline)},"
    return len(rendered) <= _MAX_LINE_LENGTH and "\n" not in rendered
