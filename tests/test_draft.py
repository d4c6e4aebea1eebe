"""`corridor-map draft` and `review`: from an article's text to draft claims `validate` accepts.

The articles here are the tests' own, about another corridor (Kenya's railway, the fixture
of :mod:`tests.fixtures`), so nothing is tuned to the shipped data. Accuracy on real
articles is measured by ``bench/draft_eval.py`` on ``bench/eval/``, not here.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from playwright.sync_api import Browser

from geo._building.build import build_maps
from geo.cli import cli
from tests.browser import open_offline
from tests.fixtures import write_fixture

ARTICLE = """Kenya's railway carries more freight to Naivasha

NAIROBI: Kenya Railways said on Tuesday that the Standard Gauge Railway carried 6.5 million \
tonnes of freight last year, up from 5.2 million tonnes in 2022.

“The line has changed how cargo moves from Mombasa to Naivasha,” said Philip Mainga, the \
managing director of Kenya Railways.

He added that a new terminal would open in April 2025.

Transport Minister Davis Chirchir told reporters in Nairobi that the government would extend \
the line.

“We are talking to lenders about the next section,” he said.
"""
ARTICLE_ID = "star-2024-03-14-sgr-freight"
OPTIONS = [
    "--published",
    "2024-03-14",
    "--publisher",
    "The Star",
    "--url",
    "https://www.the-star.co.ke/business/2024-03-14-sgr-freight/",
]
PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<title>Kenya's railway carries more freight to Naivasha - The Star</title>
<meta property="og:title" content="Kenya's railway carries more freight to Naivasha">
<meta property="og:site_name" content="The Star">
<meta property="article:published_time" content="2024-03-14T08:00:00+03:00">
<link rel="canonical" href="https://www.the-star.co.ke/business/2024-03-14-sgr-freight/">
</head><body>
<nav><a href="/">Home</a> <a href="/business">Business</a></nav>
<article>
<h1>Kenya's railway carries more freight to Naivasha</h1>
<p>NAIROBI: Kenya Railways said on Tuesday that the Standard Gauge Railway carried 6.5
million tonnes of freight last year, up from 5.2 million tonnes in 2022.</p>
<p>“The line has changed how cargo moves from Mombasa to Naivasha,” said Philip Mainga,
the managing director of Kenya Railways.</p>
<p>He added that a new terminal would open in April 2025.</p>
</article>
<footer>© The Star. Share this story.</footer>
</body></html>
"""


@pytest.fixture
def kenya(tmp_path: Path) -> Path:
    return write_fixture(tmp_path / "data")


def draft(data: Path, source: Path, *args: str) -> Result:
    return CliRunner().invoke(
        cli, ["draft", str(source), "--id", ARTICLE_ID, *args, "--data", str(data)]
    )


def draft_text(data: Path, tmp_path: Path, text: str) -> Result:
    """Draft ``text`` as a plain-text article with the usual options; it must succeed."""
    source = tmp_path / "story.txt"
    source.write_text(text, encoding="utf-8")
    result = draft(data, source, *OPTIONS)
    assert result.exit_code == 0, result.stderr
    return result


def claims_of(data: Path) -> dict[str, Any]:
    path = data / "articles" / ARTICLE_ID / "claims.json"
    document: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return document


