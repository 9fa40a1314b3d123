"""The header of a cable: routing, addressees, classification line, captions,
E.O., TAGS, SUBJECT, REF, Classified By; and the signature at the end.

The header ends where the first numbered paragraph starts (or, in a cable
without numbers, after the last header field). A repeated cable (``FOLLOWING
STATE 127892 ... IS BEING REPEATED ... QUOTE:``) carries a second
classification line: the fields of the inner cable are the ones read.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ..classification import Level, Marking, MarkingError, highest, parse_marking

_SPACED: Callable[[str], str] = lambda word: r"[ ]?".join(word)  # noqa: E731 - `S E C R E T` or `SECRET`
CLASSIFICATION_LINE = re.compile(
    r"^[ ]*(?P<level>UNCLAS(?:SIFIED)?|"
    + _SPACED("CONFIDENTIAL")
    + "|"
    + _SPACED("TOPSECRET").replace("P[ ]?S", r"P[ ]*S")
    + "|"
    + _SPACED("SECRET")
    + r")(?P<caveat>[ ]*//?[ ]*(?:SBU|FOUO|NOFORN|NF|SENSITIVE(?:[ ]+BUT[ ]+UNCLASSIFIED)?|FOR[ ]+OFFICIAL[ ]+USE[ ]+ONLY|REL[ ]+TO[ ]+[A-Z ,]{2,40}?))*"
    r"(?:[ ]+(?:E[ ]?F[ ]?T[ ]?O|SECTION[ ]+\d{1,3}[ ]+OF[ ]+\d{1,3}|FOR[ ]+OFFICIAL[ ]+USE[ ]+ONLY|SENSITIVE))*"
    r"[ ]+(?P<origin>[A-Za-z][A-Za-z .'-]{0,40}?)[ ]+(?P<serial>\d{1,9})[ ]*$",
    re.I,
)
_LEVEL_OF = {
    "UNCLAS": Level.U,
    "UNCLASSIFIED": Level.U,
    "CONFIDENTIAL": Level.C,
    "SECRET": Level.S,
    "TOPSECRET": Level.TS,
}
PARAGRAPH_START = re.compile(r"^[ ]{0,3}(?P<num>\d{1,3})\.(?=[ (]|$)")
_DTG = re.compile(r"\b(\d{2})(\d{4})Z[ ]+([A-Z]{3})[ ]+(\d{2,4})\b", re.I)
_DAY_LINE = re.compile(
    r"^[ ]*(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday),?[ ]+(\d{1,2})[ ]+([A-Za-z]+)[ ]+(\d{4})",
    re.I,
)
MONTHS = {
    m: i
    for i, m in enumerate(
        ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"], 1
    )
}
_ROUTING = re.compile(r"^[A-Z0-9]{3,8}/")
#: ``NIACT IMMEDIATE 2276-2279``, ``PRIORITY 3941``: precedence and serials after the addressee.
_PRECEDENCE = re.compile(
    r"(?:[ ]+(?:NIACT[ ]+)?(?:FLASH|IMMEDIATE|PRIORITY|ROUTINE))?(?:[ ]+\d{1,6}(?:-\d{1,6})?)?[ ]*$",
    re.I,
)
_FIELD = re.compile(
    r"^[ ]*(?P<key>E\.?[ ]?O\.?(?=[ ]*1\d{4})|TAGS?\b|SUBJ(?:ECT)?\b|REFS?\b|REFERENCES?\b|CLASSIFIED[ ]+BY\b)[ ]*:?[ ]*(?P<rest>.*)$",
    re.I,
)
#: ``A. STATE 1``, ``B) USNATO 464``, ``(C)STATE 72896``: the letters that list references.
_REF_LABEL = re.compile(r"(?:^|(?<=[ ,;]))(?:\([A-Ha-h]\)[ ]*|[A-Ha-h][.)][ ]+)")
_KNOWN_CAPTIONS = {
    "SIPDIS",
    "SENSITIVE",
    "NOFORN",
    "NODIS",
    "EXDIS",
    "LIMDIS",
    "STADIS",
    "CXNET",
    "ORCON",
    "PROPIN",
}


@dataclass
class Header:
    """What the header says; `body_start` is the index of the first body line."""

    cable_id: str = ""
    dtg: str = ""
    date: dt.date | None = None
    from_: str = ""
    to: list[str] = field(default_factory=list)
    info: list[str] = field(default_factory=list)
    classification: Marking = field(default_factory=Marking)
    captions: list[str] = field(default_factory=list)
    eo: str = ""
    tags: list[str] = field(default_factory=list)
    subject: str = ""
    subject_marking: Marking | None = None
    refs: list[str] = field(default_factory=list)
    classified_by: str = ""
    body_start: int = 0
    shouting: bool = False
    classified_line: bool = False
    """A classification line was found (else the level is inferred from the paragraphs)."""


def classification_match(line: str) -> re.Match[str] | None:
    """The classification line (``UNCLAS SECTION 01 OF 04 STATE 097951``), if `line` is one."""
    if len(line) > 90:
        return None
    return CLASSIFICATION_LINE.match(line)


def _level(m: re.Match[str]) -> Level:
    return _LEVEL_OF[re.sub(r"\s", "", m["level"]).upper()]


def _address(line: str) -> str:
    s = _ROUTING.sub("", line.strip())
    s = _PRECEDENCE.sub("", s).strip()
    return re.sub(r"[ ]{2,}", " ", s)


def _date_of_dtg(m: re.Match[str]) -> dt.date | None:
    day, mon, year = int(m[1]), MONTHS.get(m[3].upper()), int(m[4])
    if not mon:
        return None
    year = year + 2000 if year < 100 and year < 70 else (year + 1900 if year < 100 else year)
    try:
        return dt.date(year, mon, day)
    except ValueError:
        return None


_NEXT_REF = re.compile(r"^[ ]*(?:\([B-Hb-h]\)|[B-Hb-h][.)][ ])")


def _field_block(lines: list[str], i: int, first: str, refs: bool = False) -> tuple[str, int]:
    """A header field and its wrapped continuation lines; returns text and next index.

    Lettered references go on across a blank line (``A. MADRID 568`` / blank / ``B. ...``).
    """
    parts = [first.strip()]
    j = i + 1
    while j < len(lines):
        nxt = lines[j]
        if not nxt.strip() and refs:
            k = j + 1
            while k < len(lines) and not lines[k].strip() and k < j + 3:
                k += 1
            if k < len(lines) and _NEXT_REF.match(lines[k]):
                j = k
                continue
        if (
            not nxt.strip()
            or _FIELD.match(nxt)
            or PARAGRAPH_START.match(nxt)
            or classification_match(nxt)
        ):
            break
        parts.append(nxt.strip())
        j += 1
    return " ".join(p for p in parts if p), j


def _refs(text: str) -> list[str]:
    pieces = [p.strip(" ;,") for p in _REF_LABEL.split(text)]
    return [re.sub(r"[ ]{2,}", " ", p).upper() for p in pieces if p]


def _tags(text: str) -> list[str]:
    return [t.upper() for t in re.split(r"[\s,;]+", text) if t]


def _caption_line(line: str) -> list[str]:
    s = re.sub(r"[ ]{2,}", " ", line.strip()).upper()
    if not s or len(s) > 70 or s.endswith("."):
        return []
    if "/" in s:
        try:
            m = parse_marking(s)
            # ``SECRET/NOFORN``: the level is on the classification line already.
            return ["NOFORN"] if m.noforn else []
        except MarkingError:
            pass
    parts = [p.strip() for p in re.split(r",|\bAND\b", s) if p.strip()]
    if len(parts) > 1 and parts[0] in _KNOWN_CAPTIONS:
        return [parts[0], ", ".join(parts[1:])]
    return [s]


def read_header(lines: list[str]) -> Header:
    """Read the header fields from the cleaned lines of a cable."""
    h = Header()
    levels: list[Level] = []
    n = len(lines)
    i = 0
    captions: list[str] = []
    in_captions = False
    addressees: list[str] | None = None
    body_start = None
    sbu_line = noforn_line = False
    while i < n:
        line = lines[i]
        s = line.strip()
        if PARAGRAPH_START.match(line) and (h.subject or h.cable_id):
            body_start = i
            break
        if not s:
            addressees = None
            i += 1
            continue
        cm = classification_match(line)
        if cm:
            levels.append(_level(cm))
            h.classified_line = True
            if cm["caveat"] and re.search(r"SBU|FOUO|SENSITIVE|OFFICIAL", cm["caveat"], re.I):
                sbu_line = True
            if cm["caveat"] and re.search(r"NOFORN|NF\b", cm["caveat"], re.I):
                noforn_line = True
            h.cable_id = f"{cm['origin'].strip().upper()} {int(cm['serial'])}"
            captions, in_captions, addressees = [], True, None
            i += 1
            continue
        fm = _FIELD.match(line)
        if fm:
            in_captions = False
            addressees = None
            key = fm["key"].upper().replace(" ", "")
            text, j = _field_block(lines, i, fm["rest"], refs=key.startswith("REF"))
            if key.startswith("E"):
                h.eo = re.sub(r"[ ]{2,}", " ", s)
                j = i + 1
            elif key.startswith("TAG"):
                h.tags = _tags(text)
            elif key.startswith("SUBJ"):
                h.subject = text
            elif key.startswith("REF"):
                glued = re.search(r"\bclassified[ ]+by\b[ ]*:?", text, re.I)
                if glued:
                    h.classified_by = text[glued.end() :].strip()
                    text = text[: glued.start()]
                h.refs = _refs(text)
            else:
                h.classified_by = re.sub(
                    r"^(?:\([A-Za-z/ ]{1,12}\)[ ]*)?(?:classified[ ]+by[ ]*:?[ ]*)+",
                    "",
                    text,
                    flags=re.I,
                )
                h.classified_by = re.sub(r"^\([A-Za-z/ ]{1,12}\)[ ]*", "", h.classified_by).strip()
                h.classified_by = re.sub(
                    r"^classified[ ]+by[ ]*:?[ ]*", "", h.classified_by, flags=re.I
                ).strip()
            i = j
            if h.subject and key.startswith("CLASSIFIED"):
                body_start = i
            continue
        up = s.upper()
        if not h.dtg:
            m = _DTG.search(up)
            if m and len(s) < 40:
                h.dtg = f"{m[1]}{m[2]}Z {m[3].upper()} {m[4]}"
                h.date = _date_of_dtg(m)
        if up.startswith("FM "):
            h.from_ = _address(s[3:])
            addressees = None
        elif up.startswith("TO "):
            addressees = h.to
            addressees.append(_address(s[3:]))
        elif up.startswith("INFO "):
            addressees = h.info
            addressees.append(_address(s[5:]))
        elif addressees is not None and len(s) < 80 and not in_captions:
            addressees.append(_address(s))
        elif in_captions and not h.subject:
            captions.extend(c for c in _caption_line(s) if c not in captions)
        elif h.date is None and (dm := _DAY_LINE.match(s)):
            mon = MONTHS.get(dm[2][:3].upper())
            if mon:
                try:
                    h.date = dt.date(int(dm[3]), mon, int(dm[1]))
                except ValueError:
                    pass
        i += 1
    h.body_start = body_start if body_start is not None else _after_fields(lines, h)
    h.captions = captions
    # A doubled header (database copies) lists the addressees twice.
    h.to = list(dict.fromkeys(a for a in h.to if a))
    h.info = list(dict.fromkeys(a for a in h.info if a))
    h.classification = _classification(
        levels, captions + (["SENSITIVE"] if sbu_line else []) + (["NOFORN"] if noforn_line else [])
    )
    if h.subject:
        h.subject, h.subject_marking, glued_refs = _subject(h.subject)
        if glued_refs and not h.refs:
            h.refs = _refs(glued_refs)
        if h.subject == h.subject.lower():
            h.subject = h.subject.upper()
    return h


_SUBJECT_MARKING = re.compile(r"^\((?P<m>[A-Za-z][A-Za-z/ ,]{0,40})\)[ ]*")
_GLUED_REF = re.compile(r"[ ]+REFS?(?:ERENCES?)?[ ]*:[ ]*(?P<refs>.+)$", re.I)


def _subject(text: str) -> tuple[str, Marking | None, str]:
    """The subject's text, its own marking (``(S) ...``), and any REF line glued to its end."""
    s = re.sub(r"[ ]{2,}", " ", text).strip()
    marking = None
    m = _SUBJECT_MARKING.match(s)
    if m:
        try:
            marking = parse_marking(m["m"])
            s = s[m.end() :]
        except MarkingError:
            pass
    glued = ""
    g = _GLUED_REF.search(s)
    if g:
        glued = g["refs"]
        s = s[: g.start()]
    return s.strip(), marking, glued


