"""The built map as a reader uses it: opened from disk in headless Chromium, no network."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from geo.build import build_maps
from geo.validate import load_dataset
from tests.browser import PageLog, chromium, open_offline, screen_point
from tests.conftest import ARTICLE_ID, DATA, copy_article_world

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as started:
        yield started


@pytest.fixture(scope="module")
def seed_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_article_world(tmp_path_factory.mktemp("seed") / "data")


@pytest.fixture(scope="module")
def built_map(seed_folder: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out_dir = tmp_path_factory.mktemp("maps")
    (built,) = build_maps(seed_folder, out_dir).maps
    return built.path


ARTICLE = next(a for a in load_dataset(DATA).articles if a.id == ARTICLE_ID)
CLAIMS = list(ARTICLE.claims)


def open_map(
    browser: Browser, path: Path, fragment: str = "", viewport: tuple[int, int] = (1280, 800)
) -> tuple[Page, PageLog]:
    page, log = open_offline(browser, path, fragment, viewport)
    page.wait_for_selector(f"html[data-claims-ready='{len(CLAIMS)}']")
    return page, log


def marker_boxes(page: Page) -> list[dict[str, float]]:
    boxes: list[dict[str, float]] = page.evaluate(
        """() => Array.from(document.querySelectorAll('.claim-marker')).map(m => {
            const r = m.getBoundingClientRect();
            return {x: r.x, y: r.y, w: r.width, h: r.height};
        })"""
    )
    return boxes


def overlapping(boxes: list[dict[str, float]]) -> list[tuple[int, int]]:
    """Pairs of round markers that cover part of each other."""
    pairs = []
    for i, a in enumerate(boxes):
        for j, b in enumerate(boxes[i + 1 :], start=i + 1):
            dx = (a["x"] + a["w"] / 2) - (b["x"] + b["w"] / 2)
            dy = (a["y"] + a["h"] / 2) - (b["y"] + b["h"] / 2)
            if (dx * dx + dy * dy) ** 0.5 < (a["w"] + b["w"]) / 2:
                pairs.append((i, j))
    return pairs


def test_map_loads_offline_without_errors(browser: Browser, built_map: Path) -> None:
    page, log = open_map(browser, built_map)
    assert log.errors == []
    assert log.requests == []
    assert page.title() == ARTICLE.meta("headline")
    title = page.locator(".corridor-title").inner_text()
    assert ARTICLE.meta("headline") in title
    assert "2017-09-09" in title
    attribution = page.locator(".leaflet-control-attribution").inner_text()
    for credit in ("Natural Earth", "GeoNames"):
        assert credit in attribution
    assert "OpenStreetMap" not in attribution
    assert page.locator(".leaflet-control-scale").count() == 1
    assert page.locator(".corridor-legend").is_visible()
    page.close()


def test_online_tiles_are_an_opt_in_layer_credited_only_when_shown(
    browser: Browser, built_map: Path
) -> None:
    page, log = open_map(browser, built_map)
    page.locator(".leaflet-control-layers").hover()
    assert page.get_by_label("Natural Earth (offline)").is_checked()
    page.get_by_label("OpenStreetMap (online tiles)").check()
    page.wait_for_timeout(200)
    assert log.requests and all("tile.openstreetmap.org" in url for url in log.requests)
    attribution = page.locator(".leaflet-control-attribution").inner_text()
    assert "OpenStreetMap contributors" in attribution
    page.close()


def test_one_marker_per_claim_and_each_opens_its_quote(browser: Browser, built_map: Path) -> None:
    page, log = open_map(browser, built_map)
    ids = page.eval_on_selector_all(
        ".claim-marker", "nodes => nodes.map(n => n.getAttribute('data-claim-id'))"
    )
    assert sorted(ids) == sorted(claim.id for claim in CLAIMS)
    map_name = page.evaluate("document.querySelector('.folium-map').id")
    page.evaluate(f"void (window.initialView = [{map_name}.getCenter(), {map_name}.getZoom()])")
    for claim in CLAIMS:
        # Popups pan the map; go back to the first view as a reader would.
        page.evaluate(f"void {map_name}.setView(...initialView, {{animate: false}})")
        page.click(f".claim-marker[data-claim-id='{claim.id}']")
        popup = page.locator(f".leaflet-popup .claim-popup[data-claim-id='{claim.id}']")
        popup.wait_for()
        assert popup.locator(".claim-quote").inner_text() == claim.quote
        assert ARTICLE.speakers[claim.speaker].name in popup.inner_text()
        page.keyboard.press("Escape")
        popup.wait_for(state="detached")
    assert log.errors == []
    page.close()


def test_markers_sharing_a_place_never_cover_each_other(browser: Browser, built_map: Path) -> None:
    page, _ = open_map(browser, built_map)
    assert overlapping(marker_boxes(page)) == []
    map_name = page.evaluate("document.querySelector('.folium-map').id")
    for zoom in (3, 4, 7):
        page.evaluate(f"void {map_name}.setZoom({zoom}, {{animate: false}})")
        page.wait_for_timeout(100)
        assert overlapping(marker_boxes(page)) == [], f"at zoom {zoom}"
    page.close()


def test_panel_lists_every_claim_in_order_and_filters(browser: Browser, built_map: Path) -> None:
    page, _ = open_map(browser, built_map)
    listed = page.eval_on_selector_all(
        "#claims-list .claim-item", "nodes => nodes.map(n => n.getAttribute('data-claim-id'))"
    )
    assert listed == [claim.id for claim in CLAIMS]
    statements = [c.id for c in CLAIMS if c.kind == "statement"]
    page.select_option("#filter-kind", "statement")
    visible = page.eval_on_selector_all(
        "#claims-list li:not([hidden]) .claim-item",
        "nodes => nodes.map(n => n.getAttribute('data-claim-id'))",
    )
    assert visible == statements
    assert page.locator(".claim-marker").count() == len(statements)
    assert page.locator("#claims-count").inner_text() == (
        f"Showing {len(statements)} of {len(CLAIMS)} claims"
    )
    page.select_option("#filter-kind", "")
    page.select_option("#filter-speaker", "wang-yi")
    by_wang = [c.id for c in CLAIMS if c.speaker == "wang-yi"]
    assert page.locator(".claim-marker").count() == len(by_wang)
    assert page.locator("#claims-list li:not([hidden])").count() == len(by_wang)
    page.close()


def test_clicking_a_panel_item_flies_to_its_popup(browser: Browser, built_map: Path) -> None:
    page, _ = open_map(browser, built_map)
    claim = CLAIMS[-1]
    page.click(f"#claims-list .claim-item[data-claim-id='{claim.id}']")
    popup = page.locator(f".leaflet-popup .claim-popup[data-claim-id='{claim.id}']")
    popup.wait_for()
    assert popup.locator(".claim-quote").inner_text() == claim.quote
    assert page.evaluate("location.hash") == f"#claim-{claim.id}"
    page.close()


def test_keyboard_enter_on_a_panel_item_opens_the_claim(browser: Browser, built_map: Path) -> None:
    page, _ = open_map(browser, built_map)
    claim = CLAIMS[2]
    page.focus(f"#claims-list .claim-item[data-claim-id='{claim.id}']")
    page.keyboard.press("Enter")
    page.locator(f".leaflet-popup .claim-popup[data-claim-id='{claim.id}']").wait_for()
    page.close()


def test_deep_link_opens_its_claim_on_load(browser: Browser, built_map: Path) -> None:
    claim = next(c for c in CLAIMS if c.id == "runs-through-kashmir")
    page, log = open_map(browser, built_map, f"#claim-{claim.id}")
    popup = page.locator(f".leaflet-popup .claim-popup[data-claim-id='{claim.id}']")
    popup.wait_for()
    text = popup.inner_text()
    assert claim.quote in text
    assert "the article’s term" in text
    assert "Pakistan-administered Kashmir" in text
    selected = page.locator("#claims-list .claim-item.selected")
    assert selected.get_attribute("data-claim-id") == claim.id
    assert log.errors == []
    page.close()


def test_layers_toggle(browser: Browser, built_map: Path) -> None:
    page, _ = open_map(browser, built_map)
    page.locator(".leaflet-control-layers").hover()
    labels = [
        label.strip()
        for label in page.locator(".leaflet-control-layers-overlays label").all_inner_texts()
    ]
    assert "Claims (numbered markers)" in labels
    assert "Countries: China, India, Pakistan" in labels
    assert "Claim lines" in labels
    before = page.locator(".leaflet-overlay-pane path").count()
    page.get_by_label("Claim lines").check()
    assert page.locator(".leaflet-overlay-pane path").count() == before + 3
    page.get_by_label("Claims (numbered markers)").uncheck()
    assert page.locator(".claim-marker").count() == 0
    page.get_by_label("Claims (numbered markers)").check()
    assert page.locator(".claim-marker").count() == len(CLAIMS)
    page.close()


def test_disputed_area_tooltip_tells_both_sides(browser: Browser, built_map: Path) -> None:
    page, _ = open_map(browser, built_map)
    skardu = screen_point(page, 35.29787, 75.63372)
    page.mouse.move(skardu[0], skardu[1])
    tooltip = page.locator(".leaflet-tooltip.place-tooltip")
    tooltip.wait_for()
    text = tooltip.inner_text()
    assert text.startswith("Gilgit-Baltistan (Pakistan-administered)")
    assert "Administered by Pakistan; claimed by India" in text
    assert "Part of what this article calls “Pakistan-occupied Kashmir (PoK)”" in text
    page.close()


def test_usable_on_a_phone(browser: Browser, built_map: Path) -> None:
    page, log = open_map(browser, built_map, viewport=(390, 844))
    assert page.locator(".folium-map").bounding_box()["height"] > 300  # type: ignore[index]
    claim = CLAIMS[0]
    page.click(f".claim-marker[data-claim-id='{claim.id}']")
    popup = page.locator(f".leaflet-popup .claim-popup[data-claim-id='{claim.id}']")
    popup.wait_for()
    box = popup.bounding_box()
    assert box is not None and box["width"] <= 390
    page.keyboard.press("Escape")
    page.click("#panel-toggle")
    assert page.locator("#claims-list").is_hidden()
    assert log.errors == []
    page.close()
