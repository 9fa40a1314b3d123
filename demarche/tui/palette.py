"""The command palette's "this screen" commands.

Lists the shown bindings of the current screen (and of the app) by their
description, so the palette always offers exactly what applies now. A screen
may add more by defining ``palette_commands()`` returning
``(name, help, callback)`` tuples.
"""

from __future__ import annotations

from functools import partial
from collections.abc import Callable, Iterable

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.dom import DOMNode

#: One command: its name, its help line and what it runs (what a screen's ``palette_commands()`` yields).
PaletteCommand = tuple[str, str, Callable[[], object]]


class ScreenCommands(Provider):
    """Main actions of the screen the palette was opened from."""

    def _commands(self) -> Iterable[PaletteCommand]:
        screen = self.screen
        extra = getattr(screen, "palette_commands", None)
        if callable(extra):
            yield from extra()
        seen: set[str] = set()
        for active in screen.active_bindings.values():
            b = active.binding
            if not b.show or not b.description or not active.enabled or b.action in seen:
                continue
            seen.add(b.action)
            keys = self.app.get_key_display(b)
            yield (
                b.description,
                f"{b.tooltip or b.description} ({keys})",
                partial(self._run, active.node, b.action),
            )

    async def _run(self, node: DOMNode, action: str) -> None:
        await self.app.run_action(action, node)

    async def discover(self) -> Hits:
        for name, help_text, callback in self._commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
