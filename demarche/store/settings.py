"""Post settings for the outputs: who we are, how we sign, how we wrap.

They live in the workspace's ``demarche.toml`` (`Workspace.config_path`)::

    [post]
    name = "MOSCOW"                      # the post in the classification line
    country = "RUSSIA"                   # subject prefix when the instruction has none
    signature = "BEYRLE"                 # chief of mission's (or charge's) surname
    passing_line = "DEPT FOR G/TIP, EUR/RUS"
    drafting_officer = "PolOff"          # who delivered, when the record names nobody
    classified_by = "DCM Eric Rubin"     # for the Classified By line of classified drafts
    captions = ["SIPDIS"]
    paper = "a4"                         # the printed card: "a4" or "letter"

    [report]
    eo_number = "13526"
    wrap_width = 60
    declassify_years = 10

    [keys]                               # the app's key bindings, by binding id (see F1 help)
    "meeting.delivered" = "d,ctrl+d"

Every key is optional; absent keys take the defaults below, and `sources`
says for each setting where its value came from (for ``demarche config``).
A wrong key or type is a `FormatError` naming the key path, like plans and
records. Plain Python: never imports Textual.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any

from ..errors import FormatError, Problem

if TYPE_CHECKING:
    from ..model import Instruction
    from .workspace import Workspace

DEFAULT = "default"

#: TOML key path of every setting: (table, key) by field name.
KEYS: dict[str, tuple[str, str]] = {
    "post": ("post", "name"),
    "country": ("post", "country"),
    "signature": ("post", "signature"),
    "passing_line": ("post", "passing_line"),
    "drafting_officer": ("post", "drafting_officer"),
    "classified_by": ("post", "classified_by"),
    "captions": ("post", "captions"),
    "paper": ("post", "paper"),
    "eo_number": ("report", "eo_number"),
    "wrap_width": ("report", "wrap_width"),
    "declassify_years": ("report", "declassify_years"),
}

MIN_WIDTH, MAX_WIDTH = 40, 69
PAPERS = ("a4", "letter")


@dataclass
class PostConfig:
    """Settings that make a draft look like it came from this post."""

    post: str = ""
    """Post name in the classification line; empty: from the instruction's action addressee."""
    country: str = ""
    """Country for the subject when the instruction's subject names none."""
    signature: str = ""
    """Chief of mission's surname, the draft's last line; empty: a placeholder."""
    passing_line: str = ""
    """Optional ``DEPT FOR ...`` line under the captions."""
    drafting_officer: str = "PolOff"
    """Who delivered, when the record names none of our side."""
    classified_by: str = ""
    """``name, title`` for the Classified By line; empty: a placeholder."""
    captions: list[str] = field(default_factory=lambda: ["SIPDIS"])
    """Handling captions after the classification captions."""
    paper: str = "a4"
    """The post's paper for the printed card: ``a4`` or ``letter``."""
    eo_number: str = "13526"
    """The executive order on classification cited in the E.O. line."""
    wrap_width: int = 60
    """Line width of the draft (real bodies run 55-69)."""
    declassify_years: int = 10
    """Classified drafts: DECL date this many years after the draft's date."""
    keys: dict[str, str] = field(default_factory=dict)
    """The app's key remapping: binding id -> comma-separated Textual key names."""
    sources: dict[str, str] = field(default_factory=dict, compare=False, repr=False)
    """Where each setting came from: ``default`` or ``file:table.key``."""

    def post_for(self, instruction: Instruction | None) -> str:
        """The post's name: configured, else the instruction's first action addressee."""
        if self.post:
            return self.post.upper()
        if instruction is not None:
            for to in instruction.to:
                name = post_from_addressee(to)
                if name:
                    return name
        return "POST"


_ADDRESSEE_PREFIXES = ("AMEMBASSY ", "AMCONSUL ", "USMISSION ", "AMCONGEN ", "USOFFICE ", "AMEMB ")


