"""Rendering an article's map with folium, as one self-contained, deterministic HTML file."""

from __future__ import annotations

import dataclasses
import hashlib
import html
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup
from shapely.geometry import mapping

from geo._checks.geometry import CheckedGeometry, geometry_json
from geo._checks.place_rules import POINT_KINDS
from geo._rendering.elements import CorridorMap, PlaceGroup, ScriptLayer, named
from geo._rendering.page import (
    ASSETS_FOLDER,
    SHARED_SHAPE_BYTES,
    MapParts,
    PageContent,
    PageData,
    SharedAssets,
    add_json_data,
    add_layer,
    add_page,
    map_parts,
    new_map,
    render_document,
)
from geo._rendering.payload import (
    anchor_of,
    article_terms,
    byline,
    claims_payload,
    feature_collection_json,
    to_script_json,
)
from geo._rendering.place_text import place_info, waypoint_info
from geo._rendering.styles import KIND_STYLES, PLACE_STYLES
from geo.model import Article, Dataset, Place

PLACES_DATA_ID = "corridor-places"
SHAPES_DATA_ID = "corridor-shapes"
CLAIMS_DATA_ID = "corridor-claims"


@dataclass(frozen=True)
class RenderedMap:
    """An article's map: its HTML, and the files of ``assets/`` it loads (shared layout)."""

    html: bytes
    assets: tuple[str, ...]


@dataclass(frozen=True)
class DrawnPlace:
    """A place an article's map draws, and whether a claim uses it or it is context."""

    place: Place
    context: bool


def render_article_map(dataset: Dataset, article: Article) -> str:
    """Render the map of ``article`` and return its HTML (see :class:`ArticleMaps`)."""
    return ArticleMaps(dataset).render(article)


class ArticleMaps:
    """Renders the maps of a dataset's articles.

    Each map draws its own article's world: the places its claims use, the context
    places its claims file declares, and the parts of those. Maps whose layer groups and
    legend are alike share what folium renders of the map (:class:`MapParts`), so an
    archive of hundreds of articles costs a few folium renders; each page is assembled
    from those parts and its article's own content, and depends on nothing but its own
    data.

    Parameters
    ----------
    dataset : Dataset
        The validated data.
    shared : SharedAssets, optional
        In the shared layout, where the maps' common files are registered; without it,
        each map is one file with everything inlined.
    """

    def __init__(self, dataset: Dataset, shared: SharedAssets | None = None) -> None:
        self.dataset = dataset
        self.shared = shared
        self._layouts: dict[Hashable, tuple[MapParts, PageContent, tuple[str, ...]]] = {}

    def render(self, article: Article) -> str:
        """Return the HTML of ``article``'s map (one document, scripts and styles inlined
        unless the maps share their assets)."""
        return self.render_bytes(article).decode("utf-8")

    def render_bytes(self, article: Article) -> bytes:
        """:meth:`render`, encoded as UTF-8."""
        return self.render_map(article).html

    def folium_map(self, article: Article) -> CorridorMap:
        """``article``'s map as a folium map, its page holding everything the HTML does."""
        drawn, groups, layout, shapes_assets = self._arrangement(article)
        fmap, content = _layout_map(self.dataset.basemap, *layout, shared=self.shared)
        self._fill(content, article, drawn, groups, shapes_assets)
        return fmap

    def render_map(self, article: Article) -> RenderedMap:
        """:meth:`render_bytes`, and the files of ``assets/`` the map loads (what
        :func:`geo.build_maps` writes)."""
        drawn, groups, layout, shapes_assets = self._arrangement(article)
        cached = self._layouts.get(layout)
        if cached is None:
            fmap, content = _layout_map(self.dataset.basemap, *layout, shared=self.shared)
            parts = map_parts(fmap)
            cached = (parts, content, tuple(self.shared.recent) if self.shared else ())
            self._layouts[layout] = cached
        if self.shared:
            self.shared.recent.clear()
        parts, layout_content, page_assets = cached
        content = dataclasses.replace(layout_content, data=list(layout_content.data))
        own_assets = self._fill(content, article, drawn, groups, shapes_assets)
        document = render_document(content, parts).encode("utf-8")
        return RenderedMap(document, tuple(dict.fromkeys(page_assets + own_assets)))

    def _arrangement(
        self, article: Article
    ) -> tuple[
        dict[str, DrawnPlace],
        list[tuple[str, str, bool, list[str]]],
        tuple[tuple[tuple[str, str, bool], ...], tuple[tuple[str, str], ...]],
        tuple[str, ...],
    ]:
        """The places the map draws, its groups and legend, and the shape files of
        ``assets/`` they load (shared layout)."""
        if self.shared:
            self.shared.recent.clear()
        drawn = drawn_places(self.dataset, article)
        groups = place_groups(drawn, self.dataset.settings.layer_titles, self._shape_json)
        legend = legend_entries(drawn)
        layout = (tuple((key, title, show) for key, title, show, _ in groups), tuple(legend))
        shapes_assets = tuple(dict.fromkeys(self.shared.recent)) if self.shared else ()
        if self.shared:
            self.shared.recent.clear()
        return drawn, groups, layout, shapes_assets

    def _fill(
        self,
        content: PageContent,
        article: Article,
        drawn: dict[str, DrawnPlace],
        groups: list[tuple[str, str, bool, list[str]]],
        shapes_assets: tuple[str, ...] = (),
    ) -> tuple[str, ...]:
        """Put ``article``'s own title, panel, shape files and data into ``content``;
        return the shape files."""
        payload = claims_payload(self.dataset, article)
        payload["bounds"] = article_bounds(self.dataset, article)
        payload["labels"] = place_labels(self.dataset, article, drawn)
        payload["kindFills"] = {kind: style.fill for kind, style in KIND_STYLES.items()}
        shapes = ",".join(
            f"{to_script_json(key)}:[{','.join(layers)}]" for key, *_, layers in groups
        )
        content.title = article.meta("headline")
        content.shell = Markup(page_shell(article.meta("headline"), byline(article)))
        for name in shapes_assets:
            content.data.append(PageData(name, href=f"{ASSETS_FOLDER}/{name}"))
        for data_id, text in (
            (SHAPES_DATA_ID, f"{{{shapes}}}"),
            (PLACES_DATA_ID, _places_data(drawn, article_terms(article))),
            (CLAIMS_DATA_ID, to_script_json(payload)),
        ):
            add_json_data(content, data_id, text)
        return shapes_assets

    def _shape_json(self, place: Place) -> str:
        """A shape's geometry as the map's JSON holds it: itself, or in the shared layout,
        when it is large, a reference to a file of ``assets/`` holding it."""
        text = _geometry_json(place)
        if self.shared is None or len(text) < SHARED_SHAPE_BYTES:
            return text
        key = "shape:" + hashlib.sha256(text.encode()).hexdigest()[:16]
        self.shared.add_data("shape", key, text)
        return to_script_json({"shared": key})


