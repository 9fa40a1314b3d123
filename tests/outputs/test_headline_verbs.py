"""The drafted subject is a headline in the present tense: each past verb becomes its present form.

The expectations are plain English (third person singular present), not the
program's output: "welcomed" is "welcomes", never "welcoms".
"""

from __future__ import annotations

import pytest

from demarche.outputs.cable_subject import _present

PRESENT = {
    "welcomed": "welcomes",
    "approved": "approves",
    "moved": "moves",
    "observed": "observes",
    "resolved": "resolves",
    "endorsed": "endorses",
    "released": "releases",
    "increased": "increases",
    "announced": "announces",
    "pronounced": "pronounces",
    "required": "requires",
    "desired": "desires",
    "invoked": "invokes",
    "assumed": "assumes",
    "named": "names",
    "ruled": "rules",
    "compiled": "compiles",
    "explained": "explains",
    "complained": "complains",
    "maintained": "maintains",
    "remained": "remains",
    "obtained": "obtains",
    "joined": "joins",
    "appeared": "appears",
    "cleared": "clears",
    "feared": "fears",
    "treated": "treats",
    "repeated": "repeats",
    "defeated": "defeats",
    "avoided": "avoids",
    # what the rule already got right stays right
    "denied": "denies",
    "said": "says",
    "stated": "states",
    "noted": "notes",
    "declared": "declares",
    "ignored": "ignores",
    "assured": "assures",
    "continued": "continues",
    "agreed": "agrees",
    "received": "receives",
    "raised": "raises",
    "caused": "causes",
    "urged": "urges",
    "included": "includes",
    "decided": "decides",
    "determined": "determines",
    "declined": "declines",
    "rejected": "rejects",
    "claimed": "claims",
    "asked": "asks",
    "pressed": "presses",
    "pushed": "pushes",
    "promised": "promises",
    "offered": "offers",
    "considered": "considers",
    "opened": "opens",
    "seemed": "seems",
    "formed": "forms",
    "developed": "develops",
    "negotiated": "negotiates",
    "appreciated": "appreciates",
    "evaluated": "evaluates",
    "created": "creates",
    "guided": "guides",
    "quoted": "quotes",
    "inquired": "inquires",
    "added": "adds",
    "needed": "needs",
    "allowed": "allows",
    "stayed": "stays",
    "attacked": "attacks",
    "looked": "looks",
    "failed": "fails",
    "called": "calls",
    "visited": "visits",
    "started": "starts",
    "occurred": "occurs",
    "signed": "signs",
    "committed": "commits",
    "regretted": "regrets",
    "submitted": "submits",
    "planned": "plans",
    "stopped": "stops",
    "preferred": "prefers",
}


@pytest.mark.parametrize("past", sorted(PRESENT))
def test_a_past_verb_becomes_its_present(past):
    assert _present(past) == PRESENT[past]
