"""The Word non-paper as the host receives it: read back with python-docx and zipfile.

Expectations come from the founding cable as DOMAIN.md describes it (1A: five
high-priority items; 1B: Prosecution 3, Protection 4, Prevention 5) and from
the handing-over rule as written, never from today's output.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from demarche.cli import main
from demarche.errors import DemarcheError
from demarche.model import Instruction, Item, ItemKind, LeaveBehind, Plan, Priority, Record
from demarche.classification import parse_marking
from demarche.outputs.non_paper_docx import non_paper_docx
from demarche.store.formats import plan_to_toml, record_to_toml
from demarche.store.storage import load_plan

from ..conftest import FOUNDING_PLAN
from .founding import CUE, POST_NOTE, founding_record

SECTION_1A = "1A. Action Plan for the Short-Term"
SECTION_1B = "1B. Other areas the government should consider for action to boost its overall anti-trafficking efforts"
RUSSIAN = {
    "np-1": "Увеличить финансирование НКО, оказывающих помощь жертвам торговли людьми.",
    "np-2": "Увеличить число расследований, судебных преследований и приговоров.",
    "np-6": "Использовать законодательство о конфискации имущества, принятое в 2006 году.",
}
# What must never be anywhere in the package: markings, the instruction, internal words.
FORBIDDEN = re.compile(
    r"UNCLASSIFIED|SECRET|CONFIDENTIAL|\bSBU\b|\(U\)|\(SBU\)|\(C\)|NOFORN|\bREL TO\b|reftel|\bparas?\.?\s*\d|"
    r"97951|STATE \d|for post|python-docx|Macintosh|Talking points|"
    + re.escape(CUE)
    + "|"
    + re.escape(POST_NOTE),
    re.I,
)


def run(*argv: str) -> int:
    return main(list(argv))


def package_text(path: Path) -> dict[str, str]:
    """Every part of the .docx package, decoded."""
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n).decode("utf-8", "replace") for n in z.namelist()}


def body(path: Path) -> list[tuple[str, str]]:
    """(style, text) of every paragraph."""
    return [(p.style.name, p.text) for p in docx.Document(str(path)).paragraphs]


def outline(paragraphs: list[tuple[str, str]]) -> list[tuple[str, int]]:
    """Each heading with the number of list paragraphs under it."""
    out: list[tuple[str, int]] = []
    for style, text in paragraphs:
        if style.startswith("Heading"):
            out.append((text, 0))
        elif style == "List Bullet":
            out[-1] = (out[-1][0], out[-1][1] + 1)
    return out


@pytest.fixture
def record_file(tmp_path: Path) -> Path:
    """The October 2 record: cues and a note for post set on purpose."""
    p = tmp_path / "rec.toml"
    p.write_text(record_to_toml(founding_record()))
    return p


@pytest.fixture
def translated_plan(tmp_path: Path) -> Path:
    """The founding plan with the officer's Russian for three items."""
    plan = load_plan(FOUNDING_PLAN)
    plan.language = "ru"
    for item_id, text in RUSSIAN.items():
        plan.item(item_id).translation = text
    p = tmp_path / "plan-ru.toml"
    p.write_text(plan_to_toml(plan), encoding="utf-8")
    return p


def test_founding_non_paper_has_the_cable_outline_and_nothing_internal(
    record_file, tmp_path, capsys
):
    out = tmp_path / "np.docx"
    assert run("nonpaper", str(record_file), "--format", "docx", "-o", str(out)) == 0
    paragraphs = body(out)
    assert paragraphs[0] == ("Title", "Non-paper")
    assert outline(paragraphs) == [
        (SECTION_1A, 5),
        (SECTION_1B, 0),
        ("Prosecution", 3),
        ("Protection", 4),
        ("Prevention", 5),
    ]
    bullets = [t for s, t in paragraphs if s == "List Bullet"]
    assert (
        bullets[0]
        == "Increase funding to anti-trafficking NGOs that provide victim assistance and rehabilitative care."
    )
    assert not any("Obama" in t for _, t in paragraphs)  # talking points are spoken, not left
    for name, text in package_text(out).items():
        hit = FORBIDDEN.search(text)
        assert hit is None, f"{name}: {hit.group(0)!r}"
    assert "word/comments.xml" not in package_text(out)
    assert "docProps/thumbnail.jpeg" not in package_text(out)