def _after_fields(lines: list[str], h: Header) -> int:
    """In a cable without numbered paragraphs the body starts after the last header field."""
    last = 0
    for i, line in enumerate(lines[:200]):
        if _FIELD.match(line) or classification_match(line):
            last = i
    j = last + 1
    while j < len(lines) and lines[j].strip() and not PARAGRAPH_START.match(lines[j]):
        if _FIELD.match(lines[j - 1]) or not lines[j - 1].strip():
            break
        j += 1
    return min(j, len(lines))


def _classification(levels: list[Level], captions: list[str]) -> Marking:
    level = max(levels) if levels else Level.U
    if level == Level.U and "SENSITIVE" in captions:
        level = Level.SBU
    return highest([Marking(level, noforn="NOFORN" in captions)])


_SIGNATURE_LINE = re.compile(r"^[A-Za-z][A-Za-z'.-]{1,24}(?:[ ]+[A-Za-z][A-Za-z'.-]{0,24}){0,2}$")
_TRAILING_SIGNATURE = re.compile(r"(?<=[.)\"'!?:])[ ]+([A-Z][A-Z'-]{2,24})[ ]*$")
#: ``=====CABLE ENDS=====``, ``END OF DOCUMENT``: lines an archive adds after the signature.
_TRAILER = re.compile(
    r"^[ =*#-]*(?:CABLE[ ]+ENDS|END[ ]+OF[ ]+(?:DOCUMENT|CABLE|TEXT))?[ =*#-]*$", re.I
)
#: ``RICE 0 02/23/2008 4549 EAIR,ETRD,...``: the signature followed by an archive's record data.
_DATABASE_TRAILER = re.compile(
    r"(?:^|(?<=[.)\"'!?:])[ ]+)(?P<name>[A-Z][A-Za-z'-]{2,24})[ ]+\d{1,3}[ ]+\d{1,2}/\d{1,2}/\d{2,4}\b.*$"
)
_NOT_SIGNATURES = {"UNQUOTE", "QUOTE", "END", "NNNN", "BT", "SIPDIS"}


