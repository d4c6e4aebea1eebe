"""The data a map's script receives: claims with everything their popups show.

Everything here is plain data, serialised once as JSON (see :func:`to_script_json`); the
page's script builds popups and the panel from it with ``textContent``, so no text of an
article ever becomes markup.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from shapely.geometry.base import BaseGeometry

from geo._checks.factcheck import VERDICT_ORDER, claim_verdict, statement_entries
from geo._checks.geometry import centre
from geo._checks.mentions import editor_links
from geo._rendering.styles import KIND_STYLES
from geo.model import Article, Claim, Dataset


def anchor_of(geom: BaseGeometry) -> tuple[float, float]:
    """Where markers of a place go, as (lat, lng): its :func:`geo._checks.geometry.centre`."""
    point = centre(geom)
    return round(point.y, 6), round(point.x, 6)


def byline(article: Article) -> str:
    """Publisher, wire and date of ``article``, as the map's title line and every source
    line show them."""
    parts = (article.meta("publisher"), article.meta("wire"), article.meta("published"))
    return " · ".join(part for part in parts if part)


def article_terms(article: Article) -> dict[str, str]:
    """The article's own wording for places, from its claims (place id → term)."""
    terms: dict[str, str] = {}
    for claim in article.claims:
        for place_id, term in claim.place_terms.items():
            terms.setdefault(place_id, term)
    return terms


def claims_payload(dataset: Dataset, article: Article) -> dict[str, Any]:
    """Build the JSON-ready description of ``article``'s claims for its map."""
    checked = statement_entries(dataset, article)
    claims = []
    for number, claim in enumerate(article.claims, start=1):
        start = article.quotes.occurrences(claim.quote)[0]
        end = start + len(claim.quote)
        context = article.quotes.sentences_over(start, end)
        first, last = context[0], context[-1]
        speaker = article.speakers[claim.speaker]
        claims.append(
            {
                "id": claim.id,
                "n": number,
                "quote": claim.quote,
                "kind": claim.kind,
                "speaker": {"id": speaker.id, "name": speaker.name, "role": speaker.role},
                "context": {
                    "before": article.body[first.start : start],
                    "after": article.body[end : last.end],
                },
                "figures": [
                    {
                        "text": f.text,
                        "value": f.value,
                        "unit": f.unit,
                        "what": f.what,
                        "approximate": f.approximate,
                    }
                    for f in claim.figures
                ],
                "dates": [
                    {"text": d.text, "value": d.value, "basis": d.basis} for d in claim.dates
                ],
                "places": _place_entries(dataset, article, claim),
                "anchor": anchor_of(dataset.places[claim.places[0]].geometry),
            }
        )
        if claim.draft:
            claims[-1]["draft"] = True
        if checked.get(claim.id):
            claims[-1]["checks"] = checked[claim.id]
            claims[-1]["verdict"] = claim_verdict(checked[claim.id])
        if claim.unchecked:
            claims[-1]["unchecked"] = [
                {"text": u.text, "reason": u.reason} for u in claim.unchecked
            ]
    speakers = []
    for claim in article.claims:
        entry = {"id": claim.speaker, "name": article.speakers[claim.speaker].name}
        if entry not in speakers:
            speakers.append(entry)
    return {
        "article": {
            "id": article.id,
            "headline": article.meta("headline"),
            "byline": byline(article),
            "url": article.meta("url"),
            "variants": [
                {
                    "outlet": v.outlet,
                    "published": v.published,
                    "url": v.url,
                    "here": v.here,
                    "there": v.there,
                    "account": v.account,
                }
                for v in article.variants
            ],
        },
        "kinds": [kind for kind in KIND_STYLES if any(c.kind == kind for c in article.claims)],
        "verdicts": [v for v in VERDICT_ORDER if any(c.get("verdict") == v for c in claims)],
        "speakers": speakers,
        "claims": claims,
    }


def _place_entries(dataset: Dataset, article: Article, claim: Claim) -> list[dict[str, str]]:
    """The claim's places: name, the claim's own term, and the editor's basis of a link.

    ``linked`` is present for a place the claim's sentence does not name (see
    :mod:`geo._checks.mentions`), holding the editor's basis (empty when none is given).
    """
    links = editor_links(article, claim, dataset.places)
    entries = []
    for place_id in claim.places:
        entry = {"id": place_id, "name": dataset.places[place_id].name}
        if place_id in claim.place_terms:
            entry["articleTerm"] = claim.place_terms[place_id]
        if place_id in links:
            entry["linked"] = links[place_id]
        entries.append(entry)
    return entries


def to_script_json(data: Any) -> str:
    """Serialise ``data`` as JSON that is safe inside an HTML ``<script>`` element.

    ``<``, ``>`` and ``&`` become ``\\u003c``-style escapes, so no text can close the
    script element or open a comment; the line separators JavaScript once rejected too.
    """
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for char, escape in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escape)
    return text


def feature_collection_json(features: Iterable[tuple[str | None, str]]) -> str:
    """A GeoJSON FeatureCollection made of geometries already written as JSON.

    ``features`` are (id or ``None``, geometry JSON) pairs; the geometries come from
    :class:`geo._checks.geometry.CheckedGeometry` (numbers and a type name only), so they are
    spliced in as they are instead of being parsed and written again.
    """
    items = []
    for feature_id, geometry in features:
        key = "" if feature_id is None else f'"id":{to_script_json(feature_id)},'
        items.append(f'{{"type":"Feature",{key}"properties":{{}},"geometry":{geometry}}}')
    return '{"type":"FeatureCollection","features":[' + ",".join(items) + "]}"