def test_document_properties_say_only_non_paper(record_file, tmp_path):
    out = tmp_path / "np.docx"
    assert run("nonpaper", str(record_file), "--format", "docx", "-o", str(out)) == 0
    cp = docx.Document(str(out)).core_properties
    assert cp.title == "Non-paper"
    for field in (
        "author",
        "last_modified_by",
        "comments",
        "subject",
        "keywords",
        "category",
        "identifier",
        "version",
    ):
        assert getattr(cp, field) == "", field
    assert cp.created is None and cp.modified is None and cp.last_printed is None
    assert cp.revision == 0  # python-docx's reading of "no revision element"
    parts = package_text(out)
    app = parts["docProps/app.xml"]
    assert "<Company" not in app and "<Application" not in app and "<Manager" not in app
    assert "rsid" not in "".join(t for n, t in parts.items() if n.startswith("word/"))


def test_host_words_only_brackets_and_paragraph_references_removed(tmp_path):
    plan = load_plan(FOUNDING_PLAN)
    plan.item(
        "np-1"
    ).text = "Increase funding to NGOs (see para 9) [Post: mention the 2008 budget] for victims."
    p = tmp_path / "plan.toml"
    p.write_text(plan_to_toml(plan))
    out = tmp_path / "np.docx"
    assert run("nonpaper", str(p), "--format", "docx", "-o", str(out)) == 0
    bullets = [t for s, t in body(out) if s == "List Bullet"]
    assert bullets[0] == "Increase funding to NGOs for victims."


def test_translation_in_russian_for_three_items_others_named_and_left_in_english(
    translated_plan, tmp_path, capsys
):
    out = tmp_path / "np-ru.docx"
    assert (
        run("nonpaper", str(translated_plan), "--format", "docx", "--translation", "-o", str(out))
        == 0
    )
    bullets = [t for s, t in body(out) if s == "List Bullet"]
    assert bullets[0] == RUSSIAN["np-1"] and bullets[1] == RUSSIAN["np-2"]
    assert bullets[5] == RUSSIAN["np-6"]
    assert bullets[2].startswith("Create a central repository")  # np-3: no translation, English
    err = capsys.readouterr().err.strip().splitlines()
    assert (
        len(err) == 1 and str(translated_plan) in err[0] and "np-3" in err[0] and "np-17" in err[0]
    )
    assert "np-1," not in err[0] and "np-6," not in err[0] and "np-2," not in err[0]


def test_bilingual_puts_english_and_russian_side_by_side(translated_plan, tmp_path):
    out = tmp_path / "np-bi.docx"
    assert (
        run("nonpaper", str(translated_plan), "--format", "docx", "--bilingual", "-o", str(out))
        == 0
    )
    d = docx.Document(str(out))
    rows = [[c.text for c in r.cells] for t in d.tables for r in t.rows]
    headers = [r for r in rows if r[0] == "English"]
    assert len(headers) == len(d.tables) == 4  # 1A, Prosecution, Protection, Prevention
    assert all(h[1] == "ru" for h in headers)
    pairs = [r for r in rows if r[0] != "English"]
    assert len(pairs) == 17
    assert pairs[0] == [
        "Increase funding to anti-trafficking NGOs that provide victim assistance and rehabilitative care.",
        RUSSIAN["np-1"],
    ]
    assert pairs[2][0] == pairs[2][1]  # np-3 untranslated: English on both sides


@pytest.mark.parametrize(
    "change, named",
    [
        (lambda p: setattr(p.item("np-4"), "marking", parse_marking("C//NOFORN")), "np-4"),
        (lambda p: setattr(p.item("np-4"), "marking", parse_marking("S")), "np-4"),
        (lambda p: setattr(p.brief, "leave_behind", LeaveBehind.FORBIDDEN), "STATE 97951"),
    ],
)
def test_refusals_name_the_file_and_item_and_write_nothing(tmp_path, capsys, change, named):
    plan = load_plan(FOUNDING_PLAN)
    change(plan)
    p = tmp_path / "plan.toml"
    p.write_text(plan_to_toml(plan))
    out = tmp_path / "np.docx"
    assert run("nonpaper", str(p), "--format", "docx", "-o", str(out)) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(str(p)) and named in err[0]
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [p]  # no temporary file left either


def test_docx_needs_an_output_file_and_translation_needs_docx(tmp_path, capsys):
    assert run("nonpaper", str(FOUNDING_PLAN), "--format", "docx") == 2
    assert "-o FILE.docx" in capsys.readouterr().err
    assert run("nonpaper", str(FOUNDING_PLAN), "--translation") == 2
    assert "--format docx" in capsys.readouterr().err