def write_article(tmp_path: Path) -> Path:
    path = tmp_path / "story.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_a_text_article_drafts_claims_validate_accepts(kenya: Path, tmp_path: Path) -> None:
    result = draft(kenya, write_article(tmp_path), *OPTIONS)
    assert result.exit_code == 0, result.stderr
    checked = CliRunner().invoke(cli, ["validate", "--data", str(kenya)])
    assert checked.exit_code == 0, checked.stderr
    assert checked.stderr == (
        f"Warning: data/articles/{ARTICLE_ID}/claims.json: claims: 5 of 5 claims are drafts, "
        f"not reviewed: check each against the article, then run corridor-map review "
        f"{ARTICLE_ID}\n"
    )
    document = claims_of(kenya)
    claims = {c["id"]: c for c in document["claims"]}
    assert all(c["draft"] is True for c in claims.values())
    # One claim per sentence; a direct quotation is quoted without its attribution.
    assert claims["claim-002"]["quote"] == (
        "The line has changed how cargo moves from Mombasa to Naivasha"
    )
    # Speakers and their roles as the text gives them; "he" is the last person named.
    speakers = document["speakers"]
    assert speakers["philip-mainga"] == {
        "name": "Philip Mainga",
        "type": "person",
        "role": "the managing director of Kenya Railways",
    }
    assert speakers["davis-chirchir"]["role"] == "Transport Minister"
    assert speakers["kenya-railways"]["type"] == "organisation"
    assert [claims[f"claim-00{n}"]["speaker"] for n in range(1, 6)] == [
        "kenya-railways",
        "philip-mainga",
        "philip-mainga",
        "davis-chirchir",
        "davis-chirchir",
    ]
    # Places: the data's, by name and dateline; "Kenya Railways" names no place.
    assert claims["claim-001"]["places"] == ["sgr-route", "nairobi"]
    assert claims["claim-002"]["places"] == ["naivasha", "mombasa"]
    assert claims["claim-003"]["places"] == ["nairobi"]
    assert "dateline" in claims["claim-003"]["place_basis"]["nairobi"]
    # Dates from the publication date (a Thursday), figures as the text reads them.
    assert [(d["text"], d["value"]) for d in claims["claim-001"]["dates"]] == [
        ("on Tuesday", "2024-03-12"),
        ("last year", "2023"),
        ("in 2022", "2022"),
    ]
    assert [(d["text"], d["value"]) for d in claims["claim-003"]["dates"]] == [
        ("in April 2025", "2025-04")
    ]
    assert [(f["text"], f["value"]) for f in claims["claim-001"]["figures"]] == [
        ("6.5 million tonnes", 6_500_000),
        ("5.2 million tonnes", 5_200_000),
    ]


def test_review_clears_the_draft_marks(kenya: Path, tmp_path: Path) -> None:
    assert draft(kenya, write_article(tmp_path), *OPTIONS).exit_code == 0
    result = CliRunner().invoke(cli, ["review", ARTICLE_ID, "--data", str(kenya)])
    assert (result.exit_code, result.stdout) == (0, f"reviewed 5 draft claim(s) of {ARTICLE_ID}\n")
    assert not any("draft" in claim for claim in claims_of(kenya)["claims"])
    checked = CliRunner().invoke(cli, ["validate", "--data", str(kenya)])
    assert (checked.exit_code, checked.stderr) == (0, "")


def test_a_saved_page_gives_its_own_metadata(kenya: Path, tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    result = draft(kenya, page)
    assert result.exit_code == 0, result.stderr
    folder = kenya / "articles" / ARTICLE_ID
    metadata = json.loads((folder / "article.json").read_text(encoding="utf-8"))["metadata"]
    assert metadata["headline"]["value"] == "Kenya's railway carries more freight to Naivasha"
    assert metadata["publisher"]["value"] == "The Star"
    assert metadata["published"]["value"] == "2024-03-14"
    assert metadata["url"]["value"] == (
        "https://www.the-star.co.ke/business/2024-03-14-sgr-freight/"
    )
    assert all("trafilatura" in entry["basis"] for entry in metadata.values())
    body = (folder / "body.txt").read_text(encoding="utf-8")
    assert body.startswith("NAIROBI: Kenya Railways said on Tuesday")
    assert "Share this story" not in body and "Home" not in body
    assert CliRunner().invoke(cli, ["validate", "--data", str(kenya)]).exit_code == 0


def test_missing_metadata_is_asked_for(kenya: Path, tmp_path: Path) -> None:
    source = write_article(tmp_path)
    result = draft(kenya, source, "--published", "2024-03-14")
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {source.as_posix()}: the text does not say its publisher, url; give "
        "--publisher and --url\n"
    )
    assert not (kenya / "articles" / ARTICLE_ID).exists()


