"""`corridor-map check`: geographic statements found in the text, judged on the geometry.

Each pattern is tried both ways on the tests' own Kenyan data: the true sentence holds,
and the same sentence edited to be false is contradicted — in the text, not only in a
hand-written check.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from playwright.sync_api import Browser

from geo._building.build import build_maps
from geo._checks.factcheck import CONTRADICTED, HOLDS, UNCHECKABLE, Statement, check_dataset
from geo._checks.geometry import WGS84
from geo._checks.validate import load_dataset
from geo.cli import cli
from tests.browser import open_offline
from tests.conftest import ARTICLE_ID as SEED_ID
from tests.fixtures import POINTS, place_file, write_article, write_fixture, write_json

ARTICLE_ID = "fixture-2024-03-01-geography"
INDIAN_OCEAN = [[39.75, -4.3], [39.1, -4.8], [39.0, -7.0], [46.0, -7.0], [46.0, -1.75]]
INDIAN_OCEAN += [[41.75, -1.75], [41.05, -2.45], [40.3, -3.0], [39.75, -4.3]]
TSAVO = [[38.0, -3.2], [38.6, -3.2], [38.6, -2.6], [38.0, -2.6], [38.0, -3.2]]


def data_with(tmp_path: Path, sentence: str, places: list[str], **claim: Any) -> Path:
    """The Kenyan data, a sea and a park, and an article of one sentence, one claim."""
    root = write_fixture(tmp_path / "data")
    write_json(
        root / "geojson" / "indian-ocean.geojson",
        place_file(
            "indian-ocean",
            {"name": "Indian Ocean", "kind": "sea", "role": "context"},
            {"type": "Polygon", "coordinates": [INDIAN_OCEAN]},
        ),
    )
    write_json(
        root / "geojson" / "tsavo.geojson",
        place_file(
            "tsavo",
            {"name": "Tsavo", "kind": "region", "role": "context", "country": "kenya"},
            {"type": "Polygon", "coordinates": [TSAVO]},
        ),
    )
    claims = {
        "article": ARTICLE_ID,
        "speakers": {"article": {"name": "The article", "type": "article"}},
        "claims": [
            {
                "id": "geography",
                "quote": sentence,
                "speaker": "article",
                "kind": "background",
                "places": places,
                **claim,
            }
        ],
    }
    write_article(root, ARTICLE_ID, "Geography", "2024-03-01", sentence + "\n", claims)
    return root


def statements(tmp_path: Path, sentence: str, places: list[str], **claim: Any) -> list[Statement]:
    dataset = load_dataset(data_with(tmp_path, sentence, places, **claim))
    return [s for s in check_dataset(dataset) if s.article == ARTICLE_ID]


def verdicts(tmp_path: Path, sentence: str, places: list[str]) -> list[tuple[str, str, str]]:
    return [(s.pattern, s.text, s.verdict) for s in statements(tmp_path, sentence, places)]


CASES = [
    # (pattern, true sentence, the same made false, places, the words stating it)
    (
        "position",
        "Mombasa is a port in southeastern Kenya.",
        "Mombasa is a port in northwestern Kenya.",
        ["mombasa", "kenya"],
        "in {}ern Kenya",
    ),
    (
        "position",
        "Lamu lies in the east of the country.",
        "Lamu lies in the west of the country.",
        ["lamu"],
        "in the {} of the country",
    ),
    (
        "position",
        "Mombasa lies in Kenya's southeast.",
        "Mombasa lies in Kenya's northwest.",
        ["mombasa", "kenya"],
        None,
    ),
    (
        "position",
        "Nairobi lies in central Kenya.",
        "Lamu lies in central Kenya.",
        ["nairobi", "lamu", "kenya"],
        None,
    ),
    (
        "near",
        "Mombasa lies near the Indian Ocean.",
        "Nairobi lies near the Indian Ocean.",
        ["mombasa", "nairobi", "indian-ocean"],
        None,
    ),
    (
        "near",
        "The Ilemi Triangle lies near the border with Kenya.",
        "Lamu lies near the border with the Ilemi Triangle.",
        ["ilemi-triangle", "kenya", "lamu"],
        None,
    ),
    (
        "distance",
        "Naivasha lies 48 miles from Nairobi.",
        "Naivasha lies 480 miles from Nairobi.",
        ["naivasha", "nairobi"],
        None,
    ),
    (
        "on",
        "Mombasa sits on the Indian Ocean.",
        "Naivasha sits on the Indian Ocean.",
        ["mombasa", "naivasha", "indian-ocean"],
        "on the Indian Ocean",
    ),
    (
        "near",
        "The coastal city of Mombasa faces the Indian Ocean.",
        "The coastal city of Naivasha faces the Indian Ocean.",
        ["mombasa", "naivasha", "indian-ocean"],
        "coastal city of {}",
    ),
    (
        "through",
        "The SGR runs through the Coast region.",
        "The SGR runs through the Ilemi Triangle.",
        ["sgr-route", "coast-region", "ilemi-triangle"],
        "runs through the {}",
    ),
    (
        "through",
        "The SGR runs through Kenya's busy Coast region.",
        "The SGR runs through Kenya's dry Ilemi Triangle.",
        ["sgr-route", "kenya", "coast-region", "ilemi-triangle"],
        None,
    ),
    (
        "connects",
        "The SGR links Mombasa with Naivasha.",
        "The SGR links Mombasa with Lamu.",
        ["sgr-route", "mombasa", "naivasha", "lamu"],
        "links Mombasa with {}",
    ),
    (
        "length",
        "The 500-km railway is the SGR.",
        "The 50-km railway is the SGR.",
        ["sgr-route"],
        "{}-km railway",
    ),
    (
        "distance",
        "Naivasha lies 90 km from Nairobi.",
        "Naivasha lies 900 km from Nairobi.",
        ["naivasha", "nairobi"],
        "{} km from Nairobi",
    ),
    (
        "distance",
        "Trains will reach Lamu, some 300 km away from Mombasa's line.",
        "Trains will reach Lamu, some 30 km away from Mombasa's line.",
        ["lamu", "mombasa"],
        None,
    ),
    (
        "contained",
        "Mombasa is located in the Coast region.",
        "Nairobi is located in the Coast region.",
        ["mombasa", "nairobi", "coast-region"],
        None,
    ),
    (
        "length",
        "The 500\u202fkm railway is the SGR.",
        "The 5\u202f000 km railway is the SGR.",
        ["sgr-route"],
        None,
    ),
    (
        "contained",
        "Mombasa port in the Coast region grew.",
        "Naivasha port in the Coast region grew.",
        ["mombasa", "naivasha", "coast-region"],
        "{} port in the Coast region",
    ),
    (
        "contained",
        "Trains reach Kenya's Naivasha.",
        "Trains reach the Coast region's Naivasha.",
        ["naivasha", "kenya", "coast-region"],
        None,
    ),
]


@pytest.mark.parametrize(("pattern", "true", "false", "places", "words"), CASES)
def test_each_pattern_holds_when_true_and_is_contradicted_when_false(
    tmp_path: Path, pattern: str, true: str, false: str, places: list[str], words: str | None
) -> None:
    found = [s for s in statements(tmp_path / "true", true, places) if s.pattern == pattern]
    assert [s.verdict for s in found] == [HOLDS], found
    edited = [s for s in statements(tmp_path / "false", false, places) if s.pattern == pattern]
    assert [s.verdict for s in edited] == [CONTRADICTED], edited
    if words is not None:
        assert found[0].text.casefold() in true.casefold()


def straight_km(a: str, b: str) -> float:
    """The geodesic distance between two of the fixture's towns, measured here."""
    (lon_a, lat_a), (lon_b, lat_b) = POINTS[a][2], POINTS[b][2]
    return float(WGS84.inv(lon_a, lat_a, lon_b, lat_b)[2]) / 1000


