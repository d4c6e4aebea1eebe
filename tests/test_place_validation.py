"""Each rule of a place's kind gives its own exact error line and exit status 1.

Malformed files and geometry (rings, ranges, swapped coordinates, unsafe ids) are in the
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

Feature = dict[str, Any]


def edit_place(data: Path, place_id: str, change: Callable[[Feature], None]) -> None:
    path = data / "geojson" / f"{place_id}.geojson"
    document = json.loads(path.read_text(encoding="utf-8"))
    change(document["features"][0])
    path.write_text(json.dumps(document), encoding="utf-8")


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
        "beijing",
        set_geometry({"type": "Point", "coordinates": [116.3972312, 39.9075]}),
        [
            "data/geojson/beijing.geojson: beijing: geometry: position [116.3972312, 39.9075] "
            "has more than 6 decimals"
        ],
    ),
    "wrong geometry for the kind": (
        "beijing",
        set_geometry({"type": "LineString", "coordinates": [[116.4, 39.9], [116.5, 39.9]]}),
        [
            "data/geojson/beijing.geojson: beijing: geometry: a city must be a Point, "
            "not a LineString"
        ],
    ),
    "unknown kind": (
        "beijing",
        set_property("kind", "capital"),
        [
            "data/geojson/beijing.geojson: beijing: kind: 'capital' is not one of: "
            "city, claim-line, country, disputed-area, mountain-pass, port, region, route, sea"
        ],
    ),
    "unknown country reference": (
        "beijing",
        set_property("country", "chnia"),
        [
            "data/geojson/beijing.geojson: beijing: country: 'chnia' is not a known place id "
            "(did you mean 'china'?)"
        ],
    ),
    "area typed in wrong": (
        "xinjiang",
        set_property("facts", {"area_km2": 1664900}),
        [
            "data/geojson/xinjiang.geojson: xinjiang: facts.area_km2: says 1,664,900 but the "
            "geometry measures 1,630,211.4 km²"
        ],
    ),
    "one side's term as the neutral name": (
        "pakistan-administered-kashmir",
        set_property("name", "Pakistan-occupied Kashmir (PoK)"),
        [
            "data/geojson/pakistan-administered-kashmir.geojson: pakistan-administered-kashmir: "
            "name: 'Pakistan-occupied Kashmir (PoK)' is the term India uses; the display name "
            "must be neutral"
        ],
    ),
    "disputed area without a claimant": (
        "aksai-chin",
        set_property("claimed_by", []),
        ["data/geojson/aksai-chin.geojson: aksai-chin: claimed_by: must list at least one country"],
    ),
    "missing source": (
        "beijing",
        lambda feature: feature["properties"].pop("source"),
        ["data/geojson/beijing.geojson: beijing: source: is missing"],
    ),
    "route marked as surveyed": (
        "cpec-route",
        set_property("schematic", False),
        [
            "data/geojson/cpec-route.geojson: cpec-route: schematic: must be true: routes are "
            "drawn through waypoints, not surveyed"
        ],
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_place_mistake_is_reported_exactly(case: str, seed_data: Path) -> None:
    place_id, change, expected = CASES[case]
    edit_place(seed_data, place_id, change)
    code, lines = errors(seed_data)
    assert code == 1
    wanted = [f"Error: {line}" for line in expected]
    if len(wanted) > 1:
        wanted.append(f"Error: {len(wanted)} problems found")
    assert lines == wanted


def test_crs_member_is_refused(seed_data: Path) -> None:
    path = seed_data / "geojson" / "beijing.geojson"
    document = json.loads(path.read_text(encoding="utf-8"))
    document["crs"] = {"type": "name", "properties": {"name": "EPSG:4326"}}
    path.write_text(json.dumps(document), encoding="utf-8")
    code, lines = errors(seed_data)
    assert code == 1
    assert lines == [
        "Error: data/geojson/beijing.geojson: crs: must not be present (RFC 7946 is always WGS 84)"
    ]


def test_duplicate_id_across_files(seed_data: Path) -> None:
    source = seed_data / "geojson" / "beijing.geojson"
    (seed_data / "geojson" / "beijing-copy.geojson").write_bytes(source.read_bytes())
    code, lines = errors(seed_data)
    assert code == 1
    assert lines == [
        "Error: data/geojson/beijing.geojson: beijing: id: is also the id of a feature in "
        "data/geojson/beijing-copy.geojson"
    ]
