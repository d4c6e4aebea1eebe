"""corridor-map: turn a news article into an interactive, fact-anchored map.

The public API is what :data:`__all__` lists (see :mod:`geo.api`); everything in the
sub-packages (``geo._loading``, ``geo._checks``, ``geo._rendering``, ``geo._sources``,
``geo._building``, ``geo._drafting``, ``geo._export``) is internal and may change.

Examples
--------
>>> import geo
>>> dataset = geo.load_dataset("data")
>>> dataset.claims_frame().head()
>>> geo.article_map(dataset, dataset.articles[0].id)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "EXPORT_FORMATS",
    "Article",
    "BuildResult",
    "Claim",
    "CorridorMapError",
    "DataError",
    "Dataset",
    "Place",
    "Speaker",
    "article_map",
    "build_maps",
    "export",
    "load_dataset",
]

_HOMES = {
    "EXPORT_FORMATS": "geo.api",
    "Article": "geo.model",
    "BuildResult": "geo._building.build",
    "Claim": "geo.model",
    "CorridorMapError": "geo.errors",
    "DataError": "geo.errors",
    "Dataset": "geo.model",
    "Place": "geo.model",
    "Speaker": "geo.model",
    "article_map": "geo.api",
    "build_maps": "geo.api",
    "export": "geo.api",
    "load_dataset": "geo.api",
}

if TYPE_CHECKING:
    from geo._building.build import BuildResult
    from geo.api import EXPORT_FORMATS, article_map, build_maps, export, load_dataset
    from geo.errors import CorridorMapError, DataError
    from geo.model import Article, Claim, Dataset, Place, Speaker


def __getattr__(name: str) -> Any:
    # Imported on first use, so that `import geo` (and the command line's start) stays cheap.
    if name not in _HOMES:
        raise AttributeError(f"module 'geo' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(_HOMES[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
