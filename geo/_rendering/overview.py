"""The overview map of an archive: every claim of every article on one canvas layer.

Written as ``maps/index.html`` when the data holds more than one article. Claims travel as
columns of JSON (strings once, numbers for repeated values), so the page stays close to the
size of its text and opens with 100,000 claims in about a second. They come in
:data:`ARCHIVE_PARTS` parts, each article in the part its id hashes to, which the page merges
(:func:`part_payload`, :func:`overview_head`): a changed article changes one part, and an
incremental build makes the others again from its cache.

Circles stand for places (one per place a claim's marker goes to), coloured by the most
frequent kind of claim there; the routes and disputed areas the articles use are drawn
beneath them for orientation. The panel holds the filters, a histogram of claims over time,
the articles and the places (buttons, so the map can be used from the keyboard).
"""

from __future__ import annotations

import calendar
import datetime as dt
import html
import re
import zlib
from collections.abc import Iterable
from typing import Any

import orjson
import shapely
from markupsafe import Markup
from shapely.geometry import mapping

from geo._checks.factcheck import verdict_counts
from geo._checks.geometry import CheckedGeometry, geometry_json
from geo._loading.schema import is_iso_date
from geo._rendering.elements import ScriptLayer, named
from geo._rendering.page import (
    ASSETS_FOLDER,
    SharedAssets,
    add_json_data,
    add_layer,
    add_page,
    new_map,
    render_page,
)
from geo._rendering.payload import anchor_of, feature_collection_json, to_script_json
from geo._rendering.styles import CONTEXT_STYLES, KIND_STYLES
from geo.model import Article, Dataset, Place, Settings

OVERVIEW_FILE = "index.html"
OVERVIEW_DATA_ID = "corridor-overview"
OVERVIEW_SHAPES_ID = "corridor-overview-shapes"

DARK_STROKE = "#1d1d1f"
"""Outline of a white circle (kind "background"), which would vanish on a pale map."""

CONTEXT_KINDS = ("route", "disputed-area")
"""Kinds of place the overview draws beneath the circles, for orientation."""


COLOUR_NOTE = "Colour: the most frequent kind of claim at the place"
SIZE_NOTE = "Size: how many claims there match the filters"
MERGE_NOTE = "Zoomed out, nearby places share a circle (thick outline): click it to zoom in"

MONTHLY_SPAN_MONTHS = 36
"""Dates spanning fewer months than this are counted by month, others by year."""


def article_summary(dataset: Dataset, article: Article) -> dict[str, Any]:
    """What the overview shows of ``article``, as plain JSON values.

    Its metadata, its verdict counts, each claim as ``[kind, speaker label, anchor place
    id, quote, claim id, draft]``, and the places it uses (its claims' and context places,
    and their parts). An incremental build keeps it, rather than read the article again.
    """
    wanted = [p for c in article.claims for p in c.places] + list(article.context_places)
    return {
        "id": article.id,
        "headline": article.meta("headline"),
        "publisher": article.meta("publisher"),
        "published": article.meta("published"),
        "verdicts": verdict_counts(dataset, article),
        "claims": [
            [
                claim.kind,
                _speaker_label(article, claim.speaker),
                claim.places[0],
                claim.quote,
                claim.id,
                claim.draft,
            ]
            for claim in article.claims
        ],
        "uses": sorted(_with_parts(dataset.places, wanted)),
    }


QUOTES_KEY = "corridor-quotes:"
"""Prefix of the key under which an article's quotes file files them (shared layout)."""


def quotes_apart(summary: dict[str, Any], shared: SharedAssets) -> dict[str, Any]:
    """``summary`` with its claims' quotes and ids moved to a file of ``assets/`` (the
    shared layout): ``[[id, quote], ...]`` in claim order, filed under
    :data:`QUOTES_KEY` and the article's id; the summary names the file."""
    rows = [[claim[4], claim[3]] for claim in summary["claims"]]
    path = shared.add_data("quotes", QUOTES_KEY + summary["id"], to_script_json(rows))
    claims = [
        [kind, speaker, anchor, None, None, draft]
        for kind, speaker, anchor, _, _, draft in summary["claims"]
    ]
    return {**summary, "claims": claims, "quotes": path}


