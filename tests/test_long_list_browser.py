"""An article of hundreds of claims: the panel lists them a page at a time, and no claim is
ever out of reach (by scrolling, by its button, by a link, by its marker, or on paper)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from geo._building.build import build_maps
from tests.browser import PRINTED_CLAIMS, open_claim_on_map, open_offline
from tests.fixtures import write_article, write_fixture

pytestmark = pytest.mark.browser

ARTICLE_ID = "fixture-2024-03-01-long-list"
PLACES = ["nairobi", "mombasa", "naivasha"]
KINDS = ["event", "figure", "statement"]
COUNT = 450


def long_article() -> tuple[str, dict[str, Any]]:
    sentences, claims = [], []
    for number in range(1, COUNT + 1):
        place = PLACES[number % len(PLACES)]
        sentence = f"Train {number} reached {place.capitalize()} on time, the operator said."
        sentences.append(sentence)
        claims.append(
            {
                "id": f"c{number}",
                "quote": sentence,
                "speaker": "operator",
                "kind": KINDS[number % len(KINDS)],
                "places": [place],
            }
        )
    document = {
        "article": ARTICLE_ID,
        "speakers": {"operator": {"name": "The operator", "type": "organisation"}},
        "claims": claims,
    }
    return "\n".join(sentences) + "\n", document


@pytest.fixture(scope="module")
def long_map(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("long")
    data = write_fixture(root / "data", second=False)
    body, claims = long_article()
    write_article(data, ARTICLE_ID, "Four hundred and fifty trains", "2024-03-01", body, claims)
    build_maps(data, root / "maps")
    return root / "maps" / f"{ARTICLE_ID}.html"


def listed(page: Page) -> list[str]:
    ids: list[str] = page.eval_on_selector_all(
        "#claims-list .claim-item", "nodes => nodes.map(n => n.getAttribute('data-claim-id'))"
    )
    return ids


def ready(page: Page) -> None:
    page.wait_for_selector("html[data-claims-ready]")


def test_the_list_starts_with_a_page_and_its_button_adds_the_next(
    browser: Browser, long_map: Path
) -> None:
    page, log = open_offline(browser, long_map)
    ready(page)
    assert listed(page) == [f"c{n}" for n in range(1, 201)]
    # The button lies after the list: a screen reader counts 200 items, all claims.
    assert page.locator("#claims-list > li").count() == 200
    more = page.locator(".claims-more-button")
    assert more.inner_text() == "Show 200 more (250 of 450 not listed yet)"
    # Activated where it lies (as assistive technology does), without scrolling to it,
    # which would list the next page by itself.
    more.evaluate("button => button.click()")
    assert listed(page) == [f"c{n}" for n in range(1, 401)]
    assert page.evaluate("document.activeElement.getAttribute('data-claim-id')") == "c201"
    assert more.inner_text() == "Show 50 more (50 of 450 not listed yet)"
    assert not log.errors and not log.requests


def test_scrolling_to_the_end_of_the_list_lists_more(browser: Browser, long_map: Path) -> None:
    page, _ = open_offline(browser, long_map)
    ready(page)
    page.evaluate("document.getElementById('panel-body').scrollTop = 1e9")
    page.wait_for_function("document.querySelectorAll('#claims-list .claim-item').length > 200")
    page.evaluate("document.getElementById('panel-body').scrollTop = 1e9")
    page.wait_for_function("document.querySelectorAll('#claims-list .claim-item').length === 450")
    assert page.locator(".claims-more").is_hidden()


def test_a_link_to_a_claim_beyond_the_first_page_lists_and_selects_it(
    browser: Browser, long_map: Path
) -> None:
    page, _ = open_offline(browser, long_map, fragment="#claim-c377")
    ready(page)
    page.locator(".leaflet-popup .claim-popup[data-claim-id='c377']").wait_for()
    assert "c377" in listed(page)
    selected = page.locator("#claims-list .claim-item.selected")
    assert selected.count() == 1
    assert selected.get_attribute("data-claim-id") == "c377"
    assert selected.is_visible()


def test_a_claim_chosen_on_the_map_is_selected_in_the_list(
    browser: Browser, long_map: Path
) -> None:
    page, _ = open_offline(browser, long_map)
    ready(page)
    open_claim_on_map(page, "c302")
    assert page.locator("#claims-list .claim-item.selected").get_attribute("data-claim-id") == (
        "c302"
    )


def test_filters_list_a_page_of_the_claims_they_let_through(
    browser: Browser, long_map: Path
) -> None:
    page, _ = open_offline(browser, long_map)
    ready(page)
    page.select_option("#filter-kind", "figure")
    figures = [f"c{n}" for n in range(1, COUNT + 1) if KINDS[n % len(KINDS)] == "figure"]
    assert listed(page) == figures[:150]
    assert page.locator("#claims-count").inner_text() == "Showing 150 of 450 claims"
    assert page.locator(".claims-more").is_hidden()


def test_paper_lists_every_claim(browser: Browser, long_map: Path) -> None:
    page, _ = open_offline(browser, long_map)
    ready(page)
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.evaluate(PRINTED_CLAIMS) == [f"c{n}" for n in range(1, COUNT + 1)]
    assert not page.locator(".claims-more-button").is_visible()
    # Back on screen, the list is a page again (thousands of items would slow every zoom).
    page.emulate_media(media="screen")
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert listed(page) == [f"c{n}" for n in range(1, 201)]
    assert page.locator(".claims-more-button").is_visible()
