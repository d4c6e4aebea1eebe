"""Rendering an article's map with folium, as one self-contained, deterministic HTML file."""

from __future__ import annotations

import html
import re
from typing import Any

from shapely.geometry import mapping

from geo.geometry import geometry_json
from geo.map_elements import PlaceGroup, ScriptLayer
from geo.model import Article, Dataset, Place
from geo.page import add_json_data, add_page, new_map, render_page, view_bounds
from geo.payload import (
    article_terms,
    claims_payload,
    feature_collection_json,
    to_script_json,
)
from geo.place_text import place_info, waypoint_info

PLACES_DATA_ID = "corridor-places"
SHAPES_DATA_ID = "corridor-shapes"
CLAIMS_DATA_ID = "corridor-claims"

_STYLES: dict[str, dict[str, Any]] = {
    "country": {"color": "#4d4d4d", "weight": 1.2, "fillColor": "#ffffff", "fillOpacity": 0.0},
    "region": {"color": "#1f78b4", "weight": 1.5, "fillColor": "#1f78b4", "fillOpacity": 0.15},
    "sea": {"color": "#5aa0c8", "weight": 0.6, "fillColor": "#a6cee3", "fillOpacity": 0.25},
    "disputed-area": {
        "color": "#b15928",
        "weight": 1.5,
        "dashArray": "5 3",
        "fillColor": "url(#corridor-hatch)",
        "fillOpacity": 1,
    },
    "disputed-outline": {"color": "#7f2704", "weight": 3, "fill": False},
    "claim-line": {"color": "#6a3d9a", "weight": 2, "dashArray": "6 4"},
    "route": {"color": "#e31a1c", "weight": 5, "opacity": 0.9},
    "route-context": {"color": "#e31a1c", "weight": 3, "dashArray": "8 6", "opacity": 0.8},
}
LEGEND = [
    ("swatch-route", "CPEC main alignment (schematic)"),
    ("swatch-western", "CPEC western alignment (schematic)"),
    ("swatch-region", "Region named by the article"),
    ("swatch-disputed", "Disputed area (Kashmir)"),
    ("swatch-claim-line", "Claim line"),
    ("swatch-claim", "Claim (numbered, in article order)"),
]


def render_article_map(dataset: Dataset, article: Article) -> str:
    """Render the map of ``article`` and return its HTML (see :class:`ArticleMaps`)."""
    return ArticleMaps(dataset).render(article)


_TOKEN = re.compile(r"@@corridor-(title|shell|places|claims)@@")


