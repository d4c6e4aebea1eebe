"""`corridor-map places add`: a place from the offline gazetteer, a vector file or a point.

Each case adds to a private copy of the first article's world and then runs `validate`:
what `places add` writes must be a valid place the project can use at once. Reference
coordinates are GeoNames' (ids in the comments), typed in here so a wrong lookup fails.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import geopandas
import pytest
from click.testing import CliRunner, Result
from pyproj import Geod
from shapely.geometry import Point, Polygon, shape

from geo._sources.catalogue import CATALOGUE_FILE
from geo._sources.gazetteer_build import GAZETTEER_FILE, build_gazetteer
from geo.cli import cli
from tests.conftest import DATA, ROOT

GEOD = Geod(ellps="WGS84")
NATURAL_EARTH = ROOT.parent / "shared" / "natural-earth"


def add(data: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["places", "add", *args, "--data", str(data)])


def validate(data: Path) -> Result:
    return CliRunner().invoke(cli, ["validate", "--data", str(data)])


def written(data: Path, place_id: str) -> dict[str, Any]:
    path = data / "geojson" / f"{place_id}.geojson"
    feature: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))["features"][0]
    return feature


def km(a: Point, b: Point) -> float:
    return float(GEOD.inv(a.x, a.y, b.x, b.y)[2]) / 1000


def test_a_town_from_geonames(seed_data: Path) -> None:
    result = add(seed_data, "Quetta")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == f"wrote {seed_data.as_posix()}/geojson/quetta.geojson\n"
    feature = written(seed_data, "quetta")
    assert feature["properties"]["kind"] == "city"
    assert feature["properties"]["country"] == "pakistan"
    assert feature["properties"]["source"]["geonameid"] == 1167528
    assert km(shape(feature["geometry"]), Point(67.00141, 30.18414)) < 1  # 1167528
    assert validate(seed_data).exit_code == 0


def test_a_province_under_its_current_name(seed_data: Path) -> None:
    result = add(seed_data, "Khyber Pakhtunkhwa")
    assert result.exit_code == 0, result.stderr
    properties = written(seed_data, "khyber-pakhtunkhwa")["properties"]
    outline = shape(written(seed_data, "khyber-pakhtunkhwa")["geometry"])
    assert properties["kind"] == "region"
    assert properties["country"] == "pakistan"
    assert "North-West Frontier Province" in properties["aliases"]
    # N.W.F.P. and the tribal areas merged in 2018: Peshawar and Miran Shah both inside.
    assert outline.contains(Point(71.57849, 34.008))  # Peshawar, 1168197
    assert outline.contains(Point(70.06557, 33.00059))  # Miran Shah, 1170395
    # More than N.W.F.P. alone (75,000 km² in the release): F.A.T.A. (27,400) is merged in.
    assert 95_000 < properties["facts"]["area_km2"] < 108_000
    assert validate(seed_data).exit_code == 0


def test_an_old_name_finds_the_place_under_its_new_one(seed_data: Path) -> None:
    result = add(seed_data, "N.W.F.P.")
    assert result.exit_code == 0, result.stderr
    assert written(seed_data, "khyber-pakhtunkhwa")["properties"]["name"] == "Khyber Pakhtunkhwa"


def test_an_ambiguous_name_lists_the_places_and_writes_nothing(seed_data: Path) -> None:
    before = sorted((seed_data / "geojson").iterdir())
    result = add(seed_data, "Hyderabad")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: 2 places are called 'Hyderabad': Hyderabad (city, Andhra Pradesh (with "
        "Telangana), India, population 6,993,262, GeoNames id 1269843); Hyderabad (city, "
        "Sindh, Pakistan, population 1,921,275, GeoNames id 1176734); choose one with "
        "--country, --kind or --geonames-id\n"
    )
    assert sorted((seed_data / "geojson").iterdir()) == before
    chosen = add(seed_data, "Hyderabad", "--country", "Pakistan")
    assert chosen.exit_code == 0, chosen.stderr
    assert written(seed_data, "hyderabad")["properties"]["source"]["geonameid"] == 1176734
    assert validate(seed_data).exit_code == 0


def test_a_geonames_id_chooses_among_places_of_one_name(seed_data: Path) -> None:
    result = add(seed_data, "Hyderabad", "--geonames-id", "1269843", "--id", "hyderabad-india")
    assert result.exit_code == 0, result.stderr
    feature = written(seed_data, "hyderabad-india")
    assert feature["properties"]["country"] == "india"
    assert km(shape(feature["geometry"]), Point(78.45636, 17.38405)) < 1  # 1269843


def test_an_unknown_name_says_how_to_add_it_another_way(seed_data: Path) -> None:
    result = add(seed_data, "Xanadu Dam", "--country", "Pakistan")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: no place called 'Xanadu Dam' in Pakistan in the gazetteer (Natural Earth's "
        "countries, divisions, seas, ports and disputed areas of the region; GeoNames' "
        "places of over 500 people); add it with --from FILE or --lat/--lon and --source\n"
    )


def test_an_id_in_use_is_never_replaced(seed_data: Path) -> None:
    original = (seed_data / "geojson" / "pakistan.geojson").read_bytes()
    result = add(seed_data, "Quetta", "--id", "pakistan")
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {seed_data.as_posix()}/geojson/pakistan.geojson: a place with the id "
        "'pakistan' exists already; choose another with --id\n"
    )
    assert (seed_data / "geojson" / "pakistan.geojson").read_bytes() == original


def test_a_point_from_a_document(seed_data: Path) -> None:
    missing = add(seed_data, "Dasu Dam", "--lat", "35.32", "--lon", "73.2")
    assert missing.exit_code == 1
    assert missing.stderr == "Error: --lat and --lon need each other and --source\n"
    result = add(
        seed_data, "Dasu Dam", "--lat", "35.32", "--lon", "73.2", "--source", "WAPDA project page"
    )
    assert result.exit_code == 0, result.stderr
    feature = written(seed_data, "dasu-dam")
    assert feature["geometry"] == {"type": "Point", "coordinates": [73.2, 35.32]}
    assert feature["properties"]["source"] == {
        "dataset": "published coordinates",
        "basis": "WAPDA project page",
    }
    assert validate(seed_data).exit_code == 0


@pytest.mark.parametrize("suffix", [".geojson", ".gpkg"])
def test_a_feature_of_the_users_own_file(seed_data: Path, tmp_path: Path, suffix: str) -> None:
    frame = geopandas.GeoDataFrame(
        {"NAME": ["Tarbela", "Mangla"]},
        geometry=[Point(72.6983, 34.0889), Point(73.6406, 33.1422)],
        crs="EPSG:4326",
    )
    path = tmp_path / f"dams{suffix}"
    frame.to_file(path)
    none = add(seed_data, "Tarbela Dam", "--kind", "city", "--from", str(path))
    assert none.exit_code == 1
    assert none.stderr == (
        f"Error: {path.as_posix()}: holds 2 features, expected 1 (pick one with --where)\n"
    )
    result = add(
        seed_data,
        "Tarbela Dam",
        "--kind",
        "city",
        "--from",
        str(path),
        "--where",
        "NAME = 'Tarbela'",
    )
    assert result.exit_code == 0, result.stderr
    feature = written(seed_data, "tarbela-dam")
    assert feature["geometry"]["coordinates"] == [72.6983, 34.0889]
    assert feature["properties"]["source"]["dataset"] == path.name
    assert feature["properties"]["source"]["feature"] == "NAME = 'Tarbela'"
    assert validate(seed_data).exit_code == 0


def test_a_file_in_another_projection_is_brought_to_wgs84(seed_data: Path, tmp_path: Path) -> None:
    frame = geopandas.GeoDataFrame(
        {"NAME": ["Tarbela"]}, geometry=[Point(72.6983, 34.0889)], crs="EPSG:4326"
    ).to_crs("EPSG:32643")  # UTM 43N, in metres
    path = tmp_path / "dam.gpkg"
    frame.to_file(path)
    result = add(seed_data, "Tarbela Dam", "--kind", "city", "--from", str(path))
    assert result.exit_code == 0, result.stderr
    x, y = written(seed_data, "tarbela-dam")["geometry"]["coordinates"]
    assert km(Point(x, y), Point(72.6983, 34.0889)) < 0.01


@pytest.mark.skipif(not NATURAL_EARTH.is_dir(), reason="needs ../shared/natural-earth")
def test_the_shipped_gazetteer_is_rebuilt_byte_for_byte(tmp_path: Path) -> None:
    out = tmp_path / "gazetteer.geojson.gz"
    build_gazetteer(NATURAL_EARTH, out)
    assert out.read_bytes() == GAZETTEER_FILE.read_bytes()


@pytest.mark.skipif(not NATURAL_EARTH.is_dir(), reason="needs ../shared/natural-earth")
def test_rebuild_names_the_files_it_did_not_make(seed_data: Path) -> None:
    assert add(seed_data, "Quetta").exit_code == 0
    added = (seed_data / "geojson" / "quetta.geojson").read_bytes()
    catalogue = str(DATA / CATALOGUE_FILE)
    sources = ["--from", str(NATURAL_EARTH), "--catalogue", catalogue]
    result = CliRunner().invoke(cli, ["places", "rebuild", *sources, "--data", str(seed_data)])
    assert result.exit_code == 0, result.stderr
    kept = [line for line in result.stdout.splitlines() if line.startswith("kept ")]
    assert kept == [
        f"kept {seed_data.as_posix()}/geojson/quetta.geojson (not made by rebuild: added by "
        "hand or by places add)"
    ]
    assert (seed_data / "geojson" / "quetta.geojson").read_bytes() == added


def test_a_point_at_sea_is_refused_and_not_kept(seed_data: Path) -> None:
    before = sorted((seed_data / "geojson").iterdir())
    result = add(seed_data, "Sea Point", "--lat", "15.0", "--lon", "62.0", "--source", "a chart")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: data/geojson/sea-point.geojson: sea-point: geometry: [62.0, 15.0] lies in none "
        "of the countries of the data or the basemap (are longitude and latitude swapped?); "
        "declare its country if the position is right\n"
    )
    assert sorted((seed_data / "geojson").iterdir()) == before


def test_an_invalid_shape_in_a_file_is_refused(seed_data: Path, tmp_path: Path) -> None:
    bowtie = Polygon([(72, 34), (73, 35), (73, 34), (72, 35), (72, 34)])
    path = tmp_path / "bowtie.geojson"
    geopandas.GeoDataFrame({"NAME": ["B"]}, geometry=[bowtie], crs="EPSG:4326").to_file(path)
    result = add(seed_data, "Bowtie", "--kind", "region", "--from", str(path))
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {path.as_posix()}: its feature is not a valid shape: Self-intersection[72.5 "
        "34.5]\n"
    )


def test_coordinates_that_are_no_numbers_are_refused(seed_data: Path) -> None:
    result = add(seed_data, "Nowhere", "--lat", "nan", "--lon", "72", "--source", "x")
    assert result.exit_code == 1
    assert result.stderr == "Error: --lat and --lon must be numbers (not nan or inf)\n"


@pytest.mark.filterwarnings("ignore:'crs' was not provided")  # the files are made without one
def test_a_file_without_a_coordinate_system_is_read_as_lon_lat_only_when_it_can_be(
    seed_data: Path, tmp_path: Path
) -> None:
    degrees = tmp_path / "degrees.shp"  # a shapefile without its .prj
    geopandas.GeoDataFrame({"NAME": ["T"]}, geometry=[Point(72.6983, 34.0889)]).to_file(degrees)
    result = add(seed_data, "Tarbela Dam", "--kind", "city", "--from", str(degrees))
    assert result.exit_code == 0, result.stderr
    source = written(seed_data, "tarbela-dam")["properties"]["source"]
    assert source["processing"] == (
        "no coordinate system in the file: read as WGS 84 longitude/latitude; rounded to 6 decimals"
    )
    metres = tmp_path / "metres.shp"
    geopandas.GeoDataFrame({"NAME": ["M"]}, geometry=[Point(512340.0, 3771900.0)]).to_file(metres)
    result = add(seed_data, "Mangla Dam", "--kind", "city", "--from", str(metres))
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {metres.as_posix()}: says no coordinate system, and its coordinates (512340, "
        "3.7719e+06) are not longitude and latitude (give the file its .prj, or convert it to "
        "WGS 84)\n"
    )
    assert not (seed_data / "geojson" / "mangla-dam.geojson").exists()
