"""`corridor-map export`: GIS files GDAL opens, a CSV that round-trips, and cards that
show every claim, each the same bytes for the same data."""

from __future__ import annotations

import dataclasses
import json
import math
from io import BytesIO
from pathlib import Path

import pandas
import pyogrio
import pytest
import shapely
from click.testing import CliRunner
from PIL import Image

import geo
from geo._export.card import CARD_MAX_CLAIMS, CARD_SIZE, MARKER_REACH, PNG_SCALE, card_figure
from geo._rendering.render import drawn_places
from geo.cli import cli
from tests.fixtures import FIRST_ID, SECOND_ID, write_fixture


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_fixture(tmp_path_factory.mktemp("export") / "data")


@pytest.fixture(scope="module")
def dataset(data: Path) -> geo.Dataset:
    return geo.load_dataset(data)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def export_twice(data: Path, folder: Path, name: str, *args: str) -> bytes:
    """Export into two folders; the bytes must be the same."""
    written = []
    for copy in ("a", "b"):
        (folder / copy).mkdir(exist_ok=True)
        out = folder / copy / name
        code, stdout, stderr = run("export", "--data", str(data), *args, "--out", str(out))
        assert (code, stdout, stderr) == (0, f"wrote {out.as_posix()}\n", "")
        written.append(out.read_bytes())
    assert written[0] == written[1]
    assert not [p.name for p in folder.rglob(".corridor-map.*")]
    return written[0]


def test_geojson_is_rfc_7946_and_gdal_reads_every_claim(
    data: Path, dataset: geo.Dataset, tmp_path: Path
) -> None:
    document = json.loads(export_twice(data, tmp_path, "claims.geojson", "--format", "geojson"))
    assert document["type"] == "FeatureCollection"
    assert "crs" not in document
    expected = dataset.claims_frame()
    assert len(document["features"]) == len(expected)
    for feature, row in zip(document["features"], expected.itertuples(), strict=True):
        assert feature["geometry"] == {
            "type": "Point",
            "coordinates": [row.geometry.x, row.geometry.y],
        }
        assert feature["properties"]["quote"] == row.quote
    frame = pyogrio.read_dataframe(tmp_path / "a" / "claims.geojson")
    assert frame.crs.to_epsg() == 4326
    assert list(frame["claim"]) == list(expected["claim"])


def test_places_geojson_holds_every_place_and_its_shape(
    data: Path, dataset: geo.Dataset, tmp_path: Path
) -> None:
    export_twice(data, tmp_path, "places.geojson", "--format", "geojson", "--layer", "places")
    frame = pyogrio.read_dataframe(tmp_path / "a" / "places.geojson")
    assert sorted(frame["id"]) == sorted(dataset.places)
    for row in frame.itertuples():
        assert shapely.equals_exact(row.geometry, dataset.places[row.id].geometry, 1e-6)


def test_csv_round_trips_with_wkt_geometry(
    data: Path, dataset: geo.Dataset, tmp_path: Path
) -> None:
    export_twice(data, tmp_path, "claims.csv", "--format", "csv")
    table = pandas.read_csv(tmp_path / "a" / "claims.csv", keep_default_na=False, na_values=[""])
    expected = dataset.claims_frame()
    assert list(table.columns) == list(expected.columns)
    for column in ("article", "claim", "quote", "sentence", "speaker_name", "places"):
        assert list(table[column]) == list(expected[column]), column
    assert list(table["number"]) == list(expected["number"])
    points = shapely.from_wkt(table["geometry"])
    assert all(
        shapely.equals_exact(a, b, 1e-9) for a, b in zip(points, expected.geometry, strict=True)
    )


def test_geopackage_has_a_layer_each_that_gdal_opens(
    data: Path, dataset: geo.Dataset, tmp_path: Path
) -> None:
    export_twice(data, tmp_path, "corridor.gpkg", "--format", "gpkg")
    path = tmp_path / "a" / "corridor.gpkg"
    assert [name for name, _ in pyogrio.list_layers(path)] == ["claims", "places"]
    claims = pyogrio.read_dataframe(path, layer="claims")
    places = pyogrio.read_dataframe(path, layer="places")
    assert list(claims["quote"]) == list(dataset.claims_frame()["quote"])
    assert sorted(places["id"]) == sorted(dataset.places)
    assert claims.crs.to_epsg() == places.crs.to_epsg() == 4326


