"""recordcache.py: a warm cache gives the same answers, sees every change, never hides errors."""

from __future__ import annotations

import datetime as dt
import json
import os

from demarche.followthrough.coverage import WorkspaceStatus
from demarche.lookup import search
from demarche.store.digest import RecordDigest
from demarche.store.overview import scan
from demarche.store.storage import load_record

TODAY = "2009-11-10"


def test_warm_cache_gives_the_same_status(ftws, cli):
    cold = cli("status", "--json", "--today", TODAY, "--no-cache").out
    assert not ftws.record_cache_path().exists()  # --no-cache neither reads nor writes it
    first = cli("status", "--json", "--today", TODAY).out
    assert ftws.record_cache_path().exists()
    assert oct(ftws.record_cache_path().stat().st_mode & 0o777) == "0o600"
    warm = cli("status", "--json", "--today", TODAY).out
    assert cold == first == warm


def test_cache_sees_changes_and_keeps_reporting_broken_files(ftws, cli):
    cli("status", "--today", TODAY)
    assert cli("followup", "close", "2009-10-02-mfa.toml", "f1", "--date", "2009-11-09").code == 0
    doc = cli("status", "--json", "--today", TODAY).json()
    assert [f["overdue"] for f in doc["plans"][0]["follow_ups"]] == [False]
    # a record broken after it was cached is reported broken, not served from the cache
    mvd = ftws.records_dir / "2009-10-20-mvd.toml"
    mvd.write_text(mvd.read_text().replace('stage = "finished"', "stage = 7"))
    doc = cli("status", "--json", "--today", TODAY).json()
    assert [b["file"] for b in doc["broken"]] == [
        "plans/broken.toml",
        "records/2009-10-03-broken.toml",
        "records/2009-10-20-mvd.toml",
    ]
    assert (
        doc["broken"][2]["error"]
        == "stage: expected one of prepared, in_progress, finished, reported, found 7"
    )
    # a removed record disappears
    os.unlink(ftws.records_dir / "2009-11-05-prepared.toml")
    doc = cli("status", "--json", "--today", TODAY).json()
    assert [m["record"] for m in doc["plans"][0]["meetings"]] == ["records/2009-10-02-mfa.toml"]


def test_a_cache_we_did_not_write_is_ignored(ftws):
    path = ftws.record_cache_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not json")
    ov = scan(ftws, use_cache=True)
    assert len([r for r in ov.records if r.record]) == 4
    assert path.read_bytes() != b"not json"  # rebuilt
    path.chmod(0o666)  # readable and writable by others: ignored
    assert len([r for r in scan(ftws, use_cache=True).records if r.record]) == 4


def test_cache_stays_inside_the_workspace(ftws, cli):
    cli("status", "--today", TODAY)
    path = ftws.record_cache_path()
    assert path.resolve().is_relative_to(ftws.root.resolve())
    assert oct(path.parent.stat().st_mode & 0o777) == "0o700"


def test_a_cache_entry_that_does_not_read_back_is_read_from_the_file(ftws, cli):
    import json

    cli("status", "--today", TODAY)
    path = ftws.record_cache_path()
    doc = json.loads(path.read_text())
    name = "2009-10-02-mfa.toml"
    doc["files"][name][1]["stage"] = "exploded"
    path.write_text(json.dumps(doc))
    path.chmod(0o600)
    ov = scan(ftws, use_cache=True, full=False)
    [rf] = [r for r in ov.records if r.path.name == name]
    assert not rf.error and rf.digest is not None
    assert rf.digest.stage is load_record(rf.path).stage  # the file's own stage
    assert json.loads(path.read_text())["files"][name][1]["stage"] != "exploded"  # repaired


def test_a_digest_reads_back_as_it_was_taken(ftws):
    for rf in scan(ftws).records:
        if rf.record is None:
            continue
        digest = RecordDigest.of(rf.record)
        assert RecordDigest.from_json(json.loads(json.dumps(digest.to_json()))) == digest
        assert rf.digest == digest


