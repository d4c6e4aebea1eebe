"""Schematic roads keep to the land: the shortest line over land around a bay."""

from __future__ import annotations

import pytest
from shapely.geometry import LineString, Polygon, box

from geo._checks.geometry import geodesic_length_km
from geo._sources.land_path import NoLandPathError, land_path

# A coast with a bay: land everywhere in the box but a notch cut from the south edge, as
# the Makran coast curves inland between two headlands.
LAND = box(60.0, 24.0, 64.0, 27.0).difference(
    Polygon([(61.0, 24.0), (61.5, 25.6), (62.5, 25.6), (63.0, 24.0)])
)
WEST, EAST = (60.8, 24.5), (63.2, 24.5)
"""Two towns on the headlands either side of the bay."""


def test_a_segment_over_land_is_kept_straight() -> None:
    assert land_path((60.2, 26.5), (63.8, 26.0), LAND) == [(60.2, 26.5), (63.8, 26.0)]


def test_a_segment_across_a_bay_goes_round_it_on_land() -> None:
    straight = LineString([WEST, EAST])
    assert geodesic_length_km(straight.difference(LAND)) > 100  # the test's premise
    path = land_path(WEST, EAST, LAND)
    assert path[0] == WEST and path[-1] == EAST
    line = LineString(path)
    assert geodesic_length_km(line.difference(LAND)) < 0.01
    # It bends round the head of the bay, at least the margin inland of it ...
    assert max(y for _, y in path[1:-1]) > 25.6
    # ... and no further than it must: shorter than going by the bay's inland corners
    # with a 10 km margin.
    detour = LineString([WEST, (61.45, 25.7), (62.55, 25.7), EAST])
    assert geodesic_length_km(line) < geodesic_length_km(detour)


def test_the_detour_keeps_its_margin_from_the_coast() -> None:
    path = land_path(WEST, EAST, LAND, margin_km=5.0)
    bay_head = LineString([(61.5, 25.6), (62.5, 25.6)])
    inner = LineString(path[1:-1]) if len(path) > 3 else None
    assert inner is not None
    # 5 km is about 0.045° of latitude here.
    assert inner.distance(bay_head) > 0.04


def test_a_waypoint_at_sea_is_refused() -> None:
    with pytest.raises(NoLandPathError, match=r"from \[62\.0, 24\.5\] to \[63\.2, 24\.5\]: a "):
        land_path((62.0, 24.5), EAST, LAND)


def test_land_that_does_not_join_the_two_points_is_refused() -> None:
    islands = box(60.0, 24.0, 61.0, 25.0).union(box(62.0, 24.0, 63.0, 25.0))
    with pytest.raises(NoLandPathError, match="no line over land joins the two waypoints"):
        land_path((60.5, 24.5), (62.5, 24.5), islands)


def test_towns_on_the_shore_itself_are_reached() -> None:
    # Both towns lie on the bay's shore, inside the margin: only the legs reaching them may
    # come closer to the coast than the margin.
    west_shore, east_shore = (61.25, 24.8), (62.75, 24.8)
    path = land_path(west_shore, east_shore, LAND)
    assert path[0] == west_shore and path[-1] == east_shore
    line = LineString(path)
    assert geodesic_length_km(line.difference(LAND.buffer(1e-6))) < 0.01
    assert max(y for _, y in path[1:-1]) > 25.6


def test_a_bay_deeper_than_it_is_wide_is_gone_round() -> None:
    fjord = box(60.0, 20.0, 64.0, 27.0).difference(box(61.8, 20.0, 62.2, 26.0))
    start, end = (61.7, 21.0), (62.3, 21.0)
    path = land_path(start, end, fjord)
    assert geodesic_length_km(LineString(path).difference(fjord.buffer(1e-6))) < 0.01
    assert max(y for _, y in path) > 26.0


def test_land_in_several_pieces_is_used_as_one() -> None:
    land = LAND.difference(box(59.0, 26.5, 65.0, 26.6))  # a river across, cutting it in two
    assert land.geom_type == "MultiPolygon"
    path = land_path(WEST, EAST, land)
    assert geodesic_length_km(LineString(path).difference(land.buffer(1e-6))) < 0.01


def test_a_waypoint_repeated_is_a_segment_of_no_length() -> None:
    assert land_path(WEST, WEST, LAND) == [WEST, WEST]
