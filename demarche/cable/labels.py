"""A short label for a point: the complete noun phrase a reporting cable names it by.

A reporting cable never quotes a talking point cut off mid-clause ("objected
to the point that Just weeks ago, we saw how"); it names it: "the missile
transfers", "the recommendation to increase funding to anti-trafficking
NGOs". `seed_label` finds such a phrase in the point's own words by general
rules of how points are written (what "we are concerned about", what a
recommendation tells the host to do, the subject of a plain statement). When
no rule gives a clean phrase it returns "" and the cable names the point by
its place ("the second reftel para 3 point"); the officer can always type one.

Plain Python: the importer seeds labels, Prepare edits them, the report uses them.
"""

from __future__ import annotations

import re

from .sentences import sentences
from .worded import WordedPattern

#: At most this many words in a label: a name, not a summary.
MAX_WORDS = 9

#: Words that end a noun phrase when met: the start of a clause or a finite verb.
_STOP = {
    "that",
    "which",
    "who",
    "whom",
    "whose",
    "because",
    "while",
    "although",
    "though",
    "but",
    "if",
    "when",
    "since",
    "so",
    "unless",
    "whereas",
    "where",
    "is",
    "are",
    "was",
    "were",
    "will",
    "would",
    "can",
    "could",
    "should",
    "may",
    "might",
    "must",
    "has",
    "have",
    "had",
    "does",
    "do",
    "did",
    "remains",
    "remain",
    "continues",
    "represents",
    "constitutes",
    "requires",
    "includes",
    "provides",
    "addresses",
    "outlines",
    "demonstrating",
    "particularly",
    "especially",
    "and/or",
    "--",
    "-",
}
#: Little words a phrase never ends on (the cable's shortened points use them too).
TRAILING_WORDS = {
    "of",
    "and",
    "or",
    "to",
    "the",
    "a",
    "an",
    "for",
    "in",
    "on",
    "with",
    "by",
    "all",
    "its",
    "their",
    "from",
    "as",
    "at",
    "about",
    "into",
    "over",
    "under",
    "between",
    "among",
    "against",
    "through",
    "within",
    "such",
    "any",
    "some",
    "more",
    "most",
    "very",
    "both",
    "either",
    "including",
    "than",
}
#: Where a phrase too long may be cut: before one of these, what comes before is whole.
_CUT_BEFORE = {
    "to",
    "for",
    "in",
    "of",
    "from",
    "with",
    "by",
    "on",
    "at",
    "about",
    "against",
    "through",
    "under",
    "into",
    "within",
    "among",
    "between",
    "including",
    "during",
    "after",
    "before",
    "without",
}
#: A label speaks of the point, never as the speaker: these make it unusable.
_PERSONAL = {
    "i",
    "we",
    "you",
    "your",
    "yours",
    "our",
    "ours",
    "my",
    "me",
    "us",
    "yourself",
    "it",
    "this",
    "these",
    "those",
    "they",
    "them",
    "he",
    "she",
    "there",
    "here",
}
#: Verbs a recommendation starts with (an imperative): "Increase funding..." -> "the recommendation to increase funding".
IMPERATIVES = {
    "increase",
    "create",
    "develop",
    "use",
    "provide",
    "ensure",
    "establish",
    "designate",
    "improve",
    "adopt",
    "continue",
    "train",
    "implement",
    "amend",
    "expand",
    "strengthen",
    "conduct",
    "support",
    "fund",
    "allocate",
    "investigate",
    "prosecute",
    "pass",
    "enact",
    "raise",
    "share",
    "take",
    "consider",
    "work",
    "make",
    "give",
    "set",
    "begin",
    "start",
    "stop",
    "end",
    "reduce",
    "protect",
    "prevent",
    "help",
    "assist",
    "encourage",
    "promote",
    "publish",
    "report",
    "collect",
    "refer",
    "identify",
    "offer",
    "grant",
    "allow",
    "remove",
    "finalize",
    "complete",
    "send",
    "include",
    "track",
    "draft",
    "ratify",
    "sign",
    "join",
    "accede",
    "release",
    "close",
    "halt",
    "cease",
    "refrain",
    "avoid",
    "respect",
    "cooperate",
    "coordinate",
    "engage",
    "urge",
    "press",
    "seek",
    "explore",
    "review",
    "revise",
}
#: Openers that only lead into the point: "First,", "Mr. Minister,", "Just weeks ago,".
_OPENER = re.compile(
    r"^(?:(?:first|second|third|next|finally|also|again|moreover|furthermore|however|in addition|additionally|"
    r"in this regard|in particular|similarly|likewise|at the same time|as you know|as you are aware|"
    r"(?:mr\.?|madam|madame|your)\s+[\w. ]{0,30}?|excellency|minister)\s*,\s*)+",
    re.I,
)
_SUBORDINATE = re.compile(
    r"^(?:while|although|though|if|as|since|because|given|when|whereas|just|last|in)\b[^,]{0,120},\s*",
    re.I,
)
_CONCERN = WordedPattern(
    r"\b(?:concerned|concerns?|worried|alarmed|troubled)\s+(?:about|over|by|at|regarding|with)\s+(?P<np>.+)",
    ("concern", "worried", "alarmed", "troubled"),
)
_CONCERN_THAT = WordedPattern(
    r"\b(?:concerned|concern|worried|alarmed)\s+that\s+[^,]{1,60}?\b(?:planning|seeking|trying to obtain|preparing|considering|pursuing|developing|building|acquiring)\s+(?P<np>.+)",
    ("concern", "worried", "alarmed"),
)
_OBJECT_VERBS = WordedPattern(
    r"\b(?:welcome|welcomes|appreciate|appreciated|applaud|commend|support|oppose|condemn|value|regret|"
    r"raise|note|noted|discuss)\s+(?P<np>(?:the|\w+'s)\s.+)",
    (
        "welcome",
        "appreciate",
        "applaud",
        "commend",
        "support",
        "oppose",
        "condemn",
        "value",
        "regret",
        "raise",
        "note",
        "discuss",
    ),
)
_INFORMATION = WordedPattern(
    r"\b(?:information|views|assessment)\s+(?:on|about|related to|regarding|concerning)\s+(?P<np>.+)",
    ("information", "views", "assessment"),
)
_FINITE = re.compile(
    r"\s(?:is|are|was|were|has|have|had|will|would|can|could|should|may|might|must|does|do|did|remains|continues|represents|constitutes|views|believes|requires)\s",
    re.I,
)


