"""The page every map shares: folium's map with nothing from a CDN, its base layers, its
controls, and the scripts inlined, rendered to deterministic HTML.

:mod:`geo._rendering.render` (an article's map) and :mod:`geo._rendering.overview` (every
article's claims) add their own layers and data between :func:`new_map` and :func:`render_page`.
"""

from __future__ import annotations

import hashlib
import html
import itertools
import re
from functools import cache
from importlib import resources

import folium
import xyzservices
from branca.element import Element, Figure

from geo._checks.geometry import CheckedGeometry
from geo._rendering.assets import leaflet_css, leaflet_js, script_safe
from geo._rendering.kinds import kind_css
from geo._rendering.map_elements import BasemapLayer, LayerSwitcher, PageExtras, RawHtml
from geo._rendering.payload import feature_collection_json, to_script_json

BASEMAP_DATA_ID = "corridor-basemap"
BASEMAP_STYLE = {"color": "#ffffff", "weight": 0.8, "fillColor": "#e8e4d8", "fillOpacity": 1}
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
) -> tuple[folium.Map, Figure]:
    """A map with its base layers, and its page.

    The map's script frames its own view from its data (``fitBounds``), so the map is
    made for the whole world. Of the two base layers, the offline one is shown, with
    ``basemap`` (the Natural Earth background) beneath; online tiles are an opt-in choice
    of the layer control. folium's default
    scripts and styles, which it links from CDNs, are dropped: :func:`add_page` inlines
    what the page needs, or links it from ``shared``'s files in the shared layout.
    """
    fmap = folium.Map(
        location=[0, 0],
        zoom_start=2,
        tiles=None,
        control_scale=True,
        zoom_control=True,
        prefer_canvas=prefer_canvas,
        # A closing popup would linger while it fades, beside the one that replaces it.
        fade_animation=False,
    )
    fmap.default_js = []
    fmap.default_css = []
    figure = fmap.get_root()
    assert isinstance(figure, Figure)
    folium.map.CustomPane("basemap", z_index=150, pointer_events=False).add_to(fmap)
    # A provider rather than a URL: folium would look the URL up among every provider's name.
    tiles = xyzservices.TileProvider(
        name="OpenStreetMap (online tiles)",
        url=TILE_URL,
        attribution="OpenStreetMap contributors",
        html_attribution=TILE_ATTRIBUTION,
        max_zoom=19,
    )
    # The offline background is the one base layer shown; the tiles are an opt-in choice
    # of the layer control, so opening a map asks nothing of any server.
    folium.FeatureGroup(name="Natural Earth (offline)", overlay=False).add_to(fmap)
    folium.TileLayer(tiles, name=tiles.name, show=False).add_to(fmap)
    if basemap is not None:
        BasemapLayer(BASEMAP_DATA_ID, BASEMAP_STYLE).add_to(fmap)
        add_json_data(
            figure,
            BASEMAP_DATA_ID,
            feature_collection_json((None, g.json) for g in basemap),
            shared,
        )
    return fmap, figure


def add_page(
    fmap: folium.Map,
    figure: Figure,
    title: str,
    shell: str,
    scripts: list[str],
    legend: list[tuple[str, str]],
    styles: tuple[str, ...] = (),
    shared: SharedAssets | None = None,
) -> None:
    """Legend, attributions and layer control; the title; assets; the page's HTML.

    ``title`` and ``shell`` must be escaped already; ``scripts`` name files of ``static/``
    run after Leaflet, ``styles`` style sheets of ``static/`` applied after ``corridor.css``.
    They are inlined, or linked from ``shared``'s files.
    """
    PageExtras(legend, [html.escape(a) for a in ATTRIBUTIONS]).add_to(fmap)
    LayerSwitcher(collapsed=True, position="topright").add_to(fmap)
    figure.title = title
    add_page_assets(
        figure,
        css=[
            leaflet_css(),
            kind_css(),
            static_text("corridor.css"),
            *(static_text(name) for name in styles),
        ],
        scripts=[leaflet_js(), *(static_text(name) for name in scripts)],
        names=(["leaflet", "kinds", "corridor", *_stems(styles)], ["leaflet", *_stems(scripts)]),
        shared=shared,
    )
    figure.html.add_child(RawHtml(shell), name="shell")


