"""Parsed styles kept between runs, so that a start does not parse the same CSS again.

Before its first frame Textual parses every stylesheet in use: the default
CSS of each widget and the part of ``app.tcss`` the first screen needs
(`styles.FirstScreenStylesheet`). That is some 6 ms of every start, the same
text giving the same rules each time. `KeptRules` keeps what a parse gave
(`Stylesheet._parse_rules`), keyed by everything that parse depends on: the
CSS text itself, where it was read from, whether it is a widget's default
CSS, its tie-breaker and scope, and the CSS variables (the theme) put into
it. Other text is another key: an edited ``app.tcss`` or a new widget is
parsed afresh, never served stale. Rules with errors are never kept, so an
error is reported as ever.

The file (``styles-py<x.y>.pickle``, for the Textual it names) lives in the user's
own cache folder (`workspace.user_cache_dir`), never in a workspace, which
may have come from someone else. Pickle can run code, so:

* the folder and the file are read only when they are the user's: owned by
  them and writable by nobody else (`user_cache.read_own`);
* the unpickler builds only the classes a parsed stylesheet is made of
  (`_ALLOWED`), and only through four builders of this module: for an
  object, an enum member, a selector and a rule's styles
  (`_Pickler.reducer_override` writes them so), never a callable it was not
  given, and never hands the file a class, which it could change (see
  below, "what the file may hold").

Anything else wrong with the file (cut short, another Textual's: its header
says which, `textual_fingerprint`) means it is ignored and the CSS is parsed
as usual; the next save replaces it. Saving is best effort, after a screen's
first frame and at exit: a cache that cannot be written costs only the parse.
"""

from __future__ import annotations

import copyreg
import importlib
import io
import os
import pickle
import sys
from enum import Enum
from pathlib import Path
from typing import Any

import textual.color
import textual.geometry
from textual.css import model as css_model
from textual.css import scalar as css_scalar
from textual.css import styles as css_styles
from textual.css.model import RuleSet, Selector
from textual.css.styles import Styles
from textual.css.stylesheet import Stylesheet
from textual.css.types import CSSLocation

from ..store.sha import sha256_hex
from ..store.user_cache import read_own, write_own
from ..store.workspace import user_cache_dir

#: Bumped when what the file holds changes shape.
FORMAT = 1

#: Rule lists kept at most (a run of every screen and dialog needs about 60).
LIMIT = 256

#: (variables' digest, css, read_from, is_default_rules, tie_breaker, scope).
Key = tuple[str, str, tuple[str, str], bool, int, str]


def cache_path() -> Path | None:
    """The file for this Python: its pickles are what the file is; None without a cache folder."""
    folder = user_cache_dir()
    py = f"{sys.version_info.major}.{sys.version_info.minor}"
    return None if folder is None else folder / f"styles-py{py}.pickle"


#: The modules whose classes the file holds: another version of any is another Textual.
_MODULES = (css_model, css_styles, css_scalar, textual.color, textual.geometry)


def textual_fingerprint() -> tuple[tuple[str, int, int], ...]:
    """Which Textual this is: its style modules' files, sizes and times.

    An upgrade rewrites them. (``textual.__version__`` would do too, but
    asking for it loads ``importlib.metadata``, some 8 ms of start-up.)
    """
    out = []
    for module in _MODULES:
        name = module.__file__ or module.__name__
        try:
            st = os.stat(name)
        except OSError:
            out.append((name, -1, -1))
        else:
            out.append((name, st.st_size, st.st_mtime_ns))
    return tuple(out)


def variables_digest(variables: dict[str, str]) -> str:
    """One string for a set of CSS variables (the theme), the same in every process."""
    return sha256_hex("\n".join(f"{k}={v}" for k, v in sorted(variables.items())).encode())


# -- what the file may hold ---------------------------------------------------
#
# No class is ever on the unpickler's stack: a class there could be changed by
# the file (pickle's BUILD sets attributes on whatever it is given, a class's
# methods included, for the whole run). The file names a class by its module
# and name, and only a builder of this module makes an object of it, always a
# new one; an enum member, the one object a builder hands out that is not new,
# is checked after the load to be as it was.


def _class(module: str, name: str) -> type:
    """An `_ALLOWED` class by its module and name: how the file names one."""
    cls = _classes.get((module, name))
    if cls is None:
        if (module, name) not in _ALLOWED:
            raise pickle.UnpicklingError(f"{module}.{name} is not part of a stylesheet")
        cls = getattr(importlib.import_module(module), name)
        if not isinstance(cls, type):
            raise pickle.UnpicklingError(f"{module}.{name} is not a class")
        _classes[module, name] = cls
    return cls


