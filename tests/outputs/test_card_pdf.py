"""The printed meeting card, read back with pypdf: one page, marked, legible.

Expectations from the founding cable (DOMAIN.md: seven talking points, five
high-priority items in 1A, an SBU cable) and from the issue's rule (one page
or a refusal, at least 11 pt), never from today's output.
"""

from __future__ import annotations

from pathlib import Path

import pypdf
import pytest

from demarche.cli import main
from demarche.model import Instruction, Item, ItemKind, Person, Plan
from demarche.store.formats import plan_to_toml, record_to_toml
from demarche.store.storage import load_plan

from ..conftest import FOUNDING_PLAN
from .founding import CUE, founding_record

SBU_BANNER = "SENSITIVE BUT UNCLASSIFIED"


def run(ws, *argv: str) -> int:
    return main(["--workspace", str(ws.root), *argv])


def read(path: Path) -> tuple[int, list[str], float, tuple[float, float]]:
    """Page count, text lines, smallest font size used, and the page size in points."""
    reader = pypdf.PdfReader(str(path))
    sizes: list[float] = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            sizes.append(size * tm[0] if tm[0] else size)

    page = reader.pages[0]
    text = page.extract_text(visitor_text=visit)
    box = page.mediabox
    return (
        len(reader.pages),
        [ln for ln in text.splitlines() if ln.strip()],
        min(sizes),
        (float(box.width), float(box.height)),
    )


def first_words(text: str, n: int = 4) -> str:
    return " ".join(text.split()[:n])


def test_founding_plan_card_is_one_marked_page_with_every_point_in_order(workspace, tmp_path):
    out = tmp_path / "card.pdf"
    assert run(workspace, "card", str(FOUNDING_PLAN), "--format", "pdf", "-o", str(out)) == 0
    pages, lines, smallest, (w, h) = read(out)
    assert pages == 1
    assert lines[0] == SBU_BANNER and lines[-1] == SBU_BANNER
    assert smallest >= 11
    assert (round(w), round(h)) == (595, 842)  # A4 by default
    plan = load_plan(FOUNDING_PLAN)
    text = "\n".join(lines)
    positions = [text.find(first_words(i.text)) for i in plan.items]
    assert -1 not in positions and positions == sorted(positions)
    assert sum("HIGH" in ln.split()[:2] for ln in lines) == 5
    assert any(ln.startswith("Ask: ") for ln in lines)
    assert any(ln.startswith("Leave behind: non-paper of 17 items") for ln in lines)
    assert any("2009-11-15" in ln for ln in lines) and any("2010-02-01" in ln for ln in lines)


def test_record_card_has_the_interlocutor_time_and_cue_beneath_its_point(workspace, tmp_path):
    rec = founding_record()
    rec.meeting.interlocutors.append(Person("Алексей Иванов", "Директор", "МИД"))  # beyond Latin-1
    p = tmp_path / "rec.toml"
    p.write_text(record_to_toml(rec), encoding="utf-8")
    out = tmp_path / "card.pdf"
    assert run(workspace, "card", str(p), "--format", "pdf", "-o", str(out)) == 0
    pages, lines, _, _ = read(out)
    assert pages == 1
    text = "\n".join(lines)
    assert "Aleksey Petrov" in text and "the MFA" in text
    assert "With: Aleksey Ivanov, Direktor, MID" in text  # transliterated for the core font
    assert "Meeting: 2009-10-02 10:05" in text
    first = next(n for n, ln in enumerate(lines) if ln.startswith("1. "))
    assert lines[first + 1] == f"cue: {CUE}"


def forty_points(count: int = 40) -> Plan:
    items = [
        Item(
            id=f"p{n}",
            kind=ItemKind.TALKING_POINT if n < 20 else ItemKind.NON_PAPER,
            text=f"Point {n} asks the government to take a further measure against trafficking in persons this year.",
            section="Points",
        )
        for n in range(1, count + 1)
    ]
    return Plan(title="Forty points", instruction=Instruction(id="STATE 1"), items=items)


def test_a_forty_point_plan_still_fits_one_page(workspace, tmp_path):
    p = tmp_path / "forty.toml"
    p.write_text(plan_to_toml(forty_points()))
    out = tmp_path / "card.pdf"
    assert run(workspace, "card", str(p), "--format", "pdf", "-o", str(out)) == 0
    pages, lines, smallest, _ = read(out)
    assert pages == 1 and smallest >= 11
    assert lines[0] == "UNCLASSIFIED" and lines[-1] == "UNCLASSIFIED"
    assert sum(ln.startswith(f"{n}. Point {n} ") for n in range(1, 41) for ln in lines) == 40


def test_too_long_for_one_page_says_so_offers_options_and_writes_nothing(
    workspace, tmp_path, capsys
):
    plan = forty_points(90)
    p = tmp_path / "long.toml"
    p.write_text(plan_to_toml(plan))
    out = tmp_path / "card.pdf"
    assert run(workspace, "card", str(p), "--format", "pdf", "-o", str(out)) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "does not fit one a4 page" in err and "--font-size" in err
    assert not out.exists()
    size = err.split("--font-size ")[1].split()[0]
    assert (
        run(workspace, "card", str(p), "--format", "pdf", "--font-size", size, "-o", str(out)) == 0
    )
    assert read(out)[0] == 1


def test_brief_leaves_out_the_cues(workspace, tmp_path):
    p = tmp_path / "rec.toml"
    p.write_text(record_to_toml(founding_record()))
    out = tmp_path / "card.pdf"
    assert run(workspace, "card", str(p), "--format", "pdf", "--brief", "-o", str(out)) == 0
    assert not any(ln.startswith("cue:") for ln in read(out)[1])


def test_letter_paper_from_the_post_settings(workspace, tmp_path):
    (workspace.root / "demarche.toml").write_text('[post]\npaper = "letter"\n')
    out = tmp_path / "card.pdf"
    assert run(workspace, "card", str(FOUNDING_PLAN), "--format", "pdf", "-o", str(out)) == 0
    _, _, _, (w, h) = read(out)
    assert (round(w), round(h)) == (612, 792)


def test_bad_paper_setting_names_the_key(workspace, tmp_path, capsys):
    (workspace.root / "demarche.toml").write_text('[post]\npaper = "a5"\n')
    assert (
        run(workspace, "card", str(FOUNDING_PLAN), "--format", "pdf", "-o", str(tmp_path / "c.pdf"))
        == 2
    )
    assert "post.paper" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [["--format", "pdf"], ["--brief"], ["--font-size", "9"]])
def test_pdf_options_need_each_other(workspace, capsys, argv):
    assert run(workspace, "card", str(FOUNDING_PLAN), *argv) == 2
    assert capsys.readouterr().err.strip()