ARCHIVE_PARTS = 32
"""The overview's claims come in this many parts, each article in the one its id hashes to:
a changed article changes one part (a file of its own in the shared layout), and an
incremental build reads and writes only that part's records."""

OVERVIEW_PART_ID = "corridor-overview-part-"


def part_of(article_id: str) -> int:
    """The part of the overview (and of the build's manifest) ``article_id`` is in."""
    return zlib.crc32(article_id.encode("utf-8", "surrogateescape")) % ARCHIVE_PARTS


def part_payload(summaries: list[dict[str, Any]]) -> tuple[str, dict[str, Any]]:
    """The claims of the articles ``summaries`` describe (:func:`article_summary`) as
    columns, with tables of their repeated strings, as script-safe JSON; and what the
    overview's head needs of them (:func:`overview_head`).

    The page merges the parts (``corridorOverview``): its articles sorted by date then
    id, each claim's kind, speaker and place mapped to the head's tables. The part's own
    tables list values in the order they first occur. ``claims.article`` indexes the
    part's ``articles`` (sorted by date then id), and a claim's quote is in the part, or
    (shared layout) in its article's ``quoteFiles`` at ``claims.n``.
    """
    articles = sorted(summaries, key=lambda a: (a["published"], a["id"]))
    # Maps sharing assets/ keep each article's quotes in a file of their own, which the
    # page loads when a reader opens a place: the overview carries only numbers.
    on_demand = any("quotes" in a for a in articles)
    tables: dict[str, dict[str, int]] = {"kind": {}, "speaker": {}, "place": {}}
    keys = ("article", "kind", "speaker", "place", *(("n",) if on_demand else ("quote", "id")))
    columns: dict[str, list[Any]] = {key: [] for key in keys}
    drafts: list[int] = []
    uses: set[str] = set()
    for number, article in enumerate(articles):
        uses.update(article["uses"])
        for n, (kind, speaker, anchor, quote, claim_id, draft) in enumerate(article["claims"]):
            columns["article"].append(number)
            for key, value in (("kind", kind), ("speaker", speaker), ("place", anchor)):
                columns[key].append(tables[key].setdefault(value, len(tables[key])))
            if on_demand:
                columns["n"].append(n)
            else:
                columns["quote"].append(quote)
                columns["id"].append(claim_id)
            if draft:
                drafts.append(len(columns["article"]) - 1)
    part = {
        "articles": [
            [a["id"], a["headline"], a["publisher"], a["published"], a["verdicts"]]
            for a in articles
        ],
        "kinds": list(tables["kind"]),
        "speakers": list(tables["speaker"]),
        "places": list(tables["place"]),
        "claims": columns,
        **({"drafts": drafts} if drafts else {}),
        **({"quoteFiles": [a["quotes"] for a in articles]} if on_demand else {}),
        "uses": sorted(uses),
    }
    return to_script_json(part), part_facts(part)


def part_facts(part: dict[str, Any]) -> dict[str, Any]:
    """What the overview's head needs of a part (:func:`overview_head`): its numbers of
    articles and claims, its kinds, speakers, anchor places and places used, and the
    first and last dates of its articles."""
    dates = [article[3] for article in part["articles"]]
    return {
        "articles": len(part["articles"]),
        "claims": len(part["claims"]["article"]),
        "kinds": part["kinds"],
        "speakers": part["speakers"],
        "anchors": part["places"],
        "uses": part["uses"],
        "dates": [min(dates), max(dates)] if dates else [],
    }


QUOTES_FILE = re.compile(rf"{ASSETS_FOLDER}/(quotes\.[0-9a-f]{{16}}\.js)")
"""How an article's quotes file (shared layout) is named: the only scripts the overview
loads besides its own."""


