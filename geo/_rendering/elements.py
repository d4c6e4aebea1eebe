"""The folium elements a page is made of.

Each is a folium or branca element used as folium means elements to be extended: a
``MacroElement`` whose Jinja ``_template`` writes its script (folium renders it into the
page's script), or a folium class itself. Every script passes its data as JSON written
by :func:`macro_json` to a function of ``static/corridor.js``; none writes text into
JavaScript or HTML unescaped.

folium names every element ``<kind>_<random hex>``. Here the page names each element
(:class:`Named`), so that the same data gives the same bytes.
"""

from __future__ import annotations

import re
from typing import Any

import folium
from branca.element import MacroElement
from folium.map import CustomPane, Layer
from jinja2 import Template

from geo._rendering.payload import to_script_json

MAP_LABEL = "Map. Arrow keys pan it; plus and minus zoom."


def macro_json(data: Any) -> str:
    """JSON for a macro's output: script-safe (:func:`to_script_json`), and inert as Jinja.

    branca compiles a macro's output as a template once more before it reaches the page,
    so text holding ``{{``, ``{%`` or ``{#`` (possible only inside a JSON string) would be
    run. Such a brace is written as its escape ``\\u007b``, which JSON reads the same.
    """
    return _JINJA_OPENER.sub(r"\\u007b", to_script_json(data))


_JINJA_OPENER = re.compile(r"\{(?=[{%#])")
"""A brace that opens a Jinja tag with the character after it (every one of a run)."""


class Named:
    """An element named by its page rather than at random (mixed into folium's classes)."""

    page_name = ""

    def get_name(self) -> str:
        """The JavaScript name of the element: the page's, else folium's."""
        return self.page_name or super().get_name()  # type: ignore[misc]


def named(element: Any, name: str) -> Any:
    """Give ``element`` (a :class:`Named` element) its JavaScript name; return it."""
    element.page_name = name
    return element


class CorridorMap(Named, folium.Map):
    """folium's map, drawn into a ``<main>`` landmark with a name for screen readers, in a
    page that lets readers zoom it with two fingers.

    Its template is this tool's: folium's asks for a viewport that forbids zooming
    (``user-scalable=no``) and writes a ``<div>`` that screen readers cannot find.
    Scripts and styles come from the page (:class:`geo._rendering.page.CorridorPage`),
    never from a CDN. Every layer added to it is listed by its layer control, which stays
    its last element (a ``folium.LayerControl`` added to it sets that control's options).
    An element of folium's own added to it (a marker in a notebook) brings the scripts and
    styles folium links from CDNs, but Leaflet, which the page has.
    """

    _template = Template(
        """
{% macro header(this, kwargs) %}
<style>
#{{ this.get_name() }} {position: relative; width: 100%; height: 100%; left: 0; top: 0;}
</style>
{% endmacro %}

{% macro html(this, kwargs) %}
<main class="folium-map" id="{{ this.get_name() }}" aria-label="{{ this.label }}"></main>
{% endmacro %}

{% macro script(this, kwargs) %}
var {{ this.get_name() }} = L.map({{ this.get_name()|tojson }}, {{ this.map_options }});
L.control.scale().addTo({{ this.get_name() }});
{% if this.default_js %}L.Icon.Default.imagePath = {{ this.icon_folder()|tojson }};{% endif %}
{% endmacro %}
"""
    )

    def __init__(self, prefer_canvas: bool = False) -> None:
        super().__init__(location=[0, 0], zoom_start=2, tiles=None, prefer_canvas=prefer_canvas)
        named(self, "corridor_map")
        self.default_js: list[tuple[str, str]] = []  # the page inlines Leaflet; no CDN
        self.default_css: list[tuple[str, str]] = []
        self.label = MAP_LABEL
        self.layers: list[Layer] = []
        """The layers the layer control lists, in the order they were added."""
        self.switcher: LayerSwitcher | None = None
        # A closing popup would linger while it fades, beside the one that replaces it.
        options = {"center": [0, 0], "zoom": 2, "fadeAnimation": False}
        self.map_options = macro_json(options | {"preferCanvas": prefer_canvas})

    def icon_folder(self) -> str:
        """Where Leaflet's default marker images are, beside the Leaflet folium links."""
        css = dict(folium.Map.default_css)["leaflet_css"]
        return css.rsplit("/", 1)[0] + "/images/"

    def add_child(self, child: Any, name: str | None = None, index: int | None = None) -> Any:
        """Add an element; a layer goes into the layer control, which stays last."""
        if isinstance(child, folium.LayerControl) and self.switcher is not None:
            # The map has its layer control: a second would list the same layers.
            self.switcher.options_json = macro_json(
                {
                    "position": child.options.get("position", "topright"),
                    "collapsed": child.options.get("collapsed", True),
                    "autoZIndex": True,
                }
            )
            return self
        super().add_child(child, name=name, index=index)
        if isinstance(child, LayerSwitcher):
            self.switcher = child
            return self
        if isinstance(child, Layer):
            self.layers.append(child)
        if not isinstance(child, Named):
            self.default_js = [(n, url) for n, url in folium.Map.default_js if n != "leaflet"]
            self.default_css = [(n, url) for n, url in folium.Map.default_css if n != "leaflet_css"]
        if self.switcher is not None:
            # An index past the end moves the control behind what was just added.
            super().add_child(self.switcher, name=self.switcher.get_name(), index=1 << 30)
        return self


