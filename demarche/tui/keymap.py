"""User key remapping from the workspace config (``demarche.toml``).

    [keys]
    "meeting.delivered" = "d,ctrl+d"
    "app.quit" = "q"

Each key is a binding id (shown in help.md); the value is Textual key names,
comma-separated. A config that cannot be read is a one-line `DemarcheError`.
"""

from __future__ import annotations

import tomllib

from ..errors import DemarcheError
from ..workspace import Workspace


def load_keymap(workspace: Workspace) -> dict[str, str]:
    """Binding id -> keys from the ``[keys]`` table of the workspace config ({} when absent)."""
    path = workspace.config_path
    if not path.is_file():
        return {}
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise DemarcheError(f"cannot read config: {exc}", file=str(path)) from None
    keys = doc.get("keys", {})
    if not isinstance(keys, dict) or not all(isinstance(v, str) for v in keys.values()):
        raise DemarcheError('[keys] must map binding ids to key names, e.g. "meeting.delivered" = "d"', file=str(path))
    return dict(keys)
