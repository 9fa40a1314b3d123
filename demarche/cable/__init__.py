"""Instruction cables into plans: the pure reader behind ``demarche import``.

`import_cable(text, source)` and `read_cable_file(path)` return an
`ImportResult` (``.plan``, ``.warnings``). Modules, in reading order:
`text` (clean-up), `header`, `inline` (re-flowed lines cut back), `body`
(paragraphs and blocks), `markers`, `points` (items), `blocks` (what the
prose says of each block: contingent, may it be left), `brief`,
`deadlines`, `assemble`. `scoring` measures a plan against a hand label;
`worded` holds the patterns searched only in text that has their words.
Audiences are read with `demarche.audience`. No Textual here.
"""

from .assemble import ImportResult, import_cable
from .reader import read_cable_file

__all__ = ["ImportResult", "import_cable", "read_cable_file"]
