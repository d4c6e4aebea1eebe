"""What a map says about a place in its tooltip and popup: plain text lines.

Disputed areas are told fairly: the neutral name first, who administers and who claims,
each party's term, and the article's own wording labelled as the article's.
"""

from __future__ import annotations

from typing import Any

from geo._checks.numbers import format_number
from geo.model import Place


def _join(values: list[str]) -> str:
    return " and ".join(values)


def _about(value: float) -> str:
    """``value`` to three significant figures, as a measurement of a drawn shape deserves
    (2,557.6 → "2,560"; 65,244 → "65,200")."""
    rounded = float(f"{value:.3g}")
    return f"{rounded:,.0f}" if abs(rounded) >= 100 else f"{rounded:g}"


def place_info(place: Place, terms: dict[str, str], context: bool) -> dict[str, Any]:
    """Tooltip (``summary``) and popup (``summary`` + ``details``) lines for ``place``.

    Parameters
    ----------
    place : Place
        The place.
    terms : dict of str to str
        The article's own wording of places (place id → term).
    context : bool
        Whether the map shows the place for context only (no claim of its article uses it).
    """
    props = place.properties
    facts: dict[str, Any] = props.get("facts") or {}
    summary: list[str] = []
    details: list[str] = []
    if place.kind == "disputed-area":
        summary.append(
            f"Administered by {_join(props['administered_by'])}; "
            f"claimed by {_join(props['claimed_by'])}"
        )
        own = terms.get(place.id)
        parent = props.get("part_of")
        if own:
            summary.append(f"This article calls it “{own}” (the article’s wording)")
        elif parent and parent in terms:
            summary.append(f"Part of what this article calls “{terms[parent]}”")
        for party, term in props.get("terms_by_party", {}).items():
            label = "Neutral usage" if party == "neutral" else f"{party} calls it"
            details.append(f"{label}: {term}")
        for party, position in (props.get("positions") or {}).items():
            details.append(f"{party}’s position: {position}")
        if props.get("positions_source"):
            details.append(f"Source of the positions: {props['positions_source']}")
        if props.get("history"):
            details.append(f"History: {props['history']}")
        if props.get("administration_basis"):
            details.append(f"Administration: {props['administration_basis']}")
    elif place.kind == "route":
        length = float(facts["length_km"])  # validation requires it of a route
        summary.append(
            f"Schematic line through {len(props['waypoints'])} named waypoints, about "
            f"{_about(length)} km as drawn — not surveyed road geometry, nor the length of "
            "any road"
        )
        summary.append(f"Alignment: {props['alignment']}")
        if props.get("schematic_note"):
            details.append(f"Drawn as: {props['schematic_note']}")
        details.append("Waypoints: " + " → ".join(w["name"] for w in props["waypoints"]))
    elif place.kind == "claim-line":
        summary.append(f"Line claimed by {_join(props['claimed_by'])} (Natural Earth)")
    else:
        summary.append(place.kind.replace("-", " ").capitalize())
        if place.id in terms:
            summary.append(f"This article calls it “{terms[place.id]}”")
    area = facts.get("area_km2")
    if area is not None:
        details.append(
            f"Area of the outline drawn here: about {_about(area)} km² (measured on the "
            "simplified shape, not an official figure)"
        )
    details.extend(_cited_lines(props.get("cited_figures") or []))
    if props.get("borders"):
        details.append(f"Borders: {props['borders']}")
    if context:
        details.append("Context: not named by the article, shown to help read the map")
    aliases = [a for a in props.get("aliases", []) if a != place.name]
    if aliases:
        details.append("Also written: " + "; ".join(aliases))
    details.append("Source: " + _source_text(props["source"]))
    return {"name": place.name, "summary": summary, "details": details}


_UNITS = {"area_km2": ("area", "km²"), "length_km": ("length", "km")}


def _cited_lines(figures: list[dict[str, Any]]) -> list[str]:
    """One line per cited figure: the number, what it covers, whose it is, and where."""
    lines = []
    for figure in figures:
        label, unit = _UNITS[figure["measure"]]
        source = figure["source"]
        where = ", ".join(
            str(part)
            for part in (source.get("title"), source["publisher"], source.get("published"))
            if part
        )
        if source.get("url"):
            where += f" ({source['url']})"
        where += f": “{source['excerpt']}”"
        about = "about " if figure.get("approximate") else ""
        lines.append(
            f"Cited {label}: {about}{format_number(float(figure['value']))} {unit} for "
            f"{figure['of']}, as stated by {figure['stated_by']} — source: {where}"
        )
    return lines


def waypoint_info(route: Place, waypoint: dict[str, Any]) -> dict[str, Any]:
    """Tooltip and popup lines for one waypoint of a route."""
    lon, lat = waypoint["coordinates"]
    return {
        "name": waypoint["name"],
        "summary": [f"Waypoint of the {route.name}", f"{lat:.4f}° N, {lon:.4f}° E"],
        "details": ["Source: " + _source_text(waypoint.get("source", {}))],
    }


def _source_text(source: dict[str, Any]) -> str:
    parts = [str(source.get("dataset", "unknown"))]
    for key in ("layer", "release", "feature", "geonameid", "basis", "license"):
        if source.get(key) not in (None, ""):
            parts.append(f"{key} {source[key]}")
    return ", ".join(parts)
