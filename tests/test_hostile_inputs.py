"""A hostile-input corpus: whatever the data holds, a clear refusal and the last map kept.

Each case breaks a private copy of ``data/`` in one way and runs ``corridor-map build``
over a folder that already holds a good map. Every case must exit 1 with exactly one
``Error:`` line naming the file and the item, print no traceback, and leave the maps
folder byte for byte as it was.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from geo.cli import cli
from tests.conftest import ARTICLE_ID

ARTICLE = f"data/articles/{ARTICLE_ID}"
Mutation = Callable[[Path], None]


def json_file(relative: str, change: Callable[[Any], Any]) -> Mutation:
    def mutate(data: Path) -> None:
        path = data / relative
        document = json.loads(path.read_text(encoding="utf-8"))
        result = change(document)
        path.write_text(
            json.dumps(document if result is None else result, ensure_ascii=False),
            encoding="utf-8",
        )

    return mutate


def raw_file(relative: str, content: bytes) -> Mutation:
    def mutate(data: Path) -> None:
        (data / relative).write_bytes(content)

    return mutate


def place(place_id: str, change: Callable[[dict[str, Any]], Any]) -> Mutation:
    def on_document(document: dict[str, Any]) -> None:
        change(document["features"][0])

    return json_file(f"geojson/{place_id}.geojson", on_document)


def claim(claim_id: str, change: Callable[[dict[str, Any]], Any]) -> Mutation:
    def on_document(document: dict[str, Any]) -> None:
        change(next(c for c in document["claims"] if c["id"] == claim_id))

    return json_file(f"articles/{ARTICLE_ID}/claims.json", on_document)


def speaker(speaker_id: str, field: str, value: Any) -> Mutation:
    def on_document(document: dict[str, Any]) -> None:
        document["speakers"][speaker_id][field] = value

    return json_file(f"articles/{ARTICLE_ID}/claims.json", on_document)


def metadata(field: str, key: str, value: str) -> Mutation:
    def on_document(document: dict[str, Any]) -> None:
        document["metadata"][field][key] = value

    return json_file(f"articles/{ARTICLE_ID}/article.json", on_document)


def geometry(place_id: str, value: Any) -> Mutation:
    return place(place_id, lambda feature: feature.update(geometry=value))


def prop(place_id: str, name: str, value: Any) -> Mutation:
    return place(place_id, lambda feature: feature["properties"].update({name: value}))


def point_text(place_id: str, coordinates: str) -> Mutation:
    """Write a point's coordinates as raw JSON text (for NaN and overflowing numbers)."""

    def mutate(data: Path) -> None:
        path = data / "geojson" / f"{place_id}.geojson"
        document = json.loads(path.read_text(encoding="utf-8"))
        document["features"][0]["geometry"] = {"type": "Point", "coordinates": "@@"}
        text = json.dumps(document).replace('"@@"', coordinates)
        path.write_text(text, encoding="utf-8")

    return mutate


def swap_point(feature: dict[str, Any]) -> None:
    lon, lat = feature["geometry"]["coordinates"]
    feature["geometry"]["coordinates"] = [lat, lon]


def sparse_file(relative: str, size: int) -> Mutation:
    def mutate(data: Path) -> None:
        with (data / relative).open("wb") as handle:
            handle.truncate(size)

    return mutate


def symlink_outside(relative: str) -> Mutation:
    def mutate(data: Path) -> None:
        outside = data.parent / "outside.geojson"
        outside.write_text((data / relative).read_text(encoding="utf-8"), encoding="utf-8")
        (data / relative).unlink()
        (data / relative).symlink_to(outside)

    return mutate


def remove(relative: str) -> Mutation:
    return lambda data: (data / relative).unlink()


def rename_article(new_name: str) -> Mutation:
    def mutate(data: Path) -> None:
        (data / "articles" / ARTICLE_ID).rename(data / "articles" / new_name)

    return mutate


