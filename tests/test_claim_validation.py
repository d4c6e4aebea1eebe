"""Claims: clean data passes; each kind of mistake gives its exact error line and exit 1.

Mistakes any file can hold (empty or non-verbatim quotes, unknown ids, duplicates) are in
the hostile corpus (``test_hostile_inputs.py``), which also checks ``build`` keeps the last
map; here are the rest of the claim rules: quotes a careful editor would still get wrong,
kinds, speakers, figures, dates, the article's terms and coverage.
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

CLAIMS = f"data/articles/{ARTICLE_ID}/claims.json"
Document = dict[str, Any]


def edit_claims(data: Path, change: Callable[[Document], None]) -> None:
    path = data / "articles" / ARTICLE_ID / "claims.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    change(document)
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")


def claim(document: Document, claim_id: str) -> dict[str, Any]:
    return next(c for c in document["claims"] if c["id"] == claim_id)


def errors(data: Path) -> tuple[int, str, list[str]]:
    result = CliRunner().invoke(cli, ["validate", "--data", str(data)])
    return result.exit_code, result.stdout, result.stderr.splitlines()


def test_clean_claims_pass(seed_data: Path) -> None:
    code, out, lines = errors(seed_data)
    assert (code, lines) == (0, [])
    path = seed_data / "articles" / ARTICLE_ID / "claims.json"
    claims = len(json.loads(path.read_text(encoding="utf-8"))["claims"])
    places = len(list((seed_data / "geojson").glob("*.geojson")))
    assert out == (
        f"OK: 1 article(s), {claims} claim(s), {places} place(s) in {seed_data.as_posix()}\n"
    )


def set_field(claim_id: str, field: str, value: Any) -> Callable[[Document], None]:
    def change(document: Document) -> None:
        claim(document, claim_id)[field] = value

    return change


def drop_claim(claim_id: str) -> Callable[[Document], None]:
    def change(document: Document) -> None:
        document["claims"] = [c for c in document["claims"] if c["id"] != claim_id]

    return change


def drop_paramilitary(document: Document) -> None:
    claim(document, "force-breakdown")["figures"].pop()


CASES: dict[str, tuple[Callable[[Document], None], list[str]]] = {
    "straight apostrophe for the article's typographic one": (
        set_field("meng-praises-pakistan", "quote", "Meng praised Pakistan's efforts"),
        [
            f"{CLAIMS}: meng-praises-pakistan: quote: is not in the article's body; "
            "closest passage: 'Meng praised Pakistan’s efforts'"
        ],
    ),
    "paraphrased quote": (
        set_field("india-objects", "quote", "India objected to the project"),
        [
            f"{CLAIMS}: india-objects: quote: is not in the article's body; "
            "closest passage: 'an objection to the project.'"
        ],
    ),
    "no places": (
        set_field("corridor-cost", "places", []),
        [f"{CLAIMS}: corridor-cost: places: must not be empty"],
    ),
    "unknown kind": (
        set_field("corridor-cost", "kind", "rumour"),
        [
            f"{CLAIMS}: corridor-cost: kind: 'rumour' is not one of: background, "
            "characterisation, event, figure, position, statement"
        ],
    ),
    "unknown speaker": (
        set_field("yang-unchanged-policy", "speaker", "yang"),
        [
            f"{CLAIMS}: yang-unchanged-policy: speaker: 'yang' is not a speaker of this file "
            "(known: article, khawaja-asif, meng-jianzhu, reports, wang-yi, yang-jiechi)"
        ],
    ),
    "parts that do not add up": (
        drop_paramilitary,
        [
            f"{CLAIMS}: pakistan-deployed-force: figure security-force: its parts add up to "
            "9,000 = 9,000, not 15,000"
        ],
    ),
    "figure value unlike its text": (
        set_field(
            "chinese-visitors",
            "figures",
            [
                {
                    "id": "chinese-visitors",
                    "text": "About 71,000",
                    "value": 70000,
                    "unit": "people",
                    "what": "visitors",
                }
            ],
        ),
        [
            f"{CLAIMS}: chinese-visitors: figures[0].value: is 70,000 but the text "
            "'About 71,000' says 71,000"
        ],
    ),
    "figure text holding no number": (
        set_field(
            "chinese-visitors",
            "figures",
            [
                {
                    "id": "chinese-visitors",
                    "text": "Chinese",
                    "value": 71000,
                    "unit": "people",
                    "what": "visitors",
                }
            ],
        ),
        [
            f"{CLAIMS}: chinese-visitors: figures[0].value: is 71,000 but the text 'Chinese' "
            "says no number"
        ],
    ),
    "impossible date": (
        set_field(
            "meeting-in-beijing",
            "dates",
            [{"text": "yesterday", "value": "2017-02-30", "basis": "typed wrong"}],
        ),
        [f"{CLAIMS}: meeting-in-beijing: dates[0].value: '2017-02-30' is not a real date"],
    ),
    "date word not in the sentence": (
        set_field(
            "india-objects",
            "dates",
            [{"text": "last week", "value": "2017-09-01", "basis": "guess"}],
        ),
        [f"{CLAIMS}: india-objects: dates[0].text: 'last week' is not in the quote's sentence"],
    ),
    "the article's term not in the quote": (
        set_field("runs-through-kashmir", "place_terms", {"pakistan-administered-kashmir": "PaK"}),
        [f"{CLAIMS}: runs-through-kashmir: place_terms: the term 'PaK' is not in the quote"],
    ),
    "a sentence no claim covers": (
        drop_claim("chinese-visitors"),
        [
            f"{CLAIMS}: claims: no claim covers the sentence "
            "'About 71,000 Chinese reported having visited Pakistan last year.'"
        ],
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_claim_mistake_is_reported_exactly(case: str, seed_data: Path) -> None:
    change, expected = CASES[case]
    edit_claims(seed_data, change)
    code, out, lines = errors(seed_data)
    assert code == 1
    assert out == ""
    wanted = [f"Error: {line}" for line in expected]
    assert lines == wanted
