"""Reading data files defensively and writing outputs atomically."""

from __future__ import annotations

import json
import math
import os
import re
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

    def json(self, path: Path, unique_keys: bool = True) -> Any:
        """Read and parse a JSON file inside the data folder (see :meth:`text`).

        orjson parses, and refuses what JSON allows but the project cannot hold: numbers
        beyond a double (they would reach a page as ``Infinity``) and lone UTF-16
        surrogates (they cannot be written as UTF-8). The standard library then says where
        a broken file is broken. With ``unique_keys``, an object naming one key twice is
        refused too: JSON parsers keep the last silently, so a second speaker or place of
        the same id would replace the first unseen.

        Raises
        ------
        FileProblem
            When the file cannot be read, is not valid JSON or holds what is refused.
        """
        text = self.text(path)
        shown = self.shown(path)
        try:
            value = orjson.loads(text)
        except orjson.JSONDecodeError as exc:
            if "allocate" not in str(exc):
                raise FileProblem(Problem(shown, "-", "-", _why_not_json(text, exc))) from None
            # orjson 3.13 refuses some valid files so (long arrays of small integers after
            # a line break); the standard library reads them, refusing what orjson would.
            value = _standard_json(text, shown)
        if unique_keys:
            try:
                json.loads(text, object_pairs_hook=_unique_pairs)
            except _DuplicateKey as exc:
                why = (
                    f"names the key {exc.key!r} twice in one object "
                    "(the second would hide the first)"
                )
                raise FileProblem(Problem(shown, "-", "-", why)) from None
            except RecursionError:
                raise FileProblem(
                    Problem(shown, "-", "-", "is not valid JSON: nested too deeply")
                ) from None
        return value


def _standard_json(text: str, shown: str) -> Any:
    """Parse ``text`` with the standard library, refusing as orjson does numbers beyond a
    double and lone surrogates (integers beyond 64 bits become floats, as in orjson)."""
    too_large = Problem(shown, "-", "-", "holds a number too large for a double (beyond ±1.8e308)")

    def number(text: str) -> float:
        value = float(text)
        if not math.isfinite(value):
            raise FileProblem(too_large)
        return value

    def integer(text: str) -> int | float:
        value = int(text)
        return value if -(2**63) <= value < 2**64 else number(text)

    try:
        value = json.loads(
            text, parse_float=number, parse_int=integer, parse_constant=_reject_constant
        )
    except json.JSONDecodeError as exc:
        why = f"is not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
        raise FileProblem(Problem(shown, "-", "-", why)) from None
    except RecursionError:
        raise FileProblem(
            Problem(shown, "-", "-", "is not valid JSON: nested too deeply")
        ) from None
    except ValueError as exc:
        raise FileProblem(Problem(shown, "-", "-", f"is not valid JSON: {exc}")) from None
    if _has_surrogate(value):
        why = "holds a lone UTF-16 surrogate escape, which is no character"
        raise FileProblem(Problem(shown, "-", "-", why))
    return value


def _has_surrogate(value: Any) -> bool:
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if not item.isascii():
                try:
                    item.encode("utf-8")
                except UnicodeEncodeError:
                    return True
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


class _DuplicateKey(Exception):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _unique_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKey(key)
        result[key] = value
    return result


_ORJSON_WHERE = re.compile(r": line (\d+) column (\d+) \(char \d+\)$")


def _why_not_json(text: str, refusal: orjson.JSONDecodeError) -> str:
    """Why orjson refused ``text``: the standard library's account of a broken file, or
    what in a well-formed file the project cannot hold, with where it is."""
    try:
        json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        return f"is not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
    except RecursionError:
        return "is not valid JSON: nested too deeply"
    except ValueError as exc:
        return f"is not valid JSON: {exc}"
    message = str(refusal)
    where = _ORJSON_WHERE.search(message)
    at = f" at line {where.group(1)} column {where.group(2)}" if where else ""
    if "surrogate" in message:
        return f"holds a lone UTF-16 surrogate escape, which is no character{at}"
    if "infinity" in message or "number" in message:
        return f"holds a number too large for a double (beyond ±1.8e308){at}"
    return f"is not valid JSON: {_ORJSON_WHERE.sub('', message)}{at}"


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


STALE_TEMP_SECONDS = 600
"""Age after which a temporary file left by a killed build is removed."""

TEMP_PREFIX = ".corridor-map."
"""How the temporary files this tool writes begin; no other file is ever removed."""


def remove_stale_temp_files(folder: Path, now: float | None = None) -> list[Path]:
    """Remove temporary files that killed builds of this tool left in ``folder``.

    Only this tool's own (named ``.corridor-map.*.tmp``) and only those older than
    :data:`STALE_TEMP_SECONDS` go, so a build running at the same time keeps its own and
    a reader's files are never touched. Returns those removed.
    """
    if not folder.is_dir():
        return []
    cutoff = (time.time() if now is None else now) - STALE_TEMP_SECONDS
    removed = []
    for candidate in folder.glob(f"{TEMP_PREFIX}*.tmp"):
        try:
            if candidate.is_file() and candidate.stat().st_mtime < cutoff:
                candidate.unlink()
                removed.append(candidate)
        except FileNotFoundError:
            continue
    return removed


def stage_file(path: Path, data: bytes, tag: str = "", durable: bool = True) -> Path | None:
    """Write ``data`` beside ``path`` in a temporary file, flushed to disk (unless not
    ``durable``: a cache, which can be lost); return it.

    Returns ``None`` when ``path`` already holds exactly ``data``. :func:`commit_file`
    then puts the temporary file in place in one rename. ``tag`` goes into the temporary
    file's name, so that whoever staged it can find every one it left.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.is_file() and path.read_bytes() == data:
        return None
    fd, tmp_name = tempfile.mkstemp(
        dir=path.parent, prefix=f"{TEMP_PREFIX}{path.name}.{tag}", suffix=".tmp"
    )
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.chmod(tmp_name, 0o644)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    return Path(tmp_name)


def commit_file(staged: Path, path: Path) -> None:
    """Replace ``path`` by a file :func:`stage_file` wrote, atomically."""
    os.replace(staged, path)


def write_atomic(path: Path, data: bytes, durable: bool = True) -> bool:
    """Write ``data`` to ``path`` atomically; return whether the file changed.

    The bytes go to a temporary file in the same folder, are flushed to disk, and then
    replace ``path`` in one rename, so a reader sees either the old file or the new one.
    """
    staged = stage_file(path, data, durable=durable)
    if staged is None:
        return False
    try:
        commit_file(staged, path)
    except BaseException:
        staged.unlink(missing_ok=True)
        raise
    return True