def test_nonpaper_docx_refuses_to_overwrite(tmp_path, capsys):
    out = tmp_path / "np.docx"
    out.write_bytes(b"mine")
    assert run("nonpaper", str(FOUNDING_PLAN), "--format", "docx", "-o", str(out)) == 2
    assert out.read_bytes() == b"mine"


# -- property: nothing that may not be handed over ever reaches a docx ------------------

# Markings on which every version of the rule agrees: releasable or plainly not.
MARKINGS = [
    "U",
    "SBU",
    "C",
    "C//NOFORN",
    "C//REL TO USA, RUS",
    "S//REL TO USA, RUS",
    "S//NOFORN",
    "S",
]


def may_hand_over(item: Item, rule: LeaveBehind, host: str) -> bool:
    """The rule as DOMAIN.md states it, written out independently of the code."""
    if rule is LeaveBehind.FORBIDDEN:
        return False
    if item.leave_behind is not None:
        allowed = item.leave_behind
    else:
        allowed = item.kind is ItemKind.NON_PAPER or (
            item.kind is ItemKind.TALKING_POINT and rule is LeaveBehind.ALLOWED
        )
    m = item.marking
    if not allowed or m.noforn:
        return False
    if m.rel_to:
        return bool(host) and host in m.rel_to
    return m.level < 2


items_strategy = st.lists(
    st.tuples(
        st.sampled_from(list(ItemKind)),
        st.sampled_from(MARKINGS),
        st.sampled_from([None, True, False]),
        st.booleans(),
    ),
    min_size=1,
    max_size=8,
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rule=st.sampled_from(list(LeaveBehind)),
    specs=items_strategy,
    as_record=st.booleans(),
    host=st.sampled_from(["", "RUS", "CHN"]),
    omit=st.booleans(),
)
def test_no_item_that_may_not_be_handed_over_reaches_a_docx(rule, specs, as_record, host, omit):
    items = [
        Item(
            id=f"i{n}",
            kind=kind,
            text=f"Itemtoken{n} words for the host.",
            section=f"Section {n % 2}",
            marking=parse_marking(marking),
            leave_behind=leave,
            priority=Priority.HIGH if high else Priority.NORMAL,
            post_note=f"Postnotetoken{n}",
            translation=f"Перевод{n}",
        )
        for n, (kind, marking, leave, high) in enumerate(specs)
    ]
    plan = Plan(title="T", instruction=Instruction(id="STATE 1"), items=items, language="ru")
    plan.brief.leave_behind = rule
    doc: Plan | Record = plan
    if as_record:
        doc = Record.from_plan(plan)
        for n, e in enumerate(doc.entries):
            e.cue = f"Cuetoken{n}"
    allowed = {it.id for it in items if may_hand_over(it, rule, host)}
    for mode in ("english", "bilingual"):
        try:
            data, _ = non_paper_docx(doc, mode, host=host, omit_restricted=omit)
        except DemarcheError:
            continue
        import io

        with zipfile.ZipFile(io.BytesIO(data)) as z:
            text = "".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())
        present = {
            f"i{n}" for n in range(len(items)) if f"Itemtoken{n} " in text or f"Перевод{n}<" in text
        }
        assert present <= allowed
        assert present  # a written non-paper holds something
        assert "Postnotetoken" not in text and "Cuetoken" not in text


def test_classified_non_paper_released_to_the_host_is_marked_on_every_page(tmp_path):
    """Items released to China (S//REL TO CHINA) go over marked, as the text form is; the body stays clean."""
    plan = (
        FOUNDING_PLAN.parent / "alerting-china-to-possible-missile-related-export-to-iran-2010.toml"
    )
    out = tmp_path / "np.docx"
    assert run("nonpaper", str(plan), "--format", "docx", "--host", "China", "-o", str(out)) == 0
    d = docx.Document(str(out))
    section = d.sections[0]
    assert section.header.paragraphs[0].text == "SECRET//REL TO CHINA"
    assert section.footer.paragraphs[0].text == "SECRET//REL TO CHINA"
    assert d.paragraphs[0].text == "Non-paper"
    markings = re.compile(r"SECRET|REL TO|NOFORN|\(S\)|\(S//")
    assert not any(markings.search(p.text) for p in d.paragraphs)
