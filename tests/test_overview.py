"""The overview map of an archive: written only for several articles, filterable, linked."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser

from bench.synthetic import make_archive
from geo._building.build import build_maps
from geo._checks.validate import load_dataset
from geo._rendering.overview import (
    COLOUR_NOTE,
    DARK_STROKE,
    OVERVIEW_FILE,
    OVERVIEW_SHAPES_ID,
    ROUTE_PATTERNS,
    article_summary,
    context_places,
    legend_entries,
    overview_head,
    overview_parts,
    render_overview,
    route_pattern,
    time_buckets,
)
from geo._rendering.styles import KIND_STYLES
from geo.model import Dataset
from tests.browser import open_offline
from tests.conftest import ARTICLE_ID
from tests.fixtures import SECOND_ID, write_fixture, write_json


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("archive")
    data = make_archive(root, articles=4, claims_per_article=6, seed=7, places=12)
    out = root / "maps"
    build_maps(data, out)
    return data, out


@pytest.fixture
def kenya(tmp_path: Path) -> Path:
    """The Kenyan fixture, its second article's speaker in lower case, the Ilemi Triangle
    its context place."""
    data = write_fixture(tmp_path / "data", second=True)
    claims_file = data / "articles" / SECOND_ID / "claims.json"
    claims = json.loads(claims_file.read_text(encoding="utf-8"))
    claims["speakers"]["officials"]["name"] = "kenyan officials"
    claims["context_places"] = ["ilemi-triangle"]
    write_json(claims_file, claims)
    return data


def overview_data(dataset: Dataset) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The overview's head and its parts, as the page reads them."""
    parts = overview_parts([article_summary(dataset, a) for a in dataset.articles])
    head = overview_head([facts for _, _, facts in parts], dataset.places, dataset.settings)
    return head, [json.loads(text) for _, text, _ in parts]


def test_payload_orders_kinds_as_the_legend_and_speakers_alphabetically(kenya: Path) -> None:
    dataset = load_dataset(kenya)
    payload, parts = overview_data(dataset)
    present = {c.kind for a in dataset.articles for c in a.claims}
    assert payload["kinds"] == [k for k in KIND_STYLES if k in present]
    for kind, (fill, stroke) in zip(payload["kinds"], payload["kindStyles"], strict=True):
        assert fill == KIND_STYLES[kind].fill
        assert stroke == (DARK_STROKE if kind == "background" else "#ffffff")
    assert payload["speakers"] == [
        "Jane Mwangi, managing director of the railway's operator",
        "kenyan officials",
        "The article",
    ]
    # Each part names its own speakers, which the page maps to the head's.
    [second] = [part for part in parts if SECOND_ID in {a[0] for a in part["articles"]}]
    number = [a[0] for a in second["articles"]].index(SECOND_ID)
    claims = second["claims"]
    spoken = {
        second["speakers"][claims["speaker"][c]]
        for c in range(len(claims["article"]))
        if claims["article"][c] == number
    }
    assert "kenyan officials" in spoken and spoken <= set(payload["speakers"])


def test_histogram_periods_are_months_for_a_short_span_and_years_otherwise() -> None:
    buckets, of = time_buckets(["2024-01-02", "2024-02-05", "2024-01-31"])
    assert buckets == [
        ["January 2024", "2024-01-01", "2024-01-31"],
        ["February 2024", "2024-02-01", "2024-02-29"],
    ]
    assert of == [0, 1, 0]
    buckets, of = time_buckets(["2017-09-09", "2025-09-21", "2018-03-08"])
    assert [b[0] for b in buckets] == [str(y) for y in range(2017, 2026)]
    assert buckets[1] == ["2018", "2018-01-01", "2018-12-31"]
    assert of == [0, 8, 1]
    assert time_buckets([]) == ([], [])


def test_routes_and_disputed_areas_of_any_article_are_drawn_with_a_legend(kenya: Path) -> None:
    dataset = load_dataset(kenya)
    drawn = context_places(dataset)
    assert [p.id for p in drawn] == ["ilemi-triangle", "sgr-route"]
    payload, _ = overview_data(dataset)
    legend = legend_entries(payload["kinds"], drawn)
    assert legend[0] == ("overview-legend-note", COLOUR_NOTE)
    assert [label for _, label in legend if label in KIND_STYLES] == payload["kinds"]
    assert legend[-2:] == [
        ("swatch-route overview-route-solid", "Standard Gauge Railway (schematic)"),
        ("overview-swatch-disputed", "Disputed area"),
    ]
    page = render_overview(dataset)
    shapes = re.search(
        rf'<script type="application/json" id="{OVERVIEW_SHAPES_ID}">(.*?)</script>', page
    )
    assert shapes
    data = json.loads(shapes.group(1))
    assert [f["id"] for f in data["data"]["features"]] == ["ilemi-triangle", "sgr-route"]
    assert data["styles"]["sgr-route"]["color"] == "#e31a1c"
    assert data["styles"]["ilemi-triangle"]["dashArray"]
    assert "overview.css" not in page and ".histogram-bar" in page
    assert render_overview(load_dataset(kenya)) == page


def test_each_route_has_its_own_line_pattern_and_legend_swatch(seed_data: Path) -> None:
    dataset = load_dataset(seed_data)
    routes = [p for p in context_places(dataset) if p.kind == "route"]
    assert len(routes) >= 2
    patterns = route_pattern(routes)
    assert len(set(patterns.values())) == min(len(routes), len(ROUTE_PATTERNS))
    legend = legend_entries([], routes)
    swatches = [swatch for swatch, _ in legend if swatch.startswith("swatch-route")]
    assert len(set(swatches)) == len(set(patterns.values()))


