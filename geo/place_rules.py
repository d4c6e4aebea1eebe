"""What each kind of place must record, beyond the GeoJSON rules of :mod:`geo.geometry`."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from geo.geometry import geodesic_area_km2, geodesic_length_km

_POLYGONS = frozenset({"Polygon", "MultiPolygon"})
_LINES = frozenset({"LineString", "MultiLineString"})
GEOMETRY_BY_KIND: dict[str, frozenset[str]] = {
    "country": _POLYGONS,
    "region": _POLYGONS,
    "sea": _POLYGONS,
    "disputed-area": _POLYGONS,
    "city": frozenset({"Point"}),
    "port": frozenset({"Point"}),
    "mountain-pass": frozenset({"Point"}),
    "route": frozenset({"LineString"}),
    "claim-line": _LINES,
}
"""Every place kind and the geometry types it may have."""

ROLES = frozenset({"named", "context"})
FACT_TOLERANCE = 0.005
"""Stored geodesic facts may differ from the recomputed ones by this fraction (rounding)."""

Issue = tuple[str, str]


def kind_problems(
    name: str, kind: str, properties: dict[str, Any], geom: BaseGeometry
) -> list[Issue]:
    """Return ``(field, message)`` for each way a place breaks the rules of its kind."""
    issues: list[Issue] = []
    if geom.geom_type not in GEOMETRY_BY_KIND[kind]:
        allowed = " or ".join(sorted(GEOMETRY_BY_KIND[kind]))
        return [("geometry", f"a {kind} must be a {allowed}, not a {geom.geom_type}")]
    role = properties.get("role")
    if not isinstance(role, str) or role not in ROLES:
        issues.append(("role", f"{role!r} is not one of: {', '.join(sorted(ROLES))}"))
    facts = properties.get("facts", {})
    if not isinstance(facts, dict) or not all(
        isinstance(v, int | float) and not isinstance(v, bool) for v in facts.values()
    ):
        issues.append(("facts", "must be an object of numbers"))
    else:
        issues.extend(_fact_problems(kind, facts, geom))
    if kind == "disputed-area":
        issues.extend(_disputed_problems(name, properties))
    if kind == "route":
        issues.extend(_route_problems(properties, geom))
    return issues


def _fact_problems(kind: str, facts: Any, geom: BaseGeometry) -> Iterator[Issue]:
    if geom.geom_type in _POLYGONS:
        name, actual, unit = "area_km2", geodesic_area_km2(geom), "km²"
    elif geom.geom_type in _LINES:
        name, actual, unit = "length_km", geodesic_length_km(geom), "km"
    else:
        return
    stored = facts.get(name) if isinstance(facts, dict) else None
    if not isinstance(stored, int | float) or isinstance(stored, bool):
        yield f"facts.{name}", f"is missing: a {kind} records its geodesic {name}"
    elif abs(stored - actual) > FACT_TOLERANCE * actual + 0.5:
        yield (
            f"facts.{name}",
            f"says {stored:,} but the geometry measures {actual:,.1f} {unit}",
        )


def _strings(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, str) for v in value)


def _normalised(term: str) -> str:
    return re.sub(r"\s+", " ", term).strip().casefold()


def _disputed_problems(name: str, properties: dict[str, Any]) -> Iterator[Issue]:
    for field in ("administered_by", "claimed_by"):
        if not _strings(properties.get(field)):
            yield field, "must list at least one country"
    terms = properties.get("terms_by_party")
    if not isinstance(terms, dict) or not all(isinstance(v, str) for v in terms.values()):
        yield "terms_by_party", "must map each party (and 'neutral') to the term it uses"
        return
    neutral = terms.get("neutral")
    if not neutral:
        yield "terms_by_party", "must include the 'neutral' term"
    partisan = {
        _normalised(part): party
        for party, value in terms.items()
        if party != "neutral"
        for part in value.split(";")
    }
    partisan.pop(_normalised(neutral or ""), None)
    if _normalised(name) in partisan:
        yield (
            "name",
            f"{name!r} is the term {partisan[_normalised(name)]} uses; "
            "the display name must be neutral",
        )


def _route_problems(properties: dict[str, Any], geom: BaseGeometry) -> Iterator[Issue]:
    if properties.get("schematic") is not True:
        yield "schematic", "must be true: routes are drawn through waypoints, not surveyed"
    waypoints = properties.get("waypoints")
    if not isinstance(waypoints, list) or len(waypoints) < 2:
        yield "waypoints", "must list at least two named waypoints"
        return
    vertices = [tuple(xy[:2]) for xy in geom.coords]
    for index, waypoint in enumerate(waypoints):
        where = f"waypoints[{index}]"
        if not isinstance(waypoint, dict) or not isinstance(waypoint.get("name"), str):
            yield where, "must be an object with a name"
            continue
        source = waypoint.get("source")
        if not isinstance(source, dict) or not source.get("dataset"):
            yield f"{where}.source", f"{waypoint['name']}: must name the dataset of its coordinates"
        coordinates = waypoint.get("coordinates")
        if (
            not isinstance(coordinates, list)
            or len(coordinates) != 2
            or tuple(coordinates) not in vertices
        ):
            yield f"{where}.coordinates", f"{waypoint['name']}: must be a vertex of the route"
    ends = [waypoints[0], waypoints[-1]]
    if all(isinstance(w, dict) for w in ends) and [
        tuple(w.get("coordinates") or ()) for w in ends
    ] != [vertices[0], vertices[-1]]:
        yield "waypoints", "the first and last waypoints must be the route's ends"


def representative_point(geom: BaseGeometry) -> Point:
    """A point surely on ``geom`` (the point itself for a point)."""
    return geom if isinstance(geom, Point) else geom.representative_point()