SQUARE = [[60, 25], [62, 25], [62, 27], [60, 27], [60, 25]]
LONG_ID = "x" * 200
G = "data/geojson"
CLAIMS = f"{ARTICLE}/claims.json"
META = f"{ARTICLE}/article.json"

CASES: dict[str, tuple[Mutation, str]] = {
    "truncated JSON": (
        raw_file(f"articles/{ARTICLE_ID}/claims.json", b'{"article": "x", "claims": ['),
        f"{CLAIMS}: is not valid JSON: Expecting value at line 1 column 29",
    ),
    "YAML instead of JSON": (
        raw_file(f"articles/{ARTICLE_ID}/article.json", b"id: x\nmetadata: {}\n"),
        f"{META}: is not valid JSON: Expecting value at line 1 column 1",
    ),
    "not a FeatureCollection": (
        raw_file("geojson/beijing.geojson", b"[1, 2, 3]"),
        f"{G}/beijing.geojson: must be a GeoJSON FeatureCollection",
    ),
    "no features": (
        raw_file("geojson/beijing.geojson", b'{"type": "FeatureCollection", "features": []}'),
        f"{G}/beijing.geojson: features: must be a non-empty list of Features",
    ),
    "null geometry": (
        geometry("beijing", None),
        f"{G}/beijing.geojson: beijing: geometry: must be a GeoJSON geometry object",
    ),
    "unknown geometry type": (
        geometry("beijing", {"type": "Circle", "coordinates": [116, 39]}),
        f"{G}/beijing.geojson: beijing: geometry: type 'Circle' is not one of: Point, "
        "MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon",
    ),
    "geometry type that is a list": (
        geometry("beijing", {"type": [], "coordinates": [116, 39]}),
        f"{G}/beijing.geojson: beijing: geometry: type [] is not one of: Point, MultiPoint, "
        "LineString, MultiLineString, Polygon, MultiPolygon",
    ),
    "facts that are not numbers": (
        prop("xinjiang", "facts", {"area_km2": "large"}),
        f"{G}/xinjiang.geojson: xinjiang: facts.area_km2: must be a number",
    ),
    "parts that name a list": (
        prop("pakistan-administered-kashmir", "parts", [["gilgit-baltistan"]]),
        f"{G}/pakistan-administered-kashmir.geojson: pakistan-administered-kashmir: parts[0]: "
        "must be a string",
    ),
    "geometry collection": (
        geometry("beijing", {"type": "GeometryCollection", "geometries": []}),
        f"{G}/beijing.geojson: beijing: geometry: type 'GeometryCollection' is not one of: "
        "Point, MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon",
    ),
    "empty geometry": (
        geometry("beijing", {"type": "MultiPoint", "coordinates": []}),
        f"{G}/beijing.geojson: beijing: geometry: MultiPoint has no coordinates",
    ),
    "NaN coordinate": (
        point_text("beijing", "[NaN, 39.9]"),
        f"{G}/beijing.geojson: is not valid JSON: NaN is not a JSON number",
    ),
    "Infinity coordinate": (
        point_text("beijing", "[Infinity, 39.9]"),
        f"{G}/beijing.geojson: is not valid JSON: Infinity is not a JSON number",
    ),
    "overflowing coordinate": (
        point_text("beijing", "[1e999, 39.9]"),
        f"{G}/beijing.geojson: beijing: geometry: position [inf, 39.9] is not finite",
    ),
    "overflowing altitude": (
        point_text("beijing", "[116.4, 39.9, 1e999]"),
        f"{G}/beijing.geojson: beijing: geometry: position [116.4, 39.9, inf] is not finite",
    ),
    "integer beyond 64 bits, read as the nearest float": (
        point_text("beijing", "[116, 123456789012345678901234567890]"),
        f"{G}/beijing.geojson: beijing: geometry: position [116, 1.2345678901234568e+29] is out "
        "of range (longitude first, -180..180; latitude -90..90)",
    ),
    "string coordinates": (
        geometry("beijing", {"type": "Point", "coordinates": ["116.4", "39.9"]}),
        f"{G}/beijing.geojson: beijing: geometry: Point coordinates must hold positions of numbers",
    ),
    "longitude out of range": (
        geometry("beijing", {"type": "Point", "coordinates": [216.4, 39.9]}),
        f"{G}/beijing.geojson: beijing: geometry: position [216.4, 39.9] is out of range "
        "(longitude first, -180..180; latitude -90..90)",
    ),
    "latitude out of range": (
        geometry("beijing", {"type": "Point", "coordinates": [116.4, -139.9]}),
        f"{G}/beijing.geojson: beijing: geometry: position [116.4, -139.9] is out of range "
        "(longitude first, -180..180; latitude -90..90)",
    ),
    "swapped longitude and latitude, caught by range": (
        place("beijing", swap_point),
        f"{G}/beijing.geojson: beijing: geometry: position [39.9075, 116.39723] is out of "
        "range (longitude first, -180..180; latitude -90..90)",
    ),
    "swapped longitude and latitude, caught by the country": (
        place("gwadar-port", swap_point),
        f"{G}/gwadar-port.geojson: gwadar-port: country: lies 4,433 km outside pakistan, the "
        "country it is declared in (are longitude and latitude swapped?)",
    ),
    "unclosed ring": (
        geometry("balochistan", {"type": "Polygon", "coordinates": [SQUARE[:-1]]}),
        f"{G}/balochistan.geojson: balochistan: geometry: outer ring is not closed (first "
        "and last positions differ)",
    ),
    "ring of three positions": (
        geometry("balochistan", {"type": "Polygon", "coordinates": [SQUARE[:3]]}),
        f"{G}/balochistan.geojson: balochistan: geometry: outer ring needs at least 4 positions",
    ),
    "self-intersecting polygon": (
        geometry(
            "balochistan",
            {
                "type": "Polygon",
                "coordinates": [[[60, 25], [62, 27], [62, 25], [60, 27], [60, 25]]],
            },
        ),
        f"{G}/balochistan.geojson: balochistan: geometry: is not valid: Self-intersection[61 26]",
    ),
    "clockwise outer ring": (
        geometry("balochistan", {"type": "Polygon", "coordinates": [SQUARE[::-1]]}),
        f"{G}/balochistan.geojson: balochistan: geometry: outer ring is clockwise; RFC 7946 "
        "wants counter-clockwise",
    ),
    "missing id": (
        place("beijing", lambda feature: feature.pop("id")),
        f"{G}/beijing.geojson: feature #1: id: is missing",
    ),
    "id that climbs out of the folder": (
        place("beijing", lambda feature: feature.update(id="../../x")),
        f"{G}/beijing.geojson: feature #1: id: '../../x' is not a slug (lower-case letters, "
        "digits and single hyphens)",
    ),
    "id with a space": (
        place("beijing", lambda feature: feature.update(id="bei jing")),
        f"{G}/beijing.geojson: feature #1: id: 'bei jing' is not a slug (lower-case letters, "
        "digits and single hyphens)",
    ),
    "id with a hash": (
        place("beijing", lambda feature: feature.update(id="beijing#1")),
        f"{G}/beijing.geojson: feature #1: id: 'beijing#1' is not a slug (lower-case letters, "
        "digits and single hyphens)",
    ),
    "very long id": (
        place("beijing", lambda feature: feature.update(id=LONG_ID)),
        f"{G}/beijing.geojson: feature #1: id: is 200 characters long, over the limit of 64",
    ),
    "claim naming an unknown place": (
        claim("chinese-visitors", lambda c: c.update(places=["gwadr-port"])),
        f"{CLAIMS}: chinese-visitors: places[0]: 'gwadr-port' is not a known place id (did you "
        "mean 'gwadar-port'?)",
    ),
    "empty quote": (
        claim("corridor-cost", lambda c: c.update(quote="")),
        f"{CLAIMS}: corridor-cost: quote: must not be empty",
    ),
    "quote with outer white space": (
        claim("corridor-cost", lambda c: c.update(quote=" a USD 50 billion economic corridor")),
        f"{CLAIMS}: corridor-cost: quote: must not start or end with white space",
    ),
    "non-verbatim quote": (
        claim("corridor-cost", lambda c: c.update(quote="a US$50 billion economic corridor")),
        f"{CLAIMS}: corridor-cost: quote: is not in the article's body; closest passage: "
        "'a USD 50 billion economic corridor'",
    ),
    "duplicate claim id": (
        claim("corridor-cost", lambda c: c.update(id="agreement-to-boost-cooperation")),
        f"{CLAIMS}: agreement-to-boost-cooperation: id: is used by another claim of this article",
    ),
    "claim id unsafe in a URL fragment": (
        claim("corridor-cost", lambda c: c.update(id="cost#1")),
        f"{CLAIMS}: claim #2: id: 'cost#1' is not a slug (lower-case letters, digits and "
        "single hyphens)",
    ),
    "unknown claim field": (
        claim("corridor-cost", lambda c: c.update(qoute="typo")),
        f"{CLAIMS}: corridor-cost: qoute: is not a known field (did you mean 'quote'?)",
    ),
    "claims file not an object": (
        raw_file(f"articles/{ARTICLE_ID}/claims.json", b"[]"),
        f"{CLAIMS}: must be a JSON object with 'article', 'speakers' and 'claims'",
    ),
    "figure value not a number": (
        claim(
            "corridor-cost",
            lambda c: c["figures"][0].update(value=True),
        ),
        f"{CLAIMS}: corridor-cost: figures[0].value: must be a number",
    ),
    "date that is not ISO": (
        claim("meeting-in-beijing", lambda c: c["dates"][0].update(value="Sept 8")),
        f"{CLAIMS}: meeting-in-beijing: dates[0].value: 'Sept 8' is not YYYY, YYYY-MM or "
        "YYYY-MM-DD",
    ),
    "unknown speaker type": (
        speaker("wang-yi", "type", "oracle"),
        f"{CLAIMS}: speaker wang-yi: type: 'oracle' is not one of: article, government, "
        "organisation, person, reports",
    ),
    "body that is not UTF-8": (
        raw_file(f"articles/{ARTICLE_ID}/body.txt", "Pakistan’s".encode("cp1252")),
        f"{ARTICLE}/body.txt: is not UTF-8 (bad byte at offset 8)",
    ),
    "empty file": (
        raw_file(f"articles/{ARTICLE_ID}/claims.json", b""),
        f"{CLAIMS}: is empty",
    ),
    "file of white space": (
        raw_file("geojson/beijing.geojson", b"  \n\t \n"),
        f"{G}/beijing.geojson: is empty",
    ),
    "200 MB file": (
        sparse_file("geojson/beijing.geojson", 200 * 1024 * 1024),
        f"{G}/beijing.geojson: is 209,715,200 bytes, over the 20,971,520-byte limit",
    ),
    "deeply nested JSON": (
        raw_file("geojson/beijing.geojson", b"[" * 100_000 + b"]" * 100_000),
        f"{G}/beijing.geojson: is not valid JSON: nested too deeply",
    ),
    "symlink out of the data folder": (
        symlink_outside("geojson/beijing.geojson"),
        f"{G}/beijing.geojson: links outside the data folder",
    ),
    "missing body": (
        remove(f"articles/{ARTICLE_ID}/body.txt"),
        f"{ARTICLE}/body.txt: is missing",
    ),
    "article folder name that is not a slug": (
        rename_article("My Article"),
        "data/articles/My Article: article folder name 'My Article' is not a slug (lower-case "
        "letters, digits and single hyphens)",
    ),
    "script in a place name": (
        prop("beijing", "name", "<script>alert(1)</script>"),
        f"{G}/beijing.geojson: beijing: name: contains markup ('<s'); write plain text",
    ),
    "closing script tag in an alias": (
        prop("beijing", "aliases", ["Beijing", "</script><script>alert(1)//"]),
        f"{G}/beijing.geojson: beijing: aliases[1]: contains markup ('</'); write plain text",
    ),
    "event handler in a speaker name": (
        speaker("wang-yi", "name", '<img src=x onerror="alert(1)">'),
        f"{CLAIMS}: speaker wang-yi: name: contains markup ('<i'); write plain text",
    ),
    "backtick in a speaker role": (
        speaker("wang-yi", "role", "Foreign Minister `${alert(1)}`"),
        f"{CLAIMS}: speaker wang-yi: role: contains markup ('`'); write plain text",
    ),
    "template braces in a figure's description": (
        claim("corridor-cost", lambda c: c["figures"][0].update(what="{{ 7*7 }}")),
        f"{CLAIMS}: corridor-cost: figures[0].what: contains markup ('{{{{'); write plain text",
    ),
    "javascript link as the article URL": (
        metadata("url", "value", "javascript:alert(document.domain)"),
        f"{META}: {ARTICLE_ID}: metadata.url.value: 'javascript:alert(document.domain)' is "
        "not an http(s) address",
    ),
    "data link as the article URL": (
        metadata("url", "value", "data:image/svg+xml;base64,PHN2Zz4="),
        f"{META}: {ARTICLE_ID}: metadata.url.value: 'data:image/svg+xml;base64,PHN2Zz4=' is "
        "not an http(s) address",
    ),
    "entity-encoded script in a basis": (
        metadata("published", "basis", "&#x3C;script&#x3E;alert(1)&#x3C;/script&#x3E;"),
        f"{META}: {ARTICLE_ID}: metadata.published.basis: contains markup ('&#x3C;'); write "
        "plain text",
    ),
    "control characters in a publisher": (
        metadata("publisher", "value", "The Statesman\x1b[31m<b>"),
        f"{META}: {ARTICLE_ID}: metadata.publisher.value: contains markup ('<b'); write plain text",
    ),
}