#: Words that already determine a noun: no "the" goes before them.
_DETERMINERS = {"the", "this", "these", "those", "its", "their", "each", "every", "all", "no"}
_BRACKETED = re.compile(r"\s*\[[^\]]*\]")
_FIRST_WORD = re.compile(r"[A-Za-z]+")


def seed_label(text: str) -> str:
    """A complete noun phrase naming the point `text`, from its own words; "" when none is clean."""
    clean = " ".join(text.split())
    if "[" in clean:
        clean = _BRACKETED.sub("", clean)
    sents = [_lead_in_removed(s) for s in sentences(clean, limit=3)]
    if not sents:
        return ""
    first = sents[0]
    word = _FIRST_WORD.match(first)
    if word and word.group(0).lower() in IMPERATIVES:
        vp = _phrase(first)
        if not vp or len(vp.split()) < 2 or any(w.lower() in _PERSONAL for w in vp.split()):
            return ""
        return f"the recommendation to {vp[0].lower() + vp[1:]}"
    for s in sents:
        low = s.lower()
        for pattern in (_CONCERN, _CONCERN_THAT, _INFORMATION, _OBJECT_VERBS):
            m = pattern.rx.search(s) if pattern.may_match(s, low) else None
            if m:
                np = _noun_phrase(m.group("np"))
                if np:
                    return np
    return _subject(first)


def _lead_in_removed(s: str) -> str:
    s = s.strip()
    if "," in s:  # both lead-ins end on a comma
        s = _SUBORDINATE.sub("", _OPENER.sub("", s))
    return s[:1].upper() + s[1:] if s else s


def _subject(s: str) -> str:
    """The subject of a plain statement: the words before its first finite verb."""
    m = _FINITE.search(f" {s} ")
    if not m:
        return ""
    head = f" {s} "[: m.start()].strip()
    if "," in head:
        return ""
    np = _noun_phrase(head)
    # An actor ("The Syrian regime") is not what the point is about; a topic has a complement.
    if np != head or not re.search(r"\b(?:of|in|on|for|to|over|with)\b|'s\b", np):
        return ""
    return np


def _words(text: str) -> list[str]:
    """Words up to the first clause boundary (punctuation or a clause word).

    None when that boundary is a comma inside a list of names ("France,
    Britain, Turkey"): the phrase would stop at its first name.
    """
    out: list[str] = []
    raws = text.split()
    for n, raw in enumerate(raws):
        if raw.lower().strip("\"'") in _STOP:
            break
        stripped = raw.rstrip(",;:.!?)\"'")
        ended = stripped != raw or raw.startswith("(")
        if raw.startswith("("):
            break
        if stripped:
            out.append(stripped)
        if ended:
            if raw.endswith(",") and stripped[:1].isupper() and _names_follow(raws[n + 1 : n + 3]):
                return []
            break
    return out


def _names_follow(after: list[str]) -> bool:
    """Whether the words after a comma go on with a list of names: ``Britain``, ``and Qatar``."""
    if after and after[0].lower() == "and":
        after = after[1:]
    return bool(after) and after[0][:1].isupper()


def _shortened(words: list[str]) -> list[str]:
    """Cut a phrase too long before a preposition, so what is left is whole; drop dangling little words."""
    if len(words) > MAX_WORDS:
        cuts = [i for i in range(2, MAX_WORDS + 1) if words[i].lower() in _CUT_BEFORE]
        words = words[: cuts[-1]] if cuts else []
    while words and (words[-1].lower() in TRAILING_WORDS or words[-1].lower().endswith("ly")):
        words = words[:-1]
    if words and re.search(r"'s?$", words[-1]):
        return []  # a possessive without what it owns ("Ukraine's") is cut off
    return words


def _phrase(text: str) -> str:
    return " ".join(_shortened(_words(text)))


def _noun_phrase(text: str) -> str:
    """A noun phrase from the start of `text`, with a definite article where it needs one; "" if unusable."""
    words = _shortened(_words(text))
    if not words or any(
        w.lower().strip("'s") in _PERSONAL or w.lower() in _PERSONAL for w in words
    ):
        return ""
    if words[0].lower() in {"a", "an", "such", "any", "some"}:
        words = ["the", *words[1:]]
    if len(words) < 3 and not words[0][:1].isupper():
        return ""
    if (
        words[0][:1].islower()
        and words[0].lower() not in _DETERMINERS
        and not words[0].endswith("'s")
    ):
        words = ["the", *words]
    return " ".join(words)
