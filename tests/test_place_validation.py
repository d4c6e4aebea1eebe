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

from geo.cli import cli
from tests.fixtures import write_fixture

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
