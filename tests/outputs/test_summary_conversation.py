"""The post-meeting summary's conversation lines: who spoke, said once (the rule: a note that names its speaker is used as it is)."""

from __future__ import annotations

from demarche.model import Record, Response
from demarche.outputs.meeting_summary import post_meeting_summary
from demarche.store.storage import load_plan

from ..conftest import FOUNDING_PLAN


def _lines(*statements: Response) -> list[str]:
    rec = Record.from_plan(load_plan(FOUNDING_PLAN))
    rec.statements.extend(statements)
    return post_meeting_summary(rec).conversation


def test_a_statement_that_names_its_speaker_is_not_prefixed_with_the_name_again():
    (named,) = _lines(Response(text="Martin said France would study the report.", speaker="Martin"))
    assert "Martin: Martin" not in named
    assert named.endswith("Martin said France would study the report.")


def test_a_statement_in_the_speakers_own_words_says_who_spoke():
    (plain,) = _lines(Response(text="France will study the report.", speaker="Martin"))
    assert plain.endswith("Martin: France will study the report.")
