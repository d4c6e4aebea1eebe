"""The places of data/geojson/ against the world: reference points from GeoNames.

The reference coordinates below are GeoNames' (geonameid in the comment), typed in here on
purpose rather than read from the project's data, so a wrong place in data/ fails.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
import shapely
import shapely.ops
from click.testing import CliRunner
from pyproj import Geod
from shapely.geometry import LineString, Point
from shapely.geometry.base import BaseGeometry
from shapely.ops import nearest_points

from geo._checks.geometry import geodesic_area_km2, geodesic_length_km
from geo._checks.validate import SEA_CROSSING_TOLERANCE_KM, load_dataset
from geo._loading.fileio import DataReader
from geo._loading.places import load_places
from geo._sources.catalogue import CATALOGUE_FILE
from geo._sources.rebuild import rebuild_places
from geo.cli import cli
from tests.conftest import DATA, ROOT

KASHGAR = Point(75.98675, 39.46718)  # 1280849
URUMQI = Point(87.60046, 43.80096)  # 1529102
LHASA = Point(91.1, 29.65)  # 1280737
GWADAR = Point(62.32541, 25.12163)  # 1177446
GILGIT = Point(74.31245, 35.91869)  # 1178338
SKARDU = Point(75.63372, 35.29787)  # 1164709
MUZAFFARABAD = Point(73.47082, 34.37002)  # 1169607
SRINAGAR = Point(74.80555, 34.08565)  # 1255634
LEH = Point(77.58402, 34.16504)  # 1264976
ISLAMABAD = Point(73.04329, 33.72148)  # 1176615
BEIJING = Point(116.39723, 39.9075)  # 1816670
KARACHI = Point(67.0104, 24.8608)  # 1174872
ORMARA = Point(64.63626, 25.21018)  # 1168700
PASNI = Point(63.46921, 25.26302)  # 1168312
KHUNJERAB_PASS = Point(75.42778, 36.85)  # 36°51′00″N 75°25′40″E
GEOD = Geod(ellps="WGS84")
NATURAL_EARTH = ROOT.parent / "shared" / "natural-earth"

LOADED = load_places(DataReader(DATA))
PLACES, PROBLEMS = LOADED.places, LOADED.problems


def shape_of(place_id: str) -> BaseGeometry:
    return PLACES[place_id].geometry


def km_between(a: Point, geom: BaseGeometry) -> float:
    nearest = nearest_points(geom, a)[0]
    return float(GEOD.inv(a.x, a.y, nearest.x, nearest.y)[2]) / 1000


def test_every_place_file_loads_and_validates() -> None:
    assert PROBLEMS == []
    files = sorted(path.name for path in (DATA / "geojson").glob("*.geojson"))
    assert files == sorted(f"{place_id}.geojson" for place_id in PLACES)


def test_every_place_an_article_uses_is_stored_from_a_public_source() -> None:
    dataset = load_dataset(DATA)
    used = {
        place_id
        for article in dataset.articles
        for claim in article.claims
        for place_id in (*claim.places, *article.context_places)
    }
    assert used
    for place_id in sorted(used):
        source = PLACES[place_id].properties["source"]
        assert source["dataset"] in {
            "Natural Earth",
            "GeoNames",
            "corridor-map waypoints",
            "published coordinates",
        }, place_id
        if source["dataset"] == "published coordinates":
            assert source["basis"], place_id


def test_files_follow_rfc_7946() -> None:
    for path in (DATA / "geojson").glob("*.geojson"):
        document = json.loads(path.read_text(encoding="utf-8"))
        assert "crs" not in document, path.name
        for feature in document["features"]:
            geom = shapely.geometry.shape(feature["geometry"])
            assert geom.is_valid, path.name
            polygons = getattr(geom, "geoms", [geom])
            for polygon in polygons:
                if polygon.geom_type == "Polygon":
                    assert polygon.exterior.is_ccw, path.name
                    assert all(not ring.is_ccw for ring in polygon.interiors), path.name
            text = json.dumps(feature["geometry"]["coordinates"])
            decimals = [
                len(n.split(".")[1])
                for n in text.replace("[", " ").replace("]", " ").replace(",", " ").split()
                if "." in n
            ]
            assert max(decimals, default=0) <= 6, path.name


def test_xinjiang_holds_kashgar_and_urumqi_but_not_lhasa() -> None:
    xinjiang = shape_of("xinjiang")
    assert xinjiang.contains(KASHGAR)
    assert xinjiang.contains(URUMQI)
    assert not xinjiang.contains(LHASA)
    assert shape_of("china").contains(LHASA)


def test_xinjiang_area_is_close_to_the_official_figure() -> None:
    # Official: about 1.66 million km² (Xinjiang government); NE's older polygon is close.
    area = geodesic_area_km2(shape_of("xinjiang"))
    assert 1_600_000 < area < 1_700_000
    assert PLACES["xinjiang"].properties["facts"]["area_km2"] == pytest.approx(area, abs=1)


def test_gwadar_is_on_pakistans_coast_in_balochistan() -> None:
    assert shape_of("pakistan").contains(GWADAR)
    assert shape_of("balochistan").contains(GWADAR)
    assert not shape_of("arabian-sea").contains(GWADAR)
    assert km_between(GWADAR, shape_of("arabian-sea")) < 5
    port = shape_of("gwadar-port")
    assert km_between(port, GWADAR) < 3
    assert shape_of("pakistan").contains(port)
    assert shape_of("balochistan").contains(port)


def test_kashmir_points_fall_in_the_right_disputed_areas() -> None:
    for town in (GILGIT, SKARDU):
        assert shape_of("gilgit-baltistan").contains(town)
        assert shape_of("pakistan-administered-kashmir").contains(town)
    assert shape_of("azad-jammu-and-kashmir").contains(MUZAFFARABAD)
    assert shape_of("pakistan-administered-kashmir").contains(MUZAFFARABAD)
    for town in (SRINAGAR, LEH):
        assert shape_of("jammu-and-kashmir-and-ladakh").contains(town)
        assert not shape_of("pakistan-administered-kashmir").contains(town)
    assert not shape_of("pakistan-administered-kashmir").contains(ISLAMABAD)


def test_disputed_areas_say_who_administers_and_who_claims() -> None:
    expected = {
        "gilgit-baltistan": (["Pakistan"], ["India"]),
        "azad-jammu-and-kashmir": (["Pakistan"], ["India"]),
        "pakistan-administered-kashmir": (["Pakistan"], ["India"]),
        "jammu-and-kashmir-and-ladakh": (["India"], ["Pakistan"]),
        "aksai-chin": (["China"], ["India"]),
        "shaksgam-valley": (["China"], ["India"]),
        "siachen-glacier": (["India"], ["Pakistan"]),
    }
    actual = {
        place.id: (place.properties["administered_by"], place.properties["claimed_by"])
        for place in PLACES.values()
        if place.kind == "disputed-area"
    }
    assert actual == expected


def test_the_articles_term_is_an_alias_never_the_neutral_name() -> None:
    kashmir = PLACES["pakistan-administered-kashmir"]
    assert "Pakistan-occupied Kashmir (PoK)" in kashmir.aliases
    assert {"PoK", "PaK", "Pakistan-administered Kashmir"} <= set(kashmir.aliases)
    for place in PLACES.values():
        if place.kind == "disputed-area":
            assert "occupied" not in place.name.lower(), place.id
            assert place.properties["terms_by_party"]["neutral"]


def test_the_corridor_runs_from_xinjiang_over_khunjerab_to_gwadar() -> None:
    route = shape_of("cpec-route")
    assert isinstance(route, LineString)
    start, end = Point(route.coords[0]), Point(route.coords[-1])
    assert shape_of("xinjiang").contains(start)
    assert km_between(start, KASHGAR) < 1
    assert km_between(KHUNJERAB_PASS, route) < 1
    assert route.crosses(shape_of("gilgit-baltistan"))
    assert km_between(GILGIT, route) < 1
    assert km_between(ISLAMABAD, route) < 1
    assert km_between(end, GWADAR) < 3
    assert PLACES["cpec-route"].properties["schematic"] is True
    length = geodesic_length_km(route)
    assert PLACES["cpec-route"].properties["facts"]["length_km"] == pytest.approx(length, abs=0.1)
    # Kashgar to Gwadar by road is about 3,000 km; straight segments run shorter.
    assert 2_300 < length < 3_200


def test_routes_on_land_keep_off_the_sea() -> None:
    seas = [place for place in PLACES.values() if place.kind == "sea"]
    routes = [
        place
        for place in PLACES.values()
        if place.kind == "route" and place.properties.get("surface", "land") == "land"
    ]
    for route in routes:
        for sea in seas:
            wet = route.geometry.intersection(sea.geometry)
            km = 0.0 if wet.is_empty else geodesic_length_km(wet)
            assert km <= SEA_CROSSING_TOLERANCE_KM, f"{route.id} runs {km:.0f} km over {sea.id}"


def test_the_corridor_follows_the_makran_coast_by_ormara_and_pasni() -> None:
    """The coastal highway (N-10) runs from Karachi by Ormara and Pasni to Gwadar, 653 km
    (Samaa TV, 2018). The schematic line passes the towns and, keeping to the land, is
    shorter than the road, but not by a sea crossing's worth: straight across the bays it
    was 475 km."""
    route = shape_of("cpec-route")
    for town in (KARACHI, ORMARA, PASNI):
        assert km_between(town, route) < 1
    coast = shapely.ops.substring(
        route, route.project(Point(KARACHI)), route.project(Point(route.coords[-1]))
    )
    assert 0.75 * 653 < geodesic_length_km(coast) < 653


def test_khunjerab_pass_lies_on_the_china_pakistan_border() -> None:
    border = shape_of("china").boundary.intersection(shape_of("pakistan").boundary)
    assert border.length > 0
    assert km_between(KHUNJERAB_PASS, border) < 5


def test_every_waypoint_names_its_source() -> None:
    for route_id in ("cpec-route", "cpec-western-alignment"):
        for waypoint in PLACES[route_id].properties["waypoints"]:
            source = waypoint["source"]
            assert source["dataset"] in {"GeoNames", "Natural Earth", "published coordinates"}
            if source["dataset"] == "GeoNames":
                assert isinstance(source["geonameid"], int)


def test_shared_borders_still_meet_after_simplification() -> None:
    countries = [shape_of(p) for p in ("china", "pakistan", "india")]
    assert shapely.coverage_is_valid(countries)
    assert shape_of("china").touches(shape_of("pakistan"))
    kashmir = [
        shape_of(p)
        for p in (
            "gilgit-baltistan",
            "azad-jammu-and-kashmir",
            "jammu-and-kashmir-and-ladakh",
            "aksai-chin",
            "shaksgam-valley",
            "siachen-glacier",
        )
    ]
    assert shapely.coverage_is_valid(kashmir)
    assert shape_of("gilgit-baltistan").touches(shape_of("azad-jammu-and-kashmir"))


def test_beijing_is_the_geonames_city() -> None:
    assert km_between(BEIJING, shape_of("beijing")) < 1
    assert shape_of("china").contains(shape_of("beijing"))


def test_rebuild_from_the_sources_gives_the_committed_bytes(tmp_path: Path) -> None:
    if not NATURAL_EARTH.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"{NATURAL_EARTH} is missing in CI")
        pytest.skip(f"the sources are not beside the project ({NATURAL_EARTH})")
    written = [
        path.relative_to(tmp_path)
        for path, _ in rebuild_places(NATURAL_EARTH, tmp_path, DATA / CATALOGUE_FILE)
    ]
    committed = [path.relative_to(DATA) for path in (DATA / "geojson").glob("*.geojson")]
    assert sorted(written) == sorted([*committed, Path("basemap/countries.geojson")])
    for path in written:
        assert (tmp_path / path).read_bytes() == (DATA / path).read_bytes(), path


def test_a_region_that_takes_in_disputed_land_says_so() -> None:
    # Natural Earth draws a region as its country administers it: a reader must learn from
    # the region itself that its outline and area hold land another country claims.
    places = load_dataset(DATA).places
    disputed = [
        p for p in places.values() if p.kind == "disputed-area" and "parts" not in p.properties
    ]
    checked = 0
    for region in (p for p in places.values() if p.kind == "region"):
        for area in disputed:
            inside = geodesic_area_km2(region.geometry.intersection(area.geometry))
            if inside > 0.01 * geodesic_area_km2(area.geometry):
                checked += 1
                assert area.name in region.properties.get("borders", ""), (region.id, area.id)
    assert checked or not disputed


def _rebuild_with(
    seed_data: Path, tmp_path: Path, change: Any
) -> tuple[int, str, dict[str, bytes]]:
    """Rebuild ``seed_data``'s places from a catalogue ``change`` edits; the exit status,
    the error output, and whether any place file changed."""
    if not NATURAL_EARTH.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"{NATURAL_EARTH} is missing in CI")
        pytest.skip(f"the sources are not beside the project ({NATURAL_EARTH})")
    catalogue = json.loads((DATA / CATALOGUE_FILE).read_text(encoding="utf-8"))
    change(catalogue)
    path = tmp_path / "catalogue.json"
    path.write_text(json.dumps(catalogue), encoding="utf-8")
    before = {p.name: p.read_bytes() for p in (seed_data / "geojson").iterdir()}
    args = ["--from", str(NATURAL_EARTH), "--catalogue", str(path), "--data", str(seed_data)]
    result = CliRunner().invoke(cli, ["places", "rebuild", *args])
    after = {p.name: p.read_bytes() for p in (seed_data / "geojson").iterdir()}
    assert after == before
    assert not list(seed_data.rglob(".corridor-map*"))
    return result.exit_code, result.stderr, after


def test_a_catalogue_entry_of_no_known_kind_is_one_line_and_writes_nothing(
    seed_data: Path, tmp_path: Path
) -> None:
    def change(catalogue: dict[str, Any]) -> None:
        catalogue["places"][0]["kind"] = "planet"

    code, err, _ = _rebuild_with(seed_data, tmp_path, change)
    assert code == 1
    assert err == (
        f"Error: {(tmp_path / 'catalogue.json').as_posix()}: china: kind: must be one of "
        "city, claim-line, country, disputed-area, mountain-pass, port, region, route, sea\n"
    )


def test_rebuilt_places_are_checked_as_validate_checks_them_before_any_is_written(
    seed_data: Path, tmp_path: Path
) -> None:
    def change(catalogue: dict[str, Any]) -> None:
        catalogue["places"][0]["name"] = "<b>China</b>"
        catalogue["basemap"]["decimals"] = 2  # would rewrite the basemap, were it written

    code, err, _ = _rebuild_with(seed_data, tmp_path, change)
    assert code == 1
    assert err == (
        "Error: data/geojson/china.geojson: china: name: contains markup ('<b'); write plain text\n"
    )