def post_from_addressee(addressee: str) -> str:
    """``RUEHMO/AMEMBASSY MOSCOW PRIORITY 3941`` -> ``MOSCOW``."""
    s = addressee.strip().upper()
    if "/" in s.split(" ")[0]:
        s = s.split("/", 1)[1]
    for word in (" IMMEDIATE", " PRIORITY", " ROUTINE", " NIACT"):
        if word in s:
            s = s.split(word, 1)[0]
    s = s.strip()
    for p in _ADDRESSEE_PREFIXES:
        if s.startswith(p):
            return s[len(p):].strip()
    return ""


def load_config(ws: Workspace) -> PostConfig:
    """The workspace's post settings, defaults for what the file leaves out."""
    path = ws.config_path
    cfg = PostConfig()
    cfg.sources = {name: DEFAULT for name in KEYS}
    if not path.exists():
        return cfg
    from .formats import parse_toml
    from .storage import read_bytes

    doc = parse_toml(read_bytes(path, "config"), str(path)) if path.stat().st_size else {}
    return config_from_dict(doc, str(path))


def config_from_dict(doc: dict[str, Any], file: str = "") -> PostConfig:
    """Validate a parsed config; every problem names its key path."""
    cfg = PostConfig()
    cfg.sources = {name: DEFAULT for name in KEYS}
    problems: list[Problem] = []
    tables = {t for t, _ in KEYS.values()} | {"keys"}
    for key, value in doc.items():
        if key not in tables:
            problems.append(Problem(file, key, f"unknown key (expected {' or '.join(sorted(tables))})"))
        elif not isinstance(value, dict):
            problems.append(Problem(file, key, f"expected a table [{key}]"))
    kinds = {f.name: f.type for f in fields(PostConfig)}
    known = {(t, k) for t, k in KEYS.values()}
    keymap = doc.get("keys")
    if isinstance(keymap, dict):
        for k, v in keymap.items():
            if not isinstance(v, str) or not v.strip():
                problems.append(Problem(file, f"keys.{k}", 'expected key names like "d,ctrl+d"'))
            else:
                cfg.keys[k] = v
    for table in tables - {"keys"}:
        t = doc.get(table)
        if not isinstance(t, dict):
            continue
        for k in t:
            if (table, k) not in known:
                choices = ", ".join(kk for tt, kk in KEYS.values() if tt == table)
                problems.append(Problem(file, f"{table}.{k}", f"unknown key (expected one of {choices})"))
    for name, (table, key) in KEYS.items():
        t = doc.get(table)
        if not isinstance(t, dict) or key not in t:
            continue
        v = t[key]
        where = f"{table}.{key}"
        kind = kinds[name]
        if kind == "int":
            if isinstance(v, bool) or not isinstance(v, int):
                problems.append(Problem(file, where, f"expected a whole number, found {v!r}"))
                continue
            if name == "wrap_width" and not MIN_WIDTH <= v <= MAX_WIDTH:
                problems.append(Problem(file, where, f"expected {MIN_WIDTH} to {MAX_WIDTH}, found {v}"))
                continue
            if name == "declassify_years" and not 1 <= v <= 75:
                problems.append(Problem(file, where, f"expected 1 to 75, found {v}"))
                continue
        elif kind == "list[str]":
            if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
                problems.append(Problem(file, where, "expected a list of text"))
                continue
            v = [x.strip().upper() for x in v if x.strip()]
        else:
            if isinstance(v, int) and not isinstance(v, bool) and name == "eo_number":
                v = str(v)
            if not isinstance(v, str):
                problems.append(Problem(file, where, f"expected text, found {v!r}"))
                continue
            if not v.isascii():
                problems.append(Problem(file, where, "cables are ASCII only"))
                continue
            v = v.strip()
            if name == "paper":
                v = v.lower()
                if v not in PAPERS:
                    problems.append(Problem(file, where, f'expected "a4" or "letter", found {v!r}'))
                    continue
            if name == "eo_number" and not v.isdigit():
                problems.append(Problem(file, where, f"expected digits like 13526, found {v!r}"))
                continue
        setattr(cfg, name, v)
        cfg.sources[name] = f"{file}:{where}" if file else where
    if problems:
        raise FormatError(problems)
    return cfg
