"""Domain exceptions raised by the corridor-map library.

Every error the library raises on purpose derives from :class:`CorridorMapError`, so the
command-line layer can turn it into one ``Error: ...`` line without a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass


class CorridorMapError(Exception):
    """Base class of every error the library raises on purpose."""


@dataclass(frozen=True, order=True)
class Problem:
    """One problem found in the data: where it is and what is wrong.

    Parameters
    ----------
    file : str
        The file, relative to the data folder's parent when possible.
    item : str
        The item inside the file (a feature or claim id, or ``-`` for the whole file).
    field : str
        The field of the item (``-`` when the problem is not about one field).
    message : str
        What is wrong, in one line.
    """

    file: str
    item: str
    field: str
    message: str

    def __str__(self) -> str:
        parts = [self.file]
        if self.item != "-":
            parts.append(self.item)
        if self.field != "-":
            parts.append(self.field)
        shown = [_shorten(printable(part), MAX_PART) for part in parts]
        return ": ".join(shown) + ": " + _shorten(_one_line(self.message), MAX_MESSAGE)


class DataError(CorridorMapError):
    """The data folder holds one or more problems; ``problems`` lists all of them."""

    def __init__(self, problems: list[Problem], warnings: list[Problem] | None = None) -> None:
        self.problems = sorted(set(problems))
        self.warnings = sorted(set(warnings or []))
        count = len(self.problems)
        summary = str(self.problems[0]) if count == 1 else f"{count} problems in the data"
        super().__init__(summary)


class WriteError(CorridorMapError):
    """A map could not be written: the machine's refusal, not a bug.

    Parameters
    ----------
    path : str
        What could not be written.
    reason : str
        The system's reason ("Read-only file system", "No space left on device").
    replaced : list of str
        Maps already put in place before the failure (empty when none was).
    """

    def __init__(self, path: str, reason: str, replaced: list[str] | None = None) -> None:
        self.path = path
        self.reason = reason
        self.replaced = list(replaced or [])
        if self.replaced:
            named = ", ".join(self.replaced[:5])
            more = f" and {len(self.replaced) - 5:,} more" if len(self.replaced) > 5 else ""
            done = f"{len(self.replaced)} map(s) already replaced: {named}{more}"
        else:
            done = "no map replaced"
        super().__init__(f"{path}: cannot write: {reason} ({done})")


def printable(text: str) -> str:
    """``text`` safe to print as part of one line of a terminal.

    Every character that is not printable (line breaks, tabs, escape sequences, bidi
    controls, lone surrogates) is shown as its Python escape, so a file or folder name
    can neither start a line of its own, forge an ``Error:`` line, nor drive the terminal.
    """
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() else repr(char)[1:-1] for char in text)


MAX_PART = 300
"""Longest file, item or field shown in a message (longer ones are cut)."""
MAX_MESSAGE = 1_000
"""Longest message shown: a 200,000-character id is reported, not echoed whole."""


def _shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text) - limit:,} more characters)"


def _one_line(text: str) -> str:
    """Fold white space and show other control characters escaped, so a message is one
    line."""
    return printable(" ".join(text.split()))
