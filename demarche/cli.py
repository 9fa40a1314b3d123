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

#: Subcommand name -> the module that registers it, in the order ``--help`` lists them.
COMMANDS = {
    "check": "demarche.commands.check",
    "show": "demarche.commands.show",
    "import": "demarche.commands.import_cable",
    "prepare": "demarche.commands.screens",
    "meet": "demarche.commands.screens",
    "open": "demarche.commands.screens",
    "report": "demarche.commands.report",
    "nonpaper": "demarche.commands.nonpaper",
    "card": "demarche.commands.card",
    "summary": "demarche.commands.summary",
    "status": "demarche.commands.status",
    "followup": "demarche.commands.followup",
    "search": "demarche.commands.search",
    "config": "demarche.commands.config",
}


def _modules_for(argv: list[str] | None) -> list[str]:
    """Command modules to load: only the one named on the command line, or all (for --help).

    Loading one instead of all keeps start-up short for the commands an
    officer runs most, the screen ones included.
    """
    args = list(argv or [])
    wanted = None
    i = 0
    while i < len(args):
        if args[i] in ("-W", "--workspace"):
            i += 2
            continue
        if not args[i].startswith("-"):
            wanted = args[i]
            break
        i += 1
    if wanted in COMMANDS and not ({"-h", "--help"} & set(argv or [])):
        return [COMMANDS[wanted]]
    return list(dict.fromkeys(COMMANDS.values()))


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The full parser, or with `argv`, one holding just the command it names."""
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
    for name in _modules_for(argv) if argv is not None else dict.fromkeys(COMMANDS.values()):
        importlib.import_module(name).register(sub, common)
    return parser


def _open_app(args: argparse.Namespace) -> int:
    from .commands import screens

    return screens.run_home(args)


def main(argv: list[str] | None = None) -> int:
    if argv is None:
        argv = sys.argv[1:]
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except DemarcheError as exc:
        from .display import visible

        print(visible(str(exc)), file=sys.stderr)
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