class ArticleMaps:
    """Renders the maps of a dataset's articles.

    Everything but an article's own parts (title, panel, claims, its wording of places) is
    the same for every article, so folium renders it once, with placeholders, and each map
    fills them in: an archive of hundreds of articles costs one folium render.

    Parameters
    ----------
    dataset : Dataset
        The validated data.
    """

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset
        self.bounds = view_bounds(dataset)
        self._pieces: list[bytes] | None = None
        self._places_json: dict[frozenset[tuple[str, str]], str] = {}

    def render(self, article: Article) -> str:
        """Return the HTML of ``article``'s map: one document, scripts and styles inlined."""
        return self.render_bytes(article).decode("utf-8")

    def render_bytes(self, article: Article) -> bytes:
        """:meth:`render`, encoded as UTF-8 (what :func:`geo.build.build_maps` writes)."""
        if self._pieces is None:
            # Literal text at even indexes, placeholder names at odd ones; the shared text is
            # encoded once, so each map costs only its own parts.
            self._pieces = [
                piece.encode("utf-8") for piece in _TOKEN.split(self._render_template())
            ]
        payload = claims_payload(self.dataset, article)
        payload["bounds"] = self.bounds
        byline = " · ".join(
            part
            for part in (
                article.meta("publisher"),
                article.meta("wire"),
                article.meta("published"),
            )
            if part
        )
        parts = {
            "title": html.escape(article.meta("headline")),
            "shell": page_shell(article.meta("headline"), byline),
            "places": self._places_data(article_terms(article)),
            "claims": to_script_json(payload),
        }
        return b"".join(
            parts[piece.decode("ascii")].encode("utf-8") if index % 2 else piece
            for index, piece in enumerate(self._pieces)
        )

    def _places_data(self, terms: dict[str, str]) -> str:
        """What tooltips and popups say of each place, given the article's own terms."""
        key = frozenset(terms.items())
        if key not in self._places_json:
            drawn = drawn_places(self.dataset)
            info = {p.id: place_info(p, terms) for p in drawn.values()}
            for place in drawn.values():
                if place.kind != "route":
                    continue
                for index, waypoint in enumerate(place.properties["waypoints"]):
                    info[_waypoint_id(place.id, index)] = waypoint_info(place, waypoint)
            self._places_json[key] = to_script_json(info)
        return self._places_json[key]

    def _render_template(self) -> str:
        fmap, figure = new_map(self.bounds, self.dataset.basemap)
        groups = place_groups(self.dataset)
        for key, title, show, _ in groups:
            PlaceGroup(html.escape(title), SHAPES_DATA_ID, key, show).add_to(fmap)
        ScriptLayer("Claims (numbered markers)", "corridorClaims", CLAIMS_DATA_ID).add_to(fmap)
        add_page(
            fmap,
            figure,
            title="@@corridor-title@@",
            shell="@@corridor-shell@@",
            scripts=["corridor.js"],
            legend=LEGEND,
        )
        shapes = ",".join(
            f"{to_script_json(key)}:[{','.join(layers)}]" for key, *_, layers in groups
        )
        add_json_data(figure, SHAPES_DATA_ID, f"{{{shapes}}}")
        add_json_data(figure, PLACES_DATA_ID, "@@corridor-places@@")
        add_json_data(figure, CLAIMS_DATA_ID, "@@corridor-claims@@")
        return render_page(fmap, figure)


_GROUPS: list[tuple[str, str, frozenset[str], bool]] = [
    ("countries", "Countries named (China, Pakistan, India)", frozenset({"country"}), True),
    ("regions", "Regions and sea", frozenset({"region", "sea"}), True),
    ("disputed", "Disputed areas of Kashmir", frozenset({"disputed-area"}), True),
    ("claim-lines", "Claim lines (India, Pakistan, China)", frozenset({"claim-line"}), False),
    ("corridor", "CPEC corridor (schematic)", frozenset({"route"}), True),
    ("points", "Cities and ports", frozenset({"city", "port", "mountain-pass"}), True),
]
"""The layer control's groups of places: key, title, kinds of place, shown at first."""


def place_groups(dataset: Dataset) -> list[tuple[str, str, bool, list[str]]]:
    """The groups that have places to draw: key, title, shown at first, layers as JSON."""
    drawn = _sorted(drawn_places(dataset))
    groups = []
    for key, title, kinds, show in _GROUPS:
        members = [place for place in drawn if place.kind in kinds]
        if members:
            groups.append((key, title, show, _group_layers(members)))
    return groups


_POINT_KINDS = frozenset({"city", "port", "mountain-pass"})


def drawn_places(dataset: Dataset) -> dict[str, Place]:
    """The places every article's map draws: all but the context points.

    Context points (towns an archive's articles mention) are shown by the claim markers
    that stand on them; drawing every one on every article's map would not scale.
    """
    return {
        key: place
        for key, place in dataset.places.items()
        if not (place.kind in _POINT_KINDS and place.properties.get("role") == "context")
    }


def _sorted(places: dict[str, Place]) -> list[Place]:
    order = {"country": 0, "sea": 1, "region": 2, "disputed-area": 3}
    return sorted(
        places.values(), key=lambda p: (order.get(p.kind, 9), "parts" in p.properties, p.id)
    )


def _waypoint_id(route_id: str, index: int) -> str:
    return f"{route_id}--waypoint-{index + 1}"


def _geometry_json(place: Place) -> str:
    """The place's geometry as read (fast), or converted when the place was made in code."""
    return place.geometry_json or geometry_json(mapping(place.geometry))


