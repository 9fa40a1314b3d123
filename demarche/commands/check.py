"""``demarche check FILE...``: validate plans and records."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    p = sub.add_parser(
        "check",
        parents=[common],
        help="validate plan and record files",
        description="Validate plans and records. Exit 0 when all are valid; 2 with one line per problem on stderr. "
        "Text holding control characters (ESC and the like) is valid but warned about.",
    )
    p.add_argument("files", nargs="+", metavar="FILE", type=Path)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..display import controls_in, visible
    from ..errors import EXIT_BAD_INPUT, DemarcheError
    from ..model import Record
    from ..store.formats import parse_toml
    from ..store.storage import load_any, read_bytes

    bad = 0
    for path in args.files:
        try:
            doc = load_any(path)
        except DemarcheError as exc:
            bad += 1
            print(visible(str(exc)), file=sys.stderr)
            continue
        what = "record" if isinstance(doc, Record) else "plan"
        n = len(doc.entries) if isinstance(doc, Record) else len(doc.items)
        print(visible(f"{path}: ok ({what}, {n} items, {doc.overall_marking().short})"))
        for key, char in controls_in(parse_toml(read_bytes(path), str(path))):
            print(
                visible(
                    f"{path}: {key}: warning: holds a control character (outputs show it as {char})"
                ),
                file=sys.stderr,
            )
    return EXIT_BAD_INPUT if bad else 0