def test_no_overview_for_a_single_article(seed_data: Path, tmp_path: Path) -> None:
    built = build_maps(seed_data, tmp_path)
    assert [item.path.name for item in built.maps] == [f"{ARTICLE_ID}.html"]
    assert not (tmp_path / OVERVIEW_FILE).exists()


def test_overview_is_written_beside_every_article_map(archive: tuple[Path, Path]) -> None:
    data, out = archive
    dataset = load_dataset(data)
    assert sorted(p.name for p in out.glob("*.html")) == sorted(
        [OVERVIEW_FILE, *(f"{a.id}.html" for a in dataset.articles)]
    )
    again = build_maps(data, out)
    assert not any(item.changed for item in again.maps)


@pytest.mark.browser
def test_overview_draws_every_claim_filters_and_links(
    browser: Browser, archive: tuple[Path, Path]
) -> None:
    data, out = archive
    dataset = load_dataset(data)
    claims = [(a, c) for a in dataset.articles for c in a.claims]
    page, log = open_offline(browser, out / OVERVIEW_FILE)
    page.wait_for_selector(f"html[data-overview-ready='{len(claims)}']")
    assert (
        page.locator("#claims-count")
        .inner_text()
        .startswith(f"Showing {len(claims)} of {len(claims)} claims, at ")
    )
    anchors = {c.places[0] for _, c in claims}
    assert page.evaluate("window.corridorOverviewApi.markers.length") == len(anchors)
    outside = page.evaluate(
        "(() => { const api = window.corridorOverviewApi, map = api.map, size = map.getSize();"
        " return api.markers.filter(m => { const p = map.latLngToContainerPoint(m.getLatLng());"
        " const r = m.getRadius() + m.options.weight; return p.x - r < 0 || p.y - r < 0"
        " || p.x + r > size.x || p.y + r > size.y; }).length; })()"
    )
    assert outside == 0
    links = page.eval_on_selector_all("#articles-list a", "nodes => nodes.map(n => n.textContent)")
    assert sorted(links) == sorted(a.meta("headline") for a in dataset.articles)

    synthetic = next(a for a in dataset.articles if a.id.startswith("synthetic"))
    index = page.eval_on_selector_all(
        "#filter-article option",
        f"opts => opts.findIndex(o => o.textContent.endsWith({synthetic.meta('headline')!r}))",
    )
    page.select_option("#filter-article", index=index)
    assert (
        page.locator("#claims-count")
        .inner_text()
        .startswith(f"Showing {len(synthetic.claims)} of {len(claims)} claims, at ")
    )
    claim = synthetic.claims[0]
    page.evaluate(
        "(() => { const api = window.corridorOverviewApi;"
        " const m = api.markers.find(m => m.getLatLng().lat.toFixed(5) === "
        f"{dataset.places[claim.places[0]].geometry.y:.5f}.toFixed(5)); m.fire('click'); }})()"
    )
    popup = page.locator(".leaflet-popup .overview-popup")
    popup.wait_for()
    assert claim.quote in popup.inner_text()
    link = popup.locator(f"a[href='{synthetic.id}.html#claim-{claim.id}']")
    assert link.count() == 1
    # The link's target, opened as a reader following it would (open_offline refuses any
    # navigation away from the page it opened, so the article's map is opened on its own).
    article_page, article_log = open_offline(
        browser, out / f"{synthetic.id}.html", f"#claim-{claim.id}"
    )
    article_page.locator(".leaflet-popup", has_text=claim.quote).wait_for()
    assert article_log.requests == [] and article_log.errors == []
    article_page.close()
    page.fill("#filter-from", "2030-01-01")
    page.dispatch_event("#filter-from", "change")
    assert page.locator("#claims-count").inner_text() == (
        f"Showing 0 of {len(claims)} claims, at 0 places"
    )
    assert log.errors == []
    page.close()


@pytest.mark.browser
def test_overview_shows_injected_text_as_text(browser: Browser, tmp_path: Path) -> None:
    data = make_archive(tmp_path, articles=2, claims_per_article=2, seed=3, places=4)
    folder = data / "articles" / "synthetic-00000"
    payload = "<img src=x onerror=window.__xss=1> `${window.__xss=2}` </script>"
    claims = json.loads((folder / "claims.json").read_text(encoding="utf-8"))
    body = (folder / "body.txt").read_text(encoding="utf-8")
    first = claims["claims"][0]
    body = body.replace(first["quote"], first["quote"] + " " + payload)
    first["quote"] += " " + payload
    (folder / "body.txt").write_text(body, encoding="utf-8")
    (folder / "claims.json").write_text(json.dumps(claims), encoding="utf-8")
    meta = json.loads((folder / "article.json").read_text(encoding="utf-8"))
    meta["metadata"]["headline"]["value"] = f"Report {payload}"
    (folder / "article.json").write_text(json.dumps(meta), encoding="utf-8")
    build_maps(data, tmp_path / "maps")
    page, log = open_offline(browser, tmp_path / "maps" / OVERVIEW_FILE)
    page.wait_for_selector("html[data-overview-ready]")
    assert f"Report {payload}" in page.locator("#articles-list").inner_text()
    # The popup of the place of the claim whose quote carries the payload.
    page.evaluate(
        "(quote) => { for (const m of window.corridorOverviewApi.markers) { m.fire('click');"
        " if (document.querySelector('.leaflet-popup:last-child .overview-popup')"
        "?.textContent.includes(quote)) return; } }",
        first["quote"],
    )
    popup = page.locator(".leaflet-popup .overview-popup", has_text="onerror")
    assert first["quote"] in popup.inner_text()
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert log.errors == [] and log.dialogs == []
    page.close()
