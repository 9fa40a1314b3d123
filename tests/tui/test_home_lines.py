"""Home's words: plans told apart by serial and country; no word on high priority for a plan without any."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from demarche.followthrough.coverage import PlanStatus
from demarche.store.storage import load_plan
from demarche.tui.screens.home_lines import plan_detail, plan_label

PLANS = Path(__file__).resolve().parents[2] / "plans"


def test_plans_with_like_titles_are_told_apart_by_serial_and_country():
    s300 = load_plan(PLANS / "action-request-russia-s-300-missile-to-iran-2009.toml")
    china = load_plan(PLANS / "alerting-china-to-possible-missile-related-export-to-iran-2010.toml")
    a, b = plan_label(s300), plan_label(china)
    assert a.startswith(s300.instruction.id + " ") and b.startswith(china.instruction.id + " ")
    assert "RS" in a.split()[2] and "CH" in b.split()[2]  # the countries, before the title
    assert a[:16] != b[:16]  # distinct even in Home's narrowest plan column


def test_no_word_on_high_priority_for_a_plan_without_any():
    plan = load_plan(PLANS / "action-request-russia-s-300-missile-to-iran-2009.toml")
    assert not any(it.high for it in plan.items)
    text = plan_detail(PlanStatus.build(plan, None, [], dt.date(2009, 3, 1)), 200)
    assert "high" not in text.casefold()
    founding = load_plan(PLANS / "russia-tip-tier2-2009.toml")
    assert (
        "high priority not yet delivered"
        in plan_detail(PlanStatus.build(founding, None, [], dt.date(2009, 10, 1)), 400).casefold()
    )
