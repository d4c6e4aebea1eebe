"""Every map holds for whatever is in its data folder, not just the first article's.

These tests build the Kenyan fixture of :mod:`tests.fixtures`: another corridor, other
countries, two articles of their own.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from shapely.geometry import Point

import geo._checks.claim_checks
from geo._building.build import build_maps
from geo._checks.mentions import PlaceNames
from geo._checks.numbers import number_in
from geo._checks.validate import load_dataset
from geo._loading.schema import LayerTitles
from geo._loading.text import sentences
from geo._rendering import render
from geo._rendering.payload import claims_payload
from geo._rendering.render import article_bounds
from geo.cli import cli
from geo.model import Place
from tests.fixtures import FIRST_ID, SECOND_ID, write_fixture, write_json

FIRST_MAP = f"{FIRST_ID}.html"
SECOND_MAP = f"{SECOND_ID}.html"


@pytest.fixture
def kenya(tmp_path: Path) -> Path:
    return write_fixture(tmp_path / "data")


def data_element(html: str, element_id: str) -> Any:
    match = re.search(
        rf'<script type="application/json" id="{element_id}">(.*?)</script>', html, re.S
    )
    assert match, element_id
    return json.loads(match.group(1))


def drawn_ids(html: str) -> set[str]:
    groups = data_element(html, "corridor-shapes")
    return {
        feature["id"]
        for layers in groups.values()
        for layer in layers
        for feature in layer["data"]["features"]
        if "--waypoint-" not in feature["id"]
    }


def validate(data: Path) -> tuple[int, str, list[str]]:
    result = CliRunner().invoke(cli, ["validate", "--data", str(data)])
    return result.exit_code, result.stdout, result.stderr.splitlines()


def edit(path: Path, change: Any) -> None:
    document = json.loads(path.read_text(encoding="utf-8"))
    change(document)
    write_json(path, document)


# 1. Each map shows its own article's world ---------------------------------------------


def test_each_map_draws_its_claims_places_and_declared_context_only(
    kenya: Path, tmp_path: Path
) -> None:
    build_maps(kenya, tmp_path / "maps")
    first = (tmp_path / "maps" / FIRST_MAP).read_text(encoding="utf-8")
    second = (tmp_path / "maps" / SECOND_MAP).read_text(encoding="utf-8")
    assert drawn_ids(first) == {
        "kenya",
        "coast-region",
        "sgr-route",
        "mombasa",
        "nairobi",
        "naivasha",
    }
    assert drawn_ids(second) == {"kenya", "lamu"}
    assert "ilemi-triangle" not in drawn_ids(first) | drawn_ids(second)


def test_adding_or_changing_another_article_leaves_a_map_byte_identical(
    tmp_path: Path,
) -> None:
    alone = write_fixture(tmp_path / "alone", second=False)
    build_maps(alone, tmp_path / "before")
    before = (tmp_path / "before" / FIRST_MAP).read_bytes()

    archive = write_fixture(tmp_path / "archive")
    claims = archive / "articles" / SECOND_ID / "claims.json"
    edit(claims, lambda d: d.update(context_places=["ilemi-triangle"]))
    edit(claims, lambda d: d["claims"][0]["places"].append("naivasha"))
    edit(claims, lambda d: d["claims"][0].update(place_basis={"naivasha": "a test link"}))
    build_maps(archive, tmp_path / "after")
    assert (tmp_path / "after" / FIRST_MAP).read_bytes() == before
    assert "ilemi-triangle" in drawn_ids((tmp_path / "after" / SECOND_MAP).read_text())


# 2. Wording and view come from the data -----------------------------------------------


def test_a_map_of_another_corridor_says_nothing_of_the_first_one(
    kenya: Path, tmp_path: Path
) -> None:
    build_maps(kenya, tmp_path / "maps")
    for path in (tmp_path / "maps").glob("*.html"):
        text = path.read_text(encoding="utf-8")
        for word in ("CPEC", "Kashmir", "Pakistan", "China", "India", "Gwadar", "Xinjiang"):
            assert word.casefold() not in text.casefold(), (path.name, word)


def test_layer_names_and_legend_come_from_the_places_and_settings(
    kenya: Path, tmp_path: Path
) -> None:
    build_maps(kenya, tmp_path / "plain")
    html = (tmp_path / "plain" / FIRST_MAP).read_text(encoding="utf-8")
    assert "Countries: Kenya" in html
    assert "Routes (schematic)" in html
    legend = re.search(r"corridorExtras\([^,]+, (\[.*?\]\]), ", html)
    assert legend
    assert json.loads(legend.group(1)) == [
        ["swatch-route", "Standard Gauge Railway (schematic)"],
        ["swatch-region-context", "Context region (not named by the article)"],
    ]
    write_json(
        kenya / "settings.json",
        {"title": "Kenyan railways", "layer_titles": {"routes": "The railway"}},
    )
    build_maps(kenya, tmp_path / "set")
    html = (tmp_path / "set" / FIRST_MAP).read_text(encoding="utf-8")
    assert "The railway" in html and "Routes (schematic)" not in html
    overview = (tmp_path / "set" / "index.html").read_text(encoding="utf-8")
    assert "<h1>Kenyan railways archive: 2 articles, 5 claims</h1>" in overview


def test_every_layer_group_can_be_renamed_in_settings() -> None:
    keys = {field.alias or name for name, field in LayerTitles.model_fields.items()}
    assert keys == {key for key, *_ in render._GROUPS}


def test_first_view_holds_its_claims_places_but_not_whole_countries(kenya: Path) -> None:
    dataset = load_dataset(kenya)
    first = next(a for a in dataset.articles if a.id == FIRST_ID)
    (south, west), (north, east) = article_bounds(dataset, first)
    route = dataset.places["sgr-route"].geometry.bounds
    assert (west, south, east, north) == route  # the named route and towns, not Kenya
    second = next(a for a in dataset.articles if a.id == SECOND_ID)
    lamu = dataset.places["lamu"].geometry
    assert article_bounds(dataset, second) == [[lamu.y, lamu.x], [lamu.y, lamu.x]]


# 4. Schema: unknown keys refused at every level ----------------------------------------

CLAIMS = f"data/articles/{FIRST_ID}/claims.json"
META = f"data/articles/{FIRST_ID}/article.json"


@pytest.mark.parametrize(
    ("where", "change", "line"),
    [
        (
            "claims",
            lambda d: d["claims"][0]["figures"][0].update(aproximate=True),
            f"{CLAIMS}: passengers: figures[0].aproximate: is not a known field "
            "(did you mean 'approximate'?)",
        ),
        (
            "claims",
            lambda d: d["claims"][0]["figures"][0].update(partof="journey-hours"),
            f"{CLAIMS}: passengers: figures[0].partof: is not a known field "
            "(did you mean 'part_of'?)",
        ),
        (
            "claims",
            lambda d: d["speakers"]["jane-mwangi"].update(rolee="director"),
            f"{CLAIMS}: speaker jane-mwangi: rolee: is not a known field (did you mean 'role'?)",
        ),
        (
            "claims",
            lambda d: d.update(context_place=[]),
            f"{CLAIMS}: context_place: is not a known field (did you mean 'context_places'?)",
        ),
        (
            "meta",
            lambda d: d["metadata"].update(wrie={"value": "AP", "basis": "byline"}),
            f"{META}: {FIRST_ID}: metadata.wrie: is not a known field (did you mean 'wire'?)",
        ),
        (
            "meta",
            lambda d: d["metadata"]["headline"].update(basis=7),
            f"{META}: {FIRST_ID}: metadata.headline.basis: must be a string",
        ),
        (
            "place",
            lambda d: d["features"][0]["properties"].update(aliasses=["Nairobi City"]),
            "data/geojson/nairobi.geojson: nairobi: aliasses: is not a known field "
            "(did you mean 'aliases'?)",
        ),
        (
            "place",
            lambda d: d["features"][0]["properties"]["source"].update(datset="x"),
            "data/geojson/nairobi.geojson: nairobi: source.datset: is not a known field "
            "(did you mean 'dataset'?)",
        ),
        (
            "settings",
            lambda d: d.update(layer_title={}),
            "data/settings.json: layer_title: is not a known field (did you mean 'layer_titles'?)",
        ),
    ],
)
def test_a_misspelt_key_is_refused_with_a_hint(
    kenya: Path, where: str, change: Any, line: str
) -> None:
    path = {
        "claims": kenya / "articles" / FIRST_ID / "claims.json",
        "meta": kenya / "articles" / FIRST_ID / "article.json",
        "place": kenya / "geojson" / "nairobi.geojson",
        "settings": kenya / "settings.json",
    }[where]
    if where == "settings":
        write_json(path, {})
    edit(path, change)
    code, out, lines = validate(kenya)
    assert (code, out, lines) == (1, "", [f"Error: {line}"])


# 5. Checks that catch real mistakes ------------------------------------------------------


def test_a_swapped_point_declaring_no_country_is_refused(kenya: Path) -> None:
    def swap(document: dict[str, Any]) -> None:
        properties = document["features"][0]["properties"]
        properties.pop("country", None)
        document["features"][0]["geometry"]["coordinates"] = [-1.2921, 36.8219]

    path = kenya / "geojson" / "nairobi.geojson"
    edit(path, lambda d: d["features"][0]["properties"].pop("country"))
    assert validate(kenya)[0] == 0  # inside Kenya: its country is found from the polygons
    edit(path, swap)
    code, _, lines = validate(kenya)
    assert code == 1
    swapped = [
        "Error: data/geojson/nairobi.geojson: nairobi: geometry: [-1.2921, 36.8219] lies in "
        "none of the countries of the data or the basemap (are longitude and latitude "
        "swapped?); declare its country if the position is right"
    ]
    assert lines == swapped
    edit(path, lambda d: d["features"][0]["properties"].update(country=None))
    assert validate(kenya)[2] == swapped  # an explicit null declares nothing either


def test_claims_out_of_article_order_are_refused(kenya: Path) -> None:
    path = kenya / "articles" / FIRST_ID / "claims.json"
    edit(path, lambda d: d["claims"].insert(0, d["claims"].pop(2)))
    code, _, lines = validate(kenya)
    assert code == 1
    assert lines == [
        f"Error: {CLAIMS}: passengers: quote: comes before the quote of claim 'journey-time' "
        "in the body; list claims in article order"
    ]


def test_each_popup_shows_only_its_own_claims_terms(kenya: Path) -> None:
    dataset = load_dataset(kenya)
    article = next(a for a in dataset.articles if a.id == FIRST_ID)
    claims = {c["id"]: c for c in claims_payload(dataset, article)["claims"]}
    route = {
        claim_id: place
        for claim_id, claim in claims.items()
        for place in claim["places"]
        if place["id"] == "sgr-route"
    }
    assert route["passengers"]["articleTerm"] == "Standard Gauge Railway"
    assert "articleTerm" not in route["journey-time"]
    assert "articleTerm" not in route["extension"]


# 6. News text read correctly -----------------------------------------------------------


def test_sentences_split_where_a_reader_would() -> None:
    body = (
        "Mr. Wang met U.S. officials in Sept. 2017 in Washington. Costs rose 1,000.5 times.\n\n"
        "“It is done. We agree,” he said. J. K. Rowling wrote it."
    )
    assert [s.text for s in sentences(body)] == [
        "Mr. Wang met U.S. officials in Sept. 2017 in Washington.",
        "Costs rose 1,000.5 times.",
        "“It is done. We agree,” he said.",
        "J. K. Rowling wrote it.",
    ]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("three", 3),
        ("Three Chinese academics", 3),
        ("five people", 5),
        ("twenty-five thousand", 25_000),
        ("US$65 billion", 65e9),
        ("$62bn", 62e9),
        ("1,000.5", 1000.5),
        ("4,300-megawatt", 4300),
        ("USD 50 billion", 50e9),
        ("Rs 2 crore", 2e7),
        ("$5m", 5e6),
        ("a 5m wall", 5),
        ("often", None),
        ("4.1 million", 4_100_000),
        ("Rs.5bn", 5e9),
        ("$5 bn", 5e9),
        ("Rs 1,50,000", 150_000),
        ("10,00,000", 1_000_000),
        ("1,2345", None),
        ("six and seven", 6),
        ("one hundred and five", 105),
        ("two thousand million", 2e9),
        ("half a million", 500_000),
        ("a vessel", None),
    ],
)
def test_figures_are_read_as_written(text: str, value: float | None) -> None:
    assert number_in(text) == value


# 7. Named or linked by the editor -------------------------------------------------------


def test_a_place_the_sentence_does_not_name_is_marked_as_the_editors_link(
    kenya: Path,
) -> None:
    dataset = load_dataset(kenya)
    assert dataset.warnings == []
    article = next(a for a in dataset.articles if a.id == FIRST_ID)
    claims = {c["id"]: c for c in claims_payload(dataset, article)["claims"]}
    linked = {c: {p["id"]: p.get("linked") for p in claims[c]["places"]} for c in claims}
    assert linked["passengers"] == {
        "sgr-route": None,
        "mombasa": None,
        "nairobi": None,
        "kenya": None,
    }
    assert linked["journey-time"] == {
        "sgr-route": "“The line” is the railway of the first sentence"
    }
    assert linked["operator-statement"] == {"nairobi": None}  # named in its sentence


def test_an_editors_link_without_a_basis_is_a_warning(kenya: Path) -> None:
    path = kenya / "articles" / FIRST_ID / "claims.json"
    edit(path, lambda d: d["claims"][3].pop("place_basis"))
    result = CliRunner().invoke(cli, ["validate", "--data", str(kenya)])
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        f"Warning: {CLAIMS}: extension: places[1]: 'sgr-route' is not named in the claim's "
        "sentence: say why the editor links it in place_basis"
    ]


def test_a_basis_for_a_place_the_claim_does_not_have_is_refused(kenya: Path) -> None:
    path = kenya / "articles" / FIRST_ID / "claims.json"
    edit(path, lambda d: d["claims"][3]["place_basis"].update(lamu="a typo"))
    code, _, lines = validate(kenya)
    assert (code, lines) == (
        1,
        [f"Error: {CLAIMS}: extension: place_basis: 'lamu' is not among the claim's places"],
    )


def test_context_regions_are_drawn_apart_from_named_ones(kenya: Path, tmp_path: Path) -> None:
    shutil.copytree(kenya, tmp_path / "copy")
    path = tmp_path / "copy" / "articles" / FIRST_ID / "claims.json"
    build_maps(kenya, tmp_path / "a")
    styles = data_element((tmp_path / "a" / FIRST_MAP).read_text(), "corridor-shapes")
    context = styles["regions"][0]["styles"]["coast-region"]
    edit(path, lambda d: d["claims"][0]["places"].append("coast-region"))
    edit(path, lambda d: d["claims"][0].update(place_basis={"coast-region": "Mombasa's region"}))
    build_maps(tmp_path / "copy", tmp_path / "b")
    html = (tmp_path / "b" / FIRST_MAP).read_text()
    named = data_element(html, "corridor-shapes")["regions"][0]["styles"]["coast-region"]
    assert context["dashArray"] and "dashArray" not in named
    assert context["fillColor"] != named["fillColor"]
    assert "Region named by the article" in html
    assert "Context region (not named by the article)" not in html


def test_a_figure_in_millions_with_decimals_is_exact(kenya: Path) -> None:
    path = kenya / "articles" / FIRST_ID / "claims.json"
    body = kenya / "articles" / FIRST_ID / "body.txt"
    body.write_text(body.read_text().replace("2.5 million", "4.1 million"))

    def change(document: dict[str, Any]) -> None:
        claim = document["claims"][0]
        claim["quote"] = claim["quote"].replace("2.5 million", "4.1 million")
        claim["figures"][0].update(text="4.1 million", value=4_100_000)

    edit(path, change)
    assert validate(kenya)[0] == 0
    edit(path, lambda d: d["claims"][0]["figures"][0].update(value=4_100_001))
    assert validate(kenya)[2] == [
        f"Error: {CLAIMS}: passengers: figures[0].value: is 4,100,001 but the text "
        "'4.1 million' says 4,100,000"
    ]


@pytest.mark.parametrize(
    ("where", "change", "line"),
    [
        (
            "geojson/kenya.geojson",
            lambda d: d["features"][0]["properties"].update(facts={"area_km": 5}),
            "data/geojson/kenya.geojson: kenya: facts.area_km: is not a known field "
            "(did you mean 'area_km2'?)",
        ),
        (
            "geojson/kenya.geojson",
            lambda d: d.update(name="Kenya"),
            "data/geojson/kenya.geojson: name: is not a known field (known: type, features, bbox)",
        ),
        (
            "geojson/nairobi.geojson",
            lambda d: d["features"][0]["properties"].update(country="coast-region"),
            "data/geojson/nairobi.geojson: nairobi: country: 'coast-region' is a region, "
            "not a country",
        ),
        (
            f"articles/{FIRST_ID}/claims.json",
            lambda d: d["claims"][0]["places"].append("kenya"),
            f"{CLAIMS}: passengers: places: lists 'kenya' more than once",
        ),
        (
            f"articles/{FIRST_ID}/claims.json",
            lambda d: d.update(context_places=["coast-region", "coast-region"]),
            f"{CLAIMS}: context_places: lists 'coast-region' more than once",
        ),
        (
            f"articles/{FIRST_ID}/claims.json",
            lambda d: d.update(context_places=["coast-regoin"]),
            f"{CLAIMS}: context_places[0]: 'coast-regoin' is not a known place id "
            "(did you mean 'coast-region'?)",
        ),
        (
            f"articles/{FIRST_ID}/claims.json",
            lambda d: d["claims"][0]["figures"][0].update(part_of="passengers"),
            f"{CLAIMS}: passengers: figures[0].part_of: is the figure itself",
        ),
        (
            f"articles/{FIRST_ID}/claims.json",
            lambda d: d["claims"][0]["dates"][0].update(value="0000"),
            f"{CLAIMS}: passengers: dates[0].value: '0000' is not a real date",
        ),
        (
            f"articles/{FIRST_ID}/article.json",
            lambda d: d["metadata"]["published"].update(value="2 January 2024"),
            f"{META}: {FIRST_ID}: metadata.published.value: '2 January 2024' is not a date "
            "(YYYY-MM-DD)",
        ),
        (
            f"articles/{FIRST_ID}/article.json",
            lambda d: d["metadata"]["published"].update(value="2024-W01-2"),
            f"{META}: {FIRST_ID}: metadata.published.value: '2024-W01-2' is not a date "
            "(YYYY-MM-DD)",
        ),
        (
            f"articles/{FIRST_ID}/article.json",
            lambda d: d.update(
                variants=[
                    {
                        "outlet": "Another Paper",
                        "published": "2024-01-03",
                        "here": "carried 3 million passengers",
                        "there": "carried 2.5 million passengers",
                    }
                ]
            ),
            f"{META}: {FIRST_ID}: variants[0].here: 'carried 3 million passengers' is not in "
            "the body",
        ),
        (
            "settings.json",
            lambda d: d.update(layer_titles={"rutes": "Railways"}),
            "data/settings.json: layer_titles.rutes: is not a known field (did you mean 'routes'?)",
        ),
    ],
)
def test_what_the_schema_and_references_refuse(
    kenya: Path, where: str, change: Any, line: str
) -> None:
    path = kenya / where
    if not path.exists():
        write_json(path, {})
    edit(path, change)
    assert validate(kenya) == (1, "", [f"Error: {line}"])


def test_a_basis_for_a_place_the_sentence_names_is_a_warning(kenya: Path) -> None:
    path = kenya / "articles" / FIRST_ID / "claims.json"
    edit(path, lambda d: d["claims"][0].update(place_basis={"mombasa": "the port"}))
    result = CliRunner().invoke(cli, ["validate", "--data", str(kenya)])
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        f"Warning: {CLAIMS}: passengers: place_basis.mombasa: the claim's sentence names this "
        "place, so it is not the editor's link: remove the basis"
    ]


def place(place_id: str, name: str, aliases: list[str]) -> Place:
    return Place(place_id, name, "region", Point(0, 0), {"aliases": aliases}, "test")


def test_names_are_read_whole_longest_first_and_acronyms_by_case() -> None:
    names = PlaceNames(
        [
            place("pakistan", "Pakistan", ["Pak", "Pakistani"]),
            place("pak-kashmir", "Pakistan-administered Kashmir", ["PaK", "AJK"]),
            place("azad-kashmir", "Azad Jammu and Kashmir", []),
            place("indian-kashmir", "Indian-administered Kashmir", ["Jammu and Kashmir"]),
            place("china", "China", ["Chinese"]),
        ]
    )
    every = ["pakistan", "pak-kashmir", "azad-kashmir", "indian-kashmir", "china"]
    assert names.named("Pak-China friendship", every) == {"pakistan", "china"}
    assert names.named("the Azad Jammu and Kashmir government", every) == {"azad-kashmir"}
    assert names.named("the Azad Jammu and Kashmir government", ["indian-kashmir"]) == set()
    assert names.named("in Jammu and Kashmir", every) == {"indian-kashmir"}
    assert names.named("PaK and AJK", every) == {"pak-kashmir"}
    assert names.named("ajk, pak", every) == {"pakistan"}  # acronyms by case, short names not
    assert names.named("Pakistanis and Chinese-made goods", every) == {"china"}
    assert names.named("Pak-China friendship", ["china"]) == {"china"}


def test_figures_parts_of_each_other_are_refused(kenya: Path) -> None:
    path = kenya / "articles" / FIRST_ID / "claims.json"

    def change(document: dict[str, Any]) -> None:
        document["claims"][0]["figures"][0].update(part_of="journey-hours")
        document["claims"][2]["figures"][0].update(part_of="passengers")

    edit(path, change)
    assert validate(kenya) == (
        1,
        "",
        [
            f"Error: {CLAIMS}: journey-time: figures[0].part_of: makes figures parts of "
            "themselves: journey-hours → passengers → journey-hours"
        ],
    )


def misquote(document: dict[str, Any], claim_id: str, quote: str) -> None:
    next(c for c in document["claims"] if c["id"] == claim_id)["quote"] = quote


def test_a_misquoted_sentence_is_one_problem_not_also_an_uncovered_one(kenya: Path) -> None:
    path = kenya / "articles" / FIRST_ID / "claims.json"
    edit(path, lambda d: misquote(d, "extension", "The railway was extnded to Naivasha in 2019."))
    assert validate(kenya) == (
        1,
        "",
        [
            f"Error: {CLAIMS}: extension: quote: is not in the article's body; closest "
            "passage: 'The railway was extended to Naivasha in 2019.'"
        ],
    )


def test_a_quote_with_no_word_of_the_body_says_so(kenya: Path) -> None:
    path = kenya / "articles" / FIRST_ID / "claims.json"
    edit(path, lambda d: misquote(d, "extension", "Zxq vwy"))
    status, _, lines = validate(kenya)
    assert status == 1
    assert (
        f"Error: {CLAIMS}: extension: quote: is not in the article's body, which has nothing "
        "like it"
    ) in lines


def test_past_many_missing_quotes_no_passage_is_sought_and_coverage_waits(
    kenya: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(geo._checks.claim_checks, "MAX_PASSAGES_SOUGHT", 1)
    path = kenya / "articles" / FIRST_ID / "claims.json"

    def change(document: dict[str, Any]) -> None:
        misquote(document, "journey-time", "“The line has cut the journey,” said Jane")
        misquote(document, "extension", "The railway reached Naivasha in 2019.")

    edit(path, change)
    status, _, lines = validate(kenya)
    assert status == 1
    assert lines == [
        f"Error: {CLAIMS}: extension: quote: is not in the article's body (no closest passage "
        "sought: over 1 quotes of this article are not in it; is body.txt the article's text?)",
        f"Error: {CLAIMS}: journey-time: quote: is not in the article's body; closest passage: "
        "'“The line has cut the journey to under five'",
        "Error: 2 problems found",
    ]
