"""The one reader of a workspace (`overview.scan`) and the plan a record names (`Workspace.plan_of`)."""

from __future__ import annotations

import datetime as dt

from demarche import actions
from demarche.store.overview import scan


def test_plan_of_resolves_the_path_a_record_keeps(workspace):
    plan = workspace.plans_dir / "russia-tip-tier2-2009.toml"
    assert workspace.plan_of("plans/russia-tip-tier2-2009.toml") == plan.resolve()
    assert workspace.plan_of(str(plan)) == plan.resolve()
    assert workspace.plan_of("") is None


def test_scan_with_and_without_the_cache_reads_the_same(workspace):
    plan = workspace.plans_dir / "russia-tip-tier2-2009.toml"
    new = actions.start_meeting(workspace, plan, dt.date(2009, 10, 2))
    new.lock.release()
    broken = workspace.records_dir / "2009-10-03-broken.toml"
    broken.write_text("schema = ")
    for ov in (scan(workspace), scan(workspace, use_cache=True), scan(workspace, use_cache=True)):
        assert [rf.path.name for rf in ov.records] == [
            "2009-10-02-russia-tip-tier2-2009.toml",
            broken.name,
        ]
        assert [rf.path.name for rf in ov.records_for(plan)] == [new.path.name]
        (bad,) = ov.broken
        # The reason is shown beside the file name: it does not repeat it.
        assert bad.error.startswith(f"{broken}: ") and bad.reason == bad.error[len(f"{broken}: ") :]
        assert bad.reason and not bad.reason.startswith(str(broken))
