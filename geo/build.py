"""Building every map of a data folder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from geo.errors import Problem
from geo.fileio import remove_stale_temp_files, write_atomic
from geo.overview import OVERVIEW_FILE, render_overview
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

    The data is validated, the shared part of the maps and the overview are rendered,
    and only then are maps written, one at a time (an archive's maps do not all sit in
    memory at once). Invalid data leaves the previous maps untouched; each write is atomic.

    Raises
    ------
    DataError
        When the data is invalid (nothing is written).
    """
    dataset = load_dataset(data_dir)
    maps = ArticleMaps(dataset)
    first = {
        out_dir / f"{article.id}.html": maps.render_bytes(article)
        for article in dataset.articles[:1]
    }
    if len(dataset.articles) > 1:
        first[out_dir / OVERVIEW_FILE] = render_overview(dataset).encode("utf-8")
    remove_stale_temp_files(out_dir)
    written = [BuiltMap(path, write_atomic(path, html)) for path, html in first.items()]
    for article in dataset.articles[1:]:
        path = out_dir / f"{article.id}.html"
        written.append(BuiltMap(path, write_atomic(path, maps.render_bytes(article))))
    written.sort(key=lambda item: item.path.name)
    return BuildResult(written, dataset.warnings)
