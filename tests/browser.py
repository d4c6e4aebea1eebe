"""Opening built maps in Debian's headless Chromium with the network blocked."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, ConsoleMessage, Dialog, Page, Route, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

CHROMIUM = os.environ.get("CORRIDOR_MAP_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@dataclass
class PageLog:
    """What a page did: console errors, dialogs, and every request it made but its own file.

    A map opened from disk must request nothing at all: no tiles, no fonts, no scripts,
    not even another local file.
    """

    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


@contextmanager
def chromium() -> Iterator[Browser]:
    """Start headless Chromium; fail (never skip) when it is not installed."""
    if not Path(CHROMIUM).is_file():
        raise RuntimeError(
            f"Chromium not found at {CHROMIUM}: install it with `apt-get install -y chromium`"
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


def screen_point(page: Page, lat: float, lng: float) -> tuple[float, float]:
    """Where ``lat``, ``lng`` is on the page, in the map's current view."""
    map_name = page.evaluate("document.querySelector('.folium-map').id")
    x, y = page.evaluate(
        f"(() => {{ const p = {map_name}.latLngToContainerPoint([{lat}, {lng}]);"
        " const r = document.querySelector('.folium-map').getBoundingClientRect();"
        " return [p.x + r.x, p.y + r.y]; })()"
    )
    return float(x), float(y)


def open_offline(
    browser: Browser, path: Path, fragment: str = "", viewport: tuple[int, int] = (1280, 800)
) -> tuple[Page, PageLog]:
    """Open ``path`` from disk with every other request recorded and refused, except files
    of its folder's ``assets/`` (what maps of the shared layout load)."""
    page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})
    log = PageLog()

    def on_console(msg: ConsoleMessage) -> None:
        url = msg.location.get("url", "")
        if msg.type == "error":
            log.errors.append(f"{msg.text} ({url})" if url else msg.text)

    def on_dialog(dialog: Dialog) -> None:
        log.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("console", on_console)
    page.on("dialog", on_dialog)
    page.on("pageerror", lambda exc: log.errors.append(f"page error: {exc}"))

    own = path.resolve().as_uri()
    assets = (path.resolve().parent / "assets").as_uri() + "/"

    def record_and_refuse(route: Route) -> None:
        url = route.request.url
        if url.split("#")[0] == own or (url.startswith(assets) and "/.." not in url):
            route.continue_()
        else:
            log.requests.append(url)
            route.abort()

    page.route("**/*", record_and_refuse)
    page.goto(own + fragment)
    page.wait_for_load_state("load")
    return page, log


def open_claim_on_map(page: Page, claim_id: str) -> None:
    """Click the marker that holds a claim, as a reader would, and then, when the marker
    stands for several claims (at its place, or of markers it touches), the claim in the
    list it opens."""
    marker = page.locator(f".claim-marker[data-claim-ids~='{claim_id}']")
    # As a reader drags a marker hidden by a control or an earlier popup into view.
    page.evaluate(CENTRE_ON, marker.element_handle())
    # A marker another covers at this zoom is clicked through the one on top, which lists
    # the claims of both.
    marker.click(force=True)
    wanted = f".claim-popup[data-claim-id='{claim_id}']"
    choice = f".stack-item[data-claim-id='{claim_id}']"
    # The claim's popup, or the list that holds it.
    page.locator(f".leaflet-popup :is({wanted}, {choice})").first.wait_for()
    if page.locator(f".leaflet-popup {choice}").count():
        # By keyboard: the list may still be sliding into view, and a pointer pressed on a
        # moving button releases beside it.
        page.locator(f".leaflet-popup {choice}").focus()
        page.keyboard.press("Enter")
    page.locator(f".leaflet-popup {wanted}").wait_for()


CENTRE_ON = """node => {
    const map = window[document.querySelector('.folium-map').id];
    map.stop();  // a popup's pan into view may still be running
    map.closePopup();
    const box = map.getContainer().getBoundingClientRect();
    const r = node.getBoundingClientRect();
    map.panBy([r.x + r.width / 2 - box.x - box.width / 2,
               r.y + r.height / 2 - box.y - box.height / 2], {animate: false});
}"""


