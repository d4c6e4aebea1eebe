"""Rebuilding a data folder's places from public sources, as its catalogue declares them.

:func:`rebuild_places` reads the catalogue (:mod:`geo._sources.catalogue`), the Natural
Earth extracts and GeoNames; simplifies each coverage of polygons together (shared borders
keep meeting); rounds to six decimals and orients rings as RFC 7946 wants; computes
geodesic facts; and writes one FeatureCollection per place, and the basemap. Same sources,
same bytes.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import LineString, MultiLineString, Point, shape
from shapely.geometry.base import BaseGeometry

from geo._checks.geometry import geodesic_area_km2, geodesic_length_km
from geo._loading.basemap import BASEMAP_FILE
from geo._loading.fileio import DataReader, commit_file, stage_file
from geo._loading.places import GEOJSON_FOLDER
from geo._sources import geonames
from geo._sources.catalogue import CATALOGUE_FILE, read_catalogue
from geo._sources.land_path import LAND_MARGIN_KM, NoLandPathError, land_path
from geo._sources.natural_earth import (
    NATURAL_EARTH,
    NATURAL_EARTH_LICENSE,
    NaturalEarth,
    SourceError,
)
from geo._sources.writer import feature, finish_shape, format_feature_collection, round_coordinate
from geo.errors import DataError

_COUNTS = {2: "two", 3: "three", 4: "four", 5: "five"}
DISPUTED_SHARE = 0.01
"""Share of a disputed area a region's outline must hold to say so in its ``borders``."""


def rebuild_places(
    source_dir: Path, data_dir: Path, catalogue: Path | None = None
) -> list[tuple[Path, bool]]:
    """Regenerate every place file of ``data_dir/geojson`` and the basemap from the sources.

    Parameters
    ----------
    source_dir : Path
        Folder of the Natural Earth extracts (``../shared/natural-earth``).
    data_dir : Path
        The data folder; files go to its ``geojson/`` and ``basemap/`` folders.
    catalogue : Path, optional
        The catalogue; by default ``data_dir/sources/catalogue.json``.

    Returns
    -------
    list of (Path, bool)
        Each file written and whether its bytes changed.
    """
    catalogue = catalogue or data_dir / CATALOGUE_FILE
    spec = read_catalogue(catalogue)
    layers = NaturalEarth(source_dir, spec["natural_earth"]["releases"])
    try:
        built = _Rebuild(spec, layers).places()
        basemap = format_feature_collection(_basemap(layers, spec["basemap"]))
    except (KeyError, TypeError, ValueError, IndexError) as exc:
        # A catalogue of the right shape asking for what the sources do not hold.
        reason = f"{type(exc).__name__}: {exc}"
        raise SourceError(
            f"{catalogue.as_posix()}: cannot be built from the sources: {reason}"
        ) from None
    files = {
        data_dir / GEOJSON_FOLDER / f"{item['id']}.geojson": format_feature_collection(
            [item]
        ).encode("utf-8")
        for item in built
    }
    files[data_dir / BASEMAP_FILE] = basemap.encode("utf-8")
    _check_places(files, data_dir)
    staged: list[tuple[Path, Path | None]] = []
    try:
        for path, data in files.items():
            staged.append((path, stage_file(path, data)))
        for path, temporary in staged:
            if temporary is not None:
                commit_file(temporary, path)
    except OSError as exc:
        raise SourceError(f"{path.as_posix()}: cannot write: {exc.strerror or exc}") from None
    finally:
        for _, temporary in staged:
            if temporary is not None:
                temporary.unlink(missing_ok=True)
    return [(path, temporary is not None) for path, temporary in staged]


