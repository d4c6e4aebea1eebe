"""Geometry checks (RFC 7946) and geodesic measures."""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import orjson
import shapely
import shapely.errors
from pyproj import Geod
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry
from shapely.validation import explain_validity

MAX_DECIMALS = 6
WGS84 = Geod(ellps="WGS84")

_DEPTH = {
    "Point": 0,
    "MultiPoint": 1,
    "LineString": 1,
    "MultiLineString": 2,
    "Polygon": 2,
    "MultiPolygon": 3,
}


@dataclass(frozen=True)
class CheckedGeometry:
    """A geometry that passed :func:`check_geometry`.

    Attributes
    ----------
    shape : BaseGeometry
        The shape, in longitude/latitude.
    json : str
        The geometry as compact GeoJSON (``type`` and ``coordinates`` only). It holds
        only numbers and a type name, so it can go into a page's script element as it is.
    """

    shape: BaseGeometry
    json: str


def check_geometry(geometry: Any) -> tuple[CheckedGeometry | None, list[str]]:
    """Check ``geometry`` (see :func:`geometry_problems`); return it checked when valid.

    Valid geometries take a fast path: GEOS parses the GeoJSON and numpy checks every
    position at once. Anything the fast path does not accept goes through the detailed
    checks, which say exactly what is wrong.
    """
    checked = _fast_check(geometry)
    if checked is not None:
        return checked, []
    problems = geometry_problems(geometry)
    if problems:
        return None, problems
    return CheckedGeometry(to_shape(geometry), geometry_json(geometry)), []


def geometry_json(geometry: dict[str, Any]) -> str:
    """A geometry's ``type`` and ``coordinates`` as compact JSON.

    orjson writes coordinates about ten times as fast as the standard library; what it
    cannot write (integers over 64 bits) raises ``TypeError``.
    """
    data = {"type": geometry["type"], "coordinates": geometry["coordinates"]}
    return orjson.dumps(data).decode("utf-8")


def _fast_check(geometry: Any) -> CheckedGeometry | None:
    kind = geometry.get("type") if isinstance(geometry, dict) else None
    if not isinstance(kind, str) or kind not in _DEPTH:
        return None
    if set(geometry) != {"type", "coordinates"}:
        return None
    try:
        text = geometry_json(geometry)
        geom = shapely.from_geojson(text)
    except (ValueError, TypeError, shapely.errors.GEOSException):
        return None
    if geom is None or geom.is_empty or geom.geom_type != geometry["type"]:
        return None
    coords = shapely.get_coordinates(geom)
    if not (
        np.isfinite(coords).all()
        and (np.abs(coords[:, 0]) <= 180).all()
        and (np.abs(coords[:, 1]) <= 90).all()
        and (np.round(coords, MAX_DECIMALS) == coords).all()
    ):
        return None
    parts = shapely.get_parts(geom)
    if shapely.is_empty(parts).any():
        return None
    if geom.geom_type in {"Polygon", "MultiPolygon"}:
        rings, owner = shapely.get_rings(parts, return_index=True)
        exterior = np.ones(len(rings), dtype=bool)
        exterior[1:] = owner[1:] != owner[:-1]
        if (shapely.get_num_coordinates(rings) < 4).any():
            return None
        if not (shapely.is_ccw(rings) == exterior).all():
            return None
        if _jumps_antimeridian(rings):
            return None
    elif geom.geom_type in {"LineString", "MultiLineString"} and _jumps_antimeridian(parts):
        return None
    if not geom.is_valid:
        return None
    return CheckedGeometry(geom, text)


def _jumps_antimeridian(lines: np.ndarray) -> bool:
    """Whether any line or ring steps more than 180° of longitude between two positions."""
    coords, owner = shapely.get_coordinates(lines, return_index=True)
    steps = np.abs(np.diff(coords[:, 0]))
    return bool((steps[owner[1:] == owner[:-1]] > 180).any())


def geometry_problems(geometry: Any) -> list[str]:
    """Return every way ``geometry`` breaks the project's GeoJSON rules (empty when none).

    The rules are RFC 7946's plus the project's: a known geometry type, finite
    longitude/latitude positions in range with at most :data:`MAX_DECIMALS` decimals,
    closed rings of four or more positions, counter-clockwise outer rings and clockwise
    holes, and a valid shape (no self-intersection).
    """
    if not isinstance(geometry, dict):
        return ["must be a GeoJSON geometry object"]
    kind = geometry.get("type")
    if not isinstance(kind, str) or kind not in _DEPTH:
        allowed = ", ".join(_DEPTH)
        return [f"type {kind!r} is not one of: {allowed}"]
    coordinates = geometry.get("coordinates")
    positions: list[list[float]] = []
    structure = _collect_positions(coordinates, _DEPTH[kind], positions)
    if structure:
        return [f"{kind} coordinates {structure}"]
    if not positions:
        return [f"{kind} has no coordinates"]
    problems = _position_problems(positions)
    if problems:
        return problems
    problems = _antimeridian_problems(kind, coordinates) or _part_problems(kind, coordinates)
    if problems:
        return problems
    geom = to_shape(geometry)
    if not geom.is_valid:
        problems.append(f"is not valid: {explain_validity(geom)}")
    return problems


def to_shape(geometry: dict[str, Any]) -> BaseGeometry:
    """Convert a checked GeoJSON geometry into a shapely geometry."""
    return shape(geometry)


