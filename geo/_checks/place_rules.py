"""What each kind of place must record, beyond the GeoJSON rules of :mod:`geo._checks.geometry`."""

from __future__ import annotations

import re
from collections.abc import Iterator

from shapely.geometry.base import BaseGeometry

from geo._checks.geometry import geodesic_area_km2, geodesic_length_km
from geo._checks.markup import url_problem
from geo._checks.numbers import format_number, numbers_in
from geo._loading.schema import Facts, PlaceProperties

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

FACT_TOLERANCE = 0.005
"""Stored geodesic facts may differ from the recomputed ones by this fraction (rounding)."""
POINT_KINDS = frozenset(kind for kind, types in GEOMETRY_BY_KIND.items() if types == {"Point"})

Issue = tuple[str, str]


def kind_problems(properties: PlaceProperties, geom: BaseGeometry) -> list[Issue]:
    """Return ``(field, message)`` for each way a place breaks the rules of its kind."""
    kind = properties.kind
    if geom.geom_type not in GEOMETRY_BY_KIND[kind]:
        allowed = " or ".join(sorted(GEOMETRY_BY_KIND[kind]))
        return [("geometry", f"a {kind} must be a {allowed}, not a {geom.geom_type}")]
    issues: list[Issue] = list(_fact_problems(kind, properties.facts, geom))
    issues.extend(_alias_problems(properties.aliases))
    issues.extend(_cited_problems(properties))
    if kind == "disputed-area":
        issues.extend(_disputed_problems(properties))
    if kind == "route":
        issues.extend(_route_problems(properties, geom))
    return issues


def _fact_problems(kind: str, facts: Facts, geom: BaseGeometry) -> Iterator[Issue]:
    if geom.geom_type in _POLYGONS:
        name, actual, unit = "area_km2", geodesic_area_km2(geom), "km²"
    elif geom.geom_type in _LINES:
        name, actual, unit = "length_km", geodesic_length_km(geom), "km"
    else:
        return
    stored = getattr(facts, name)
    if stored is None:
        yield f"facts.{name}", f"is missing: a {kind} records its geodesic {name}"
    elif abs(stored - actual) > FACT_TOLERANCE * actual + 0.5:
        yield (
            f"facts.{name}",
            f"says {format_number(stored)} but the geometry measures {actual:,.1f} {unit}",
        )


_MEASURES = ("area_km2", "length_km")


def _cited_problems(properties: PlaceProperties) -> Iterator[Issue]:
    """A figure not measured here (an official area, a road's length) names its source, and
    measures what the place's geometry can have: an area for a polygon, a length for a line."""
    measured = {name for name in _MEASURES if getattr(properties.facts, name) is not None}
    for index, figure in enumerate(properties.cited_figures):
        where = f"cited_figures[{index}]"
        if figure.source is None:
            yield (
                f"{where}.source",
                "is missing: a figure that is not measured here names its source (title, "
                "publisher, and the words that state it)",
            )
        elif figure.source.url is None and figure.source.title is None:
            yield f"{where}.source", "names neither a title nor a url: say where a reader finds it"
        elif figure.source.url is not None and (bad := url_problem(figure.source.url)):
            yield f"{where}.source.url", bad
        elif figure.value not in (stated := numbers_in(figure.source.excerpt)):
            said = "; ".join(format_number(n) for n in stated) or "no number"
            yield (
                f"{where}.value",
                f"{format_number(figure.value)} is not a number its source's excerpt states "
                f"(it states {said})",
            )
        if figure.measure not in measured:
            yield (
                f"{where}.measure",
                f"{figure.measure} is not what a {properties.kind} measures here "
                f"(its facts hold {', '.join(sorted(measured)) or 'no measure'})",
            )


_DESCRIPTION = re.compile(r"\d|\b(?:USD|US\$|Rs|PKR|CNY|INR)\b|[$€£¥₹]|^(?!the )[a-z]")


def _alias_problems(aliases: list[str]) -> Iterator[Issue]:
    """An alias is another name of the place ("Baluchistan", "PoK"), never a description
    ("southwestern Pakistan") or a figure ("USD 50 billion corridor"): a reader finds the
    place under it, and a text that describes the place does not name it."""
    for index, alias in enumerate(aliases):
        if _DESCRIPTION.search(alias):
            yield (
                f"aliases[{index}]",
                f"{alias!r} describes the place rather than names it (a figure, or a word "
                "in lower case first); record the article's wording in the claim's "
                "place_terms instead",
            )


def _normalised(term: str) -> str:
    return re.sub(r"\s+", " ", term).strip().casefold()


def _disputed_problems(properties: PlaceProperties) -> Iterator[Issue]:
    for field in ("administered_by", "claimed_by"):
        if not getattr(properties, field):
            yield field, "must list at least one country"
    holders = set(properties.administered_by or ())
    for party in properties.claimed_by or ():
        if party in holders:
            yield (
                "claimed_by",
                f"{party!r} administers it: list here only the parties that claim what "
                "another holds",
            )
    terms = properties.terms_by_party
    if terms is None:
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
    name = properties.name
    if _normalised(name) in partisan:
        yield (
            "name",
            f"{name!r} is the term {partisan[_normalised(name)]} uses; "
            "the display name must be neutral",
        )


def _route_problems(properties: PlaceProperties, geom: BaseGeometry) -> Iterator[Issue]:
    if properties.schematic is not True:
        yield "schematic", "must be true: routes are drawn through waypoints, not surveyed"
    waypoints = properties.waypoints or []
    if len(waypoints) < 2:
        yield "waypoints", "must list at least two named waypoints"
        return
    vertices = [tuple(xy[:2]) for xy in geom.coords]
    for index, waypoint in enumerate(waypoints):
        if tuple(waypoint.coordinates) not in vertices:
            yield (
                f"waypoints[{index}].coordinates",
                f"{waypoint.name}: must be a vertex of the route",
            )
    ends = [tuple(waypoints[0].coordinates), tuple(waypoints[-1].coordinates)]
    if ends != [vertices[0], vertices[-1]]:
        yield "waypoints", "the first and last waypoints must be the route's ends"
