"""The footer that shows the next step first, and F1 always.

Textual's `Footer` lists keys in binding order, the screen's before the
app's, so at 80 columns the keys that matter most (Prepare's `s` start,
Meeting's `w` wrap up, F1 help) fell off the right edge. A screen names its
keys in the order the officer needs them in ``FOOTER_FIRST`` (binding ids);
those come first, F1 help right after them, then the rest in binding order.
The command palette key is left out to save room (``ctrl+p`` still works;
F1 lists it).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

#: The help key, shown on every screen right after the screen's first keys.
HELP_ID = "app.help"


def footer_order(screen_first: tuple[str, ...], ids: list[str | None]) -> list[int]:
    """Positions of `ids` (binding ids in binding order) in the order the footer shows them."""
    first = [*screen_first, HELP_ID]
    rank = {bid: n for n, bid in enumerate(first)}
    return sorted(range(len(ids)), key=lambda k: (rank.get(ids[k] or "", len(first)), k))


class StepFooter(Footer):
    """`Footer` with the screen's ``FOOTER_FIRST`` keys first, then F1, then the rest."""

    def __init__(
        self,
        *children: Widget,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
        disabled: bool = False,
        show_command_palette: bool = False,
        compact: bool = False,
    ) -> None:
        super().__init__(
            *children,
            name=name,
            id=id,
            classes=classes,
            disabled=disabled,
            show_command_palette=show_command_palette,
            compact=compact,
        )

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        shown = []
        seen: set[str] = set()
        for _, binding, enabled, tooltip in self.screen.active_bindings.values():
            if binding.show and binding.action not in seen:
                seen.add(binding.action)
                shown.append((binding, enabled, tooltip))
        first = tuple(getattr(self.screen, "FOOTER_FIRST", ()))
        order = footer_order(first, [b.id for b, _, _ in shown])
        self.styles.grid_size_columns = len(shown)
        for k in order:
            binding, enabled, tooltip = shown[k]
            yield FooterKey(
                binding.key,
                self.app.get_key_display(binding),
                binding.description,
                binding.action,
                disabled=not enabled,
                tooltip=tooltip,
            ).data_bind(compact=Footer.compact)