_NOT_SCRIPT_SAFE = (b"<", b">", b"&", "\u2028".encode(), "\u2029".encode())


def checked_part(
    text: bytes, places: dict[str, Place], quotes_apart: bool
) -> tuple[str, dict[str, Any]] | None:
    """A part's JSON kept from an earlier build (:func:`part_payload`) and its facts, if
    it is one: script-safe JSON (as :func:`geo._rendering.payload.to_script_json` writes it) of a
    part, its columns numbers, naming only places of ``places`` and, if
    ``quotes_apart``, a quotes file for each article named as this tool names them; None
    otherwise (the part is made again)."""
    if any(char in text for char in _NOT_SCRIPT_SAFE):
        return None
    try:
        part = orjson.loads(text)
        articles, columns = part["articles"], part["claims"]
        tables = {
            "article": articles,
            "kind": part["kinds"],
            "speaker": part["speakers"],
            "place": part["places"],
        }
        own = ("n",) if quotes_apart else ("quote", "id")
        if set(columns) != {*tables, *own} or len({len(c) for c in columns.values()}) != 1:
            return None
        claims = len(columns["article"])
        ok = (
            all(_indexes(columns[key], len(table)) for key, table in tables.items())
            and _indexes(part.get("drafts", []), claims)
            and (_indexes(columns["n"], 1 << 31) if quotes_apart else True)
            and all(
                all(isinstance(v, str) for v in values)
                for values in (part["kinds"], part["speakers"], *(columns[key] for key in own[1:]))
            )
            and (quotes_apart or all(isinstance(q, str) for q in columns["quote"]))
            and all(place in places for place in part["places"] + part["uses"])
            and all(type(a) is list and len(a) == 5 and type(a[3]) is str for a in articles)
            and all(is_iso_date(date) for date in part_facts(part)["dates"])
            and _quotes_files_ok(part.get("quoteFiles"), len(articles), quotes_apart)
        )
    except (orjson.JSONDecodeError, TypeError, KeyError, AttributeError, ValueError):
        return None
    return (text.decode("utf-8"), part_facts(part)) if ok else None


def _indexes(column: list[Any], size: int) -> bool:
    """Whether ``column`` holds whole numbers (computed in C: a float or a string makes
    ``sum`` a float or fail), and ``size`` is not 0 if it holds any. Their range is not
    checked: a number out of range spoils the page, it cannot make it run anything."""
    return not column or (type(sum(column)) is int and size > 0)


def _quotes_files_ok(files: Any, articles: int, quotes_apart: bool) -> bool:
    if not quotes_apart:
        return files is None
    return (
        isinstance(files, list)
        and len(files) == articles
        and all(isinstance(path, str) and QUOTES_FILE.fullmatch(path) for path in files)
    )


def overview_head(
    facts: list[dict[str, Any]], places: dict[str, Place], settings: Settings
) -> dict[str, Any]:
    """What the overview's page needs besides its parts' claims (``facts``: what
    :func:`part_payload` says of each part): the tables the parts are mapped to, the
    histogram's periods and the view.

    ``kinds`` follow :data:`geo._rendering.styles.KIND_STYLES` (the legend's order) with
    their circle colours in ``kindStyles`` (fill, stroke); ``speakers`` are sorted
    alphabetically, ignoring case; ``places`` are ``[name, lat, lng, id]`` by id;
    ``buckets`` are the histogram's periods (label, first day, last day).
    """
    present = {kind for part in facts for kind in part["kinds"]}
    kinds = [k for k in KIND_STYLES if k in present] + sorted(present - set(KIND_STYLES))
    labels = {label for part in facts for label in part["speakers"]}
    speakers = sorted(labels, key=lambda label: (label.casefold(), label))
    anchors = []
    for place_id in sorted({p for part in facts for p in part["anchors"]}):
        lat, lng = anchor_of(places[place_id].geometry)
        anchors.append([places[place_id].name, lat, lng, place_id])
    dates = [date for part in facts for date in part["dates"]]
    return {
        "kinds": kinds,
        "kindStyles": [kind_colours(kind) for kind in kinds],
        "speakers": speakers,
        "places": anchors,
        "buckets": time_buckets([min(dates), max(dates)] if dates else [])[0],
        "bounds": _bounds_of(anchors) if anchors else settings.view,
    }