@pytest.fixture
def good_build(seed_data: Path, tmp_path: Path) -> tuple[Path, dict[str, bytes]]:
    out_dir = tmp_path / "maps"
    result = CliRunner().invoke(cli, ["build", "--data", str(seed_data), "--out", str(out_dir)])
    assert result.exit_code == 0, result.stderr
    return out_dir, {p.name: p.read_bytes() for p in out_dir.iterdir()}


def test_the_corpus_is_large_enough() -> None:
    assert len(CASES) >= 40


@pytest.mark.parametrize("case", list(CASES))
def test_hostile_input_is_refused_cleanly(
    case: str, seed_data: Path, good_build: tuple[Path, dict[str, bytes]]
) -> None:
    mutate, expected = CASES[case]
    out_dir, before = good_build
    mutate(seed_data)
    for command in (["validate"], ["build", "--out", str(out_dir)]):
        result = CliRunner().invoke(cli, [*command, "--data", str(seed_data)])
        assert result.exit_code == 1, result.stdout
        assert result.stdout == ""
        assert result.stderr == f"Error: {expected}\n"
        assert "Traceback" not in result.stderr
    after = {p.name: p.read_bytes() for p in out_dir.iterdir()}
    assert after == before


def test_byte_order_mark_is_accepted_with_a_warning(seed_data: Path, tmp_path: Path) -> None:
    path = seed_data / "articles" / ARTICLE_ID / "claims.json"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    result = CliRunner().invoke(cli, ["build", "--data", str(seed_data), "--out", str(tmp_path)])
    assert result.exit_code == 0
    assert result.stderr == (f"Warning: {CLAIMS}: starts with a UTF-8 byte-order mark (ignored)\n")


def test_windows_line_ends_are_accepted_with_a_warning(seed_data: Path, tmp_path: Path) -> None:
    path = seed_data / "articles" / ARTICLE_ID / "body.txt"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    result = CliRunner().invoke(cli, ["validate", "--data", str(seed_data)])
    assert result.exit_code == 0
    assert result.stderr == (
        f"Warning: {ARTICLE}/body.txt: has Windows or old Mac line ends (read as \\n)\n"
    )
