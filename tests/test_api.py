"""The library: geo's public names, the GeoDataFrames and the folium map."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import branca.element
import folium
import geopandas
import pandas
import pytest
from playwright.sync_api import Browser

import geo
from geo._building.build import build_maps as internal_build
from geo._rendering.elements import CorridorMap
from geo._rendering.payload import anchor_of
from tests.browser import open_offline
from tests.fixtures import FIRST_ID, SECOND_ID, write_fixture


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_fixture(tmp_path_factory.mktemp("api") / "data")


@pytest.fixture(scope="module")
def dataset(data: Path) -> geo.Dataset:
    return geo.load_dataset(str(data))


def test_every_public_name_resolves_and_is_documented() -> None:
    for name in geo.__all__:
        value = getattr(geo, name)
        assert value.__doc__, name
    assert set(geo.__all__) <= set(dir(geo))
    with pytest.raises(AttributeError):
        _ = geo.render_article_map


def test_importing_geo_imports_neither_geopandas_nor_folium() -> None:
    code = "import sys, geo; print(sorted(m for m in ('geopandas', 'folium') if m in sys.modules))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out == "[]\n"


def test_places_frame_has_a_row_per_place_with_its_geometry_and_provenance(
    dataset: geo.Dataset,
) -> None:
    frame = dataset.places_frame()
    assert isinstance(frame, geopandas.GeoDataFrame)
    assert frame.crs.to_epsg() == 4326
    assert list(frame["id"]) == sorted(dataset.places)
    assert list(frame.columns)[-1] == "geometry"
    for row in frame.itertuples():
        place = dataset.places[row.id]
        assert row.name == place.name
        assert row.kind == place.kind
        assert row.geometry.equals(place.geometry)
        assert row.source_dataset == place.properties["source"]["dataset"]
        assert row.file == f"geojson/{place.file.rsplit('/', 1)[1]}"
    uses = sum(len(claim.places) for article in dataset.articles for claim in article.claims)
    assert frame["claims"].sum() == uses
    lamu = frame.set_index("id").loc["lamu"]
    assert lamu["articles"] == SECOND_ID


def test_claims_frame_has_a_row_per_claim_at_its_marker(dataset: geo.Dataset) -> None:
    frame = dataset.claims_frame()
    assert isinstance(frame, geopandas.GeoDataFrame)
    assert frame.crs.to_epsg() == 4326
    claims = [(a, c) for a in dataset.articles for c in a.claims]
    assert len(frame) == len(claims)
    for row, (article, claim) in zip(frame.itertuples(), claims, strict=True):
        assert (row.article, row.claim, row.kind) == (article.id, claim.id, claim.kind)
        assert row.number == article.claims.index(claim) + 1
        assert row.speaker_name == article.speakers[claim.speaker].name
        assert article.body[row.quote_start : row.quote_start + len(row.quote)] == claim.quote
        assert claim.quote in row.sentence
        lat, lng = anchor_of(dataset.places[claim.places[0]].geometry)
        assert (row.geometry.x, row.geometry.y) == (lng, lat)
        assert row.places.split("; ") == list(claim.places)
        assert pandas.isna(row.verdict) or row.verdict in (
            "holds",
            "contradicted",
            "cannot be checked",
        )
        assert row.map_link == f"{article.id}.html#claim-{claim.id}"
        assert row.published == article.meta("published")
    assert set(frame["verdict"].dropna()), "the fixture has geographic statements to check"
    one = dataset.claims_frame(FIRST_ID)
    assert set(one["article"]) == {FIRST_ID}
    assert len(one) == len(dataset.article(FIRST_ID).claims)


def test_an_unknown_article_is_a_key_error_naming_those_there_are(dataset: geo.Dataset) -> None:
    with pytest.raises(KeyError, match=f"no article 'nope' in .* \\(it holds: {FIRST_ID}, "):
        dataset.claims_frame("nope")


def test_article_map_is_a_folium_map_whose_page_is_the_built_map(
    data: Path, dataset: geo.Dataset, tmp_path: Path
) -> None:
    fmap = geo.article_map(dataset, SECOND_ID)
    assert isinstance(fmap, folium.Map)
    internal_build(data, tmp_path / "maps", force=True)
    built = (tmp_path / "maps" / f"{SECOND_ID}.html").read_text(encoding="utf-8")
    page = fmap.get_root().render()
    assert page == built
    claims = json.loads(page.split('id="corridor-claims">', 1)[1].split("</script>", 1)[0])
    article = dataset.article(SECOND_ID)
    assert [c["quote"] for c in claims["claims"]] == [c.quote for c in article.claims]
    shown = fmap._repr_html_()
    assert "<iframe" in shown
    assert "corridor-claims" in shown


def test_article_map_saves_and_takes_more_folium_layers(
    dataset: geo.Dataset, tmp_path: Path
) -> None:
    fmap = geo.article_map(dataset, FIRST_ID)
    folium.Marker([-1.29, 36.82], tooltip="added in a notebook").add_to(fmap)
    fmap.save(str(tmp_path / "map.html"))
    saved = (tmp_path / "map.html").read_text(encoding="utf-8")
    assert "added in a notebook" in saved
    assert saved.count("<html") == 1


def test_build_maps_takes_plain_strings(data: Path, tmp_path: Path) -> None:
    result = geo.build_maps(str(data), str(tmp_path / "maps"))
    assert sorted(m.path.name for m in result.maps) == sorted(
        [f"{FIRST_ID}.html", f"{SECOND_ID}.html", "index.html"]
    )


@pytest.mark.browser
def test_folium_layers_a_user_adds_are_drawn_and_listed(
    dataset: geo.Dataset, tmp_path: Path, browser: Browser
) -> None:
    fmap = geo.article_map(dataset, FIRST_ID)
    mine = folium.FeatureGroup(name="My survey points").add_to(fmap)
    folium.CircleMarker([-1.29, 36.82], radius=9, color="#ff00ff", tooltip="mine").add_to(mine)
    folium.Marker([-4.05, 39.67], tooltip="a pin").add_to(fmap)
    path = tmp_path / "map.html"
    fmap.save(str(path))
    page, log = open_offline(browser, path)
    page.wait_for_selector("html[data-claims-ready]")
    # folium's own elements bring the scripts folium links from CDNs (refused here, offline:
    # those that need them, such as popups and icons, work online, as in a notebook); the
    # map's own work still runs, and the user's layers are drawn and listed.
    folium_links = {url for _, url in folium.Map.default_js + folium.Map.default_css}
    leaflet = {dict(folium.Map.default_js)["leaflet"], dict(folium.Map.default_css)["leaflet_css"]}
    assert isinstance(fmap, CorridorMap)
    images = fmap.icon_folder()
    assert set(log.requests) <= (folium_links - leaflet) | {
        images + "marker-icon.png",
        images + "marker-shadow.png",
    }
    assert not [e for e in log.errors if "page error" in e], log.errors
    assert page.locator("path[stroke='#ff00ff']").count() == 1
    page.locator(".leaflet-control-layers").hover()
    assert page.get_by_text("My survey points").is_visible()
    assert page.locator(".claim-marker").count() > 0
    assert page.locator("img.leaflet-marker-icon").count() == 1
    page.close()


def test_rendering_a_map_twice_gives_the_same_bytes(dataset: geo.Dataset) -> None:
    fmap = geo.article_map(dataset, SECOND_ID)
    first = fmap.get_root().render()
    assert fmap.get_root().render() == first
    assert fmap._repr_html_() == fmap._repr_html_()


def test_what_a_user_adds_to_the_page_stays_and_one_layer_control_is_kept(
    dataset: geo.Dataset,
) -> None:
    fmap = geo.article_map(dataset, FIRST_ID)
    page = fmap.get_root()
    assert isinstance(page, branca.element.Figure)
    page.html.add_child(folium.Element("<div id='my-legend'>MY LEGEND</div>"))
    folium.LayerControl(position="topleft", collapsed=False).add_to(fmap)
    first = fmap.get_root().render()
    assert "<div id='my-legend'>MY LEGEND</div>" in first
    assert first.count("L.control.layers(") == 1
    assert '{"autoZIndex":true,"collapsed":false,"position":"topleft"}' in first
    assert fmap.get_root().render() == first
