"""A hostile-input corpus: whatever the data holds, a clear refusal and the last map kept.

Each case breaks a fresh copy of the Kenyan fixture (:mod:`tests.fixtures`) in one way and
runs ``corridor-map build`` over a folder that already holds its good maps. Every case must
exit 1 with exactly one ``Error:`` line naming the file and the item, print no traceback,
and leave the maps folder byte for byte as it was.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from geo.cli import cli
from tests.fixtures import FIRST_ID as ARTICLE_ID
from tests.fixtures import write_fixture

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


def text_edit(relative: str, old: str, new: str) -> Mutation:
    """Edit a file's text as a person would in an editor (JSON that a dump cannot write)."""

    def mutate(data: Path) -> None:
        path = data / relative
        text = json.dumps(json.loads(path.read_text(encoding="utf-8")), indent=1)
        assert old in text, old
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return mutate


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def rename_article_everywhere(new_id: str) -> Mutation:
    """Rename the article's folder and the id its files give (a well-formed rename)."""

    def mutate(data: Path) -> None:
        json_file(META, lambda document: document.update(id=new_id))(data.parent)
        json_file(CLAIMS, lambda document: document.update(article=new_id))(data.parent)
        rename_article(new_id)(data)

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
        raw_file("geojson/nairobi.geojson", b"[1, 2, 3]"),
        f"{G}/nairobi.geojson: must be a GeoJSON FeatureCollection",
    ),
    "no features": (
        raw_file("geojson/nairobi.geojson", b'{"type": "FeatureCollection", "features": []}'),
        f"{G}/nairobi.geojson: features: must be a non-empty list of Features",
    ),
    "null geometry": (
        geometry("nairobi", None),
        f"{G}/nairobi.geojson: nairobi: geometry: must be a GeoJSON geometry object",
    ),
    "unknown geometry type": (
        geometry("nairobi", {"type": "Circle", "coordinates": [116, 39]}),
        f"{G}/nairobi.geojson: nairobi: geometry: type 'Circle' is not one of: Point, "
        "MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon",
    ),
    "geometry type that is a list": (
        geometry("nairobi", {"type": [], "coordinates": [116, 39]}),
        f"{G}/nairobi.geojson: nairobi: geometry: type [] is not one of: Point, MultiPoint, "
        "LineString, MultiLineString, Polygon, MultiPolygon",
    ),
    "facts that are not numbers": (
        prop("coast-region", "facts", {"area_km2": "large"}),
        f"{G}/coast-region.geojson: coast-region: facts.area_km2: must be a number",
    ),
    "parts that name a list": (
        prop("ilemi-triangle", "parts", [["coast-region"]]),
        f"{G}/ilemi-triangle.geojson: ilemi-triangle: parts[0]: must be a string",
    ),
    "geometry collection": (
        geometry("nairobi", {"type": "GeometryCollection", "geometries": []}),
        f"{G}/nairobi.geojson: nairobi: geometry: type 'GeometryCollection' is not one of: "
        "Point, MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon",
    ),
    "empty geometry": (
        geometry("nairobi", {"type": "MultiPoint", "coordinates": []}),
        f"{G}/nairobi.geojson: nairobi: geometry: MultiPoint has no coordinates",
    ),
    "NaN coordinate": (
        point_text("nairobi", "[NaN, 39.9]"),
        f"{G}/nairobi.geojson: is not valid JSON: NaN is not a JSON number",
    ),
    "Infinity coordinate": (
        point_text("nairobi", "[Infinity, 39.9]"),
        f"{G}/nairobi.geojson: is not valid JSON: Infinity is not a JSON number",
    ),
    "overflowing coordinate": (
        point_text("nairobi", "[1e999, 39.9]"),
        f"{G}/nairobi.geojson: holds a number too large for a double (beyond ±1.8e308) "
        "at line 1 column 328",
    ),
    "overflowing altitude": (
        point_text("nairobi", "[116.4, 39.9, 1e999]"),
        f"{G}/nairobi.geojson: holds a number too large for a double (beyond ±1.8e308) "
        "at line 1 column 341",
    ),
    "400-digit integer coordinate": (
        point_text("nairobi", "[1" + "0" * 400 + ", 39.9]"),
        f"{G}/nairobi.geojson: holds a number too large for a double (beyond ±1.8e308) "
        "at line 1 column 328",
    ),
    "figure value beyond a double": (
        text_edit(f"articles/{ARTICLE_ID}/claims.json", '"value": 2500000', '"value": 1e999'),
        f"{CLAIMS}: holds a number too large for a double (beyond ±1.8e308) at line 36 column 15",
    ),
    "lone surrogate in a date basis": (
        text_edit(f"articles/{ARTICLE_ID}/claims.json", '"published 2024"', '"published \\udfff"'),
        f"{CLAIMS}: holds a lone UTF-16 surrogate escape, which is no character at line 45 "
        "column 26",
    ),
    "a speaker twice under one id": (
        text_edit(
            f"articles/{ARTICLE_ID}/claims.json",
            '"jane-mwangi": {',
            '"jane-mwangi": {"name": "Impostor", "type": "person"},\n  "jane-mwangi": {',
        ),
        f"{CLAIMS}: names the key 'jane-mwangi' twice in one object (the second would hide "
        "the first)",
    ),
    "a property nested a thousand deep": (
        text_edit(
            f"{G[5:]}/nairobi.geojson", '"properties": {', f'"properties": {{"x": {nested(1000)}, '
        ),
        f"{G}/nairobi.geojson: is not valid JSON: nested too deeply",
    ),
    "an article named like the overview": (
        rename_article_everywhere("index"),
        "data/articles/index: article folder name 'index' is taken by the archive overview "
        "(index.html); choose another",
    ),
    "integer beyond 64 bits, read as the nearest float": (
        point_text("nairobi", "[116, 123456789012345678901234567890]"),
        f"{G}/nairobi.geojson: nairobi: geometry: position [116, 1.2345678901234568e+29] is out "
        "of range (longitude first, -180..180; latitude -90..90)",
    ),
    "string coordinates": (
        geometry("nairobi", {"type": "Point", "coordinates": ["116.4", "39.9"]}),
        f"{G}/nairobi.geojson: nairobi: geometry: Point coordinates must hold positions of numbers",
    ),
    "longitude out of range": (
        geometry("nairobi", {"type": "Point", "coordinates": [216.4, 39.9]}),
        f"{G}/nairobi.geojson: nairobi: geometry: position [216.4, 39.9] is out of range "
        "(longitude first, -180..180; latitude -90..90)",
    ),
    "latitude out of range": (
        geometry("nairobi", {"type": "Point", "coordinates": [116.4, -139.9]}),
        f"{G}/nairobi.geojson: nairobi: geometry: position [116.4, -139.9] is out of range "
        "(longitude first, -180..180; latitude -90..90)",
    ),
    "swapped longitude and latitude, caught by range": (
        geometry("nairobi", {"type": "Point", "coordinates": [39.9075, 116.39723]}),
        f"{G}/nairobi.geojson: nairobi: geometry: position [39.9075, 116.39723] is out of "
        "range (longitude first, -180..180; latitude -90..90)",
    ),
    "swapped longitude and latitude, caught by the country": (
        place("mombasa", swap_point),
        f"{G}/mombasa.geojson: mombasa: country: lies 5,534 km outside kenya, the "
        "country it is declared in (are longitude and latitude swapped?)",
    ),
    "unclosed ring": (
        geometry("coast-region", {"type": "Polygon", "coordinates": [SQUARE[:-1]]}),
        f"{G}/coast-region.geojson: coast-region: geometry: outer ring is not closed (first "
        "and last positions differ)",
    ),
    "ring of three positions": (
        geometry("coast-region", {"type": "Polygon", "coordinates": [SQUARE[:3]]}),
        f"{G}/coast-region.geojson: coast-region: geometry: outer ring needs at least 4 positions",
    ),
    "self-intersecting polygon": (
        geometry(
            "coast-region",
            {
                "type": "Polygon",
                "coordinates": [[[60, 25], [62, 27], [62, 25], [60, 27], [60, 25]]],
            },
        ),
        f"{G}/coast-region.geojson: coast-region: geometry: is not valid: Self-intersection[61 26]",
    ),
    "clockwise outer ring": (
        geometry("coast-region", {"type": "Polygon", "coordinates": [SQUARE[::-1]]}),
        f"{G}/coast-region.geojson: coast-region: geometry: outer ring is clockwise; RFC 7946 "
        "wants counter-clockwise",
    ),
    "missing id": (
        place("nairobi", lambda feature: feature.pop("id")),
        f"{G}/nairobi.geojson: feature #1: id: is missing",
    ),
    "id that climbs out of the folder": (
        place("nairobi", lambda feature: feature.update(id="../../x")),
        f"{G}/nairobi.geojson: feature #1: id: '../../x' is not a slug (lower-case letters, "
        "digits and single hyphens)",
    ),
    "id with a space": (
        place("nairobi", lambda feature: feature.update(id="nai robi")),
        f"{G}/nairobi.geojson: feature #1: id: 'nai robi' is not a slug (lower-case letters, "
        "digits and single hyphens)",
    ),
    "id with a hash": (
        place("nairobi", lambda feature: feature.update(id="nairobi#1")),
        f"{G}/nairobi.geojson: feature #1: id: 'nairobi#1' is not a slug (lower-case letters, "
        "digits and single hyphens)",
    ),
    "very long id": (
        place("nairobi", lambda feature: feature.update(id=LONG_ID)),
        f"{G}/nairobi.geojson: feature #1: id: is 200 characters long, over the limit of 64",
    ),
    "claim naming an unknown place": (
        claim("operator-statement", lambda c: c.update(places=["nairbi"])),
        f"{CLAIMS}: operator-statement: places[0]: 'nairbi' is not a known place id (did you "
        "mean 'nairobi'?)",
    ),
    "empty quote": (
        claim("passengers", lambda c: c.update(quote="")),
        f"{CLAIMS}: passengers: quote: must not be empty",
    ),
    "quote with outer white space": (
        claim("passengers", lambda c: c.update(quote=" " + c["quote"])),
        f"{CLAIMS}: passengers: quote: must not start or end with white space",
    ),
    "non-verbatim quote": (
        claim("passengers", lambda c: c.update(quote=c["quote"].replace("2.5", "2,5"))),
        f"{CLAIMS}: passengers: quote: is not in the article's body; closest passage: "
        "\"Kenya's Standard Gauge Railway carried 2.5 million passengers between Mombasa and "
        'Nairobi last year,"',
    ),
    "duplicate claim id": (
        claim("extension", lambda c: c.update(id="passengers")),
        f"{CLAIMS}: passengers: id: is used by another claim of this article",
    ),
    "claim id unsafe in a URL fragment": (
        claim("passengers", lambda c: c.update(id="cost#1")),
        f"{CLAIMS}: claim #1: id: 'cost#1' is not a slug (lower-case letters, digits and "
        "single hyphens)",
    ),
    "unknown claim field": (
        claim("passengers", lambda c: c.update(qoute="typo")),
        f"{CLAIMS}: passengers: qoute: is not a known field (did you mean 'quote'?)",
    ),
    "claims file not an object": (
        raw_file(f"articles/{ARTICLE_ID}/claims.json", b"[]"),
        f"{CLAIMS}: must be a JSON object with 'article', 'speakers' and 'claims'",
    ),
    "figure value not a number": (
        claim(
            "passengers",
            lambda c: c["figures"][0].update(value=True),
        ),
        f"{CLAIMS}: passengers: figures[0].value: must be a number",
    ),
    "date that is not ISO": (
        claim("operator-statement", lambda c: c["dates"][0].update(value="Sept 8")),
        f"{CLAIMS}: operator-statement: dates[0].value: 'Sept 8' is not YYYY, YYYY-MM or "
        "YYYY-MM-DD",
    ),
    "unknown speaker type": (
        speaker("jane-mwangi", "type", "oracle"),
        f"{CLAIMS}: speaker jane-mwangi: type: 'oracle' is not one of: article, government, "
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
        raw_file("geojson/nairobi.geojson", b"  \n\t \n"),
        f"{G}/nairobi.geojson: is empty",
    ),
    "200 MB file": (
        sparse_file("geojson/nairobi.geojson", 200 * 1024 * 1024),
        f"{G}/nairobi.geojson: is 209,715,200 bytes, over the 20,971,520-byte limit",
    ),
    "deeply nested JSON": (
        raw_file("geojson/nairobi.geojson", b"[" * 100_000 + b"]" * 100_000),
        f"{G}/nairobi.geojson: is not valid JSON: nested too deeply",
    ),
    "symlink out of the data folder": (
        symlink_outside("geojson/nairobi.geojson"),
        f"{G}/nairobi.geojson: links outside the data folder",
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
        prop("nairobi", "name", "<script>alert(1)</script>"),
        f"{G}/nairobi.geojson: nairobi: name: contains markup ('<s'); write plain text",
    ),
    "closing script tag in an alias": (
        prop("nairobi", "aliases", ["Nairobi", "</script><script>alert(1)//"]),
        f"{G}/nairobi.geojson: nairobi: aliases[1]: contains markup ('</'); write plain text",
    ),
    "event handler in a speaker name": (
        speaker("jane-mwangi", "name", '<img src=x onerror="alert(1)">'),
        f"{CLAIMS}: speaker jane-mwangi: name: contains markup ('<i'); write plain text",
    ),
    "backtick in a speaker role": (
        speaker("jane-mwangi", "role", "Foreign Minister `${alert(1)}`"),
        f"{CLAIMS}: speaker jane-mwangi: role: contains markup ('`'); write plain text",
    ),
    "template braces in a figure's description": (
        claim("passengers", lambda c: c["figures"][0].update(what="{{ 7*7 }}")),
        f"{CLAIMS}: passengers: figures[0].what: contains markup ('{{{{'); write plain text",
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
        metadata("publisher", "value", "Fixture Times\x1b[31m<b>"),
        f"{META}: {ARTICLE_ID}: metadata.publisher.value: contains markup ('<b'); write plain text",
    ),
    "a file name that would split the error line": (
        raw_file("geojson/bei\njing.geojson", b"{"),
        f"{G}/bei\\njing.geojson: is not valid JSON: Expecting property name enclosed in double "
        "quotes at line 1 column 2",
    ),
    "a file name holding terminal escape codes": (
        raw_file("geojson/x\x1b[2J\x1b[31m.geojson", b"[]"),
        f"{G}/x\\x1b[2J\\x1b[31m.geojson: must be a GeoJSON FeatureCollection",
    ),
    "a numeric entity without its semicolon": (
        metadata("published", "basis", "&#x3Cscript&#x3Ealert(1)&#x3C/script&#x3E"),
        f"{META}: {ARTICLE_ID}: metadata.published.basis: contains markup ('&#x3'); write "
        "plain text",
    ),
    "a named entity without its semicolon": (
        speaker("jane-mwangi", "role", "director &ltimg src=x onerror=alert(1)&gt"),
        f"{CLAIMS}: speaker jane-mwangi: role: contains markup ('&lt'); write plain text",
    ),
    "a script link split by a tab": (
        prop("nairobi", "source_note", "see java\tscript:alert(1)"),
        f"{G}/nairobi.geojson: nairobi: source_note: contains markup ('javascript:'); write "
        "plain text",
    ),
    "a data link in a date's basis": (
        claim(
            "passengers",
            lambda c: c["dates"][0].update(basis="data:text/html;base64,PHNjcmlwdD4="),
        ),
        f"{CLAIMS}: passengers: dates[0].basis: contains markup ('data:text/html;'); write "
        "plain text",
    ),
    "a source link that names a user before the host": (
        metadata("url", "value", "https://www.thestatesman.com@evil.example/cpec"),
        f"{META}: {ARTICLE_ID}: metadata.url.value: 'https://www.thestatesman.com@evil.example/"
        "cpec' names a user before '@', so the link leads to 'evil.example'; give the address "
        "itself",
    ),
    "a right-to-left override in a place name": (
        prop("nairobi", "name", "Nai\u202eiborian"),
        f"{G}/nairobi.geojson: nairobi: name: contains the bidirectional control U+202E, which "
        "reorders the text after it; write plain text",
    ),
    "an escape code in a speaker name": (
        speaker("jane-mwangi", "name", "Jane\x1b[2J Mwangi"),
        f"{CLAIMS}: speaker jane-mwangi: name: contains the invisible character U+001B; write "
        "plain text",
    ),
    "a legacy named entity without its semicolon": (
        prop("nairobi", "source_note", "&copy Natural Earth"),
        f"{G}/nairobi.geojson: nairobi: source_note: contains markup ('&copy'); write plain text",
    ),
    "a zero-width space in a speaker role": (
        speaker("jane-mwangi", "role", "managing\u200bdirector"),
        f"{CLAIMS}: speaker jane-mwangi: role: contains the invisible character U+200B; write "
        "plain text",
    ),
    "a right-to-left override in the article URL": (
        metadata("url", "value", "https://example.org/\u202etxt.exe"),
        f"{META}: {ARTICLE_ID}: metadata.url.value: 'https://example.org/\\u202etxt.exe' holds "
        "the invisible character U+202E",
    ),
    "an article URL with a port that cannot exist": (
        metadata("url", "value", "https://example.org:99999/"),
        f"{META}: {ARTICLE_ID}: metadata.url.value: 'https://example.org:99999/' names port "
        "99999, which cannot exist",
    ),
    "a 200,000-character unknown place id": (
        claim("operator-statement", lambda c: c.update(places=["x" * 200_000])),
        f"{CLAIMS}: operator-statement: places[0]: '{'x' * 999}… (199,026 more characters)",
    ),
    "a ring drawn the long way round the world": (
        geometry(
            "coast-region",
            {
                "type": "Polygon",
                "coordinates": [[[179, -18], [179, -16], [-179, -16], [-179, -18], [179, -18]]],
            },
        ),
        f"{G}/coast-region.geojson: coast-region: geometry: steps 358° of longitude from "
        "[179, -16] to [-179, -16], the long way round the world; a shape crossing the "
        "antimeridian must be cut in two at ±180 (RFC 7946 §3.1.9)",
    ),
    "a route drawn the long way round the world": (
        geometry("sgr-route", {"type": "LineString", "coordinates": [[39.6, -4.0], [-170, 1.2]]}),
        f"{G}/sgr-route.geojson: sgr-route: geometry: steps 209.6° of longitude from "
        "[39.6, -4.0] to [-170, 1.2], the long way round the world; a shape crossing the "
        "antimeridian must be cut in two at ±180 (RFC 7946 §3.1.9)",
    ),
}


