"""Labels seeded by the importer: complete noun phrases from the point's own words, or nothing.

Hand-judged expectations on real points (what a reporting officer would call
them), and properties of the rule: never a clipped clause, never the
speaker's "we" or "you", never a word the point does not have.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from demarche.cable import read_cable_file
from demarche.cable.labels import MAX_WORDS, seed_label

from ..conftest import CABLES

ENDINGS = {
    "of",
    "and",
    "or",
    "to",
    "the",
    "a",
    "an",
    "for",
    "in",
    "on",
    "with",
    "by",
    "that",
    "which",
    "from",
    "as",
    "at",
}
PERSONAL = {"i", "we", "you", "your", "our", "my", "me", "us"}


def test_real_points_get_the_names_an_officer_would_use():
    plan = read_cable_file(CABLES / "instructions" / "10STATE17307.txt").plan
    labels = {i.id: i.label for i in plan.items}
    assert labels["tp-3"] == "Syria's provision of increasingly sophisticated weapons to Hizballah"
    assert labels["tp-1"] == "the risk of a regional military conflict"
    # "Just weeks ago, we saw how the war of words between yourself, ..." has no clean name: none is made up.
    assert labels["tp-2"] == ""
    founding = read_cable_file(CABLES / "instructions" / "09STATE97951.txt").plan
    by_start = {i.text.split()[0]: i.label for i in founding.items if i.kind.value == "non_paper"}
    assert by_start["Increase"].startswith("the recommendation to increase")


def _check(label: str, text: str) -> None:
    if not label:
        return
    words = label.split()
    own = [w for w in words if w.lower() not in {"the", "recommendation", "to"}]
    assert len(own) <= MAX_WORDS + 1
    assert words[-1].lower() not in ENDINGS, label
    assert not PERSONAL & {w.lower().strip(",.") for w in words}, label
    pool = text.lower().split()
    assert all(w.lower() in {p.strip(",.;:") for p in pool} for w in own), (label, text)
    # A possessive names nobody's what ("Ask for Ukraine's"); "the any ..." is no English.
    assert not re.search(r"'s?$", words[-1]), label
    assert not re.match(
        r"the (?:any|some|all|no|this|these|those|its|their|each|every)\b", label, re.I
    ), label
    # Cut in the middle of a list of names ("to urge France" of "Urge France, Britain, Turkey ...").
    last = re.escape(words[-1])
    assert not re.search(rf"\b{last}, (?:and )?[A-Z]", text), (label, text)


def test_every_label_of_the_corpus_is_a_whole_phrase():
    for cable in sorted((CABLES / "instructions").glob("*.txt")):
        for item in read_cable_file(cable).plan.items:
            _check(item.label, item.text)
            assert not re.search(r"[,;:]$", item.label)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            "we are concerned about the provision of weapons to Hizballah , . Increase funding for NGOs that you support Mr. Minister First".split()
        ),
        min_size=1,
        max_size=30,
    )
)
def test_labels_of_any_text_are_whole_phrases(words):
    text = " ".join(words)
    _check(seed_label(text), text)