def _style_of(place: Place) -> dict[str, Any]:
    if place.kind == "disputed-area" and "parts" in place.properties:
        return _STYLES["disputed-outline"]
    if place.kind == "route" and place.properties.get("role") == "context":
        return _STYLES["route-context"]
    return _STYLES[place.kind]


def _group_layers(members: list[Place]) -> list[str]:
    """A group's places as few layers of JSON: shapes, points, and the routes' waypoints.

    Each layer holds a FeatureCollection (``data``) and either a style per feature id
    (``styles``) or the options of the circles its points are drawn as (``circle``); see
    ``corridorPlaceGroup``. Text never goes into these layers (features carry only an id);
    tooltips and popups come from the places JSON through ``corridorPlace``.
    """
    shapes = [p for p in members if p.kind not in _POINT_KINDS]
    points = [p for p in members if p.kind in _POINT_KINDS]
    layers = []
    if shapes:
        styles = {p.id: _style_of(p) for p in shapes}
        layers.append(_layer_json([(p.id, _geometry_json(p)) for p in shapes], styles=styles))
    if points:
        circle = _circle(7, "#1d1d1f", 2)
        layers.append(_layer_json([(p.id, _geometry_json(p)) for p in points], circle=circle))
    waypoints = [
        (
            _waypoint_id(p.id, index),
            geometry_json({"type": "Point", "coordinates": w["coordinates"]}),
        )
        for p in shapes
        if p.kind == "route"
        for index, w in enumerate(p.properties["waypoints"])
    ]
    if waypoints:
        layers.append(_layer_json(waypoints, circle=_circle(3.5, "#e31a1c", 1.5)))
    return layers


def _layer_json(features: list[tuple[str, str]], **drawing: dict[str, Any]) -> str:
    options = to_script_json(drawing)  # '{"circle":...}': its members follow "data"
    return f'{{"data":{feature_collection_json(features)},{options[1:]}'


def _circle(radius: float, color: str, weight: float) -> dict[str, Any]:
    """Leaflet options of a white circle marker."""
    return {
        "radius": radius,
        "color": color,
        "weight": weight,
        "fill": True,
        "fillColor": "#ffffff",
        "fillOpacity": 1,
    }


HATCH_DEFS = (
    '<svg class="corridor-defs" width="0" height="0" aria-hidden="true" '
    'style="position:absolute">'
    '<defs><pattern id="corridor-hatch" patternUnits="userSpaceOnUse" width="7" height="7" '
    'patternTransform="rotate(45)">'
    '<rect width="7" height="7" fill="#b15928" fill-opacity="0.10"/>'
    '<line x1="0" y1="0" x2="0" y2="7" stroke="#b15928" stroke-width="2.2" '
    'stroke-opacity="0.6"/></pattern></defs></svg>'
)
"""The diagonal hatching that fills disputed areas (``fill: url(#corridor-hatch)``)."""


def page_shell(headline: str, byline: str) -> str:
    """The static HTML around the map: title, claims panel with filters, hatch pattern.

    Only ``headline`` and ``byline`` come from the data, and both are escaped.
    """
    return (
        HATCH_DEFS + '<div class="corridor-title" role="banner">'
        f"<h1>{html.escape(headline)}</h1><p>{html.escape(byline)}</p></div>"
        '<aside id="claims-panel" aria-label="Claims of the article">'
        "<header>"
        '<button type="button" id="panel-toggle" aria-expanded="true" '
        'aria-controls="claims-list">Claims</button>'
        "<h2>Claims in article order</h2>"
        '<div class="filters">'
        '<label>Kind <select id="filter-kind"><option value="">all kinds</option></select>'
        "</label>"
        '<label>Speaker <select id="filter-speaker"><option value="">all speakers</option>'
        "</select></label>"
        "</div>"
        '<p id="claims-count" aria-live="polite"></p>'
        "</header>"
        '<ol id="claims-list"></ol>'
        "</aside>"
    )
