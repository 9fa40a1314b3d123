"""Dataclass methods from the code cache (`dataclass_code`): the very code Python compiles, or none.

The expectation is Python's own: the methods `dataclasses` makes with the
cache in place must be, code object for code object, those it makes
without, for every dataclass of demarche, Textual and Rich; and a file that
is not this user's, not this Python's or damaged is never used.
"""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from pathlib import Path

import pytest

from demarche import dataclass_code
from demarche.dataclass_code import HEADER, CodeCache, dumps, loads
from demarche.store.user_cache import write_own

from ..conftest import FOUNDING_PLAN

#: Prints, for every dataclass loaded, the marshalled code of each method dataclasses made.
_LIST_METHODS = """
import hashlib, marshal, sys, dataclasses
import demarche.cli, demarche.commands.screens, demarche.session, demarche.cable, demarche.outputs
import demarche.tui.app, demarche.tui.screens.meeting_screen, demarche.tui.screens.home_screen
import textual.app, textual.widgets
seen = {}
for module in list(sys.modules.values()):
    for cls in list(vars(module).values()) if module else []:
        if isinstance(cls, type) and dataclasses.is_dataclass(cls):
            for name, fn in vars(cls).items():
                code = getattr(fn, "__code__", None)
                if code is not None and code.co_filename == "<string>":
                    key = f"{cls.__module__}.{cls.__qualname__}.{name}"
                    seen[key] = hashlib.sha256(marshal.dumps(code)).hexdigest()
for key in sorted(seen):
    print(key, seen[key])
"""


@pytest.fixture(autouse=True)
def _bytecode_written(monkeypatch: pytest.MonkeyPatch) -> None:
    """As most users run: bytecode may be written (``-B`` has its own test)."""
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    monkeypatch.delenv("PYTHONDONTWRITEBYTECODE", raising=False)


def _methods(env: dict[str, str], install: bool) -> dict[str, str]:
    code = _LIST_METHODS
    if not install:
        # demarche.cli installs the cache on import: stand in a module whose install does nothing.
        code = (
            "import sys, types\n"
            "m = types.ModuleType('demarche.dataclass_code')\n"
            "m.install = lambda *a, **k: None\n"
            "m.save = lambda: False\n"
            "sys.modules['demarche.dataclass_code'] = m\n"
            "import demarche; demarche.dataclass_code = m\n" + _LIST_METHODS
        )
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout
    return dict(line.split() for line in out.splitlines())


def test_every_method_from_the_cache_is_the_code_python_compiles(tmp_path: Path):
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path))
    plain = _methods(env, install=False)
    assert len(plain) > 150  # demarche's, Textual's and Rich's dataclasses
    assert any(k.startswith("demarche.model.Record.") for k in plain)
    assert any(k.startswith("textual.") for k in plain)
    first = _methods(env, install=True)  # compiles, and writes the file at exit
    assert dataclass_code.cache_path().name in os.listdir(tmp_path / "demarche")
    second = _methods(env, install=True)  # every method from the file
    assert first == plain
    assert second == plain


def test_a_second_run_compiles_nothing_and_prints_the_same(tmp_path: Path):
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path))
    run = [sys.executable, "-m", "demarche", "check", str(FOUNDING_PLAN)]
    first = subprocess.run(run, env=env, capture_output=True, text=True)
    path = tmp_path / "demarche" / dataclass_code.cache_path().name
    assert path.is_file()
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    written = path.stat().st_mtime_ns
    os.utime(path, ns=(written - 10**9, written - 10**9))
    second = subprocess.run(run, env=env, capture_output=True, text=True)
    assert (second.returncode, second.stdout, second.stderr) == (
        first.returncode,
        first.stdout,
        first.stderr,
    )
    assert first.returncode == 0
    assert path.stat().st_mtime_ns == written - 10**9, "nothing new compiled: not written again"


def _define() -> type:
    @dataclasses.dataclass(frozen=True, order=True)
    class Point:
        x: int
        y: int = 2
        tags: list[str] = dataclasses.field(default_factory=list, compare=False)

    return Point


