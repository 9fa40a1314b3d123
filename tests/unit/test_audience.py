"""Audiences: names read as countries and groups, the choice of a meeting's items, and the one rule
(`Record.owes`) that keeps items for other audiences out of every "not delivered" count."""

from __future__ import annotations

import datetime as dt

from demarche import audience as aud
from demarche.cable import read_cable_file
from demarche.store.settings import PostConfig
from demarche.followthrough.coverage import coverage, items_to_carry_forward
from demarche.store.formats import load_plan_text, load_record_text, plan_to_toml, record_to_toml
from demarche.model import Item, ItemKind, Outcome, Priority, Record
from demarche.outputs.reporting_cable import draft_reporting_cable


from ..conftest import CABLES

AT = dt.datetime(2009, 12, 15, 10, 0)


def test_names_become_countries_and_groups():
    assert aud.normalise("RIGA, TALLINN, AND VILNIUS") == "LATVIA, ESTONIA, LITHUANIA"
    assert aud.normalise("WARSAW") == "POLAND"
    assert aud.normalise("the ROK") == "SOUTH KOREA"
    assert aud.normalise("THE PEOPLE'S REPUBLIC OF CHINA") == "CHINA"
    assert aud.normalise("USNATO AND EMBASSIES IN NATO CAPITALS") == "NATO"
    assert aud.normalise("all Embassies") == aud.normalise("ALL ACTION POSTS") == ""
    assert aud.normalise("PUBLIC/PRESS INQUIRIES") == "PRESS"
    assert aud.normalise("Embassies Moscow and Riga") == "RUSSIA, LATVIA"


def test_covers_reads_groups_and_exceptions():
    assert aud.covers("", "POLAND") and aud.covers("POLAND", "")
    assert aud.covers("LATVIA, ESTONIA, LITHUANIA", "ESTONIA")
    assert not aud.covers("LATVIA, ESTONIA, LITHUANIA", "POLAND")
    assert aud.covers("NATO", "POLAND") and not aud.covers(
        "NATO EXCEPT POLAND, CZECH REPUBLIC", "POLAND"
    )
    assert aud.covers("NATO", "NATO") and not aud.covers("POLAND", "NATO")
    assert not aud.covers("PRESS", "POLAND")


def test_a_post_serves_its_country_or_the_country_of_its_city():
    assert PostConfig(country="Poland").audience == "POLAND"
    assert PostConfig(post="WARSAW").audience == "POLAND"
    assert PostConfig().audience == ""


def _baltic_record(audience: str) -> Record:
    plan = read_cable_file(CABLES / "instructions" / "09STATE127892.txt").plan
    rec = Record.from_plan(plan)
    rec.choose_audience(audience)
    return rec


def test_choosing_an_audience_keeps_its_items_and_the_general_ones():
    rec = _baltic_record("POLAND")
    on = {e.item.audience for e in rec.agenda}
    assert on == {"POLAND", ""}
    off = [e for e in rec.entries if not e.included]
    assert off and all(e.item.audience in ("LATVIA, ESTONIA, LITHUANIA", "PRESS") for e in off)
    assert rec.current == rec.agenda[0].id
    rec.choose_audience("")
    assert all(e.included for e in rec.entries)


def test_items_for_other_audiences_never_count_as_not_delivered():
    rec = _baltic_record("POLAND")
    for e in rec.entries:  # make every item high priority: a left-out one would be warned about
        e.item.priority = Priority.HIGH
    own = rec.agenda[0]
    own.included = False  # the officer leaves out one of Warsaw's own points: that one counts
    for e in rec.agenda:
        rec.set_outcome(e.id, Outcome.DELIVERED, AT)
    assert [e.id for e in rec.high_priority_undelivered()] == [own.id]
    plan = read_cable_file(CABLES / "instructions" / "09STATE127892.txt").plan
    owed = {c.item.id for c in coverage(plan, [rec])}
    assert owed == {e.id for e in rec.entries if rec.owes(e)}
    assert not any(i.audience.startswith("LATVIA") for i in (plan.item(x) for x in owed))
    assert all(plan.item(x).audience in ("POLAND", "") for x in items_to_carry_forward(plan, [rec]))


