"""Whether a claim's sentence names each of its places, or the editor linked it.

A place counts as named when the sentence holding the claim's quote contains its name,
one of its aliases or the claim's own term for it, as whole words and ignoring case.
Any other place of the claim was linked by the editor, who should say why
(``place_basis``).
"""

from __future__ import annotations

import re
from functools import cache

from geo.model import Article, Claim, Place


def claim_sentence(article: Article, claim: Claim) -> str | None:
    """The text of the sentence(s) the claim's quote lies in; ``None`` when the quote is
    not in the body."""
    start = article.body.find(claim.quote)
    if start < 0:
        return None
    end = start + len(claim.quote)
    found = [s for s in article.sentences if s.start < end and s.end > start]
    if not found:
        return claim.quote
    return article.body[found[0].start : found[-1].end]


def named_in(text: str, place: Place, term: str | None = None) -> bool:
    """Whether ``text`` names ``place`` by its name, an alias or ``term``."""
    names = [place.name, *place.aliases]
    if term:
        names.append(term)
    return any(_pattern(name).search(text) for name in names if name.strip())


@cache
def _pattern(name: str) -> re.Pattern[str]:
    words = r"\s+".join(re.escape(word) for word in name.split())
    return re.compile(rf"(?<!\w){words}(?!\w)", re.IGNORECASE)


def editor_links(article: Article, claim: Claim, places: dict[str, Place]) -> dict[str, str]:
    """The claim's places its sentence does not name: place id → the editor's basis.

    The basis is empty when the claim gives none. A claim whose quote is not in the body
    (a problem reported on its own) links nothing.
    """
    sentence = claim_sentence(article, claim)
    if sentence is None:
        return {}
    return {
        place_id: claim.place_basis.get(place_id, "")
        for place_id in claim.places
        if place_id in places
        and not named_in(sentence, places[place_id], claim.place_terms.get(place_id))
    }
