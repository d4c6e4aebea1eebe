"""Each map's first view shows every claim's marker whole, clear of the title, legend and
controls.

Checked in Chromium at a desktop and a phone size, for the Kenyan fixture and for every
article of ``data/`` (whatever articles it holds).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from geo._building.build import build_maps
from geo._checks.validate import load_dataset
from geo.model import Place
from tests.browser import POPUP_FITS, hover_place, open_claim_on_map, open_offline
from tests.conftest import DATA
from tests.fixtures import FIRST_ID, write_fixture

pytestmark = pytest.mark.browser
SIZES = [(1280, 800), (390, 844)]

HIDDEN_CLAIMS = """() => {
    const box = document.querySelector('.folium-map').getBoundingClientRect();
    const covers = ['.corridor-title', '.corridor-legend', '.leaflet-control-layers',
                    '.leaflet-control-zoom', '.leaflet-control-attribution',
                    '.leaflet-control-scale']
        .map(selector => document.querySelector(selector))
        .filter(node => node && node.offsetParent !== null)
        .map(node => node.getBoundingClientRect());
    const markers = Array.from(document.querySelectorAll('.claim-marker'));
    const data = JSON.parse(document.getElementById('corridor-claims').textContent);
    const marked = markers.flatMap(node => node.getAttribute('data-claim-ids').split(' '));
    if (marked.length !== data.claims.length) return ['markers missing'];
    return markers.filter(node => {
        const r = node.getBoundingClientRect();
        const inside = r.left >= box.left && r.right <= box.right &&
                       r.top >= box.top && r.bottom <= box.bottom;
        const covered = covers.some(c => r.left < c.right && r.right > c.left &&
                                         r.top < c.bottom && r.bottom > c.top);
        return !inside || covered;
    }).map(node => node.getAttribute('data-claim-ids'));
}"""


MISPLACED = """() => {
    const map = window[document.querySelector('.folium-map').id];
    const box = map.getContainer().getBoundingClientRect();
    const data = JSON.parse(document.getElementById('corridor-claims').textContent);
    const anchors = Object.fromEntries(data.claims.map(c => [c.id, c.anchor]));
    const wrong = [];
    document.querySelectorAll('.claim-marker').forEach(node => {
        const r = node.getBoundingClientRect();
        const x = r.x + r.width / 2 - box.x;
        const y = r.y + r.height / 2 - box.y;
        node.getAttribute('data-claim-ids').split(' ').forEach(id => {
            const at = map.latLngToContainerPoint(anchors[id]);
            if (Math.abs(at.x - x) > 1 || Math.abs(at.y - y) > 1) wrong.push(id);
        });
    });
    return wrong;
}"""
"""Claims whose marker is not centred on their place's point, to the pixel."""


LABEL_PROBLEMS = """() => {
    const markers = Array.from(document.querySelectorAll('.claim-marker'));
    const shapes = markers.map(m => (m.firstElementChild || m).getBoundingClientRect());
    const shown = Array.from(document.querySelectorAll('.place-label-text'))
        .filter(n => getComputedStyle(n).visibility === 'visible');
    const boxes = shown.map(n => n.getBoundingClientRect());
    const touch = (a, b) => a.left < b.right && a.right > b.left &&
                            a.top < b.bottom && a.bottom > b.top;
    const problems = [];
    boxes.forEach((a, i) => {
        boxes.slice(i + 1).forEach((b, j) => {
            if (touch(a, b)) problems.push(shown[i].textContent + ' covers ' +
                                           shown[i + 1 + j].textContent);
        });
        shapes.forEach((s, k) => {
            if (touch(a, s)) problems.push(shown[i].textContent + ' covers a marker');
        });
    });
    // The place with the most claims is named, unless another marker lies over its own.
    const data = JSON.parse(document.getElementById('corridor-claims').textContent);
    const top = data.labels[0];
    const marker = document.querySelector(`.claim-marker[data-place-id="${top[5]}"]`);
    const r = (marker.firstElementChild || marker).getBoundingClientRect();
    const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
    const uncovered = hit && hit.closest('.claim-marker') === marker;
    if (uncovered && !shown.some(n => n.textContent === top[0])) {
        problems.push(top[0] + ' unnamed');
    }
    return problems;
}"""
"""Labels that cover one another or a marker, and the busiest place left unnamed."""


