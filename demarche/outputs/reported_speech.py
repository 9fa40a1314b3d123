"""Reported speech: how a note of what was said becomes a sentence of the cable, and what to fix in it.

Officers write notes three ways, and the cable treats each as it is:

- already reported speech ("Miqdad expressed surprise...", "He said..."):
  used as it is, never framed again ("Miqdad said Miqdad said...");
- a predicate without its subject ("Expressed surprise the U.S. ..."): the
  speaker's name is put in front, nothing else changes;
- a bare fragment ("Russia had done more than the report said"): framed,
  "Petrov said Russia had done...", "Charge replied that...".

Verbatim notes are quoted and attributed. What was said is never rewritten:
`speech_problems` tells the officer, with the sentence, where a paraphrase
still reads as direct speech (first-person pronouns, present tense) or where
a fragment starts with a capital that makes it read as a quotation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .telegram_text import lower_first, one_line, sentence, to_ascii

#: Past forms that do not end in -ed, for telling a reported sentence from a fragment.
_IRREGULAR_PAST = {
    "said",
    "told",
    "made",
    "took",
    "gave",
    "saw",
    "thought",
    "met",
    "spoke",
    "went",
    "came",
    "got",
    "knew",
    "felt",
    "kept",
    "left",
    "held",
    "brought",
    "sought",
    "wrote",
    "drew",
    "became",
    "began",
    "put",
    "set",
    "let",
    "ran",
    "stood",
    "understood",
    "undertook",
    "led",
    "read",
    "heard",
    "meant",
    "paid",
    "sent",
    "spent",
    "won",
    "lost",
    "found",
    "did",
    "had",
    "was",
    "were",
    "could",
    "would",
    "might",
    "should",
    "laid",
    "showed",
    "shown",
    "chose",
    "forgot",
    "withdrew",
    "foresaw",
}
_PRONOUNS = {"he", "she", "they", "both", "each", "neither"}
#: Verbs that report speech: after a bare pronoun only these make a sentence reported ("He said",
#: never "he was working...", which may be anyone's words).
_SPEECH_VERBS = set(
    """said told added noted argued replied responded asked agreed explained stressed emphasized
    emphasised insisted claimed promised denied expressed believed thought felt commented reiterated
    affirmed acknowledged conceded warned urged pledged undertook declined refused rejected welcomed
    suggested complained countered rejoined observed confirmed recalled wondered stated""".split()
)
#: Verbs of utterance: after a capitalised subject nobody listed only these make a note reported
#: speech ("Lavrov said ..."); "Syria believed ..." is what the speaker said, and is framed.
_UTTERANCE_VERBS = set(
    """said told added replied responded asked answered stressed emphasized emphasised noted
    remarked commented stated explained argued insisted""".split()
)
#: A lead-in before the speaker: "On X, ...", "Raising the ceasefire, ...", "Referring to the speech, ...".
_LEAD_IN = re.compile(
    r"^(?:on|in|at|after|before|during|when|as|turning to|asked about|[a-z]+ing)\b[^,]{0,100},\s*",
    re.I,
)
#: First-person words; "US" in capitals is the country, never "us".
_FIRST_PERSON = re.compile(
    r"\b(?:I|[Mm]e|[Mm]y|[Mm]ine|[Mm]yself|[Ww]e|us|[Oo]ur|[Oo]urs|[Oo]urselves)\b"
)
_PRESENT = re.compile(
    r"\b(?<!to )(?<!not )(?<!n't )(?:is|are|am|isn't|aren't|has|hasn't|have|haven't|does|doesn't|do|don't|will|won't|can|can't|shall)\b",
    re.I,
)
#: After these a verb is an infinitive, not a present tense: "could not have sent", "would do".
_INFINITIVE_BEFORE = re.compile(
    r"\b(?:would|could|should|might|must|may|did|to|not|n't)\s+(?:not\s+)?$", re.I
)
_QUOTED = re.compile(r'"[^"]*"')


def is_past(word: str) -> bool:
    """Whether `word` reads as a past-tense verb (``denied``, ``said``, ``undertook``)."""
    w = word.lower().strip(",.;:")
    return w in _IRREGULAR_PAST or (len(w) > 3 and w.endswith("ed"))


def without_lead_in(text: str) -> str:
    """`text` without a lead-in phrase before its speaker (``Raising the ceasefire, Moratinos...``)."""
    return _LEAD_IN.sub("", text, count=1)


def names_speaker(text: str, names: list[str]) -> bool:
    """Whether `text` is already reported speech: it opens with a speaker (a name in `names`, a
    pronoun, ``The Minister``) and a past-tense verb, perhaps after a lead-in (``On X, ...``) or an
    adverb (``Miqdad flatly denied``)."""
    words = without_lead_in(one_line(to_ascii(text))).split()
    if not words:
        return False
    # Names are capitalised words ("Ministry of Internal Affairs" names no one by "of").
    known = {w.lower() for n in names for w in n.split() if len(w) > 1 and w[:1].isupper()}
    for i, w in enumerate(words[:6]):
        bare = w.strip(",.;:'\"").lower()
        is_name = w[:1].isupper() and (bare in known or bare.removesuffix("'s") in known)
        # A subject we cannot name counts only before a verb of speech: a pronoun
        # ("He denied"), or a capitalised word nobody listed before a verb of
        # utterance ("Lavrov said", "Officials noted").
        unnamed = i == 0 and (bare in _PRONOUNS or (w[:1].isupper() and not is_past(w)))
        if not (is_name or unnamed):
            continue
        for v in words[i + 1 : i + 4]:
            if is_past(v):
                verb = v.lower().strip(",.;:")
                if is_name:
                    return True
                if bare in _PRONOUNS:
                    return verb in _SPEECH_VERBS  # "He was working...": anyone's words
                if verb in _UTTERANCE_VERBS:
                    return True
                break  # "The Ambassador also made...": the name may come next
            if not (v.lower().endswith("ly") or v.lower() in _BETWEEN or v[:1].isupper()):
                break
    return False


#: Words that may stand between a speaker and the verb: "Miqdad flatly denied", "Nagai and Taniguchi said".
_BETWEEN = {"also", "then", "again", "later", "further", "and"}


def with_speaker(text: str, speaker: str) -> str:
    """``Martin: France will study it``: a note with who said it, in the lists that show both.

    A note that already names its speaker (``Martin said ...``) is shown as it is.
    """
    who = speaker.strip()
    return f"{who}: {text}" if who and not names_speaker(text, [who]) else text


def is_predicate(text: str) -> bool:
    """Whether `text` is a predicate without a subject: it opens with a capitalised past-tense verb
    (``Expressed surprise``, the officer's shorthand; ``increased efforts...`` is a fragment)."""
    words = one_line(text).split()
    return bool(words) and is_past(words[0]) and words[0][:1].isupper()


def attributed(
    text: str, name: str, names: list[str], verb: str = "said", quoting_verbatim: bool = False
) -> str:
    """The sentence of the cable for a note `text` spoken by `name`.

    Reported speech is used as it is; a predicate gets its speaker; a
    fragment is framed (``name verb fragment``); verbatim words are quoted.
    """
    t = one_line(to_ascii(text))
    if not t:
        return ""
    if quoting_verbatim:
        q = t.replace('"', "'")
        verb_word = verb.removesuffix(" that")
        return f'{name} {verb_word}, "{sentence(q)}"'
    if names_speaker(t, names):
        return sentence(t[:1].upper() + t[1:])
    if is_predicate(t):
        return sentence(f"{name} {t[:1].lower()}{t[1:]}")
    return sentence(f"{name} {verb} {lower_first(t)}")


@dataclass(frozen=True)
class SpeechProblem:
    """Something in a paraphrase the officer should fix before sending: where, what, the sentence."""

    where: str
    message: str
    sentence: str

    def __str__(self) -> str:
        return f'{self.where}: {self.message}: "{self.sentence}"'


def speech_problems(
    text: str, where: str, names: list[str], verbatim: bool = False, host: bool = True
) -> list[SpeechProblem]:
    """What reads as direct speech in the note `text`, one problem per sentence and kind.

    Only paraphrases are checked (verbatim words are the speaker's own), and
    only outside double quotes (a quotation inside a paraphrase is quoted).
    First-person words are flagged in what the host side said only: a cable
    speaks of our side as "we" ("our concern").
    """
    from ..cable.sentences import sentences

    if verbatim:
        return []
    out: list[SpeechProblem] = []
    for s in sentences(one_line(to_ascii(text))):
        bare = _QUOTED.sub('""', s)
        first = bare.split()[0] if bare.split() else ""
        person = [m.group(0) for m in _FIRST_PERSON.finditer(bare)] if host else []
        if person:
            out.append(
                SpeechProblem(
                    where,
                    f'first-person "{person[0]}" in a paraphrase (reported speech: he, they, his government)',
                    s,
                )
            )
        present = [
            m.group(0)
            for m in _PRESENT.finditer(bare)
            if not _INFINITIVE_BEFORE.search(bare[: m.start()])
        ]
        if present:
            out.append(
                SpeechProblem(
                    where,
                    f'present tense "{present[0]}" in a paraphrase (reported speech shifts it back: was, had, would)',
                    s,
                )
            )
        if (
            first[:1].isupper()
            and not names_speaker(s, names)
            and _capitalised_fragment(first, names)
        ):
            out.append(
                SpeechProblem(
                    where,
                    f'fragment starts with a capital ("{first}"): write it as a sentence or a lower-case fragment',
                    s,
                )
            )
    return out


def _capitalised_fragment(first: str, names: list[str]) -> bool:
    """A capitalised opening word that is not a name: a past-tense verb or a command (``Expressed``, ``Convey``)."""
    from ..cable.labels import IMPERATIVES

    w = first.strip(",.;:'\"")
    if w.lower() in {n.lower() for name in names for n in name.split()}:
        return False
    return (
        is_past(w)
        or w.lower() in IMPERATIVES
        or w.lower() in {"convey", "look", "follow", "agreed", "check"}
    )
