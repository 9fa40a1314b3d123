"""Screens that list many plans and records are labelled at the level of the most sensitive one."""

from __future__ import annotations

import shutil

from demarche.store.overview import scan
from demarche.tui.app import DemarcheApp
from demarche.tui.widgets.banner import ClassificationBanner

from ..conftest import REPO

SECRET_PLAN = REPO / "plans" / "demarche-on-transfer-of-ballistic-missiles-to-hizballah-2010.toml"


def test_overview_marking_is_the_highest_of_its_files(workspace):
    assert scan(workspace).overall_marking().short == "SBU"
    shutil.copy(SECRET_PLAN, workspace.plans_dir)
    assert scan(workspace).overall_marking().short == "S//NF"


async def wait_for(pilot, cond, what):
    for _ in range(100):
        await pilot.pause(0.05)
        if cond():
            return
    raise AssertionError(what)


def banners(app) -> list[str]:
    return [str(b.render()) for b in app.screen.query(ClassificationBanner)]


async def test_home_banner_rises_with_a_secret_plan(workspace):
    shutil.copy(SECRET_PLAN, workspace.plans_dir)
    app = DemarcheApp(workspace, None, start="home")
    async with app.run_test(size=(100, 32)) as pilot:
        await wait_for(
            pilot, lambda: banners(app) == ["SECRET//NOFORN"] * 2, f"banners: {banners(app)}"
        )
        await pilot.press("slash", *"Hizballah")
        await wait_for(
            pilot, lambda: banners(app) == ["SECRET//NOFORN"] * 2, f"search banners: {banners(app)}"
        )
        await pilot.press("q")


async def test_home_banner_of_an_sbu_workspace(workspace):
    app = DemarcheApp(workspace, None, start="home")
    async with app.run_test(size=(100, 32)) as pilot:
        await wait_for(
            pilot,
            lambda: banners(app) == ["SENSITIVE BUT UNCLASSIFIED"] * 2,
            f"banners: {banners(app)}",
        )
        await pilot.press("q")
