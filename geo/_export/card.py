"""A static map of one article for print and social media: a 1200×675 card (PNG at 2×, SVG).

Drawn with geopandas and matplotlib from what the article's interactive map draws
(:func:`geo._rendering.render.drawn_places`), in the same colours
(:mod:`geo._rendering.styles`): the basemap, the article's places (disputed areas
hatched), a numbered marker for every claim at its place's point, a legend, the first
claims, and the attribution. The same data gives the same bytes.
"""

from __future__ import annotations

import math
import textwrap
import warnings
from dataclasses import dataclass
from io import BytesIO
from typing import TYPE_CHECKING, Any

import shapely

from geo._rendering.page import ATTRIBUTIONS, BASEMAP_STYLE
from geo._rendering.payload import anchor_of, byline
from geo._rendering.render import (
    DrawnPlace,
    article_bounds,
    drawn_places,
    legend_entries,
    place_style,
)
from geo._rendering.styles import KIND_STYLES, PLACE_STYLES, SEA_COLOUR, SWATCHES
from geo.errors import CorridorMapError
from geo.model import Article, Dataset

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

CARD_SIZE = (1200, 675)
"""The card's size in CSS pixels; the PNG has twice as many in each direction."""
PNG_SCALE = 2
ATTRIBUTION = "Map data: " + ", ".join(ATTRIBUTIONS) + " · corridor-map"
CARD_MAX_CLAIMS = 150
"""The most claims a card numbers, each clear of the others (more: export a GIS file)."""
MARKER_RADIUS = 11.0
"""A round claim marker's radius, in card pixels (at 1×)."""
_REACH = {"square": 1.18, "diamond": 1.25, "speech bubble": 1.3, "flag": 1.3}
"""How much farther than a circle each shape reaches, at the same visual weight."""
MARKER_REACH = MARKER_RADIUS * max(_REACH.values())
"""The farthest any claim marker reaches from its centre: markers are placed twice this
apart, so none covers another."""
MARKER_STROKE = 0.8
"""Half the width of a marker's outline, in card pixels."""

_MAP_BOX = (0.015, 0.03, 0.62, 0.94)
"""The map's part of the card: left, bottom, width, height (fractions of the card)."""


def _marker(shape: str) -> Any:
    """The matplotlib marker of a shape of :data:`KIND_STYLES`, told apart without colour as
    the map's are: a speech bubble is a circle with a tail, a flag a banner on a pole."""
    from matplotlib.path import Path as MplPath

    if shape == "square":
        return "s"
    if shape == "diamond":
        return "D"
    if shape == "speech bubble":
        tail = MplPath([(-0.75, -0.45), (-1.0, -1.1), (-0.15, -0.85), (-0.75, -0.45)])
        return MplPath.make_compound_path(MplPath.unit_circle(), tail)
    if shape == "flag":
        banner = [(-0.95, -1.0), (-0.95, 0.9), (0.95, 0.9), (0.55, 0.25), (0.95, -0.4)]
        return MplPath([*banner, (-0.7, -0.4), (-0.7, -1.0), (-0.95, -1.0)])
    return "o"  # circle, and the dashed circle (its outline dashed)


@dataclass(frozen=True)
class PlacedClaim:
    """Where a claim's numbered marker goes on the card (card pixels from the bottom left)
    and the point it stands for."""

    number: int
    kind: str
    x: float
    y: float
    anchor_x: float
    anchor_y: float


def _view(bounds: list[list[float]], width: float, height: float) -> tuple[float, ...]:
    """Longitude and latitude limits holding ``bounds`` with a margin, shaped like the map
    box (``width`` × ``height`` pixels), with east-west distances shrunk by the cosine of
    the middle latitude so that shapes keep their proportions."""
    (south, west), (north, east) = bounds
    middle = (south + north) / 2
    stretch = 1 / max(math.cos(math.radians(middle)), 0.2)
    span_x = max(east - west, 0.5) * 1.25
    span_y = max(north - south, 0.5) * 1.25
    # Degrees of latitude per pixel, whichever way the box is the tighter fit.
    per_pixel = max(span_y / height, span_x / stretch / width)
    half_y = per_pixel * height / 2
    half_x = per_pixel * width * stretch / 2
    cx, cy = (west + east) / 2, middle
    return cx - half_x, cx + half_x, max(cy - half_y, -89.9), min(cy + half_y, 89.9)


