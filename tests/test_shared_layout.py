"""The shared layout: maps that load their common files from ``assets/`` beside them."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from playwright.sync_api import Browser

import geo._building.build
import geo._building.manifest
import geo._rendering.render
from geo._building.build import build_maps
from geo._checks.validate import load_dataset
from geo._loading.basemap import BASEMAP_FILE
from geo._rendering.overview import part_of
from geo.cli import cli
from geo.errors import DataError
from tests.browser import open_claim_on_map, open_offline
from tests.conftest import DATA
from tests.fixtures import FIRST_ID, SECOND_ID, write_fixture, write_json

LINKED = re.compile(r'<(?:script src|link rel="stylesheet" href)="(assets/[^"]+)"')
DRAWN_SHAPES = """() => {
    const map = window[document.querySelector('.folium-map').id];
    const shapes = [];
    map.eachLayer(layer => {
        if (layer instanceof L.Polyline && layer.options.pane !== 'basemap') shapes.push(layer);
    });
    return shapes.length;
}"""


@pytest.fixture(autouse=True)
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test keeps its build manifests to itself."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


BASEMAP_SHAPES = """() => {
    const map = window[document.querySelector('.folium-map').id];
    let count = 0;
    map.eachLayer(layer => { if (layer.options.pane === 'basemap' && layer.feature) count++; });
    return count;
}"""


def with_basemap(data: Path) -> Path:
    """The fixture's data with the shipped basemap beneath its maps."""
    (data / BASEMAP_FILE).parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(DATA / BASEMAP_FILE, data / BASEMAP_FILE)
    return data


