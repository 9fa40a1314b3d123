"""Post settings for the outputs: who we are, how we sign, how we wrap.

They live in the workspace's ``demarche.toml`` (`Workspace.config_path`)::

    [post]
    name = "MOSCOW"                      # the post in the classification line
    country = "RUSSIA"                   # the host country: subject prefix, and whom a non-paper may go to
    signature = "BEYRLE"                 # chief of mission's (or charge's) surname
    passing_line = "DEPT FOR G/TIP, EUR/RUS"
    drafting_officer = "PolOff"          # who delivered, when the record names nobody
    classified_by = "DCM Eric Rubin"     # for the Classified By line of classified drafts
    captions = ["SIPDIS"]
    clipboard = true                     # false: the app never copies a draft to the clipboard

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
    "clipboard": ("post", "clipboard"),
    "eo_number": ("report", "eo_number"),
    "wrap_width": ("report", "wrap_width"),
    "declassify_years": ("report", "declassify_years"),
}

MIN_WIDTH, MAX_WIDTH = 40, 69

#: The allowed range of each whole-number setting.
NUMBER_RANGES: dict[str, tuple[int, int]] = {
    "wrap_width": (MIN_WIDTH, MAX_WIDTH),
    "declassify_years": (1, 75),
}


@dataclass
class PostConfig:
    """Settings that make a draft look like it came from this post."""

    post: str = ""
    """Post name in the classification line; empty: from the instruction's action addressee."""
    country: str = ""
    """The host country: for the subject when the instruction's subject names none, and the country
    a leave-behind is handed to (REL TO lists must name it; `classification.release_refusal`)."""
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
    clipboard: bool = True
    """Whether the app may copy a draft to the clipboard (through the terminal, OSC 52: over SSH it may
    reach another machine); a post handling classified drafts may turn it off."""
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

    @property
    def audience(self) -> str:
        """The audience this post serves: its country, else the country of its city (``WARSAW`` -> ``POLAND``)."""
        from ..audience import audience_of_post

        return audience_of_post(self.country, self.post)

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
            return s[len(p) :].strip()
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

    data = read_bytes(path, "config")
    doc = parse_toml(data, str(path)) if data else {}
    return config_from_dict(doc, str(path))


def config_from_dict(doc: dict[str, Any], file: str = "") -> PostConfig:
    """Validate a parsed config; every problem names its key path (read by `formats.TableReader`)."""
    from .formats import TableReader

    cfg = PostConfig()
    cfg.sources = {name: DEFAULT for name in KEYS}
    problems: list[Problem] = []
    top = TableReader(doc, "", problems, file)
    tables = {name: top.table(name) for name in sorted({t for t, _ in KEYS.values()})}
    keymap = top.table("keys")
    for k, v in keymap.data.items():
        keymap.seen.add(k)
        if not isinstance(v, str) or not v.strip():
            keymap.problem(k, 'expected key names like "d,ctrl+d"')
        else:
            cfg.keys[k] = v
    kinds = {f.name: f.type for f in fields(PostConfig)}
    for name, (table, key) in KEYS.items():
        t = tables[table]
        if key not in t.data:
            t.seen.add(key)
            continue
        before = len(problems)
        value: Any
        if kinds[name] == "bool":
            value = t.flag(key, getattr(cfg, name))
        elif kinds[name] == "int":
            low, high = NUMBER_RANGES[name]
            value = t.whole_number(key, getattr(cfg, name), low, high)
        elif kinds[name] == "list[str]":
            value = [x.strip().upper() for x in t.str_list(key) if x.strip()]
            bad = next((c for x in value for c in x if _is_control(c)), None)
            if bad is not None:
                t.problem(key, f"control character U+{ord(bad):04X} not allowed")
        else:
            raw = t.data[key]
            if name == "eo_number" and isinstance(raw, int) and not isinstance(raw, bool):
                t.seen.add(key)
                value = str(raw)  # eo_number = 13526, written as a number
            else:
                value = t.text(key).strip()
            bad = next((c for c in value if _is_control(c)), None)
            if bad is not None:
                # It would reach every draft and the terminal as it is.
                t.problem(key, f"control character U+{ord(bad):04X} not allowed")
            elif not value.isascii():
                t.problem(key, "cables are ASCII only")
            elif name == "eo_number" and not value.isdigit():
                t.problem(key, f"expected digits like 13526, found {value!r}")
        if len(problems) > before:
            continue
        setattr(cfg, name, value)
        where = t.where(key)
        cfg.sources[name] = f"{file}:{where}" if file else where
    for table, t in tables.items():
        t.done([k for tt, k in KEYS.values() if tt == table])
    top.done(sorted([*tables, "keys"]))
    if problems:
        raise FormatError(problems)
    return cfg


def _is_control(c: str) -> bool:
    """A C0 control character or DEL (a tab or newline in a post setting is a mistake too)."""
    return ord(c) < 0x20 or ord(c) == 0x7F
