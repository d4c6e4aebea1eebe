"""The built map as a reader uses it: opened from disk in headless Chromium, no network."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page
from shapely.geometry import Point

from geo._building.build import build_maps
from geo._checks.numbers import format_number
from geo._checks.validate import load_dataset
from geo._rendering.payload import anchor_of
from geo._rendering.styles import KIND_STYLES
from tests.browser import (
    MARKED_CLAIMS,
    PRINTED_CLAIMS,
    PageLog,
    axe_violations,
    hover_place,
    open_claim_on_map,
    open_offline,
    screen_point,
)
from tests.conftest import ARTICLE_ID, DATA, copy_article_world

pytestmark = pytest.mark.browser


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


def territory_of(lat: float, lng: float) -> str:
    """The disputed area, or else the country, a point lies in (``""`` for neither)."""
    point = Point(lng, lat)
    for name, shape in TERRITORIES:
        if shape.covers(point):
            return name
    return ""


WORLD = load_dataset(DATA)
TERRITORIES = [
    (p.id, p.geometry)
    for p in WORLD.places.values()
    if p.kind == "disputed-area" and "parts" not in p.properties
] + [(f"basemap country #{i}", g.shape) for i, g in enumerate(WORLD.basemap or [])]


DRAWN_MARKERS = """() => {
    const map = window[document.querySelector('.folium-map').id];
    const box = map.getContainer().getBoundingClientRect();
    return Array.from(document.querySelectorAll('.claim-marker')).map(node => {
        const r = node.getBoundingClientRect();
        const at = map.containerPointToLatLng(
            [r.x + r.width / 2 - box.x, r.y + r.height / 2 - box.y]);
        return {ids: node.getAttribute('data-claim-ids').split(' '), lat: at.lat, lng: at.lng,
                x: r.x + r.width / 2, y: r.y + r.height / 2};
    });
}"""


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


def test_every_claim_opens_from_the_marker_at_its_place(browser: Browser, built_map: Path) -> None:
    page, log = open_map(browser, built_map)
    assert page.evaluate(MARKED_CLAIMS) == sorted(claim.id for claim in CLAIMS)
    map_name = page.evaluate("document.querySelector('.folium-map').id")
    page.evaluate(f"void (window.initialView = [{map_name}.getCenter(), {map_name}.getZoom()])")
    for claim in CLAIMS:
        # Popups pan the map; go back to the first view as a reader would.
        page.evaluate(f"void {map_name}.setView(...initialView, {{animate: false}})")
        open_claim_on_map(page, claim.id)
        popup = page.locator(f".leaflet-popup .claim-popup[data-claim-id='{claim.id}']")
        assert popup.locator(".claim-quote").inner_text() == claim.quote
        assert ARTICLE.speakers[claim.speaker].name in popup.inner_text()
        page.keyboard.press("Escape")
        popup.wait_for(state="detached")
    assert log.errors == []
    page.close()


@pytest.mark.parametrize("zoom", [None, 3, 5, 7])
def test_every_marker_is_drawn_in_the_territory_of_its_place(
    browser: Browser, built_map: Path, zoom: int | None
) -> None:
    page, _ = open_map(browser, built_map)
    if zoom is not None:
        map_name = page.evaluate("document.querySelector('.folium-map').id")
        page.evaluate(f"void {map_name}.setZoom({zoom}, {{animate: false}})")
    anchors = {claim.id: anchor_of(WORLD.places[claim.places[0]].geometry) for claim in CLAIMS}
    drawn = page.evaluate(DRAWN_MARKERS)
    assert sorted(i for marker in drawn for i in marker["ids"]) == sorted(anchors)
    for marker in drawn:
        for claim_id in marker["ids"]:
            lat, lng = anchors[claim_id]
            # The marker is centred on its place's own point, to the pixel ...
            x, y = screen_point(page, lat, lng)
            assert abs(marker["x"] - x) <= 1 and abs(marker["y"] - y) <= 1, claim_id
            # ... so it lies in the same country or disputed area.
            assert territory_of(marker["lat"], marker["lng"]) == territory_of(lat, lng), claim_id
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
    assert page.evaluate(MARKED_CLAIMS) == sorted(statements)
    assert page.locator("#claims-count").inner_text() == (
        f"Showing {len(statements)} of {len(CLAIMS)} claims"
    )
    page.select_option("#filter-kind", "")
    page.select_option("#filter-speaker", "wang-yi")
    by_wang = [c.id for c in CLAIMS if c.speaker == "wang-yi"]
    assert page.evaluate(MARKED_CLAIMS) == sorted(by_wang)
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


PATHS_DRAWN = """() => {
    const map = window[document.querySelector('.folium-map').id];
    let count = 0;
    map.eachLayer(layer => { if (layer instanceof L.Path) count += 1; });
    return count;
}"""


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
    before = page.evaluate(PATHS_DRAWN)
    page.get_by_label("Claim lines").check()
    assert page.evaluate(PATHS_DRAWN) == before + 3
    page.get_by_label("Claims (numbered markers)").uncheck()
    assert page.locator(".claim-marker").count() == 0
    page.get_by_label("Claims (numbered markers)").check()
    assert page.evaluate(MARKED_CLAIMS) == sorted(claim.id for claim in CLAIMS)
    page.close()


def test_disputed_area_tooltip_tells_both_sides(browser: Browser, built_map: Path) -> None:
    page, _ = open_map(browser, built_map)
    place = WORLD.places["gilgit-baltistan"]
    hover_place(page, place.geometry, place.name)
    text = page.locator(".leaflet-tooltip.place-tooltip").last.inner_text()
    assert text.startswith("Gilgit-Baltistan (Pakistan-administered)")
    assert "Administered by Pakistan; claimed by India" in text
    assert "Part of what this article calls “Pakistan-occupied Kashmir (PoK)”" in text
    listed = page.locator("#places-list").text_content() or ""
    assert "Administered by Pakistan; claimed by India" in listed
    # Each government's stated position, in its own terms, as the data records it.
    for party, position in place.properties.get("positions", {}).items():
        assert f"{party}’s position: {position}" in listed
    # The measured area is told for what it is: a measure of the drawn outline.
    area = place.properties["facts"]["area_km2"]
    assert (
        f"Area of the outline drawn here: about {float(f'{area:.3g}'):,.0f} km² (measured on "
        "the simplified shape, not an official figure)"
    ) in listed
    # Beside it, and beside every measured area or length of the map, each figure others
    # state, with whose it is and where it is written.
    on_map = page.evaluate(
        "Object.keys(JSON.parse(document.getElementById('corridor-places').textContent))"
    )
    for shown in (WORLD.places[i] for i in on_map if i in WORLD.places):
        for figure in shown.properties.get("cited_figures", []):
            label, unit = {"area_km2": ("area", "km²"), "length_km": ("length", "km")}[
                figure["measure"]
            ]
            about = "about " if figure.get("approximate") else ""
            value = format_number(float(figure["value"]))
            assert (
                f"Cited {label}: {about}{value} {unit} for {figure['of']}, as stated by "
                f"{figure['stated_by']} — source: "
            ) in listed, shown.id
    page.close()


def test_usable_on_a_phone(browser: Browser, built_map: Path) -> None:
    page, log = open_map(browser, built_map, viewport=(390, 844))
    assert page.locator(".folium-map").bounding_box()["height"] > 300  # type: ignore[index]
    # Every popup of every map fitting a phone: tests/test_framing_browser.py.
    for marker in page.locator(".claim-marker").all():
        box = marker.bounding_box()
        assert box is not None and box["width"] >= 44 and box["height"] >= 44
    legend = page.locator(".corridor-legend")
    assert legend.is_visible() and legend.get_attribute("open") is None
    page.locator(".corridor-legend summary").click()
    assert page.locator(".corridor-legend .legend-kinds").is_visible()
    page.click("#panel-toggle")
    assert page.locator("#claims-list").is_hidden()
    assert page.locator("#panel-toggle").get_attribute("aria-expanded") == "false"
    assert log.errors == []
    page.close()


def test_legend_has_one_entry_per_kind_on_the_map(browser: Browser, built_map: Path) -> None:
    page, _ = open_map(browser, built_map)
    kinds = [kind for kind in KIND_STYLES if any(c.kind == kind for c in CLAIMS)]
    entries = page.locator(".corridor-legend .legend-kinds li").all_inner_texts()
    assert entries[:-1] == [f"Claim: {kind}" for kind in kinds]
    assert entries[-1].startswith("Several claims at one place")
    # The shape on the marker is the legend's, so a reader who cannot tell the colours
    # apart tells the kinds by shape.
    shapes = page.evaluate(
        """() => Object.fromEntries(Array.from(
            document.querySelectorAll('.corridor-legend .legend-kinds .shape')).map(n => {
                const s = getComputedStyle(n);
                return [n.className, s.clipPath + '|' + s.borderRadius + '|' + s.borderStyle];
            }))"""
    )
    assert len(set(shapes.values())) == len(kinds)
    page.close()


def test_tab_reaches_a_claim_in_a_few_presses_and_enter_opens_it_in_step(
    browser: Browser, built_map: Path
) -> None:
    page, _ = open_map(browser, built_map)
    for _ in range(6):
        page.keyboard.press("Tab")
        claim_id = page.evaluate("document.activeElement.getAttribute('data-claim-id')")
        if claim_id:
            break
    else:
        raise AssertionError("six presses of Tab never reached a claim")
    page.keyboard.press("Enter")
    page.locator(f".leaflet-popup .claim-popup[data-claim-id='{claim_id}']").wait_for()
    assert page.evaluate("document.activeElement.closest('.leaflet-popup') !== null")
    selected = page.locator("#claims-list .claim-item.selected")
    assert selected.get_attribute("data-claim-id") == claim_id
    assert page.evaluate("location.hash") == f"#claim-{claim_id}"
    page.keyboard.press("Escape")
    page.locator(".leaflet-popup").wait_for(state="detached")
    assert page.evaluate("document.activeElement.getAttribute('data-claim-id')") == claim_id
    assert page.locator("#claims-list .claim-item.selected").count() == 0
    assert page.evaluate("location.hash") == ""
    page.close()


def test_markers_are_named_and_enter_on_one_behaves_as_a_click(
    browser: Browser, built_map: Path
) -> None:
    page, _ = open_map(browser, built_map)
    markers = page.locator(".claim-marker")
    for index in range(markers.count()):
        marker = markers.nth(index)
        ids = (marker.get_attribute("data-claim-ids") or "").split(" ")
        name = marker.get_attribute("aria-label") or ""
        marker.focus()
        page.keyboard.press("Enter")
        page.locator(".leaflet-popup").wait_for()
        if len(ids) == 1:
            claim = next(c for c in CLAIMS if c.id == ids[0])
            speaker = ARTICLE.speakers[claim.speaker].name
            number = CLAIMS.index(claim) + 1
            assert name.startswith(f"Claim {number}, {claim.kind}: {speaker} — "), name
        else:
            assert name.endswith(f": {len(ids)} claims ({', '.join(str(n) for n in numbers(ids))})")
            # The list of the claims has the focus; Enter opens the first of them.
            assert page.evaluate("document.activeElement.className") == "stack-item"
            page.keyboard.press("Enter")
        claim_id = page.locator(".leaflet-popup .claim-popup").get_attribute("data-claim-id")
        assert claim_id in page.evaluate(
            "document.querySelector('.claim-marker[data-claim-ids~=\"' + "
            f"{claim_id!r}" + " + '\"]').getAttribute('data-claim-ids')"
        )
        assert (
            page.locator("#claims-list .claim-item.selected").get_attribute("data-claim-id")
            == claim_id
        )
        assert page.evaluate("location.hash") == f"#claim-{claim_id}"
        page.keyboard.press("Escape")
        page.locator(".leaflet-popup").wait_for(state="detached")
        assert page.evaluate("document.activeElement.getAttribute('aria-label')") == name
    page.close()


def numbers(claim_ids: list[str]) -> list[int]:
    """The numbers of claims (their places in the article), given their ids."""
    return [next(i for i, c in enumerate(CLAIMS, start=1) if c.id == key) for key in claim_ids]


def test_selection_and_filters_live_in_the_url_with_history(
    browser: Browser, built_map: Path
) -> None:
    page, _ = open_map(browser, built_map)
    first, second = CLAIMS[0], CLAIMS[5]
    page.click(f"#claims-list .claim-item[data-claim-id='{first.id}']")
    page.click(f"#claims-list .claim-item[data-claim-id='{second.id}']")
    page.locator(f".leaflet-popup .claim-popup[data-claim-id='{second.id}']").wait_for()
    page.go_back()
    page.locator(f".leaflet-popup .claim-popup[data-claim-id='{first.id}']").wait_for()
    assert page.locator("#claims-list .claim-item.selected").get_attribute("data-claim-id") == (
        first.id
    )
    page.keyboard.press("Escape")
    page.select_option("#filter-kind", first.kind)
    assert page.evaluate("location.hash") == f"#kind={first.kind}"
    page.go_back()
    assert page.locator("#filter-kind").input_value() == ""
    page.go_forward()
    assert page.locator("#filter-kind").input_value() == first.kind
    page.close()


def test_a_link_to_a_claim_the_filters_hide_clears_them(browser: Browser, built_map: Path) -> None:
    claim = CLAIMS[0]
    other = next(kind for kind in KIND_STYLES if kind != claim.kind)
    page, _ = open_map(browser, built_map, f"#claim-{claim.id}&kind={other}")
    page.locator(f".leaflet-popup .claim-popup[data-claim-id='{claim.id}']").wait_for()
    assert page.locator("#filter-kind").input_value() == ""
    assert page.locator("#claims-count").inner_text() == (
        f"Showing {len(CLAIMS)} of {len(CLAIMS)} claims"
    )
    page.close()


@pytest.mark.parametrize("viewport", [(1280, 800), (390, 844)])
def test_axe_finds_no_accessibility_violations(
    browser: Browser, built_map: Path, viewport: tuple[int, int]
) -> None:
    page, _ = open_map(browser, built_map, viewport=viewport)
    assert axe_violations(page) == []
    open_claim_on_map(page, CLAIMS[0].id)
    assert axe_violations(page) == []
    page.close()


def test_print_shows_the_map_legend_and_every_claim_with_its_source(
    browser: Browser, built_map: Path
) -> None:
    page, _ = open_map(browser, built_map)
    page.emulate_media(media="print")
    page.wait_for_timeout(200)
    shown = page.evaluate(PRINTED_CLAIMS)
    assert shown == [claim.id for claim in CLAIMS]
    source = page.locator("#claims-source").inner_text()
    assert ARTICLE.meta("headline") in source and ARTICLE.meta("url") in source
    assert page.locator(".corridor-legend .legend-kinds").is_visible()
    for hidden in (".leaflet-control-zoom", ".leaflet-control-layers", ".filters"):
        assert page.locator(hidden).is_hidden()
    assert page.evaluate(MARKED_CLAIMS) == sorted(claim.id for claim in CLAIMS)
    assert page.pdf(format="A4")[:4] == b"%PDF"
    page.close()


def test_back_undoes_closing_and_filtering_keeps_the_open_claim(
    browser: Browser, built_map: Path
) -> None:
    page, _ = open_map(browser, built_map)
    claim = CLAIMS[0]
    page.click(f"#claims-list .claim-item[data-claim-id='{claim.id}']")
    popup = page.locator(f".leaflet-popup .claim-popup[data-claim-id='{claim.id}']")
    popup.wait_for()
    page.keyboard.press("Escape")
    popup.wait_for(state="detached")
    assert page.evaluate("location.hash") == ""
    page.go_back()
    popup.wait_for()
    # A filter the open claim passes keeps it open, in the URL and in history.
    page.select_option("#filter-kind", claim.kind)
    assert page.evaluate("location.hash") == f"#claim-{claim.id}&kind={claim.kind}"
    assert popup.is_visible()
    page.go_back()
    assert page.evaluate("location.hash") == f"#claim-{claim.id}"
    assert page.locator("#filter-kind").input_value() == ""
    assert popup.is_visible()
    page.close()


def test_printing_gives_the_reader_their_view_back(browser: Browser, built_map: Path) -> None:
    page, _ = open_map(browser, built_map)
    map_name = page.evaluate("document.querySelector('.folium-map').id")
    page.evaluate(f"void {map_name}.setView([34.5, 74.5], 7, {{animate: false}})")
    page.emulate_media(media="print")
    page.wait_for_timeout(100)
    assert page.evaluate(f"{map_name}.getZoom()") < 7
    page.emulate_media(media="screen")
    page.wait_for_timeout(100)
    assert page.evaluate(f"{map_name}.getZoom()") == 7
    centre = page.evaluate(f"{map_name}.getCenter()")
    assert abs(centre["lat"] - 34.5) < 0.01 and abs(centre["lng"] - 74.5) < 0.01
    page.close()


def test_a_claim_is_chosen_with_the_mouse_from_the_list_of_its_place(
    browser: Browser, built_map: Path
) -> None:
    page, log = open_map(browser, built_map)
    stack = page.locator(".claim-marker.claim-stack").first
    stack.click(force=True)
    page.locator(".leaflet-popup .stack-popup").wait_for()
    page.wait_for_timeout(500)  # as a reader's eye waits for the list to settle
    item = page.locator(".leaflet-popup .stack-item").last
    chosen = item.get_attribute("data-claim-id")
    item.click()
    page.locator(f".leaflet-popup .claim-popup[data-claim-id='{chosen}']").wait_for()
    selected = page.locator("#claims-list .claim-item.selected")
    assert selected.get_attribute("data-claim-id") == chosen
    assert page.evaluate("location.hash") == f"#claim-{chosen}"
    assert log.errors == []
    page.close()


def test_a_claim_shows_how_other_copies_of_the_story_word_it(
    browser: Browser, built_map: Path
) -> None:
    varied = [
        (claim, variant)
        for variant in ARTICLE.variants
        for claim in CLAIMS
        if variant.here in claim.quote
    ]
    if not varied:
        pytest.skip("no wording of this article differs in other copies")
    page, _ = open_map(browser, built_map)
    for claim, variant in varied:
        open_claim_on_map(page, claim.id)
        source = page.locator(".leaflet-popup .claim-source").inner_text()
        lead = {
            "copy": "Another copy words this differently",
            "official": "The official account words this differently",
        }[variant.account]
        assert (
            f"{lead}: {variant.outlet} ({variant.published}) has “{variant.there}” for "
            f"“{variant.here}”"
        ) in source
        if variant.url:
            links = page.locator(".leaflet-popup .claim-variant-link")
            hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
            assert variant.url in hrefs
    plain = next(c for c in CLAIMS if not any(v.here in c.quote for v in ARTICLE.variants))
    open_claim_on_map(page, plain.id)
    plain_source = page.locator(".leaflet-popup .claim-source").inner_text()
    assert "words this differently" not in plain_source
    page.close()
