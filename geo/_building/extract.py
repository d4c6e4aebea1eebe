"""One article's world as a data folder of its own: the article and the places it uses.

An article's map depends on nothing else (see :mod:`geo._rendering.render`), so the folder
builds the same map byte for byte: a way to share or archive one article with its evidence, and what
the tests and the benchmark build when they need one article alone.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from geo._loading.articles import ARTICLES_FOLDER
from geo._loading.basemap import BASEMAP_FILE
from geo._loading.claims import CLAIMS_FILE
from geo._loading.places import GEOJSON_FOLDER, PLACE_REFERENCES
from geo._loading.settings import SETTINGS_FILE


def article_place_ids(root: Path, article_id: str) -> set[str]:
    """Every place an article refers to: its claims' and context places, and the places
    those refer to in turn (parts, country, region, sea, part_of).

    The files are read as they are, without validation; a missing place is skipped.
    """
    claims_path = root / ARTICLES_FOLDER / article_id / CLAIMS_FILE
    claims = json.loads(claims_path.read_text(encoding="utf-8"))
    wanted = [p for claim in claims["claims"] for p in claim["places"]]
    wanted += claims.get("context_places", [])
    found: set[str] = set()
    while wanted:
        place_id = wanted.pop()
        path = root / GEOJSON_FOLDER / f"{place_id}.geojson"
        if place_id in found or not path.is_file():
            continue
        found.add(place_id)
        document = json.loads(path.read_text(encoding="utf-8"))
        properties: dict[str, Any] = document["features"][0]["properties"]
        for key in PLACE_REFERENCES:
            value = properties.get(key)
            wanted.extend(value if isinstance(value, list) else [value] if value else [])
    return found


def extract_article(root: Path, article_id: str, target: Path) -> Path:
    """Copy ``article_id`` of the data folder ``root``, the places it refers to, the
    basemap and the settings into the new data folder ``target``; return ``target``."""
    shutil.copytree(root / ARTICLES_FOLDER / article_id, target / ARTICLES_FOLDER / article_id)
    (target / GEOJSON_FOLDER).mkdir(parents=True)
    for place_id in sorted(article_place_ids(root, article_id)):
        name = f"{place_id}.geojson"
        shutil.copyfile(root / GEOJSON_FOLDER / name, target / GEOJSON_FOLDER / name)
    for extra in (BASEMAP_FILE, Path(SETTINGS_FILE)):
        if (root / extra).is_file():
            (target / extra).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(root / extra, target / extra)
    return target
