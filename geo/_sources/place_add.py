"""Adding one place to a data folder: from the gazetteers, a vector file, or coordinates.

Whatever its origin, the place is written as the project's other places are: one
FeatureCollection in ``geojson/<id>.geojson`` with its name, kind, aliases, the id of its
country when the data has that country, its source (dataset, release, feature) and its
geodesic facts. It is checked by the same rules as ``validate`` before anything is written,
and an existing file is never replaced.
"""

from __future__ import annotations

import math
import re
import unicodedata
from pathlib import Path
from typing import Any

from shapely.geometry import mapping, shape
from shapely.validation import explain_validity

from geo._checks.geometry import geodesic_area_km2, geodesic_length_km
from geo._checks.place_rules import GEOMETRY_BY_KIND
from geo._loading.fileio import DataReader, write_atomic
from geo._loading.places import GEOJSON_FOLDER, load_places
from geo._loading.slugs import MAX_SLUG_LENGTH, slug_problem
from geo._sources.gazetteer import Candidate, find_places, normalised
from geo._sources.writer import finish_shape, format_feature_collection
from geo.errors import CorridorMapError, DataError

POINT_KINDS = ("city", "port", "mountain-pass")


class PlaceAddError(CorridorMapError):
    """A place cannot be added as asked (unknown, ambiguous, or already there)."""


def add_from_gazetteer(
    data_dir: Path,
    name: str,
    country: str | None = None,
    kind: str | None = None,
    place_id: str | None = None,
    geonames_id: int | None = None,
) -> Path:
    """Add the place the gazetteers know as ``name``; return the file written.

    Raises
    ------
    PlaceAddError
        When no place or several places match (the message lists them, with what tells
        them apart), or the id is taken.
    """
    candidates = find_places(name, country=country, kind=kind, geonames_id=geonames_id)
    if not candidates:
        narrowed = ", ".join(
            f"{label} {value}" for label, value in (("in", country), ("of kind", kind)) if value
        )
        raise PlaceAddError(
            f"no place called {name!r}{' ' + narrowed if narrowed else ''} in the gazetteer "
            "(Natural Earth's countries, divisions, seas, ports and disputed areas of the "
            "region; GeoNames' places of over 500 people); add it with --from FILE or "
            "--lat/--lon and --source"
        )
    if len(candidates) > 1:
        listed = "; ".join(c.describe() for c in candidates[:10])
        more = f" and {len(candidates) - 10} more" if len(candidates) > 10 else ""
        raise PlaceAddError(
            f"{len(candidates)} places are called {name!r}: {listed}{more}; choose one with "
            "--country, --kind or --geonames-id"
        )
    return _write_candidate(data_dir, candidates[0], place_id)


def add_from_point(
    data_dir: Path,
    name: str,
    lon: float,
    lat: float,
    source_text: str,
    kind: str = "city",
    place_id: str | None = None,
) -> Path:
    """Add a point from a document's coordinates, its basis in ``source_text``."""
    if kind not in POINT_KINDS:
        raise PlaceAddError(f"a point is a {', '.join(POINT_KINDS)}, not a {kind}")
    if not source_text.strip():
        raise PlaceAddError("--source must say where the coordinates come from")
    if not (math.isfinite(lon) and math.isfinite(lat)):
        raise PlaceAddError("--lat and --lon must be numbers (not nan or inf)")
    candidate = Candidate(
        name=name,
        kind=kind,
        geometry={"type": "Point", "coordinates": [lon, lat]},
        source={"dataset": "published coordinates", "basis": source_text.strip()},
    )
    return _write_candidate(data_dir, candidate, place_id)


