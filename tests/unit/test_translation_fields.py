"""The translation fields: `language` on plans and records, `translation` on items.

Checked on the saved TOML and the errors a user gets, with a hypothesis
round trip for the officer's text in any script.
"""

from __future__ import annotations

import textwrap

import pytest
from hypothesis import example, given, settings, strategies as st

from demarche.errors import FormatError
from demarche.model import Record
from demarche.store.formats import load_plan_text, load_record_text, plan_to_toml, record_to_toml

PLAN = textwrap.dedent(
    """\
    schema = "demarche.plan/1"
    title = "Test"
    language = "ru"

    [instruction]
    id = "STATE 1"
    classification = "U"

    [[items]]
    id = "np-1"
    kind = "non_paper"
    section = ""
    marking = "U"
    text = "Increase funding."
    translation = "Увеличить финансирование."
    """
)


def problems(text: str) -> list[str]:
    with pytest.raises(FormatError) as err:
        load_plan_text(text.encode(), "plans/x.toml")
    return [str(p) for p in err.value.problems]


def test_plan_reads_language_and_translation():
    plan = load_plan_text(PLAN.encode(), "x")
    assert plan.language == "ru"
    assert plan.items[0].translation == "Увеличить финансирование."


def test_record_copies_them_and_saves_them():
    plan = load_plan_text(PLAN.encode(), "x")
    rec = load_record_text(record_to_toml(Record.from_plan(plan)).encode(), "r")
    assert rec.language == "ru" and rec.entries[0].item.translation == "Увеличить финансирование."
    assert 'language = "ru"' in record_to_toml(rec)


def test_absent_fields_are_not_written():
    plan = load_plan_text(
        PLAN.replace('language = "ru"\n', "")
        .replace('translation = "Увеличить финансирование."\n', "")
        .encode()
    )
    text = plan_to_toml(plan)
    assert "language" not in text and "translation" not in text


@pytest.mark.parametrize("bad", ['"Russian"', '"r"', '"ru_RU"', '"ru RU"', '"""ru\nx"""'])
def test_bad_language_names_the_key(bad):
    [msg] = problems(PLAN.replace('language = "ru"', f"language = {bad}"))
    assert msg.startswith("plans/x.toml: language: expected a language code")


def test_wrong_type_of_translation_names_the_item():
    [msg] = problems(PLAN.replace('translation = "Увеличить финансирование."', "translation = 3"))
    assert msg == "plans/x.toml: items[0].translation: expected text, found a number (3)"


@settings(max_examples=60, deadline=None)
@given(
    translation=st.text(st.characters(blacklist_categories=["Cs"]), max_size=80),
    language=st.sampled_from(["", "ru", "pt-BR", "zh-Hant", "uk"]),
)
@example(translation="\r\n", language="")  # found by hypothesis: CR LF reads back as LF
@example(translation="a\rb", language="ru")
def test_round_trip(translation, language):
    plan = load_plan_text(PLAN.encode(), "x")
    plan.language = language
    plan.items[0].translation = translation
    again = load_plan_text(plan_to_toml(plan).encode(), "x")
    # docs/FORMAT.md: in a text that spans lines, a CR LF line break is written as LF.
    expected = translation.replace("\r\n", "\n") if "\n" in translation else translation
    assert again.language == language and again.items[0].translation == expected
