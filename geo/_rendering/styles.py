"""How claims and places are drawn, defined once for every map, the overview and the card.

Each kind of claim has a colour and a marker shape, told apart without colour.

The colours carry white numbers at a contrast of at least 4.5:1 and stay apart under the
common colour-vision deficiencies (``tests/test_kinds.py`` measures both); the shape is the
second cue, so no reader depends on colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class KindStyle:
    """The look of one kind of claim: fill colour, text colour and marker shape."""

    fill: str
    text: str
    shape: str


KIND_STYLES: dict[str, KindStyle] = {
    "event": KindStyle("#0a5fa8", "#ffffff", "circle"),
    "figure": KindStyle("#1b7a4b", "#ffffff", "square"),
    "statement": KindStyle("#a34f00", "#ffffff", "speech bubble"),
    "characterisation": KindStyle("#b0367a", "#ffffff", "diamond"),
    "position": KindStyle("#1d1d1f", "#ffffff", "flag"),
    "background": KindStyle("#ffffff", "#1d1d1f", "dashed circle"),
}
"""Every claim kind of :data:`geo._loading.schema.ClaimKind`, in the order legends list them."""


def kind_css() -> str:
    """Style rules giving each kind's marker, badge and swatch its colours."""
    rules = []
    for kind, style in KIND_STYLES.items():
        rules.append(f".kind-{kind}{{--kind-fill:{style.fill};--kind-text:{style.text}}}")
    return "".join(rules)


PLACE_STYLES: dict[str, dict[str, Any]] = {
    "country": {"color": "#4d4d4d", "weight": 1.2, "fillColor": "#ffffff", "fillOpacity": 0.0},
    "region": {"color": "#1f78b4", "weight": 1.5, "fillColor": "#1f78b4", "fillOpacity": 0.15},
    "region-context": {
        "color": "#6b7b8c",
        "weight": 1.2,
        "dashArray": "4 4",
        "fillColor": "#9aa8b6",
        "fillOpacity": 0.08,
    },
    "sea": {"color": "#5aa0c8", "weight": 0.6, "fillColor": "#a6cee3", "fillOpacity": 0.25},
    "disputed-area": {
        "color": "#b15928",
        "weight": 1.5,
        "dashArray": "5 3",
        "fillPattern": "hatch",
        "fillOpacity": 1,
    },
    "disputed-outline": {"color": "#7f2704", "weight": 3, "fill": False},
    "claim-line": {"color": "#6a3d9a", "weight": 2, "dashArray": "6 4"},
    "route": {"color": "#e31a1c", "weight": 5, "opacity": 0.9},
    "route-context": {"color": "#e31a1c", "weight": 3, "dashArray": "8 6", "opacity": 0.8},
}
"""Leaflet path options of each way a place is drawn: its kind, a context region or
route (``-context``), or a disputed area made of parts (``disputed-outline``)."""


_ROUTE = PLACE_STYLES["route"]["color"]
_DISPUTED = PLACE_STYLES["disputed-area"]["color"]
CONTEXT_STYLES: dict[str, dict[str, Any]] = {
    "route": {"color": _ROUTE, "weight": 3, "opacity": 0.9, "fill": False},
    "disputed-area": {
        "color": _DISPUTED,
        "weight": 1.5,
        "dashArray": "5 3",
        "fillColor": _DISPUTED,
        "fillOpacity": 0.08,
    },
    "disputed-outline": {"color": _DISPUTED, "weight": 1.5, "dashArray": "5 3", "fill": False},
}
"""Leaflet path options of the shapes the overview draws beneath its circles (a disputed
area made of parts is drawn as an outline, its parts filled)."""


SEA_COLOUR = "#c9dcea"
"""The sea, and whatever the offline background does not cover."""


SWATCHES: dict[str, str] = {
    "swatch-route": "route",
    "swatch-route-context": "route-context",
    "swatch-region": "region",
    "swatch-region-context": "region-context",
    "swatch-sea": "sea",
    "swatch-disputed": "disputed-area",
    "swatch-claim-line": "claim-line",
}
"""The legend's swatch of each way a place is drawn: CSS class → key of PLACE_STYLES."""


def rgba(colour: str, alpha: float) -> str:
    """A ``#rrggbb`` colour with an opacity, as CSS writes it."""
    red, green, blue = (int(colour[index : index + 2], 16) for index in (1, 3, 5))
    return f"rgba({red}, {green}, {blue}, {alpha:g})"


def swatch_css() -> str:
    """Style rules drawing each legend swatch as its places are drawn on the map, and the
    sea beneath the map."""
    rules = [f".leaflet-container{{background:{SEA_COLOUR}}}"]
    for swatch, key in SWATCHES.items():
        style = PLACE_STYLES[key]
        colour, weight = style["color"], style["weight"]
        line = "dashed" if "dashArray" in style else "solid"
        if key in ("route", "route-context", "claim-line"):
            rules.append(f".{swatch}{{border-top:{weight:g}px {line} {colour};height:0}}")
        elif style.get("fillPattern") == "hatch":
            stripes = f"{colour} 0,{colour} 2px,{rgba(colour, 0.12)} 2px,{rgba(colour, 0.12)} 6px"
            rules.append(
                f".{swatch}{{background:repeating-linear-gradient(45deg,{stripes});"
                f"border:{weight:g}px {line} {colour}}}"
            )
        else:
            fill = rgba(style["fillColor"], min(1.0, style["fillOpacity"] + 0.05))
            rules.append(f".{swatch}{{background:{fill};border:{weight:g}px {line} {colour}}}")
    disputed = CONTEXT_STYLES["disputed-area"]
    rules.append(
        f".overview-swatch-disputed{{background:{rgba(disputed['fillColor'], 0.08)};"
        f"border:{disputed['weight']:g}px dashed {disputed['color']}}}"
    )
    return "".join(rules)
