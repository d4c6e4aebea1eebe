"""Whether a claim's sentence names each of its places, or the editor linked it.

A place counts as named when the sentence holding the claim's quote says its name, one of
its aliases or the claim's own term for it, as whole words. Names are read as a reader
would: the longest name at a position wins (so "South Sudan" does not also name "Sudan"),
and acronyms ("UAE", "DRC") must match their case (a lower-case "drc" names nothing). Any
other place of a claim was linked by the editor, who should say why (``place_basis``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from geo.model import Article, Claim, Place


def claim_sentence(article: Article, claim: Claim) -> str | None:
    """The text of the sentence(s) the claim's quote lies in; ``None`` when the quote is
    not in the body."""
    starts = article.quotes.occurrences(claim.quote)
    if not starts:
        return None
    return article.quotes.sentence_text(starts[0], starts[0] + len(claim.quote))


def _acronym(name: str) -> bool:
    """Names whose case matters: "UAE", "DRC", "PaK" (two or more capitals, no spaces)."""
    return " " not in name and sum(char.isupper() for char in name) >= 2 and len(name) <= 6


def _key(name: str) -> str:
    return name if _acronym(name) else " ".join(name.split()).casefold()


class PlaceNames:
    """Finds which of some places a text names, among every name and alias of ``places``.

    Parameters
    ----------
    places : iterable of Place
        The places whose names are looked for.
    """

    def __init__(self, places: Iterable[Place]) -> None:
        self._owners: dict[str, set[str]] = {}
        self._keys: dict[str, list[str]] = {}
        for place in places:
            for name in (place.name, *place.aliases):
                if name.strip():
                    key = _key(name)
                    self._owners.setdefault(key, set()).add(place.id)
                    self._keys.setdefault(place.id, []).append(key)
        self._patterns: dict[frozenset[str], re.Pattern[str] | None] = {}
        self._found: dict[tuple[str, frozenset[str]], set[str]] = {}

    def named(self, text: str, among: Iterable[str]) -> set[str]:
        """The places of ``among`` (ids) that ``text`` names (remembered: validation and
        rendering ask the same questions)."""
        wanted = frozenset(among)
        if (text, wanted) not in self._found:
            self._found[text, wanted] = self._search(text, wanted)
        return self._found[text, wanted]

    def spans(self, text: str, among: Iterable[str]) -> list[tuple[int, int, set[str]]]:
        """Where ``text`` names places of ``among``: (start, end, the place ids of that
        name), in order; a longer name holding a shorter one is one mention."""
        wanted = frozenset(among)
        if wanted not in self._patterns:
            self._patterns[wanted] = _alternation(self._competing(wanted))
        pattern = self._patterns[wanted]
        found = []
        if pattern is not None:
            for match in pattern.finditer(text):
                owners = self._owners.get(_key(match.group(0)), set()) & wanted
                if owners:
                    found.append((match.start(), match.end(), owners))
        return found

    def _search(self, text: str, wanted: frozenset[str]) -> set[str]:
        if wanted not in self._patterns:
            self._patterns[wanted] = _alternation(self._competing(wanted))
        pattern = self._patterns[wanted]
        found: set[str] = set()
        if pattern is not None:
            for match in pattern.finditer(text):
                found |= self._owners.get(_key(match.group(0)), set())
        return found & wanted

    def _competing(self, wanted: frozenset[str]) -> set[str]:
        """The names of ``wanted`` and every longer name that holds one of them: only
        those can decide whether a name of ``wanted`` stands in a text on its own."""
        keys = {key for place_id in wanted for key in self._keys.get(place_id, [])}
        folded = {key.casefold() for key in keys}
        return keys | {
            other
            for other in self._owners
            if other not in keys and any(short in other.casefold() for short in folded)
        }


_CACHE: list[tuple[dict[str, Place], PlaceNames]] = []


def place_names(places: dict[str, Place]) -> PlaceNames:
    """The :class:`PlaceNames` of a dataset's places, made once per dataset."""
    if not _CACHE or _CACHE[0][0] is not places:
        _CACHE[:] = [(places, PlaceNames(places.values()))]
    return _CACHE[0][1]


def _alternation(names: Iterable[str]) -> re.Pattern[str] | None:
    """One pattern matching any of ``names`` as whole words, longest first."""
    parts = []
    for name in sorted(names, key=lambda n: (-len(n), n)):
        words = r"\s+".join(re.escape(word) for word in name.split())
        parts.append(words if _acronym(name) else f"(?i:{words})")
    if not parts:
        return None
    return re.compile(rf"(?<!\w)(?:{'|'.join(parts)})(?!\w)")


def editor_links(article: Article, claim: Claim, places: dict[str, Place]) -> dict[str, str]:
    """The claim's places its sentence does not name: place id → the editor's basis.

    A place the claim gives a term for is named (the term is checked to be in the quote).
    The basis is empty when the claim gives none. A claim whose quote is not in the body
    (a problem reported on its own) links nothing.
    """
    sentence = claim_sentence(article, claim)
    if sentence is None:
        return {}
    named = place_names(places).named(sentence, claim.places) | set(claim.place_terms)
    return {
        place_id: claim.place_basis.get(place_id, "")
        for place_id in claim.places
        if place_id in places and place_id not in named
    }
