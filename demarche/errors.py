"""The project's own errors: each one reads as a single line for the user.

Every command catches `DemarcheError`, prints ``str(error)`` on stderr and
exits with code 2 (`EXIT_BAD_INPUT`). Anything else escaping is a bug.
"""

from __future__ import annotations

from dataclasses import dataclass

EXIT_BAD_INPUT = 2


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file: where (a key path or a line) and what."""

    file: str
    where: str
    message: str

    def __str__(self) -> str:
        parts = [p for p in (self.file, self.where, self.message) if p]
        return one_line(": ".join(parts))


def one_line(text: str) -> str:
    """`text` with every non-printable character escaped, so a problem is always exactly one line."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


class DemarcheError(Exception):
    """Bad input or a refused action, explained in one line per problem."""

    def __init__(self, problems: list[Problem] | str, file: str = "", where: str = "") -> None:
        if isinstance(problems, str):
            problems = [Problem(file, where, problems)]
        self.problems: list[Problem] = list(problems)
        super().__init__(str(self))

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


def first_problem(exc: DemarcheError) -> str:
    """The first problem of an error, as one line: what a listing shows for a broken file."""
    return str(exc.problems[0]) if exc.problems else str(exc)


class FormatError(DemarcheError):
    """A plan, record or config file that does not follow its format."""


class LockedError(DemarcheError):
    """The record is open in another demarche."""
