"""Reading data files defensively and writing outputs atomically."""

from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any

import orjson

from geo.errors import Problem

MAX_FILE_BYTES = 20 * 1024 * 1024
"""Largest data file read; a larger one is refused before it is parsed."""


class FileProblem(Exception):
    """A data file cannot be read; carries the :class:`Problem` to report."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def display_path(path: Path, root: Path) -> str:
    """Return ``path`` relative to ``root``'s parent for messages, in POSIX form.

    Links are not followed: a message names the file as it lies in the data folder.
    """
    return _display_path(path, os.path.dirname(os.path.abspath(root)))


def _display_path(path: Path, base: str) -> str:
    absolute = os.path.abspath(path)
    prefix = base.rstrip(os.sep) + os.sep
    if absolute.startswith(prefix):
        return absolute[len(prefix) :].replace(os.sep, "/")
    return path.as_posix()


class DataReader:
    """Reads the files of one data folder defensively, collecting warnings.

    Parameters
    ----------
    root : Path
        The data folder; every file read must lie inside it (after following links).

    Attributes
    ----------
    warnings : list of Problem
        Things accepted but worth fixing (a byte-order mark, Windows line ends).
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self.warnings: list[Problem] = []
        self._base = os.path.dirname(os.path.abspath(root))

    def shown(self, path: Path) -> str:
        """``path`` as messages show it (see :func:`display_path`)."""
        return _display_path(path, self._base)

    def text(self, path: Path) -> str:
        """Read a UTF-8 text file inside the data folder.

        A leading byte-order mark is dropped and Windows line ends become ``\\n``, each
        with a warning.

        Raises
        ------
        FileProblem
            When the file is missing, lies outside the data folder, is not a regular
            file, is too large, empty or not UTF-8.
        """
        shown = self.shown(path)
        try:
            resolved = path.resolve(strict=True)
        except FileNotFoundError:
            raise FileProblem(Problem(shown, "-", "-", "is missing")) from None
        except (OSError, RuntimeError) as exc:
            raise FileProblem(Problem(shown, "-", "-", f"cannot be read: {exc}")) from None
        if not resolved.is_relative_to(self.root.resolve()):
            raise FileProblem(Problem(shown, "-", "-", "links outside the data folder"))
        if not resolved.is_file():
            raise FileProblem(Problem(shown, "-", "-", "is not a regular file"))
        size = resolved.stat().st_size
        if size > MAX_FILE_BYTES:
            raise FileProblem(
                Problem(
                    shown, "-", "-", f"is {size:,} bytes, over the {MAX_FILE_BYTES:,}-byte limit"
                )
            )
        raw = resolved.read_bytes()
        if not raw.strip():
            raise FileProblem(Problem(shown, "-", "-", "is empty"))
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise FileProblem(
                Problem(shown, "-", "-", f"is not UTF-8 (bad byte at offset {exc.start})")
            ) from None
        if text.startswith("\ufeff"):
            text = text[1:]
            self.warnings.append(
                Problem(shown, "-", "-", "starts with a UTF-8 byte-order mark (ignored)")
            )
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
            self.warnings.append(
                Problem(shown, "-", "-", "has Windows or old Mac line ends (read as \\n)")
            )
        return text

    def json(self, path: Path) -> Any:
        """Read and parse a JSON file inside the data folder (see :meth:`text`).

        orjson parses (three times as fast as the standard library); what it refuses goes
        to the standard library, whose messages say where the file is broken. The two
        differ only on integers beyond 64 bits, which orjson reads as the nearest float
        (as a browser does), and on lone UTF-16 surrogates, which only the standard
        library accepts.

        Raises
        ------
        FileProblem
            When the file cannot be read or is not valid JSON.
        """
        text = self.text(path)
        try:
            return orjson.loads(text)
        except orjson.JSONDecodeError:
            pass
        shown = self.shown(path)
        try:
            return json.loads(text, parse_constant=_reject_constant)
        except json.JSONDecodeError as exc:
            where = f"line {exc.lineno} column {exc.colno}"
            raise FileProblem(
                Problem(shown, "-", "-", f"is not valid JSON: {exc.msg} at {where}")
            ) from None
        except RecursionError:
            raise FileProblem(
                Problem(shown, "-", "-", "is not valid JSON: nested too deeply")
            ) from None
        except ValueError as exc:
            raise FileProblem(Problem(shown, "-", "-", f"is not valid JSON: {exc}")) from None


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


STALE_TEMP_SECONDS = 600
"""Age after which a temporary file left by a killed build is removed."""


def remove_stale_temp_files(folder: Path, now: float | None = None) -> list[Path]:
    """Remove temporary files that killed builds left in ``folder``; return them.

    Only files older than :data:`STALE_TEMP_SECONDS` go, so a build running at the same
    time keeps its own.
    """
    if not folder.is_dir():
        return []
    cutoff = (time.time() if now is None else now) - STALE_TEMP_SECONDS
    removed = []
    for candidate in folder.glob(".*.tmp"):
        try:
            if candidate.is_file() and candidate.stat().st_mtime < cutoff:
                candidate.unlink()
                removed.append(candidate)
        except FileNotFoundError:
            continue
    return removed


def write_atomic(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` atomically; return whether the file changed.

    The bytes go to a temporary file in the same folder, are flushed to disk, and then
    replace ``path`` in one rename, so a reader sees either the old file or the new one.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.is_file() and path.read_bytes() == data:
        return False
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, 0o644)
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    return True
