"""The overview map of an archive: written only for several articles, filterable, linked."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from bench.synthetic import make_archive
from geo.build import build_maps
from geo.overview import OVERVIEW_FILE
from geo.validate import load_dataset
from tests.browser import chromium, open_offline
from tests.conftest import ARTICLE_ID


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("archive")
    data = make_archive(root, articles=4, claims_per_article=6, seed=7, places=12)
    out = root / "maps"
    build_maps(data, out)
    return data, out


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as started:
        yield started


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
    assert page.locator("#claims-count").inner_text() == (
        f"Showing {len(claims)} of {len(claims)} claims"
    )
    anchors = {c.places[0] for _, c in claims}
    assert page.evaluate("window.corridorOverviewApi.markers.length") == len(anchors)
    links = page.eval_on_selector_all("#articles-list a", "nodes => nodes.map(n => n.textContent)")
    assert sorted(links) == sorted(a.meta("headline") for a in dataset.articles)

    synthetic = next(a for a in dataset.articles if a.id.startswith("synthetic"))
    index = page.eval_on_selector_all(
        "#filter-article option",
        f"opts => opts.findIndex(o => o.textContent.endsWith({synthetic.meta('headline')!r}))",
    )
    page.select_option("#filter-article", index=index)
    assert page.locator("#claims-count").inner_text() == (
        f"Showing {len(synthetic.claims)} of {len(claims)} claims"
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
    link.click()
    target = page.locator(f".leaflet-popup .claim-popup[data-claim-id='{claim.id}']")
    target.wait_for()
    assert claim.quote in target.inner_text()
    page.go_back()
    page.wait_for_selector("html[data-overview-ready]")
    page.fill("#filter-from", "2030-01-01")
    page.dispatch_event("#filter-from", "change")
    assert page.locator("#claims-count").inner_text() == f"Showing 0 of {len(claims)} claims"
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
    page.evaluate(
        "(() => { for (const m of window.corridorOverviewApi.markers) { m.fire('click');"
        " if (document.querySelector('.leaflet-popup:last-child .overview-popup')"
        "?.textContent.includes('onerror')) return; } })()"
    )
    popup = page.locator(".leaflet-popup .overview-popup", has_text="onerror")
    assert first["quote"] in popup.inner_text()
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert log.errors == [] and log.dialogs == []
    page.close()