def test_an_existing_article_is_never_replaced(kenya: Path, tmp_path: Path) -> None:
    assert draft(kenya, write_article(tmp_path), *OPTIONS).exit_code == 0
    again = draft(kenya, write_article(tmp_path), *OPTIONS)
    assert again.exit_code == 1
    assert again.stderr == (
        f"Error: {kenya.as_posix()}/articles/{ARTICLE_ID} exists already; choose another --id\n"
    )


@pytest.mark.browser
def test_the_map_says_which_claims_are_drafts(
    browser: Browser, kenya: Path, tmp_path: Path
) -> None:
    assert draft(kenya, write_article(tmp_path), *OPTIONS).exit_code == 0
    build_maps(kenya, tmp_path / "maps")
    page, log = open_offline(browser, tmp_path / "maps" / f"{ARTICLE_ID}.html")
    page.wait_for_selector("html[data-claims-ready]")
    items = page.locator("#claims-list .claim-item")
    marks = page.locator("#claims-list .claim-item .claim-draft")
    assert items.count() == marks.count() == 5
    assert marks.first.inner_text() == "draft, not reviewed"
    items.first.click()
    assert page.locator(".leaflet-popup .claim-draft").inner_text() == "draft, not reviewed"
    assert log.errors == []
    page.close()
    # The archive overview lists the drafts as drafts too, and the reviewed claims as they are.
    overview, log = open_offline(browser, tmp_path / "maps" / "index.html")
    overview.wait_for_selector("html[data-overview-ready]")
    overview.get_by_role("button", name=re.compile(r"^Nairobi — ")).click()
    entries = overview.locator(".leaflet-popup .overview-claim")
    entries.first.wait_for()
    marked = [entries.nth(i).locator(".claim-draft").count() == 1 for i in range(entries.count())]
    drafted = {c["quote"] for c in claims_of(kenya)["claims"] if c["places"][0] == "nairobi"}
    quotes = [entries.nth(i).locator("q").inner_text() for i in range(entries.count())]
    assert marked == [quote in drafted for quote in quotes]
    assert any(marked) and not all(marked)
    assert log.errors == []
    overview.close()


WESTWARD = """Kenya plans a railway to Kisumu

NAIROBI: The Standard Gauge Railway may reach Kisumu by 2027, officials said on Tuesday.

Mr Malindi said the line would cost KSh 3.2 billion more than planned.

The plan was described as “a line that will change western Kenya for good” in a report.
"""


def test_a_town_the_data_lacks_is_added_from_the_gazetteer_and_reported(
    kenya: Path, tmp_path: Path
) -> None:
    result = draft_text(kenya, tmp_path, WESTWARD)
    assert result.stdout.splitlines()[0] == (
        f"added {kenya.as_posix()}/geojson/kisumu.geojson (from the gazetteer: check it is "
        "the place meant)"
    )
    added = json.loads((kenya / "geojson" / "kisumu.geojson").read_text(encoding="utf-8"))
    assert added["features"][0]["properties"]["source"]["geonameid"] == 191245  # Kisumu
    # "Mr Malindi" is a person, not the town of Malindi; no other place was added.
    assert sorted(p.name for p in (kenya / "geojson").iterdir()) == sorted(
        [
            *(f"{i}.geojson" for i in ("coast-region", "ilemi-triangle", "kenya", "lamu")),
            *(f"{i}.geojson" for i in ("mombasa", "nairobi", "naivasha", "sgr-route", "kisumu")),
        ]
    )
    claims = claims_of(kenya)["claims"]
    assert claims[0]["places"] == ["sgr-route", "nairobi", "kisumu"]
    # Figures in any currency, with its code as the unit.
    assert [(f["text"], f["value"], f["unit"]) for f in claims[1]["figures"]] == [
        ("KSh 3.2 billion", 3_200_000_000, "KSh")
    ]
    # Quoted words no one is found to say stay in their sentence, as the article's.
    assert claims[2]["quote"] == (
        "The plan was described as “a line that will change western Kenya for good” in a report."
    )
    assert claims[2]["speaker"] == "article"