@pytest.fixture
def kenya(tmp_path: Path) -> Path:
    return write_fixture(tmp_path / "data")


@pytest.fixture
def good_build(kenya: Path, tmp_path: Path) -> tuple[Path, dict[str, bytes]]:
    out_dir = tmp_path / "maps"
    result = CliRunner().invoke(cli, ["build", "--data", str(kenya), "--out", str(out_dir)])
    assert result.exit_code == 0, result.stderr
    return out_dir, {p.name: p.read_bytes() for p in out_dir.iterdir()}


def test_the_corpus_is_large_enough() -> None:
    assert len(CASES) >= 40


@pytest.mark.parametrize("case", list(CASES))
def test_hostile_input_is_refused_cleanly(
    case: str, kenya: Path, good_build: tuple[Path, dict[str, bytes]]
) -> None:
    mutate, expected = CASES[case]
    out_dir, before = good_build
    mutate(kenya)
    for command in (["validate"], ["build", "--out", str(out_dir)]):
        result = CliRunner().invoke(cli, [*command, "--data", str(kenya)])
        assert result.exit_code == 1, result.stdout
        assert result.stdout == ""
        assert result.stderr == f"Error: {expected}\n"
        assert "Traceback" not in result.stderr
    after = {p.name: p.read_bytes() for p in out_dir.iterdir()}
    assert after == before


def test_byte_order_mark_is_accepted_with_a_warning(kenya: Path, tmp_path: Path) -> None:
    path = kenya / "articles" / ARTICLE_ID / "claims.json"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    result = CliRunner().invoke(cli, ["build", "--data", str(kenya), "--out", str(tmp_path)])
    assert result.exit_code == 0
    assert result.stderr == (f"Warning: {CLAIMS}: starts with a UTF-8 byte-order mark (ignored)\n")


def test_windows_line_ends_are_accepted_with_a_warning(kenya: Path, tmp_path: Path) -> None:
    path = kenya / "articles" / ARTICLE_ID / "body.txt"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    result = CliRunner().invoke(cli, ["validate", "--data", str(kenya)])
    assert result.exit_code == 0
    assert result.stderr == (
        f"Warning: {ARTICLE}/body.txt: has Windows or old Mac line ends (read as \\n)\n"
    )