def _within(
    view: tuple[float, ...], bounds: tuple[float, ...], keep: list[list[float]]
) -> tuple[float, ...]:
    """``view`` moved (not resized) toward lying within ``bounds`` (west, south, east,
    north), so the card shows no edge of the background map, but never so far that it
    loses any of ``keep`` (``[[south, west], [north, east]]``, what the card frames)."""
    x0, x1, y0, y1 = view
    west, south, east, north = bounds
    (keep_south, keep_west), (keep_north, keep_east) = keep
    dx = _shift(x0, x1, west, east, keep_west, keep_east)
    dy = _shift(y0, y1, south, north, keep_south, keep_north)
    return x0 + dx, x1 + dx, y0 + dy, y1 + dy


def _shift(
    low: float, high: float, least: float, most: float, keep_low: float, keep_high: float
) -> float:
    wanted = 0.0
    if high - low <= most - least:
        wanted = least - low if low < least else most - high if high > most else 0.0
    return min(max(wanted, keep_high - high), keep_low - low)


def _number_size(number: int, shape: str) -> float:
    """The font size of a claim's number, so that it fits inside its marker."""
    size = 8.5 if number < 10 else 8.0 if number < 100 else 6.5
    return size if shape in ("circle", "dashed circle", "diamond") else size - 1


def _marker_size(shape: str, radius: float) -> float:
    """The scatter size (points²) at which a marker of ``shape`` looks as large as a circle
    of ``radius`` card pixels: it reaches that far, or as far again as :data:`_REACH` says,
    its outline included."""
    from matplotlib.markers import MarkerStyle

    style = MarkerStyle(_marker(shape))
    path = style.get_path().transformed(style.get_transform())
    vertices: Any = path.vertices
    reach = float(max(math.hypot(float(x), float(y)) for x, y in vertices))
    points = (radius * _REACH.get(shape, 1.0) - MARKER_STROKE) * 72 / 100
    return float((points / reach) ** 2)


def place_claims(
    dataset: Dataset, article: Article, view: tuple[float, ...], box: tuple[float, ...]
) -> list[PlacedClaim]:
    """Where each claim's marker goes: at its place's point, or when several claims
    share it, around the point, each clear of every marker placed before it.

    ``box`` is the map's left, bottom, width and height in card pixels.
    """
    x0, x1, y0, y1 = view
    left, bottom, width, height = box

    def to_card(lat: float, lng: float) -> tuple[float, float]:
        return (
            left + (lng - x0) / (x1 - x0) * width,
            bottom + (lat - y0) / (y1 - y0) * height,
        )

    by_anchor: dict[tuple[float, float], list[tuple[int, str]]] = {}
    for number, claim in enumerate(article.claims, start=1):
        anchor = anchor_of(dataset.places[claim.places[0]].geometry)
        by_anchor.setdefault(anchor, []).append((number, claim.kind))
    placed: list[PlacedClaim] = []
    gap = 2 * MARKER_REACH + 1
    order = sorted(by_anchor.items(), key=lambda item: (-len(item[1]), item[0]))
    for (lat, lng), claims in order:
        ax, ay = to_card(lat, lng)
        candidates = _spiral(ax, ay, gap, alone=len(claims) == 1)
        for number, kind in claims:
            for cx, cy in candidates:
                inside = (
                    left + MARKER_REACH <= cx <= left + width - MARKER_REACH
                    and bottom + MARKER_REACH <= cy <= bottom + height - MARKER_REACH
                )
                clear = all(math.hypot(cx - p.x, cy - p.y) >= gap for p in placed)
                if inside and clear:
                    placed.append(PlacedClaim(number, kind, cx, cy, ax, ay))
                    break
            else:
                raise CorridorMapError(
                    f"{article.id}: claim {number}: no room on the card for its marker"
                )
    return sorted(placed, key=lambda p: p.number)


def _spiral(x: float, y: float, gap: float, alone: bool) -> list[tuple[float, float]]:
    """Candidate centres around (x, y): the point itself for a lone claim, then rings of
    markers a gap apart, nearest first."""
    points = [(x, y)] if alone else []
    for ring in range(1, 40):
        radius = gap * (ring if alone else ring - 0.4)
        count = max(6, int(2 * math.pi * radius / gap))
        for step in range(count):
            angle = math.pi / 2 - 2 * math.pi * step / count
            points.append((x + radius * math.cos(angle), y + radius * math.sin(angle)))
    return points