def test_a_draft_validate_would_refuse_is_not_kept(kenya: Path, tmp_path: Path) -> None:
    before = sorted(p.name for p in (kenya / "geojson").iterdir())
    result = draft(
        kenya,
        write_article(tmp_path),
        "--published",
        "2024-03-14",
        "--publisher",
        "The Star",
        "--url",
        "javascript:alert(1)",
    )
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: the draft would not validate, so nothing is kept: data/articles/"
        f"{ARTICLE_ID}/article.json: {ARTICLE_ID}: metadata.url.value: 'javascript:alert(1)' "
        "is not an http(s) address\n"
    )
    assert not (kenya / "articles" / ARTICLE_ID).exists()
    assert sorted(p.name for p in (kenya / "geojson").iterdir()) == before


def test_review_of_a_broken_file_says_where(kenya: Path, tmp_path: Path) -> None:
    assert draft(kenya, write_article(tmp_path), *OPTIONS).exit_code == 0
    path = kenya / "articles" / ARTICLE_ID / "claims.json"
    path.write_text('{"article": "x", "claims": ', encoding="utf-8")
    result = CliRunner().invoke(cli, ["review", ARTICLE_ID, "--data", str(kenya)])
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: data/articles/{ARTICLE_ID}/claims.json: is not valid JSON: Expecting value at "
        "line 1 column 28\n"
    )
    unknown = CliRunner().invoke(cli, ["review", "../../etc", "--data", str(kenya)])
    assert unknown.exit_code == 1
    assert unknown.stderr == (
        "Error: article id '../../etc' is not a slug (lower-case letters, digits and single "
        "hyphens)\n"
    )


ATTRIBUTIONS = """Kenya and Uganda weigh the railway's next section

NAIROBI - Jane Wanjiru, the chairwoman of the Kenya Railways board, on Monday resigned from her
post.

The former engineer in a short letter said, “I leave a line that carries more freight than ever
before and a team able to take it to Naivasha and beyond”.

Transport Minister Davis Chirchir has welcomed her successor. In a tweet, he said: "The next
section will be built on time and on budget, and we thank her for her service".

According to a statement issued by the Ministry of Foreign Affairs on Monday, the talks show
“a shared resolve to finish the line to the border for the good of both countries”.

The Daily Monitor quoted Ruth Nankabirwa, Uganda's energy minister, as saying, “Uganda will
pay its share of the section from Malaba to Kampala when the loans are signed”.

The ministry of transport in Kampala said, "We have set aside the land for the line and the
stations along it".

The Prime Minister in an interview with Kenya Broadcasting Corporation said the line mattered.

Prime Minister Robinah Nabbanja and Speaker of Parliament Anita Among met the lenders.

The Prime Minister noted “the railway is the backbone of the trade we want with Mombasa and
the coast”.

Ambassador to Kenya Zhou Pingjian said, "We would like to work with our Kenyan friends to see
the line reach the lakes".

Kenya Broadcasting Corporation, citing the port authority, said the cargo was moving.

"Trains left Mombasa on time and reached Nairobi before noon on every day of the week," it
said.
"""