def overview_parts(
    summaries: list[dict[str, Any]],
) -> list[tuple[int, str, dict[str, Any]]]:
    """The overview's parts of the articles ``summaries`` describe: (part, JSON, facts)
    for each part that holds an article (see :func:`part_payload`)."""
    by_part: dict[int, list[dict[str, Any]]] = {}
    for summary in summaries:
        by_part.setdefault(part_of(summary["id"]), []).append(summary)
    return [(part, *part_payload(by_part[part])) for part in sorted(by_part)]


def _speaker_label(article: Article, speaker_id: str) -> str:
    speaker = article.speakers[speaker_id]
    return f"{speaker.name}, {speaker.role}" if speaker.role else speaker.name


def kind_colours(kind: str) -> list[str]:
    """Fill and outline of a circle whose most frequent kind is ``kind``."""
    style = KIND_STYLES.get(kind)
    if style is None:
        return ["#6b6b6b", DARK_STROKE]
    if style.fill.lower() == "#ffffff":
        return [style.fill, DARK_STROKE]
    return [style.fill, "#ffffff"]


def time_buckets(dates: list[str]) -> tuple[list[list[str]], list[int]]:
    """The histogram's periods over ``dates`` (ISO dates), and the period of each date.

    Periods are years, or months when the dates span fewer than
    :data:`MONTHLY_SPAN_MONTHS` months; every period between the first and the last is
    listed, empty or not, as ``[label, first day, last day]``.
    """
    parsed = [dt.date.fromisoformat(value) for value in dates]
    if not parsed:
        return [], []
    first, last = min(parsed), max(parsed)
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    buckets: list[list[str]] = []
    if months < MONTHLY_SPAN_MONTHS:
        start = first.year * 12 + first.month - 1
        for month in range(start, start + months):
            year, index = divmod(month, 12)
            days = calendar.monthrange(year, index + 1)[1]
            buckets.append(
                [
                    f"{calendar.month_name[index + 1]} {year}",
                    dt.date(year, index + 1, 1).isoformat(),
                    dt.date(year, index + 1, days).isoformat(),
                ]
            )
        return buckets, [(d.year * 12 + d.month - 1) - start for d in parsed]
    for year in range(first.year, last.year + 1):
        buckets.append([str(year), f"{year:04d}-01-01", f"{year:04d}-12-31"])
    return buckets, [d.year - first.year for d in parsed]


def _bounds_of(places: list[list[Any]]) -> list[list[float]]:
    """The box of every circle's centre (``[name, lat, lng]``) of the overview; the page
    widens its view by the circles' radii."""
    lats = [place[1] for place in places]
    lngs = [place[2] for place in places]
    return [[min(lats), min(lngs)], [max(lats), max(lngs)]]


def context_places(dataset: Dataset) -> list[Place]:
    """Routes and disputed areas any article uses (claims' places, context places, and
    the parts of those), in drawing order: areas, then routes, each by id."""
    used = [
        place_id
        for article in dataset.articles
        for place_id in [
            *(p for claim in article.claims for p in claim.places),
            *article.context_places,
        ]
    ]
    return context_places_of(dataset.places, _with_parts(dataset.places, used))


def context_places_of(places: dict[str, Place], used: Iterable[str]) -> list[Place]:
    """The routes and disputed areas among ``used``, in drawing order: areas, then
    routes, each by id."""
    found = {key for key in used if key in places and places[key].kind in CONTEXT_KINDS}
    return sorted(
        (places[key] for key in found),
        key=lambda p: (p.kind != "disputed-area", "parts" in p.properties, p.id),
    )