def add_from_file(
    data_dir: Path,
    name: str,
    path: Path,
    where: str | None,
    kind: str,
    source_text: str | None = None,
    place_id: str | None = None,
) -> Path:
    """Add the one feature of a vector file (GeoJSON, Shapefile, GeoPackage...) that
    ``where`` (an OGR SQL condition, e.g. ``"NAME = 'Tarbela'"``) selects."""
    import pyogrio  # only here: reading users' files is this command's alone

    if kind not in GEOMETRY_BY_KIND:
        raise PlaceAddError(f"unknown kind {kind!r} (one of: {', '.join(GEOMETRY_BY_KIND)})")
    try:
        frame = pyogrio.read_dataframe(path, where=where)
    except Exception as exc:  # pyogrio raises its own and GDAL's errors
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise PlaceAddError(f"{path.as_posix()}: cannot be read: {first}") from None
    if len(frame) != 1:
        if where is None:
            raise PlaceAddError(
                f"{path.as_posix()}: holds {len(frame)} features, expected 1 (pick one with "
                "--where)"
            )
        raise PlaceAddError(
            f"{path.as_posix()}: {len(frame)} features match {where!r}, expected 1 "
            "(narrow it with --where)"
        )
    chosen = f"the feature matching {where!r}" if where else "its feature"
    if frame.crs is not None and frame.crs.to_epsg() != 4326:
        frame = frame.to_crs(4326)
    geom = frame.geometry.iloc[0]
    if geom is None or geom.is_empty:
        raise PlaceAddError(f"{path.as_posix()}: {chosen} has no geometry")
    processing = "rounded to 6 decimals"
    if frame.crs is None:
        west, south, east, north = geom.bounds
        if not (-180 <= west <= east <= 180 and -90 <= south <= north <= 90):
            raise PlaceAddError(
                f"{path.as_posix()}: says no coordinate system, and its coordinates "
                f"({west:.6g}, {south:.6g}) are not longitude and latitude (give the file "
                "its .prj, or convert it to WGS 84)"
            )
        processing = "no coordinate system in the file: read as WGS 84 longitude/latitude; "
        processing += "rounded to 6 decimals"
    if not geom.is_valid:
        raise PlaceAddError(
            f"{path.as_posix()}: {chosen} is not a valid shape: {explain_validity(geom)}"
        )
    source: dict[str, Any] = {"dataset": path.name, "processing": processing}
    if where:
        source["feature"] = where
    if source_text:
        source["basis"] = source_text
    candidate = Candidate(name=name, kind=kind, geometry=mapping(geom), source=source)
    return _write_candidate(data_dir, candidate, place_id)


def place_slug(name: str) -> str:
    """A place id from its name: "Khyber Pakhtunkhwa" → ``khyber-pakhtunkhwa``."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    slug = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")
    return slug[:MAX_SLUG_LENGTH].rstrip("-") or "place"


def _write_candidate(data_dir: Path, candidate: Candidate, place_id: str | None) -> Path:
    place_id = place_id or place_slug(candidate.name)
    if (problem := slug_problem(place_id)) is not None:
        raise PlaceAddError(f"--id {problem}")
    folder = data_dir / GEOJSON_FOLDER
    target = folder / f"{place_id}.geojson"
    existing = load_places(DataReader(data_dir)) if folder.is_dir() else None
    if target.exists() or (existing is not None and place_id in existing.places):
        raise PlaceAddError(
            f"{target.as_posix()}: a place with the id {place_id!r} exists already; choose "
            "another with --id"
        )
    feature = _feature(candidate, place_id, existing.places if existing else {})
    write_atomic(target, format_feature_collection([feature]).encode("utf-8"))
    _check_in_place(data_dir, target, place_id)
    return target


def _feature(candidate: Candidate, place_id: str, places: dict[str, Any]) -> dict[str, Any]:
    geom = finish_shape(shape(candidate.geometry))
    properties: dict[str, Any] = {
        "name": candidate.name,
        "kind": candidate.kind,
        "role": "named",
        "aliases": [a for a in candidate.aliases if a != candidate.name],
    }
    country_id = _country_id(candidate.country, places) if candidate.kind != "country" else None
    if country_id is not None:
        properties["country"] = country_id
    if candidate.kind == "disputed-area":
        properties["administered_by"] = list(candidate.extra.get("administered_by", []))
        properties["claimed_by"] = list(candidate.extra.get("claimed_by", []))
        properties["terms_by_party"] = {"neutral": candidate.name}
    properties["source"] = dict(candidate.source)
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        properties["facts"] = {"area_km2": round(geodesic_area_km2(geom))}
    elif geom.geom_type in ("LineString", "MultiLineString"):
        properties["facts"] = {"length_km": round(geodesic_length_km(geom), 1)}
    return {"type": "Feature", "id": place_id, "properties": properties, "geometry": mapping(geom)}


def _country_id(country: str | None, places: dict[str, Any]) -> str | None:
    """The id of the data's place for ``country``, by its name or one of its aliases."""
    if country is None:
        return None
    wanted = normalised(country)
    for place_id, place in sorted(places.items()):
        if place.kind != "country":
            continue
        names = [place.name, *place.properties.get("aliases", [])]
        if wanted in (normalised(n) for n in names):
            return str(place_id)
    return None


def _check_in_place(data_dir: Path, target: Path, place_id: str) -> None:
    """Validate the data with the new place; remove it and say why if it breaks a rule
    (a point at sea, outside its country, a shape the checks refuse)."""
    from geo._checks.validate import load_dataset  # here: validation imports much of the package

    try:
        load_dataset(data_dir)
    except DataError as exc:
        ours = [p for p in exc.problems if p.file.endswith(f"/{place_id}.geojson")]
        if ours:
            target.unlink(missing_ok=True)
            raise DataError(ours) from None