def test_dataclasses_made_through_the_cache_behave_as_python_makes_them(tmp_path: Path):
    cache = CodeCache(tmp_path / "codes")
    saved = dataclasses.__dict__.get("exec")
    old = dataclass_code._cache
    try:
        dataclass_code._cache = cache
        vars(dataclasses)["exec"] = dataclass_code._exec
        Cached = _define()
        again = _define()  # the same sources: from the cache
        assert cache.codes and cache.changed
    finally:
        dataclass_code._cache = old
        if saved is None:
            vars(dataclasses).pop("exec", None)
        else:
            vars(dataclasses)["exec"] = saved
    vars(dataclasses).pop("exec", None)
    try:
        Plain = _define()
    finally:
        if saved is not None:
            vars(dataclasses)["exec"] = saved
    for cls in (Cached, again):
        p, q = cls(1), cls(1, 3, ["a"])
        r = Plain(1)
        assert (p.x, p.y, p.tags, q.y, q.tags) == (r.x, r.y, r.tags, 3, ["a"])
        assert p == cls(1, tags=["other"]) and p < q and hash(p) == hash(cls(1))
        assert repr(p).replace(cls.__qualname__, "") == repr(r).replace(Plain.__qualname__, "")
        with pytest.raises(dataclasses.FrozenInstanceError):
            p.x = 5  # type: ignore[misc]
        with pytest.raises(TypeError):
            cls()
        for name in ("__init__", "__eq__", "__lt__", "__hash__", "__setattr__", "__repr__"):
            ours, pythons = getattr(cls, name), getattr(Plain, name)
            assert ours.__code__.co_code == pythons.__code__.co_code, name
            assert ours.__annotations__.keys() == pythons.__annotations__.keys(), name


def test_a_file_not_of_this_python_or_damaged_is_never_used(tmp_path: Path):
    source = "def __create_fn__():\n def f():\n  return 1\n return f"
    good = dumps({source: compile(source, "<string>", "exec", dont_inherit=True)})
    assert list(loads(good)) == [source]
    other_python = good.replace(sys.version.encode(), b"3.99.0 (other)", 1)
    flipped = bytearray(good)
    flipped[-5] ^= 0xFF
    not_codes = dumps({source: "print('not code')"})  # type: ignore[dict-item]
    for data in (b"", good[: len(good) // 2], other_python, bytes(flipped), HEADER, not_codes):
        assert loads(data) == {}
    path = tmp_path / "cache" / "codes"
    assert write_own(path, good)
    assert list(CodeCache(path).codes) == [source]
    os.chmod(path, 0o666)
    assert CodeCache(path).codes == {}, "a file others can write is not read"
    os.chmod(path, 0o600)
    os.chmod(path.parent, 0o777)
    assert CodeCache(path).codes == {}, "nor one in a folder others can write"


def test_a_cache_that_cannot_be_written_costs_only_the_compile(tmp_path: Path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    cache = CodeCache(blocker / "codes")
    source = "def __create_fn__():\n def g():\n  return 2\n return g"
    ns: dict[str, object] = {}
    exec(cache.code(source), {}, ns)
    assert ns["__create_fn__"]()() == 2  # type: ignore[operator]
    assert not cache.save()


def test_installing_twice_keeps_one_cache_and_uninstall_restores_pythons_exec(tmp_path: Path):
    saved = dataclass_code._cache
    saved_exec = dataclasses.__dict__.get("exec")
    try:
        dataclass_code._cache = None
        a = dataclass_code.install(tmp_path / "codes")
        b = dataclass_code.install(tmp_path / "other")
        assert a is b and dataclasses.__dict__["exec"] is dataclass_code._exec
        dataclass_code.uninstall()
        assert "exec" not in dataclasses.__dict__ and not dataclass_code.save()
    finally:
        dataclass_code._cache = saved
        if saved_exec is not None:
            vars(dataclasses)["exec"] = saved_exec


def test_a_full_file_gives_way_to_what_a_run_uses(tmp_path: Path, monkeypatch):
    """Sources no longer made (an upgrade, an edited class) never keep a new one out of the file."""
    monkeypatch.setattr(dataclass_code, "LIMIT", 3)
    path = tmp_path / "cache" / "codes"

    def source(n: int) -> str:
        return f"def __create_fn__():\n def f():\n  return {n}\n return f"

    old = CodeCache(path)
    for n in range(3):
        old.code(source(n))
    assert old.save()
    for _ in range(2):  # two runs that make source 9 and source 1 only
        run = CodeCache(path)
        for n in (9, 1):
            ns: dict[str, object] = {}
            exec(run.code(source(n)), {}, ns)
            assert ns["__create_fn__"]()() == n  # type: ignore[operator]
        run.save()
    kept = CodeCache(path).codes
    assert list(kept)[:2] == [source(9), source(1)] and len(kept) == 3


def test_a_user_who_wants_no_bytecode_written_gets_none(tmp_path: Path, monkeypatch):
    """``-B`` or ``PYTHONDONTWRITEBYTECODE``: the cache is read, never written, as with __pycache__."""
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path), PYTHONDONTWRITEBYTECODE="1")
    done = subprocess.run(
        [sys.executable, "-m", "demarche", "check", str(FOUNDING_PLAN)],
        env=env,
        capture_output=True,
    )
    assert done.returncode == 0
    assert not (tmp_path / "demarche" / dataclass_code.cache_path().name).exists()
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    cache = CodeCache(tmp_path / "codes")
    cache.code("def __create_fn__():\n def h():\n  return 3\n return h")
    assert not cache.save() and not (tmp_path / "codes").exists()