def _with_parts(places: dict[str, Place], start: Iterable[str]) -> set[str]:
    """``start`` and the parts of each, in turn (ids of no place left out)."""
    wanted: set[str] = set()
    stack = list(start)
    while stack:
        current = stack.pop()
        if current in wanted or current not in places:
            continue
        wanted.add(current)
        stack.extend(places[current].properties.get("parts") or [])
    return wanted


ROUTE_PATTERNS: list[tuple[str, str | None]] = [
    ("solid", None),
    ("dashed", "9 6"),
    ("dotted", "2 5"),
]
"""Line patterns that tell the routes apart (CSS border style, Leaflet ``dashArray``), in
the legend's order of routes; more routes than patterns reuse them, told apart by name."""


def route_pattern(places: list[Place]) -> dict[str, tuple[str, str | None]]:
    """The line pattern of each route among ``places``, by id."""
    routes = sorted((p for p in places if p.kind == "route"), key=lambda p: (p.name, p.id))
    return {p.id: ROUTE_PATTERNS[i % len(ROUTE_PATTERNS)] for i, p in enumerate(routes)}


def context_shapes_json(places: list[Place]) -> str:
    """The background shapes as ``{"data": FeatureCollection, "styles": {id: style}}``."""
    styles = {}
    patterns = route_pattern(places)
    for place in places:
        key = place.kind
        if place.kind == "disputed-area" and "parts" in place.properties:
            key = "disputed-outline"
        styles[place.id] = dict(CONTEXT_STYLES[key])
        dashes = patterns.get(place.id, ("solid", None))[1]
        if dashes:
            styles[place.id]["dashArray"] = dashes
    features = feature_collection_json((place.id, _coarse_json(place)) for place in places)
    return f'{{"data":{features},"styles":{to_script_json(styles)}}}'


SHAPE_TOLERANCE = 0.01
"""Degrees (about a kilometre): finer than a pixel at the zoom an archive is seen at."""


def _coarse_json(place: Place) -> str:
    """The place's geometry simplified for the overview, its coordinates to 0.001 degrees."""
    shape = place.geometry.simplify(SHAPE_TOLERANCE, preserve_topology=True)
    return geometry_json(mapping(shapely.set_precision(shape, SHAPE_TOLERANCE / 10)))


def legend_entries(kinds: list[str], places: list[Place]) -> list[tuple[str, str]]:
    """The legend: one entry per kind of claim present, then the background shapes.

    Entries are (swatch classes, label); the notes on colour and size have no swatch.
    """
    entries = [("overview-legend-note", COLOUR_NOTE)]
    entries += [(f"kind-{kind} overview-swatch", kind) for kind in kinds]
    entries.append(("overview-legend-note", SIZE_NOTE))
    entries.append(("overview-legend-note", MERGE_NOTE))
    patterns = route_pattern(places)
    routes = sorted((p for p in places if p.kind == "route"), key=lambda p: (p.name, p.id))
    for route in routes:
        name = route.name
        swatch = f"swatch-route overview-route-{patterns[route.id][0]}"
        entries.append((swatch, name if "schematic" in name else f"{name} (schematic)"))
    if any(p.kind == "disputed-area" for p in places):
        entries.append(("overview-swatch-disputed", "Disputed area"))
    return entries


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
    """The static HTML around the overview map: title, filters, histogram, lists."""
    return (
        '<div class="corridor-title" role="banner">'
        f"<h1>{html.escape(title)}: {article_count:,} articles, {claim_count:,} claims</h1>"
        "<p>Click a circle, or a place in the panel, for its claims; each links to its "
        "article's map.</p></div>"
        '<aside id="claims-panel" class="overview-panel" aria-label="Filters and articles">'
        '<header><h2 id="filters-heading">Filter the claims</h2>'
        '<div class="filters" role="group" aria-labelledby="filters-heading">'
        '<label>Article <select id="filter-article"><option value="">all articles</option>'
        "</select></label>"
        '<label>From <input type="date" id="filter-from"></label>'
        '<label>To <input type="date" id="filter-to"></label>'
        '<label>Kind <select id="filter-kind"><option value="">all kinds</option></select>'
        "</label>"
        '<label>Speaker <select id="filter-speaker"><option value="">all speakers</option>'
        "</select></label>"
        '<button type="button" id="filter-reset" class="overview-reset">Reset filters</button>'
        "</div>"
        '<p id="claims-count" aria-live="polite"></p>'
        '<div id="overview-empty" class="overview-empty" hidden>'
        "<p>No claims match these filters.</p>"
        '<button type="button" id="overview-empty-reset" class="overview-reset">'
        "Reset filters</button></div>"
        '<section class="overview-histogram" aria-labelledby="histogram-heading">'
        '<h2 id="histogram-heading">Claims over time</h2>'
        '<p id="histogram-note" class="overview-note">Claims by the date their article was '
        "published; choose a bar to show only that period.</p>"
        '<div id="overview-histogram" class="histogram-bars" role="group" '
        'aria-labelledby="histogram-heading" aria-describedby="histogram-note"></div>'
        '<div id="histogram-axis" class="histogram-axis" aria-hidden="true"></div>'
        "</section></header>"
        '<div class="overview-lists">'
        '<h2 class="articles-heading" id="articles-heading">Articles</h2>'
        '<ol id="articles-list" aria-labelledby="articles-heading"></ol>'
        '<h2 class="articles-heading" id="places-heading">Places</h2>'
        '<ul id="places-list" aria-labelledby="places-heading"></ul>'
        "</div></aside>"
    )