def _layout_map(
    basemap: list[CheckedGeometry] | None,
    groups: tuple[tuple[str, str, bool], ...],
    legend: tuple[tuple[str, str], ...],
    shared: SharedAssets | None = None,
) -> tuple[CorridorMap, PageContent]:
    """A map with the layer groups and legend of ``groups`` and ``legend``, its page
    holding what every article's map of that arrangement shares."""
    fmap, content = new_map(basemap, shared=shared)
    for key, title, show in groups:
        group = PlaceGroup(title, SHAPES_DATA_ID, key, show)
        add_layer(fmap, named(group, "places_" + key.replace("-", "_")))
    claims = ScriptLayer("Claims (numbered markers)", "corridorClaims", CLAIMS_DATA_ID)
    add_layer(fmap, named(claims, "claims_layer"))
    add_page(
        fmap,
        content,
        title="",
        shell=Markup(""),
        scripts=["corridor.js"],
        legend=list(legend),
        shared=shared,
    )
    return fmap, content


def _places_data(drawn: dict[str, DrawnPlace], terms: dict[str, str]) -> str:
    """What tooltips and popups say of each drawn place, given the article's own terms."""
    info = {key: place_info(d.place, terms, d.context) for key, d in drawn.items()}
    for key, item in drawn.items():
        if item.place.kind != "route":
            continue
        for index, waypoint in enumerate(item.place.properties["waypoints"]):
            info[_waypoint_id(key, index)] = waypoint_info(item.place, waypoint)
    return to_script_json(info)


_GROUPS: list[tuple[str, str, frozenset[str], bool]] = [
    ("countries", "Countries", frozenset({"country"}), True),
    ("regions", "Regions and seas", frozenset({"region", "sea"}), True),
    ("disputed", "Disputed areas", frozenset({"disputed-area"}), True),
    ("claim-lines", "Claim lines", frozenset({"claim-line"}), False),
    ("routes", "Routes (schematic)", frozenset({"route"}), True),
    ("points", "Cities, ports and passes", POINT_KINDS, True),
]
"""The layer control's groups of places: key, generic title, kinds of place, shown at first."""


