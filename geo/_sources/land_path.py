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
from shapely.geometry.polygon import orient

from geo.errors import CorridorMapError

LAND_MARGIN_KM = 2.0
"""How far inside the drawn coast a detour keeps, so that simplified coasts do not touch it."""
_SEARCH_FACTORS = (0.6, 2.0, None)
"""The detour is sought within this share of the segment's length around it, then wider,
then over all the land (a bay far deeper than wide between two towns on its shore)."""
_SIMPLIFY_M = 20.0
"""The projected coast is simplified this much before its corners are taken (the
densified edges add vertices on straight lines, where no path bends)."""
_CLEARLY_INLAND_DEGREES = 0.02
"""A segment this far from any coast is kept without projecting the land around it."""
_DENSIFY_DEGREES = 0.01
"""Longest edge of the land, in degrees, before it is projected (about 1 km)."""
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
    if start == end:
        return [start, end]
    shapely.prepare(land)
    if land.contains(LineString([start, end]).buffer(_CLEARLY_INLAND_DEGREES)):
        return [start, end]
    mid_lon, mid_lat = (start[0] + end[0]) / 2, (start[1] + end[1]) / 2
    local = CRS.from_proj4(f"+proj=aeqd +lat_0={mid_lat} +lon_0={mid_lon} +datum=WGS84 +units=m")
    forward = _projector(Transformer.from_crs(CRS.from_epsg(4326), local, always_xy=True))
    back = _projector(Transformer.from_crs(local, CRS.from_epsg(4326), always_xy=True))
    a, b = forward(Point(start)), forward(Point(end))
    straight = LineString([a, b])
    where = f"from [{start[0]}, {start[1]}] to [{end[0]}, {end[1]}]"
    for attempt, factor in enumerate(_SEARCH_FACTORS):
        if factor is None:
            window_lonlat = land.envelope
        else:
            reach = straight.length * factor
            window = shapely.box(*straight.buffer(reach, cap_style="square").bounds)
            window_lonlat = back(window.segmentize(reach / 8)).envelope
        # Densified first: a straight edge in degrees is curved in metres.
        near = forward(land.intersection(window_lonlat).segmentize(_DENSIFY_DEGREES))
        ground = near.buffer(_SLACK_M)
        shapely.prepare(ground)
        if attempt == 0:
            if ground.covers(straight):
                return [start, end]
            if not (ground.covers(a) and ground.covers(b)):
                raise NoLandPathError(f"{where}: a waypoint is not on the land drawn here")
        # A narrow neck of land may hold no line the full margin inside both coasts.
        for margin in (margin_km, margin_km / 4, 0.0):
            inner = near.buffer(-margin * 1000, quad_segs=2) if margin else near
            inner_ground = inner.buffer(_SLACK_M)
            shapely.prepare(inner_ground)
            corners = _reflex_vertices(inner.simplify(_SIMPLIFY_M))
            nodes: list[tuple[float, float]] = [(a.x, a.y), (b.x, b.y), *corners]
            route = _shortest(nodes, ground, inner_ground)
            if route is not None:
                bends = back(MultiPoint([nodes[i] for i in route[1:-1]]))
                inner_points = [(p.x, p.y) for p in getattr(bends, "geoms", [])]
                return [start, *((float(x), float(y)) for x, y in inner_points), end]
    raise NoLandPathError(f"{where}: no line over land joins the two waypoints")


def _projector(transformer: Transformer) -> Callable[[BaseGeometry], BaseGeometry]:
    def project(geom: BaseGeometry) -> BaseGeometry:
        def coords(xy: np.ndarray) -> np.ndarray:
            x, y = transformer.transform(xy[:, 0], xy[:, 1])
            return np.column_stack([x, y])

        return shapely.transform(geom, coords)

    return project


def _reflex_vertices(geom: BaseGeometry) -> list[tuple[float, float]]:
    """The vertices where the land turns away from the sea (its reflex corners): a
    shortest path over land bends only there."""
    polygons: Sequence[Polygon] = getattr(geom, "geoms", [geom])
    points: list[tuple[float, float]] = []
    for polygon in polygons:
        if polygon.is_empty or polygon.geom_type != "Polygon":
            continue
        # Counter-clockwise shell, clockwise holes: the land is on the left of every edge.
        polygon = orient(polygon, sign=1.0)
        for ring in (polygon.exterior, *polygon.interiors):
            ring_xy = np.asarray(ring.coords)[:-1]
            before = ring_xy - np.roll(ring_xy, 1, axis=0)
            after = np.roll(ring_xy, -1, axis=0) - ring_xy
            turn = before[:, 0] * after[:, 1] - before[:, 1] * after[:, 0]
            points.extend((float(x), float(y)) for x, y in ring_xy[turn < 0])
    return points


def _shortest(
    nodes: list[tuple[float, float]], ground: BaseGeometry, inner_ground: BaseGeometry
) -> list[int] | None:
    """A* from node 0 to node 1 (the straight distance left never overestimates);
    legs touching a waypoint may use all the land."""

    def visible(i: int, j: int) -> bool:
        leg = LineString([nodes[i], nodes[j]])
        return bool((ground if i < 2 or j < 2 else inner_ground).covers(leg))

    target = nodes[1]
    best = {0: 0.0}
    previous: dict[int, int] = {}
    queue = [(math.dist(nodes[0], target), 0)]
    done: set[int] = set()
    while queue:
        _, i = heapq.heappop(queue)
        if i in done:
            continue
        cost = best[i]
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
            heapq.heappush(queue, (cost + step + math.dist(nodes[j], target), j))
    return None
