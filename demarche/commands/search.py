"""``demarche search TEXT``: find text in the workspace's plans and records, and say where."""

from __future__ import annotations

import argparse


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    p = sub.add_parser(
        "search",
        parents=[common],
        help="find text in plans and records (items, responses, notes, follow-ups, cues)",
        description="Case-insensitive search across plans and records. One line per matching field: "
        "file, item or follow-up id, field, and a snippet. Exit 1 when nothing matches.",
    )
    p.add_argument("text", metavar="TEXT", nargs="+", help="words to find (joined by spaces)")
    p.add_argument("--json", action="store_true", help="print the hits as JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..bulk import read_until_exit

    with read_until_exit():
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    from ..errors import DemarcheError
    from ..store.overview import scan
    from ..lookup import hits_marking, search
    from ..store.workspace import Workspace

    text = " ".join(args.text).strip()
    if not text:
        raise DemarcheError("nothing to search for")
    ws = Workspace.resolve(getattr(args, "workspace", None))
    ov = scan(ws, use_cache=True, parallel=True, full=False)
    hits = search(ov, text)
    marking = hits_marking(ov, hits)
    if args.json:
        from ..display import json_text

        doc = {
            "classification": marking.banner,
            "marking": marking.short,
            "hits": [
                {
                    "file": h.shown,
                    "kind": h.kind,
                    "where": h.where,
                    "field": h.field,
                    "snippet": h.snippet,
                    "count": h.count,
                }
                for h in hits
            ],
        }
        print(json_text(doc))
    else:
        from rich.console import Console
        from rich.text import Text

        from ..display import plain

        console = Console(highlight=False)
        banner = plain(marking.banner, style="bold reverse")
        banner.justify = "center"
        console.print(banner)
        for h in hits:
            line = Text()
            line.append(plain(h.shown, style="bold"))
            line.append(plain(f"  {h.where}" if h.where != h.field else ""))
            line.append(plain(f" {h.field}", style="dim"))
            line.append("\n    ")
            line.append(plain(h.snippet[: h.start]))
            line.append(plain(h.snippet[h.start : h.end], style="bold reverse"))
            line.append(plain(h.snippet[h.end :]))
            console.print(line, soft_wrap=True)
        n = len(hits)
        files = len({h.file for h in hits})
        summary = (
            f"{n} match{'es' if n != 1 else ''} in {files} file{'s' if files != 1 else ''}"
            if n
            else f'no match for "{text}"'
        )
        if ov.broken:
            summary += f"; {len(ov.broken)} broken file{'s' if len(ov.broken) != 1 else ''} not searched (see demarche status)"
        console.print(plain(summary, style="dim"))
        console.print(banner)
    return 0 if hits else 1
