"""Loading the places of ``data/geojson/``: one RFC 7946 FeatureCollection per file."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from geo._checks.geometry import check_geometry
from geo._checks.markup import markup_in
from geo._checks.place_rules import kind_problems
from geo._loading.fileio import DataReader, FileProblem
from geo._loading.schema import PlaceCollection, PlaceFeature, PlaceProperties, check
from geo._loading.slugs import slug_problem
from geo.errors import Problem
from geo.model import Place

GEOJSON_FOLDER = "geojson"
PLACE_REFERENCES = ("parts", "country", "region", "sea", "part_of")
"""Properties by which a place refers to others, which belong to its world."""


def referred_places(places: dict[str, Place], start: Iterable[str]) -> set[str]:
    """``start`` and every place they refer to, in turn (see :data:`PLACE_REFERENCES`)."""
    wanted = list(start)
    found: set[str] = set()
    while wanted:
        place_id = wanted.pop()
        if place_id in found or place_id not in places:
            continue
        found.add(place_id)
        for key in PLACE_REFERENCES:
            value = places[place_id].properties.get(key)
            wanted.extend(value if isinstance(value, list) else [value] if value else [])
    return found


def place_files(root: Path) -> list[Path]:
    """Return the ``*.geojson`` files of ``root/geojson``, sorted by name."""
    folder = root / GEOJSON_FOLDER
    if not folder.is_dir():
        return []
    return sorted(folder.glob("*.geojson"))


@dataclass
class LoadedPlaces:
    """The outcome of :func:`load_places`.

    Attributes
    ----------
    places : dict of str to Place
        The places that loaded cleanly, keyed by id.
    problems : list of Problem
        Every problem found.
    broken_ids : set of str
        Ids of features that exist but failed a check, so that references to them are
        not reported a second time as unknown.
    """

    places: dict[str, Place] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    broken_ids: set[str] = field(default_factory=set)


def load_places(reader: DataReader) -> LoadedPlaces:
    """Load every place file under ``root``, collecting every problem."""
    loaded = LoadedPlaces()
    places, problems = loaded.places, loaded.problems
    for path in place_files(reader.root):
        shown = reader.shown(path)
        try:
            document = reader.json(path)
        except FileProblem as exc:
            problems.append(exc.problem)
            loaded.broken_ids.add(path.stem)
            continue
        for place_or_problem in _features(document, shown):
            if isinstance(place_or_problem, Problem):
                problems.append(place_or_problem)
                # A file is named after its place: references to it are not reported again.
                loaded.broken_ids.update({place_or_problem.item, path.stem})
            elif place_or_problem.id in places:
                other = places[place_or_problem.id].file
                problems.append(
                    Problem(
                        shown, place_or_problem.id, "id", f"is also the id of a feature in {other}"
                    )
                )
            else:
                places[place_or_problem.id] = place_or_problem
    return loaded


def _features(document: Any, shown: str) -> list[Place | Problem]:
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        return [Problem(shown, "-", "-", "must be a GeoJSON FeatureCollection")]
    if "crs" in document:
        return [Problem(shown, "-", "crs", "must not be present (RFC 7946 is always WGS 84)")]
    features = document.get("features")
    if not isinstance(features, list) or not features:
        return [Problem(shown, "-", "features", "must be a non-empty list of Features")]
    _, problems = check(PlaceCollection, document, shown, "-")
    results: list[Place | Problem] = list(problems)
    for index, feature in enumerate(features):
        results.extend(_feature(feature, shown, index))
    return results


def _feature(feature: Any, shown: str, index: int) -> list[Place | Problem]:
    label = f"feature #{index + 1}"
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        return [Problem(shown, label, "-", "must be a GeoJSON Feature")]
    place_id = feature.get("id")
    why = slug_problem(place_id)
    if why:
        return [Problem(shown, label, "id", why)]
    assert isinstance(place_id, str)
    top, problems = check(PlaceFeature, feature, shown, place_id)
    if top is None:
        return list(problems)
    properties, found = check(PlaceProperties, top.properties, shown, place_id)
    results: list[Place | Problem] = list(found)
    results.extend(
        Problem(shown, place_id, where, why) for where, why in markup_in(top.properties, "")
    )
    checked, geometry_whys = check_geometry(top.geometry)
    results.extend(Problem(shown, place_id, "geometry", why) for why in geometry_whys)
    if results or checked is None or properties is None:
        return results
    results.extend(
        Problem(shown, place_id, where, why)
        for where, why in kind_problems(properties, checked.shape)
    )
    if results:
        return results
    return [
        Place(
            place_id,
            properties.name,
            properties.kind,
            checked.shape,
            dict(top.properties),
            shown,
            checked.json,
        )
    ]
