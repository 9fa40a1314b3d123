"""The ``demarche`` command line: argument parsing and error handling only.

Each subcommand lives in its own module under `demarche.commands` and exposes
``register(subparsers, common)``, which adds its parser and sets ``func``.
Command modules import nothing heavy at module level, so building the parser
stays cheap; commands that need no screen never import Textual.

Every `DemarcheError` becomes one line per problem on stderr and exit code 2.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from . import __version__
from .errors import EXIT_BAD_INPUT, DemarcheError

#: Subcommand modules, in the order ``--help`` lists them.
COMMAND_MODULES = (
    "demarche.commands.check",
    "demarche.commands.show",
    "demarche.commands.import_cable",
    "demarche.commands.status",
    "demarche.commands.followup",
    "demarche.commands.search",
    "demarche.commands.report",
    "demarche.commands.nonpaper",
    "demarche.commands.card",
    "demarche.commands.summary",
    "demarche.commands.config",
    "demarche.commands.screens",
)


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--workspace",
        "-W",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="folder holding plans/ and records/ (default: $DEMARCHE_HOME, else the current folder)",
    )
    parser = argparse.ArgumentParser(
        prog="demarche",
        description="Prepare, deliver and report a demarche. With no command, opens the app.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"demarche {__version__}")
    parser.set_defaults(func=_open_app)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub, common)
    return parser


def _open_app(args: argparse.Namespace) -> int:
    from .commands import screens

    return screens.run_home(args)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except DemarcheError as exc:
        print(exc, file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # Output piped into `head` and the like: not an error worth a traceback.
        try:
            sys.stdout = None  # type: ignore[assignment]
        except Exception:
            pass
        return 0