def contents(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_a_map_links_each_common_file_once_by_its_hash_and_inlines_none(tmp_path: Path) -> None:
    data = with_basemap(write_fixture(tmp_path / "data"))
    out = tmp_path / "maps"
    result = build_maps(data, out, layout="shared")
    assert sorted(m.path.name for m in result.maps) == sorted(
        [f"{FIRST_ID}.html", f"{SECOND_ID}.html", "index.html"]
    )
    used: set[str] = set()
    for built in result.maps:
        page = built.path.read_text("utf-8")
        links = LINKED.findall(page)
        assert len(links) == len(set(links))
        assert ".leaflet-pane" not in page and "corridorPlaceGroup = function" not in page
        assert 'id="corridor-basemap"' not in page
        for link in links:
            file = out / link
            _, digest, _ = file.name.rsplit(".", 2)
            assert hashlib.sha256(file.read_bytes()).hexdigest()[:16] == digest
            used.add(file.name)
        stems = {Path(link).name.split(".")[0] for link in links}
        assert {"leaflet", "corridor", "kinds"} <= stems
        assert "basemap" in stems
    # The overview loads its parts, which name each article's quotes file: loaded when
    # a popup needs them.
    overview = (out / "index.html").read_text("utf-8")
    parts = set(re.findall(r'"assets/(overview-part-\d\d\.[0-9a-f]{16}\.js)"', overview))
    assert parts
    quotes: set[str] = set()
    for part in parts:
        text = (out / "assets" / part).read_text("utf-8")
        quotes.update(re.findall(r'"assets/(quotes\.[0-9a-f]{16}\.js)"', text))
    assert len(quotes) == len(load_dataset(data).articles)
    used |= parts
    # Nothing in assets/ that no map loads.
    assert {p.name for p in (out / "assets").iterdir()} == used | quotes


def test_shared_and_standalone_maps_show_the_same_claims_and_shapes_offline(
    browser: Browser, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = with_basemap(write_fixture(tmp_path / "data"))
    # Every shape goes to a file of assets/, as large ones do.
    monkeypatch.setattr(geo._rendering.render, "SHARED_SHAPE_BYTES", 0)
    build_maps(data, tmp_path / "shared", layout="shared")
    build_maps(data, tmp_path / "standalone")
    assert any(p.name.startswith("shape.") for p in (tmp_path / "shared" / "assets").iterdir())
    article = next(a for a in load_dataset(data).articles if a.id == FIRST_ID)
    drawn = {}
    for layout in ("shared", "standalone"):
        page, log = open_offline(browser, tmp_path / layout / f"{FIRST_ID}.html")
        page.wait_for_selector(f"html[data-claims-ready='{len(article.claims)}']")
        drawn[layout] = page.evaluate(DRAWN_SHAPES)
        claim = article.claims[-1]
        open_claim_on_map(page, claim.id)
        popup = page.locator(f".leaflet-popup .claim-popup[data-claim-id='{claim.id}']")
        assert claim.quote in popup.inner_text().replace("\n", " ")
        assert page.evaluate(BASEMAP_SHAPES) > 0
        assert log.errors == [] and log.requests == [] and log.dialogs == []
        page.close()
    assert drawn["shared"] == drawn["standalone"] > 0


def test_the_overview_of_the_shared_layout_works_offline(browser: Browser, tmp_path: Path) -> None:
    data = with_basemap(write_fixture(tmp_path / "data"))
    build_maps(data, tmp_path / "maps", layout="shared")
    page, log = open_offline(browser, tmp_path / "maps" / "index.html")
    page.wait_for_selector("html[data-overview-ready]")
    claims = sum(len(a.claims) for a in load_dataset(data).articles)
    assert f"{claims} claims" in page.locator("h1").inner_text()
    assert page.evaluate(BASEMAP_SHAPES) > 0
    links = page.eval_on_selector_all("#articles-list a", "as => as.map(a => a.href)")
    assert {Path(link.split("#")[0]).name for link in links} == {
        f"{FIRST_ID}.html",
        f"{SECOND_ID}.html",
    }
    # The overview carries no quote: each place's popup loads its articles' quotes.
    page_text = (tmp_path / "maps" / "index.html").read_text("utf-8")
    dataset = load_dataset(data)
    assert not any(claim.quote in page_text for a in dataset.articles for claim in a.claims)
    for article in dataset.articles:
        for claim in article.claims:
            page.evaluate("window.corridorOverviewApi.map.closePopup()")
            anchor = dataset.places[claim.places[0]].name
            count = sum(c.places[0] == claim.places[0] for a in dataset.articles for c in a.claims)
            noun = "claim" if count == 1 else "claims"
            page.get_by_role("button", name=f"{anchor} — {count} {noun}").click()
            popup = page.locator(".leaflet-popup .overview-popup")
            popup.wait_for()
            page.wait_for_function(
                "!document.querySelector('.leaflet-popup .claim-quote-text[data-loading]')"
            )
            assert claim.quote in popup.inner_text()
            link = popup.locator(f"a[href='{article.id}.html#claim-{claim.id}']")
            assert link.count() == 1
    assert log.errors == [] and log.requests == []


def test_adding_an_article_changes_no_other_map(tmp_path: Path) -> None:
    data = write_fixture(tmp_path / "data", second=False)
    out = tmp_path / "maps"
    build_maps(data, out, layout="shared")
    first = (out / f"{FIRST_ID}.html").read_bytes()
    complete = write_fixture(tmp_path / "complete")
    shutil.copytree(complete / "articles" / SECOND_ID, data / "articles" / SECOND_ID)
    for place in (complete / "geojson").iterdir():
        shutil.copy(place, data / "geojson" / place.name)
    build_maps(data, out, layout="shared")
    assert (out / f"{FIRST_ID}.html").read_bytes() == first
    for link in LINKED.findall(first.decode("utf-8")):
        assert (out / link).is_file()


def test_parallel_incremental_and_clean_builds_write_the_same_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = write_fixture(tmp_path / "data")
    monkeypatch.setattr(geo._rendering.render, "SHARED_SHAPE_BYTES", 0)
    build_maps(data, tmp_path / "one", layout="shared")
    monkeypatch.setattr(geo._building.build, "_PARALLEL_FROM", 1)
    build_maps(data, tmp_path / "two", jobs=2, layout="shared")
    assert contents(tmp_path / "two") == contents(tmp_path / "one")
    # An asset deleted by hand is written again, though no map changed.
    victim = next((tmp_path / "two" / "assets").glob("corridor.*.js"))
    victim.unlink()
    build_maps(data, tmp_path / "two", jobs=2, layout="shared")
    assert contents(tmp_path / "two") == contents(tmp_path / "one")


def test_switching_layouts_leaves_only_what_the_layout_needs(tmp_path: Path) -> None:
    data = write_fixture(tmp_path / "data")
    out = tmp_path / "maps"
    build_maps(data, out, layout="shared")
    result = build_maps(data, out)
    assert not (out / "assets").exists()
    assert all(p.parent.name == "assets" for p in result.removed) and result.removed
    build_maps(data, tmp_path / "clean")
    assert contents(out) == contents(tmp_path / "clean")
    # The data folder's settings choose the layout when the command line does not.
    write_json(data / "settings.json", {"layout": "shared"})
    build_maps(data, out)
    build_maps(data, tmp_path / "clean-shared", layout="shared")
    assert contents(out) == contents(tmp_path / "clean-shared")


def test_a_file_of_assets_a_user_put_there_is_never_removed(tmp_path: Path) -> None:
    data = write_fixture(tmp_path / "data")
    out = tmp_path / "maps"
    (out / "assets").mkdir(parents=True)
    (out / "assets" / "logo.png").write_bytes(b"mine")
    build_maps(data, out, layout="shared")
    build_maps(data, out)
    assert (out / "assets" / "logo.png").read_bytes() == b"mine"


def test_an_unknown_layout_in_the_settings_is_refused(tmp_path: Path) -> None:
    data = write_fixture(tmp_path / "data")
    write_json(data / "settings.json", {"layout": "folder"})
    with pytest.raises(DataError) as refusal:
        load_dataset(data)
    assert [str(p) for p in refusal.value.problems] == [
        "data/settings.json: layout: 'folder' is not one of: shared, standalone"
    ]


def test_the_command_says_which_files_of_assets_went(tmp_path: Path) -> None:
    data = write_fixture(tmp_path / "data")
    out = tmp_path / "maps"
    runner = CliRunner()
    shared = runner.invoke(
        cli, ["build", "--data", str(data), "--out", str(out), "--layout", "shared"]
    )
    assert shared.exit_code == 0, shared.output
    names = sorted(p.name for p in (out / "assets").iterdir())
    standalone = runner.invoke(cli, ["build", "--data", str(data), "--out", str(out)])
    assert standalone.exit_code == 0
    removed = [line for line in standalone.output.splitlines() if line.startswith("removed")]
    assert removed == [
        f"removed {(out / 'assets' / name).as_posix()} (no map loads it)" for name in names
    ]
    refused = runner.invoke(cli, ["build", "--data", str(data), "--layout", "folder"])
    assert refused.exit_code == 2
    assert "'folder' is not one of 'standalone', 'shared'" in refused.output


def test_maps_of_the_shared_layout_are_small(tmp_path: Path) -> None:
    data = write_fixture(tmp_path / "data")
    build_maps(data, tmp_path / "shared", layout="shared")
    build_maps(data, tmp_path / "standalone")
    for name in (f"{FIRST_ID}.html", f"{SECOND_ID}.html"):
        shared = (tmp_path / "shared" / name).stat().st_size
        standalone = (tmp_path / "standalone" / name).stat().st_size
        assert shared < standalone / 5, (name, shared, standalone)


def test_a_map_left_in_place_keeps_the_files_it_loads(tmp_path: Path) -> None:
    # Other data built into the same folder keeps the first data's map of an article it
    # lacks: that map must still find its shapes.
    monkeypatch = pytest.MonkeyPatch()
    monkeypatch.setattr(geo._rendering.render, "SHARED_SHAPE_BYTES", 0)
    try:
        first = write_fixture(tmp_path / "first")
        second = write_fixture(tmp_path / "second", second=False)
        out = tmp_path / "maps"
        build_maps(first, out, layout="shared")
        build_maps(second, out, layout="shared")
    finally:
        monkeypatch.undo()
    kept = (out / f"{SECOND_ID}.html").read_text("utf-8")
    assert LINKED.findall(kept)
    for link in LINKED.findall(kept):
        assert (out / link).is_file(), link


def test_a_forced_build_still_removes_what_earlier_builds_made(tmp_path: Path) -> None:
    data = write_fixture(tmp_path / "data")
    out = tmp_path / "maps"
    build_maps(data, out, layout="shared")
    build_maps(data, out, layout="shared", force=True)
    result = build_maps(data, out, force=True)
    assert not (out / "assets").exists()
    assert result.removed


def test_quotes_files_are_made_for_an_overview_and_a_manifest_cannot_point_elsewhere(
    tmp_path: Path,
) -> None:
    alone = write_fixture(tmp_path / "alone", second=False)
    build_maps(alone, tmp_path / "one", layout="shared")
    assert not list((tmp_path / "one" / "assets").glob("quotes.*"))
    data = write_fixture(tmp_path / "data")
    out = tmp_path / "maps"
    build_maps(data, out, layout="shared")
    # The manifest (in the user's cache) is not trusted to name the script the overview
    # loads: a record that names another is thrown away and its article read again.
    index = geo._building.manifest.manifest_path(out)
    part = f"{part_of(FIRST_ID):02d}"
    records = index.with_suffix("") / f"maps-{part}.json"
    document = json.loads(records.read_text("utf-8"))
    document["maps"][f"{FIRST_ID}.html"]["summary"]["quotes"] = "https://example.org/x.js"
    records.write_text(json.dumps(document), "utf-8")
    # (Its part's digest no longer matches, as when one of its files changed.)
    document = json.loads(index.read_text("utf-8"))
    document["parts"][part]["digest"] = "0" * 64
    index.write_text(json.dumps(document), "utf-8")
    (out / "index.html").unlink()
    build_maps(data, out, layout="shared")
    assert "example.org/x.js" not in (out / "index.html").read_text("utf-8")
    build_maps(data, tmp_path / "clean", layout="shared")
    assert contents(out) == contents(tmp_path / "clean")
