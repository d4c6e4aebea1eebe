"""Building every map of a data folder."""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from geo.errors import Problem, WriteError
from geo.fileio import TEMP_PREFIX, commit_file, remove_stale_temp_files, stage_file
from geo.overview import OVERVIEW_FILE, render_overview
from geo.page import MAP_SIGNATURE
from geo.render import ArticleMaps
from geo.validate import load_dataset


@dataclass(frozen=True)
class BuiltMap:
    """One map written (or found up to date) by :func:`build_maps`."""

    path: Path
    changed: bool


@dataclass(frozen=True)
class BuildResult:
    """The maps :func:`build_maps` wrote and the warnings about the data."""

    maps: list[BuiltMap]
    warnings: list[Problem]


def build_maps(data_dir: Path, out_dir: Path) -> BuildResult:
    """Validate ``data_dir`` and write one map per article into ``out_dir``.

    The data is validated, then every map is rendered into a temporary file beside its
    target (one at a time, so an archive's maps never sit in memory at once), and only
    when all are rendered are they put in place, each in one rename. Invalid data, or a
    map that fails to render or to be written, leaves every previous map untouched.

    Raises
    ------
    DataError
        When the data is invalid (nothing is written).
    WriteError
        When a map cannot be written: it says which maps, if any, were already replaced
        (only a failure while renaming, after every map was written, can leave some).
    """
    dataset = load_dataset(data_dir)
    maps = ArticleMaps(dataset)
    remove_stale_temp_files(out_dir)
    staged: list[tuple[Path, Path | None]] = []
    replaced: list[str] = []
    path = out_dir
    try:
        for article in dataset.articles:
            path = out_dir / f"{article.id}.html"
            staged.append((path, stage_file(path, maps.render_bytes(article))))
        if len(dataset.articles) > 1:
            path = out_dir / OVERVIEW_FILE
            staged.append((path, stage_file(path, render_overview(dataset).encode("utf-8"))))
        with _interruptions_held():
            for path, temporary in staged:
                if temporary is not None:
                    commit_file(temporary, path)
                    replaced.append(path.name)
    except OSError as exc:
        # The map being written, not its temporary file, unless the folder itself failed.
        failed = Path(os.fsdecode(exc.filename)) if exc.filename else path
        where = path if failed.name.startswith(TEMP_PREFIX) else failed
        raise WriteError(where.as_posix(), exc.strerror or str(exc), replaced) from exc
    finally:
        for _, temporary in staged:
            if temporary is not None:
                temporary.unlink(missing_ok=True)
    written = sorted(
        (BuiltMap(path, temporary is not None) for path, temporary in staged),
        key=lambda item: item.path.name,
    )
    warnings = list(dataset.warnings) + _maps_of_no_article(out_dir, {p.name for p, _ in staged})
    return BuildResult(written, warnings)


@contextmanager
def _interruptions_held() -> Iterator[None]:
    """Ignore Ctrl-C (SIGINT) while maps are put in place, so an interruption never leaves
    a mix of old and new maps: once the renames (milliseconds) have begun, the build ends
    as it would have, every map replaced and listed.

    Masking the signal would not do: the kernel hands it to any thread that does not mask
    it (numerical libraries start their own). Outside the main thread, where handlers
    cannot be set, this does nothing.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        # A handler set outside Python reads as None; the default one stands in for it.
        signal.signal(signal.SIGINT, signal.default_int_handler if previous is None else previous)


def _maps_of_no_article(out_dir: Path, built: set[str]) -> list[Problem]:
    """Maps this tool made in ``out_dir`` that the data no longer has an article for.

    They are reported, not removed: the folder may hold maps built from other data.
    """
    found = []
    for path in sorted(out_dir.glob("*.html")):
        if path.name in built:
            continue
        try:
            with path.open("rb") as handle:
                head = handle.read(4096)
        except OSError:
            continue
        if MAP_SIGNATURE in head:
            found.append(
                Problem(
                    str(path),
                    "-",
                    "-",
                    "is a map of no article of the data (left as it is; remove it if the "
                    "article is gone)",
                )
            )
    return found
