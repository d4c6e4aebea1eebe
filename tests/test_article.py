"""The stored article is the page's own text, and its claims say what the text says."""

from __future__ import annotations

import os

import pytest

from geo.text import sentences
from geo.validate import load_dataset
from tests.conftest import ARTICLE_ID, DATA, ROOT

PAGE = ROOT.parent / "shared" / "article" / f"{ARTICLE_ID}.page.txt"
DATASET = load_dataset(DATA)
ARTICLE = next(a for a in DATASET.articles if a.id == ARTICLE_ID)
CLAIMS = {claim.id: claim for claim in ARTICLE.claims}


def page_lines() -> list[str]:
    if not PAGE.is_file():
        if os.environ.get("CI"):
            pytest.fail(f"{PAGE} is missing in CI")
        pytest.skip(f"the captured page is not beside the project ({PAGE})")
    return [line.strip() for line in PAGE.read_text(encoding="utf-8").splitlines()]


def test_body_is_the_pages_paragraphs_in_order_without_furniture() -> None:
    lines = page_lines()
    paragraphs = ARTICLE.body.rstrip("\n").split("\n\n")
    first = lines.index(paragraphs[0])
    last = lines.index(paragraphs[-1])
    expected = [line for line in lines[first : last + 1] if line and line != "Advertisement"]
    assert paragraphs == expected
    assert paragraphs[0].startswith("China and Pakistan have agreed to strengthen")
    assert paragraphs[-1].endswith("than China,” he said.")
    for furniture in ("Logo", "Advertisement", "Wang Yi (Photo: AFP)"):
        assert furniture not in paragraphs
    assert "…" not in ARTICLE.body


def test_metadata_and_how_each_field_is_known() -> None:
    assert ARTICLE.meta("headline") == "China, Pak to boost anti-terror cooperation along CPEC"
    assert ARTICLE.meta("publisher") == "The Statesman"
    assert ARTICLE.meta("wire") == "PTI (Press Trust of India)"
    assert ARTICLE.meta("published") == "2017-09-09"
    assert ARTICLE.meta("url").startswith("https://www.thestatesman.com/world/")
    assert all(field.basis for field in ARTICLE.metadata.values())


def test_every_quote_is_one_span_of_the_body() -> None:
    for claim in ARTICLE.claims:
        assert ARTICLE.body.count(claim.quote) == 1, claim.id


def test_every_sentence_is_covered() -> None:
    spans = [
        (ARTICLE.body.index(c.quote), ARTICLE.body.index(c.quote) + len(c.quote))
        for c in ARTICLE.claims
    ]
    found = sentences(ARTICLE.body)
    assert len(found) == 18
    for sentence in found:
        assert any(s < sentence.end and e > sentence.start for s, e in spans), sentence.text


def test_officials_quotes_are_their_own_claims() -> None:
    by_speaker = {c.id: ARTICLE.speakers[c.speaker].name for c in ARTICLE.claims}
    assert by_speaker["meng-core-interests"] == "Meng Jianzhu"
    assert by_speaker["yang-unchanged-policy"] == "Yang Jiechi"
    assert by_speaker["asif-cornerstone"] == "Khawaja Asif"
    assert by_speaker["wang-iron-friend"] == "Wang Yi"
    assert by_speaker["pakistan-deployed-force"] == "Reports cited by the article"
    assert "Commission for Political and Legal Affairs" in ARTICLE.speakers["meng-jianzhu"].role
    assert ARTICLE.speakers["yang-jiechi"].role.startswith("State Councillor")


def test_a_sentence_asserting_two_things_is_two_claims() -> None:
    assert CLAIMS["runs-through-kashmir"].quote == "runs through Pakistan-occupied Kashmir (PoK)"
    assert CLAIMS["india-objects"].quote == "India has raised an objection to the project"
    assert CLAIMS["india-objects"].kind == "position"
    assert CLAIMS["runs-through-kashmir"].place_terms == {
        "pakistan-administered-kashmir": "Pakistan-occupied Kashmir (PoK)"
    }


def test_figures_and_resolved_dates() -> None:
    cost = CLAIMS["corridor-cost"].figures[0]
    assert (cost.value, cost.unit) == (50_000_000_000, "USD")
    force = CLAIMS["pakistan-deployed-force"].figures[0]
    parts = CLAIMS["force-breakdown"].figures
    assert force.value == 15_000
    assert [p.value for p in parts] == [9_000, 6_000]
    assert all(p.part_of == force.id for p in parts)
    visitors = CLAIMS["chinese-visitors"].figures[0]
    assert (visitors.value, visitors.approximate) == (71_000, True)
    assert CLAIMS["meeting-in-beijing"].dates[0].value == "2017-09-08"
    assert CLAIMS["chinese-visitors"].dates[0].value == "2016"


def test_every_claim_names_existing_places_and_every_named_place_is_used() -> None:
    used = {place for claim in ARTICLE.claims for place in claim.places}
    assert used <= set(DATASET.places)
    named = {p.id for p in DATASET.places.values() if p.properties["role"] == "named"}
    assert named <= used
    assert len(ARTICLE.claims) == 24
