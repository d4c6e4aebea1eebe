"""The overview map of an archive: every claim of every article on one canvas layer.

Written as ``maps/index.html`` when the data holds more than one article. Claims travel as
columns of one JSON object (strings once, numbers for repeated values), so the page stays
close to the size of its text and draws 20,000 claims in under half a second.
"""

from __future__ import annotations

import html
from typing import Any

import shapely
from shapely.geometry import mapping

from geo.geometry import CheckedGeometry, geometry_json
from geo.map_elements import ScriptLayer
from geo.model import Dataset
from geo.page import add_json_data, add_page, new_map, render_page
from geo.payload import anchor_of, to_script_json

OVERVIEW_FILE = "index.html"
OVERVIEW_DATA_ID = "corridor-overview"


def overview_payload(dataset: Dataset) -> dict[str, Any]:
    """Every claim of every article as columns, with tables of the repeated strings."""
    articles = sorted(dataset.articles, key=lambda a: (a.meta("published"), a.id))
    kinds = sorted({c.kind for a in articles for c in a.claims})
    speakers: list[str] = []
    speaker_index: dict[str, int] = {}
    places: list[list[Any]] = []
    place_index: dict[str, int] = {}
    columns: dict[str, list[Any]] = {
        key: [] for key in ("article", "kind", "speaker", "place", "quote", "id")
    }
    for number, article in enumerate(articles):
        for claim in article.claims:
            speaker = article.speakers[claim.speaker]
            label = f"{speaker.name}, {speaker.role}" if speaker.role else speaker.name
            if label not in speaker_index:
                speaker_index[label] = len(speakers)
                speakers.append(label)
            anchor = claim.places[0]
            if anchor not in place_index:
                place_index[anchor] = len(places)
                lat, lng = anchor_of(dataset.places[anchor].geometry)
                places.append([dataset.places[anchor].name, lat, lng])
            columns["article"].append(number)
            columns["kind"].append(kinds.index(claim.kind))
            columns["speaker"].append(speaker_index[label])
            columns["place"].append(place_index[anchor])
            columns["quote"].append(claim.quote)
            columns["id"].append(claim.id)
    return {
        "articles": [
            [a.id, a.meta("headline"), a.meta("publisher"), a.meta("published")] for a in articles
        ],
        "kinds": kinds,
        "speakers": speakers,
        "places": places,
        "claims": columns,
        "bounds": dataset.settings.view or _bounds_of(places),
    }


def _bounds_of(places: list[list[Any]]) -> list[list[float]]:
    """The view holding every circle (``[name, lat, lng]``) of the overview."""
    lats = [place[1] for place in places]
    lngs = [place[2] for place in places]
    return [[min(lats), min(lngs)], [max(lats), max(lngs)]]


COARSE_TOLERANCE = 0.1
"""Degrees: the overview's background is for orientation at archive scale."""


def coarse_basemap(basemap: list[CheckedGeometry] | None) -> list[CheckedGeometry] | None:
    """A coarser copy of the background map, so the overview carries mostly text."""
    if basemap is None:
        return None
    simplified = shapely.set_precision(
        shapely.coverage_simplify([checked.shape for checked in basemap], COARSE_TOLERANCE),
        0.01,
    )
    return [
        CheckedGeometry(geom, geometry_json(mapping(geom)))
        for geom in simplified
        if not geom.is_empty
    ]


def overview_shell(title: str, article_count: int, claim_count: int) -> str:
    """The static HTML around the overview map: title, filters, list of articles."""
    return (
        '<div class="corridor-title" role="banner">'
        f"<h1>{html.escape(title)}: {article_count:,} articles, {claim_count:,} claims</h1>"
        "<p>Click a circle for its claims; each links to its article's map.</p></div>"
        '<aside id="claims-panel" aria-label="Filters and articles">'
        "<header><h2>Filter the claims</h2>"
        '<div class="filters">'
        '<label>Article <select id="filter-article"><option value="">all articles</option>'
        "</select></label>"
        '<label>From <input type="date" id="filter-from"></label>'
        '<label>To <input type="date" id="filter-to"></label>'
        '<label>Kind <select id="filter-kind"><option value="">all kinds</option></select>'
        "</label>"
        '<label>Speaker <select id="filter-speaker"><option value="">all speakers</option>'
        "</select></label></div>"
        '<p id="claims-count" aria-live="polite"></p></header>'
        '<h2 class="articles-heading">Articles</h2>'
        '<ol id="articles-list"></ol></aside>'
    )


def render_overview(dataset: Dataset) -> str:
    """Render the overview map of every article of ``dataset`` and return its HTML."""
    payload = overview_payload(dataset)
    fmap, figure = new_map(coarse_basemap(dataset.basemap), prefer_canvas=True)
    ScriptLayer("Claims of every article", "corridorOverview", OVERVIEW_DATA_ID).add_to(fmap)
    claim_count = len(payload["claims"]["quote"])
    title = f"{dataset.settings.title} archive" if dataset.settings.title else "Archive overview"
    add_page(
        fmap,
        figure,
        title=html.escape(f"corridor-map: {title}"),
        shell=overview_shell(title, len(payload["articles"]), claim_count),
        scripts=["corridor.js", "overview.js"],
        legend=[],
    )
    add_json_data(figure, OVERVIEW_DATA_ID, to_script_json(payload))
    return render_page(fmap, figure)
