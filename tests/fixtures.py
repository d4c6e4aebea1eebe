"""A small data folder of another corridor, written by the tests themselves.

Kenya's Standard Gauge Railway (Mombasa–Nairobi–Naivasha) with two short articles of the
tests' own: nothing in it is about the China-Pakistan corridor, so a map built from it
shows whether the renderer assumes anything about the first article's world. Outlines
are rough (a dozen vertices), but real enough for every check: each point lies in its
country, facts are the geodesic measures of the shapes.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from shapely.geometry import shape

from geo._checks.geometry import geodesic_area_km2, geodesic_length_km

SOURCE = {"dataset": "test fixture", "basis": "rough outline drawn for the tests"}
KENYA = [
    [33.9, -1.0],
    [34.1, -1.0],
    [37.6, -3.0],
    [39.2, -4.7],
    [39.8, -4.0],
    [40.2, -2.9],
    [40.95, -2.4],
    [41.6, -1.7],
    [41.0, 2.8],
    [40.0, 4.0],
    [38.1, 3.6],
    [35.9, 4.6],
    [35.0, 4.4],
    [34.4, 2.6],
    [35.0, 1.5],
    [33.9, 0.1],
    [33.9, -1.0],
]
COAST = [
    [37.6, -3.0],
    [39.2, -4.7],
    [39.8, -4.0],
    [40.2, -2.9],
    [40.95, -2.4],
    [41.6, -1.7],
    [40.9, -0.9],
    [39.0, -0.5],
    [38.2, -2.3],
    [37.6, -3.0],
]
ILEMI = [[34.4, 4.6], [35.0, 4.4], [35.9, 4.6], [35.6, 5.2], [34.9, 5.3], [34.4, 4.6]]
POINTS = {
    "nairobi": ("Nairobi", "city", [36.8219, -1.2921]),
    "mombasa": ("Mombasa", "port", [39.6682, -4.0435]),
    "naivasha": ("Naivasha", "city", [36.4333, -0.7167]),
    "lamu": ("Lamu", "port", [40.902, -2.2717]),
}
ROUTE = ["mombasa", "nairobi", "naivasha"]

FIRST_ID = "fixture-2024-01-02-sgr-passengers"
FIRST_BODY = (
    "NAIROBI – Kenya's Standard Gauge Railway carried 2.5 million passengers between "
    "Mombasa and Nairobi last year, the operator said on Tuesday.\n\n"
    "“The line has cut the journey to under five hours,” said Jane Mwangi, the operator's "
    "managing director.\n\n"
    "The railway was extended to Naivasha in 2019.\n"
)
SECOND_ID = "fixture-2024-02-05-lamu-berths"
SECOND_BODY = "Kenya opened two more berths at Lamu port on Monday, officials said.\n"


def place_file(place_id: str, properties: dict[str, Any], geometry: dict[str, Any]) -> Any:
    geom = shape(geometry)
    facts: dict[str, float] = {}
    if geometry["type"] == "Polygon":
        facts["area_km2"] = round(geodesic_area_km2(geom))
    elif geometry["type"] == "LineString":
        facts["length_km"] = round(geodesic_length_km(geom), 1)
    feature = {
        "type": "Feature",
        "id": place_id,
        "properties": {"aliases": [], "source": SOURCE, **properties, "facts": facts},
        "geometry": geometry,
    }
    return {"type": "FeatureCollection", "features": [feature]}


def places() -> dict[str, Any]:
    """Every place file of the fixture, by id."""
    found = {
        "kenya": place_file(
            "kenya",
            {"name": "Kenya", "kind": "country", "role": "named", "aliases": ["Kenyan"]},
            {"type": "Polygon", "coordinates": [KENYA]},
        ),
        "coast-region": place_file(
            "coast-region",
            {"name": "Coast region", "kind": "region", "role": "context", "country": "kenya"},
            {"type": "Polygon", "coordinates": [COAST]},
        ),
        "ilemi-triangle": place_file(
            "ilemi-triangle",
            {
                "name": "Ilemi Triangle",
                "kind": "disputed-area",
                "role": "context",
                "administered_by": ["Kenya"],
                "claimed_by": ["South Sudan"],
                "terms_by_party": {"Kenya": "Ilemi", "neutral": "Ilemi Triangle"},
            },
            {"type": "Polygon", "coordinates": [ILEMI]},
        ),
        "sgr-route": place_file(
            "sgr-route",
            {
                "name": "Standard Gauge Railway",
                "kind": "route",
                "role": "named",
                "aliases": ["SGR"],
                "schematic": True,
                "alignment": "Mombasa to Nairobi, then to Naivasha",
                "waypoints": [
                    {"name": POINTS[p][0], "coordinates": POINTS[p][2], "source": SOURCE}
                    for p in ROUTE
                ],
            },
            {"type": "LineString", "coordinates": [POINTS[p][2] for p in ROUTE]},
        ),
    }
    for place_id, (name, kind, xy) in POINTS.items():
        found[place_id] = place_file(
            place_id,
            {"name": name, "kind": kind, "role": "named", "country": "kenya"},
            {"type": "Point", "coordinates": xy},
        )
    return found


def first_claims() -> dict[str, Any]:
    """The claims of the first fixture article."""
    return {
        "article": FIRST_ID,
        "speakers": {
            "article": {"name": "The article", "type": "article"},
            "jane-mwangi": {
                "name": "Jane Mwangi",
                "type": "person",
                "role": "managing director of the railway's operator",
            },
        },
        "context_places": ["coast-region"],
        "claims": [
            {
                "id": "passengers",
                "quote": "Kenya's Standard Gauge Railway carried 2.5 million passengers between "
                "Mombasa and Nairobi last year",
                "speaker": "article",
                "kind": "figure",
                "places": ["sgr-route", "mombasa", "nairobi", "kenya"],
                "place_terms": {"sgr-route": "Standard Gauge Railway"},
                "figures": [
                    {
                        "id": "passengers",
                        "text": "2.5 million",
                        "value": 2_500_000,
                        "unit": "passengers",
                        "what": "passengers carried in a year",
                    }
                ],
                "dates": [{"text": "last year", "value": "2023", "basis": "published 2024"}],
            },
            {
                "id": "operator-statement",
                "quote": "the operator said on Tuesday",
                "speaker": "article",
                "kind": "event",
                "places": ["nairobi"],
                "dates": [{"text": "Tuesday", "value": "2024-01-02", "basis": "the dateline"}],
            },
            {
                "id": "journey-time",
                "quote": "“The line has cut the journey to under five hours,” said Jane Mwangi",
                "speaker": "jane-mwangi",
                "kind": "statement",
                "places": ["sgr-route"],
                "place_basis": {"sgr-route": "“The line” is the railway of the first sentence"},
                "figures": [
                    {
                        "id": "journey-hours",
                        "text": "five hours",
                        "value": 5,
                        "unit": "hours",
                        "what": "the journey time from Mombasa to Nairobi",
                    }
                ],
            },
            {
                "id": "extension",
                "quote": "The railway was extended to Naivasha in 2019.",
                "speaker": "article",
                "kind": "background",
                "places": ["naivasha", "sgr-route"],
                "place_basis": {"sgr-route": "the railway of the first sentence"},
            },
        ],
    }


def second_claims() -> dict[str, Any]:
    """The claims of the second fixture article."""
    return {
        "article": SECOND_ID,
        "speakers": {"officials": {"name": "Kenyan officials", "type": "government"}},
        "claims": [
            {
                "id": "berths",
                "quote": "Kenya opened two more berths at Lamu port on Monday, officials said.",
                "speaker": "officials",
                "kind": "event",
                "places": ["lamu", "kenya"],
                "figures": [
                    {
                        "id": "berths",
                        "text": "two",
                        "value": 2,
                        "unit": "berths",
                        "what": "berths opened",
                    }
                ],
            }
        ],
    }


def _metadata(article_id: str, headline: str, published: str) -> dict[str, Any]:
    def entry(value: str) -> dict[str, str]:
        return {"value": value, "basis": "written for the tests"}

    return {
        "id": article_id,
        "metadata": {
            "headline": entry(headline),
            "publisher": entry("Fixture Times"),
            "published": entry(published),
            "url": entry(f"https://example.org/{article_id}"),
        },
    }


def write_json(path: Path, document: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def write_article(
    root: Path, article_id: str, headline: str, published: str, body: str, claims: Any
) -> Path:
    folder = root / "articles" / article_id
    write_json(folder / "article.json", _metadata(article_id, headline, published))
    (folder / "body.txt").write_text(body, encoding="utf-8")
    write_json(folder / "claims.json", claims)
    return folder


def write_fixture(root: Path, second: bool = True) -> Path:
    """Write the Kenyan data folder into ``root``; ``second`` adds the Lamu article (and
    Lamu, the place only it uses)."""
    for place_id, document in places().items():
        if place_id == "lamu" and not second:
            continue
        write_json(root / "geojson" / f"{place_id}.geojson", document)
    write_article(
        root,
        FIRST_ID,
        "Railway carried 2.5 million passengers",
        "2024-01-02",
        FIRST_BODY,
        first_claims(),
    )
    if second:
        write_article(
            root, SECOND_ID, "Lamu port opens berths", "2024-02-05", SECOND_BODY, second_claims()
        )
    return root
