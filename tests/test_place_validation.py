"""Each rule of a place's kind gives its own exact error line and exit status 1.

Each case breaks a fresh copy of the Kenyan fixture (:mod:`tests.fixtures`). Malformed files
and geometry (rings, ranges, swapped coordinates, unsafe ids) are in the
hostile-input corpus, tests/test_hostile_inputs.py.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from shapely.geometry import LineString, Polygon

from geo._checks.geometry import geodesic_length_km
from geo.cli import cli
from tests.fixtures import POINTS, place_file, write_fixture

Feature = dict[str, Any]


def edit_place(data: Path, place_id: str, change: Callable[[Feature], None]) -> None:
    path = data / "geojson" / f"{place_id}.geojson"
    document = json.loads(path.read_text(encoding="utf-8"))
    change(document["features"][0])
    path.write_text(json.dumps(document), encoding="utf-8")


@pytest.fixture
def kenya(tmp_path: Path) -> Path:
    return write_fixture(tmp_path / "data")


def errors(data: Path) -> tuple[int, list[str]]:
    result = CliRunner().invoke(cli, ["validate", "--data", str(data)])
    return result.exit_code, result.stderr.splitlines()


def set_property(name: str, value: Any) -> Callable[[Feature], None]:
    def change(feature: Feature) -> None:
        feature["properties"][name] = value

    return change


def set_geometry(geometry: Any) -> Callable[[Feature], None]:
    def change(feature: Feature) -> None:
        feature["geometry"] = geometry

    return change


CITED_SOURCE = {
    "title": "Kenya Facts and Figures",
    "publisher": "Kenya National Bureau of Statistics",
    "url": "https://www.knbs.or.ke/",
    "excerpt": "Coast 83,603",
}
CITED = {
    "measure": "area_km2",
    "value": 83603,
    "of": "Coast Province",
    "stated_by": "Kenya National Bureau of Statistics",
    "source": CITED_SOURCE,
}
"""A cited figure as the fixture might give one (its words are the test's own)."""

CASES = {
    "too many decimals": (
        "nairobi",
        set_geometry({"type": "Point", "coordinates": [36.8219123, -1.2921]}),
        [
            "data/geojson/nairobi.geojson: nairobi: geometry: position [36.8219123, -1.2921] "
            "has more than 6 decimals"
        ],
    ),
    "wrong geometry for the kind": (
        "nairobi",
        set_geometry({"type": "LineString", "coordinates": [[36.8, -1.3], [36.9, -1.3]]}),
        [
            "data/geojson/nairobi.geojson: nairobi: geometry: a city must be a Point, "
            "not a LineString"
        ],
    ),
    "unknown kind": (
        "nairobi",
        set_property("kind", "capital"),
        [
            "data/geojson/nairobi.geojson: nairobi: kind: 'capital' is not one of: "
            "city, claim-line, country, disputed-area, mountain-pass, port, region, route, sea"
        ],
    ),
    "unknown country reference": (
        "nairobi",
        set_property("country", "kenay"),
        [
            "data/geojson/nairobi.geojson: nairobi: country: 'kenay' is not a known place id "
            "(did you mean 'kenya'?)"
        ],
    ),
    "area typed in wrong": (
        "coast-region",
        set_property("facts", {"area_km2": 107487}),
        [
            "data/geojson/coast-region.geojson: coast-region: facts.area_km2: says 107,487 but "
            "the geometry measures 104,787.0 km²"
        ],
    ),
    "one side's term as the neutral name": (
        "ilemi-triangle",
        set_property("name", "Ilemi"),
        [
            "data/geojson/ilemi-triangle.geojson: ilemi-triangle: name: 'Ilemi' is the term "
            "Kenya uses; the display name must be neutral"
        ],
    ),
    "disputed area without a claimant": (
        "ilemi-triangle",
        set_property("claimed_by", []),
        [
            "data/geojson/ilemi-triangle.geojson: ilemi-triangle: claimed_by: must list at least "
            "one country"
        ],
    ),
    "the administrator listed among the claimants": (
        "ilemi-triangle",
        set_property("claimed_by", ["South Sudan", "Kenya"]),
        [
            "data/geojson/ilemi-triangle.geojson: ilemi-triangle: claimed_by: 'Kenya' "
            "administers it: list here only the parties that claim what another holds"
        ],
    ),
    "a description as an alias": (
        "coast-region",
        set_property("aliases", ["Coast Province", "southeastern Kenya"]),
        [
            "data/geojson/coast-region.geojson: coast-region: aliases[1]: 'southeastern Kenya' "
            "describes the place rather than names it (a figure, or a word in lower case "
            "first); record the article's wording in the claim's place_terms instead"
        ],
    ),
    "a figure as an alias": (
        "sgr-route",
        set_property("aliases", ["SGR", "USD 3.8 billion railway"]),
        [
            "data/geojson/sgr-route.geojson: sgr-route: aliases[1]: 'USD 3.8 billion railway' "
            "describes the place rather than names it (a figure, or a word in lower case "
            "first); record the article's wording in the claim's place_terms instead"
        ],
    ),
    "a cited figure without its source": (
        "coast-region",
        set_property("cited_figures", [dict(CITED, source=None)]),
        [
            "data/geojson/coast-region.geojson: coast-region: cited_figures[0].source: is "
            "missing: a figure that is not measured here names its source (title, publisher, "
            "and the words that state it)"
        ],
    ),
    "a cited length for an area": (
        "coast-region",
        set_property("cited_figures", [dict(CITED, measure="length_km")]),
        [
            "data/geojson/coast-region.geojson: coast-region: cited_figures[0].measure: "
            "length_km is not what a region measures here (its facts hold area_km2)"
        ],
    ),
    "a cited figure that is not positive": (
        "coast-region",
        set_property("cited_figures", [dict(CITED, value=-83603)]),
        [
            "data/geojson/coast-region.geojson: coast-region: cited_figures[0].value: -83603 "
            "is out of range (input should be greater than 0)"
        ],
    ),
    "a cited figure's source a reader cannot find": (
        "coast-region",
        set_property(
            "cited_figures", [dict(CITED, source=dict(CITED_SOURCE, url=None, title=None))]
        ),
        [
            "data/geojson/coast-region.geojson: coast-region: cited_figures[0].source: names "
            "neither a title nor a url: say where a reader finds it"
        ],
    ),
    "a cited figure its source does not state": (
        "coast-region",
        set_property("cited_figures", [dict(CITED, value=83630)]),
        [
            "data/geojson/coast-region.geojson: coast-region: cited_figures[0].value: 83,630 "
            "is not a number its source's excerpt states (it states 83,603)"
        ],
    ),
    "a cited figure's source at an address that is no web page": (
        "coast-region",
        set_property("cited_figures", [dict(CITED, source=dict(CITED_SOURCE, url="ftp://knbs"))]),
        [
            "data/geojson/coast-region.geojson: coast-region: cited_figures[0].source.url: "
            "'ftp://knbs' is not an http(s) address"
        ],
    ),
    "a route's surface left empty": (
        "sgr-route",
        set_property("surface", None),
        [
            "data/geojson/sgr-route.geojson: sgr-route: surface: null is not one of: land, sea",
        ],
    ),
    "a cited figure's source with no words stating it": (
        "coast-region",
        set_property("cited_figures", [dict(CITED, source=dict(CITED_SOURCE, excerpt=" "))]),
        [
            "data/geojson/coast-region.geojson: coast-region: cited_figures[0].source.excerpt: "
            "must not be empty"
        ],
    ),
    "missing source": (
        "nairobi",
        lambda feature: feature["properties"].pop("source"),
        ["data/geojson/nairobi.geojson: nairobi: source: is missing"],
    ),
    "route marked as surveyed": (
        "sgr-route",
        set_property("schematic", False),
        [
            "data/geojson/sgr-route.geojson: sgr-route: schematic: must be true: routes are "
            "drawn through waypoints, not surveyed"
        ],
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_place_mistake_is_reported_exactly(case: str, kenya: Path) -> None:
    place_id, change, expected = CASES[case]
    edit_place(kenya, place_id, change)
    code, lines = errors(kenya)
    assert code == 1
    wanted = [f"Error: {line}" for line in expected]
    if len(wanted) > 1:
        wanted.append(f"Error: {len(wanted)} problems found")
    assert lines == wanted


def test_crs_member_is_refused(kenya: Path) -> None:
    path = kenya / "geojson" / "nairobi.geojson"
    document = json.loads(path.read_text(encoding="utf-8"))
    document["crs"] = {"type": "name", "properties": {"name": "EPSG:4326"}}
    path.write_text(json.dumps(document), encoding="utf-8")
    code, lines = errors(kenya)
    assert code == 1
    assert lines == [
        "Error: data/geojson/nairobi.geojson: crs: must not be present (RFC 7946 is always WGS 84)"
    ]


def test_duplicate_id_across_files(kenya: Path) -> None:
    source = kenya / "geojson" / "nairobi.geojson"
    (kenya / "geojson" / "nairobi-copy.geojson").write_bytes(source.read_bytes())
    code, lines = errors(kenya)
    assert code == 1
    assert lines == [
        "Error: data/geojson/nairobi.geojson: nairobi: id: is also the id of a feature in "
        "data/geojson/nairobi-copy.geojson"
    ]


def add_sea(data: Path, ring: list[list[float]]) -> None:
    """A sea place over ``ring`` (the fixture has none)."""
    sea = place_file(
        "indian-ocean",
        {"name": "Indian Ocean", "kind": "sea", "role": "context"},
        {"type": "Polygon", "coordinates": [ring]},
    )
    (data / "geojson" / "indian-ocean.geojson").write_text(json.dumps(sea), encoding="utf-8")


# A sea laid over the railway's first stretch inland of Mombasa, 38.5-39.0 E.
ACROSS_THE_LINE = [[38.5, -4.5], [39.0, -4.5], [39.0, -3.0], [38.5, -3.0], [38.5, -4.5]]


def test_a_route_on_land_drawn_over_the_sea_is_refused(kenya: Path) -> None:
    add_sea(kenya, ACROSS_THE_LINE)
    code, lines = errors(kenya)
    assert code == 1
    assert lines == [
        "Error: data/geojson/sgr-route.geojson: sgr-route: geometry: runs 63.4 km over "
        "indian-ocean, more than the 5 km a route on land may touch a sea (add waypoints on "
        'the road; a shipping lane sets surface to "sea")'
    ]


def test_a_shipping_lane_may_cross_the_sea(kenya: Path) -> None:
    add_sea(kenya, ACROSS_THE_LINE)
    edit_place(kenya, "sgr-route", set_property("surface", "sea"))
    code, lines = errors(kenya)
    assert (code, lines) == (0, [])


def test_a_route_may_touch_the_sea_for_a_few_kilometres(kenya: Path) -> None:
    # Mombasa lies on the coast: a sea whose edge runs 0.02 degrees inland of it.
    coast = [[39.64, -4.2], [40.0, -4.2], [40.0, -3.9], [39.64, -3.9], [39.64, -4.2]]
    first_leg = LineString([POINTS["mombasa"][2], POINTS["nairobi"][2]])
    assert 0 < geodesic_length_km(first_leg.intersection(Polygon(coast))) < 5
    add_sea(kenya, coast)
    code, lines = errors(kenya)
    assert (code, lines) == (0, [])