def test_the_figure_and_rule_are_given_with_each_verdict(tmp_path: Path) -> None:
    [found] = statements(tmp_path, "Naivasha lies 90 km from Nairobi.", ["naivasha", "nairobi"])
    assert found.text == "90 km from Nairobi"
    assert found.places == ("naivasha", "nairobi")
    km = straight_km("naivasha", "nairobi")
    assert found.figure == (
        f"Naivasha lies {km:.0f} km from Nairobi in a straight line; stated 90 km "
        f"({90 / km:.2f}× it)"
    )
    assert found.rule == (
        "the stated distance is from 0.9× the straight-line (geodesic) distance up to 1.6× "
        "it, the detour a road may make"
    )


def test_vague_schematic_and_missing_places_cannot_be_checked(tmp_path: Path) -> None:
    far = statements(tmp_path / "far", "Naivasha is far from Mombasa.", ["naivasha", "mombasa"])
    assert [(s.pattern, s.verdict) for s in far] == [("far", UNCHECKABLE)]
    assert (
        far[0].figure == f"Naivasha lies {straight_km('naivasha', 'mombasa'):.0f} km from Mombasa"
    )
    # The schematic line crosses Tsavo, but no named waypoint of the railway lies in it.
    schematic = statements(
        tmp_path / "schematic", "The SGR runs through Tsavo.", ["sgr-route", "tsavo"]
    )
    assert [(s.pattern, s.verdict) for s in schematic] == [("through", UNCHECKABLE)]
    assert schematic[0].figure.endswith("(schematic: none of its named waypoints lies there)")
    # A border only the coast could stand for: the claim's places draw no neighbour.
    coast = statements(tmp_path / "coast", "Lamu lies near the border.", ["lamu"])
    assert [(s.verdict, s.figure) for s in coast] == [
        (
            UNCHECKABLE,
            "the claim's places draw no neighbour of Kenya, so its border cannot be told "
            "from its coast",
        )
    ]
    # With the neighbour drawn, the border is the line Kenya shares with it.
    land = statements(tmp_path / "land", "Lamu lies near the border.", ["lamu", "ilemi-triangle"])
    assert [s.verdict for s in land] == [CONTRADICTED]
    assert land[0].figure.startswith("Lamu lies ") and "from the border of Kenya" in land[0].figure
    # No route is linked to the claim: nothing to check the words against.
    alone = statements(tmp_path / "alone", "It runs through the Coast region.", ["coast-region"])
    assert [(s.verdict, s.figure) for s in alone] == [
        (UNCHECKABLE, "the claim links no route that fits the words")
    ]


