"""A dataset as two GeoDataFrames: one row per place, one row per claim (EPSG:4326).

geopandas is imported here only, so that building maps never pays for it.
"""

from __future__ import annotations

import json
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any

from shapely.geometry import Point

from geo._checks.factcheck import claim_verdict, statement_entries
from geo._rendering.payload import anchor_of
from geo.model import Dataset

if TYPE_CHECKING:
    import geopandas

CRS = "EPSG:4326"

SOURCE_KEYS = (
    "dataset",
    "layer",
    "release",
    "feature",
    "match",
    "geonameid",
    "basis",
    "processing",
    "license",
)
"""The members of a place's ``source`` that become columns (``source_<key>``)."""

PLACE_COLUMNS = (
    "id",
    "name",
    "kind",
    "aliases",
    "country",
    "region",
    "part_of",
    "administered_by",
    "claimed_by",
    "area_km2",
    "length_km",
    "schematic",
    *(f"source_{key}" for key in SOURCE_KEYS),
    "file",
    "articles",
    "claims",
)
"""The columns of :func:`places_frame`, in order (``geometry`` last)."""

CLAIM_COLUMNS = (
    "article",
    "claim",
    "number",
    "kind",
    "speaker",
    "speaker_name",
    "speaker_role",
    "speaker_type",
    "quote",
    "sentence",
    "quote_start",
    "place",
    "place_name",
    "places",
    "draft",
    "verdict",
    "headline",
    "publisher",
    "published",
    "url",
    "map_link",
)
"""The columns of :func:`claims_frame`, in order (``geometry`` last)."""

LIST_SEPARATOR = "; "
"""How lists (aliases, place ids, articles) are joined into one text cell."""


def _joined(values: Any) -> str | None:
    if not values:
        return None
    if isinstance(values, str):
        return values
    return LIST_SEPARATOR.join(str(value) for value in values)


def _text(value: Any) -> str | None:
    """A provenance value as one text cell: JSON for a mapping or list, else as written."""
    if value is None:
        return None
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def _in_data_folder(dataset: Dataset, file: str) -> str:
    """A place's file relative to the data folder (``geojson/x.geojson``), so an export does
    not depend on the folder's name."""
    path = PurePosixPath(file)
    return (
        path.relative_to(dataset.root.name).as_posix()
        if path.is_relative_to(dataset.root.name)
        else file
    )


def place_rows(dataset: Dataset) -> list[dict[str, Any]]:
    """One plain row per place of ``dataset`` (sorted by id), its shape under ``geometry``."""
    used: dict[str, set[str]] = {}
    counts: dict[str, int] = {}
    for article in dataset.articles:
        for claim in article.claims:
            for place_id in claim.places:
                used.setdefault(place_id, set()).add(article.id)
                counts[place_id] = counts.get(place_id, 0) + 1
        for place_id in article.context_places:
            used.setdefault(place_id, set()).add(article.id)
    rows = []
    for place_id in sorted(dataset.places):
        place = dataset.places[place_id]
        props = place.properties
        facts = props.get("facts") or {}
        source = props.get("source") or {}
        row: dict[str, Any] = {
            "id": place.id,
            "name": place.name,
            "kind": place.kind,
            "aliases": _joined(props.get("aliases")),
            "country": props.get("country"),
            "region": props.get("region"),
            "part_of": props.get("part_of"),
            "administered_by": _joined(props.get("administered_by")),
            "claimed_by": _joined(props.get("claimed_by")),
            "area_km2": facts.get("area_km2"),
            "length_km": facts.get("length_km"),
            "schematic": bool(props.get("schematic", False)),
        }
        for key in SOURCE_KEYS:
            row[f"source_{key}"] = _text(source.get(key))
        row["file"] = _in_data_folder(dataset, place.file)
        row["articles"] = _joined(sorted(used.get(place_id, ())))
        row["claims"] = counts.get(place_id, 0)
        row["geometry"] = place.geometry
        rows.append(row)
    return rows


def claim_rows(dataset: Dataset, article_id: str | None = None) -> list[dict[str, Any]]:
    """One plain row per claim (articles in the dataset's order, claims in article order),
    its marker's point under ``geometry``; only ``article_id``'s when given."""
    rows = []
    for article in dataset.articles:
        if article_id is not None and article.id != article_id:
            continue
        checked = statement_entries(dataset, article)
        for number, claim in enumerate(article.claims, start=1):
            start = article.quotes.occurrences(claim.quote)[0]
            speaker = article.speakers[claim.speaker]
            place = dataset.places[claim.places[0]]
            lat, lng = anchor_of(place.geometry)
            entries = checked.get(claim.id) or []
            rows.append(
                {
                    "article": article.id,
                    "claim": claim.id,
                    "number": number,
                    "kind": claim.kind,
                    "speaker": speaker.id,
                    "speaker_name": speaker.name,
                    "speaker_role": speaker.role or None,
                    "speaker_type": speaker.type,
                    "quote": claim.quote,
                    "sentence": article.quotes.sentence_text(start, start + len(claim.quote)),
                    "quote_start": start,
                    "place": place.id,
                    "place_name": place.name,
                    "places": _joined(claim.places),
                    "draft": claim.draft,
                    "verdict": claim_verdict(entries) if entries else None,
                    "headline": article.meta("headline"),
                    "publisher": article.meta("publisher"),
                    "published": article.meta("published"),
                    "url": article.meta("url") or None,
                    "map_link": f"{article.id}.html#claim-{claim.id}",
                    "geometry": Point(lng, lat),
                }
            )
    return rows


def places_frame(dataset: Dataset) -> geopandas.GeoDataFrame:
    """Every place of ``dataset``: one row each, its geometry in EPSG:4326.

    Columns are :data:`PLACE_COLUMNS` then ``geometry``: the place's id, name and kind,
    aliases (joined by ``"; "``), the places it lies in or belongs to, who administers
    and claims it (disputed areas), its geodesic facts, its provenance (``source_*``, and
    the ``file`` it was read from), and the articles that use it with their number of
    claims.
    """
    return _frame(place_rows(dataset), PLACE_COLUMNS)


def claims_frame(dataset: Dataset, article_id: str | None = None) -> geopandas.GeoDataFrame:
    """Every claim of ``dataset`` (or of one article): one row each, at its marker's point.

    Columns are :data:`CLAIM_COLUMNS` then ``geometry``: the article and claim ids, the
    claim's number on its map, kind, speaker (id, name, role, type), the verbatim quote,
    the sentence it comes from and where the quote starts in the body, the place its
    marker stands at and every place it names, whether it is an unreviewed draft, the
    geographic verdict (``holds``, ``contradicted``, ``cannot be checked``, or none when
    it states nothing to check), the article's headline, publisher, date and address,
    and the claim's own link on its map. The point is the one its map draws the marker at.
    """
    return _frame(claim_rows(dataset, article_id), CLAIM_COLUMNS)


def _frame(rows: list[dict[str, Any]], columns: tuple[str, ...]) -> geopandas.GeoDataFrame:
    import geopandas

    geometry = [row.pop("geometry") for row in rows]
    frame = geopandas.GeoDataFrame(
        {column: [row[column] for row in rows] for column in columns},
        geometry=geometry,
        crs=CRS,
    )
    return frame