def card_figure(dataset: Dataset, article: Article) -> tuple[Figure, list[PlacedClaim]]:
    """The card of ``article`` as a matplotlib figure, and where its claims' markers are."""
    import geopandas
    from matplotlib.figure import Figure as MplFigure

    if len(article.claims) > CARD_MAX_CLAIMS:
        raise CorridorMapError(
            f"{article.id}: a card numbers at most {CARD_MAX_CLAIMS} claims and the article "
            f"has {len(article.claims)}: export them as geojson, csv or gpkg"
        )

    width, height = CARD_SIZE
    figure = MplFigure(figsize=(width / 100, height / 100), dpi=100, facecolor="white")
    map_box = (
        _MAP_BOX[0] * width,
        _MAP_BOX[1] * height,
        _MAP_BOX[2] * width,
        _MAP_BOX[3] * height,
    )
    ax = figure.add_axes(_MAP_BOX)
    bounds = article_bounds(dataset, article)
    view = _view(bounds, map_box[2], map_box[3])
    if dataset.basemap:
        land = shapely.union_all([g.shape for g in dataset.basemap]).bounds
        # What it frames, with room for a marker and a name at its edges.
        pad_x, pad_y = (view[1] - view[0]) * 0.06, (view[3] - view[2]) * 0.06
        (south, west), (north, east) = bounds
        keep = [[south - pad_y, west - pad_x], [north + pad_y, east + pad_x]]
        view = _within(view, land, keep)
    ax.set_facecolor(SEA_COLOUR)
    drawn = drawn_places(dataset, article)
    if dataset.basemap:
        basemap = geopandas.GeoSeries([g.shape for g in dataset.basemap], crs="EPSG:4326")
        basemap.plot(
            ax=ax,
            color=BASEMAP_STYLE["fillColor"],
            edgecolor=BASEMAP_STYLE["color"],
            linewidth=0.6,
        )
    for item in drawn.values():
        _draw_place(ax, item, geopandas)
    ax.set_xlim(view[0], view[1])
    ax.set_ylim(view[2], view[3])
    ax.set_aspect("auto")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_xlabel("")
    ax.set_ylabel("")
    for spine in ax.spines.values():
        spine.set_edgecolor("#4d4d4d")
        spine.set_linewidth(0.8)
    placed = place_claims(dataset, article, view, map_box)
    overlay = figure.add_axes((0, 0, 1, 1), facecolor="none")
    overlay.set_xlim(0, width)
    overlay.set_ylim(0, height)
    overlay.set_axis_off()
    _draw_claims(overlay, placed)
    _draw_labels(overlay, dataset, article, view, map_box, placed)
    _draw_side(overlay, dataset, article, drawn, width, height)
    return figure, placed


def _draw_place(ax: Axes, item: DrawnPlace, geopandas: Any) -> None:
    place = item.place
    if place.kind in ("city", "port", "mountain-pass"):
        return  # drawn as labels with the claims
    style = PLACE_STYLES[place_style(item)]
    shape = geopandas.GeoSeries([place.geometry], crs="EPSG:4326")
    dashed = "dashArray" in style
    if place.kind in ("route", "claim-line"):
        shape.plot(
            ax=ax,
            color=style["color"],
            linewidth=style["weight"] * 0.6,
            linestyle=(0, (4, 3)) if dashed else "solid",
            zorder=4,
        )
        return
    if style.get("fillPattern") == "hatch":
        shape.plot(
            ax=ax,
            facecolor="none",
            edgecolor=style["color"],
            hatch="////",
            linewidth=style["weight"] * 0.7,
            linestyle=(0, (4, 2)),
            zorder=3,
        )
        return
    fill = style.get("fill", True) and style.get("fillOpacity", 0) > 0
    shape.plot(
        ax=ax,
        # The fill's opacity alone, so the outline stays solid.
        facecolor=_with_alpha(style["fillColor"], style["fillOpacity"]) if fill else "none",
        edgecolor=style["color"],
        linewidth=style["weight"] * 0.7,
        linestyle=(0, (4, 2)) if dashed else "solid",
        zorder=2 if place.kind == "country" else 3,
    )


