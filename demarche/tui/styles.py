"""The app's one stylesheet, `app.tcss`, parsed in the part the first screen can use.

Textual parses a stylesheet whole before the first frame: some 4.5 ms for
`app.tcss`, of which the first screen's rules (and the shared ones) are
under a third. `FirstScreenStylesheet` starts with the file less the rules
no node of the first screen can match: those whose every selector begins
with a type the first screen is not (``HomeScreen #home-plans`` while
Meeting opens). The blanked rules keep their lines, so an error in the file
is reported at its line either way.

The first time a node is styled that such a rule could match (one with that
type among itself and its ancestors: another screen, a dialog), the whole
file replaces the part, before the node is styled. The rules are then the
file's, in the file's order, as if it had been read whole at start.

What a parse gives is kept between runs (`style_cache.KeptRules`): a start
parses only CSS it has not parsed before with the same variables.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from textual.dom import DOMNode

from .style_cache import KeptRules, KeptStylesheet

#: The one stylesheet of the app.
APP_TCSS = Path(__file__).with_name("app.tcss")

_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_BRACE = re.compile(r"[{}]")
#: The type a selector begins with (``HomeScreen`` of ``HomeScreen #home-plans``), if it begins with one.
_LEADING_TYPE = re.compile(r"\s*([A-Za-z_][\w-]*)")


def _blank(text: str) -> str:
    """`text` as spaces, its line breaks kept (so what follows stays on its line and column)."""
    return "\n".join(" " * len(line) for line in text.split("\n"))


def first_part(css: str, present: Iterable[str]) -> tuple[str, frozenset[str]]:
    """`css` less the rules whose every selector begins with a type not in `present`.

    Returns the part, and the types the left-out rules begin with. Rules are
    found at the outer level (``selector { ... }``, braces counted for
    nested ones); comments are left as they are.
    """
    present = frozenset(present)
    out: list[str] = []
    left_out: set[str] = set()
    start = 0  # where the text not yet copied begins
    depth = 0
    rule_start = 0
    masked = _COMMENT.sub(lambda m: _blank(m.group()), css)  # braces in comments are no braces
    for brace in _BRACE.finditer(masked):
        k = brace.start()
        if brace.group() == "{":
            if depth == 0:
                # The selector runs from the end of the previous rule to here.
                rule_start = masked.rfind("}", 0, k) + 1
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                selectors = masked[rule_start : masked.index("{", rule_start)]
                types = [_LEADING_TYPE.match(s) for s in selectors.split(",")]
                if all(t is not None and t.group(1) not in present for t in types):
                    left_out.update(t.group(1) for t in types if t is not None)
                    # What precedes the selector (line breaks, a comment) stays.
                    lead = len(selectors) - len(selectors.lstrip())
                    out.append(css[start : rule_start + lead])
                    out.append(_blank(css[rule_start + lead : k + 1]))
                    start = k + 1
    out.append(css[start:])
    return "".join(out), frozenset(left_out)


def _type_names(cls: type) -> frozenset[str]:
    return frozenset(c.__name__ for c in cls.__mro__)


class FirstScreenStylesheet(KeptStylesheet):
    """Textual's stylesheet, holding `app.tcss` less what `first_screen` cannot use until another screen needs it."""

    def __init__(self, first_screen: type, kept: KeptRules | None = None, **kwargs: Any) -> None:
        super().__init__(kept, **kwargs)
        self._css = APP_TCSS.read_text(encoding="utf-8")
        part, self._waiting_for = first_part(self._css, _type_names(first_screen))
        self._names: dict[type, frozenset[str]] = {}
        self.add_source(part, read_from=(str(APP_TCSS), ""))

    def _could_use_the_rest(self, node: DOMNode) -> bool:
        for n in node.css_path_nodes:
            names = self._names.get(type(n))
            if names is None:
                names = self._names[type(n)] = _type_names(type(n))
            if not names.isdisjoint(self._waiting_for):
                return True
        return False

    def apply(
        self,
        node: DOMNode,
        *,
        animate: bool = False,
        cache: dict[tuple[Any, ...], Any] | None = None,
    ) -> None:
        if self._waiting_for and self._could_use_the_rest(node):
            self._waiting_for = frozenset()
            # The file replaces the part where it stood among the sources, so
            # its rules keep the file's order (and their place among the others).
            key = (str(APP_TCSS), "")
            sources = list(self.source.items())
            self.source.clear()
            for read_from, source in sources:
                self.source[read_from] = (
                    source._replace(content=self._css) if read_from == key else source
                )
            self._require_parse = True
            self._rules_map = None
        super().apply(node, animate=animate, cache=cache)