def _check_places(files: dict[Path, bytes], data_dir: Path) -> None:
    """Check the rebuilt places as ``validate`` checks place files, before any is written.

    Raises
    ------
    DataError
        Every problem of them, named as the data folder's files.
    """
    from geo._checks.validate import checked_places

    try:
        with tempfile.TemporaryDirectory() as scratch:
            # Named as the data folder, so that problems name its files.
            root = Path(scratch) / Path(os.path.abspath(data_dir)).name
            for path, data in files.items():
                copy = root / path.relative_to(data_dir)
                copy.parent.mkdir(parents=True, exist_ok=True)
                copy.write_bytes(data)
            _, problems = checked_places(DataReader(root))
    except OSError as exc:
        raise SourceError(f"{tempfile.gettempdir()}: cannot check the places: {exc}") from None
    if problems:
        raise DataError(problems)


def _basemap(layers: NaturalEarth, spec: dict[str, Any]) -> list[dict[str, Any]]:
    """Every feature of the basemap's layer within its window, coarsely simplified: the
    map's offline background."""
    key = spec["key"]
    sources = sorted(layers.features(spec["layer"]), key=lambda f: f["properties"][key])
    geometries = shapely.coverage_simplify(
        [shape(source["geometry"]) for source in sources], spec["tolerance"]
    )
    window = shapely.box(*spec["window"])
    features = []
    for source, geom in zip(sources, geometries, strict=True):
        geom = geom.intersection(window)
        if geom.is_empty:
            continue
        geom = finish_shape(shapely.set_precision(geom, 10 ** -spec["decimals"]))
        properties = {"name": source["properties"]["NAME"]}
        features.append(feature(source["properties"][key].lower(), properties, geom))
    return features


