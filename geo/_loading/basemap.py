"""The offline background map: every country around the corridor, coarsely drawn.

It lies in ``data/basemap/countries.geojson`` (written by ``corridor-map places rebuild``)
and is drawn beneath the online tiles, so a map opened with no internet still shows
coasts and borders. It is optional: without it the map has no offline background.
"""

from __future__ import annotations

from pathlib import Path

from geo._checks.geometry import CheckedGeometry, check_geometry
from geo._loading.fileio import DataReader, FileProblem
from geo.errors import Problem

BASEMAP_FILE = Path("basemap") / "countries.geojson"


def load_basemap(reader: DataReader) -> tuple[list[CheckedGeometry] | None, list[Problem]]:
    """Read and check the background map, if the data folder has one.

    Returns
    -------
    tuple of (list of CheckedGeometry or None, list of Problem)
        The geometries of its features (no text reaches the map from it), or ``None``
        when absent or broken, and the problems found.
    """
    path = reader.root / BASEMAP_FILE
    if not path.exists() and not path.is_symlink():
        return None, []
    shown = reader.shown(path)
    try:
        document = reader.json(path, unique_keys=False)
    except FileProblem as exc:
        return None, [exc.problem]
    if not isinstance(document, dict) or not isinstance(document.get("features"), list):
        return None, [Problem(shown, "-", "-", "must be a GeoJSON FeatureCollection")]
    problems: list[Problem] = []
    geometries = []
    for index, feature in enumerate(document["features"]):
        label = f"feature #{index + 1}"
        if not isinstance(feature, dict):
            problems.append(Problem(shown, label, "-", "must be a GeoJSON Feature"))
            continue
        checked, whys = check_geometry(feature.get("geometry"))
        problems.extend(Problem(shown, label, "geometry", why) for why in whys)
        if checked is not None:
            geometries.append(checked)
    if problems:
        return None, problems
    return geometries, []
