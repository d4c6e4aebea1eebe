"""The library: load a data folder, look at it as GeoDataFrames, draw its maps, export it.

Everything here is re-exported by :mod:`geo` (see :data:`geo.__all__`)::

    import geo

    dataset = geo.load_dataset("data")
    claims = dataset.claims_frame()          # a GeoDataFrame, one row per claim
    m = geo.article_map(dataset, dataset.articles[0].id)   # a folium.Map
    m                                         # shows the map in Jupyter
    geo.export(dataset, "gpkg", "claims.gpkg")
    geo.build_maps("data", "maps")
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geo._building.build import BuildResult, Progress
from geo._building.build import build_maps as _build_maps
from geo._checks.validate import load_dataset as _load_dataset
from geo._checks.validate_ids import unknown_id_message
from geo._export.files import EXPORT_FORMATS as EXPORT_FORMATS
from geo.errors import CorridorMapError
from geo.model import Dataset

if TYPE_CHECKING:
    import folium


def load_dataset(path: str | os.PathLike[str]) -> Dataset:
    """Load and validate the data folder at ``path``.

    Parameters
    ----------
    path : str or path-like
        The data folder, holding ``articles/`` and ``geojson/``.

    Returns
    -------
    Dataset
        Its places, articles (each with its claims), basemap and settings; see
        :meth:`Dataset.places_frame` and :meth:`Dataset.claims_frame`.

    Raises
    ------
    DataError
        When anything is wrong; ``problems`` lists every problem, as ``validate`` does.
    CorridorMapError
        When ``path`` is not a folder.
    """
    return _load_dataset(Path(path))


def article_map(dataset: Dataset, article_id: str) -> folium.Map:
    """The interactive map of one article, as a ``folium.Map``.

    The map is the one ``corridor-map build`` writes, byte for byte (standalone layout):
    shown in a notebook it is the whole page (claims panel, popups, legend); ``.save(path)``
    writes the HTML. folium elements added to it are drawn on it.

    Parameters
    ----------
    dataset : Dataset
        From :func:`load_dataset`.
    article_id : str
        The article's id.

    Raises
    ------
    KeyError
        When the dataset holds no such article.
    """
    from geo._rendering.render import ArticleMaps

    return ArticleMaps(dataset).folium_map(dataset.article(article_id))


def build_maps(
    data: str | os.PathLike[str],
    out: str | os.PathLike[str],
    *,
    jobs: int = 1,
    force: bool = False,
    layout: str | None = None,
    progress: Progress | None = None,
    dask: str | Any | None = None,
) -> BuildResult:
    """Validate the data folder ``data`` and write its maps into ``out``, as
    ``corridor-map build`` does (see :func:`geo._building.build.build_maps`).

    Returns
    -------
    BuildResult
        The maps (``.maps``: path and whether it changed), the data's warnings, and the
        maps removed because their article is gone.
    """
    return _build_maps(
        Path(data), Path(out), jobs=jobs, force=force, progress=progress, layout=layout, dask=dask
    )


def export(
    dataset: Dataset,
    fmt: str,
    out: str | os.PathLike[str],
    *,
    article_id: str | None = None,
    layer: str | None = None,
) -> Path:
    """Write the dataset's claims or places for GIS, or an article's card as an image.

    Parameters
    ----------
    dataset : Dataset
        From :func:`load_dataset`.
    fmt : {"geojson", "csv", "gpkg", "png", "svg"}
        ``geojson`` (RFC 7946) and ``csv`` (geometry as WKT) hold one layer: ``claims``
        (the default) or ``places``. ``gpkg`` holds both layers (or the one ``layer``
        names). ``png`` (2400×1350, a 1200×675 card at 2×) and ``svg`` draw one article.
    out : str or path-like
        The file to write; written beside itself and renamed into place.
    article_id : str, optional
        Only this article's claims, and the places they draw on its map (and for an
        image, the article drawn; needed when the data holds several).
    layer : {"claims", "places"}, optional
        The layer of a GIS file.

    Returns
    -------
    Path
        ``out``.

    Raises
    ------
    CorridorMapError
        For an unknown format, layer or article, or a file that cannot be written.
    """
    from geo._export import files

    target = Path(out)
    if fmt not in EXPORT_FORMATS:
        raise CorridorMapError(
            f"unknown export format {fmt!r} (one of {', '.join(EXPORT_FORMATS)})"
        )
    if layer is not None and layer not in files.LAYERS:
        raise CorridorMapError(f"unknown layer {layer!r} (claims or places)")
    known = [a.id for a in dataset.articles]
    if article_id is not None and article_id not in known:
        raise CorridorMapError(unknown_id_message(article_id, sorted(known), "article"))
    if fmt in ("png", "svg"):
        from geo._export.card import card_bytes

        if layer is not None:
            raise CorridorMapError(f"--layer is for geojson, csv and gpkg, not {fmt}")
        if article_id is None:
            if len(known) != 1:
                names = ", ".join(known)
                raise CorridorMapError(f"a {fmt} card draws one article: name it ({names})")
            article_id = dataset.articles[0].id
        data = card_bytes(dataset, dataset.article(article_id), fmt)

        def write(path: Path) -> None:
            path.write_bytes(data)

        files.write_atomically(target, write)
        return target
    frames = {}
    for name in [layer] if layer else (files.LAYERS if fmt == "gpkg" else ["claims"]):
        frames[name] = _layer_frame(dataset, name, article_id)
    if fmt == "gpkg":
        files.write_gpkg(frames, target)
    elif fmt == "geojson":
        files.write_geojson(next(iter(frames.values())), target)
    else:
        files.write_csv(next(iter(frames.values())), target)
    return target


def _layer_frame(dataset: Dataset, layer: str, article_id: str | None) -> Any:
    if layer == "claims":
        return dataset.claims_frame(article_id)
    if article_id is None:
        return dataset.places_frame()
    from geo._rendering.render import drawn_places

    article = dataset.article(article_id)
    # Its places, with the articles and claims of this article alone.
    places = dataclasses.replace(dataset, articles=[article]).places_frame()
    drawn = drawn_places(dataset, article)
    return places[places["id"].isin(list(drawn))].reset_index(drop=True)
