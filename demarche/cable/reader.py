"""Reading a cable file: bytes to text, with the errors a user can act on.

UTF-8 first; bytes that are not UTF-8 are read as Latin-1 (every byte is a
character there) and the result says so. Empty files, binary data and
missing files are one-line `DemarcheError`s naming the file.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import DemarcheError
from ..store.storage import read_bytes
from .assemble import ImportResult, import_cable


def decode_cable(data: bytes, name: str) -> tuple[str, list[str]]:
    """The text of a cable file and any warning about its encoding."""
    if not data.strip():
        raise DemarcheError("the file is empty", file=name)
    sample = data[:65536]
    if b"\x00" in sample or sum(b < 9 or 13 < b < 32 for b in sample) > len(sample) // 100 + 1:
        raise DemarcheError("binary data, not a cable text file", file=name)
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return data.decode("latin-1"), [
            f"{name}: not UTF-8 (byte {exc.start} on line {line}); read as Latin-1"
        ]


def read_cable_file(path: Path) -> ImportResult:
    """Import the cable in `path` (see `import_cable`)."""
    name = str(path)
    text, warnings = decode_cable(read_bytes(Path(path), "cable"), name)
    result = import_cable(text, source=name)
    result.warnings[:0] = warnings
    return result