def render_page(fmap: folium.Map, figure: Figure) -> str:
    """The whole document, with element names numbered so the same data gives the same bytes."""
    stabilise_names(fmap)
    return finish_document(str(figure.render()))


def stabilise_names(fmap: folium.Map) -> None:
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


@cache
def static_text(name: str) -> str:
    """A file of the package's ``static/`` folder."""
    return resources.files("geo._rendering").joinpath("static", name).read_text(encoding="utf-8")


def _stems(names: tuple[str, ...] | list[str]) -> list[str]:
    return [name.rsplit(".", 1)[0] for name in names]


def add_page_assets(
    figure: Figure,
    css: list[str],
    scripts: list[str],
    names: tuple[list[str], list[str]] = ([], []),
    shared: SharedAssets | None = None,
) -> None:
    """Put style sheets and scripts into the page's head, in order: inlined, or (with
    ``shared``) as files of ``assets/`` named after ``names`` (the stems of the style
    sheets', then the scripts' files)."""
    css_names, script_names = names
    for index, text in enumerate(css):
        if shared is None:
            markup = f"<style>{text}</style>"
        else:
            path = shared.add(css_names[index], "css", text.encode())
            markup = f'<link rel="stylesheet" href="{html.escape(path)}">'
        figure.header.add_child(RawHtml(markup), name=f"corridor_css_{index}")
    for index, text in enumerate(scripts):
        if shared is None:
            markup = f"<script>{script_safe(text)}</script>"
        else:
            path = shared.add(script_names[index], "js", text.encode())
            markup = f'<script src="{html.escape(path)}"></script>'
        figure.header.add_child(RawHtml(markup), name=f"corridor_js_{index}")


def add_json_data(
    figure: Figure, data_id: str, json_text: str, shared: SharedAssets | None = None
) -> None:
    """Put JSON into the page's body as a data element the page's scripts read by id
    (:js:`corridorReadData`), or, with ``shared``, as a file of ``assets/`` the page loads.

    ``json_text`` must be script-safe: written by :func:`geo._rendering.payload.to_script_json` or
    spliced from checked geometries (:func:`geo._rendering.payload.feature_collection_json`).
    """
    if shared is None:
        element = f'<script type="application/json" id="{data_id}">{json_text}</script>'
    else:
        path = shared.add_data(data_id.removeprefix("corridor-"), data_id, json_text)
        element = f'<script src="{html.escape(path)}"></script>'
    figure.html.add_child(RawHtml(element), name=f"data_{data_id}")


_VIEWPORT = re.compile(r'<meta name="viewport" content="[^"]*"\s*/>')
_MAP_DIV = re.compile(r'<div class="folium-map" id="(map_\d+)" ></div>')
MAP_LABEL = "Map. Arrow keys pan it; plus and minus zoom."
MAP_SIGNATURE = b'<meta name="generator" content="corridor-map">'
"""In the head of every page this tool writes, so a build knows its own maps."""


def finish_document(document: str) -> str:
    """Tidy folium's page for readers and validators.

    folium writes ``<html>`` with no language, a viewport that forbids zooming with two
    fingers, a map with no landmark or name for screen readers, and its map script after
    ``</body>``, which browsers repair but validators report.
    """
    document = document.replace("<html>", '<html lang="en">', 1)
    document = document.replace("<head>", "<head>\n" + MAP_SIGNATURE.decode("ascii"), 1)
    document = _VIEWPORT.sub(
        '<meta name="viewport" content="width=device-width, initial-scale=1.0" />', document, 1
    )
    document = _MAP_DIV.sub(
        rf'<main class="folium-map" id="\1" aria-label="{MAP_LABEL}"></main>', document, 1
    )
    head, body_end, tail = document.rpartition("</body>")
    if body_end and tail.rstrip().endswith("</html>"):
        script = tail.rstrip().removesuffix("</html>")
        document = f"{head}{script.rstrip()}\n</body>\n</html>"
    return document.rstrip() + "\n"
