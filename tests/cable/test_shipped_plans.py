"""The plans shipped in plans/ that were imported from the corpus still match the importer's output."""

from __future__ import annotations

import pytest

from demarche.cable import read_cable_file
from demarche.store.formats import plan_to_toml
from demarche.store.storage import load_plan

from ..conftest import CABLES, REPO

SHIPPED = {
    "demarche-on-transfer-of-ballistic-missiles-to-hizballah-2010.toml": "10STATE17307.txt",
    "alerting-china-to-possible-missile-related-export-to-iran-2010.toml": "10STATE9939.txt",
    "action-request-russia-s-300-missile-to-iran-2009.toml": "09STATE14577.txt",
}


@pytest.mark.parametrize("plan_name", sorted(SHIPPED))
def test_shipped_plan_is_the_import(plan_name):
    shipped = load_plan(REPO / "plans" / plan_name)
    fresh = read_cable_file(CABLES / "instructions" / SHIPPED[plan_name]).plan
    assert plan_to_toml(shipped) == plan_to_toml(fresh)
