"""folium elements the maps need that folium itself does not provide.

Each passes its data as JSON (see :func:`geo._rendering.payload.to_script_json`) to the functions of
``static/corridor.js``; none splices text into JavaScript or HTML unescaped.
"""

from __future__ import annotations

from typing import Any

from branca.element import Element, Figure, MacroElement
from folium.map import Layer

from geo._rendering.payload import to_script_json


class RawHtml(Element):
    """Markup put into the page as it is, without going through Jinja.

    branca's ``Element(text)`` compiles ``text`` as a template: slow for Leaflet's 150 kB,
    and wrong for any text holding ``{{``. Only trusted markup (escaped by its maker) goes
    here.
    """

    def __init__(self, markup: str) -> None:
        super().__init__()
        self.markup = markup

    def render(self, **kwargs: Any) -> str:
        return self.markup


class PageCall(MacroElement):
    """An element whose script is one call of a function of ``static/corridor.js``.

    The call is written here, its arguments as JSON (:func:`geo._rendering.payload.to_script_json`),
    and goes into the page as it is. A template would gain nothing: branca compiles a
    template's output as a template once more (slow, and wrong for text holding ``{{``).
    """

    def script(self) -> str:
        """The element's JavaScript."""
        raise NotImplementedError

    def parent_name(self) -> str:
        """The JavaScript name of the map or layer the element was added to."""
        assert self._parent is not None, "the element must be added to a map"
        return self._parent.get_name()

    def render(self, **kwargs: Any) -> str:
        """Put the script into the page's; the element has no markup of its own."""
        figure = self.get_root()
        assert isinstance(figure, Figure), "the element must be in a folium map"
        figure.script.add_child(RawHtml(self.script()), name=self.get_name())
        return ""


def js_call(function: str, *arguments: str) -> str:
    """A statement calling ``function`` with arguments already written as JavaScript."""
    return f"{function}({', '.join(arguments)});\n"


class ScriptLayer(PageCall, Layer):
    """A layer filled by one of the page's functions from a JSON data element.

    ``corridorClaims`` draws an article's claims (markers, popups, panel);
    ``corridorOverview`` draws every claim of an archive on a canvas.
    """

    def __init__(self, name: str, function: str, data_id: str) -> None:
        if function not in SCRIPT_FUNCTIONS:
            raise ValueError(f"unknown page function {function!r}")
        super().__init__(name=name, overlay=True, control=True, show=True)
        self._name = "ScriptLayer"
        self.function = function
        self.data_id = data_id

    def script(self) -> str:
        layer, parent = self.get_name(), self.parent_name()
        return (
            f"var {layer} = L.featureGroup();\n"
            + js_call(self.function, parent, layer, to_script_json(self.data_id))
            + js_call(f"{layer}.addTo", parent)
        )


SCRIPT_FUNCTIONS = frozenset({"corridorClaims", "corridorOverview"})


class PlaceGroup(PageCall, Layer):
    """One entry of the layer control: a group of places drawn from a JSON data element.

    The element holds every group's shapes, keyed by group; ``corridorPlaceGroup`` draws
    this group's part into the layer. The geometry goes in the page as JSON rather than
    through folium's GeoJson, whose script branca would compile as a Jinja template:
    hundreds of kilobytes of coordinates, for nothing.
    """

    def __init__(self, name: str, data_id: str, key: str, show: bool) -> None:
        super().__init__(name=name, overlay=True, control=True, show=show)
        self._name = "PlaceGroup"
        self.data_id = data_id
        self.key = key

    def script(self) -> str:
        layer = self.get_name()
        arguments = (to_script_json(self.data_id), to_script_json(self.key))
        script = f"var {layer} = L.featureGroup();\n" + js_call(
            "corridorPlaceGroup", layer, *arguments
        )
        if self.show:
            script += js_call(f"{layer}.addTo", self.parent_name())
        return script


class BasemapLayer(PageCall):
    """The offline background, drawn from a JSON data element beneath the tiles."""

    def __init__(self, data_id: str, style: dict[str, Any]) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "BasemapLayer"
        self.data_id = data_id
        self.style = style

    def script(self) -> str:
        return js_call(
            "corridorBasemap",
            self.parent_name(),
            to_script_json(self.data_id),
            to_script_json(self.style),
        )


class PageExtras(PageCall):
    """Legend control and attributions of the data sources."""

    def __init__(self, legend: list[tuple[str, str]], attributions: list[str]) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "PageExtras"
        self.legend = [list(entry) for entry in legend]
        self.attributions = attributions

    def script(self) -> str:
        return js_call(
            "corridorExtras",
            self.parent_name(),
            to_script_json(self.legend),
            to_script_json(self.attributions),
        )


class LayerSwitcher(PageCall):
    """Leaflet's layer control over the map's layers, as ``folium.LayerControl`` draws it.

    folium's control writes the layers' names (which hold places' names) into its
    template's output, and branca compiles that output as a Jinja template once more: a
    name holding ``{{`` would be run by Jinja at build time. Here the names go in as JSON.
    Add it last, after every layer.
    """

    def __init__(self, position: str = "topright", collapsed: bool = True) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "LayerControl"
        self.options = {"position": position, "collapsed": collapsed, "autoZIndex": True}

    def script(self) -> str:
        assert self._parent is not None, "the element must be added to a map"
        groups: dict[bool, list[str]] = {False: [], True: []}
        for item in self._parent._children.values():
            if isinstance(item, Layer) and item.control:
                groups[bool(item.overlay)].append(
                    f"{to_script_json(item.layer_name)}: {item.get_name()}"
                )
        base, overlays = ("{" + ", ".join(groups[key]) + "}" for key in (False, True))
        return js_call(
            f"L.control.layers({base}, {overlays}, {to_script_json(self.options)}).addTo",
            self.parent_name(),
        )
