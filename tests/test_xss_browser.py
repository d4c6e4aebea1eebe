"""Script injected into every text field never runs in the built map; it shows as text.

Two layers are tested. Text copied from the article (body, quotes, headline, the article's
terms) may hold anything, so payloads go in there through the real data files and pass
validation. Editorial text (names, roles, sources) is refused by validation, so payloads go
in there by tampering with a loaded dataset, bypassing validation, to prove that rendering
is safe on its own.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from playwright.sync_api import Browser, Page

from geo._checks.validate import load_dataset
from geo._rendering.render import render_article_map
from geo.cli import cli
from geo.model import Dataset, MetadataField
from tests.browser import hover_place, open_claim_on_map, open_offline
from tests.conftest import ARTICLE_ID, copy_article_world

pytestmark = pytest.mark.browser

PAYLOADS = [
    "<script>window.__xss=1</script>",
    '<img src=x onerror="window.__xss=2">',
    "<svg/onload=window.__xss=3>",
    '"><script>window.__xss=4</script>',
    "'-(window.__xss=5)-'",
    "`${window.__xss=6}`",
    "</script><script>window.__xss=7</script>",
    "{{constructor.constructor('window.__xss=8')()}}",
    '<a href="javascript:window.__xss=9">link</a>',
    "<IMG SRC=JaVaScRiPt:window.__xss=10>",
    "<iframe src=javascript:window.__xss=11></iframe>",
    "<!--<script>window.__xss=12</script>-->",
    "&lt;script&gt;window.__xss=13&lt;/script&gt;",
    "\\u003cscript\\u003ewindow.__xss=14\\u003c/script\\u003e",
    "<body onload=window.__xss=15>",
    '<div style="background:url(javascript:window.__xss=16)">',
]


def no_script_ran(page: Page, dialogs: list[str]) -> None:
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert dialogs == []
    hrefs = page.eval_on_selector_all("a[href]", "nodes => nodes.map(n => n.href)")
    assert not [href for href in hrefs if href.lower().startswith("javascript:")]


def open_every_popup(page: Page, claim_ids: list[str]) -> dict[str, str]:
    quotes = {}
    for claim_id in claim_ids:
        # From the map, so the names of markers and of the lists of shared places show too.
        open_claim_on_map(page, claim_id)
        popup = page.locator(f".leaflet-popup .claim-popup[data-claim-id='{claim_id}']")
        popup.wait_for()
        quotes[claim_id] = popup.locator(".claim-quote").inner_text()
        page.keyboard.press("Escape")
        popup.wait_for(state="detached")
    return quotes


def inject_into_article_text(data: Path) -> dict[str, str]:
    """Append a payload to quotes in body and claims alike; return claim id → new quote."""
    folder = data / "articles" / ARTICLE_ID
    body = (folder / "body.txt").read_text(encoding="utf-8")
    claims = json.loads((folder / "claims.json").read_text(encoding="utf-8"))
    changed = {}
    standalone = [
        c
        for c in claims["claims"]
        if c["id"] != "runs-through-kashmir"
        and not any(
            o["quote"] in c["quote"] or c["quote"] in o["quote"]
            for o in claims["claims"]
            if o is not c
        )
    ]
    for claim, payload in zip(standalone, PAYLOADS, strict=False):
        new_quote = f"{claim['quote']} {payload}"
        body = body.replace(claim["quote"], new_quote)
        claim["quote"] = new_quote
        changed[claim["id"]] = new_quote
    term_claim = next(c for c in claims["claims"] if c["id"] == "runs-through-kashmir")
    term = "Pakistan-occupied Kashmir (PoK) <b onmouseover=window.__xss=20>"
    body = body.replace(term_claim["quote"], f"runs through {term}")
    term_claim["quote"] = f"runs through {term}"
    term_claim["place_terms"] = {"pakistan-administered-kashmir": term}
    changed[term_claim["id"]] = term_claim["quote"]
    (folder / "body.txt").write_text(body, encoding="utf-8")
    (folder / "claims.json").write_text(json.dumps(claims, ensure_ascii=False), encoding="utf-8")
    meta = json.loads((folder / "article.json").read_text(encoding="utf-8"))
    meta["metadata"]["headline"]["value"] = "China, Pak <script>window.__xss=21</script> CPEC"
    (folder / "article.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    return changed


def test_payloads_in_article_text_pass_validation_and_show_as_text(
    browser: Browser, seed_data: Path, tmp_path: Path
) -> None:
    changed = inject_into_article_text(seed_data)
    assert len(changed) >= 10
    result = CliRunner().invoke(cli, ["build", "--data", str(seed_data), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.stderr
    page, log = open_offline(browser, tmp_path / f"{ARTICLE_ID}.html")
    page.wait_for_selector("html[data-claims-ready]")
    assert page.title() == "China, Pak <script>window.__xss=21</script> CPEC"
    assert "<script>window.__xss=21</script>" in page.locator(".corridor-title").inner_text()
    shown = open_every_popup(page, list(changed))
    assert shown == changed
    panel = page.locator("#claims-list").inner_text()
    for quote in changed.values():
        assert quote in panel
    no_script_ran(page, log.dialogs)
    assert log.errors == []
    page.close()


def tampered(dataset: Dataset) -> Dataset:
    """Payloads in every editorial field, as if validation had been bypassed."""
    payloads = itertools.cycle(PAYLOADS)
    article = dataset.articles[0]
    speakers = {
        key: dataclasses.replace(s, name=f"{s.name} {next(payloads)}", role=next(payloads))
        for key, s in article.speakers.items()
    }
    metadata = dict(article.metadata)
    metadata["publisher"] = MetadataField(f"Statesman {next(payloads)}", "tampered")
    metadata["wire"] = MetadataField(next(payloads), "tampered")
    metadata["url"] = MetadataField("javascript:window.__xss=30", "tampered")
    claims = tuple(
        dataclasses.replace(
            c,
            figures=tuple(
                dataclasses.replace(f, what=next(payloads), unit=next(payloads)) for f in c.figures
            ),
            dates=tuple(dataclasses.replace(d, basis=next(payloads)) for d in c.dates),
        )
        for c in article.claims
    )
    article = dataclasses.replace(article, speakers=speakers, metadata=metadata, claims=claims)
    places = {}
    for key, place in dataset.places.items():
        properties = dict(place.properties)
        properties["aliases"] = [next(payloads)]
        if "terms_by_party" in properties:
            properties["terms_by_party"] = {"India": next(payloads), "neutral": next(payloads)}
        if "waypoints" in properties:
            properties["waypoints"] = [
                {**w, "name": f"{w['name']} {next(payloads)}"} for w in properties["waypoints"]
            ]
        name = f"{place.name} {next(payloads)}"
        places[key] = dataclasses.replace(place, name=name, properties=properties)
    return dataclasses.replace(dataset, articles=[article], places=places)


def test_payloads_in_editorial_fields_are_inert_even_without_validation(
    browser: Browser, tmp_path: Path
) -> None:
    dataset = tampered(load_dataset(copy_article_world(tmp_path / "data")))
    path = tmp_path / "tampered.html"
    path.write_text(render_article_map(dataset, dataset.articles[0]), encoding="utf-8")
    page, log = open_offline(browser, path)
    page.wait_for_selector("html[data-claims-ready]")
    open_every_popup(page, [c.id for c in dataset.articles[0].claims])
    place = dataset.places["gilgit-baltistan"]
    hover_place(page, place.geometry, place.name, click=True)
    page.locator(".leaflet-popup .place-info").wait_for()
    india_term = dataset.places["gilgit-baltistan"].properties["terms_by_party"]["India"]
    assert (
        f"India calls it: {india_term}" in page.locator(".leaflet-popup .place-info").inner_text()
    )
    speaker = dataset.articles[0].speakers["wang-yi"]
    assert speaker.name in page.locator("#claims-list").inner_text()
    no_script_ran(page, log.dialogs)
    assert log.errors == []
    page.close()