def test_digests_from_the_cache_give_the_same_search_and_status(ftws):
    full = scan(ftws)
    scan(ftws, use_cache=True, full=False)  # fill the cache
    warm = scan(ftws, use_cache=True, full=False)
    assert all(r.record is None for r in warm.records)  # only digests were read
    kinds = set()
    for text in ("Ivanov", "trafficking", "victims", "ministry", "answer"):
        hits = search(full, text)
        kinds |= {h.kind for h in hits}
        assert search(warm, text) == hits
    assert kinds == {"plan", "record"}
    today = dt.date(2009, 11, 10)
    assert (
        WorkspaceStatus.build(warm, today).to_dict() == WorkspaceStatus.build(full, today).to_dict()
    )


def test_parallel_parsing_gives_the_same_overview(ftws, monkeypatch):
    """Worker processes parse uncached files: same records, same errors, same order as one process."""
    import demarche.store.record_cache as rc

    serial = scan(ftws)
    monkeypatch.setattr(rc, "PARALLEL_MIN_FILES", 2)
    parallel = scan(ftws, parallel=True)
    assert [(r.path, r.error) for r in parallel.records] == [
        (r.path, r.error) for r in serial.records
    ]
    assert [r.record for r in parallel.records] == [r.record for r in serial.records]
    assert [r.digest for r in parallel.records] == [r.digest for r in serial.records]
    assert any(r.error for r in parallel.records)  # the broken record is explained, not dropped


def test_parallel_reading_from_a_thread_gives_the_same_overview(ftws, monkeypatch):
    """The app reads in a thread: its worker processes give the same answers."""
    import threading

    import demarche.store.record_cache as rc

    serial = scan(ftws)
    monkeypatch.setattr(rc, "PARALLEL_MIN_FILES", 2)
    got = []
    reader = threading.Thread(target=lambda: got.append(scan(ftws, parallel=True)))
    reader.start()
    reader.join()
    [threaded] = got
    assert [(r.path, r.error, r.record, r.digest) for r in threaded.records] == [
        (r.path, r.error, r.record, r.digest) for r in serial.records
    ]


def test_a_journal_beside_a_record_is_seen_through_the_cache(ftws, cli, monkeypatch):
    """A big record's changes still in its journal count, and a new journal line is a change."""
    import demarche.session as session_module
    from demarche.model import Outcome
    from demarche.session import MeetingSession
    from demarche.store.journal import journal_path

    monkeypatch.setattr(session_module, "JOURNAL_MIN_ITEMS", 1)
    monkeypatch.setattr(session_module, "FOLD_QUIET", 3600.0)
    monkeypatch.setattr(session_module, "FOLD_MAX", 3600.0)
    path = ftws.records_dir / "2009-11-05-prepared.toml"

    def stage() -> str:
        doc = cli("status", "--json", "--today", TODAY).json()
        [m] = [m for m in doc["plans"][0]["meetings"] if m["record"].endswith(path.name)]
        return m["stage"]

    assert stage() == "prepared"  # and now cached
    s = MeetingSession.open(path)
    try:
        s.mark(s.record.entries[0].id, Outcome.DELIVERED)  # starts the meeting
        s.saver.flush()
        assert journal_path(path).exists() and "in_progress" not in path.read_text()
        assert stage() == "in_progress"
    finally:
        s.close()


def test_a_record_rewritten_to_the_same_size_and_time_is_read_again(ftws, cli):
    """The cache key is not size and modification time alone: a same-size edit with its time put back is seen."""
    name = "2009-11-05-prepared.toml"
    path = ftws.records_dir / name
    cli("status", "--today", TODAY)  # cached
    before = path.stat()
    text = path.read_text()
    assert 'stage = "prepared"' in text
    path.write_text(text.replace('stage = "prepared"', 'stage = "finished"'))  # same length
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size and path.stat().st_mtime_ns == before.st_mtime_ns
    [rf] = [r for r in scan(ftws, use_cache=True, full=False).records if r.path.name == name]
    assert rf.digest is not None and rf.digest.stage.value == "finished"


def test_a_broken_record_is_explained_the_same_cold_in_workers_and_warm(ftws, monkeypatch):
    """Cold (read in worker processes) and warm (the others from the cache): one line, file, place and what."""
    import demarche.store.record_cache as rc

    monkeypatch.setattr(rc, "PARALLEL_MIN_FILES", 2)
    bad = ftws.records_dir / "2009-10-20-mvd.toml"
    bad.write_text(bad.read_text().replace('stage = "finished"', 'stage = "lost at sea"'))
    expected = f'{bad}: stage: expected one of prepared, in_progress, finished, reported, found "lost at sea"'
    cold = scan(ftws, use_cache=True, parallel=True, full=False)
    warm = scan(ftws, use_cache=True, parallel=True, full=False)
    for ov in (cold, warm):
        [rf] = [r for r in ov.records if r.path == bad]
        assert rf.error == expected and rf.digest is None
        assert "\n" not in rf.error
    cached = json.loads(ftws.record_cache_path().read_text())["files"]
    assert bad.name not in cached  # never cached: read and explained again at every run
    assert "2009-10-02-mfa.toml" in cached


