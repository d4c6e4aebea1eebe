"""Rendering an article's map with folium, as one self-contained, deterministic HTML file."""

from __future__ import annotations

import html
import itertools
from typing import Any

import folium
from branca.element import Element, Figure
from shapely.geometry import mapping

from geo.assets import jquery_js, leaflet_css, leaflet_js
from geo.model import Article, Dataset, Place

_STYLE_BY_KIND: dict[str, dict[str, Any]] = {
    "country": {"color": "#555555", "weight": 1, "fillOpacity": 0.05},
    "region": {"color": "#1f78b4", "weight": 1.5, "fillOpacity": 0.12},
    "disputed-area": {"color": "#b15928", "weight": 1.5, "fillOpacity": 0.2, "dashArray": "4 3"},
    "claim-line": {"color": "#b15928", "weight": 1.5, "dashArray": "6 4"},
    "sea": {"color": "#a6cee3", "weight": 0.5, "fillOpacity": 0.15},
    "route": {"color": "#e31a1c", "weight": 4},
}
_DEFAULT_STYLE: dict[str, Any] = {"color": "#333333", "weight": 2, "fillOpacity": 0.1}
_POINT_KINDS = frozenset({"city", "port", "waypoint", "mountain-pass"})


def render_article_map(dataset: Dataset, article: Article) -> str:
    """Render the map of ``article`` and return its HTML.

    Parameters
    ----------
    dataset : Dataset
        The validated data the article belongs to.
    article : Article
        The article to map.

    Returns
    -------
    str
        A complete HTML document with every script and style inlined.
    """
    fmap = folium.Map(location=None, tiles=None, control_scale=True, prefer_canvas=False)
    fmap.default_js = []
    fmap.default_css = []
    folium.TileLayer(
        "OpenStreetMap", name="OpenStreetMap (online)", attr="&copy; OpenStreetMap contributors"
    ).add_to(fmap)
    places = sorted(dataset.places.values(), key=lambda place: (place.kind, place.id))
    for place in places:
        _place_layer(place).add_to(fmap)
    bounds = _bounds(places)
    if bounds:
        fmap.fit_bounds(bounds)
    folium.LayerControl(collapsed=True).add_to(fmap)
    figure = fmap.get_root()
    assert isinstance(figure, Figure)
    _add_head(figure, article)
    _stabilise_names(fmap)
    return str(fmap.get_root().render()).rstrip() + "\n"


def _place_layer(place: Place) -> folium.Element:
    tooltip = folium.Tooltip(html.escape(f"{place.name} ({place.kind})"))
    if place.kind in _POINT_KINDS and place.geometry.geom_type == "Point":
        return folium.CircleMarker(
            location=(place.geometry.y, place.geometry.x),
            radius=6,
            color="#33302e",
            fill=True,
            fill_color="#ffffff",
            fill_opacity=1,
            tooltip=tooltip,
        )
    style = _STYLE_BY_KIND.get(place.kind, _DEFAULT_STYLE)
    return folium.GeoJson(
        {"type": "Feature", "properties": {}, "geometry": mapping(place.geometry)},
        name=html.escape(place.name),
        style_function=lambda _feature, style=style: style,
        tooltip=tooltip,
        control=False,
    )


def _bounds(places: list[Place]) -> list[list[float]] | None:
    if not places:
        return None
    boxes = [place.geometry.bounds for place in places]
    west = min(box[0] for box in boxes)
    south = min(box[1] for box in boxes)
    east = max(box[2] for box in boxes)
    north = max(box[3] for box in boxes)
    return [[south, west], [north, east]]


def _add_head(figure: Figure, article: Article) -> None:
    headline = article.meta("headline")
    figure.title = html.escape(headline)
    figure.header.add_child(Element(f"<style>{leaflet_css()}</style>"), name="leaflet_css")
    figure.header.add_child(Element(f"<script>{leaflet_js()}</script>"), name="leaflet_js")
    figure.header.add_child(Element(f"<script>{jquery_js()}</script>"), name="jquery_js")
    title = (
        '<div class="corridor-title" style="position:absolute;top:10px;left:50px;z-index:1000;'
        "background:rgba(255,255,255,.92);padding:6px 10px;border-radius:4px;"
        'font:14px/1.3 system-ui,sans-serif;max-width:60vw">'
        f"<strong>{html.escape(headline)}</strong><br>"
        f"{html.escape(article.meta('publisher'))} &middot; "
        f"{html.escape(article.meta('published'))}"
        "</div>"
    )
    figure.html.add_child(Element(title), name="corridor_title")


def _stabilise_names(fmap: folium.Map) -> None:
    """Replace folium's random element ids with ones numbered in tree order.

    folium names every element ``<kind>_<uuid4>``; numbering them in document order makes
    the same data give the same bytes.
    """
    counter = itertools.count(1)
    stack: list[Element] = [fmap.get_root()]
    while stack:
        element = stack.pop()
        element._id = f"{next(counter):04d}"
        stack.extend(reversed(list(element._children.values())))
