"""``demarche status``: terminal tables, Markdown and JSON on the follow-through workspace."""

from __future__ import annotations

TODAY = "2009-11-10"


def test_status_text(ftws, cli):
    r = cli("status", "--today", TODAY)
    assert r.code == 0, r.err
    out = r.out
    assert "Status on 2009-11-10" in out
    assert "Russia: TIP Tier 2 Watch List action plan (2009-2010)" in out
    assert "Meetings held: 2 of 3 records." in out
    # np-4 (high priority) was delivered only in part: not yet delivered.
    assert "high-priority 4/5" in out and "all covered" not in out
    assert "np-4 │ 2009-10-02 Aleksey Ivanov (MFA) ~" in out
    assert "np-5 │ 2009-10-20 Sergey Petrov (MVD)" in out
    assert "To carry forward (12): np-4, np-7, np-8" in out
    assert "OVERDUE 9 days ago" in out
    assert "in 21 days" in out
    assert "Not yet reported (1): records/2009-10-20-mvd.toml" in out
    # the second plan: its high-priority item is not covered
    assert "high-priority 0/1" in out
    assert "sy-2 │ not yet delivered" in out
    # broken files listed with their reason, the rest still shown
    assert "Broken files (not read)" in out
    assert "plans/broken.toml" in out and "TOML syntax error" in out
    assert "records/2009-10-03-broken.toml │ record │ stage: expected one of" in out


def test_status_json(ftws, cli):
    r = cli("status", "--json", "--today", TODAY)
    assert r.code == 0
    doc = r.json()
    assert doc["schema"] == "demarche.status/1" and doc["today"] == TODAY
    russia = doc["plans"][0]
    assert russia["file"] == "plans/russia-tip-tier2-2009.toml"
    assert [(m["date"], m["stage"], m["reported"]) for m in russia["meetings"]] == [
        ("2009-10-02", "reported", True),
        ("2009-10-20", "finished", False),
        (None, "prepared", False),
    ]
    assert russia["meetings"][0]["interlocutors"] == ["Aleksey Ivanov, Deputy Director, MFA"]
    assert russia["coverage"]["high"] == {"covered": 4, "total": 5}
    np4 = next(i for i in russia["coverage"]["by_item"] if i["id"] == "np-4")
    assert np4["delivered"] == [
        {"record": "records/2009-10-02-mfa.toml", "date": "2009-10-02", "outcome": "partial"}
    ]
    assert [(f["id"], f["due"], f["days_left"], f["overdue"]) for f in russia["follow_ups"]] == [
        ("f1", "2009-11-01", -9, True),
        ("f1", "2009-12-01", 21, False),
    ]
    assert russia["deadlines"][0] == {
        "what": "Report to G/TIP on Russia's progress on the recommendations",
        "date": "2009-11-15",
        "kind": "due",
        "days_left": 5,
        "passed": False,
    }
    assert russia["unreported"] == ["records/2009-10-20-mvd.toml"]
    assert russia["carry_forward"][0] == "np-4"  # made only in part
    assert [b["file"] for b in doc["broken"]] == [
        "plans/broken.toml",
        "records/2009-10-03-broken.toml",
    ]


def test_status_markdown(ftws, cli):
    r = cli("status", "--format", "markdown", "--today", TODAY)
    assert r.code == 0
    md = r.out
    # Plans and records of the founding plan (SBU) only: the whole is SBU, first and last.
    assert md.startswith("**SENSITIVE BUT UNCLASSIFIED**\n\n# Status on 2009-11-10\n")
    assert md.rstrip().endswith("\n**SENSITIVE BUT UNCLASSIFIED**")
    assert "## Russia: TIP Tier 2 Watch List action plan (2009-2010)" in md
    assert (
        "| f1 | host | 2009-11-01 | **OVERDUE** 9 days ago | Provide TIP law enforcement statistics for 2009 |"
        in md
    )
    assert "| np-4 | high | 2009-10-02 Aleksey Ivanov (MFA) ~ |" in md
    assert (
        "| 2009-11-15 | in 5 days | Report to G/TIP on Russia's progress on the recommendations |"
        in md
    )
    assert "## Broken files" in md and "| `plans/broken.toml` | plan |" in md


def test_status_of_an_empty_workspace(tmp_path, monkeypatch, cli):
    monkeypatch.setenv("DEMARCHE_HOME", str(tmp_path))
    r = cli("status", "--json", "--today", TODAY)
    assert r.code == 0 and r.json()["plans"] == [] and r.json()["broken"] == []
    assert "No plans or records" in cli("status").out


def test_status_bad_date_is_a_usage_error(ftws, cli):
    r = cli("status", "--today", "15/11/2009")
    assert r.code == 2
    assert "expected a date like 2009-11-15" in r.err
    assert "Traceback" not in r.err


def test_status_json_is_one_line_for_a_program_and_indented_for_a_person(ftws, cli):
    """Piped, --json is compact (the fast encoder); at a terminal, indented; the same document."""
    import json

    from demarche.display import json_text

    piped = cli("status", "--json", "--today", TODAY).out
    assert piped.count("\n") == 1 and piped.endswith("}\n")
    doc = json.loads(piped)
    person = json_text(doc, indent=True)
    assert person.startswith('{\n  "schema": "demarche.status/1",\n')
    assert json.loads(person) == doc
    # controls past C0 are escaped either way
    assert json_text({"t": "a\x9bb"}, indent=False) == '{"t": "a\\u009bb"}'