from hypothesis import HealthCheck, given, settings, strategies as st  # noqa: E402

from ..unit.test_formats import records  # noqa: E402


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(records(), min_size=1, max_size=3))
def test_cached_digests_equal_the_digests_of_the_records_read_cold(recs):
    """Whatever the records hold, the digest a worker sends, the one the cache gives back and the
    one taken from the record loaded on its own are equal (and broken files stay out of the cache)."""
    import tempfile
    from pathlib import Path

    import demarche.store.record_cache as rc
    from demarche.store.formats import record_to_toml
    from demarche.store.workspace import Workspace

    with tempfile.TemporaryDirectory() as tmp:
        ws = Workspace(Path(tmp))
        ws.records_dir.mkdir()
        for n, r in enumerate(recs):
            (ws.records_dir / f"2009-10-{n + 1:02d}-r.toml").write_text(record_to_toml(r))
        (ws.records_dir / "2009-11-01-broken.toml").write_text('schema = "demarche.record/2"\n')
        alone = [RecordDigest.of(load_record(p)) for p in ws.record_files()[:-1]]
        sent = rc._read_many(ws.record_files(), full=False)  # what a worker process sends
        assert [RecordDigest.from_json(s.digest_json) for s in sent[:-1]] == alone
        assert sent[-1].digest_json is None and "title: missing required key" in sent[-1].error
        cold = scan(ws, use_cache=True, full=False)
        warm = scan(ws, use_cache=True, full=False)
        assert [r.digest for r in cold.records][:-1] == alone
        assert [r.digest for r in warm.records][:-1] == alone
        assert [r.error for r in warm.records] == [r.error for r in cold.records]
        assert len(json.loads(ws.record_cache_path().read_text())["files"]) == len(recs)


def test_after_a_cold_read_in_workers_the_next_run_reads_nothing(ftws, monkeypatch):
    """Workers stamp what they read: every readable file is then a hit, only broken ones are read again."""
    import demarche.store.record_cache as rc

    monkeypatch.setattr(rc, "PARALLEL_MIN_FILES", 2)
    scan(ftws, use_cache=True, parallel=True, full=False)  # cold
    cached = json.loads(ftws.record_cache_path().read_text())["files"]
    for path in ftws.record_files():
        if path.name in cached:
            assert cached[path.name][0] == rc._stamp(path)
    read_again: list[str] = []
    real = rc._read_all

    def spy(paths, full, parallel):
        read_again.extend(p.name for p in paths)
        return real(paths, full, parallel)

    monkeypatch.setattr(rc, "_read_all", spy)
    scan(ftws, use_cache=True, parallel=True, full=False)
    assert read_again == ["2009-10-03-broken.toml"]
    os.utime(ftws.records_dir / "2009-10-02-mfa.toml")  # a new stamp: read again, and only it
    read_again.clear()
    scan(ftws, use_cache=True, parallel=True, full=False)
    assert read_again == ["2009-10-02-mfa.toml", "2009-10-03-broken.toml"]


def test_a_digest_from_a_worker_that_does_not_read_back_is_read_here(ftws, monkeypatch):
    """A worker of another version sends digests of another shape: the file is read again here, no traceback."""
    import demarche.store.record_cache as rc

    real = rc._read_all

    def other_version(paths, full, parallel):
        reads = real(paths, full, parallel)
        for r in reads:
            if r.digest_json is not None:
                r.digest_json = {**r.digest_json, "follow_ups": [["f1", "x"]]}
        return reads

    monkeypatch.setattr(rc, "_read_all", other_version)
    ov = scan(ftws, use_cache=True, full=False)
    serial = scan(ftws)
    assert [(r.path, r.error, r.digest) for r in ov.records] == [
        (r.path, r.error, r.digest) for r in serial.records
    ]
