"""Shared fixtures: private copies of one article's world, to read or break on purpose.

Tests never depend on which other articles ``data/`` holds: rule tests work on small
folders of their own (:mod:`tests.fixtures`, another corridor) or on a copy of one article
with only the places it refers to (:func:`geo._building.extract.extract_article`); tests of the
shipped data derive what they expect from it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from geo._building.extract import extract_article
from tests.browser import chromium

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
MAPS = ROOT / "maps"
ARTICLE_ID = "statesman-2017-09-09-cpec-anti-terror"
"""The article the rule tests copy: the first one, on the China-Pakistan corridor."""


def copy_article_world(target: Path, article_id: str = ARTICLE_ID) -> Path:
    """Copy one article of ``data/`` with only the places it refers to into ``target``."""
    return extract_article(DATA, article_id, target)


@pytest.fixture
def seed_data(tmp_path: Path) -> Path:
    """A private copy of the first article's world that a test may edit."""
    return copy_article_world(tmp_path / "data")


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Headless Chromium, started once for each test module that opens pages."""
    with chromium() as started:
        yield started