def test_one_articles_export_holds_its_claims_and_the_places_its_map_draws(
    data: Path, dataset: geo.Dataset, tmp_path: Path
) -> None:
    out = tmp_path / "one.gpkg"
    assert run("export", "--data", str(data), "--format", "gpkg", "--article", SECOND_ID,
               "--out", str(out))[0] == 0  # fmt: skip
    claims = pyogrio.read_dataframe(out, layer="claims")
    places = pyogrio.read_dataframe(out, layer="places")
    assert set(claims["article"]) == {SECOND_ID}
    drawn = drawn_places(dataset, dataset.article(SECOND_ID))
    assert sorted(places["id"]) == sorted(drawn)


@pytest.mark.parametrize("article_id", [FIRST_ID, SECOND_ID])
def test_png_card_is_2x_of_1200_by_675_and_deterministic(
    data: Path, article_id: str, tmp_path: Path
) -> None:
    png = export_twice(data, tmp_path, "card.png", "--format", "png", "--article", article_id)
    image = Image.open(BytesIO(png))
    assert image.size == (CARD_SIZE[0] * PNG_SCALE, CARD_SIZE[1] * PNG_SCALE)
    colours = image.convert("RGB").getcolors(maxcolors=1 << 24) or []
    assert len(colours) > 50  # a picture, not a blank


def test_svg_card_shows_every_claim_number(
    data: Path, dataset: geo.Dataset, tmp_path: Path
) -> None:
    svg = export_twice(data, tmp_path, "card.svg", "--format", "svg", "--article", FIRST_ID).decode(
        "utf-8"
    )
    count = len(dataset.article(FIRST_ID).claims)
    for number in range(1, count + 1):
        assert f'<g id="claim-{number}">' in svg
        assert f'<g id="claim-marker-{number}">' in svg
    assert f'<g id="claim-{count + 1}">' not in svg


def test_every_claim_marker_is_inside_the_map_and_clear_of_the_others(
    dataset: geo.Dataset,
) -> None:
    for article in dataset.articles:
        _, placed = card_figure(dataset, article)
        assert [p.number for p in placed] == list(range(1, len(article.claims) + 1))
        for index, one in enumerate(placed):
            for other in placed[index + 1 :]:
                assert math.hypot(one.x - other.x, one.y - other.y) >= 2 * MARKER_REACH


def test_a_card_needs_its_article_when_there_are_several(data: Path, tmp_path: Path) -> None:
    code, out, err = run("export", "--data", str(data), "--format", "png", "--out",
                         str(tmp_path / "card.png"))  # fmt: skip
    assert (code, out) == (1, "")
    assert err == f"Error: a png card draws one article: name it ({FIRST_ID}, {SECOND_ID})\n"
    assert not (tmp_path / "card.png").exists()


def test_an_unknown_article_and_an_unwritable_folder_are_one_line_each(
    data: Path, tmp_path: Path
) -> None:
    misspelt = "fixture-2024-01-02-sgr-pasengers"
    out = str(tmp_path / "x.csv")
    code, _, err = run(
        "export", "--data", str(data), "--format", "csv", "--article", misspelt, "--out", out
    )
    assert code == 1
    assert err == (
        "Error: 'fixture-2024-01-02-sgr-pasengers' is not a known article id "
        f"(did you mean '{FIRST_ID}'?)\n"
    )
    missing = tmp_path / "no-such-folder" / "x.csv"
    code, _, err = run("export", "--data", str(data), "--format", "csv", "--out", str(missing))
    assert code == 1
    assert err == (
        f"Error: {missing.as_posix()}: cannot write: folder "
        f"{missing.parent.as_posix()} does not exist\n"
    )


def test_invalid_data_exports_nothing(data: Path, tmp_path: Path) -> None:
    broken = write_fixture(tmp_path / "data")
    (broken / "geojson" / "lamu.geojson").write_text("{", encoding="utf-8")
    out = tmp_path / "claims.geojson"
    code, _, err = run("export", "--data", str(broken), "--format", "geojson", "--out", str(out))
    assert code == 1
    assert err == (
        "Error: data/geojson/lamu.geojson: is not valid JSON: Expecting property name "
        "enclosed in double quotes at line 1 column 2\n"
    )
    assert not out.exists()