#: `_class`'s answers so far.
_classes: dict[tuple[str, str], type] = {}


def _object(module: str, name: str, args: tuple[Any, ...]) -> Any:
    """A new object of an `_ALLOWED` class, as pickle makes one (``cls.__new__``; its state follows)."""
    cls = _class(module, name)
    if issubclass(cls, Enum):
        raise pickle.UnpicklingError(f"{module}.{name} is an enum")
    return cls.__new__(cls, *args)


def _member(module: str, name: str, member: str) -> Enum:
    """An enum member by name: how the file names one (never ``getattr``)."""
    cls = _class(module, name)
    if not issubclass(cls, Enum):
        raise pickle.UnpicklingError(f"{module}.{name} is not an enum")
    return cls[member]


def _selector(
    name: str,
    combinator: Any,
    type_: Any,
    pseudo_classes: set[str],
    specificity: tuple[int, int, int],
    advance: int,
) -> Selector:
    """A selector, its check made again by Textual (`Selector.__post_init__`), never read from the file."""
    return Selector(name, combinator, type_, pseudo_classes, specificity, advance)


def _styles(rules: dict[str, Any], important: set[str]) -> Styles:
    """A rule's styles, as Textual builds them (its bound lookups made again, never read from the file)."""
    return Styles(_rules=rules, important=important)  # type: ignore[arg-type]  # RulesMap is a TypedDict


_BUILDERS = {"_object": _object, "_selector": _selector, "_styles": _styles}

#: The classes parsed Textual CSS is made of (module, name); nothing else is built.
_ALLOWED = frozenset(
    {
        ("textual.css.model", "RuleSet"),
        ("textual.css.model", "SelectorSet"),
        ("textual.css.model", "CombinatorType"),
        ("textual.css.model", "SelectorType"),
        ("textual.css.scalar", "Scalar"),
        ("textual.css.scalar", "ScalarOffset"),
        ("textual.css.scalar", "Unit"),
        ("textual.css.types", "AlignHorizontal"),
        ("textual.color", "Color"),
        ("textual.geometry", "Spacing"),
        ("textual.geometry", "Offset"),
        ("textual.geometry", "Size"),
        ("textual.layouts.horizontal", "HorizontalLayout"),
        ("textual.layouts.vertical", "VerticalLayout"),
        ("textual.layouts.grid", "GridLayout"),
        ("textual.layouts.stream", "StreamLayout"),
        ("textual.style", "Style"),
        ("textual.css.styles", "RulesMap"),
        ("builtins", "set"),
        ("builtins", "frozenset"),
    }
)


class _Pickler(pickle.Pickler):
    """Writes every object through this module's builders, naming classes, never holding them."""

    def reducer_override(self, obj: Any) -> Any:
        cls = type(obj)
        if isinstance(obj, Enum):
            return _member, (cls.__module__, cls.__qualname__, obj.name)
        if cls is Selector:
            return _selector, (
                obj.name,
                obj.combinator,
                obj.type,
                obj.pseudo_classes,
                obj.specificity,
                obj.advance,
            )
        if cls is Styles:
            return _styles, (dict(obj._rules), obj.important)
        if (cls.__module__, cls.__qualname__) in _ALLOWED:
            reduced = obj.__reduce_ex__(pickle.HIGHEST_PROTOCOL)
            if reduced[0] is copyreg.__newobj__ and reduced[1][0] is cls:  # type: ignore[attr-defined]
                return (_object, (cls.__module__, cls.__qualname__, reduced[1][1:]), *reduced[2:])
        if isinstance(obj, type):
            raise pickle.PicklingError(f"{obj!r}: the file never holds a class")
        return NotImplemented


class _Unpickler(pickle.Unpickler):
    """Builds only through this module's builders; an enum member the file changed is put back and the file refused."""

    def __init__(self, file: Any) -> None:
        super().__init__(file)
        self.members: dict[int, tuple[Enum, dict[str, Any]]] = {}

    def find_class(self, module: str, name: str) -> Any:
        if module == __name__ and name == "_member":
            return self._member
        if module == __name__ and name in _BUILDERS:
            return _BUILDERS[name]
        raise pickle.UnpicklingError(f"{module}.{name} is not part of a stylesheet")

    def _member(self, module: str, name: str, member: str) -> Enum:
        found = _member(module, name, member)
        self.members.setdefault(id(found), (found, dict(vars(found))))
        return found

    def check_members(self) -> None:
        """Every enum member handed out is as it was; one that is not is put back, and the file refused."""
        changed = False
        for found, was in self.members.values():
            if vars(found) != was:
                vars(found).clear()
                vars(found).update(was)
                changed = True
        if changed:
            raise pickle.UnpicklingError("the file changed an enum member")


