"""The screen commands: ``prepare PLAN``, ``meet PLAN``, ``open RECORD`` and bare ``demarche``.

Everything that can fail (a bad plan, a locked or broken record) fails here,
before any screen is drawn: one line on stderr, exit 2. Textual is imported
only once a record is open and the app is about to run.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

# No collection while the app loads (Textual's import alone sets off a dozen
# that find nothing to free, some 10 ms); `_spare_the_collector` turns it back
# on before the app runs, and leaving the block does in any case.
from ..bulk import collector_paused

if TYPE_CHECKING:
    from ..session import MeetingSession
    from ..store.workspace import Workspace


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    audience_help = (
        "the audience this meeting is for (a country, a capital or a group: POLAND, Warsaw, NATO; "
        "'all' for every item); default: the post's country from demarche.toml, else asked in Prepare"
    )
    p = sub.add_parser(
        "prepare", parents=[common], help="new meeting record from a plan; open Prepare"
    )
    p.add_argument("plan", metavar="PLAN.toml", type=Path)
    p.add_argument("--audience", metavar="NAME", help=audience_help)
    p.set_defaults(func=run_prepare)
    p = sub.add_parser(
        "meet",
        parents=[common],
        help="new meeting record from a plan; open the Meeting screen at once",
    )
    p.add_argument("plan", metavar="PLAN.toml", type=Path)
    p.add_argument("--audience", metavar="NAME", help=audience_help)
    p.set_defaults(func=run_meet)
    p = sub.add_parser(
        "open", parents=[common], help="resume a meeting record at its stage and item"
    )
    p.add_argument("record", metavar="RECORD.toml", type=Path)
    p.set_defaults(func=run_open)


def _workspace(args: argparse.Namespace) -> Workspace:
    from ..store.workspace import Workspace

    return Workspace.resolve(getattr(args, "workspace", None))


#: How long (ms) Textual waits after Escape to tell it from an escape sequence.
#: Its default, 100 ms, turns Escape-then-d typed briskly into alt+d; terminals
#: send a whole sequence in one write, so 40 ms is ample. The user's ESCDELAY wins.
ESCAPE_DELAY_MS = "40"


def _brisk_escape() -> None:
    """Set ESCDELAY (unless the user has) before anything imports Textual, which reads it once."""
    import os

    os.environ.setdefault("ESCDELAY", ESCAPE_DELAY_MS)


def _spare_the_collector() -> None:
    """Move what is loaded so far (modules, classes, the record) out of the garbage collector's sight, and turn it back on.

    It lives as long as the process. Left in, a full collection walks all of
    it, and one falls due about when the first frame is drawn: some 15 ms,
    more than the frame itself.
    """
    import gc

    gc.freeze()
    gc.enable()


def _run(workspace: Workspace, session: MeetingSession | None, start: str) -> int:
    """Run the app on an open session (or none), making sure the record is closed afterwards."""
    _brisk_escape()
    try:
        from ..tui.app import DemarcheApp

        app = DemarcheApp(workspace, session, start=start)
        app.guard_terminal()
        _spare_the_collector()
        app.run()
    finally:
        live = app.session if "app" in locals() else session
        if live is not None and not live.closed:
            live.close()
    return 0


def _new(args: argparse.Namespace, start: str) -> int:
    from ..store.settings import load_config
    from ..session import MeetingSession

    ws = _workspace(args)
    load_config(
        ws
    )  # a bad demarche.toml (the app reads its [keys]): one line, before any file is created
    audience = (
        _audience(args.plan, args.audience) if getattr(args, "audience", None) is not None else None
    )
    # A bad plan fails in create() too, before the record file is written.
    return _run(
        ws, MeetingSession.create(args.plan, ws, audience=audience, write_later=True), start
    )


def _audience(plan_path: Path, name: str) -> str:
    """``--audience NAME`` in standard form, checked against the plan: a known country or group, or one of its audiences."""
    from .. import audience as aud
    from ..errors import DemarcheError
    from ..store.storage import load_plan

    if name.strip().lower() in ("all", "*", ""):
        return ""
    plan = load_plan(plan_path)
    wanted = aud.name_of(name)
    theirs = aud.audiences([i.audience for i in plan.items])
    known = (
        wanted in aud.COUNTRIES
        or wanted in aud.GROUPS
        or any(aud.covers(a, wanted) for a in theirs)
    )
    if not known:
        listed = "; ".join(theirs) if theirs else "none, every item is general"
        raise DemarcheError(
            f"--audience {name!r} is no country, group or audience of this plan (its audiences: {listed})",
            file=str(plan_path),
        )
    return wanted


def run_prepare(args: argparse.Namespace) -> int:
    with collector_paused():
        return _new(args, "prepare")


def run_meet(args: argparse.Namespace) -> int:
    with collector_paused():
        return _new(args, "meeting")


def run_open(args: argparse.Namespace) -> int:
    with collector_paused():
        return _open(args)


def _open(args: argparse.Namespace) -> int:
    from ..errors import DemarcheError
    from ..session import MeetingSession

    _brisk_escape()
    from ..tui.app import SCREEN_FOR_STAGE  # noqa: F401  (cheap: loads Textual once, needed anyway)

    ws = _workspace(args)
    if not args.record.is_file():
        raise DemarcheError("no such record", file=str(args.record))
    session = MeetingSession.open(args.record, write_later=True)
    return _run(ws, session, SCREEN_FOR_STAGE[session.record.stage])


def run_home(args: argparse.Namespace) -> int:
    """Bare ``demarche``: the Home screen of the workspace."""
    with collector_paused():
        return _run(_workspace(args), None, "home")