def drawn_places(dataset: Dataset, article: Article) -> dict[str, DrawnPlace]:
    """The places ``article``'s map draws, in drawing order.

    Those its claims use, then the context places its claims file declares, and the
    parts of any of them (a place made of parts is drawn as their outline). Places that
    only other articles use are never drawn.
    """
    used = [place_id for claim in article.claims for place_id in claim.places]
    wanted: dict[str, bool] = {}
    for place_id, context in [(p, False) for p in used] + [
        (p, True) for p in article.context_places
    ]:
        stack = [place_id]
        while stack:
            current = stack.pop()
            if current in wanted or current not in dataset.places:
                continue
            wanted[current] = context or current != place_id
            stack.extend(dataset.places[current].properties.get("parts") or [])
    for place_id in used:
        wanted[place_id] = False
    order = {"country": 0, "sea": 1, "region": 2, "disputed-area": 3}
    places = sorted(
        (dataset.places[key] for key in wanted),
        key=lambda p: (order.get(p.kind, 9), "parts" in p.properties, p.id),
    )
    return {p.id: DrawnPlace(p, wanted[p.id]) for p in places}


def place_groups(
    drawn: dict[str, DrawnPlace],
    titles: dict[str, str],
    shape_json: Callable[[Place], str] | None = None,
) -> list[tuple[str, str, bool, list[str]]]:
    """The groups that have places to draw: key, title, shown at first, layers as JSON.

    A group's title is the data folder's own (``settings.json``) when it gives one;
    otherwise the generic title, with the countries' names.
    """
    groups = []
    for key, title, kinds, show in _GROUPS:
        members = [d for d in drawn.values() if d.place.kind in kinds]
        if not members:
            continue
        if key == "countries":
            title = f"{title}: " + ", ".join(sorted(d.place.name for d in members))
        layers = _group_layers(members, shape_json or _geometry_json)
        groups.append((key, titles.get(key, title), show, layers))
    return groups


def legend_entries(drawn: dict[str, DrawnPlace]) -> list[tuple[str, str]]:
    """One legend entry for each way a place is drawn on this map: swatch class, label.

    Routes are listed by name; everything else by its kind.
    """
    entries: list[tuple[str, str]] = []
    routes = [d for d in drawn.values() if d.place.kind == "route"]
    for item in sorted(routes, key=lambda d: (d.context, d.place.name)):
        swatch = "swatch-route-context" if item.context else "swatch-route"
        name = item.place.name
        entries.append((swatch, name if "schematic" in name else f"{name} (schematic)"))
    kinds = {(d.place.kind, d.context) for d in drawn.values()}
    for (kind, context), swatch, label in _LEGEND:
        if (kind, context) in kinds or (context is None and any(k == kind for k, _ in kinds)):
            entries.append((swatch, label))
    return entries


_LEGEND: list[tuple[tuple[str, bool | None], str, str]] = [
    (("region", False), "swatch-region", "Region named by the article"),
    (("region", True), "swatch-region-context", "Context region (not named by the article)"),
    (("sea", None), "swatch-sea", "Sea"),
    (("disputed-area", None), "swatch-disputed", "Disputed area"),
    (("claim-line", None), "swatch-claim-line", "Claim line"),
]


def article_bounds(dataset: Dataset, article: Article) -> list[list[float]]:
    """The first view of ``article``'s map, ``[[south, west], [north, east]]``.

    It holds every claim's marker and the whole of every place its claims use, except
    countries and seas (too large to frame: their markers stand for them).
    """
    boxes = []
    for claim in article.claims:
        lat, lng = anchor_of(dataset.places[claim.places[0]].geometry)
        boxes.append((lng, lat, lng, lat))
        for place_id in claim.places:
            place = dataset.places[place_id]
            if place.kind not in ("country", "sea"):
                boxes.append(place.geometry.bounds)
    if not boxes:
        return dataset.settings.view or WORLD_VIEW
    return [
        [min(b[1] for b in boxes), min(b[0] for b in boxes)],
        [max(b[3] for b in boxes), max(b[2] for b in boxes)],
    ]


