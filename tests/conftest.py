"""Shared fixtures: private copies of one article's world, to read or break on purpose.

Tests never depend on which other articles ``data/`` holds: rule tests work on a copy of
one article (the first one, which the hostile-input corpus was written against) with only
the places that article refers to, or on small folders of their own
(:mod:`tests.fixtures`); tests of the shipped data derive what they expect from it.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
MAPS = ROOT / "maps"
ARTICLE_ID = "statesman-2017-09-09-cpec-anti-terror"
"""The article the rule tests copy: the first one, on the China-Pakistan corridor."""
_PLACE_REFERENCES = ("parts", "country", "region", "sea", "part_of")


def article_place_ids(article_folder: Path, geojson: Path) -> set[str]:
    """Every place an article refers to: its claims' and context places, and the places
    those refer to in turn (parts, country, region, sea)."""
    claims = json.loads((article_folder / "claims.json").read_text(encoding="utf-8"))
    wanted = [p for claim in claims["claims"] for p in claim["places"]]
    wanted += claims.get("context_places", [])
    found: set[str] = set()
    while wanted:
        place_id = wanted.pop()
        if place_id in found:
            continue
        found.add(place_id)
        document = json.loads((geojson / f"{place_id}.geojson").read_text(encoding="utf-8"))
        properties: dict[str, Any] = document["features"][0]["properties"]
        for key in _PLACE_REFERENCES:
            value = properties.get(key)
            wanted.extend(value if isinstance(value, list) else [value] if value else [])
    return found


def copy_article_world(target: Path, article_id: str = ARTICLE_ID) -> Path:
    """Copy one article of ``data/`` with only the places it refers to into ``target``."""
    source = DATA / "articles" / article_id
    shutil.copytree(source, target / "articles" / article_id)
    (target / "geojson").mkdir()
    for place_id in sorted(article_place_ids(source, DATA / "geojson")):
        name = f"{place_id}.geojson"
        shutil.copyfile(DATA / "geojson" / name, target / "geojson" / name)
    shutil.copytree(DATA / "basemap", target / "basemap")
    if (DATA / "settings.json").is_file():
        shutil.copyfile(DATA / "settings.json", target / "settings.json")
    return target


@pytest.fixture
def seed_data(tmp_path: Path) -> Path:
    """A private copy of the first article's world that a test may edit."""
    return copy_article_world(tmp_path / "data")