def test_a_card_of_too_many_claims_is_refused_with_one_line(tmp_path: Path) -> None:
    data = write_fixture(tmp_path / "data", second=False)
    claims_path = data / "articles" / FIRST_ID / "claims.json"
    document = json.loads(claims_path.read_text(encoding="utf-8"))
    body_path = data / "articles" / FIRST_ID / "body.txt"
    body = body_path.read_text(encoding="utf-8")
    template = document["claims"][0]
    extra = [f"Passenger count {index} was recorded." for index in range(CARD_MAX_CLAIMS)]
    body_path.write_text(body.rstrip("\n") + "\n\n" + " ".join(extra) + "\n", encoding="utf-8")
    for index, sentence in enumerate(extra):
        claim = {k: v for k, v in template.items() if k in ("speaker", "places")}
        claim.update(id=f"extra-{index}", quote=sentence, kind="background")
        document["claims"].append(claim)
    claims_path.write_text(json.dumps(document), encoding="utf-8")
    out = tmp_path / "card.png"
    code, _, err = run("export", "--data", str(data), "--format", "png", "--out", str(out))
    total = len(document["claims"])
    assert code == 1
    assert err.endswith(
        f"Error: {FIRST_ID}: a card numbers at most {CARD_MAX_CLAIMS} claims and the article "
        f"has {total}: export them as geojson, csv or gpkg\n"
    )
    assert not out.exists()


@pytest.mark.parametrize("fmt", ["geojson", "csv", "gpkg"])
def test_an_export_does_not_depend_on_the_data_folders_name(fmt: str, tmp_path: Path) -> None:
    exported = []
    for name in ("data", "elsewhere"):
        data = write_fixture(tmp_path / name)
        out = tmp_path / f"{name}.{fmt}"
        args = ["--layer", "places"] if fmt != "gpkg" else []
        assert run("export", "--data", str(data), "--format", fmt, *args, "--out", str(out))[0] == 0
        exported.append(out.read_bytes())
    assert exported[0] == exported[1]


def test_text_that_looks_like_json_stays_text_in_geojson(tmp_path: Path) -> None:
    dataset = geo.load_dataset(write_fixture(tmp_path / "data"))
    kenya = dataset.places["kenya"]
    dataset.places["kenya"] = dataclasses.replace(kenya, name="[2017]")
    out = geo.export(dataset, "geojson", tmp_path / "places.geojson", layer="places")
    features = json.loads(out.read_text(encoding="utf-8"))["features"]
    names = {f["properties"]["id"]: f["properties"]["name"] for f in features}
    assert names["kenya"] == "[2017]"


def test_a_layer_is_refused_for_a_card(data: Path, tmp_path: Path) -> None:
    out = str(tmp_path / "card.png")
    args = ["--format", "png", "--article", FIRST_ID, "--layer", "places", "--out", out]
    code, _, err = run("export", "--data", str(data), *args)
    assert (code, err) == (1, "Error: --layer is for geojson, csv and gpkg, not png\n")


def test_a_folder_that_cannot_be_written_is_one_line(data: Path) -> None:
    out = Path("/sys/corridor-map-card.csv")  # refused even to root
    code, stdout, err = run("export", "--data", str(data), "--format", "csv", "--out", str(out))
    assert (code, stdout) == (1, "")
    assert err == f"Error: {out.as_posix()}: cannot write: Permission denied\n"


def test_dollar_signs_in_text_are_drawn_as_written_not_as_maths(tmp_path: Path) -> None:
    data = write_fixture(tmp_path / "data", second=False)
    path = data / "articles" / FIRST_ID / "article.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    document["metadata"]["headline"]["value"] = "Costs rise from $46bn to $62bn ^{x and $6"
    path.write_text(json.dumps(document), encoding="utf-8")
    out = tmp_path / "card.svg"
    code, stdout, err = run("export", "--data", str(data), "--format", "svg", "--out", str(out))
    assert (code, stdout) == (0, f"wrote {out.as_posix()}\n"), err
    # Drawn as text: maths would set "46bn to" in DejaVu Sans' oblique face.
    assert "Oblique" not in out.read_text(encoding="utf-8")


def test_an_existing_out_that_is_not_a_file_is_refused(data: Path) -> None:
    code, _, err = run("export", "--data", str(data), "--format", "csv", "--out", "/dev/null")
    assert (code, err) == (1, "Error: /dev/null: cannot write: it is not a regular file\n")
    assert Path("/dev/null").is_char_device()
