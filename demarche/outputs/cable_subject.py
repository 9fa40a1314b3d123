"""The reporting cable's subject: the news with the country, drafted from the key exchange.

``SYRIA: V/FM MIQDAD FLATLY DENIES ANY SYRIAN ROLE IN SUPPLYING WEAPONS TO
HIZBALLAH, SAYS ...``: the instruction's slug or the host country, who (a
title abbreviation and the short name), and what they said in a headline's
present tense, cut at a clause. The officer's own subject (the record's
`subject`, ``--subject``) wins; the ``... DEMARCHE DELIVERED`` form is left
for a meeting where nothing was said worth a headline.
"""

from __future__ import annotations

import re

from ..classification import Marking, MarkingError, parse_marking
from ..model import Exchange, Item, Person, Quoting, Record, Side, Stance
from ..store.settings import PostConfig
from .reported_speech import is_past, names_speaker, without_lead_in
from .reporting_context import Context, host_country, known_names, news, speaker_of
from .telegram_text import lower_first, one_line, strip_period, to_ascii


_SUBJECT_PREFIXES = re.compile(
    r"^(?:\((?:[A-Z/ ]{1,20})\)\s*)?(?:(?:DEMARCHE|ACTION)\s+REQUEST\s*:\s*|DEMARCHE\s*:\s*|DEMARCHE\s+ON\s+)?",
    re.I,
)
_TITLE_ABBREVIATIONS = {
    "vice foreign minister": "V/FM",
    "deputy foreign minister": "DFM",
    "foreign minister": "FM",
    "minister of foreign affairs": "FM",
    "prime minister": "PM",
    "deputy prime minister": "DPM",
    "defense minister": "DEFMIN",
    "minister of defense": "DEFMIN",
    "interior minister": "INTMIN",
    "minister of interior": "INTMIN",
    "deputy minister": "DEPMIN",
    "director general": "DG",
    "deputy director general": "DDG",
    "under secretary": "U/S",
    "president": "PRESIDENT",
    "ambassador": "AMBASSADOR",
}
_HEADLINE_CUT = re.compile(
    r"[,;:(]|\s(?:because|which|while|although|but|as a|so that|since|after|before|when)\s", re.I
)
_HEADLINE_WORDS = 12
#: A second piece of news joins the subject only while the two fit in about two lines.
SUBJECT_BODY = 120


def _prefix(ctx: Context) -> tuple[str, str]:
    """(slug, country): the instruction's subject prefix (``AUSTRALIA GROUP``, ``RUSSIA``) and the host country."""
    country = host_country(ctx.records, ctx.config, getattr(ctx, "post", ""))
    ins = ctx.records[0].instruction
    s = _SUBJECT_PREFIXES.sub("", one_line(to_ascii(ins.subject or ctx.records[0].title)).upper())
    m = re.match(r"^([A-Z][A-Z .'/-]{1,30}):\s*(.+)$", s)
    return (m.group(1).strip() if m else ""), country


def default_subject(records: list[Record], config: PostConfig) -> str:
    """``<COUNTRY>: <TOPIC> DEMARCHE DELIVERED``: only when nothing was said worth a headline."""
    ins = records[0].instruction
    s = one_line(to_ascii(ins.subject or records[0].title)).upper()
    s = _SUBJECT_PREFIXES.sub("", s)
    s = re.sub(r"\s*\((?:\d{4}(?:-\d{2,4})?|CORRECTED[^)]*)\)\s*$", "", s).strip()
    m = re.match(r"^([A-Z][A-Z .'-]{1,30}):\s*(.+)$", s)
    country, topic = (
        (m.group(1).strip(), m.group(2).strip())
        if m
        else (host_country(records, config) or config.country.upper(), s)
    )
    topic = topic + (" DELIVERED" if "DEMARCHE" in topic else " DEMARCHE DELIVERED")
    return f"{country}: {topic}" if country else topic


def _headline_who(p: Person | None, called: str) -> str:
    if p is None:
        return called.upper()
    head = p.title.split(",")[0].strip().lower()
    abbr = _TITLE_ABBREVIATIONS.get(head, "")
    if not abbr and p.organisation.strip() and len(p.organisation.split()) == 1:
        abbr = f"{p.organisation.strip().upper()}'S"
    return f"{abbr} {called.upper()}".strip()


#: Past forms whose present keeps an "e" the "-ed" took away: no English verb
#: ends in c, g (after a vowel or r, n), s, v or z without one (announce, urge,
#: raise, move, seize), nor in u or e (continue, agree); and a single vowel
#: before one consonant, after a consonant, is long: welcome, invoke, decide,
#: state, declare, determine, rule ("treated", "explained", "appeared" and
#: "avoided" have two vowels, so no "e"). "qu" and "gu" count as a consonant
#: (require, guide); "-iate", "-uate" keep it (negotiate, evaluate).
_E_DROPPED = re.compile(
    r"(?:[cgsvz]|[ue]"
    r"|(?:(?<![aeiou])|(?<=[qg]u))(?:[aiou][dkmr]|[aou]t|in|[iuo]l)"
    r"|[iu]at)ed$"
)


