"""User key remapping from the workspace config (``demarche.toml``).

    [keys]
    "meeting.delivered" = "d,ctrl+d"
    "app.quit" = "q"

Each key is a binding id (shown in help.md); the value is Textual key names,
comma-separated. A config that cannot be read is a one-line `DemarcheError`.
"""

from __future__ import annotations

from ..store.settings import load_config
from ..store.workspace import Workspace


def load_keymap(workspace: Workspace) -> dict[str, str]:
    """Binding id -> keys from the ``[keys]`` table of the workspace config ({} when absent).

    The config is read and validated by `config.load_config`, so a bad file
    is the same one-line error whichever command meets it.
    """
    return dict(load_config(workspace).keys)
