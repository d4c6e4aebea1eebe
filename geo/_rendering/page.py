"""The page every map shares, and the one place its document is assembled.

folium draws the map (:class:`geo._rendering.elements.CorridorMap`): its base layers,
the layers :mod:`geo._rendering.render` (an article's map) and
:mod:`geo._rendering.overview` (every article's claims) add, and their controls. The page's
own parts (title, panel, scripts and styles, data) are a :class:`PageContent`, and
:func:`render_document` puts the two together with the Jinja2 template
``templates/page.html``. Nothing comes from a CDN: scripts and styles are inlined, or in
the shared layout, files of ``assets/``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import xyzservices
from branca.element import Element, Figure
from folium.map import Layer
from jinja2 import Environment, PackageLoader, StrictUndefined, Template
from markupsafe import Markup

from geo._checks.geometry import CheckedGeometry
from geo._rendering.assets import leaflet_css, leaflet_js, script_safe
from geo._rendering.elements import (
    BaseLayer,
    BasemapLayer,
    CorridorMap,
    LayerSwitcher,
    NamedPane,
    NamedTileLayer,
    PageExtras,
    named,
)
from geo._rendering.payload import feature_collection_json, to_script_json
from geo._rendering.styles import kind_css, swatch_css

BASEMAP_DATA_ID = "corridor-basemap"
BASEMAP_STYLE: dict[str, Any] = {
    "color": "#ffffff",
    "weight": 0.8,
    "fillColor": "#e8e4d8",
    "fillOpacity": 1,
}
TILE_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
TILE_ATTRIBUTION = (
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
)
ATTRIBUTIONS = ["Made with Natural Earth", "GeoNames (CC BY 4.0)"]


LAYOUTS = ("standalone", "shared")
ASSETS_FOLDER = "assets"
SHARED_SHAPE_BYTES = 2048
"""In the shared layout, a place's geometry of this many bytes of JSON or more is a file of
``assets/`` (countries, provinces, routes), so maps drawing the same place share it."""
MAP_SIGNATURE = b'<meta name="generator" content="corridor-map">'
"""In the head of every page this tool writes, so a build knows its own maps."""


@dataclass(frozen=True)
class PageFile:
    """A style sheet or script of the page: inlined (``text``) or a file (``href``)."""

    text: Markup = field(default_factory=Markup)
    href: str = ""


@dataclass(frozen=True)
class PageData:
    """JSON the page's scripts read by id (:js:`corridorReadData`): a data element of the
    page (``text``), or a file of ``assets/`` that files it under its id (``href``)."""

    id: str
    text: Markup = field(default_factory=Markup)
    href: str = ""


@dataclass
class PageContent:
    """What a page holds besides the map folium draws; text is escaped by the template,
    and only :class:`~markupsafe.Markup` (escaped or script-safe by its maker) goes in as
    it is."""

    title: str = ""
    shell: Markup = field(default_factory=Markup)
    styles: list[PageFile] = field(default_factory=list)
    scripts: list[PageFile] = field(default_factory=list)
    data: list[PageData] = field(default_factory=list)


@dataclass(frozen=True)
class MapParts:
    """What folium renders of a map: the head's, the body's and the script's parts."""

    header: str
    html: str
    script: str