def render_overview(dataset: Dataset, shared: SharedAssets | None = None) -> str:
    """Render the overview map of every article of ``dataset`` and return its HTML (its
    common scripts, styles and basemap registered in ``shared`` in the shared layout)."""
    summaries = [article_summary(dataset, article) for article in dataset.articles]
    if shared is not None and len(summaries) > 1:
        summaries = [quotes_apart(summary, shared) for summary in summaries]
    return render_parts(overview_parts(summaries), dataset, shared)


def render_parts(
    parts: list[tuple[int, str, dict[str, Any]]],
    world: Dataset,
    shared: SharedAssets | None = None,
    basemap: list[CheckedGeometry] | None = None,
) -> str:
    """:func:`render_overview` of the articles of ``parts`` (:func:`overview_parts`),
    drawn on ``world``'s places, basemap (or ``basemap``, its :func:`coarse_basemap`,
    made before) and settings: each part a data element of the page, or (shared layout) a
    file of ``assets/``."""
    facts = [part_facts for _, _, part_facts in parts]
    payload = overview_head(facts, world.places, world.settings)
    shapes = context_places_of(world.places, {p for part in facts for p in part["uses"]})
    payload["shapes"] = OVERVIEW_SHAPES_ID if shapes else None
    payload["parts"] = [f"{OVERVIEW_PART_ID}{part:02d}" for part, _, _ in parts]
    coarse = basemap if basemap is not None else coarse_basemap(world.basemap)
    fmap, content = new_map(coarse, prefer_canvas=True, shared=shared)
    layer = ScriptLayer("Claims of every article", "corridorOverview", OVERVIEW_DATA_ID)
    add_layer(fmap, named(layer, "claims_layer"))
    claim_count = sum(part["claims"] for part in facts)
    article_count = sum(part["articles"] for part in facts)
    title = f"{world.settings.title} archive" if world.settings.title else "Archive overview"
    add_page(
        fmap,
        content,
        title=f"corridor-map: {title}",
        shell=Markup(overview_shell(title, article_count, claim_count)),
        scripts=["corridor.js", "overview.js"],
        legend=legend_entries(payload["kinds"], shapes),
        styles=("overview.css",),
        shared=shared,
    )
    if shapes:
        add_json_data(content, OVERVIEW_SHAPES_ID, context_shapes_json(shapes))
    for part, text, _ in parts:
        add_json_data(content, f"{OVERVIEW_PART_ID}{part:02d}", text, shared)
    add_json_data(content, OVERVIEW_DATA_ID, to_script_json(payload))
    return render_page(fmap)
