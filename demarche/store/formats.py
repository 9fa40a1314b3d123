"""TOML <-> model for plans and records, with validation that names key paths.

Files are read with `tomli` (the compiled build of what became the standard
library's `tomllib`, three times faster on big records; `tomllib` where no
compiled wheel exists) and written with `toml_text` (the text `tomli_w`
writes, faster on big plans and records). Every file carries a
``schema`` key (`PLAN_SCHEMA`, `RECORD_SCHEMA`). Reading collects every
problem it finds (syntax, unknown schema, wrong types, missing and unknown
keys, duplicate ids) and raises one `FormatError` listing them, each as
``file: key.path[0].name: what is wrong``. Key paths index arrays from 0.

The TOML layout is documented in docs/FORMAT.md; keep the two in step.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from enum import StrEnum
from typing import Any, TypeVar

try:
    import rtoml as fast_reader
except ImportError:  # a platform without its wheel: tomli reads everything, slower
    fast_reader = None  # type: ignore[assignment]

from ..classification import Marking, MarkingError, parse_marking
from ..errors import FormatError, Problem
from ..model import (
    Brief,
    Deadline,
    Entry,
    FollowUp,
    FollowUpStatus,
    Instruction,
    Item,
    ItemKind,
    LeaveBehind,
    Meeting,
    Outcome,
    Owner,
    Person,
    Plan,
    PlanSource,
    Priority,
    Quoting,
    Record,
    Reference,
    Response,
    Side,
    Stage,
    Stance,
    Task,
)
from . import plain_items

PLAN_SCHEMA = "demarche.plan/1"
RECORD_SCHEMA = "demarche.record/2"
RECORD_SCHEMA_V1 = "demarche.record/1"
#: Every record schema this version reads; version 1 is upgraded in memory (`record_from_dict`).
RECORD_SCHEMAS = (RECORD_SCHEMA_V1, RECORD_SCHEMA)

E = TypeVar("E", bound=StrEnum)
_MISSING = object()


# ---------------------------------------------------------------------------
# Reading TOML text
# ---------------------------------------------------------------------------

_LINE_COL = re.compile(r"^(?P<msg>.*?)\s*\(at line (?P<line>\d+), column (?P<col>\d+)\)$")


def parse_toml(data: bytes, file: str) -> dict[str, Any]:
    """Bytes of a TOML file to a dict, or a `FormatError` with line and column.

    A UTF-8 byte-order mark (as some Windows editors write) is accepted.
    """
    data = data.removeprefix(b"\xef\xbb\xbf")
    if not data.strip():
        raise FormatError("the file is empty", file=file)
    if b"\x00" in data:
        raise FormatError("binary data, not a TOML text file", file=file)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise FormatError(f"not UTF-8 text (byte {exc.start} on line {line})", file=file) from None
    if fast_reader is not None:
        try:
            return _with_timezones(fast_reader.loads(text))
        except Exception:  # noqa: BLE001  whatever it refuses, tomli's verdict and message stand
            pass
    toml_reader = _reader()
    try:
        doc: dict[str, Any] = toml_reader.loads(text)
        return doc
    except toml_reader.TOMLDecodeError as exc:
        msg = str(exc)
        m = _LINE_COL.match(msg)
        if msg.endswith("(at end of document)"):
            lines = text.count("\n") + 1
            raise FormatError(
                f"TOML syntax error: {msg.removesuffix('(at end of document)').strip().lower()} at the end of the file",
                file=file,
                where=f"line {lines}",
            ) from None
        if m:
            raise FormatError(
                f"TOML syntax error: {m['msg'][0].lower() + m['msg'][1:]}",
                file=file,
                where=f"line {m['line']}, column {m['col']}",
            ) from None
        raise FormatError(f"TOML syntax error: {msg}", file=file) from None
    except RecursionError:
        raise FormatError("TOML nested too deeply", file=file) from None


def _reader() -> Any:
    """tomli, the reader whose verdict and messages stand (imported when first needed: rtoml reads most files)."""
    try:
        import tomli

        return tomli
    except ImportError:  # a platform without the compiled wheel: the same parser, slower
        import tomllib

        return tomllib


def _with_timezones(doc: dict[str, Any]) -> dict[str, Any]:
    """`doc` as tomli gives it: each offset date-time's zone a `datetime.timezone` (in place).

    rtoml gives its own zone class, equal in every comparison but one that
    cannot be copied or pickled (a record read in a worker process is sent
    back pickled); nothing else it gives differs (the suite checks the two
    readers agree, value for value, on what both accept).
    """
    stack: list[dict[str, Any] | list[Any]] = [doc]
    while stack:
        node = stack.pop()
        pairs = node.items() if type(node) is dict else enumerate(node)
        for k, v in pairs:
            t = type(v)
            if t is dict or t is list:
                stack.append(v)
            elif t is dt.datetime and v.tzinfo is not None and type(v.tzinfo) is not dt.timezone:
                node[k] = v.replace(tzinfo=dt.timezone(v.utcoffset()))  # type: ignore[index]
    return doc


def schema_of(doc: dict[str, Any]) -> str:
    s = doc.get("schema")
    return s if isinstance(s, str) else ""


# ---------------------------------------------------------------------------
# A table reader that records problems instead of stopping at the first
# ---------------------------------------------------------------------------


class TableReader:
    """Reads typed values from one TOML table, noting problems by key path.

    The one validator of TOML input: plans, records and the settings file
    (`settings.config_from_dict`) all read through it, so a wrong value reads
    the same everywhere. Methods are named for what they read (`text`,
    `flag`, `day`), never after the builtin types they return.
    """

    def __init__(
        self,
        data: dict[str, Any],
        path: str,
        problems: list[Problem],
        file: str,
        broken: bool = False,
    ) -> None:
        self.data = data
        self.broken = broken
        """The table itself is missing or not a table: its own keys are not reported again."""
        self.path = path
        self.problems = problems
        self.file = file
        self.seen: set[str] = set()

    def where(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def problem(self, key: str, message: str) -> None:
        self.problems.append(Problem(self.file, self.where(key) if key else self.path, message))

    def _get(self, key: str, required: bool) -> Any:
        self.seen.add(key)
        v = self.data.get(key, _MISSING)
        if v is _MISSING and required and not self.broken:
            self.problem(key, "missing required key")
        return v

    def text(self, key: str, required: bool = False, default: str = "") -> str:
        # The most read value of all (hundreds per record): the usual case first, without a call.
        self.seen.add(key)
        v = self.data.get(key, _MISSING)
        if type(v) is str:
            if required and not v.strip():
                self.problem(key, "must not be empty")
            return v
        if v is _MISSING:
            if required and not self.broken:
                self.problem(key, "missing required key")
            return default
        if not isinstance(v, str):
            self.problem(key, f"expected text, found {_kind(v)}")
            return default
        if required and not v.strip():
            self.problem(key, "must not be empty")
        return v

    def flag(self, key: str, default: bool = False) -> bool:
        v = self._get(key, False)
        if type(v) is bool:
            return v
        if v is _MISSING:
            return default
        if not isinstance(v, bool):
            self.problem(key, f"expected true or false, found {_kind(v)}")
            return default
        return v

    def opt_bool(self, key: str) -> bool | None:
        v = self._get(key, False)
        if v is _MISSING:
            return None
        if not isinstance(v, bool):
            self.problem(key, f"expected true or false, found {_kind(v)}")
            return None
        return v

    def str_list(self, key: str) -> list[str]:
        v = self._get(key, False)
        if v is _MISSING:
            return []
        if isinstance(v, str):
            return [v]
        if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
            self.problem(key, f"expected a list of texts, found {_kind(v)}")
            return []
        return list(v)

    def day(self, key: str, required: bool = False) -> dt.date | None:
        v = self._get(key, required)
        if v is _MISSING or v == "":
            return None
        if isinstance(v, dt.datetime):
            return v.date()
        if isinstance(v, dt.date):
            return v
        if isinstance(v, str):
            try:
                return dt.date.fromisoformat(v)
            except ValueError:
                pass
        self.problem(key, f"expected a date like 2009-11-15, found {_kind(v)}")
        return None

    def whole_number(self, key: str, default: int, low: int, high: int) -> int:
        """A whole number from `low` to `high`; `default` when absent or wrong."""
        v = self._get(key, False)
        if v is _MISSING:
            return default
        if isinstance(v, bool) or not isinstance(v, int):
            self.problem(key, f"expected a whole number, found {_kind(v)}")
            return default
        if not low <= v <= high:
            self.problem(key, f"expected {low} to {high}, found {v}")
            return default
        return v

    def datetime(self, key: str) -> dt.datetime | None:
        v = self._get(key, False)
        if v is _MISSING or v == "":
            return None
        if isinstance(v, dt.datetime):
            return v
        if isinstance(v, str):
            try:
                return dt.datetime.fromisoformat(v)
            except ValueError:
                pass
        self.problem(
            key, f"expected a date and time like 2026-11-28T10:30:00+03:00, found {_kind(v)}"
        )
        return None

    def enum(self, key: str, enum: type[E], default: E | None, required: bool = False) -> E | None:
        v = self._get(key, required)
        if v is _MISSING:
            return default
        if type(v) is str:  # a dict lookup, not the enum's call: tens of thousands per workspace
            member = enum._value2member_map_.get(v)
            if member is not None:
                return member  # type: ignore[return-value]
        try:
            return enum(v)
        except ValueError:
            choices = ", ".join(e.value for e in enum)
            self.problem(key, f"expected one of {choices}, found {_show(v)}")
            return default

    def marking(self, key: str, required: bool = False) -> Marking:
        v = self._get(key, required)
        if v is _MISSING:
            return Marking()
        if not isinstance(v, str):
            self.problem(key, f'expected a marking like "SBU" or "S//NF", found {_kind(v)}')
            return Marking()
        try:
            return _parse_marking(v)
        except MarkingError as exc:
            self.problem(
                key, f"{exc} (expected U, SBU, C, S or TS, optionally //NF or //REL <COUNTRY>)"
            )
            return Marking()

    def table(self, key: str, required: bool = False) -> TableReader:
        v = self._get(key, required)
        broken = self.broken
        if v is _MISSING:
            v = {}
            broken = broken or required
        elif not isinstance(v, dict):
            self.problem(key, f"expected a table, found {_kind(v)}")
            v = {}
            broken = True
        return TableReader(v, self.where(key), self.problems, self.file, broken)

    def tables(self, key: str) -> list[TableReader]:
        v = self._get(key, False)
        if v is _MISSING:
            return []
        if not isinstance(v, list):
            self.problem(
                key, f"expected an array of tables ([[{self.where(key)}]]), found {_kind(v)}"
            )
            return []
        out = []
        for i, t in enumerate(v):
            if not isinstance(t, dict):
                self.problems.append(
                    Problem(
                        self.file, f"{self.where(key)}[{i}]", f"expected a table, found {_kind(t)}"
                    )
                )
                continue
            out.append(TableReader(t, f"{self.where(key)}[{i}]", self.problems, self.file))
        return out

    def done(self, expected: list[str] | None = None) -> None:
        """Report keys nobody asked for: likely typos that would be silently lost.

        With `expected`, the problem lists the keys this table may hold.
        """
        if self.seen.issuperset(self.data):
            return
        hint = f" (expected one of {', '.join(expected)})" if expected else ""
        for key in self.data:
            if key not in self.seen:
                self.problem(key, "unknown key" + hint)


#: `parse_marking` once per spelling: a workspace repeats a handful of markings on every item.
_parse_marking = functools.lru_cache(maxsize=1024)(parse_marking)


def _kind(v: Any) -> str:
    if isinstance(v, bool):
        return "a boolean"
    if isinstance(v, (int, float)):
        return f"a number ({v})"
    if isinstance(v, str):
        return f"text {_show(v)}"
    if isinstance(v, list):
        return "an array"
    if isinstance(v, dict):
        return "a table"
    if isinstance(v, dt.datetime):
        return "a date-time"
    if isinstance(v, dt.date):
        return "a date"
    return type(v).__name__


def _show(v: Any) -> str:
    s = repr(v) if not isinstance(v, str) else f'"{v}"'
    return s if len(s) <= 40 else s[:37] + '..."'


# ---------------------------------------------------------------------------
# Plans
# ---------------------------------------------------------------------------


def _check_schema(doc: dict[str, Any], expected: str, file: str, *also: str) -> None:
    s = doc.get("schema")
    if s is None:
        raise FormatError(
            f'missing required key (expected "{expected}")', file=file, where="schema"
        )
    if s != expected and s not in also:
        if s == PLAN_SCHEMA:
            raise FormatError(
                "this is a plan, not a meeting record: `demarche prepare` or `demarche meet` "
                "makes a record from it",
                file=file,
                where="schema",
            )
        if s in RECORD_SCHEMAS:
            raise FormatError(
                "this is a meeting record, not a plan: `demarche open` resumes it",
                file=file,
                where="schema",
            )
        raise FormatError(
            f'unknown schema {_show(s)} (expected "{expected}")', file=file, where="schema"
        )


def unknown_schema(doc: dict[str, Any], file: str, *expected: str) -> FormatError:
    """The error for a file whose schema is none of `expected`."""
    wanted = " or ".join(f'"{e}"' for e in expected)
    if "schema" not in doc:
        return FormatError(f"missing required key (expected {wanted})", file=file, where="schema")
    return FormatError(
        f"unknown schema {_show(doc['schema'])} (expected {wanted})", file=file, where="schema"
    )


def _read_instruction(t: TableReader) -> Instruction:
    ins = Instruction(
        id=t.text("id", required=True),
        subject=t.text("subject"),
        subject_marking=t.marking("subject_marking") if "subject_marking" in t.data else None,
        date=t.day("date"),
        dtg=t.text("dtg"),
        from_=t.text("from"),
        to=t.str_list("to"),
        info=t.str_list("info"),
        classification=t.marking("classification", required=True),
        captions=t.str_list("captions"),
        eo=t.text("eo"),
        tags=t.str_list("tags"),
        refs=t.str_list("refs"),
        classified_by=t.text("classified_by"),
        signature=t.text("signature"),
    )
    t.done()
    return ins


def _read_brief(t: TableReader) -> Brief:
    b = Brief(
        action_request=t.text("action_request"),
        objectives=t.text("objectives"),
        background=t.text("background"),
        leave_behind=t.enum("leave_behind", LeaveBehind, LeaveBehind.UNSTATED)
        or LeaveBehind.UNSTATED,
        references=[_read_reference(r) for r in t.tables("references")],
    )
    t.done()
    return b


def _read_reference(t: TableReader) -> Reference:
    r = Reference(
        title=t.text("title", required=True),
        text=t.text("text", required=True),
        paragraph=t.text("paragraph"),
        marking=t.marking("marking"),
    )
    t.done()
    return r


def _read_deadlines(tables: list[TableReader]) -> list[Deadline]:
    out = []
    for t in tables:
        d = Deadline(
            what=t.text("what", required=True),
            date=t.day("date"),
            source=t.text("source"),
            paragraph=t.text("paragraph"),
            kind=t.text("kind", default="due"),
        )
        if d.kind not in ("due", "embargo"):
            t.problem("kind", f'expected one of due, embargo, found "{d.kind}"')
        t.done()
        out.append(d)
    return out


def _read_tasks(tables: list[TableReader]) -> list[Task]:
    out = []
    for i, t in enumerate(tables):
        out.append(
            Task(
                id=t.text("id", default=f"t{i + 1}"),
                text=t.text("text", required=True),
                done=t.flag("done"),
            )
        )
        t.done()
    _check_unique([(t, x.id) for t, x in zip(tables, out)], "id")
    return out


def _read_item(t: TableReader) -> Item:
    return Item(
        id=t.text("id", required=True),
        kind=t.enum("kind", ItemKind, ItemKind.TALKING_POINT, required=True)
        or ItemKind.TALKING_POINT,
        text=t.text("text", required=True),
        section=t.text("section"),
        subsection=t.text("subsection"),
        audience=t.text("audience"),
        marking=t.marking("marking", required=True),
        priority=t.enum("priority", Priority, Priority.NORMAL) or Priority.NORMAL,
        post_note=t.text("post_note"),
        paragraph=t.text("paragraph"),
        leave_behind=t.opt_bool("leave_behind"),
        translation=t.text("translation"),
        label=t.text("label"),
    )


#: A language code: ``ru``, ``pt-BR``, ``zh-Hant``.
_LANGUAGE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")


def _read_language(t: TableReader) -> str:
    """The top-level ``language`` of a plan or record, checked as a language code."""
    lang = t.text("language").strip()
    if lang and not _LANGUAGE.fullmatch(lang):
        t.problem("language", f'expected a language code like "ru" or "pt-BR", found {lang!r}')
    return lang


def _check_unique(pairs: list[tuple[TableReader, str]], key: str) -> None:
    seen: dict[str, str] = {}
    for t, value in pairs:
        if not value:
            continue
        if value in seen:
            t.problem(key, f'duplicate id "{value}" (also at {seen[value]})')
        else:
            seen[value] = t.path


def plan_from_dict(doc: dict[str, Any], file: str = "") -> Plan:
    """Validate a parsed plan and build the model; raises `FormatError` listing every problem."""
    _check_schema(doc, PLAN_SCHEMA, file)
    problems: list[Problem] = []
    top = TableReader(doc, "", problems, file)
    top.seen.add("schema")
    title = top.text("title", required=True)
    language = _read_language(top)
    instruction = _read_instruction(top.table("instruction", required=True))
    brief = _read_brief(top.table("brief"))
    deadlines = _read_deadlines(top.tables("deadlines"))
    tasks = _read_tasks(top.tables("tasks"))
    items = plain_items.plan_items(doc.get("items"))
    if items is None:  # something to report: the reader names it
        item_tables = top.tables("items")
        items = []
        for t in item_tables:
            items.append(_read_item(t))
            t.done()
        _check_unique([(t, i.id) for t, i in zip(item_tables, items)], "id")
    else:
        top.seen.add("items")
    top.done()
    if problems:
        raise FormatError(problems)
    return Plan(
        title=title,
        instruction=instruction,
        brief=brief,
        deadlines=deadlines,
        tasks=tasks,
        items=items,
        language=language,
    )


def load_plan_text(data: bytes, file: str = "") -> Plan:
    doc = parse_toml(data, file)
    return plan_from_dict(doc, file)


# ---------------------------------------------------------------------------
# Records
# ---------------------------------------------------------------------------


def _read_people(tables: list[TableReader]) -> list[Person]:
    out = []
    for t in tables:
        out.append(
            Person(
                name=t.text("name", required=True),
                title=t.text("title"),
                organisation=t.text("organisation"),
                short=t.text("short"),
            )
        )
        t.done()
    return out


def _read_meeting(t: TableReader) -> Meeting:
    m = Meeting(
        date=t.day("date"),
        start=t.datetime("start"),
        end=t.datetime("end"),
        place=t.text("place"),
        interlocutors=_read_people(t.tables("interlocutors")),
        participants=_read_people(t.tables("participants")),
        interpreter=t.text("interpreter"),
        written_up=t.flag("written_up"),
    )
    t.done()
    return m


def _read_exchange(t: TableReader) -> Response:
    """One exchange (an item's response, a rejoinder, a statement); version 1 has only the first four keys."""
    if not t.data:  # no answer recorded (most items): no key to read, none required
        return Response()
    x = Response(
        stance=t.enum("stance", Stance, None),
        text=t.text("text"),
        quoting=t.enum("quoting", Quoting, Quoting.PARAPHRASE) or Quoting.PARAPHRASE,
        speaker=t.text("speaker"),
        side=t.enum("side", Side, Side.HOST) or Side.HOST,
        key=t.flag("key"),
        theme=t.text("theme"),
        marking=t.marking("marking") if "marking" in t.data else None,
    )
    t.done()
    return x


def _read_entry(t: TableReader) -> Entry:
    item = _read_item(t)
    response = _read_exchange(t.table("response"))
    e = Entry(
        item=item,
        included=t.flag("included", default=True),
        cue=t.text("cue"),
        outcome=t.enum("outcome", Outcome, Outcome.PENDING) or Outcome.PENDING,
        outcome_at=t.datetime("outcome_at"),
        response=response,
        handed_over=t.flag("handed_over"),
        handed_over_at=t.datetime("handed_over_at"),
        reason=t.text("reason"),
        exchanges=[_read_exchange(x) for x in t.tables("exchanges")],
    )
    t.done()
    return e


def _read_follow_ups(tables: list[TableReader]) -> list[FollowUp]:
    out = []
    for t in tables:
        out.append(
            FollowUp(
                id=t.text("id", required=True),
                what=t.text("what", required=True),
                owner=t.enum("owner", Owner, Owner.HOST) or Owner.HOST,
                due=t.day("due"),
                status=t.enum("status", FollowUpStatus, FollowUpStatus.OPEN) or FollowUpStatus.OPEN,
                item=t.text("item"),
                created_at=t.datetime("created_at"),
                closed_at=t.day("closed_at"),
                close_note=t.text("close_note"),
            )
        )
        t.done()
    _check_unique([(t, f.id) for t, f in zip(tables, out)], "id")
    return out


def record_from_dict(doc: dict[str, Any], file: str = "") -> Record:
    """Validate a parsed record and build the model; raises `FormatError` listing every problem.

    A version 1 record (`RECORD_SCHEMA_V1`) reads as the version 2 record it
    upgrades to: every v1 key means the same in v2, and what v2 adds
    (exchanges, statements, other business, short names, key and theme,
    the note's cable flag) starts empty. `Record.read_version` says which it was.
    """
    _check_schema(doc, RECORD_SCHEMA, file, RECORD_SCHEMA_V1)
    version = 1 if doc.get("schema") == RECORD_SCHEMA_V1 else 2
    problems: list[Problem] = []
    top = TableReader(doc, "", problems, file)
    top.seen.add("schema")
    title = top.text("title", required=True)
    stage = top.enum("stage", Stage, Stage.PREPARED, required=True) or Stage.PREPARED
    current = top.text("current")
    audience = top.text("audience")
    marking = top.marking("marking")
    notes = top.text("notes")
    notes_for_cable = top.flag("notes_for_cable")
    comment = top.text("comment")
    language = _read_language(top)
    subject = top.text("subject")
    post = top.text("post")
    serial = top.text("serial")
    refs = top.str_list("refs")
    statements = [_read_exchange(t) for t in top.tables("statements")]
    other_business = [_read_exchange(t) for t in top.tables("other_business")]
    pt = top.table("plan")
    source = PlanSource(path=pt.text("path"), sha256=pt.text("sha256"))
    pt.done()
    instruction = _read_instruction(top.table("instruction", required=True))
    brief = _read_brief(top.table("brief"))
    deadlines = _read_deadlines(top.tables("deadlines"))
    tasks = _read_tasks(top.tables("tasks"))
    meeting = _read_meeting(top.table("meeting"))
    entries = plain_items.record_entries(doc.get("items"))
    if entries is None:  # something to report: the reader names it
        entry_tables = top.tables("items")
        entries = [_read_entry(t) for t in entry_tables]
        _check_unique([(t, e.id) for t, e in zip(entry_tables, entries)], "id")
    else:
        top.seen.add("items")
    follow_ups = _read_follow_ups(top.tables("follow_ups"))
    if current and entries and current not in {e.id for e in entries}:
        top.problem("current", f'no item with id "{current}"')
    top.done()
    if problems:
        raise FormatError(problems)
    return Record(
        title=title,
        instruction=instruction,
        brief=brief,
        deadlines=deadlines,
        tasks=tasks,
        entries=entries,
        plan=source,
        stage=stage,
        meeting=meeting,
        follow_ups=follow_ups,
        notes=notes,
        notes_for_cable=notes_for_cable,
        comment=comment,
        statements=statements,
        other_business=other_business,
        current=current,
        marking=marking,
        audience=audience,
        language=language,
        subject=subject,
        post=post,
        serial=serial,
        refs=refs,
        read_version=version,
    )


def load_record_text(data: bytes, file: str = "") -> Record:
    return record_from_dict(parse_toml(data, file), file)


# ---------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------


def _clean(d: dict[str, Any]) -> dict[str, Any]:
    """Drop what TOML cannot hold or what need not be written: None, empty text and lists."""
    out = {}
    for k, v in d.items():
        if v is None or v == "" or v == [] or v == {}:
            continue
        out[k] = v
    return out


def _instruction_dict(i: Instruction) -> dict[str, Any]:
    return _clean(
        {
            "id": i.id,
            "subject": i.subject,
            "subject_marking": i.subject_marking.short if i.subject_marking is not None else None,
            "date": i.date,
            "dtg": i.dtg,
            "from": i.from_,
            "to": i.to,
            "info": i.info,
            "classification": i.classification.short,
            "captions": i.captions,
            "eo": i.eo,
            "tags": i.tags,
            "refs": i.refs,
            "classified_by": i.classified_by,
            "signature": i.signature,
        }
    )


def _brief_dict(b: Brief) -> dict[str, Any]:
    return _clean(
        {
            "action_request": b.action_request,
            "objectives": b.objectives,
            "background": b.background,
            "leave_behind": b.leave_behind.value,
            "references": [
                _clean(
                    {
                        "title": r.title,
                        "paragraph": r.paragraph,
                        "marking": r.marking.short,
                        "text": r.text,
                    }
                )
                for r in b.references
            ],
        }
    )


def _deadline_dict(d: Deadline) -> dict[str, Any]:
    return _clean(
        {
            "what": d.what,
            "date": d.date,
            "kind": d.kind if d.kind != "due" else None,
            "paragraph": d.paragraph,
            "source": d.source,
        }
    )


def _item_dict(i: Item) -> dict[str, Any]:
    d = _clean(
        {
            "id": i.id,
            "kind": i.kind.value,
            "section": i.section,
            "subsection": i.subsection,
            "audience": i.audience,
            "marking": i.marking.short,
            "priority": i.priority.value if i.priority is not Priority.NORMAL else None,
            "paragraph": i.paragraph,
            "leave_behind": i.leave_behind,
            "label": i.label,
            "text": i.text,
            "post_note": i.post_note,
            "translation": i.translation,
        }
    )
    # Public minimum: section and marking are always written.
    d.setdefault("section", "")
    return d


def plan_to_dict(plan: Plan) -> dict[str, Any]:
    return _clean(
        {
            "schema": PLAN_SCHEMA,
            "title": plan.title,
            "language": plan.language,
            "instruction": _instruction_dict(plan.instruction),
            "brief": _brief_dict(plan.brief),
            "deadlines": [_deadline_dict(d) for d in plan.deadlines],
            "tasks": [
                _clean({"id": t.id, "text": t.text, "done": t.done or None}) for t in plan.tasks
            ],
            "items": [_item_dict(i) for i in plan.items],
        }
    )


def _person_dict(p: Person) -> dict[str, Any]:
    return _clean(
        {"name": p.name, "title": p.title, "organisation": p.organisation, "short": p.short}
    )


def _exchange_dict(x: Response) -> dict[str, Any]:
    return _clean(
        {
            "side": x.side.value if x.side is not Side.HOST else None,
            "speaker": x.speaker,
            "stance": x.stance.value if x.stance else None,
            "quoting": x.quoting.value,
            "key": x.key or None,
            "theme": x.theme,
            "marking": x.marking.short if x.marking is not None else None,
            "text": x.text,
        }
    )


def _entry_dict(e: Entry) -> dict[str, Any]:
    d = _item_dict(e.item)
    d.update(
        _clean(
            {
                "included": e.included if not e.included else None,
                "cue": e.cue,
                "outcome": e.outcome.value,
                "outcome_at": e.outcome_at,
                "reason": e.reason,
                "handed_over": e.handed_over or None,
                "handed_over_at": e.handed_over_at,
            }
        )
    )
    if not e.response.empty:
        d["response"] = _exchange_dict(e.response)
    if e.exchanges:
        d["exchanges"] = [_exchange_dict(x) for x in e.exchanges]
    return d


def record_to_dict(r: Record) -> dict[str, Any]:
    m = r.meeting
    return _clean(
        {
            "schema": RECORD_SCHEMA,
            "title": r.title,
            "stage": r.stage.value,
            "current": r.current,
            "audience": r.audience,
            "marking": r.marking.short
            if r.marking.level or r.marking.noforn or r.marking.rel_to
            else None,
            "notes": r.notes,
            "notes_for_cable": r.notes_for_cable or None,
            "comment": r.comment,
            "language": r.language,
            "subject": r.subject,
            "post": r.post,
            "serial": r.serial,
            "refs": r.refs,
            "plan": _clean({"path": r.plan.path, "sha256": r.plan.sha256}),
            "instruction": _instruction_dict(r.instruction),
            "brief": _brief_dict(r.brief),
            "deadlines": [_deadline_dict(d) for d in r.deadlines],
            "tasks": [_clean({"id": t.id, "text": t.text, "done": t.done}) for t in r.tasks],
            "meeting": _clean(
                {
                    "date": m.date,
                    "start": m.start,
                    "end": m.end,
                    "place": m.place,
                    "interpreter": m.interpreter,
                    "written_up": m.written_up or None,
                    "interlocutors": [_person_dict(p) for p in m.interlocutors],
                    "participants": [_person_dict(p) for p in m.participants],
                }
            ),
            "items": [_entry_dict(e) for e in r.entries],
            "statements": [_exchange_dict(x) for x in r.statements],
            "other_business": [_exchange_dict(x) for x in r.other_business],
            "follow_ups": [
                _clean(
                    {
                        "id": f.id,
                        "what": f.what,
                        "owner": f.owner.value,
                        "due": f.due,
                        "status": f.status.value,
                        "item": f.item,
                        "created_at": f.created_at,
                        "closed_at": f.closed_at,
                        "close_note": f.close_note,
                    }
                )
                for f in r.follow_ups
            ],
        }
    )


def dumps(doc: dict[str, Any]) -> str:
    """TOML text with multi-line strings for long text, so files stay readable by hand.

    Written by `toml_text`: the text ``tomli_w.dumps(doc, multiline_strings=True)``
    gives, in a third of the time on a big plan or record.
    """
    from .toml_text import dumps as fast_dumps

    return fast_dumps(doc)


def plan_to_toml(plan: Plan) -> str:
    return dumps(plan_to_dict(plan))


def record_to_toml(record: Record) -> str:
    return dumps(record_to_dict(record))
