"""The archive overview as a reader uses it: colours and legend, first view, filters, lists,
histogram, keyboard, the address's fragment, accessibility and print.

Built once from the Kenyan fixture (two articles, four circles) with the Ilemi Triangle
added as a context place, so the overview has a route and a disputed area to draw.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from bench.synthetic import make_archive
from geo._building.build import build_maps
from geo._checks.validate import load_dataset
from geo._rendering.overview import COLOUR_NOTE, DARK_STROKE, OVERVIEW_DATA_ID, OVERVIEW_FILE
from geo._rendering.styles import KIND_STYLES
from geo.model import Dataset
from tests.browser import POPUP_FITS, PageLog, axe_violations, open_offline
from tests.fixtures import FIRST_ID, SECOND_ID, write_fixture, write_json

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> tuple[Dataset, Path]:
    root = tmp_path_factory.mktemp("overview")
    data = write_fixture(root / "data", second=True)
    claims_file = data / "articles" / SECOND_ID / "claims.json"
    claims = json.loads(claims_file.read_text(encoding="utf-8"))
    claims["context_places"] = ["ilemi-triangle"]
    write_json(claims_file, claims)
    out = root / "maps"
    build_maps(data, out)
    return load_dataset(data), out / OVERVIEW_FILE


def open_overview(
    browser: Browser, path: Path, fragment: str = "", viewport: tuple[int, int] = (1280, 800)
) -> tuple[Page, PageLog]:
    page, log = open_offline(browser, path, fragment, viewport)
    page.wait_for_selector("html[data-overview-ready]")
    return page, log


def total_claims(dataset: Dataset) -> int:
    return sum(len(a.claims) for a in dataset.articles)


def expected_kinds(dataset: Dataset, kind: str | None = None) -> dict[str, str]:
    """Place name → the most frequent kind of its claims (ties: first in KIND_STYLES)."""
    counts: dict[str, Counter[str]] = {}
    for article in dataset.articles:
        for claim in article.claims:
            if kind is None or claim.kind == kind:
                name = dataset.places[claim.places[0]].name
                counts.setdefault(name, Counter())[claim.kind] += 1
    order = list(KIND_STYLES)
    return {
        name: max(counter, key=lambda k: (counter[k], -order.index(k)))
        for name, counter in counts.items()
    }


def circles(page: Page) -> list[dict[str, Any]]:
    """Every circle on the map: its place, colours, and box relative to the map."""
    found: list[dict[str, Any]] = page.evaluate(
        f"""() => {{
        const data = JSON.parse(document.getElementById({OVERVIEW_DATA_ID!r}).textContent);
        const api = window.corridorOverviewApi;
        const map = api.map;
        const size = map.getSize();
        const box = map.getContainer().getBoundingClientRect();
        const covers = ['.corridor-title', '.corridor-legend']
            .map(s => document.querySelector(s).getBoundingClientRect());
        return api.markers.map((m, i) => {{
            const p = map.latLngToContainerPoint(m.getLatLng());
            const r = m.getRadius() + m.options.weight;
            const x = box.left + p.x, y = box.top + p.y;
            return {{
                name: data.places[i][0], shown: map.hasLayer(m),
                fill: m.options.fillColor, stroke: m.options.color,
                inside: p.x - r >= 0 && p.y - r >= 0 && p.x + r <= size.x && p.y + r <= size.y,
                clear: !covers.some(c => x - r < c.right && x + r > c.left
                                         && y - r < c.bottom && y + r > c.top),
            }};
        }});
    }}"""
    )
    return found


def shown_articles(page: Page) -> list[str]:
    texts: list[str] = page.eval_on_selector_all(
        "#articles-list li:not([hidden]) a", "nodes => nodes.map(n => n.textContent)"
    )
    return texts


def count_text(page: Page) -> str:
    return page.locator("#claims-count").inner_text()


def test_opens_offline_with_a_legend_of_the_kinds_present(
    browser: Browser, archive: tuple[Dataset, Path]
) -> None:
    dataset, path = archive
    page, log = open_overview(browser, path)
    legend = page.locator(".corridor-legend").inner_text()
    present = {c.kind for a in dataset.articles for c in a.claims}
    labels = page.eval_on_selector_all(
        ".corridor-legend li", "nodes => nodes.map(n => n.textContent)"
    )
    assert [k for k in labels if k in KIND_STYLES] == [k for k in KIND_STYLES if k in present]
    assert COLOUR_NOTE in legend
    assert "Standard Gauge Railway (schematic)" in labels
    assert "Disputed area" in labels
    swatch = page.locator(".corridor-legend .overview-swatch.kind-event")
    fill = swatch.evaluate("n => getComputedStyle(n).backgroundColor")
    assert fill == "rgb(10, 95, 168)"  # KIND_STYLES["event"].fill, #0a5fa8
    assert log.requests == [] and log.errors == []
    page.close()


def test_circles_take_the_colour_of_their_most_frequent_kind(
    browser: Browser, archive: tuple[Dataset, Path]
) -> None:
    dataset, path = archive
    page, log = open_overview(browser, path)
    found = circles(page)
    expected = expected_kinds(dataset)
    assert {c["name"] for c in found if c["shown"]} == set(expected)
    for circle in found:
        kind = expected[circle["name"]]
        assert circle["fill"] == KIND_STYLES[kind].fill, circle
        assert circle["stroke"] == (DARK_STROKE if kind == "background" else "#ffffff")
    # The railway holds a figure and a statement: a tie, won by the kind listed first.
    assert expected["Standard Gauge Railway"] == "figure"
    statement = page.eval_on_selector_all(
        "#filter-kind option", "opts => opts.find(o => o.textContent === 'statement').value"
    )
    page.select_option("#filter-kind", statement)
    shown = {c["name"]: c for c in circles(page) if c["shown"]}
    assert set(shown) == set(expected_kinds(dataset, "statement"))
    assert shown["Standard Gauge Railway"]["fill"] == KIND_STYLES["statement"].fill
    assert log.errors == []
    page.close()


def test_every_circle_is_inside_the_map_at_load(
    browser: Browser, archive: tuple[Dataset, Path]
) -> None:
    _, path = archive
    for viewport in [(1280, 800), (800, 600), (390, 760)]:
        page, _ = open_offline(browser, path, viewport=viewport)
        page.wait_for_selector("html[data-overview-ready]")
        found = [c for c in circles(page) if c["shown"]]
        assert found and all(c["inside"] for c in found), (viewport, found)
        if viewport == (1280, 800):  # room enough to keep clear of the title and legend
            assert all(c["clear"] for c in found), found
        page.close()


def test_filters_follow_through_lists_and_an_empty_result_can_be_reset(
    browser: Browser, archive: tuple[Dataset, Path]
) -> None:
    dataset, path = archive
    page, log = open_overview(browser, path)
    total = total_claims(dataset)
    headlines = {a.id: a.meta("headline") for a in dataset.articles}
    assert sorted(shown_articles(page)) == sorted(headlines.values())
    figure = page.eval_on_selector_all(
        "#filter-kind option", "opts => opts.find(o => o.textContent === 'figure').value"
    )
    page.select_option("#filter-kind", figure)
    assert shown_articles(page) == [headlines[FIRST_ID]]
    item = page.locator("#articles-list li:not([hidden])")
    assert item.inner_text().endswith("1 claim")
    places = page.eval_on_selector_all(
        "#places-list li:not([hidden]) button", "nodes => nodes.map(n => n.textContent)"
    )
    assert places == ["Standard Gauge Railway — 1 claim"]

    page.fill("#filter-from", "2030-01-01")
    page.dispatch_event("#filter-from", "change")
    assert count_text(page).startswith(f"Showing 0 of {total} claims")
    assert page.locator("#overview-empty").is_visible()
    assert "No claims match these filters." in page.locator("#overview-empty").inner_text()
    assert shown_articles(page) == []
    page.click("#overview-empty-reset")
    assert not page.locator("#overview-empty").is_visible()
    assert count_text(page).startswith(f"Showing {total} of {total} claims")
    assert sorted(shown_articles(page)) == sorted(headlines.values())
    values = page.eval_on_selector_all(
        "#claims-panel select, #claims-panel input", "nodes => nodes.map(n => n.value)"
    )
    assert values == ["", "", "", "", ""]
    assert page.evaluate("location.hash") == ""

    page.select_option("#filter-kind", figure)
    page.click("#filter-reset")
    assert count_text(page).startswith(f"Showing {total} of {total} claims")
    assert log.errors == []
    page.close()


def test_speakers_are_sorted_and_kinds_follow_the_legend(
    browser: Browser, archive: tuple[Dataset, Path]
) -> None:
    dataset, path = archive
    page, _ = open_overview(browser, path)
    speakers = page.eval_on_selector_all(
        "#filter-speaker option", "opts => opts.slice(1).map(o => o.textContent)"
    )
    assert speakers == sorted(speakers, key=str.casefold) and len(speakers) == 3
    kinds = page.eval_on_selector_all(
        "#filter-kind option", "opts => opts.slice(1).map(o => o.textContent)"
    )
    present = {c.kind for a in dataset.articles for c in a.claims}
    assert kinds == [k for k in KIND_STYLES if k in present]
    page.close()


def test_histogram_counts_claims_by_month_and_a_bar_sets_the_dates(
    browser: Browser, archive: tuple[Dataset, Path]
) -> None:
    dataset, path = archive
    page, log = open_overview(browser, path)
    group = page.get_by_role("group", name="Claims over time")
    bars = group.get_by_role("button")
    assert bars.evaluate_all("nodes => nodes.map(n => n.getAttribute('aria-label'))") == [
        "January 2024: 4 claims",
        "February 2024: 1 claim",
    ]
    page.get_by_role("button", name="February 2024: 1 claim").click()
    assert page.input_value("#filter-from") == "2024-02-01"
    assert page.input_value("#filter-to") == "2024-02-29"
    assert count_text(page).startswith(f"Showing 1 of {total_claims(dataset)} claims")
    second = next(a for a in dataset.articles if a.id == SECOND_ID)
    assert shown_articles(page) == [second.meta("headline")]
    assert bars.nth(1).get_attribute("aria-pressed") == "true"
    assert "from=2024-02-01" in page.evaluate("location.hash")
    # Bars follow the other filters: a kind leaves January one event.
    event = page.eval_on_selector_all(
        "#filter-kind option", "opts => opts.find(o => o.textContent === 'event').value"
    )
    page.select_option("#filter-kind", event)
    assert bars.nth(0).get_attribute("aria-label") == "January 2024: 1 claim"
    # The chosen bar again clears the dates.
    bars.nth(1).click()
    assert page.input_value("#filter-from") == "" and page.input_value("#filter-to") == ""
    assert log.errors == []
    page.close()


def test_place_buttons_open_the_popup_and_escape_returns_focus(
    browser: Browser, archive: tuple[Dataset, Path]
) -> None:
    dataset, path = archive
    page, log = open_overview(browser, path)
    button = page.get_by_role("button", name="Lamu — 1 claim")
    button.focus()
    page.keyboard.press("Enter")
    popup = page.locator(".leaflet-popup .overview-popup")
    popup.wait_for()
    berths = next(a for a in dataset.articles if a.id == SECOND_ID).claims[0]
    assert berths.quote in popup.inner_text()
    page.wait_for_function("document.activeElement.classList.contains('overview-popup')")
    page.keyboard.press("Escape")
    popup.wait_for(state="detached")
    assert page.evaluate("document.activeElement.textContent") == "Lamu — 1 claim"
    assert log.errors == []
    page.close()


def test_filters_live_in_the_fragment_and_in_history(
    browser: Browser, archive: tuple[Dataset, Path]
) -> None:
    dataset, path = archive
    total = total_claims(dataset)
    events = sum(c.kind == "event" for a in dataset.articles for c in a.claims)
    page, log = open_overview(browser, path, "#kind=event")
    assert page.eval_on_selector("#filter-kind", "s => s.selectedOptions[0].textContent") == (
        "event"
    )
    assert count_text(page).startswith(f"Showing {events} of {total} claims")
    length = page.evaluate("history.length")
    speaker = "Kenyan officials"
    value = page.eval_on_selector_all(
        "#filter-speaker option", f"opts => opts.find(o => o.textContent === {speaker!r}).value"
    )
    page.select_option("#filter-speaker", value)
    assert page.evaluate("history.length") == length + 1
    assert page.evaluate("location.hash") == "#kind=event&speaker=Kenyan%20officials"
    assert count_text(page).startswith(f"Showing 1 of {total} claims")
    page.evaluate("history.back()")
    page.wait_for_function("location.hash === '#kind=event'")
    page.wait_for_function("document.getElementById('filter-speaker').value === ''")
    assert count_text(page).startswith(f"Showing {events} of {total} claims")
    page.close()

    # Unknown or malformed values are ignored.
    page, log = open_overview(browser, path, "#kind=nothing&speaker=%E0%A4%A&from=soon&x=1")
    assert count_text(page).startswith(f"Showing {total} of {total} claims")
    assert log.errors == []
    page.close()


def test_axe_finds_nothing_in_the_overview(browser: Browser, archive: tuple[Dataset, Path]) -> None:
    _, path = archive
    for viewport in ((1280, 800), (390, 844)):
        page, _ = open_overview(browser, path, viewport=viewport)
        assert axe_violations(page) == []
        page.locator("#places-list button").first.click()
        page.locator(".leaflet-popup").wait_for()
        assert axe_violations(page) == []
        page.keyboard.press("Escape")
        page.fill("#filter-from", "2999-01-01")
        page.locator("#overview-empty").wait_for()
        assert axe_violations(page) == []
        page.close()


def test_print_shows_every_article_and_hides_the_controls(
    browser: Browser, archive: tuple[Dataset, Path]
) -> None:
    dataset, path = archive
    page, _ = open_overview(browser, path)
    page.emulate_media(media="print")
    items = page.locator("#articles-list li")
    assert items.count() == len(dataset.articles)
    for index in range(items.count()):
        assert items.nth(index).is_visible()
    clipped = page.evaluate(
        """() => ['#claims-panel', '#articles-list', '#places-list'].filter(s => {
            const n = document.querySelector(s);
            const style = getComputedStyle(n);
            return style.overflowY !== 'visible' || n.scrollHeight > n.clientHeight + 1;
        })"""
    )
    assert clipped == []
    assert not page.locator(".leaflet-control-zoom").is_visible()
    assert not page.locator(".leaflet-control-layers").is_visible()
    page.close()


def test_every_place_popup_fits_a_phone(browser: Browser, archive: tuple[Dataset, Path]) -> None:
    _, path = archive
    page, log = open_overview(browser, path, viewport=(390, 844))
    buttons = page.locator("#places-list button")
    assert buttons.count() > 0
    for index in range(buttons.count()):
        buttons.nth(index).click()
        page.locator(".leaflet-popup .overview-popup").wait_for()
        page.wait_for_timeout(800)  # the flight to the place and the pan into view
        assert page.evaluate(POPUP_FITS), buttons.nth(index).inner_text()
        page.keyboard.press("Escape")
    assert log.errors == []
    page.close()


@pytest.fixture(scope="module")
def large_archive(tmp_path_factory: pytest.TempPathFactory) -> tuple[Dataset, Path]:
    """More articles than the overview lists at first, shared layout: (data, overview)."""
    root = tmp_path_factory.mktemp("large")
    data = make_archive(root, articles=230, claims_per_article=1, places=40)
    build_maps(data, root / "maps", layout="shared")
    return load_dataset(data), root / "maps" / "index.html"


def test_a_long_archive_lists_articles_as_the_reader_scrolls_and_all_on_paper(
    browser: Browser, large_archive: tuple[Dataset, Path]
) -> None:
    dataset, path = large_archive
    page, log = open_overview(browser, path)
    assert not any(c.quote in path.read_text("utf-8") for a in dataset.articles for c in a.claims)
    items = page.locator("#articles-list li")
    assert items.count() == 200 < len(dataset.articles)
    more = page.get_by_role("button", name="Show more articles")
    # Scrolled to, the end of the list brings the rest, and the keyboard stays where it was.
    focused = items.nth(150).locator("a")
    focused.focus()
    more.scroll_into_view_if_needed()
    page.wait_for_function(
        f"document.querySelectorAll('#articles-list li').length === {len(dataset.articles)}"
    )
    assert more.is_hidden()
    assert page.evaluate("document.activeElement.textContent") == focused.inner_text()
    # Filters list only the articles that have claims left, however far the list went.
    first = sorted(dataset.articles, key=lambda a: (a.meta("published"), a.id))[0]
    page.select_option("#filter-article", value="0")
    assert shown_articles(page) == [first.meta("headline")]
    page.get_by_role("button", name="Reset filters").first.click()
    assert items.count() == len(dataset.articles)
    # On paper, a fresh page lists every article.
    page.close()
    page, log = open_overview(browser, path)
    page.emulate_media(media="print")
    every = f"document.querySelectorAll('#articles-list li').length === {len(dataset.articles)}"
    page.wait_for_function(every)
    page.close()
    # Asked for by keyboard, more articles take the keyboard to the first of them.
    page, log = open_overview(browser, path)
    page.get_by_role("button", name="Show more articles").focus()
    page.keyboard.press("Enter")
    page.wait_for_function(every)
    first_new = page.locator("#articles-list li").nth(200).locator("a").inner_text()
    assert page.evaluate("document.activeElement.textContent") == first_new
    assert log.errors == []
    page.close()


DRAWN = """() => {
    const api = window.corridorOverviewApi, map = api.map;
    const data = JSON.parse(document.getElementById("DATA_ID").textContent);
    const counts = {};
    for (const b of document.querySelectorAll('#places-list li:not([hidden]) button')) {
        const [name, n] = b.textContent.split(' — ');
        counts[name] = parseInt(n, 10);
    }
    const alone = api.markers.map((m, i) => i).filter(i => map.hasLayer(api.markers[i]));
    const merged = api.merged();
    return {
        zoom: map.getZoom(),
        alone: alone.map(i => data.places[i][0]),
        aloneClaims: alone.reduce((s, i) => s + counts[data.places[i][0]], 0),
        merged: merged.map(c => c.places.length),
        mergedClaims: merged.map(c => c.claims),
        expected: merged.map(c => c.places.reduce((s, i) => s + counts[data.places[i][0]], 0)),
        onMap: merged.every(c => map.hasLayer(c)),
        places: Object.keys(counts).length,
    };
}""".replace("DATA_ID", OVERVIEW_DATA_ID)


def test_circles_that_share_a_cell_merge_at_the_zooms_of_continents(
    browser: Browser, large_archive: tuple[Dataset, Path]
) -> None:
    dataset, path = large_archive
    page, log = open_overview(browser, path)
    total = sum(len(a.claims) for a in dataset.articles)
    page.evaluate("window.corridorOverviewApi.map.setZoom(3, {animate: false})")
    low = page.evaluate(DRAWN)
    assert low["zoom"] == 3 and low["merged"] and low["onMap"]
    # Every place with claims is drawn once, alone or in one merged circle, which stands
    # for the claims of its places together.
    assert len(low["alone"]) + sum(low["merged"]) == low["places"]
    assert low["mergedClaims"] == low["expected"]
    assert low["aloneClaims"] + sum(low["mergedClaims"]) == total
    # A filter merges what is left.
    page.select_option("#filter-kind", index=1)
    kind = page.evaluate("window.corridorOverviewApi.map.getZoom()")
    filtered = page.evaluate(DRAWN)
    assert kind == 3 and len(filtered["alone"]) + sum(filtered["merged"]) == filtered["places"]
    assert filtered["mergedClaims"] == filtered["expected"]
    page.get_by_role("button", name="Reset filters").first.click()
    # A click on a merged circle zooms in on its places.
    page.evaluate("window.corridorOverviewApi.merged()[0].fire('click')")
    page.wait_for_function("window.corridorOverviewApi.map.getZoom() > 3")
    # From the zoom of a country on, every place has its own circle.
    page.evaluate("window.corridorOverviewApi.map.setZoom(5, {animate: false})")
    close = page.evaluate(DRAWN)
    assert close["merged"] == [] and len(close["alone"]) == close["places"]
    assert log.requests == [] and log.errors == []
    page.close()


CIRCLES_CLEAR = """() => {
    const api = window.corridorOverviewApi, map = api.map;
    const box = map.getContainer().getBoundingClientRect(), size = map.getSize();
    const covers = ['.corridor-title', '.corridor-legend']
        .map(s => document.querySelector(s).getBoundingClientRect());
    const drawn = api.markers.filter(m => map.hasLayer(m)).concat(api.merged());
    return drawn.filter(m => {
        const p = map.latLngToContainerPoint(m.getLatLng());
        const r = m.getRadius() + m.options.weight;
        const x = box.left + p.x, y = box.top + p.y;
        return p.x - r < 0 || p.y - r < 0 || p.x + r > size.x || p.y + r > size.y
            || covers.some(c => x - r < c.right && x + r > c.left && y - r < c.bottom
                                && y + r > c.top);
    }).length;
}"""


@pytest.mark.parametrize("kind", ["", "figure", "statement", "characterisation"])
def test_the_first_view_holds_every_circle_merged_or_not_clear_of_the_panels(
    browser: Browser, large_archive: tuple[Dataset, Path], kind: str
) -> None:
    _, path = large_archive
    fragment = f"#kind={kind}" if kind else ""
    page, log = open_overview(browser, path, fragment, viewport=(1024, 700))
    assert page.evaluate(CIRCLES_CLEAR) == 0
    assert log.errors == []
    page.close()
