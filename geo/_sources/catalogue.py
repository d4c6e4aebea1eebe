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

from geo._checks.place_rules import GEOMETRY_BY_KIND as PLACE_KINDS
from geo._loading.slugs import slug_problem
from geo._sources.natural_earth import SourceError

CATALOGUE_FILE = Path("sources") / "catalogue.json"
"""Where a data folder keeps its catalogue."""

GEOMETRY_WAYS = ("natural_earth", "union_of", "natural_earth_lines", "point", "waypoints")


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
    _check(isinstance(document, dict), shown, "must be a JSON object")
    for key, kind in _TOP.items():
        _check(isinstance(document.get(key), kind), f"{shown}: {key}", _MUST[kind])
    for key in ("releases", "tolerance"):
        value = document["natural_earth"].get(key)
        _check(isinstance(value, dict), f"{shown}: natural_earth: {key}", _MUST[dict])
    for key in ("layer", "key", "window", "tolerance", "decimals"):
        _check(key in document["basemap"], f"{shown}: basemap: {key}", "is missing")
    releases, tolerance = (
        document["natural_earth"]["releases"],
        document["natural_earth"]["tolerance"],
    )
    _check(document["basemap"]["layer"] in releases, f"{shown}: basemap: layer", _released)
    seen: set[str] = set()
    for index, entry in enumerate(document["places"]):
        where = f"{shown}: places[{index}]"
        _check(isinstance(entry, dict), where, "must be an object")
        problem = slug_problem(entry.get("id"))
        _check(problem is None, f"{where}: id", problem or "")
        where = f"{shown}: {entry['id']}"
        _check(entry["id"] not in seen, f"{where}: id", "is used twice")
        seen.add(entry["id"])
        _check(entry.get("kind") in PLACE_KINDS, f"{where}: kind", _one_of(PLACE_KINDS))
        _check(entry.get("role") in ROLES, f"{where}: role", _one_of(ROLES))
        name = entry.get("name")
        _check(isinstance(name, str) and name.strip() != "", f"{where}: name", "must be text")
        aliases = entry.get("aliases")
        ok = isinstance(aliases, list) and all(isinstance(a, str) for a in aliases)
        _check(ok, f"{where}: aliases", "must be a list of names")
        _check(isinstance(entry.get("properties", {}), dict), f"{where}: properties", _MUST[dict])
        ways = [way for way in GEOMETRY_WAYS if way in entry]
        _check(
            len(ways) == 1,
            where,
            f"needs exactly one of {', '.join(GEOMETRY_WAYS)} (has {len(ways)})",
        )
        shared = entry.get("with", [])
        _check(isinstance(shared, list), f"{where}: with", _MUST[list])
        for name in shared:
            known = name in document["shared_properties"]
            _check(known, f"{where}: with", f"{name!r} is not in shared_properties")
        for key, kind in (("union_of", list), ("waypoints", list), ("point", dict)):
            if key in entry:
                _check(isinstance(entry[key], kind), f"{where}: {key}", _MUST[kind])
        if "coast" in entry:
            coast = entry["coast"]
            ok = isinstance(coast, dict) and isinstance(coast.get("where"), dict)
            _check(ok, f"{where}: coast", "must give a layer, where, box and note")
            _check(coast.get("layer") in releases, f"{where}: coast: layer", _released)
        if "natural_earth" in entry:
            _check("coverage" in entry, f"{where}: coverage", "is missing")
            spec = entry["natural_earth"]
            ok = isinstance(spec, dict) and "layer" in spec and isinstance(spec.get("match"), dict)
            _check(ok, f"{where}: natural_earth", "must give a layer and a match")
            _check(spec["layer"] in releases, f"{where}: natural_earth: layer", _released)
            _check(spec["layer"] in tolerance, f"{where}: natural_earth: layer", _simplified)
    return dict(document)


_TOP: dict[str, type] = {
    "natural_earth": dict,
    "geonames": dict,
    "basemap": dict,
    "shared_properties": dict,
    "places": list,
}
_MUST: dict[type, str] = {dict: "must be an object", list: "must be a list"}
ROLES = ("named", "context")
_released = "must be a layer of natural_earth.releases"
_simplified = "must be a layer of natural_earth.tolerance (how much it is simplified)"


def _one_of(values: Any) -> str:
    return "must be one of " + ", ".join(sorted(values))


def _check(condition: bool, where: str, message: str) -> None:
    if not condition:
        raise SourceError(f"{where}: {message}")
