"""Opening built maps in Debian's headless Chromium with the network blocked."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Browser, ConsoleMessage, Dialog, Page, Route, sync_playwright

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
    """Open ``path`` from disk with every other request recorded and refused."""
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

    def record_and_refuse(route: Route) -> None:
        url = route.request.url
        if url.split("#")[0] == own:
            route.continue_()
        else:
            log.requests.append(url)
            route.abort()

    page.route("**/*", record_and_refuse)
    page.goto(own + fragment)
    page.wait_for_load_state("load")
    return page, log