MARKED_CLAIMS = """() => Array.from(document.querySelectorAll('.claim-marker'))
    .flatMap(node => (node.getAttribute('data-claim-ids') || '').split(' '))
    .filter(Boolean).sort()"""
"""The ids of the claims the map's markers stand for."""


def hover_place(
    page: Page, geometry: BaseGeometry, name: str, click: bool = False
) -> tuple[float, float]:
    """Move the pointer onto an uncovered point of a drawn place until its tooltip shows
    (and, with ``click``, a click there opens its popup).

    Places are drawn on a canvas beneath markers, labels and lines: fit the map to the
    place, then try points of a grid inside ``geometry`` (points along it, for a line)
    until one shows the tooltip of the place called ``name``. Returns the point.
    """
    west, south, east, north = geometry.bounds
    # As a reader zooms in on a place to point at it.
    page.evaluate(
        f"window[document.querySelector('.folium-map').id].fitBounds("
        f"[[{south}, {west}], [{north}, {east}]], {{animate: false}})"
    )
    steps = 9
    if geometry.geom_type in ("LineString", "MultiLineString"):
        along = [geometry.interpolate(k / 64, normalized=True) for k in range(1, 64)]
        candidates = [(p.x, p.y) for p in along]
    else:
        candidates = [
            (west + (east - west) * i / steps, south + (north - south) * j / steps)
            for i, j in itertools.product(range(1, steps), repeat=2)
        ]
    for lng, lat in candidates:
        if geometry.geom_type not in ("LineString", "MultiLineString") and not (
            geometry.contains(Point(lng, lat))
        ):
            continue
        x, y = screen_point(page, lat, lng)
        if page.evaluate(f"document.elementFromPoint({x}, {y})?.tagName") != "CANVAS":
            continue
        page.mouse.move(x - 3, y - 3)
        page.mouse.move(x, y)
        page.wait_for_timeout(100)  # Leaflet handles pointer moves over a canvas every 32 ms
        tooltip = page.locator(".leaflet-tooltip.place-tooltip").last
        try:
            tooltip.wait_for(timeout=500)
        except PlaywrightTimeout:
            continue
        if not tooltip.inner_text().startswith(name):
            continue
        if not click:
            return x, y
        page.mouse.click(x, y)
        popup = page.locator(".leaflet-popup .place-info h3")
        if popup.count() and popup.inner_text().startswith(name):
            return x, y
        page.keyboard.press("Escape")
    raise AssertionError(f"no uncovered point of {name} shows its tooltip")


def axe_violations(page: Page) -> list[str]:
    """axe-core's findings on the page as it is now: ``rule: target`` for each node."""
    results = Axe().run(page)
    return [
        f"{violation['id']}: {node['target']}"
        for violation in results.response["violations"]
        for node in violation["nodes"]
    ]


PRINTED_CLAIMS = """() => Array.from(document.querySelectorAll('#claims-list .claim-item'))
    .filter(item => {
        const r = item.getBoundingClientRect();
        if (!r.height || item.closest('[hidden]')) return false;
        for (let up = item.parentElement; up; up = up.parentElement) {
            const style = getComputedStyle(up);
            if (style.display === 'none') return false;
            if (style.overflowY !== 'visible') {
                const box = up.getBoundingClientRect();
                if (r.top < box.top || r.bottom > box.bottom) return false;
            }
        }
        return true;
    }).map(item => item.getAttribute('data-claim-id'))"""
"""The claims of the panel that show whole (none cut off by a scrolling box), in order."""


POPUP_FITS = """() => {
    const popup = document.querySelector('.leaflet-popup');
    const close = popup.querySelector('.leaflet-popup-close-button').getBoundingClientRect();
    const inside = r => r.left >= 0 && r.top >= 0 &&
        r.right <= innerWidth && r.bottom <= innerHeight;
    return inside(popup.getBoundingClientRect()) && inside(close) &&
        close.width >= 44 && close.height >= 44;
}"""
"""Whether the open popup lies inside the window, its close button too, 44 px at least."""
