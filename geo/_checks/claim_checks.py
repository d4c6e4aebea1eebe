"""Checks of claims against their article's body and against the places.

These prove that each quote is the article's own words, that figures and dates say what
the text says, that every asserting sentence is covered by a claim, and that every place
id a claim names exists.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Set

from geo._checks.mentions import editor_links
from geo._checks.numbers import format_number, number_in
from geo._checks.validate_ids import unknown_id_message
from geo.errors import Problem
from geo.model import Article, Claim, Figure, Place

_MAX_SHOWN = 120
MISQUOTE_SIMILARITY = 0.8
"""How alike (see :class:`geo._loading.quotes.Passage`) a closest passage must be to count as the
one misquoted."""
MAX_PASSAGES_SOUGHT = 50
"""Quotes of one article for which the closest passage is sought when they are not in it;
beyond this many, the body is likely the wrong text, and each search would be wasted."""


def _short(text: str) -> str:
    return text if len(text) <= _MAX_SHOWN else text[: _MAX_SHOWN - 1] + "…"


def article_claim_problems(
    article: Article, shown: str, check_coverage: bool = True
) -> Iterator[Problem]:
    """Every problem of ``article``'s claims that the body alone can reveal.

    With ``check_coverage``, also every sentence of the body that no claim quotes from.
    """
    index = article.quotes
    spans: list[tuple[int, int]] = []
    figures: dict[str, Figure] = {}
    previous: tuple[int, str] | None = None
    missing = 0
    for claim in article.claims:
        found = index.occurrences(claim.quote)
        if not found:
            missing += 1
            if missing > MAX_PASSAGES_SOUGHT:
                check_coverage = False  # so many missing: the body itself is in doubt
                yield Problem(
                    shown,
                    claim.id,
                    "quote",
                    f"is not in the article's body (no closest passage sought: over "
                    f"{MAX_PASSAGES_SOUGHT} quotes of this article are not in it; is body.txt "
                    "the article's text?)",
                )
                continue
            near = index.passages.find(claim.quote)
            if near is None:
                why = "is not in the article's body, which has nothing like it"
            else:
                if near.similarity >= MISQUOTE_SIMILARITY:
                    # Surely this claim's sentence, misquoted: not also reported uncovered.
                    spans.append((near.start, near.end))
                passage = article.body[near.start : near.end].strip()
                why = f"is not in the article's body; closest passage: {_short(passage)!r}"
            yield Problem(shown, claim.id, "quote", why)
            continue
        start = found[0]
        if len(found) > 1:
            yield Problem(
                shown,
                claim.id,
                "quote",
                f"occurs {len(found)} times in the body; quote more words so it is one span",
            )
        if previous is not None and start < previous[0]:
            yield Problem(
                shown,
                claim.id,
                "quote",
                f"comes before the quote of claim {previous[1]!r} in the body; "
                "list claims in article order",
            )
        previous = (start, claim.id)
        end = start + len(claim.quote)
        spans.append((start, end))
        context = index.sentence_text(start, end)
        yield from _figure_problems(claim, shown, figures)
        yield from _date_problems(claim, shown, context)
        for place_id, term in claim.place_terms.items():
            if place_id not in claim.places:
                yield Problem(
                    shown, claim.id, "place_terms", f"{place_id!r} is not among the claim's places"
                )
            if term not in claim.quote:
                yield Problem(
                    shown, claim.id, "place_terms", f"the term {term!r} is not in the quote"
                )
        for place_id in claim.place_basis:
            if place_id not in claim.places:
                yield Problem(
                    shown, claim.id, "place_basis", f"{place_id!r} is not among the claim's places"
                )
    yield from _sum_problems(article, shown, figures)
    if not check_coverage:
        return
    for sentence in index.uncovered(spans):
        yield Problem(
            shown,
            "-",
            "claims",
            f"no claim covers the sentence {_short(sentence.text)!r}",
        )


def _figure_problems(claim: Claim, shown: str, figures: dict[str, Figure]) -> Iterator[Problem]:
    for index, figure in enumerate(claim.figures):
        where = f"figures[{index}]"
        if figure.id in figures:
            yield Problem(shown, claim.id, f"{where}.id", f"{figure.id!r} is used twice")
        figures[figure.id] = figure
        if figure.text not in claim.quote:
            yield Problem(shown, claim.id, f"{where}.text", f"{figure.text!r} is not in the quote")
            continue
        written = number_in(figure.text)
        if written != figure.value:
            says = "no number" if written is None else format_number(written)
            value = format_number(figure.value)
            message = f"is {value} but the text {figure.text!r} says {says}"
            yield Problem(shown, claim.id, f"{where}.value", message)


def _sum_problems(article: Article, shown: str, figures: dict[str, Figure]) -> Iterator[Problem]:
    parts: dict[str, list[Figure]] = {}
    owner = {
        f.id: (c.id, f"figures[{index}].part_of")
        for c in article.claims
        for index, f in enumerate(c.figures)
    }
    for figure in figures.values():
        if figure.part_of is None:
            continue
        if figure.part_of not in figures or figure.part_of == figure.id:
            message = (
                "is the figure itself"
                if figure.part_of == figure.id
                else unknown_id_message(figure.part_of, sorted(figures), "figure")
            )
            yield Problem(shown, *owner[figure.id], message)
            continue
        parts.setdefault(figure.part_of, []).append(figure)
    in_cycles: set[str] = set()
    for figure_id, cycle in _part_cycles(figures):
        chain = " → ".join((*cycle, cycle[0]))
        in_cycles.update(cycle)
        yield Problem(shown, *owner[figure_id], f"makes figures parts of themselves: {chain}")
    for whole_id, members in sorted(parts.items()):
        if whole_id in in_cycles:
            continue  # its sum means nothing until the cycle is broken
        whole = figures[whole_id]
        total = sum(member.value for member in members)
        if total != whole.value:
            listed = " + ".join(format_number(member.value) for member in members)
            yield Problem(
                shown,
                owner[whole_id][0],
                f"figure {whole_id}",
                f"its parts add up to {listed} = {format_number(total)}, "
                f"not {format_number(whole.value)}",
            )


def _part_cycles(figures: dict[str, Figure]) -> Iterator[tuple[str, list[str]]]:
    """Each cycle of ``part_of`` links (a figure part of one that is part of it, …), once,
    named by its first figure in id order."""
    reported: set[str] = set()
    for start in sorted(figures):
        chain, seen = [], set()
        current: str | None = start
        while current in figures and current not in seen:
            seen.add(current)
            chain.append(current)
            following = figures[current].part_of
            current = None if following == current else following
        if current is None or current not in seen or current in reported:
            continue
        cycle = chain[chain.index(current) :]
        reported.update(cycle)
        first = min(cycle)
        at = cycle.index(first)
        yield first, cycle[at:] + cycle[:at]


def _date_problems(claim: Claim, shown: str, context: str) -> Iterator[Problem]:
    for index, date in enumerate(claim.dates):
        where = f"dates[{index}]"
        if date.text.casefold() not in context.casefold():
            yield Problem(
                shown, claim.id, f"{where}.text", f"{date.text!r} is not in the quote's sentence"
            )
        try:
            dt.date.fromisoformat(date.value + "-01-01"[len(date.value) - 4 :])
        except ValueError:
            yield Problem(shown, claim.id, f"{where}.value", f"{date.value!r} is not a real date")


def editor_link_warnings(
    articles: list[Article], places: dict[str, Place], shown_by_article: dict[str, str]
) -> Iterator[Problem]:
    """A warning for each place a claim links although its sentence does not name it,
    and the claim gives no basis for the link; and for each basis given for a place the
    sentence does name (it is never shown)."""
    for article in articles:
        for claim in article.claims:
            if not article.quotes.occurrences(claim.quote):  # reported on its own
                continue
            links = editor_links(article, claim, places)
            for place_id in claim.place_basis:
                if place_id in places and place_id in claim.places and place_id not in links:
                    yield Problem(
                        shown_by_article[article.id],
                        claim.id,
                        f"place_basis.{place_id}",
                        "the claim's sentence names this place, so it is not the editor's "
                        "link: remove the basis",
                    )
            for place_id, basis in links.items():
                if not basis:
                    yield Problem(
                        shown_by_article[article.id],
                        claim.id,
                        f"places[{claim.places.index(place_id)}]",
                        f"{place_id!r} is not named in the claim's sentence: say why the "
                        "editor links it in place_basis",
                    )


def claim_place_problems(
    articles: list[Article],
    places: dict[str, Place],
    broken_ids: Set[str],
    shown_by_article: dict[str, str],
) -> Iterator[Problem]:
    """Every place a claim or an article's ``context_places`` names exists.

    Whether a place is named or context is decided per article (by its claims), so a
    place file's ``role`` is not checked against the articles: a copy of one article's
    world stays valid.
    """
    known = sorted(places)
    for article in articles:
        shown = shown_by_article[article.id]
        for index, place_id in enumerate(article.context_places):
            if place_id not in places and place_id not in broken_ids:
                message = unknown_id_message(place_id, known)
                yield Problem(shown, "-", f"context_places[{index}]", message)
        for claim in article.claims:
            for index, place_id in enumerate(claim.places):
                if place_id not in places and place_id not in broken_ids:
                    message = unknown_id_message(place_id, known)
                    yield Problem(shown, claim.id, f"places[{index}]", message)