@cache
def _page_template() -> Template:
    environment = Environment(
        loader=PackageLoader("geo._rendering", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    return environment.get_template("page.html")


def render_document(content: PageContent, parts: MapParts) -> str:
    """The whole HTML document of a page: ``content`` around the map folium rendered."""
    return _page_template().render(
        page=content,
        map={
            "header": Markup(parts.header.strip()),
            "html": Markup(parts.html.strip()),
            "script": Markup(parts.script.strip()),
        },
    )


class CorridorPage(Figure):
    """The page a map is drawn on: folium's figure, whose document is assembled by
    :func:`render_document` from what folium renders of the map and the page's own
    content (title, panel, scripts, styles, data)."""

    _template = Template("{{ this.document() }}")

    def __init__(self) -> None:
        super().__init__()
        self.content = PageContent()
        """The page's own parts."""
        # The template writes the charset first of all; branca's meta would repeat it.
        self.header = Element()

    def render(self, **kwargs: Any) -> str:
        """The whole document (also what a notebook shows, and what ``save`` writes)."""
        return str(super().render(**kwargs))

    def document(self) -> str:
        """The whole HTML document, once folium has rendered the map into the page."""
        parts = MapParts(self.header.render(), self.html.render(), self.script.render())
        return render_document(self.content, parts)


def map_parts(fmap: CorridorMap) -> MapParts:
    """Render ``fmap`` and its layers with folium, and return what they put in the page."""
    page = fmap.get_root()
    assert isinstance(page, CorridorPage)
    fmap.render()  # type: ignore[no-untyped-call]
    return MapParts(page.header.render(), page.html.render(), page.script.render())


def render_page(fmap: CorridorMap) -> str:
    """The whole document of ``fmap``'s page (what a notebook shows of it, too)."""
    page = fmap.get_root()
    assert isinstance(page, CorridorPage)
    return str(page.render())


class SharedAssets:
    """The files of ``assets/`` that maps of the shared layout load, by name.

    Each name holds a hash of the file's bytes (``leaflet.3f2a….js``), so a changed file
    is a new name, and a map never loads another build's version of a file. Pages link
    them with relative ``<script src>`` and ``<link>``: they open from disk, with no
    server and no network.
    """

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}
        self.recent: list[str] = []
        """The names registered since the caller last cleared it (a page's files)."""
        self._sent: set[str] = set()

    def add(self, stem: str, suffix: str, content: bytes) -> str:
        """Register a file; return its path relative to the maps folder."""
        name = f"{stem}.{hashlib.sha256(content).hexdigest()[:16]}.{suffix}"
        self.files.setdefault(name, content)
        self.recent.append(name)
        return f"{ASSETS_FOLDER}/{name}"

    def add_data(self, stem: str, key: str, json_text: str) -> str:
        """Register a script that files ``json_text`` (script-safe JSON) under ``key`` for
        :js:`corridorReadData`; return its path relative to the maps folder."""
        script = f"(window.corridorData=window.corridorData||{{}})[{to_script_json(key)}]="
        return self.add(stem, "js", f"{script}{json_text};\n".encode())

    def take_new(self) -> dict[str, bytes]:
        """The files registered since the last call (a worker sends each file once)."""
        new = {name: data for name, data in self.files.items() if name not in self._sent}
        self._sent.update(new)
        return new


def new_map(
    basemap: list[CheckedGeometry] | None,
    prefer_canvas: bool = False,
    shared: SharedAssets | None = None,
) -> tuple[CorridorMap, PageContent]:
    """A map with its base layers, on a page of its own; and the page's content.

    The map's script frames its own view from its data (``fitBounds``), so the map is
    made for the whole world. Of the two base layers, the offline one is shown, with
    ``basemap`` (the Natural Earth background) beneath; online tiles are an opt-in choice
    of the layer control, so opening a map asks nothing of any server.
    """
    fmap = CorridorMap(prefer_canvas=prefer_canvas)
    page = CorridorPage()
    page.add_child(fmap)
    content = page.content
    named(NamedPane("basemap", z_index=150, pointer_events=False), "basemap_pane").add_to(fmap)
    # A provider rather than a URL: folium would look the URL up among every provider's name.
    tiles = xyzservices.TileProvider(
        name="OpenStreetMap (online tiles)",
        url=TILE_URL,
        attribution="OpenStreetMap contributors",
        html_attribution=TILE_ATTRIBUTION,
        max_zoom=19,
    )
    add_layer(fmap, named(BaseLayer("Natural Earth (offline)"), "offline_base"))
    add_layer(fmap, named(NamedTileLayer(tiles, name=tiles.name, show=False), "online_tiles"))
    if basemap is not None:
        named(BasemapLayer(BASEMAP_DATA_ID, BASEMAP_STYLE), "basemap").add_to(fmap)
        add_json_data(
            content,
            BASEMAP_DATA_ID,
            feature_collection_json((None, g.json) for g in basemap),
            shared,
        )
    return fmap, content


def add_layer(fmap: CorridorMap, layer: Layer) -> None:
    """Add ``layer`` to the map, whose layer control lists it (see :class:`CorridorMap`)."""
    layer.add_to(fmap)


def add_page(
    fmap: CorridorMap,
    content: PageContent,
    title: str,
    shell: Markup,
    scripts: list[str],
    legend: list[tuple[str, str]],
    styles: tuple[str, ...] = (),
    shared: SharedAssets | None = None,
) -> None:
    """Legend, attributions and layer control; the title; scripts and styles; the panel.

    ``title`` is plain text; ``shell`` must be escaped already. ``scripts`` name files of
    ``static/`` run after Leaflet, ``styles`` style sheets of ``static/`` applied after
    ``corridor.css``. They are inlined, or linked from ``shared``'s files.
    """
    named(PageExtras(legend, ATTRIBUTIONS), "page_extras").add_to(fmap)
    named(LayerSwitcher(fmap.layers), "layer_control").add_to(fmap)
    content.title = title
    content.shell = shell
    css = [leaflet_css(), kind_css() + swatch_css(), static_text("corridor.css")]
    css_names = ["leaflet", "kinds", "corridor"]
    for name in styles:
        css.append(static_text(name))
        css_names.append(name.rsplit(".", 1)[0])
    js = [leaflet_js(), *(static_text(name) for name in scripts)]
    js_names = ["leaflet", *(name.rsplit(".", 1)[0] for name in scripts)]
    for name, text in zip(css_names, css, strict=True):
        if shared is None:
            content.styles.append(PageFile(text=Markup(text)))
        else:
            content.styles.append(PageFile(href=shared.add(name, "css", text.encode())))
    for name, text in zip(js_names, js, strict=True):
        if shared is None:
            content.scripts.append(PageFile(text=Markup(script_safe(text))))
        else:
            content.scripts.append(PageFile(href=shared.add(name, "js", text.encode())))


@cache
def static_text(name: str) -> str:
    """A file of the package's ``static/`` folder."""
    return resources.files("geo._rendering").joinpath("static", name).read_text(encoding="utf-8")


def add_json_data(
    content: PageContent, data_id: str, json_text: str, shared: SharedAssets | None = None
) -> None:
    """Put JSON into the page as a data element the page's scripts read by id
    (:js:`corridorReadData`), or, with ``shared``, as a file of ``assets/`` the page loads.

    ``json_text`` must be script-safe: written by :func:`geo._rendering.payload.to_script_json`
    or spliced from checked geometries (:func:`geo._rendering.payload.feature_collection_json`).
    """
    if shared is None:
        content.data.append(PageData(data_id, text=Markup(json_text)))
    else:
        path = shared.add_data(data_id.removeprefix("corridor-"), data_id, json_text)
        content.data.append(PageData(data_id, href=path))