def test_speakers_by_role_statement_quotation_and_pronoun(kenya: Path, tmp_path: Path) -> None:
    draft_text(kenya, tmp_path, ATTRIBUTIONS)
    document = claims_of(kenya)
    said = {c["quote"][:24]: document["speakers"][c["speaker"]]["name"] for c in document["claims"]}
    assert said == {
        # The text was hard-wrapped at a fixed width: each block is one paragraph.
        "NAIROBI - Jane Wanjiru, ": "The article (The Star)",
        # "The former engineer" is the person the article is about.
        "I leave a line that carr": "Jane Wanjiru",
        "Transport Minister Davis": "The article (The Star)",
        # "he" is the person the sentence before opened with, not the last one quoted.
        "The next section will be": "Davis Chirchir",
        "a shared resolve to fini": "Ministry of Foreign Affairs",
        "Uganda will pay its shar": "Ruth Nankabirwa",
        # The ministry speaks, not the city it sits in.
        "We have set aside the la": "Ministry of Transport",
        "The Prime Minister in an": "The article (The Star)",
        "Prime Minister Robinah N": "The article (The Star)",
        # "The Prime Minister": the person named with that title, not the broadcaster.
        "the railway is the backb": "Robinah Nabbanja",
        # "Ambassador to Kenya": a title holding a country's name.
        "We would like to work wi": "Zhou Pingjian",
        "Kenya Broadcasting Corpo": "Kenya Broadcasting Corporation",
        # "it said": the body that spoke last.
        "Trains left Mombasa on t": "Kenya Broadcasting Corporation",
    }
    roles = {s["name"]: s.get("role") for s in document["speakers"].values()}
    assert roles["Jane Wanjiru"] == "the chairwoman of the Kenya Railways board"
    assert roles["Ruth Nankabirwa"] == "Uganda's energy minister"
    assert roles["Robinah Nabbanja"] == "Prime Minister"
    assert document["speakers"]["ministry-of-foreign-affairs"]["type"] == "organisation"


WESTERN = """Kenya's railway heads west

NAIROBI: Kenya’s Eldoret will be linked to the line by 2028, officials said on the 21st of
March, 2024.

KNA Eldoret traders welcomed the plan, which was first put forward three years ago.

Voi, Taveta and Coast Development Minister Amina Said visited the works last week.

The loans for the section were signed last month, the lenders said.
"""


def test_places_in_possessives_and_longer_runs_and_relative_dates(
    kenya: Path, tmp_path: Path
) -> None:
    draft_text(kenya, tmp_path, WESTERN)
    claims = claims_of(kenya)["claims"]
    # "Kenya’s Eldoret" is Kenya and Eldoret; "KNA Eldoret" holds Eldoret.
    assert claims[0]["places"] == ["nairobi", "kenya", "eldoret"]
    assert claims[1]["places"] == ["eldoret"]
    # "Voi, Taveta and Coast Development Minister" is a portfolio: no town of Voi added.
    assert not (kenya / "geojson" / "voi.geojson").exists()
    dates = [(d["text"], d["value"]) for c in claims for d in c.get("dates", [])]
    assert dates == [
        ("21st of March, 2024", "2024-03-21"),
        ("by 2028", "2028"),
        ("three years ago", "2021"),
        ("last week", "2024-03-04"),
        ("last month", "2024-02"),
    ]
    week = next(d for d in claims[2]["dates"])
    assert week["basis"] == (
        "draft: 'last week', the week of Monday 2024-03-04 to Sunday 2024-03-10, counted from "
        "the publication date, 2024-03-14 (Thursday); the value is its Monday"
    )


def test_a_name_of_a_country_and_a_town_is_the_country_and_a_big_city_beats_villages() -> None:
    from geo._drafting.draft import _best_candidate
    from geo._sources.gazetteer import find_places, normalised

    kazakhstan = _best_candidate(find_places("Kazakhstan", own_names_only=True))
    assert kazakhstan is not None and kazakhstan.kind == "country"
    assert normalised("Xi'an") == normalised("Xi’an") == "xian"
    towns = find_places("Xi'an", own_names_only=True)
    assert len(towns) > 1
    city = _best_candidate(towns)
    assert city is not None and city.geonameid == 1790630  # the capital of Shaanxi
    # Two towns of a size: no guess.
    assert _best_candidate(find_places("Busia", own_names_only=True)) is None


def test_a_title_holds_acronyms_and_peoples_of_any_country_not_only_the_first_articles() -> None:
    from geo._drafting.draft import _split_title

    overseas = "Minister for Overseas Kenyans Amina Mohamed"
    title, name = _split_title(overseas.split(" "), {"Kenya"})
    assert (title[-1], name) == ("Kenyans", ["Amina", "Mohamed"])
    chairman = "Chairman of the SGR Board Jane Wanjiru"
    assert _split_title(chairman.split(" "))[1] == ["Jane", "Wanjiru"]
