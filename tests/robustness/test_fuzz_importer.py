"""Fuzzing the importer on damaged real cables: only our own error, one line, naming the file.

tests/cable/test_properties.py feeds arbitrary text, lines of one cable
reshuffled, and cuts of that one cable. Here every corpus cable is damaged the
way scraped and forwarded copies are: spliced into another cable, cut off,
lines dropped or repeated, bytes garbled, re-encoded (Latin-1, UTF-16, CRLF,
tabs, NULs). The damaged bytes are written to a file and imported with
`read_cable_file`, as `demarche import` does: it must give a plan or raise
`DemarcheError` whose message is one line starting with the file's name. A
plan it gives must save and load back as a valid plan.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from demarche.cable import read_cable_file
from demarche.errors import DemarcheError
from demarche.store.formats import load_plan_text, plan_to_toml

from ..conftest import CABLES

CORPUS = {p.name: p.read_bytes() for p in sorted((CABLES / "instructions").glob("*.txt"))}
NAMES = sorted(CORPUS)
FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

cables = st.sampled_from(NAMES).map(CORPUS.__getitem__)


def import_bytes(folder: Path, data: bytes) -> None:
    path = folder / "damaged.txt"
    path.write_bytes(data)
    try:
        result = read_cable_file(path)
    except DemarcheError as exc:
        message = str(exc)
        assert message.startswith(str(path) + ": ") and "\n" not in message, message
        return
    plan = result.plan
    assert plan.instruction.id.strip()
    assert all(i.text.strip() for i in plan.items)
    assert [i.id for i in plan.items] == list(dict.fromkeys(i.id for i in plan.items))  # unique ids
    load_plan_text(plan_to_toml(plan).encode(), "p.toml")  # what import would save, loads back


@st.composite
def spliced(draw) -> bytes:
    """The head of one cable glued to the tail of another (or the same), cut anywhere."""
    a, b = draw(cables), draw(cables)
    return a[: draw(st.integers(0, len(a)))] + b[draw(st.integers(0, len(b))) :]


@st.composite
def line_damage(draw) -> bytes:
    """Lines dropped, repeated or swapped, as in a badly scraped copy."""
    lines = draw(cables).split(b"\n")
    for _ in range(draw(st.integers(1, 12))):
        k = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["drop", "repeat", "swap", "blank"]))
        if op == "drop" and len(lines) > 1:
            del lines[k]
        elif op == "repeat":
            lines.insert(k, lines[k])
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[k], lines[j] = lines[j], lines[k]
        else:
            lines[k] = b""
    return b"\n".join(lines)


@st.composite
def garbled(draw) -> bytes:
    """Some bytes replaced by arbitrary ones (invalid UTF-8 included)."""
    data = bytearray(draw(cables))
    for _ in range(draw(st.integers(1, 30))):
        data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    return bytes(data)


@st.composite
def re_encoded(draw) -> bytes:
    """The whole cable in another encoding or with other line ends and stray characters."""
    text = draw(cables).decode("utf-8", "replace")
    how = draw(
        st.sampled_from(
            ["latin-1", "utf-16", "utf-8-sig", "crlf", "cr", "tabs", "nul", "upper", "lower"]
        )
    )
    if how in ("latin-1", "utf-16", "utf-8-sig"):
        return text.encode(how, "replace")
    return {
        "crlf": text.replace("\n", "\r\n"),
        "cr": text.replace("\n", "\r"),
        "tabs": text.replace("  ", "\t"),
        "nul": text.replace("\n\n", "\n\x00\n"),
        "upper": text.upper(),
        "lower": text.lower(),
    }[how].encode("utf-8", "surrogatepass")


@FUZZ
@given(spliced())
def test_spliced_and_cut_cables(tmp_path, data):
    import_bytes(tmp_path, data)


@FUZZ
@given(line_damage())
def test_lines_dropped_repeated_swapped(tmp_path, data):
    import_bytes(tmp_path, data)


@FUZZ
@given(garbled())
def test_garbled_bytes(tmp_path, data):
    import_bytes(tmp_path, data)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(re_encoded())
def test_other_encodings_and_line_ends(tmp_path, data):
    import_bytes(tmp_path, data)
