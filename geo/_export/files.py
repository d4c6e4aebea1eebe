"""Claims and places as GIS files: RFC 7946 GeoJSON, CSV with WKT, a GeoPackage.

GeoJSON and the GeoPackage are written by GDAL through pyogrio; the CSV by pandas, its
geometry as WKT. Each file is written beside its target and renamed into place, and the
same data gives the same bytes (the GeoPackage's timestamps are fixed).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import shapely

from geo.errors import CorridorMapError

if TYPE_CHECKING:
    import geopandas

EXPORT_FORMATS = ("geojson", "csv", "gpkg", "png", "svg")
"""What ``export`` writes: GIS files of claims or places, or an article's card."""
LAYERS = ("claims", "places")
FIXED_TIMESTAMP = "2000-01-01T00:00:00.000Z"
"""What the GeoPackage records as its tables' last change, so its bytes are the data's."""
WKT_PRECISION = 6
"""Decimals of the CSV's WKT, as the data files hold at most."""


def write_atomically(out: Path, write: Callable[[Path], None]) -> None:
    """Let ``write`` write a temporary file beside ``out``, then rename it into place.

    Raises
    ------
    CorridorMapError
        ``<out>: cannot write: <reason>``, when the folder is missing or not writable, the
        disk is full, or GDAL cannot write; no temporary file is left.
    """
    folder = out.parent
    if out.exists() and not out.is_file():
        raise CorridorMapError(f"{out.as_posix()}: cannot write: it is not a regular file")
    if not folder.is_dir():
        raise CorridorMapError(
            f"{out.as_posix()}: cannot write: folder {folder.as_posix()} does not exist"
        )
    temporary: Path | None = None
    try:
        handle, name = tempfile.mkstemp(prefix=".corridor-map.", suffix=f".{out.name}", dir=folder)
        os.close(handle)
        temporary = Path(name)
        temporary.unlink()
        write(temporary)
        os.replace(temporary, out)
    except OSError as error:
        reason = error.strerror or str(error)
        raise CorridorMapError(f"{out.as_posix()}: cannot write: {reason}") from None
    except RuntimeError as error:  # GDAL's errors, through pyogrio
        raise CorridorMapError(f"{out.as_posix()}: cannot write: {error}") from None
    finally:
        if temporary is not None:
            temporary.unlink(missing_ok=True)


def _text_columns(frame: geopandas.GeoDataFrame) -> geopandas.GeoDataFrame:
    """Columns of nothing but missing values typed as text, which GDAL needs to make them."""
    frame = frame.copy()
    for column in frame.columns:
        if column != "geometry" and frame[column].isna().all():
            frame[column] = frame[column].astype("string")
    return frame


def write_geojson(frame: geopandas.GeoDataFrame, out: Path) -> None:
    """``frame`` as an RFC 7946 FeatureCollection (WGS 84, longitude first, no ``crs``)."""
    import pyogrio

    def write(path: Path) -> None:
        pyogrio.write_dataframe(
            _text_columns(frame),
            path,
            driver="GeoJSON",
            layer_options={
                "RFC7946": "YES",
                "COORDINATE_PRECISION": "6",
                "WRITE_NAME": "NO",
                # Text that looks like JSON ("[2017]") stays text.
                "AUTODETECT_JSON_STRINGS": "NO",
            },
        )

    write_atomically(out, write)


def write_csv(frame: geopandas.GeoDataFrame, out: Path) -> None:
    """``frame`` as CSV (UTF-8, a header row), its geometry as WKT in the last column."""
    table = frame.drop(columns="geometry")
    table["geometry"] = shapely.to_wkt(
        frame.geometry.values, rounding_precision=WKT_PRECISION, trim=True
    )

    def write(path: Path) -> None:
        table.to_csv(path, index=False, lineterminator="\n", encoding="utf-8")

    write_atomically(out, write)


def write_gpkg(frames: dict[str, geopandas.GeoDataFrame], out: Path) -> None:
    """``frames`` as one GeoPackage, a layer each, in their order."""
    import pyogrio

    def write(path: Path) -> None:
        with _gdal_options({"OGR_CURRENT_DATE": FIXED_TIMESTAMP}):
            for layer, frame in frames.items():
                pyogrio.write_dataframe(
                    _text_columns(frame), path, layer=layer, driver="GPKG", append=path.exists()
                )

    write_atomically(out, write)


@contextlib.contextmanager
def _gdal_options(options: dict[str, str]) -> Iterator[None]:
    """GDAL configuration options set for the span of a ``with`` block."""
    import pyogrio

    saved = {key: pyogrio.get_gdal_config_option(key) for key in options}
    pyogrio.set_gdal_config_options(options)
    try:
        yield
    finally:
        pyogrio.set_gdal_config_options(saved)
