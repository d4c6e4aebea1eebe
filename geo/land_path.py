"""The shortest line over land between two points, for schematic roads along a coast.

A schematic route is drawn as straight segments between named waypoints. Where a coast
curves inland between two coastal towns (Ormara and Pasni on the Makran coast), the straight
segment runs over the sea, which no road does. :func:`land_path` replaces such a segment by
the shortest line that keeps to the land, at least ``margin_km`` inside the coast, found on
the visibility graph of the coast's vertices in a local equidistant projection (the
shortest path inside a polygon bends only at its vertices).
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Sequence

import numpy as np
import shapely
from pyproj import CRS, Transformer
from shapely.geometry import LineString, MultiPoint, Point, Polygon
from shapely.geometry.base import BaseGeometry

from geo.errors import CorridorMapError

LAND_MARGIN_KM = 2.0
"""How far inside the drawn coast a detour keeps, so that simplified coasts do not touch it."""
_SEARCH_FACTOR = 0.6
"""The detour is sought within this share of the segment's length around it."""
_SLACK_M = 1.0
"""Metres a line may stray outside the land it must keep to (floating point)."""

Position = tuple[float, float]


class NoLandPathError(CorridorMapError):
    """No line over land joins two waypoints (one of them is at sea, or on an island)."""


def land_path(
    start: Position, end: Position, land: BaseGeometry, margin_km: float = LAND_MARGIN_KM
) -> list[Position]:
    """Return the vertices, ``start`` to ``end``, of the shortest line over ``land``.

    Parameters
    ----------
    start, end : tuple of float
        Longitude and latitude of the two waypoints.
    land : BaseGeometry
        The land, in longitude/latitude (polygons).
    margin_km : float
        Where the straight segment leaves the land, the detour keeps this far inside it;
        only its first and last legs, which reach waypoints on the coast, may come closer.

    Returns
    -------
    list of tuple of float
        ``[start, end]`` when the straight segment stays on land; otherwise ``start``, the
        coast vertices the detour bends at, and ``end``.

    Raises
    ------
    NoLandPathError
        When the land near the segment does not join the two points.
    """
    segment = LineString([start, end])
    mid_lon, mid_lat = (start[0] + end[0]) / 2, (start[1] + end[1]) / 2
    local = CRS.from_proj4(f"+proj=aeqd +lat_0={mid_lat} +lon_0={mid_lon} +datum=WGS84 +units=m")
    forward = _projector(Transformer.from_crs(CRS.from_epsg(4326), local, always_xy=True))
    back = _projector(Transformer.from_crs(local, CRS.from_epsg(4326), always_xy=True))

    a, b = forward(Point(start)), forward(Point(end))
    straight = LineString([a, b])
    reach = straight.length * _SEARCH_FACTOR
    window = shapely.box(
        min(a.x, b.x) - reach, min(a.y, b.y) - reach, max(a.x, b.x) + reach, max(a.y, b.y) + reach
    )
    window_lonlat = back(window.segmentize(reach / 8)).envelope
    near = forward(land.intersection(window_lonlat)).intersection(window)
    ground = near.buffer(_SLACK_M)
    shapely.prepare(ground)
    if ground.covers(straight):
        return [start, end]
    if not (ground.covers(a) and ground.covers(b)):
        raise NoLandPathError(f"{_where(segment)}: a waypoint is not on the land drawn here")
    inner = near.buffer(-margin_km * 1000)
    inner_ground = inner.buffer(_SLACK_M)
    shapely.prepare(inner_ground)
    nodes: list[tuple[float, float]] = [(a.x, a.y), (b.x, b.y), *_vertices(inner)]
    route = _shortest(nodes, ground, inner_ground)
    if route is None:
        raise NoLandPathError(f"{_where(segment)}: no line over land joins the two waypoints")
    bends = back(MultiPoint([nodes[i] for i in route[1:-1]])) if len(route) > 2 else None
    inner_points = [(p.x, p.y) for p in getattr(bends, "geoms", [])]
    return [start, *((float(x), float(y)) for x, y in inner_points), end]


def _projector(transformer: Transformer) -> Callable[[BaseGeometry], BaseGeometry]:
    def project(geom: BaseGeometry) -> BaseGeometry:
        def coords(xy: np.ndarray) -> np.ndarray:
            x, y = transformer.transform(xy[:, 0], xy[:, 1])
            return np.column_stack([x, y])

        return shapely.transform(geom, coords)

    return project


def _vertices(geom: BaseGeometry) -> list[tuple[float, float]]:
    polygons: Sequence[Polygon] = getattr(geom, "geoms", [geom])
    points: list[tuple[float, float]] = []
    for polygon in polygons:
        if polygon.is_empty:
            continue
        for ring in (polygon.exterior, *polygon.interiors):
            points.extend((x, y) for x, y in list(ring.coords)[:-1])
    return points


def _shortest(
    nodes: list[tuple[float, float]], ground: BaseGeometry, inner_ground: BaseGeometry
) -> list[int] | None:
    """Dijkstra from node 0 to node 1; legs touching a waypoint may use all the land."""

    def visible(i: int, j: int) -> bool:
        leg = LineString([nodes[i], nodes[j]])
        return bool((ground if i < 2 or j < 2 else inner_ground).covers(leg))

    best = {0: 0.0}
    previous: dict[int, int] = {}
    queue = [(0.0, 0)]
    done: set[int] = set()
    while queue:
        cost, i = heapq.heappop(queue)
        if i in done:
            continue
        if i == 1:
            path = [1]
            while path[-1] != 0:
                path.append(previous[path[-1]])
            return path[::-1]
        done.add(i)
        for j in range(len(nodes)):
            if j in done or j == i:
                continue
            step = math.dist(nodes[i], nodes[j])
            if cost + step >= best.get(j, math.inf) or not visible(i, j):
                continue
            best[j] = cost + step
            previous[j] = i
            heapq.heappush(queue, (cost + step, j))
    return None


def _where(segment: LineString) -> str:
    (x0, y0), (x1, y1) = segment.coords
    return f"from [{x0}, {y0}] to [{x1}, {y1}]"