class NamedPane(Named, CustomPane):
    """folium's map pane, named by the page."""


class ShownLayer(Named, Layer):
    """A layer of the page whose template adds it to the map when it is shown.

    folium's ``Layer.render`` adds a helper element, named at random, for that; rendered
    again, the page would hold the call twice. Here the template makes the call, so a page
    renders to the same bytes however often.
    """

    def render(self, **kwargs: Any) -> Any:
        return MacroElement.render(self, **kwargs)  # type: ignore[no-untyped-call]


class BaseLayer(ShownLayer):
    """An empty base layer of the layer control (the offline background's entry)."""

    _template = Template(
        """
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = L.featureGroup();
{% if this.show %}{{ this.get_name() }}.addTo({{ this._parent.get_name() }});{% endif %}
{% endmacro %}
"""
    )

    def __init__(self, name: str) -> None:
        super().__init__(name=name, overlay=False, control=True, show=True)


class NamedTileLayer(Named, folium.TileLayer):
    """folium's tile layer, named by the page."""


class ScriptLayer(ShownLayer):
    """A layer filled by one of the page's functions from a JSON data element.

    ``corridorClaims`` draws an article's claims (markers, popups, panel);
    ``corridorOverview`` draws every claim of an archive on a canvas.
    """

    _template = Template(
        """
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = L.featureGroup();
{{ this.function }}({{ this._parent.get_name() }}, {{ this.get_name() }}, {{ this.data_json }});
{% if this.show %}{{ this.get_name() }}.addTo({{ this._parent.get_name() }});{% endif %}
{% endmacro %}
"""
    )

    def __init__(self, name: str, function: str, data_id: str) -> None:
        if function not in SCRIPT_FUNCTIONS:
            raise ValueError(f"unknown page function {function!r}")
        super().__init__(name=name, overlay=True, control=True, show=True)
        self.function = function
        self.data_json = macro_json(data_id)


SCRIPT_FUNCTIONS = frozenset({"corridorClaims", "corridorOverview"})


class PlaceGroup(ShownLayer):
    """One entry of the layer control: a group of places drawn from a JSON data element.

    The element holds every group's shapes, keyed by group; ``corridorPlaceGroup`` draws
    this group's part into the layer. The geometry goes in the page as JSON rather than
    through folium's GeoJson, whose script branca would compile as a Jinja template:
    hundreds of kilobytes of coordinates, for nothing.
    """

    _template = Template(
        """
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = L.featureGroup();
corridorPlaceGroup({{ this.get_name() }}, {{ this.data_json }}, {{ this.key_json }});
{% if this.show %}{{ this.get_name() }}.addTo({{ this._parent.get_name() }});{% endif %}
{% endmacro %}
"""
    )

    def __init__(self, name: str, data_id: str, key: str, show: bool) -> None:
        super().__init__(name=name, overlay=True, control=True, show=show)
        self.data_json = macro_json(data_id)
        self.key_json = macro_json(key)


class BasemapLayer(Named, MacroElement):
    """The offline background, drawn from a JSON data element beneath the tiles."""

    _template = Template(
        """
{% macro script(this, kwargs) %}
corridorBasemap({{ this._parent.get_name() }}, {{ this.data_json }}, {{ this.style_json }});
{% endmacro %}
"""
    )

    def __init__(self, data_id: str, style: dict[str, Any]) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self.data_json = macro_json(data_id)
        self.style_json = macro_json(style)


class PageExtras(Named, MacroElement):
    """Legend control and attributions of the data sources."""

    _template = Template(
        """
{% macro script(this, kwargs) %}
corridorExtras({{ this._parent.get_name() }}, {{ this.legend_json }}, {{ this.credits_json }});
{% endmacro %}
"""
    )

    def __init__(self, legend: list[tuple[str, str]], attributions: list[str]) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self.legend_json = macro_json([list(entry) for entry in legend])
        self.credits_json = macro_json(attributions)


class LayerSwitcher(Named, MacroElement):
    """Leaflet's layer control over the map's layers (:attr:`CorridorMap.layers`, as they
    are when it is rendered), as ``folium.LayerControl`` draws it, with the layers' names
    (which hold places' names) written as JSON."""

    _template = Template(
        """
{% macro mapping(pairs) -%}
{{ '{' }}
{%- for name, layer in pairs -%}
{{ name }}: {{ layer.get_name() }}{{ ', ' if not loop.last }}
{%- endfor -%}
{{ '}' }}
{%- endmacro %}

{% macro script(this, kwargs) %}
L.control.layers(
{{ mapping(this.entries(False)) }},
{{ mapping(this.entries(True)) }},
{{ this.options_json }}
).addTo({{ this._parent.get_name() }});
{% endmacro %}
"""
    )

    def __init__(self, layers: list[Layer], position: str = "topright") -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self.layers = layers
        options = {"position": position, "collapsed": True, "autoZIndex": True}
        self.options_json = macro_json(options)

    def entries(self, overlay: bool) -> list[tuple[str, Layer]]:
        """The base layers (or the overlays) the control lists: name as JSON, layer."""
        return [
            (macro_json(layer.layer_name), layer)
            for layer in self.layers
            if layer.control and bool(layer.overlay) == overlay
        ]