def place_labels(
    dataset: Dataset, article: Article, drawn: dict[str, DrawnPlace]
) -> list[list[Any]]:
    """The names the map shows at its first view, most important first.

    ``[name, lat, lng, claims, point, place id]`` for each place the article names: the
    places claims are drawn at (most claims first), then points, regions, disputed areas,
    routes, countries and seas; ``point`` says the place is drawn as a dot. The page shows
    each label beside its marker or dot (or on its area), wherever it covers nothing shown
    before it, or not at all.
    """
    anchored: dict[str, int] = {}
    for claim in article.claims:
        anchored[claim.places[0]] = anchored.get(claim.places[0], 0) + 1
    order = {"region": 1, "disputed-area": 2, "route": 3, "country": 4, "sea": 5}
    labelled = [
        d.place
        for d in drawn.values()
        if d.place.id in anchored or (not d.context and d.place.kind != "claim-line")
    ]
    labelled.sort(
        key=lambda p: (
            -anchored.get(p.id, 0),
            0 if p.kind in POINT_KINDS else order.get(p.kind, 6),
            p.name,
        )
    )
    return [
        [p.name, *anchor_of(p.geometry), anchored.get(p.id, 0), p.kind in POINT_KINDS, p.id]
        for p in labelled
    ]


WORLD_VIEW = [[-60.0, -170.0], [75.0, 170.0]]
"""The first view of a map with nothing to frame and no view in ``settings.json``."""


def _waypoint_id(route_id: str, index: int) -> str:
    return f"{route_id}--waypoint-{index + 1}"


def _geometry_json(place: Place) -> str:
    """The place's geometry as read (fast), or converted when the place was made in code."""
    return place.geometry_json or geometry_json(mapping(place.geometry))


def place_style(item: DrawnPlace) -> str:
    """The key of :data:`PLACE_STYLES` a drawn place is drawn with."""
    place = item.place
    if place.kind == "disputed-area" and "parts" in place.properties:
        return "disputed-outline"
    if place.kind in ("route", "region") and item.context:
        return f"{place.kind}-context"
    return place.kind


def _group_layers(members: list[DrawnPlace], shape_json: Callable[[Place], str]) -> list[str]:
    """A group's places as few layers of JSON: shapes, points, and the routes' waypoints.

    Each layer holds a FeatureCollection (``data``) and either a style per feature id
    (``styles``) or the options of the circles its points are drawn as (``circle``); see
    ``corridorPlaceGroup``. Text never goes into these layers (features carry only an id);
    tooltips and popups come from the places JSON through ``corridorPlace``.
    """
    shapes = [d for d in members if d.place.kind not in POINT_KINDS]
    points = [d.place for d in members if d.place.kind in POINT_KINDS]
    layers = []
    if shapes:
        styles = {d.place.id: PLACE_STYLES[place_style(d)] for d in shapes}
        features = [(d.place.id, shape_json(d.place)) for d in shapes]
        layers.append(_layer_json(features, styles=styles))
    if points:
        circle = _circle(7, "#1d1d1f", 2)
        layers.append(_layer_json([(p.id, _geometry_json(p)) for p in points], circle=circle))
    waypoints = [
        (
            _waypoint_id(d.place.id, index),
            geometry_json({"type": "Point", "coordinates": w["coordinates"]}),
        )
        for d in shapes
        if d.place.kind == "route"
        for index, w in enumerate(d.place.properties["waypoints"])
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


def page_shell(headline: str, byline: str) -> str:
    """The static HTML around the map: title, and the claims panel with its filters.

    Only ``headline`` and ``byline`` come from the data, and both are escaped.
    """
    return (
        '<div class="corridor-title" role="banner">'
        f"<h1>{html.escape(headline)}</h1><p>{html.escape(byline)}</p></div>"
        '<aside id="claims-panel" aria-label="Claims of the article">'
        '<header class="panel-head">'
        "<h2>Claims in article order</h2>"
        '<button type="button" id="panel-toggle" aria-expanded="true" '
        'aria-controls="panel-body">Hide list</button>'
        "</header>"
        '<div id="panel-body">'
        '<div class="filters">'
        '<label>Kind <select id="filter-kind"><option value="">all kinds</option></select>'
        "</label>"
        '<label>Speaker <select id="filter-speaker"><option value="">all speakers</option>'
        "</select></label>"
        '<label>Geography <select id="filter-verdict"><option value="">all claims</option>'
        "</select></label>"
        '<button type="button" id="filter-reset" hidden>Show all claims</button>'
        "</div>"
        '<p id="claims-count" aria-live="polite"></p>'
        '<p id="claims-source" class="print-only"></p>'
        '<ol id="claims-list"></ol>'
        '<details id="places-section"><summary>Places on this map</summary>'
        '<ul id="places-list"></ul></details>'
        "</div>"
        "</aside>"
    )
