"""search.py and ``demarche search``: where a text occurs across plans and records."""

from __future__ import annotations

import re
import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from demarche.store.formats import record_to_toml
from demarche.store.overview import scan
from demarche.lookup import search, snippet
from demarche.store.storage import load_record

MFA = "records/2009-10-02-mfa.toml"


def _where(hits):
    return [(h.shown, h.where, h.field) for h in hits]


def test_finds_responses_cues_notes_and_follow_ups_case_insensitively(ftws):
    ov = scan(ftws)
    assert _where(search(ov, "CENTRAL database")) == [(MFA, "np-3", "response")]
    assert _where(search(ov, "moscow shelter")) == [(MFA, "np-1", "cue")]
    assert _where(search(ov, "watch list timing")) == [(MFA, "notes", "notes")]
    assert _where(search(ov, "national strategy")) == [
        ("plans/russia-tip-tier2-2009.toml", "np-5", "text"),
        (MFA, "comment", "comment"),
    ]
    assert _where(search(ov, "by fax")) == [(MFA, "f2", "close_note")]
    assert _where(search(ov, "petrov")) == [("records/2009-10-20-mvd.toml", "np-6", "speaker")]
    assert search(ov, "   ") == []


def test_record_copies_of_plan_items_are_not_repeated_unless_changed(ftws):
    hits = search(scan(ftws), "central repository")
    assert _where(hits) == [("plans/russia-tip-tier2-2009.toml", "np-3", "text")]
    path = ftws.root / MFA
    r = load_record(path)
    r.entry("np-3").item.text = "Create a central repository, adapted for the MFA meeting."
    path.write_text(record_to_toml(r))
    assert _where(search(scan(ftws), "central repository")) == [
        ("plans/russia-tip-tier2-2009.toml", "np-3", "text"),
        (MFA, "np-3", "text"),
    ]


def test_hit_snippet_marks_the_match(ftws):
    (hit,) = search(scan(ftws), "federal law")
    assert hit.snippet == "A central database would need a new federal law."
    assert hit.snippet[hit.start : hit.end] == "federal law"
    assert hit.count == 1


def test_search_cli(ftws, cli):
    r = cli("search", "statistics")
    assert r.code == 0
    lines = r.out.splitlines()
    assert f"{MFA}  f1 what" in lines
    assert "    Provide TIP law enforcement statistics for 2009" in lines
    assert "plans/russia-tip-tier2-2009.toml  t4 task" in lines
    # Every hit comes from the founding plan or its records, all SBU: marked so, first and last.
    assert lines[0].strip() == lines[-1].strip() == "SENSITIVE BUT UNCLASSIFIED"
    assert lines[-2] == "6 matches in 4 files; 2 broken files not searched (see demarche status)"
    r = cli("search", "no", "such", "words")
    assert r.code == 1 and r.out.splitlines()[1].startswith('no match for "no such words"')
    assert r.out.splitlines()[0].strip() == "UNCLASSIFIED"  # nothing shown, nothing classified
    doc = cli("search", "--json", "Petrov").json()
    assert doc["classification"] == "SENSITIVE BUT UNCLASSIFIED" and doc["marking"] == "SBU"
    assert doc["hits"] == [
        {
            "file": "records/2009-10-20-mvd.toml",
            "kind": "record",
            "where": "np-6",
            "field": "speaker",
            "snippet": "Petrov",
            "count": 1,
        }
    ]


@settings(max_examples=200, deadline=None)
@given(
    st.text(min_size=0, max_size=300),
    st.text(alphabet="abcXYZ é", min_size=1, max_size=20),
    st.text(max_size=300),
)
def test_snippet_holds_the_match_on_one_line(before, needle, after):
    text = before + needle + after
    m = re.compile(re.escape(needle)).search(text)
    s, start, end = snippet(text, m)
    assert "\n" not in s
    assert s[start:end] == re.sub(r"\s+", " ", m.group(0))
    assert len(s) <= max(80, len(re.sub(r"\s+", " ", needle)) + 16)


def test_core_modules_never_import_textual():
    code = (
        "import sys\n"
        "import demarche.followthrough.coverage, demarche.lookup\n"
        "import demarche.commands.status, demarche.commands.followup, demarche.commands.search\n"
        "assert 'textual' not in sys.modules, 'textual imported'\n"
        "assert 'rich' not in sys.modules, 'rich imported at module level'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_reasons_for_skipping_deferring_or_part_delivery_are_found(ftws):
    from demarche.store.storage import save_record

    path = ftws.root / MFA
    record = load_record(path)
    record.entry("np-5").reason = "The deputy minister ran out of time; raise it at the MVD"
    save_record(record, path)
    assert _where(search(scan(ftws), "ran out of TIME")) == [(MFA, "np-5", "reason")]


def test_the_whole_conversation_is_found_exchanges_statements_and_other_business(ftws):
    """Version 2 records: every word of the meeting is searchable, wherever it was filed."""
    from demarche.model import Exchange
    from demarche.store.storage import save_record

    path = ftws.root / MFA
    record = load_record(path)
    record.entry("tp-4").exchanges.append(Exchange(speaker="Petrov", text="Rejoinder zqxrejoin"))
    record.statements.append(Exchange(speaker="Petrov", text="Unprompted zqxstate"))
    record.other_business.append(Exchange(speaker="Petrov", text="Visa zqxother"))
    save_record(record, path)
    for word, where in (
        ("zqxrejoin", "tp-4"),
        ("zqxstate", "statements"),
        ("zqxother", "other business"),
    ):
        hits = search(scan(ftws), word)
        assert [(h.where) for h in hits] == [where], (word, hits)
        # The cached digest says the same on the next run.
        assert [h.where for h in search(scan(ftws, use_cache=True), word)] == [where]