def _collect_positions(value: Any, depth: int, out: list[list[float]]) -> str | None:
    if depth == 0:
        if not isinstance(value, list) or len(value) not in (2, 3):
            return "must hold positions of 2 or 3 numbers"
        if not all(isinstance(n, int | float) and not isinstance(n, bool) for n in value):
            return "must hold positions of numbers"
        out.append(value)
        return None
    if not isinstance(value, list):
        return "are not nested as the geometry type requires"
    for item in value:
        why = _collect_positions(item, depth - 1, out)
        if why:
            return why
    return None


def _position_problems(positions: list[list[float]]) -> list[str]:
    problems: list[str] = []
    for position in positions:
        lon, lat = position[0], position[1]
        if not all(math.isfinite(value) for value in position):
            shown = ", ".join(str(value) for value in position)
            problems.append(f"position [{shown}] is not finite")
        elif not (-180 <= lon <= 180 and -90 <= lat <= 90):
            problems.append(
                f"position [{lon}, {lat}] is out of range (longitude first, -180..180; "
                "latitude -90..90)"
            )
        elif _decimals(lon) > MAX_DECIMALS or _decimals(lat) > MAX_DECIMALS:
            problems.append(f"position [{lon}, {lat}] has more than {MAX_DECIMALS} decimals")
        if problems:
            break
    return problems


def _decimals(value: float) -> int:
    text = repr(float(value))
    if "e" in text:
        mantissa, exponent = text.split("e")
        return max(0, len(mantissa.partition(".")[2].rstrip("0")) - int(exponent))
    return len(text.partition(".")[2].rstrip("0"))


def _part_problems(kind: str, coordinates: Any) -> list[str]:
    if kind == "LineString":
        return [] if len(coordinates) >= 2 else ["LineString needs at least 2 positions"]
    if kind == "MultiLineString":
        return [p for line in coordinates for p in _part_problems("LineString", line)][:1]
    if kind == "Polygon":
        return _polygon_problems(coordinates)
    if kind == "MultiPolygon":
        return [p for polygon in coordinates for p in _polygon_problems(polygon)][:1]
    return []


def _antimeridian_problems(kind: str, coordinates: Any) -> list[str]:
    """A line or ring stepping more than 180° of longitude is one drawn the long way
    round the world: it meant to cross the antimeridian, which GeoJSON cannot say."""
    if kind in ("Point", "MultiPoint"):
        return []
    depth = _DEPTH[kind]
    lines = [coordinates] if depth == 1 else coordinates
    if depth == 3:
        lines = [ring for polygon in coordinates for ring in polygon]
    for line in lines:
        for before, after in itertools.pairwise(line):
            if abs(after[0] - before[0]) > 180:
                return [
                    f"steps {abs(after[0] - before[0]):g}° of longitude from "
                    f"[{before[0]}, {before[1]}] to [{after[0]}, {after[1]}], the long way round "
                    "the world; a shape crossing the antimeridian must be cut in two at ±180 "
                    "(RFC 7946 §3.1.9)"
                ]
    return []


def _polygon_problems(rings: list[list[list[float]]]) -> list[str]:
    if not rings:
        return ["Polygon has no rings"]
    for index, ring in enumerate(rings):
        which = "outer ring" if index == 0 else f"hole #{index}"
        if len(ring) < 4:
            return [f"{which} needs at least 4 positions"]
        if ring[0][:2] != ring[-1][:2]:
            return [f"{which} is not closed (first and last positions differ)"]
        area = _signed_area(ring)
        if index == 0 and area < 0:
            return ["outer ring is clockwise; RFC 7946 wants counter-clockwise"]
        if index > 0 and area > 0:
            return [f"{which} is counter-clockwise; RFC 7946 wants clockwise"]
    return []


def _signed_area(ring: list[list[float]]) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0, *_), (x1, y1, *_) in itertools.pairwise(ring)) / 2


def geodesic_area_km2(geom: BaseGeometry) -> float:
    """Area of a (multi)polygon on the WGS 84 ellipsoid, in square kilometres.

    Each ring's signed area counts (holes run the other way round, so they subtract),
    as in pyproj's ``geometry_area_perimeter``; the rings go to pyproj as numpy arrays,
    which is several times faster than its conversion of shapely geometries.
    """
    total = 0.0
    for ring in shapely.get_rings(shapely.get_parts(geom)):
        coords = shapely.get_coordinates(ring)
        area, _ = WGS84.polygon_area_perimeter(coords[:, 0], coords[:, 1])
        total += area
    return abs(total) / 1e6


def geodesic_length_km(geom: BaseGeometry) -> float:
    """Length of a (multi)line on the WGS 84 ellipsoid, in kilometres."""
    return float(WGS84.geometry_length(geom)) / 1000


def centre(geom: BaseGeometry) -> BaseGeometry:
    """A point standing for a shape, surely on it: the point itself, a line's middle, or a
    polygon's centroid when it lies inside (else a point surely inside).

    The one rule for where a place is: its claims' markers and labels, the centre the
    fact-check measures from, and the point checked to lie in the place's country.
    """
    if geom.geom_type == "Point":
        return geom
    if geom.geom_type in {"LineString", "MultiLineString"}:
        return geom.interpolate(0.5, normalized=True)
    centroid = geom.centroid
    return centroid if geom.contains(centroid) else geom.representative_point()
