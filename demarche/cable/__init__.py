"""Instruction cables into plans: the pure reader behind ``demarche import``.

`import_cable(text, source)` and `read_cable_file(path)` return an
`ImportResult` (``.plan``, ``.warnings``). Modules, in reading order:
`text` (clean-up), `header`, `body` (paragraphs and blocks), `markers`,
`points` (items), `brief`, `deadlines`, `assemble`. No Textual here.
"""

from .assemble import ImportResult, import_cable
from .reader import read_cable_file

__all__ = ["ImportResult", "import_cable", "read_cable_file"]
