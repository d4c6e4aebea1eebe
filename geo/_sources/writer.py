"""Writing place files: shapes rounded and oriented as RFC 7946 wants, readable JSON."""

from __future__ import annotations

import json
from typing import Any

import shapely
from shapely.geometry import mapping
from shapely.geometry.base import BaseGeometry
from shapely.geometry.polygon import orient

DECIMALS = 6


def round_coordinate(value: float) -> float:
    """A longitude or latitude rounded as place files hold it."""
    return round(float(value), DECIMALS)


def finish_shape(geom: BaseGeometry) -> BaseGeometry:
    """Round to six decimals keeping the shape valid, and orient polygon rings."""
    geom = shapely.set_precision(geom, 10**-DECIMALS)
    if geom.geom_type == "Polygon":
        return orient(geom, sign=1.0)
    if geom.geom_type == "MultiPolygon":
        return shapely.MultiPolygon([orient(part, sign=1.0) for part in geom.geoms])
    return geom


def feature(place_id: str, properties: dict[str, Any], geom: BaseGeometry) -> dict[str, Any]:
    """A GeoJSON Feature of a place."""
    return {"type": "Feature", "id": place_id, "properties": properties, "geometry": mapping(geom)}


def format_feature_collection(features: list[dict[str, Any]]) -> str:
    """Serialise features readably: properties indented, each geometry on one line."""
    blocks = []
    for item in features:
        geometry = json.dumps(_plain(item["geometry"]), ensure_ascii=False, separators=(",", ":"))
        properties = json.dumps(item["properties"], ensure_ascii=False, indent=2)
        properties = properties.replace("\n", "\n    ")
        blocks.append(
            "    {\n"
            '    "type": "Feature",\n'
            f'    "id": {json.dumps(item["id"])},\n'
            f'    "properties": {properties},\n'
            f'    "geometry": {geometry}\n'
            "    }"
        )
    return (
        '{\n  "type": "FeatureCollection",\n  "features": [\n' + ",\n".join(blocks) + "\n  ]\n}\n"
    )


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, float):
        return round(value, DECIMALS)
    return value
