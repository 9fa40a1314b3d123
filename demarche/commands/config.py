"""``demarche config``: the effective post settings and where each comes from."""

from __future__ import annotations

import argparse


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    p = sub.add_parser(
        "config",
        parents=[common],
        help="show the post settings used for drafts",
        description="Show the effective post settings (post, signature, wrap width ...) and where each comes from.",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..store.settings import KEYS, load_config
    from ..store.workspace import Workspace

    ws = Workspace.resolve(getattr(args, "workspace", None))
    cfg = load_config(ws)
    state = "found" if ws.config_path.exists() else "absent, defaults apply"
    from ..display import visible

    print(visible(f"config file: {ws.config_path} ({state})"))
    for name, (table, key) in KEYS.items():
        value = getattr(cfg, name)
        if name == "post" and not value:
            shown = "(from the instruction's action addressee, e.g. AMEMBASSY MOSCOW -> MOSCOW)"
        elif isinstance(value, bool):
            shown = "true" if value else "false"
        elif isinstance(value, list):
            shown = "[" + ", ".join(f'"{v}"' for v in value) + "]"
        elif isinstance(value, str):
            shown = (
                f'"{value}"'
                if value
                else '"" (placeholder in drafts)'
                if name in ("signature", "classified_by")
                else '""'
            )
        else:
            shown = str(value)
        print(
            visible(f"{table + '.' + key:<24} = {shown:<30} # {cfg.sources.get(name, 'default')}")
        )
    for binding, keys in sorted(cfg.keys.items()):
        shown = f'"{keys}"'
        print(
            visible(
                f"{'keys.' + binding:<24} = {shown:<30} # {ws.config_path}:keys (binding ids: F1 in the app)"
            )
        )
    return 0
