"""The app's follow-through wording and choices (`history`, `search_hits`), on the factory workspace."""

from __future__ import annotations

import datetime as dt

from demarche.followthrough.coverage import PlanStatus, WorkspaceStatus
from demarche.followthrough.history import (
    carry_forward_offer,
    covered_elsewhere,
    delivered_where,
    open_follow_ups_everywhere,
    read_covered_elsewhere,
)
from demarche.store.overview import scan
from demarche.lookup import search
from demarche.lookup import hit_text
from demarche.store.storage import load_record

from .factory import at, founding_record

TODAY = dt.date(2009, 11, 10)


def status(ws):
    return WorkspaceStatus.build(scan(ws), TODAY)


def test_delivered_where_names_date_and_interlocutor_oldest_first(ftws):
    russia = status(ftws).plans[0]
    cov = {c.item.id: c for c in russia.coverage}
    assert delivered_where(cov["tp-1"]) == "delivered 2009-10-02 to Aleksey Ivanov (MFA)"
    assert delivered_where(cov["np-4"]) == "in part 2009-10-02 to Aleksey Ivanov (MFA)"
    assert delivered_where(cov["np-9"]) == ""
    assert delivered_where(cov["tp-1"], limit=0) == "; +1 more"


def test_covered_elsewhere_leaves_out_the_open_record(ftws):
    mfa = ftws.records_dir / "2009-10-02-mfa.toml"
    rec = load_record(mfa)
    seen = covered_elsewhere(scan(ftws), mfa, rec.plan.path, rec.as_plan())
    assert set(seen) == {"np-5", "np-6"}  # only the MVD meeting's deliveries
    assert seen["np-5"] == "delivered 2009-10-20 to Sergey Petrov (MVD)"
    prepared = ftws.records_dir / "2009-11-05-prepared.toml"
    rec = load_record(prepared)
    assert len(read_covered_elsewhere(ftws, prepared, rec.plan.path, rec.as_plan())) == 13
    assert covered_elsewhere(scan(ftws), prepared, "", rec.as_plan()) == {}


def test_carry_forward_offer_only_after_a_delivery(ftws):
    russia, syria = status(ftws).plans[:2]
    offer = carry_forward_offer(russia)
    assert (offer.held, offer.total, offer.ids[0], len(offer.ids)) == (2, 24, "np-7", 11)
    assert carry_forward_offer(syria).ids == ["sy-2"]
    held = founding_record(ftws)
    held.start(at("2009-10-02"))  # a meeting under way, nothing delivered yet: nothing to offer
    assert carry_forward_offer(PlanStatus.build(russia.plan, russia.path, [held], TODAY)) is None
    assert (
        carry_forward_offer(
            PlanStatus.build(russia.plan, russia.path, [founding_record(ftws)], TODAY)
        )
        is None
    )


def test_open_follow_ups_everywhere_overdue_first(ftws):
    fus = open_follow_ups_everywhere(status(ftws))
    assert [(o.meeting.shown, o.follow_up.id, o.overdue) for o in fus] == [
        ("records/2009-10-02-mfa.toml", "f1", True),
        ("records/2009-10-20-mvd.toml", "f1", False),
        ("records/2010-02-01-syria.toml", "f1", False),
    ]


def test_hit_text_is_the_whole_field(ftws):
    ov = scan(ftws)
    docs = {str(p.path): p.plan for p in ov.plans if p.plan} | {
        str(r.path): r.record for r in ov.records if r.record
    }
    for text, expected in [
        ("federal law", "A central database would need a new federal law."),
        ("Watch List timing", "Ivanov asked about the Watch List timing."),
        ("translation of the non-paper", "Send Russian translation of the non-paper"),
    ]:
        hit = next(h for h in search(ov, text) if h.kind == "record")
        assert hit_text(docs[str(hit.file)], hit) == expected
    hit = search(ov, "asset forfeiture")[0]
    assert hit.kind == "plan" and hit_text(docs[str(hit.file)], hit).startswith(
        "Use asset forfeiture"
    )
