"""``demarche followup close|list|carry``: saved TOML, refusals that change nothing."""

from __future__ import annotations

import re
import tomllib

from demarche.store.storage import RecordLock
from demarche.store.workspace import lock_path

MFA = "records/2009-10-02-mfa.toml"


def _follow_ups(ws, name=MFA):
    return {f["id"]: f for f in tomllib.loads((ws.root / name).read_text())["follow_ups"]}


def test_close_saves_date_and_note(ftws, cli):
    r = cli(
        "followup",
        "close",
        "2009-10-02-mfa.toml",
        "f1",
        "--date",
        "2009-11-12",
        "--note",
        "statistics received by dipnote",
    )
    assert r.code == 0, r.err
    assert r.out.strip() == (
        f"{MFA}: closed f1 (Provide TIP law enforcement statistics for 2009) on 2009-11-12: statistics received by dipnote"
    )
    f1 = _follow_ups(ftws)["f1"]
    assert f1["status"] == "closed"
    assert str(f1["closed_at"]) == "2009-11-12"
    assert f1["close_note"] == "statistics received by dipnote"
    # the other follow-up and the rest of the record are untouched
    assert _follow_ups(ftws)["f2"]["close_note"] == "sent by fax"
    assert not lock_path(ftws.root / MFA).exists()  # lock released, and no lock file left behind
    # and status no longer lists it as overdue
    doc = cli("status", "--json", "--today", "2009-11-13").json()
    assert [f["what"] for f in doc["plans"][0]["follow_ups"]] == [
        "Share MVD statistics on labor trafficking cases"
    ]


def test_close_refusals_change_nothing(ftws, cli):
    path = ftws.root / MFA
    before = path.read_bytes()
    r = cli("followup", "close", MFA, "f9")
    assert (r.code, r.err.strip()) == (2, f'{MFA}: no follow-up "f9" (follow-ups: f1, f2)')
    r = cli("followup", "close", MFA, "f2")
    assert (r.code, r.err.strip()) == (2, f'{MFA}: follow-up "f2" is already closed on 2009-10-04')
    r = cli("followup", "close", "records/2009-10-03-broken.toml", "f1")
    assert (
        r.code == 2 and len(r.err.strip().splitlines()) == 1 and "stage: expected one of" in r.err
    )
    assert not lock_path(ftws.records_dir / "2009-10-03-broken.toml").exists()
    r = cli("followup", "close", "nope.toml", "f1")
    assert (r.code, r.err.strip()) == (2, "nope.toml: no such file")
    assert path.read_bytes() == before


def test_close_refuses_a_record_open_in_the_app(ftws, cli):
    path = ftws.root / MFA
    before = path.read_bytes()
    with RecordLock(path):
        r = cli("followup", "close", MFA, "f1")
    assert r.code == 2
    assert r.err.strip().startswith(f"{path}: already open in another demarche (pid ")
    assert len(r.err.strip().splitlines()) == 1
    assert path.read_bytes() == before


def test_list_open_and_all(ftws, cli):
    r = cli("followup", "list", "--today", "2009-11-10")
    assert r.code == 0
    assert "2009-10-02-mfa.toml" in r.out and "OVERDUE 9 days ago" in r.out
    assert "Send the law's draft text" in r.out
    assert "Send Russian translation" not in r.out  # closed
    assert "3 open, 1 overdue on 2009-11-10" in r.out
    assert "broken: " in r.err and "2009-10-03-broken.toml" in r.err
    r = cli("followup", "list", "--all", "--json", "--today", "2009-11-10", MFA)
    doc = r.json()
    assert [(f["id"], f["status"], f["overdue"]) for f in doc["follow_ups"]] == [
        ("f1", "open", True),
        ("f2", "closed", False),
    ]
    assert doc["follow_ups"][1]["close_note"] == "sent by fax"


def test_list_of_a_broken_record_exits_2_but_lists_the_others(ftws, cli):
    r = cli("followup", "list", MFA, "records/2009-10-03-broken.toml", "--today", "2009-11-10")
    assert r.code == 2
    assert "Provide TIP law enforcement statistics" in r.out
    assert "stage: expected one of" in r.err


