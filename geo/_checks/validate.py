"""Loading and validating a whole data folder, reporting every problem at once."""

from __future__ import annotations

from collections.abc import Iterator, Set
from pathlib import Path

import numpy as np
import shapely
from shapely.ops import nearest_points

from geo._checks.claim_checks import (
    article_claim_problems,
    claim_place_problems,
    editor_link_warnings,
)
from geo._checks.geometry import WGS84, CheckedGeometry, centre, geodesic_length_km
from geo._checks.place_rules import POINT_KINDS
from geo._checks.validate_ids import unknown_id_message
from geo._loading.articles import claims_display_path, load_articles
from geo._loading.basemap import load_basemap
from geo._loading.fileio import DataReader
from geo._loading.places import LoadedPlaces, load_places
from geo._loading.settings import load_settings
from geo.errors import CorridorMapError, DataError, Problem
from geo.model import Article, Dataset, Place, Settings

CONTAINMENT_TOLERANCE_KM = 5.0
"""How far outside its declared country or region a place may lie (coastal points)."""
SEA_CROSSING_TOLERANCE_KM = 5.0
"""How far a route on land may run over a sea of the data (coastal waypoints, simplified
coasts): a few kilometres, never the open sea between two coastal towns."""
_CONTAINERS = ("country", "region")
_REFERENCES = ("country", "region", "sea", "part_of")
_REFERENCE_KINDS = {
    "country": frozenset({"country"}),
    "region": frozenset({"region", "disputed-area"}),
    "sea": frozenset({"sea"}),
    "part_of": frozenset({"country", "region", "disputed-area", "sea"}),
}
"""The kinds of place each reference may name."""


def load_dataset(root: Path) -> Dataset:
    """Load and validate everything under the data folder ``root``.

    Parameters
    ----------
    root : Path
        The data folder (holding ``articles/`` and ``geojson/``).

    Returns
    -------
    Dataset
        The validated places and articles.

    Raises
    ------
    CorridorMapError
        When ``root`` is not a folder.
    DataError
        When anything is wrong; its ``problems`` lists every problem found.
    """
    if not root.is_dir():
        raise CorridorMapError(f"data folder {root.as_posix()} does not exist")
    reader = DataReader(root)
    loaded, problems = checked_places(reader)
    places = loaded.places
    articles, article_problems = load_articles(reader)
    problems.extend(article_problems)
    shown = {article.id: claims_display_path(article, reader) for article in articles}
    for article in articles:
        # Coverage is only meaningful when every claim loaded; otherwise it would repeat them.
        complete = not any(p.file == shown[article.id] for p in article_problems)
        problems.extend(article_claim_problems(article, shown[article.id], check_coverage=complete))
    problems.extend(claim_place_problems(articles, places, loaded.broken_ids, shown))
    if not articles and not article_problems:
        problems.append(Problem(root.as_posix(), "-", "-", "holds no article under articles/"))
    basemap, settings, found = checked_surroundings(reader, places)
    problems.extend(found)
    warnings = reader.warnings + list(editor_link_warnings(articles, places, shown))
    warnings.extend(draft_warnings(articles, shown))
    if problems:
        raise DataError(problems, warnings=warnings)
    dataset = Dataset(
        root=root,
        places=places,
        articles=articles,
        basemap=basemap,
        warnings=warnings,
        settings=settings,
    )
    if any(claim.unchecked or claim.checks for article in articles for claim in article.claims):
        from geo._checks.factcheck import statement_problems  # only a data that switches one off

        unmatched = [
            Problem(shown[article_id], claim_id, where, message)
            for article_id, claim_id, where, message in statement_problems(dataset)
        ]
        if unmatched:
            raise DataError(unmatched, warnings=warnings)
    return dataset


def checked_places(reader: DataReader) -> tuple[LoadedPlaces, list[Problem]]:
    """The data folder's places, and every problem of them: of each file, of what they
    refer to, of routes over the sea."""
    loaded = load_places(reader)
    problems = list(loaded.problems)
    problems.extend(place_reference_problems(loaded.places, loaded.broken_ids))
    problems.extend(route_surface_problems(loaded.places))
    return loaded, problems


def checked_surroundings(
    reader: DataReader, places: dict[str, Place]
) -> tuple[list[CheckedGeometry] | None, Settings, list[Problem]]:
    """The basemap and the settings, and their problems (countries the basemap lacks)."""
    basemap, problems = load_basemap(reader)
    problems = list(problems)
    problems.extend(country_problems(places, basemap))
    settings, settings_problems = load_settings(reader)
    problems.extend(settings_problems)
    return basemap, settings, problems