def _with_alpha(colour: str, alpha: float) -> tuple[float, float, float, float]:
    from matplotlib.colors import to_rgba

    red, green, blue, _ = to_rgba(colour)
    return (red, green, blue, alpha)


def _draw_claims(ax: Axes, placed: list[PlacedClaim]) -> None:
    for claim in placed:
        if (claim.x, claim.y) != (claim.anchor_x, claim.anchor_y):
            ax.plot(
                [claim.anchor_x, claim.x],
                [claim.anchor_y, claim.y],
                color="#1d1d1f",
                linewidth=0.6,
                alpha=0.6,
                zorder=5,
            )
    anchors = sorted({(c.anchor_x, c.anchor_y) for c in placed})
    if anchors:
        ax.scatter(
            [a[0] for a in anchors],
            [a[1] for a in anchors],
            s=22,
            c="#ffffff",
            edgecolors="#1d1d1f",
            linewidths=1.5,
            zorder=6,
        )
    for claim in placed:
        style = KIND_STYLES[claim.kind]
        marker = ax.scatter(
            [claim.x],
            [claim.y],
            s=_marker_size(style.shape, MARKER_RADIUS),
            marker=_marker(style.shape),
            c=style.fill,
            edgecolors=style.text if style.fill == "#ffffff" else "#ffffff",
            linewidths=MARKER_STROKE * 72 / 100 * 2,
            linestyle="--" if style.shape == "dashed circle" else "-",
            zorder=7,
        )
        marker.set_gid(f"claim-marker-{claim.number}")
        label = ax.text(
            claim.x,
            claim.y,
            str(claim.number),
            ha="center",
            va="center_baseline",
            fontsize=_number_size(claim.number, style.shape),
            fontweight="bold",
            color=style.text,
            zorder=8,
        )
        label.set_gid(f"claim-{claim.number}")