def test_a_check_by_hand_and_a_wrong_one_switched_off(tmp_path: Path) -> None:
    found = statements(
        tmp_path,
        "Naivasha port in the Coast region grew.",
        ["naivasha", "coast-region", "kenya"],
        checks=[
            {
                "type": "position",
                "subject": "naivasha",
                "objects": ["kenya"],
                "direction": "southwest",
                "text": "Naivasha",
            }
        ],
        unchecked=[
            {"text": "Naivasha port in the Coast region", "reason": "a test: said of another"}
        ],
    )
    assert [(s.pattern, s.by_hand, s.verdict) for s in found] == [("position", True, HOLDS)]


def test_a_switched_off_statement_stays_in_sight_with_its_reason(
    browser: Browser, tmp_path: Path
) -> None:
    root = data_with(
        tmp_path,
        "Naivasha port in the Coast region grew.",
        ["naivasha", "coast-region"],
        unchecked=[{"text": "Naivasha port in the Coast region", "reason": "said of another port"}],
    )
    result = CliRunner().invoke(cli, ["check", "--data", str(root)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[-3:-1] == [
        f"{ARTICLE_ID} geography: switched off: 'Naivasha port in the Coast region'",
        "  reason: said of another port",
    ]
    assert result.stdout.splitlines()[-1].endswith("; 1 switched off")
    document = json.loads(CliRunner().invoke(cli, ["check", "--json", "--data", str(root)]).stdout)
    assert document["switched_off"] == [
        {
            "article": ARTICLE_ID,
            "claim": "geography",
            "text": "Naivasha port in the Coast region",
            "reason": "said of another port",
        }
    ]
    build_maps(root, tmp_path / "maps")
    page, log = open_offline(browser, tmp_path / "maps" / f"{ARTICLE_ID}.html")
    page.wait_for_selector("html[data-claims-ready]")
    page.locator("#claims-list .claim-item").first.click()
    off = page.locator(".leaflet-popup .claim-check-off")
    assert off.locator(".claim-check-figure").inner_text() == (
        "Switched off by the editor: said of another port"
    )
    assert log.errors == []
    page.close()


def test_switching_off_a_statement_the_text_does_not_make_is_refused(tmp_path: Path) -> None:
    root = data_with(
        tmp_path,
        "Naivasha port in the Coast region grew.",
        ["naivasha", "coast-region"],
        unchecked=[{"text": "in the Coast", "reason": "mistyped"}],
    )
    result = CliRunner().invoke(cli, ["check", "--data", str(root)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: data/articles/{ARTICLE_ID}/claims.json: geography: unchecked[0].text: 'in "
        "the Coast' is no statement found in the quote (found: 'Naivasha port in the Coast "
        "region')\n"
    )


def test_a_hand_check_naming_a_place_the_claim_does_not_link_is_refused(tmp_path: Path) -> None:
    root = data_with(
        tmp_path,
        "Naivasha grew.",
        ["naivasha"],
        checks=[{"type": "near", "subject": "naivasha", "objects": ["lamu"], "text": "grew"}],
    )
    result = CliRunner().invoke(cli, ["validate", "--data", str(root)])
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: data/articles/{ARTICLE_ID}/claims.json: geography: checks[0].objects: 'lamu' "
        "is not among the claim's places\n"
    )


def summary(root: Path) -> str:
    """The last line ``check`` should print, counted here from the library's verdicts."""
    found = check_dataset(load_dataset(root))
    counts = ", ".join(
        f"{sum(s.verdict == v for s in found)} {v}" for v in (HOLDS, CONTRADICTED, UNCHECKABLE)
    )
    return f"{len(found)} statement(s): {counts}"


def test_check_prints_every_statement_and_exits_1_on_a_contradiction(tmp_path: Path) -> None:
    root = data_with(tmp_path, "Naivasha lies 900 km from Nairobi.", ["naivasha", "nairobi"])
    result = CliRunner().invoke(cli, ["check", "--data", str(root)])
    assert result.exit_code == 1, result.stderr
    km = straight_km("naivasha", "nairobi")
    assert result.stdout.splitlines()[-4:] == [
        f"{ARTICLE_ID} geography: distance: '900 km from Nairobi'",
        f"  CONTRADICTED: Naivasha lies {km:.0f} km from Nairobi in a straight line; stated "
        f"900 km ({900 / km:.2f}× it)",
        "  rule: the stated distance is from 0.9× the straight-line (geodesic) distance up to "
        "1.6× it, the detour a road may make",
        summary(root),
    ]
    assert "1 contradicted" in summary(root)
    as_json = CliRunner().invoke(cli, ["check", "--json", "--data", str(root)])
    assert as_json.exit_code == 1
    document = json.loads(as_json.stdout)
    assert document["counts"]["contradicted"] == 1
    mine = [s for s in document["statements"] if s["article"] == ARTICLE_ID]
    assert [(s["verdict"], s["places"]) for s in mine] == [
        ("contradicted", ["naivasha", "nairobi"])
    ]


def test_check_exits_0_when_nothing_is_contradicted(tmp_path: Path) -> None:
    root = data_with(tmp_path, "Naivasha lies 90 km from Nairobi.", ["naivasha", "nairobi"])
    result = CliRunner().invoke(cli, ["check", "--data", str(root)])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == summary(root)
    assert "0 contradicted" in summary(root)


def test_every_shipped_statement_has_a_verdict_figure_and_rule_and_the_seed_holds() -> None:
    dataset = load_dataset(Path(__file__).resolve().parent.parent / "data")
    found = check_dataset(dataset)
    assert {s.verdict for s in found} <= {HOLDS, CONTRADICTED, UNCHECKABLE}
    assert all(s.figure and s.rule and s.text for s in found)
    # Another article may well say something false (that is what the check is for); the
    # seed article's geography is true, and each of its statements says so.
    seed = [(s.claim, s.text, s.verdict, s.figure) for s in found if s.article == SEED_ID]
    assert seed and all(verdict == HOLDS for _, _, verdict, _ in seed), seed


def test_the_map_shows_each_verdict_and_filters_by_it(browser: Browser, tmp_path: Path) -> None:
    first = "Naivasha lies 900 km from Nairobi, and Mombasa sits on the Indian Ocean."
    second = "The SGR links Mombasa with Naivasha."
    root = data_with(tmp_path, first, ["naivasha", "nairobi", "mombasa", "indian-ocean"])
    claims = json.loads((root / "articles" / ARTICLE_ID / "claims.json").read_text("utf-8"))
    claims["claims"].append(
        {
            "id": "link",
            "quote": second,
            "speaker": "article",
            "kind": "background",
            "places": ["sgr-route", "mombasa", "naivasha"],
        }
    )
    write_article(root, ARTICLE_ID, "Geography", "2024-03-01", f"{first}\n\n{second}\n", claims)
    found = [s for s in check_dataset(load_dataset(root)) if s.article == ARTICLE_ID]
    by_text = {s.text: s for s in found}
    assert [(s.claim, s.verdict) for s in found] == [
        ("geography", CONTRADICTED),
        ("geography", HOLDS),
        ("link", HOLDS),
    ]
    build_maps(root, tmp_path / "maps")
    page, log = open_offline(browser, tmp_path / "maps" / f"{ARTICLE_ID}.html")
    page.wait_for_selector("html[data-claims-ready]")
    # The panel marks each claim by its worst statement.
    items = page.locator("#claims-list .claim-item")
    assert [items.nth(i).locator(".claim-verdict").inner_text() for i in range(2)] == [
        "✗ geography contradicted",
        "✓ geography holds",
    ]
    # The popup lists every statement with its verdict, figure and rule.
    items.first.click()
    checks = page.locator(".leaflet-popup .claim-check")
    assert checks.count() == 2
    for index in range(2):
        check = checks.nth(index)
        statement = by_text[check.locator(".claim-check-text").inner_text()]
        assert check.locator(".claim-verdict").inner_text().endswith(statement.verdict)
        assert check.locator(".claim-check-figure").inner_text() == statement.figure
        assert statement.rule in check.locator(".claim-check-rule").inner_text()
    page.keyboard.press("Escape")
    # Filtering by verdict keeps the claims with that verdict; the choice is in the address.
    page.select_option("#filter-verdict", "contradicted")
    assert page.locator("#claims-list .claim-item").all_inner_texts()[0].startswith("1")
    assert page.locator("#claims-list .claim-item").count() == 1
    assert page.url.endswith("#geography=contradicted")
    page.select_option("#filter-verdict", "holds")
    assert page.locator("#claims-list .claim-item").count() == 1
    assert page.locator("#claims-list .claim-item").first.get_attribute("data-claim-id") == "link"
    assert log.errors == [] and log.requests == []
    page.close()
    # The overview counts the verdicts of each article.
    overview, log = open_offline(browser, tmp_path / "maps" / "index.html")
    overview.wait_for_selector("html[data-overview-ready]")
    entry = overview.locator(".overview-article").filter(
        has=overview.locator(f"a[href='{ARTICLE_ID}.html']")
    )
    assert entry.locator(".article-verdicts").inner_text() == ("Geography: 2 hold, 1 contradicted.")
    assert log.errors == []
    overview.close()


@pytest.mark.parametrize(
    ("written", "edited", "pattern"),
    [
        ("in northwest China", "in northeast China", "position"),
        ("in southwestern Pakistan", "in northeastern Pakistan", "position"),
        ("connects Xinjiang province", "connects Beijing and Xinjiang province", "connects"),
    ],
)
def test_the_seed_sentence_edited_to_be_false_is_contradicted(
    seed_data: Path, written: str, edited: str, pattern: str
) -> None:
    before = [
        s
        for s in check_dataset(load_dataset(seed_data))
        if s.pattern == pattern and written in s.text
    ]
    assert [s.verdict for s in before] == [HOLDS]
    for path in (seed_data / "articles").glob("*/*"):
        if path.name in ("body.txt", "claims.json"):
            path.write_text(path.read_text("utf-8").replace(written, edited), "utf-8")
    claims = seed_data / "articles"
    if "Beijing" in edited:  # the claim now names Beijing: it links it
        for path in claims.glob("*/claims.json"):
            document = json.loads(path.read_text("utf-8"))
            for claim in document["claims"]:
                if edited in claim["quote"]:
                    claim["places"].append("beijing")
            path.write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    after = [
        s
        for s in check_dataset(load_dataset(seed_data))
        if s.pattern == pattern and (s.text in edited or edited in s.text)
    ]
    assert [s.verdict for s in after] == [CONTRADICTED], after


def test_a_disputed_area_is_in_the_country_that_administers_it_and_its_claim_is_said(
    tmp_path: Path,
) -> None:
    places = ["ilemi-triangle", "kenya"]
    [held] = statements(tmp_path / "held", "Trains reach Kenya's Ilemi Triangle.", places)
    assert (held.verdict, held.figure) == (
        HOLDS,
        "Ilemi Triangle is administered by Kenya and claimed by South Sudan",
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "Nairobi is not near the Indian Ocean.",  # a denial
        "The line links western Kenya to the sea.",  # an adjective, not a position
        "Gulf traders that are close to Mombasa buy tea.",  # about traders, not a place
        "Kenya's tea goes to traders who live near Mombasa.",  # about the traders, not Kenya
        "Kenya's Indian Ocean coast is long.",  # a sea is in no country
        "Naivasha lies 1,2 km from Nairobi.",  # no number a reader could mean
        "The SGR is a 10,000,000 km railway.",  # longer than any way on Earth
        "The railway linking Mombasa with Naivasha is the SGR's twin.",  # another railway
    ],
)
def test_words_that_state_nothing_checkable_give_no_verdict_against_the_place(
    tmp_path: Path, sentence: str
) -> None:
    places = ["nairobi", "naivasha", "mombasa", "kenya", "indian-ocean", "sgr-route"]
    found = statements(tmp_path, sentence, places)
    assert [s for s in found if s.verdict != UNCHECKABLE] == []


def test_a_hand_check_that_cannot_mean_what_it_says_is_refused(tmp_path: Path) -> None:
    root = data_with(
        tmp_path,
        "Kenya is long.",
        ["kenya"],
        checks=[
            {"type": "length", "subject": "kenya", "value": 500, "text": "Kenya is long"},
            {"type": "contained", "subject": "kenya", "objects": ["kenya"], "text": "Kenya"},
        ],
    )
    result = CliRunner().invoke(cli, ["validate", "--data", str(root)])
    assert result.exit_code == 1
    shown = f"data/articles/{ARTICLE_ID}/claims.json: geography"
    assert result.stderr.splitlines() == [
        f"Error: {shown}: checks[0].subject: a length check is about a route, not a country "
        "('kenya')",
        f"Error: {shown}: checks[1].objects: names one place twice",
        "Error: 2 problems found",
    ]