def draft_warnings(articles: list[Article], shown: dict[str, str]) -> Iterator[Problem]:
    """A warning for each article some of whose claims are drafts nobody has reviewed."""
    for article in articles:
        drafts = sum(claim.draft for claim in article.claims)
        if drafts:
            yield Problem(
                shown[article.id],
                "-",
                "claims",
                f"{drafts} of {len(article.claims)} claims are drafts, not reviewed: check "
                f"each against the article, then run corridor-map review {article.id}",
            )


def country_problems(
    places: dict[str, Place], basemap: list[CheckedGeometry] | None
) -> Iterator[Problem]:
    """A point that declares no country must lie in one of the data's or the basemap's.

    A town with longitude and latitude swapped lands far from any land the data knows
    (the Arctic, the open sea); a declared country is checked by
    :func:`place_reference_problems` instead.
    """
    points = [
        place
        for place in places.values()
        if place.kind in POINT_KINDS and place.properties.get("country") is None
    ]
    if not points:
        return
    countries = [p.geometry for p in places.values() if p.kind == "country"]
    countries += [g.shape for g in basemap or []]
    xs = np.array([p.geometry.x for p in points])
    ys = np.array([p.geometry.y for p in points])
    inside = np.zeros(len(points), dtype=bool)
    for country in countries:
        shapely.prepare(country)
        inside |= shapely.contains_xy(country, xs, ys)
    for place, found in zip(points, inside, strict=True):
        if not found:
            yield Problem(
                place.file,
                place.id,
                "geometry",
                f"[{place.geometry.x}, {place.geometry.y}] lies in none of the countries of "
                "the data or the basemap (are longitude and latitude swapped?); declare its "
                "country if the position is right",
            )


def place_reference_problems(
    places: dict[str, Place], broken_ids: Set[str] = frozenset()
) -> Iterator[Problem]:
    """Check references between places, and that each lies inside what it is declared in.

    A place declared in a country or region must lie inside it (within
    :data:`CONTAINMENT_TOLERANCE_KM`): this catches swapped longitude and latitude
    that a range check cannot.
    """
    known = sorted(places)
    for place in places.values():
        outside: list[Problem] = []
        for field in _REFERENCES:
            target = place.properties.get(field)
            if target is None:
                continue
            if isinstance(target, str) and target in broken_ids:
                continue
            if not isinstance(target, str) or target not in places:
                yield Problem(place.file, place.id, field, unknown_id_message(str(target), known))
                continue
            if places[target].kind not in _REFERENCE_KINDS[field]:
                allowed = " or ".join(sorted(_REFERENCE_KINDS[field]))
                yield Problem(
                    place.file,
                    place.id,
                    field,
                    f"{target!r} is a {places[target].kind}, not a {allowed}",
                )
                continue
            if field in _CONTAINERS and not outside:
                # One place outside its country is one problem, not one per container.
                outside = list(_containment(place, places[target], field))
                yield from outside
        parts = place.properties.get("parts", [])
        for index, part in enumerate(parts if isinstance(parts, list) else [parts]):
            if not isinstance(part, str) or (part not in places and part not in broken_ids):
                message = unknown_id_message(str(part), known)
                yield Problem(place.file, place.id, f"parts[{index}]", message)


def route_surface_problems(places: dict[str, Place]) -> Iterator[Problem]:
    """A route on land (a road, a railway) must not run over a sea of the data.

    A schematic route drawn straight between two coastal towns crosses the bay between
    them; such a line puts a road where there is water.
    """
    seas = [place for place in places.values() if place.kind == "sea"]
    for route in places.values():
        if route.kind != "route" or route.properties.get("surface") == "sea":
            continue
        for sea in seas:
            wet = route.geometry.intersection(sea.geometry)
            km = 0.0 if wet.is_empty else geodesic_length_km(wet)
            if km > SEA_CROSSING_TOLERANCE_KM:
                yield Problem(
                    route.file,
                    route.id,
                    "geometry",
                    f"runs {km:,.1f} km over {sea.id}, more than the "
                    f"{SEA_CROSSING_TOLERANCE_KM:g} km a route on land may touch a sea (add "
                    'waypoints on the road; a shipping lane sets surface to "sea")',
                )


def _containment(place: Place, container: Place, field: str) -> Iterator[Problem]:
    point = centre(place.geometry)
    if container.geometry.contains(point):
        return
    nearest = nearest_points(container.geometry, point)[0]
    _, _, metres = WGS84.inv(point.x, point.y, nearest.x, nearest.y)
    if metres / 1000 > CONTAINMENT_TOLERANCE_KM:
        yield Problem(
            place.file,
            place.id,
            field,
            f"lies {metres / 1000:,.0f} km outside {container.id}, the {field} it is declared "
            f"in (are longitude and latitude swapped?)",
        )
