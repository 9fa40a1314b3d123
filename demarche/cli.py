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
import os
import sys
from typing import NoReturn

from . import __version__, dataclass_code

# Before the first dataclass of the program is made (the next line's): their
# methods' code comes from the cache, not compiled again at every start.
dataclass_code.install()

from .errors import EXIT_BAD_INPUT, DemarcheError  # noqa: E402

#: Subcommand name -> the module that registers it, in the order ``--help`` lists them.
COMMANDS = {
    "check": "demarche.commands.check",
    "show": "demarche.commands.show",
    "import": "demarche.commands.import_cable",
    "prepare": "demarche.commands.screens",
    "meet": "demarche.commands.screens",
    "open": "demarche.commands.screens",
    "report": "demarche.commands.report",
    "sent": "demarche.commands.sent",
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


class _Parser(argparse.ArgumentParser):
    """argparse, with its errors said in one line (and where to look) like every other refusal."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: {message} (see '{self.prog} --help')\n")


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The full parser, or with `argv`, one holding just the command it names."""
    common = _Parser(add_help=False)
    common.add_argument(
        "--workspace",
        "-W",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="folder holding plans/ and records/ (default: $DEMARCHE_HOME, else the current folder)",
    )
    parser = _Parser(
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


def _leave_on_hangup() -> None:
    """SIGHUP or SIGTERM (a closed terminal, a polite kill) ends a command through its `finally` blocks.

    So a lock is released and its file removed, an open record saved and
    closed, even while the app is still starting (the app, once up, takes
    over with its own handlers: `DemarcheApp._save_on_hangup`).
    """
    import signal

    def leave(signum: int, frame: object) -> None:
        for sig in (signal.SIGHUP, signal.SIGTERM):
            signal.signal(sig, signal.SIG_DFL)  # a second one ends the process at once
        raise SystemExit(128 + signum)

    for sig in (signal.SIGHUP, signal.SIGTERM):
        try:
            if signal.getsignal(sig) is signal.SIG_DFL:
                signal.signal(sig, leave)
        except (ValueError, OSError):
            pass  # not the main thread (an embedding program): its signals are its own


def main(argv: list[str] | None = None) -> int:
    if argv is None:
        argv = sys.argv[1:]
        _leave_on_hangup()
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    try:
        if getattr(args, "workspace", None) and not getattr(args, "creates_workspace", False):
            from .store.workspace import Workspace

            Workspace.resolve(
                args.workspace
            )  # a workspace that is not there is refused by every command
        return int(args.func(args) or 0)
    except DemarcheError as exc:
        from .display import visible

        print(visible(str(exc)), file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        # Output piped into `head` and the like, which stopped reading: said
        # nothing, exit 1, as Rich's console does for the commands that print
        # through it and as Python's documentation advises. (A BrokenPipeError
        # is an OSError, so it is caught first.) The rest of the output goes
        # nowhere, so the interpreter's last flush does not fail in turn.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except OSError as exc:
        # Every reader and writer turns the OS's refusals into a DemarcheError;
        # one that slipped through still gets one line, never a traceback.
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"{where}{exc.strerror or exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