def test_carry_lists_and_creates(ftws, cli):
    r = cli("followup", "carry", "russia-tip-tier2-2009.toml")
    assert r.code == 0
    # The founding plan is SBU: what it lists is marked so, first and last.
    lines = r.out.splitlines()
    assert lines[0].strip() == lines[-1].strip() == "SENSITIVE BUT UNCLASSIFIED"
    assert r.out.split("\n", 1)[1].startswith(
        "12 of 24 items not yet delivered:\n  np-4 "
    )  # np-4: made only in part
    r = cli("followup", "carry", "plans/russia-tip-tier2-2009.toml", "--to", "MVD")
    assert "22 of 24 items not yet delivered to MVD:" in r.out
    assert "np-1   HIGH Increase funding" in r.out
    r = cli("followup", "carry", "russia-tip-tier2-2009.toml", "--create", "--date", "2009-11-20")
    assert r.code == 0
    assert (
        "created records/2009-11-20-russia-tip-tier2-2009.toml with these items on the agenda"
        in r.out
    )
    doc = tomllib.loads((ftws.records_dir / "2009-11-20-russia-tip-tier2-2009.toml").read_text())
    assert [i["id"] for i in doc["items"] if i.get("included", True)] == ["np-4"] + [
        f"np-{n}" for n in range(7, 18)
    ]
    # the new meeting shows up in status as prepared
    st = cli("status", "--json", "--today", "2009-11-10").json()
    assert [m["stage"] for m in st["plans"][0]["meetings"]][-1] == "prepared"


def test_carry_to_a_surname_finds_the_full_name(ftws, cli):
    """The MFA meeting was with "Aleksey Ivanov": --to Ivanov counts it."""
    r = cli("followup", "carry", "russia-tip-tier2-2009.toml", "--to", "ivanov")
    assert r.code == 0
    assert "Counting meetings with Aleksey Ivanov (MFA)." in r.out
    assert (
        "14 of 24 items not yet delivered to ivanov:"
    )  # np-4, np-5, np-6 and the 11 never raised in r.out


def test_carry_to_an_ambiguous_surname_lists_the_candidates_and_creates_nothing(ftws, cli):
    mfa = ftws.records_dir / "2009-10-02-mfa.toml"
    other = ftws.records_dir / "2009-10-09-duma.toml"
    other.write_text(
        mfa.read_text().replace("Aleksey Ivanov", "Pavel Ivanov").replace('"MFA"', '"Duma"')
    )
    before = set(ftws.record_files())
    r = cli(
        "followup",
        "carry",
        "russia-tip-tier2-2009.toml",
        "--to",
        "Ivanov",
        "--create",
        "--date",
        "2009-11-20",
    )
    assert r.code == 2
    assert "Aleksey Ivanov (MFA)" in r.err and "Pavel Ivanov (Duma)" in r.err
    assert set(ftws.record_files()) == before


def test_carry_of_a_broken_plan(ftws, cli):
    r = cli("followup", "carry", "broken.toml")
    assert r.code == 2 and "plans/broken.toml: line 1, column 10: TOML syntax error" in r.err


def test_list_and_status_at_80_columns_show_what_is_owed_whatever_the_record_is_called(
    ftws, cli, monkeypatch
):
    """Records are named after the plan's title (some 70 characters); a pipe is 80 columns.

    The listing is for acting on: each open follow-up's id, due date and what
    is owed are all there, not squeezed out by the record's file name.
    """
    long = "records/2009-10-02-demarche-continued-concern-over-syrian-support-to-hizballah.toml"
    (ftws.root / MFA).rename(ftws.root / long)
    monkeypatch.setenv("COLUMNS", "80")
    owed = [f for f in _follow_ups(ftws, long).values() if f["status"] == "open"]
    assert owed
    for argv in (("followup", "list", long), ("status",)):
        r = cli(*argv, "--today", "2009-11-10")
        # Table cells wrap side by side: every word must be there, whole.
        shown = set(re.split(r"[\s\u2502\u2503]+", r.out))
        for f in owed:
            assert f["id"] in shown, (argv, f["id"])
            assert set(f["what"].split()) <= shown, (argv, f["what"])
            if "due" in f:
                assert f["due"].isoformat() in shown, (argv, f["due"])


def test_a_follow_up_long_overdue_reads_overdue_not_overdue_passed(ftws, cli):
    r = cli("followup", "list", "--today", "2012-01-01")
    assert r.code == 0
    assert "OVERDUE" in r.out and "passed" not in r.out
    r = cli("status", "--today", "2012-01-01")
    assert r.code == 0
    assert "OVERDUE" in r.out and "OVERDUE passed" not in " ".join(r.out.split())