def _draw_labels(
    ax: Axes,
    dataset: Dataset,
    article: Article,
    view: tuple[float, ...],
    box: tuple[float, ...],
    placed: list[PlacedClaim],
) -> None:
    """The names of the places claims stand at (routes are named by the legend), beside
    their points where they cover no marker and no other name, or not at all."""
    from matplotlib import patheffects

    x0, x1, y0, y1 = view
    left, bottom, width, height = box
    taken = [
        (p.x - MARKER_REACH, p.y - MARKER_REACH, p.x + MARKER_REACH, p.y + MARKER_REACH)
        for p in placed
    ]
    seen: set[str] = set()
    for claim in article.claims:
        place = dataset.places[claim.places[0]]
        if place.id in seen or place.kind == "route":
            continue
        seen.add(place.id)
        lat, lng = anchor_of(place.geometry)
        x = left + (lng - x0) / (x1 - x0) * width
        y = bottom + (lat - y0) / (y1 - y0) * height
        name = textwrap.shorten(place.name, 32, placeholder="…")
        half, tall = len(name) * 2.6 + 2, 12.0
        spots = [(0, -16), (0, 16), (half + 8, 0), (-half - 8, 0), (0, -30), (0, 30)]
        spots += [(0, -48), (0, 48), (half + 36, 0), (-half - 36, 0), (0, -66), (0, 66)]
        for dx, dy in spots:
            cx, cy = x + dx, y + dy
            rect = (cx - half, cy - tall / 2, cx + half, cy + tall / 2)
            inside = left <= rect[0] and rect[2] <= left + width and bottom <= rect[1]
            if inside and rect[3] <= bottom + height and not any(_overlap(rect, t) for t in taken):
                taken.append(rect)
                ax.text(
                    cx,
                    cy,
                    name,
                    ha="center",
                    va="center_baseline",
                    fontsize=8,
                    color="#1d1d1f",
                    zorder=6,
                    path_effects=[patheffects.withStroke(linewidth=2.5, foreground="#ffffff")],
                )
                break


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _draw_side(
    ax: Axes,
    dataset: Dataset,
    article: Article,
    drawn: dict[str, DrawnPlace],
    width: float,
    height: float,
) -> None:
    """Title, byline, legend, the first claims and the attribution, right of the map."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Rectangle

    x = _MAP_BOX[0] * width + _MAP_BOX[2] * width + 22
    right = width - 18
    columns = int((right - x) / 6.6)
    y = height - 26.0
    headline = article.meta("headline")
    for line in textwrap.wrap(headline, max(int(columns / 1.85), 1), max_lines=3, placeholder=" …"):
        ax.text(x, y, line, fontsize=14, fontweight="bold", va="top", color="#1d1d1f")
        y -= 21
    ax.text(x, y - 2, byline(article), fontsize=9, va="top", color="#444444")
    y -= 30
    kinds = list(dict.fromkeys(claim.kind for claim in article.claims))
    kinds = [kind for kind in KIND_STYLES if kind in kinds]
    for kind in kinds:
        style = KIND_STYLES[kind]
        ax.scatter(
            [x + 7],
            [y - 6],
            s=_marker_size(style.shape, 7.5),
            marker=_marker(style.shape),
            c=style.fill,
            edgecolors=style.text if style.fill == "#ffffff" else "#ffffff",
            linestyle="--" if style.shape == "dashed circle" else "-",
        )
        count = sum(1 for claim in article.claims if claim.kind == kind)
        ax.text(x + 20, y - 6, f"{kind} ({count})", fontsize=9, va="center", color="#1d1d1f")
        y -= 19
    for swatch_class, label in legend_entries(drawn):
        swatch = SWATCHES[swatch_class]
        look = PLACE_STYLES[swatch]
        if swatch in ("route", "route-context", "claim-line"):
            dashed = "dashArray" in look
            ax.add_line(
                Line2D(
                    [x, x + 15],
                    [y - 6, y - 6],
                    color=look["color"],
                    linewidth=look["weight"] * 0.6,
                    linestyle=(0, (4, 3)) if dashed else "solid",
                )
            )
        else:
            ax.add_patch(
                Rectangle(
                    (x, y - 12),
                    15,
                    11,
                    facecolor=_with_alpha(look.get("fillColor", "#ffffff"), 0.3)
                    if look.get("fillPattern") != "hatch"
                    else "none",
                    edgecolor=look["color"],
                    hatch="////" if look.get("fillPattern") == "hatch" else None,
                    linewidth=1,
                )
            )
        fitted = textwrap.shorten(label, max(columns - 12, 10), placeholder="…")
        ax.text(x + 20, y - 6, fitted, fontsize=9, va="center", color="#1d1d1f")
        y -= 19
    y -= 8
    shown = 0
    for number, claim in enumerate(article.claims, start=1):
        speaker = article.speakers[claim.speaker].name
        text = f"{number}. {speaker}: “{claim.quote}”"
        lines = textwrap.wrap(text, columns, max_lines=2, placeholder=" …")
        if y - 14 * len(lines) < 40:
            break
        for index, line in enumerate(lines):
            ax.text(x + (0 if index == 0 else 12), y, line, fontsize=8, va="top", color="#333333")
            y -= 13
        y -= 3
        shown += 1
    if shown < len(article.claims):
        more = len(article.claims) - shown
        ax.text(x, y, f"… and {more} more on the interactive map", fontsize=8, va="top")
    source = article.meta("url")
    ax.text(x, 26, textwrap.shorten(source, columns + 8), fontsize=7, color="#444444")
    ax.text(x, 12, ATTRIBUTION, fontsize=7, color="#444444")


def card_bytes(dataset: Dataset, article: Article, fmt: str) -> bytes:
    """The card of ``article`` as ``png`` (2400×1350 pixels) or ``svg`` bytes."""
    import matplotlib

    buffer = BytesIO()
    settings = {"svg.hashsalt": "corridor-map", "svg.fonttype": "path", "text.parse_math": False}
    with matplotlib.rc_context(settings), warnings.catch_warnings():  # type: ignore[arg-type]
        # Scripts DejaVu Sans lacks (Urdu, Chinese) are drawn as boxes, without a warning
        # for each of their characters.
        warnings.filterwarnings("ignore", message="Glyph .* missing from font")
        figure, _ = card_figure(dataset, article)
        if fmt == "png":
            figure.savefig(buffer, format="png", dpi=100 * PNG_SCALE, metadata={"Software": None})
        else:
            figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return buffer.getvalue()