@pytest.fixture(scope="module")
def shipped_maps(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return [
        item.path
        for item in build_maps(DATA, tmp_path_factory.mktemp("maps")).maps
        if item.path.name != "index.html"
    ]


@pytest.fixture(scope="module")
def kenya_maps(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = write_fixture(tmp_path_factory.mktemp("kenya") / "data")
    out = tmp_path_factory.mktemp("kenya-maps")
    build_maps(data, out)
    return out


def open_ready(browser: Browser, path: Path, size: tuple[int, int]) -> Page:
    page, log = open_offline(browser, path, viewport=size)
    page.wait_for_selector("html[data-claims-ready]")
    assert log.errors == []
    return page


@pytest.mark.parametrize("size", SIZES, ids=["desktop", "phone"])
def test_every_shipped_map_opens_on_all_its_claims(
    browser: Browser, shipped_maps: list[Path], size: tuple[int, int]
) -> None:
    assert shipped_maps
    for path in shipped_maps:
        page = open_ready(browser, path, size)
        assert page.evaluate(HIDDEN_CLAIMS) == [], path.name
        assert page.evaluate(MISPLACED) == [], path.name
        assert page.evaluate(LABEL_PROBLEMS) == [], path.name
        page.close()


@pytest.mark.parametrize("size", SIZES, ids=["desktop", "phone"])
def test_another_corridors_map_opens_on_all_its_claims(
    browser: Browser, kenya_maps: Path, size: tuple[int, int]
) -> None:
    for path in sorted(kenya_maps.glob("fixture-*.html")):
        page = open_ready(browser, path, size)
        assert page.evaluate(HIDDEN_CLAIMS) == [], path.name
        assert page.evaluate(MISPLACED) == [], path.name
        assert page.evaluate(LABEL_PROBLEMS) == [], path.name
        page.close()


def test_every_popup_of_every_map_fits_a_phone(
    browser: Browser, shipped_maps: list[Path], kenya_maps: Path
) -> None:
    for path in [*shipped_maps, *sorted(kenya_maps.glob("fixture-*.html"))]:
        page = open_ready(browser, path, (390, 844))
        markers = page.locator(".claim-marker")
        for index in range(markers.count()):
            # The claim, or the list of the claims at its place, each as its marker opens it.
            markers.nth(index).focus()
            page.keyboard.press("Enter")
            page.locator(".leaflet-popup").wait_for()
            page.wait_for_timeout(300)  # the pan that brings the popup into view
            assert page.evaluate(POPUP_FITS), (path.name, index)
            page.keyboard.press("Escape")
        for item in page.locator("#claims-list .claim-item").all():
            item.click()
            page.locator(".leaflet-popup .claim-popup").wait_for()
            page.wait_for_timeout(300)
            assert page.evaluate(POPUP_FITS), (path.name, item.get_attribute("data-claim-id"))
            page.keyboard.press("Escape")
        page.close()


def test_popup_says_which_places_the_editor_linked(browser: Browser, kenya_maps: Path) -> None:
    page = open_ready(browser, kenya_maps / f"{FIRST_ID}.html", (1280, 800))
    open_claim_on_map(page, "journey-time")
    places = page.locator(".leaflet-popup .claim-places li")
    assert places.all_inner_texts() == [
        "Standard Gauge Railway — linked by the editor: “The line” is the railway of the "
        "first sentence"
    ]
    page.locator(".leaflet-popup-close-button").click()
    open_claim_on_map(page, "passengers")
    assert page.locator(".leaflet-popup .claim-places li").all_inner_texts() == [
        "Standard Gauge Railway — the article’s term: Standard Gauge Railway",
        "Mombasa",
        "Nairobi",
        "Kenya",
    ]
    page.close()


def test_labels_stay_clear_when_the_window_crosses_the_phone_breakpoint(
    browser: Browser, shipped_maps: list[Path]
) -> None:
    # Markers grow at the phone breakpoint; labels placed from sizes measured on the
    # desktop would then cover them.
    for path in shipped_maps:
        page = open_ready(browser, path, (1280, 800))
        page.set_viewport_size({"width": 850, "height": 800})
        page.wait_for_timeout(300)
        assert page.evaluate(LABEL_PROBLEMS) == [], path.name
        assert page.evaluate(LABEL_GAPS) == [], path.name
        page.close()


LABEL_GAPS = """() => {
    const data = JSON.parse(document.getElementById('corridor-claims').textContent);
    const byName = new Map(data.labels.map(label => [label[0], label[5]]));
    return Array.from(document.querySelectorAll('.place-label-text'))
        .filter(node => getComputedStyle(node).visibility === 'visible')
        .flatMap(node => {
            const marker = document.querySelector(
                `.claim-marker[data-place-id="${byName.get(node.textContent)}"]`);
            if (!marker) return [];
            const s = (marker.firstElementChild || marker).getBoundingClientRect();
            const r = node.getBoundingClientRect();
            const gap = Math.max(r.left - s.right, s.left - r.right,
                                 r.top - s.bottom, s.top - r.bottom);
            return gap < 3.5 ? [`${node.textContent} ${gap.toFixed(1)} px from its marker`] : [];
        });
}"""
"""Labels beside their marker by less than the 4 px they are placed at."""


PLACE_POPUP_READABLE = """() => {
    const content = document.querySelector('.leaflet-popup .leaflet-popup-content');
    const wide = content.scrollWidth > content.clientWidth + 1;
    const tall = content.scrollHeight > content.clientHeight + 1;
    return !wide && (!tall || ['auto', 'scroll'].includes(getComputedStyle(content).overflowY));
}"""
"""Whether the open popup's text neither runs out sideways nor below without a scroll."""


def test_the_longest_place_popups_fit_a_phone(browser: Browser, shipped_maps: list[Path]) -> None:
    """Cited figures bring long popups (a route's) and long unbroken words (sources'
    addresses): the popup with the most text and the one with the longest word must fit."""
    dataset = load_dataset(DATA)
    path = max(shipped_maps, key=lambda p: p.stat().st_size)
    page = open_ready(browser, path, (390, 844))
    shown = page.evaluate(
        "Object.keys(JSON.parse(document.getElementById('corridor-places').textContent))"
    )
    places = [dataset.places[i] for i in shown if i in dataset.places]  # not waypoints

    def words(place: Place) -> list[str]:
        return json.dumps(place.properties, ensure_ascii=False).split()

    longest_text = max(places, key=lambda p: len(words(p)))
    longest_word = max(places, key=lambda p: max(len(w) for w in words(p)))
    for place in {longest_text.id: longest_text, longest_word.id: longest_word}.values():
        hover_place(page, place.geometry, place.name, click=True)
        page.wait_for_timeout(300)  # the pan that brings the popup into view
        assert page.evaluate(POPUP_FITS), place.id
        assert page.evaluate(PLACE_POPUP_READABLE), place.id
        page.keyboard.press("Escape")
    page.close()