def dumps(entries: dict[Key, list[RuleSet]]) -> bytes:
    """The file's bytes for `entries`: a header (format, `textual_fingerprint`), then the entries."""
    out = io.BytesIO()
    pickler = _Pickler(out, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dump({"format": FORMAT, "textual": textual_fingerprint()})
    pickler.dump(entries)
    return out.getvalue()


def loads(data: bytes) -> dict[Key, list[RuleSet]]:
    """The entries of a file's bytes; `pickle.UnpicklingError` (or another error) when they are not ours.

    The header is read first: entries another Textual wrote are never built.
    """
    unpickler = _Unpickler(io.BytesIO(data))
    try:
        return _load(unpickler)
    finally:
        unpickler.check_members()


def _load(unpickler: _Unpickler) -> dict[Key, list[RuleSet]]:
    header = unpickler.load()
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise pickle.UnpicklingError("not a styles file of this format")
    if header.get("textual") != textual_fingerprint():
        raise pickle.UnpicklingError("written with another Textual")
    entries = unpickler.load()
    if not isinstance(entries, dict) or not all(
        isinstance(rules, list) and all(type(r) is RuleSet for r in rules)
        for rules in entries.values()
    ):
        raise pickle.UnpicklingError("entries are not rule sets")
    return entries


# -- the file -------------------------------------------------------------------


def read(path: Path) -> dict[Key, list[RuleSet]]:
    """The entries kept in `path`; none when it is missing, not the user's own (`read_own`) or not ours to read."""
    data = read_own(path)
    if data is None:
        return {}
    try:
        return loads(data)
    except Exception:  # noqa: BLE001  # any file that is not ours to read: parse as usual
        return {}


def write(path: Path, data: bytes) -> bool:
    """Replace `path` with `data` (`write_own`); False when it cannot be written."""
    return write_own(path, data)


class KeptRules:
    """Rule lists parsed in earlier runs, and those used or parsed in this one, kept for the next.

    `get` and `put` take a `Key`; `save` writes the file when this run
    parsed something it did not have (what this run used first, then what
    it kept from before, up to `LIMIT`).
    """

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._before: dict[Key, list[RuleSet]] = read(path) if path is not None else {}
        self._now: dict[Key, list[RuleSet]] = {}
        self._changed = False

    def get(self, key: Key) -> list[RuleSet] | None:
        rules = self._now.get(key)
        if rules is None:
            rules = self._before.pop(key, None)
            if rules is not None:
                self._now[key] = rules
        return rules

    def put(self, key: Key, rules: list[RuleSet]) -> None:
        self._now[key] = rules
        self._changed = True

    def save(self) -> bool:
        """Write the file if this run parsed something new; True when written."""
        if not self._changed or self.path is None:
            return False
        keep = dict(list(self._now.items())[:LIMIT])
        for key, rules in self._before.items():
            if len(keep) >= LIMIT:
                break
            keep.setdefault(key, rules)
        try:
            data = dumps(keep)
        except Exception:  # noqa: BLE001  # something unforeseen in a rule: keep nothing, lose nothing
            self._changed = False
            return False
        self._changed = False
        return write(self.path, data)


class KeptStylesheet(Stylesheet):
    """Textual's stylesheet, taking what it would parse from `kept` when a run before parsed it."""

    def __init__(self, kept: KeptRules | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.kept = kept
        self._digest: str | None = None

    def set_variables(self, variables: dict[str, str]) -> None:
        super().set_variables(variables)
        self._digest = None

    def _parse_rules(
        self,
        css: str,
        read_from: CSSLocation,
        is_default_rules: bool = False,
        tie_breaker: int = 0,
        scope: str = "",
    ) -> list[RuleSet]:
        if self.kept is None:
            return super()._parse_rules(css, read_from, is_default_rules, tie_breaker, scope)
        if self._digest is None:
            self._digest = variables_digest(self._variables)
        key = (self._digest, css, read_from, is_default_rules, tie_breaker, scope)
        rules = self.kept.get(key)
        if rules is None:
            rules = super()._parse_rules(css, read_from, is_default_rules, tie_breaker, scope)
            if not any(rule.errors for rule in rules):
                self.kept.put(key, rules)
        return rules
