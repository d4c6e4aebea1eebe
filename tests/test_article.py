"""The stored articles are their pages' own text, and their claims say what the text says.

Every test here derives what it expects from ``data/`` itself, so adding a valid article
keeps it green; the hand-checked facts of the first article are tested only while it is
there.
"""

from __future__ import annotations

import os

import pytest

from geo._checks.validate import load_dataset
from geo.model import Article
from tests.conftest import ARTICLE_ID, DATA, ROOT

DATASET = load_dataset(DATA)
ARTICLES = {article.id: article for article in DATASET.articles}
CAPTURED = ROOT.parent / "shared" / "article"


def each_article() -> pytest.MarkDecorator:
    return pytest.mark.parametrize("article", list(ARTICLES.values()), ids=list(ARTICLES))


def test_shipped_data_validates_without_warnings() -> None:
    assert DATASET.articles
    assert [str(w) for w in DATASET.warnings] == []


def test_articles_with_a_captured_page_are_its_paragraphs_in_order() -> None:
    if not CAPTURED.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"{CAPTURED} is missing in CI")
        pytest.skip(f"the captured pages are not beside the project ({CAPTURED})")
    checked = 0
    for article in DATASET.articles:
        page = CAPTURED / f"{article.id}.page.txt"
        if not page.is_file():
            continue
        lines = [line.strip() for line in page.read_text(encoding="utf-8").splitlines()]
        paragraphs = article.body.rstrip("\n").split("\n\n")
        first, last = lines.index(paragraphs[0]), lines.index(paragraphs[-1])
        between = [line for line in lines[first : last + 1] if line]
        furniture = [line for line in between if line not in paragraphs]
        assert [line for line in between if line in paragraphs] == paragraphs
        assert all(len(line) < 60 for line in furniture), furniture
        checked += 1
    assert checked, "no article of data/ has a captured page in ../shared/article"


@each_article()
def test_every_quote_is_one_span_in_article_order(article: Article) -> None:
    starts = []
    for claim in article.claims:
        assert article.body.count(claim.quote) == 1, claim.id
        starts.append(article.body.index(claim.quote))
    assert starts == sorted(starts)


@each_article()
def test_every_sentence_is_covered(article: Article) -> None:
    spans = [
        (article.body.index(c.quote), article.body.index(c.quote) + len(c.quote))
        for c in article.claims
    ]
    assert article.sentences
    for sentence in article.sentences:
        assert any(s < sentence.end and e > sentence.start for s, e in spans), sentence.text


@each_article()
def test_metadata_says_how_each_field_is_known(article: Article) -> None:
    for name in ("headline", "publisher", "published", "url"):
        assert article.meta(name), name
    assert all(field.basis.strip() for field in article.metadata.values())
    assert article.meta("url").startswith("https://")


def test_every_place_named_in_its_file_is_used_by_some_claim() -> None:
    used = {p for a in DATASET.articles for c in a.claims for p in c.places}
    assert used <= set(DATASET.places)
    named = {p.id for p in DATASET.places.values() if p.properties["role"] == "named"}
    assert named <= used


# The first article's hand-checked facts ----------------------------------------------

needs_first = pytest.mark.skipif(ARTICLE_ID not in ARTICLES, reason="the first article is gone")
FIRST = ARTICLES.get(ARTICLE_ID)
CLAIMS = {claim.id: claim for claim in FIRST.claims} if FIRST else {}


@needs_first
def test_officials_quotes_are_their_own_claims() -> None:
    assert FIRST is not None
    by_speaker = {c.id: FIRST.speakers[c.speaker].name for c in FIRST.claims}
    assert by_speaker["meng-core-interests"] == "Meng Jianzhu"
    assert by_speaker["yang-unchanged-policy"] == "Yang Jiechi"
    assert by_speaker["asif-cornerstone"] == "Khawaja Asif"
    assert by_speaker["wang-iron-friend"] == "Wang Yi"
    assert by_speaker["pakistan-deployed-force"] == "Reports cited by the article"


@needs_first
def test_a_sentence_asserting_two_things_is_two_claims() -> None:
    assert CLAIMS["runs-through-kashmir"].quote == "runs through Pakistan-occupied Kashmir (PoK)"
    assert CLAIMS["india-objects"].quote == "India has raised an objection to the project"
    assert CLAIMS["india-objects"].kind == "position"
    assert CLAIMS["runs-through-kashmir"].place_terms == {
        "pakistan-administered-kashmir": "Pakistan-occupied Kashmir (PoK)"
    }


@needs_first
def test_figures_and_resolved_dates() -> None:
    force = CLAIMS["pakistan-deployed-force"].figures[0]
    parts = CLAIMS["force-breakdown"].figures
    assert [p.value for p in parts] == [9_000, 6_000]
    assert all(p.part_of == force.id for p in parts)
    visitors = CLAIMS["chinese-visitors"].figures[0]
    assert (visitors.value, visitors.approximate) == (71_000, True)
    assert CLAIMS["meeting-in-beijing"].dates[0].value == "2017-09-08"
    assert CLAIMS["chinese-visitors"].dates[0].value == "2016"