def split_signature(lines: list[str]) -> tuple[str, list[str]]:
    """The signing principal's surname and the lines without it.

    The signature is the last line when it is a name of up to three words
    (``CLINTON``, ``Timken jr``), or an upper-case name closing the last
    sentence (``End points. RICE``). ``CLINTON UNQUOTE CLINTON`` signs a
    repeated cable: the name is read once.
    """
    out = list(lines)
    while out and (
        not out[-1].strip() or out[-1].strip().upper() in {"NNNN", "BT"} or _TRAILER.match(out[-1])
    ):
        out.pop()
    if not out:
        return "", out
    last = out[-1].strip()
    words = [w for w in last.split() if w.upper() not in _NOT_SIGNATURES]
    if last.split()[0].upper() in {"END", "BEGIN"}:
        words = []
    if (
        _SIGNATURE_LINE.match(last)
        and words
        and not last.endswith(".")
        and "UNQUOTE" in last.upper().split()
    ):
        out[-1] = "UNQUOTE"
        return words[-1].upper(), out
    if _SIGNATURE_LINE.match(last) and words and not last.endswith("."):
        out.pop()
        name = " ".join(dict.fromkeys(w.upper() for w in words))
        while out and (not out[-1].strip() or out[-1].strip().upper() == name):
            out.pop()  # ``RICE`` / ``RICE``: the same signature twice
        return name, out
    db = _DATABASE_TRAILER.search(last)
    if db and (db.start() == 0 or db["name"].isupper()):
        out[-1] = last[: db.start()].rstrip()
        return db["name"].upper(), out
    m = _TRAILING_SIGNATURE.search(last)
    if m and m[1].upper() not in _NOT_SIGNATURES:
        out[-1] = out[-1][: m.start()].rstrip()
        return m[1].upper(), out
    return "", out