class _Rebuild:
    """One rebuild: the catalogue's places in its order, each coverage made at once."""

    def __init__(self, spec: dict[str, Any], layers: NaturalEarth) -> None:
        self.spec = spec
        self.layers = layers
        self.tolerance: dict[str, float] = spec["natural_earth"]["tolerance"]
        self.min_population: int = spec["geonames"]["min_population"]
        self.built: dict[str, dict[str, Any]] = {}

    def places(self) -> list[dict[str, Any]]:
        entries = self.spec["places"]
        for entry in entries:
            if entry["id"] in self.built:
                continue
            if "natural_earth" in entry:
                coverage = [e for e in entries if e.get("coverage") == entry["coverage"]]
                for made in self._coverage(coverage):
                    self.built[made["id"]] = made
                if entry["kind"] == "disputed-area":
                    self._note_disputed_land()
                continue
            self.built[entry["id"]] = self._one(entry)
        for entry in entries:
            if "cited_figures" in entry:
                self.built[entry["id"]]["properties"]["cited_figures"] = [
                    dict(figure) for figure in entry["cited_figures"]
                ]
        return [self.built[entry["id"]] for entry in entries]

    def _one(self, entry: dict[str, Any]) -> dict[str, Any]:
        if "union_of" in entry:
            return self._union(entry)
        if "natural_earth_lines" in entry:
            return self._lines(entry)
        if "point" in entry:
            lon, lat, source = self._locate(entry["name"], entry["point"])
            return feature(entry["id"], {**self._head(entry), "source": source}, Point(lon, lat))
        return self._route(entry)

    def _head(self, entry: dict[str, Any]) -> dict[str, Any]:
        """The properties every place starts with, its own, then its shared ones."""
        properties: dict[str, Any] = {
            "name": entry["name"],
            "kind": entry["kind"],
            "role": entry["role"],
            "aliases": list(entry["aliases"]),
            **entry.get("properties", {}),
        }
        for name in entry.get("with", ()):
            properties.update(self.spec["shared_properties"][name])
        return properties

    def _coverage(self, entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Polygons of one layer simplified together as a coverage."""
        layer = entries[0]["natural_earth"]["layer"]
        sources = [self.layers.find(layer, e["natural_earth"]["match"]) for e in entries]
        geometries = [shape(source["geometry"]) for source in sources]
        geometries = [
            self._with_coast(e, g, layer) for e, g in zip(entries, geometries, strict=True)
        ]
        simplified = shapely.coverage_simplify(geometries, self.tolerance[layer])
        land = None
        if any(e.get("without_land") for e in entries):
            land = shapely.union_all(
                [
                    shape(made["geometry"])
                    for made in self.built.values()
                    if made["properties"]["kind"] in ("country", "region")
                ]
            )
        results = []
        for entry, source, geom in zip(entries, sources, simplified, strict=True):
            if entry.get("without_land"):
                geom = geom.difference(land)
            geom = finish_shape(geom)
            properties = self._head(entry)
            if entry["kind"] == "disputed-area":
                properties["source_note"] = source["properties"].get("NOTE_BRK")
            match = entry["natural_earth"]["match"]
            properties["source"] = self.layers.source(layer, match, source, self.tolerance[layer])
            if entry.get("without_land"):
                properties["source"]["processing"] += (
                    "; the land of the countries and regions removed"
                )
            if "coast" in entry:
                properties["source"]["processing"] += "; " + entry["coast"]["note"]
            properties["facts"] = {"area_km2": round(geodesic_area_km2(geom))}
            results.append(feature(entry["id"], properties, geom))
        return results

    def _with_coast(self, entry: dict[str, Any], geom: BaseGeometry, layer: str) -> BaseGeometry:
        """The place's shape with the land of a finer layer's features within a box, less its
        neighbours' land, so shared borders are untouched (a coast the coarse layer loses)."""
        coast = entry.get("coast")
        if coast is None:
            return geom
        finer = [shape(f["geometry"]) for f in self.layers.where(coast["layer"], coast["where"])]
        added = shapely.union_all(finer).intersection(shapely.box(*coast["box"]))
        own = entry["natural_earth"]["match"]
        neighbours = shapely.union_all(
            [
                shape(f["geometry"])
                for f in self.layers.features(layer)
                if any(f["properties"].get(key) != value for key, value in own.items())
            ]
        )
        return shapely.union(geom, added.difference(neighbours))

    def _note_disputed_land(self) -> None:
        """Say, in each region's ``borders``, which disputed areas its outline takes in
        (Natural Earth draws a region as its country administers it), and how much."""
        disputed = [f for f in self.built.values() if f["properties"]["kind"] == "disputed-area"]
        for region in (f for f in self.built.values() if f["properties"]["kind"] == "region"):
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
                    "drawn as it is administered (Natural Earth's de facto view), so its "
                    "outline and area take in " + "; ".join(held)
                )

    def _union(self, entry: dict[str, Any]) -> dict[str, Any]:
        """A place drawn as the union of other places (an article's name for a region)."""
        parts = entry["union_of"]
        missing = [part for part in parts if part not in self.built]
        if missing:
            raise SourceError(f"{entry['id']}: union_of: {', '.join(missing)} must come before it")
        geom = finish_shape(shapely.union_all([shape(self.built[p]["geometry"]) for p in parts]))
        # Its parts come right after who claims it, as a disputed area's popup reads them.
        properties: dict[str, Any] = {}
        for key, value in self._head(entry).items():
            properties[key] = value
            if key == "claimed_by":
                properties["parts"] = list(parts)
        properties.setdefault("parts", list(parts))
        layer = entry["source"]["layer"]
        properties["source"] = {
            "dataset": NATURAL_EARTH,
            "layer": layer,
            "release": self.layers.releases[layer],
            "feature": entry["source"]["feature"],
            "license": NATURAL_EARTH_LICENSE,
            "processing": f"union of the {_COUNTS.get(len(parts), len(parts))} simplified parts",
        }
        properties["facts"] = {"area_km2": round(geodesic_area_km2(geom))}
        return feature(entry["id"], properties, geom)

    def _lines(self, entry: dict[str, Any]) -> dict[str, Any]:
        spec = entry["natural_earth_lines"]
        layer = spec["layer"]
        window = shapely.box(*spec["window"])
        lines = [
            shape(f["geometry"])
            for f in self.layers.features(layer)
            if f["properties"]["name"] == spec["name"]
            and window.contains(shape(f["geometry"]).centroid)
            and shape(f["geometry"]).length > 0
        ]
        if not lines:
            raise SourceError(f"{entry['id']}: no {spec['name']!r} line of {layer} in its window")
        merged = shapely.line_merge(MultiLineString(lines))
        geom = finish_shape(merged.simplify(self.tolerance[layer]))
        if isinstance(geom, LineString):
            geom = MultiLineString([geom])
        properties = self._head(entry)
        properties["source"] = {
            "dataset": NATURAL_EARTH,
            "layer": layer,
            "release": self.layers.releases[layer],
            "feature": f"{len(lines)} '{spec['name']}' lines whose centre lies in the "
            f"{spec['window_name']} window {list(spec['window'])}",
            "license": NATURAL_EARTH_LICENSE,
            "processing": "lines merged, simplified at "
            f"{self.tolerance[layer]} degrees, rounded to 6 decimals",
        }
        properties["facts"] = {"length_km": round(geodesic_length_km(geom), 1)}
        return feature(entry["id"], properties, geom)

    def _locate(self, name: str, point: dict[str, Any]) -> tuple[float, float, dict[str, Any]]:
        if "geonames" in point:
            return geonames.locate(point["geonames"], name, self.min_population)
        if "natural_earth" in point:
            layer, match = point["natural_earth"]["layer"], point["natural_earth"]["match"]
            found = self.layers.find(layer, match)
            lon, lat = found["geometry"]["coordinates"][:2]
            source = self.layers.source(layer, match, found, None)
            return round_coordinate(lon), round_coordinate(lat), source
        lon, lat = point["published"]["coordinates"]
        basis = point["published"]["basis"]
        source = {"dataset": "published coordinates", "basis": basis}
        return round_coordinate(lon), round_coordinate(lat), source

    def _route(self, entry: dict[str, Any]) -> dict[str, Any]:
        """A schematic route straight between its waypoints, kept on land where a road
        would otherwise cross the sea."""
        countries = [f for f in self.built.values() if f["properties"]["kind"] == "country"]
        land = shapely.union_all([shape(f["geometry"]) for f in countries])
        on_land = entry.get("on_land", True)
        points: list[tuple[float, float]] = []
        waypoints: list[dict[str, Any]] = []
        detours: list[str] = []
        for waypoint in entry["waypoints"]:
            lon, lat, source = self._locate(waypoint["name"], waypoint)
            if points and on_land:
                try:
                    leg = land_path(points[-1], (lon, lat), land)
                except NoLandPathError as exc:
                    raise SourceError(
                        f"{entry['id']}: {waypoints[-1]['name']} → {waypoint['name']}: {exc}"
                    ) from None
                if len(leg) > 2:
                    detours.append(f"{waypoints[-1]['name']} → {waypoint['name']}")
                points.extend((round_coordinate(x), round_coordinate(y)) for x, y in leg[1:-1])
            points.append((lon, lat))
            waypoints.append(
                {"name": waypoint["name"], "coordinates": [lon, lat], "source": source}
            )
        geom = LineString(points)
        note = "straight segments between named waypoints"
        if detours:
            note += (
                f"; where a straight segment would cross the sea ({'; '.join(detours)}), the "
                f"line keeps to the land by the shortest way, bending at least "
                f"{LAND_MARGIN_KM:g} km inside the coast drawn here"
            )
        properties = self._head(entry)
        properties.update(
            {
                "schematic": True,
                "schematic_note": note,
                "surface": "land" if on_land else "sea",
                "alignment": entry["alignment"],
                "waypoints": waypoints,
                "source": {
                    "dataset": "corridor-map waypoints",
                    "basis": "each waypoint's own source (GeoNames, Natural Earth or published)",
                    "license": geonames.GEONAMES_LICENSE + "; " + NATURAL_EARTH_LICENSE,
                },
                "facts": {"length_km": round(geodesic_length_km(geom), 1)},
            }
        )
        return feature(entry["id"], properties, geom)
