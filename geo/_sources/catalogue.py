"""The catalogue of a data folder's places: which Natural Earth features, GeoNames towns
and published points make each place, with its names, kind and notes.

It is data (``<data>/sources/catalogue.json``), read by :mod:`geo._sources.rebuild`. Each
entry of ``places`` has an ``id``, ``kind``, ``name``, ``role``, ``aliases``, optional
``properties`` (written as they are), ``with`` (names of ``shared_properties`` blocks
added after them), ``cited_figures``, and exactly one way to its geometry:

- ``natural_earth``: ``{layer, match}``, one polygon feature; entries with the same
  ``coverage`` are simplified together, so their shared borders keep meeting; ``coast``
  adds the land of finer features within a box (``{layer, where, box, note}``), and
  ``without_land`` (a sea) gives up the land of the countries and regions before it;
- ``union_of``: the places it is made of, with its ``source``;
- ``natural_earth_lines``: the lines of a layer named ``name`` whose centre lies in
  ``window``, merged;
- ``point``: ``{geonames: id}``, ``{natural_earth: {layer, match}}`` or ``{published:
  {coordinates, basis}}``;
- ``waypoints``: a schematic route through such points (``on_land``: a road, kept off the
  sea), with its ``alignment``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from geo._sources.natural_earth import SourceError

CATALOGUE_FILE = Path("sources") / "catalogue.json"
"""Where a data folder keeps its catalogue."""

GEOMETRY_WAYS = ("natural_earth", "union_of", "natural_earth_lines", "point", "waypoints")
_TOP = ("natural_earth", "geonames", "basemap", "shared_properties", "places")


def read_catalogue(path: Path) -> dict[str, Any]:
    """Read the catalogue at ``path`` and check its shape.

    Raises
    ------
    SourceError
        Naming the file, and the entry and field at fault.
    """
    shown = path.as_posix()
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise SourceError(f"{shown}: cannot be read: {exc.strerror or exc}") from None
    except ValueError as exc:
        raise SourceError(f"{shown}: is not valid JSON: {exc}") from None
    if not isinstance(document, dict):
        raise SourceError(f"{shown}: must be a JSON object")
    for key in _TOP:
        if key not in document:
            raise SourceError(f"{shown}: {key}: is missing")
    seen: set[str] = set()
    for index, entry in enumerate(document["places"]):
        where = f"{shown}: places[{index}]"
        if not isinstance(entry, dict):
            raise SourceError(f"{where}: must be an object")
        for key in ("id", "kind", "name", "role", "aliases"):
            if key not in entry:
                raise SourceError(f"{where}: {key}: is missing")
        where = f"{shown}: {entry['id']}"
        if entry["id"] in seen:
            raise SourceError(f"{where}: id: is used twice")
        seen.add(entry["id"])
        ways = [way for way in GEOMETRY_WAYS if way in entry]
        if len(ways) != 1:
            raise SourceError(
                f"{where}: needs exactly one of {', '.join(GEOMETRY_WAYS)} (has {len(ways)})"
            )
        for name in entry.get("with", ()):
            if name not in document["shared_properties"]:
                raise SourceError(f"{where}: with: {name!r} is not in shared_properties")
        if "natural_earth" in entry and "coverage" not in entry:
            raise SourceError(f"{where}: coverage: is missing")
    return dict(document)
