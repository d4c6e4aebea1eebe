"""Reading the Natural Earth extracts: one GeoJSON file per layer."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from geo.errors import CorridorMapError

NATURAL_EARTH = "Natural Earth"
NATURAL_EARTH_LICENSE = "public domain (Made with Natural Earth)"


class SourceError(CorridorMapError):
    """A source file or feature that a place needs is missing or unreadable."""


class NaturalEarth:
    """The layers of a folder of Natural Earth extracts (``<layer>.geojson``), read once.

    Parameters
    ----------
    folder : Path
        The extracts' folder.
    releases : dict of str to str
        Each layer's release, as the places' provenance states it.
    """

    def __init__(self, folder: Path, releases: dict[str, str]) -> None:
        self.folder = folder
        self.releases = releases
        self._layers: dict[str, list[dict[str, Any]]] = {}

    def features(self, layer: str) -> list[dict[str, Any]]:
        """Every feature of ``layer``."""
        if layer not in self._layers:
            path = self.folder / f"{layer}.geojson"
            try:
                document = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise SourceError(f"{path.as_posix()}: cannot be read: {exc}") from None
            self._layers[layer] = document["features"]
        return self._layers[layer]

    def where(self, layer: str, match: dict[str, Any]) -> list[dict[str, Any]]:
        """The features of ``layer`` whose properties hold every value of ``match``."""
        return [
            feature
            for feature in self.features(layer)
            if all(feature["properties"].get(key) == value for key, value in match.items())
        ]

    def find(self, layer: str, match: dict[str, Any]) -> dict[str, Any]:
        """The one feature of ``layer`` that ``match`` picks."""
        hits = self.where(layer, match)
        if len(hits) != 1:
            raise SourceError(f"{layer}: {len(hits)} features match {match}, expected 1")
        return hits[0]

    def source(
        self, layer: str, match: dict[str, Any], feature: dict[str, Any], tolerance: float | None
    ) -> dict[str, Any]:
        """The provenance of a place made of ``feature`` (simplified at ``tolerance``)."""
        processing = "rounded to 6 decimals"
        if tolerance is not None:
            processing = (
                f"coverage-simplified with the rest of its layer at {tolerance} degrees, "
                "rounded to 6 decimals, rings oriented counter-clockwise"
            )
        label = feature["properties"].get("name") or feature["properties"].get("BRK_NAME")
        return {
            "dataset": NATURAL_EARTH,
            "layer": layer,
            "release": self.releases[layer],
            "feature": label or feature["properties"].get("ADMIN"),
            "match": dict(match),
            "license": NATURAL_EARTH_LICENSE,
            "processing": processing,
        }
