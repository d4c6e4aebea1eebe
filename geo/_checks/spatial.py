"""Geodesic measures between places, for checking what a sentence says about geography.

Every distance and length is measured on the WGS 84 ellipsoid (pyproj), never in degrees:
two shapes' nearest points are found in a local azimuthal equidistant projection centred
where they meet, which keeps distances within a fraction of a percent at the scale of a
region.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely
from pyproj import CRS, Transformer
from shapely.geometry.base import BaseGeometry
from shapely.ops import nearest_points

from geo._checks.geometry import WGS84, centre, geodesic_area_km2, geodesic_length_km


def distance_km(a: BaseGeometry, b: BaseGeometry) -> float:
    """The shortest geodesic distance between two shapes (0 when they touch or overlap)."""
    if a.intersects(b):
        return 0.0
    near_a, near_b = nearest_points(a, b)
    local = _local(near_a.x, near_a.y)
    # The nearest points in degrees may not be the nearest on the ellipsoid: measure again
    # in the local projection, then take the true geodesic between the points found there.
    near_a, near_b = nearest_points(_projected(a, local), _projected(b, local))
    lon_a, lat_a = local.transform(near_a.x, near_a.y, direction="INVERSE")
    lon_b, lat_b = local.transform(near_b.x, near_b.y, direction="INVERSE")
    _, _, metres = WGS84.inv(lon_a, lat_a, lon_b, lat_b)
    return float(metres) / 1000


def bearing_deg(origin: BaseGeometry, target: BaseGeometry) -> float:
    """The initial geodesic bearing from ``origin``'s centre to ``target``'s (0 = north)."""
    a, b = centre(origin), centre(target)
    azimuth, _, _ = WGS84.inv(a.x, a.y, b.x, b.y)
    return float(azimuth) % 360


def centre_distance_km(a: BaseGeometry, b: BaseGeometry) -> float:
    """The geodesic distance between two shapes' centres."""
    pa, pb = centre(a), centre(b)
    _, _, metres = WGS84.inv(pa.x, pa.y, pb.x, pb.y)
    return float(metres) / 1000


def length_inside_km(line: BaseGeometry, area: BaseGeometry) -> float:
    """Geodesic length of the part of ``line`` inside ``area``."""
    inside = line.intersection(area)
    parts = [p for p in shapely.get_parts(inside) if p.geom_type in {"LineString", "LinearRing"}]
    return sum(geodesic_length_km(p) for p in parts)


def share_inside(part: BaseGeometry, whole: BaseGeometry) -> float:
    """How much of ``part`` lies in ``whole``: 1 or 0 for a point, the share of the area
    for a polygon, of the length for a line."""
    if part.geom_type in {"Point", "MultiPoint"}:
        return 1.0 if whole.intersects(part) else 0.0
    if part.geom_type in {"LineString", "MultiLineString"}:
        total = geodesic_length_km(part)
        return length_inside_km(part, whole) / total if total else 0.0
    total = geodesic_area_km2(part)
    inside = part.intersection(whole)
    return geodesic_area_km2(inside) / total if total and not inside.is_empty else 0.0


@dataclass(frozen=True)
class BoxPosition:
    """Where a point lies across a region's bounding box: 0 at the west (south) edge,
    1 at the east (north) edge."""

    across: float
    up: float


def box_position(point: BaseGeometry, region: BaseGeometry) -> BoxPosition:
    """The position of ``point`` within ``region``'s bounding box (longitude, latitude)."""
    west, south, east, north = region.bounds
    return BoxPosition(
        across=(point.x - west) / (east - west) if east > west else 0.5,
        up=(point.y - south) / (north - south) if north > south else 0.5,
    )


def _local(lon: float, lat: float) -> Transformer:
    crs = CRS.from_proj4(f"+proj=aeqd +lat_0={lat} +lon_0={lon} +datum=WGS84 +units=m")
    return Transformer.from_crs("EPSG:4326", crs, always_xy=True)


def _projected(geom: BaseGeometry, local: Transformer) -> BaseGeometry:
    def project(xy: np.ndarray) -> np.ndarray:
        x, y = local.transform(xy[:, 0], xy[:, 1])
        return np.column_stack([x, y])

    return shapely.transform(geom, project)