def test_the_report_is_silent_about_other_audiences_items():
    rec = _baltic_record("POLAND")
    for e in rec.agenda:
        rec.set_outcome(e.id, Outcome.DELIVERED, AT)
    rec.finish(AT)
    text = " ".join(
        draft_reporting_cable(
            [rec], PostConfig(post="WARSAW", country="POLAND"), today=AT.date()
        ).split()
    )
    for words in ("did not raise", "did not reach", "deferred"):
        assert words not in text
    left_out = rec.entry(rec.agenda[0].id)
    left_out.included = False  # one of Warsaw's own left out: the report says so, and names only it
    again = " ".join(
        draft_reporting_cable([rec], PostConfig(post="WARSAW"), today=AT.date()).split()
    )
    assert "did not raise the first reftel" in again
    assert (
        again.count("did not raise") == 1
        and " and " not in again.split("did not raise", 1)[1].split(".")[0]
    )


def test_audience_and_references_survive_save_and_load():
    plan = read_cable_file(CABLES / "instructions" / "08STATE3800.txt").plan
    back = load_plan_text(plan_to_toml(plan).encode(), "p.toml")
    assert (
        back.brief.references == plan.brief.references
        and back.brief.references[0].title == "Resolution"
    )
    china = read_cable_file(CABLES / "instructions" / "10STATE9939.txt").plan
    assert (
        load_plan_text(plan_to_toml(china).encode(), "p.toml").instruction.subject_marking
        == china.instruction.subject_marking
    )
    rec = _baltic_record("POLAND")
    again = load_record_text(record_to_toml(rec).encode(), "r.toml")
    assert again.audience == "POLAND" and [e.included for e in again.entries] == [
        e.included for e in rec.entries
    ]
    assert {e.item.audience for e in again.entries} == {e.item.audience for e in rec.entries}


def test_an_item_without_audience_is_for_every_meeting():
    rec = Record.from_plan(read_cable_file(CABLES / "instructions" / "10STATE17307.txt").plan)
    rec.choose_audience("SYRIA")
    assert all(e.included for e in rec.entries)
    assert rec.concerns(Item("x", ItemKind.TALKING_POINT, "t"))


def test_choosing_an_audience_keeps_the_officers_own_choices():
    rec = _baltic_record("")
    general = next(e for e in rec.entries if not e.item.audience)
    general.included = False  # left out by the officer (or by carry-forward)
    rec.choose_audience("POLAND")
    assert not general.included
    rec.choose_audience("LATVIA")
    assert not general.included
    assert all(e.included for e in rec.entries if e.item.audience.startswith("LATVIA"))
    assert not any(e.included for e in rec.entries if e.item.audience == "POLAND")


def test_an_audience_is_only_the_names_not_the_request_that_follows_them():
    """STATE 103511: "For Embassies Moscow and Riga, please approach host-country officials ...".

    The audience is who the points are for (docs/FORMAT.md: countries and
    groups in a standard form), never the words of the request after them.
    """
    assert aud.normalise("Embassies Moscow and Riga, please approach host") == "RUSSIA, LATVIA"
    assert aud.normalise("Embassy Belize, please approach host") == "BELIZE"
    plan = read_cable_file(CABLES / "instructions" / "08STATE103511.txt").plan
    known = aud.COUNTRIES | set(aud.GROUPS) | {"PRESS"}
    for item in plan.items:
        names, _, excepted = item.audience.partition(" EXCEPT ")
        for name in [*aud.split_names(names), *aud.split_names(excepted)]:
            assert name in known, (item.id, item.audience)


def test_a_lead_in_for_one_embassy_gives_its_points_that_audience():
    """STATE 103511 para 4: "(S/Rel to Ukraine) For Embassy Kyiv, please approach host-country
    officials to pursue the objectives set out below." Its points are Kyiv's (docs/FORMAT.md:
    "FOR WARSAW is POLAND"), so a meeting in Moscow does not get them."""
    plan = read_cable_file(CABLES / "instructions" / "08STATE103511.txt").plan
    para4 = [i for i in plan.items if i.paragraph == "4"]
    assert para4 and {i.audience for i in para4} == {"UKRAINE"}
    moscow = Record.from_plan(plan)
    moscow.choose_audience("RUSSIA")
    assert not [e.id for e in moscow.agenda if e.item.paragraph == "4"]
    assert [e.id for e in moscow.agenda if e.item.paragraph == "5"]


def test_a_post_the_tables_do_not_know_keeps_its_points_beside_known_ones():
    """Dropping an unknown name would take its points from its post: only the request goes."""
    assert aud.normalise("Embassies Asmara and USUN") == "ERITREA, USUN"
    assert aud.normalise("USUN and Embassy London, please approach host") == "USUN, UNITED KINGDOM"
