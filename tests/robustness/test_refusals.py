"""Smaller refusals from issue 12: each a clear line and exit 2, never a traceback or a silent guess."""

from __future__ import annotations

import pytest

from demarche.cli import main
from demarche.model import Plan


def run(argv, capsys):
    try:
        code = main([str(a) for a in argv])
    except SystemExit as exc:  # argparse leaves through exit()
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    "argv", [["report", "--no-such-option"], ["no-such-command"], ["followup", "close"]]
)
def test_argparse_errors_are_one_line_with_a_pointer_to_help(argv, capsys):
    code, out, err = run(argv, capsys)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "--help" in err and "usage:" not in err, err


@pytest.mark.parametrize("command", [["status"], ["search", "x"], ["followup", "list"]])
def test_a_workspace_that_is_not_there_is_refused(command, tmp_path, capsys):
    missing = tmp_path / "nonexistent"
    code, out, err = run([*command, "-W", missing], capsys)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and str(missing) in err and "no such folder" in err, err


@pytest.mark.parametrize("key", ["name", "signature", "passing_line"])
def test_config_refuses_control_characters_in_post_strings(workspace, capsys, key):
    workspace.config_path.write_text(
        f'[post]\n{key} = "MOSCOW\\u001b]0;PWNED\\u0007"\n', encoding="utf-8"
    )
    code, _, err = run(["config", "-W", workspace.root], capsys)
    assert code == 2 and err.count("\n") == 1, err
    assert str(workspace.config_path) in err and f"post.{key}" in err and "control character" in err


def test_the_same_record_named_twice_names_the_file(workspace, capsys):
    from demarche.session import MeetingSession

    s = MeetingSession.create(workspace.plans_dir / "russia-tip-tier2-2009.toml", workspace)
    s.close()
    code, _, err = run(["report", s.path, s.path, "-W", workspace.root], capsys)
    assert code == 2 and err.count("\n") == 1 and str(s.path) in err and "named twice" in err, err


class CountingList(list):
    """A list that counts how often it is walked from the start."""

    walks = 0

    def __iter__(self):
        CountingList.walks += 1
        return super().__iter__()


def test_items_are_found_by_id_without_a_scan_per_lookup(workspace):
    # `followup carry` on a 100k-item plan looked up each item by a linear scan.
    from demarche.store.storage import load_plan

    plan: Plan = load_plan(workspace.plans_dir / "russia-tip-tier2-2009.toml")
    plan.items = CountingList(plan.items * 1)
    CountingList.walks = 0
    ids = [it.id for it in list.__iter__(plan.items)]
    for i in ids:
        assert plan.item(i).id == i
    assert CountingList.walks <= 1, f"{CountingList.walks} walks for {len(ids)} lookups"
    with pytest.raises(KeyError):
        plan.item("no-such-id")