def _present(verb: str) -> str:
    """A past verb as a headline's present: ``denied`` -> ``denies``, ``said`` -> ``says``."""
    v = verb.lower()
    irregular = {
        "said": "says",
        "told": "tells",
        "made": "makes",
        "took": "takes",
        "gave": "gives",
        "saw": "sees",
        "undertook": "undertakes",
        "sought": "seeks",
        "met": "meets",
        "had": "has",
        "was": "is",
        "were": "are",
        "would": "will",
        "could": "can",
        "held": "holds",
        "left": "leaves",
        "brought": "brings",
        "thought": "thinks",
        "knew": "knows",
        "kept": "keeps",
        "created": "creates",
    }
    if v in irregular:
        return irregular[v]
    if v.endswith("ied"):
        return v[:-3] + "ies"
    if v.endswith(("ssed", "shed", "ched", "xed", "zzed")):
        return v[:-2] + "es"
    if re.search(r"([bgmnprt])\1ed$", v):
        return v[:-3] + "s"  # a doubled consonant: committed, occurred, planned
    if v.endswith("ed") and _E_DROPPED.search(v):
        return v[:-1] + "s"
    return v[:-2] + "s"


def _headline(r: Record, x: Exchange, item: Item | None) -> tuple[str, bool] | None:
    """(headline words, whether they carry their own subject) for the exchange `x`, or None."""
    text = one_line(to_ascii(x.text))
    names = known_names(r)
    if text and x.quoting is Quoting.PARAPHRASE:
        words = without_lead_in(text).split()
        if names_speaker(text, names):
            k = next((i for i, w in enumerate(words[:5]) if is_past(w)), None)
            if k is not None:
                pre = [w for w in words[1:k] if w.lower().endswith("ly")]
                rest = " ".join(words[k + 1 :])
                rest = _HEADLINE_CUT.split(rest, maxsplit=1)[0].strip()
                phrase = " ".join([*pre, _present(words[k]), *rest.split()[:_HEADLINE_WORDS]])
                return strip_period(phrase).upper(), False
        m = re.match(r"^(?P<s>[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*){0,2})\s+would\s+(?P<v>.+)$", text)
        if m:
            rest = _HEADLINE_CUT.split(m.group("v"), maxsplit=1)[0]
            return strip_period(
                f"{m.group('s')} to {' '.join(rest.split()[:_HEADLINE_WORDS])}"
            ).upper(), True
    if (
        text
        and x.quoting is Quoting.PARAPHRASE
        and not (item is not None and x.stance is not None and item.label.strip())
    ):
        rest = _HEADLINE_CUT.split(lower_first(text), maxsplit=1)[0]
        return strip_period("SAYS " + " ".join(rest.split()[:_HEADLINE_WORDS])).upper(), False
    if item is not None and x.stance is not None and item.label.strip():
        verbs = {
            Stance.OBJECTED: "PUSHES BACK ON",
            Stance.RECEPTIVE: "RECEPTIVE ON",
            Stance.NONCOMMITTAL: "NONCOMMITTAL ON",
            Stance.ASKED_FOR_INFORMATION: "ASKS ABOUT",
            Stance.NO_RESPONSE: "SILENT ON",
        }
        label = re.sub(r"^the\s+", "", one_line(to_ascii(item.label)), flags=re.I)
        return f"{verbs[x.stance]} {label.upper()}", False
    return None


def drafted_subject(ctx: Context) -> str:
    """The news with the country, from the key exchanges (at most two of one speaker), else the
    strongest answer; the ``DEMARCHE DELIVERED`` form only when nothing was said."""
    slug, country = _prefix(ctx)
    said = [(r, x, i) for r, x, i in news(ctx) if x.side is Side.HOST]
    phrases: list[str] = []
    who = ""
    own = False
    first_speaker = None
    for r, x, item in said:
        h = _headline(r, x, item)
        if h is None:
            continue
        p, called = speaker_of(r, x)
        if first_speaker is None:
            first_speaker = (p, called)
            who, own = _headline_who(p, called), h[1]
            phrases.append(h[0])
        elif (
            (p, called) == first_speaker
            and not h[1]
            and not own
            and len(phrases) < 2
            and len(phrases[0]) + len(h[0]) <= SUBJECT_BODY
        ):
            phrases.append(h[0])
    if not phrases:
        return default_subject(ctx.records, ctx.config)
    body = ", ".join(phrases) if own else f"{who} {', '.join(phrases)}"
    lead = [t for t in (slug, country) if t]
    if len(lead) == 2 and (lead[0] == lead[1] or body.startswith(lead[1])):
        lead = lead[:1]
    if body.startswith(lead[-1] if lead else "\0"):
        lead = lead[:-1]
    return ": ".join([*lead, body])


def subject_line(ctx: Context, subject: str | None, cable: Marking) -> tuple[Marking, str]:
    """The subject and its marking: as the officer wrote it (``--subject``, the record's), else drafted;
    marked as written, else at the cable's level."""
    typed = (
        subject
        if subject and subject.strip()
        else next((r.subject for r in ctx.records if r.subject.strip()), "")
    )
    s = one_line(to_ascii(typed if typed.strip() else drafted_subject(ctx)))
    m = re.match(r"^\(([^)]{1,30})\)\s*(.*)$", s)
    if m:
        try:
            return parse_marking(m.group(1)), m.group(2).upper()
        except MarkingError:
            pass
    return cable, s.upper()
