"""The built map, opened from disk in headless Chromium with no network."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from geo.build import build_maps
from tests.browser import TILE_HOST, chromium, open_offline
from tests.conftest import DATA

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as started:
        yield started


@pytest.fixture(scope="module")
def built_map(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out_dir = tmp_path_factory.mktemp("maps")
    return build_maps(DATA, out_dir)[0].path


def test_map_loads_offline_without_errors(browser: Browser, built_map: Path) -> None:
    page, log = open_offline(browser, built_map)
    page.wait_for_selector(".leaflet-container")
    assert log.errors == []
    remote = [url for url in log.remote_requests if TILE_HOST not in url]
    assert remote == [], "only tile images may be fetched from the network"
    assert page.title() == "China, Pak to boost anti-terror cooperation along CPEC"
    title = page.locator(".corridor-title").inner_text()
    assert "China, Pak to boost anti-terror cooperation along CPEC" in title
    assert "2017-09-09" in title
    page.close()


def test_layer_control_opens_and_lists_the_base_map(browser: Browser, built_map: Path) -> None:
    page, log = open_offline(browser, built_map)
    control = page.locator(".leaflet-control-layers")
    control.hover()
    assert page.locator(".leaflet-control-layers-expanded").count() == 1
    labels = page.locator(".leaflet-control-layers-base label").all_inner_texts()
    assert [label.strip() for label in labels] == ["OpenStreetMap (online)"]
    assert log.errors == []
    page.close()
