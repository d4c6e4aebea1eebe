"""Spatial fact-check: the geographic statements of each claim, checked on the geometry.

A statement is recognised in a claim's quote by one of the patterns below, tied to the
places the claim links, and given a verdict with the figure computed and the rule used:

========== ======================================= ===================================
pattern    as written                              holds when
========== ======================================= ===================================
position   "Turkana in northwest Kenya",            the subject lies in the region and
           "Kenya's southeast", "in the north of   its centre in the named half (or
           the country", "central Kenya"           quarter) of the region's bounding
                                                   box, 5 % of it clear of the middle
on         "Lamu port on the Indian Ocean",        within 25 km of the sea or route
           "on the Mombasa-Nairobi highway"
near       "near Nairobi", "near the border",      within 50 km (of the place, of the
           "coastal Lamu"                          border, of any sea of the data)
through    "runs through the Rift Valley",         the route crosses the area (a
           "traverses the park"                    schematic route: one of its named
                                                   waypoints lies in it)
connects   "connects Mombasa with Nairobi",        the route (or pass) comes within
           "links the port to the capital"         25 km of both places
length     "a 480-km railway"                      the line drawn is within 25 % of it
distance   "400 km from Nairobi", "just 400km      from 0.9 × the straight-line
           away", "at a distance of 2,000km"       distance to 1.6 × it (a road's
                                                   detour)
far        "far from Lamu"                         never: "far" states no distance
contained  "Voi station in Taita-Taveta",          90 % of the subject (all of a
           "Kenya’s Rift Valley", "Voi (Kenya)"    point, within 5 km) lies inside
========== ======================================= ===================================

A claim can state a check by hand (``checks`` in ``claims.json``) and switch off a wrong
automatic one with a reason (``unchecked``). Every distance, length and area is
geodesic (:mod:`geo._checks.spatial`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union

from geo._checks.geometry import centre, geodesic_length_km
from geo._checks.mentions import claim_sentence, place_names
from geo._checks.numbers import format_number
from geo._checks.spatial import (
    box_position,
    centre_distance_km,
    distance_km,
    length_inside_km,
    share_inside,
)
from geo._loading.places import referred_places
from geo.model import Article, Claim, Dataset, Place

HOLDS = "holds"
CONTRADICTED = "contradicted"
UNCHECKABLE = "cannot be checked"
VERDICTS = (HOLDS, CONTRADICTED, UNCHECKABLE)

ON_KM = 25.0
NEAR_KM = 50.0
CONNECT_KM = 25.0
CONTAIN_KM = 5.0
BORDER_KM = 1.0
CONTAIN_SHARE = 0.9
LENGTH_TOLERANCE = 0.25
SCHEMATIC_LENGTH_TOLERANCE = 0.5
SCHEMATIC_SLACK_KM = 200.0
ROAD_DETOUR = 1.6
STRAIGHT_SLACK = 0.9
MIDDLE_MARGIN = 0.05
OTHER_QUARTER = 0.25
PATTERNS = (
    "position",
    "on",
    "near",
    "through",
    "connects",
    "length",
    "distance",
    "far",
    "contained",
)

_DIRECTIONS = {
    "north": (0, 1),
    "south": (0, -1),
    "east": (1, 0),
    "west": (-1, 0),
    "northeast": (1, 1),
    "northwest": (-1, 1),
    "southeast": (1, -1),
    "southwest": (-1, -1),
    "central": (0, 0),
}
_DIR = (
    r"(?P<dir>(?:north|south)[- ]?(?:east|west)(?:ern)?|north(?:ern)?|south(?:ern)?|"
    r"east(?:ern)?|west(?:ern)?|central)"
)
_P = r"⟦(?P<{}>\d+)⟧"
_ROUTE_KINDS = frozenset({"route"})
_LINK_KINDS = frozenset({"route", "mountain-pass", "border-crossing"})
_AREA_KINDS = frozenset({"country", "region", "disputed-area", "sea"})
_UNIT_KM = {"km": 1.0, "kilometre": 1.0, "kilometer": 1.0, "mile": 1.609344}
"""Route lengths may run past the farthest distance between two places, not past twice it."""


@dataclass(frozen=True)
class Statement:
    """A geographic statement of a claim, and its verdict.

    Attributes
    ----------
    article, claim : str
        Where it is stated.
    pattern : str
        One of :data:`PATTERNS`.
    text : str
        The words stating it (as in the quote, or the hand check's).
    verdict : str
        ``holds``, ``contradicted`` or ``cannot be checked``.
    figure : str
        What was computed, in words ("Lamu Port lies 0 km from the Indian Ocean").
    rule : str
        The rule the verdict follows, with its threshold.
    places : tuple of str
        The place ids the statement is about (subject first).
    by_hand : bool
        Stated in ``claims.json`` rather than found in the text.
    """

    article: str
    claim: str
    pattern: str
    text: str
    verdict: str
    figure: str
    rule: str
    places: tuple[str, ...] = ()
    by_hand: bool = False

    def as_json(self) -> dict[str, Any]:
        """The statement as plain data (for ``check --json`` and the map)."""
        return {
            "article": self.article,
            "claim": self.claim,
            "pattern": self.pattern,
            "text": self.text,
            "verdict": self.verdict,
            "figure": self.figure,
            "rule": self.rule,
            "places": list(self.places),
            "by_hand": self.by_hand,
        }


@dataclass
class _Found:
    """A statement recognised in the text, before its verdict."""

    pattern: str
    start: int
    end: int
    subject: str | None
    objects: tuple[str, ...] = ()
    direction: str = ""
    km: float | None = None
    missing: str = ""
    extra: dict[str, str] = field(default_factory=dict)


VERDICT_ORDER = (CONTRADICTED, UNCHECKABLE, HOLDS)
"""A claim's verdict is its worst statement's: one contradiction makes it contradicted."""


def claim_verdict(entries: list[dict[str, Any]]) -> str:
    """The verdict of a claim from its statements' (see :data:`VERDICT_ORDER`)."""
    found = {entry["verdict"] for entry in entries}
    return next(v for v in VERDICT_ORDER if v in found)


_ENTRIES: dict[int, tuple[Dataset, Article, dict[str, list[dict[str, Any]]]]] = {}


def statement_entries(dataset: Dataset, article: Article) -> dict[str, list[dict[str, Any]]]:
    """Each claim's statements as the map shows them (claim id → entries); worked out
    once per article of a dataset, for its map and the overview both."""
    known = _ENTRIES.get(id(article))
    if known is not None and known[0] is dataset and known[1] is article:
        return known[2]
    if known is not None and known[0] is not dataset:
        _ENTRIES.clear()
    entries = _statement_entries(dataset, article)
    _ENTRIES[id(article)] = (dataset, article, entries)
    return entries


def seed_statement_entries(
    dataset: Dataset, article: Article, entries: dict[str, list[dict[str, Any]]]
) -> None:
    """Remember ``article``'s statements, worked out elsewhere (a build's worker)."""
    if any(known[0] is not dataset for known in _ENTRIES.values()):
        _ENTRIES.clear()
    _ENTRIES[id(article)] = (dataset, article, entries)


_COUNTS: dict[int, tuple[Dataset, Article, list[int]]] = {}


def forget_article(article: Article) -> None:
    """Drop what was worked out of ``article`` (a build's worker is done with it)."""
    _ENTRIES.pop(id(article), None)
    _COUNTS.pop(id(article), None)


def seed_verdict_counts(dataset: Dataset, article: Article, counts: list[int]) -> None:
    """Remember ``article``'s verdict counts, known from an earlier build of the same
    inputs (so the overview of an incremental build need not check it again)."""
    if any(known[0] is not dataset for known in _COUNTS.values()):
        _COUNTS.clear()
    _COUNTS[id(article)] = (dataset, article, list(counts))


def verdict_counts(dataset: Dataset, article: Article) -> list[int]:
    """How many of ``article``'s statements hold, are contradicted, cannot be checked."""
    known = _COUNTS.get(id(article))
    if known is not None and known[0] is dataset and known[1] is article:
        return known[2]
    found = [
        e["verdict"] for entries in statement_entries(dataset, article).values() for e in entries
    ]
    return [found.count(verdict) for verdict in VERDICTS]


def _statement_entries(dataset: Dataset, article: Article) -> dict[str, list[dict[str, Any]]]:
    entries: dict[str, list[dict[str, Any]]] = {}
    for statement in check_article(dataset, article):
        entries.setdefault(statement.claim, []).append(
            {
                "pattern": statement.pattern,
                "text": statement.text,
                "verdict": statement.verdict,
                "figure": statement.figure,
                "rule": statement.rule,
                "byHand": statement.by_hand,
            }
        )
    return entries


def check_dataset(dataset: Dataset) -> list[Statement]:
    """Every geographic statement of every claim of ``dataset``, with its verdict."""
    return [s for article in dataset.articles for s in check_article(dataset, article)]


def check_article(dataset: Dataset, article: Article) -> list[Statement]:
    """The geographic statements of ``article``'s claims, in claim order."""
    statements: list[Statement] = []
    for claim in article.claims:
        statements.extend(check_claim(dataset, article, claim))
    return statements


def check_claim(dataset: Dataset, article: Article, claim: Claim) -> list[Statement]:
    """The statements found in ``claim``'s quote (less those switched off) and those
    stated by hand, each with its verdict.

    Only the claim's world counts: its places and those they refer to (a town's region,
    a region's country). So a verdict, like the article's map, never depends on places
    another article brought into the data.
    """
    if not claim.checks and not _TRIGGER.search(claim.quote):
        return []  # the common case, decided without working out the claim's world
    world = claim_world(dataset, claim)
    found_in_text = recognise(dataset, article, claim, world)
    if not found_in_text and not claim.checks:
        return []
    result = []
    off = {u.text for u in claim.unchecked}
    for text, found in found_in_text:
        if text in off:
            continue
        result.append(_judge(world, article.id, claim, text, found, by_hand=False))
    for hand in claim.checks:
        found = _Found(
            pattern=hand.type,
            start=0,
            end=0,
            subject=hand.subject,
            objects=tuple(hand.objects),
            direction=hand.direction or "",
            km=None if hand.value is None else hand.value * _UNIT_KM[hand.unit or "km"],
        )
        result.append(_judge(world, article.id, claim, hand.text, found, by_hand=True))
    return result


# Recognition --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    place: str


_TRIGGER = re.compile(
    r"\d|north|south|east|west|central|coast|border|far\b|through|across|via\b|travers|"
    r"connect|link|join|\bin\b|\bon\b|\bnear\b|\bclose\b|['’]s\b|\(",
    re.IGNORECASE,
)
"""Words without which a quote makes no statement the patterns read."""


def claim_world(dataset: Dataset, claim: Claim) -> dict[str, Place]:
    """The places a claim's statements may use: its own and those they refer to."""
    return {p: dataset.places[p] for p in sorted(referred_places(dataset.places, claim.places))}


def recognise(
    dataset: Dataset, article: Article, claim: Claim, world: dict[str, Place] | None = None
) -> list[tuple[str, _Found]]:
    """The statements a claim's quote makes, with the words that make each (``world``: the
    claim's world, when the caller has it already)."""
    sentence = claim_sentence(article, claim)
    if sentence is None:
        return []
    at = sentence.find(claim.quote)
    quote_span = (at, at + len(claim.quote)) if at >= 0 else (0, len(sentence))
    if not _TRIGGER.search(claim.quote):
        return []  # no place named, no number, no direction: no statement to find
    mentions = _mentions(dataset.places, claim, sentence)
    masked, origin = _mask(sentence, mentions)
    if world is None:
        world = claim_world(dataset, claim)
    found: list[_Found] = []
    for trigger, recogniser in _RECOGNISERS:
        if trigger.search(masked):
            found.extend(recogniser(world, claim, masked, mentions))
    result = []
    taken: list[tuple[str, int, int]] = []
    for item in sorted(found, key=lambda f: (f.start, -f.end, f.pattern)):
        start, end = origin[item.start], origin[item.end]
        if start < quote_span[0] or end > quote_span[1]:
            continue  # another claim's words
        if any(p == item.pattern and s < end and start < e for p, s, e in taken):
            continue  # the same statement read by two forms: the longer reading stands
        if _NEGATED.search(masked[max(0, item.start - 30) : item.start]):
            continue  # "Nairobi is not near Lamu": a denial, not a statement to check
        taken.append((item.pattern, start, end))
        result.append((sentence[start:end].strip(" ,"), item))
    return result


def _mentions(places: dict[str, Place], claim: Claim, sentence: str) -> list[_Mention]:
    """Where the sentence names the claim's places: by name or alias, longest first; the
    claim's own term for a place it names in no other way."""
    names = place_names(places)
    spans = [
        (start, end, place)
        for start, end, owners in names.spans(sentence, claim.places)
        for place in sorted(owners)[:1]
    ]
    named = {place for _, _, place in spans}
    for place, term in claim.place_terms.items():
        if place not in named:
            at = sentence.find(term)
            if at >= 0:
                spans.append((at, at + len(term), place))
    kept: list[_Mention] = []
    for start, end, place in sorted(spans, key=lambda s: (s[0], -(s[1] - s[0]))):
        if kept and start < kept[-1].end:
            continue
        kept.append(_Mention(start, end, place))
    return kept


def _mask(sentence: str, mentions: list[_Mention]) -> tuple[str, list[int]]:
    """The sentence with each mention replaced by ``⟦i⟧``, and for each position of the
    masked text the position in the sentence it stands for."""
    parts: list[str] = []
    origin: list[int] = []
    position = 0
    for index, mention in enumerate(mentions):
        parts.append(sentence[position : mention.start])
        origin.extend(range(position, mention.start))
        token = f"⟦{index}⟧"
        parts.append(token)
        origin.extend([mention.start] * (len(token) - 1) + [mention.end - 1])
        position = mention.end
    parts.append(sentence[position:])
    origin.extend(range(position, len(sentence) + 1))
    return "".join(parts), origin


_NEGATED = re.compile(r"\b(?:not|n[’']t|never|no longer|nowhere)\b(?:\s+[\w-]+){0,2}\s*$", re.I)
_CLAUSE_END = re.compile(r"[,;:()]|\b(?:but|while|whereas|although)\b")
_EMPTY_CLAUSE = re.compile(
    r"(?:\s|\b(?:it|its|this|which|that|is|are|was|were|be|been|being|lies|lie|lay|located|"
    r"situated|sits|sit|runs|run|passes|pass|will|would|also|now|still|the|a|an|and|both|"
    r"then|which|who)\b)*",
    re.IGNORECASE,
)


def _subject(
    places: dict[str, Place],
    claim: Claim,
    mentions: list[_Mention],
    before: int,
    masked: str,
    kinds: frozenset[str] | None = None,
    exclude: tuple[str, ...] = (),
) -> str | None:
    """What a statement is about: the nearest place named before it in its clause that
    could be (not a sea, not the area it is placed in, not the object of an "in"). When
    the clause names nothing before it ("runs through …", "it is linked with …"), the one
    such place the claim links; when it names something else ("Gulf countries that are
    close to Lamu"), nothing: the statement is not about a place of the claim."""
    start = 0
    for end in _CLAUSE_END.finditer(masked, 0, before):
        start = end.end()
    clause = masked[start:before]
    tokens = [(m.start() + start, int(m.group(1))) for m in re.finditer(r"⟦(\d+)⟧", clause)]
    fits = [
        index
        for at, index in reversed(tokens)
        if _could_be_subject(places, mentions[index].place, kinds, exclude)
        and not re.search(r"\bin\s+(?:the\s+)?$", masked[max(0, at - 12) : at])
    ]
    if fits:
        at = next(a for a, index in tokens if index == fits[0])
        between = masked[at:before]
        relative = re.search(r"\b(?:that|which|who|whose)\b", between)
        if relative and not re.match(
            r"⟦\d+⟧(?:\s+[\w-]+){0,2},?\s+(?:that|which|who|whose)\b", between
        ):
            # "Kenya's oil comes from the Gulf countries that are close to Lamu": the
            # relative clause is about the countries, not about China.
            return None
        return mentions[fits[0]].place
    appositive = re.match(r"\s*(?:the|a|an)\s", clause, re.IGNORECASE)
    if not tokens and appositive and masked[:start].endswith(","):
        # "the Naivasha Inland Container Depot, the only facility of its kind in …": the thing the
        # apposition describes is named just before the comma.
        named = re.search(r"⟦(\d+)⟧(?P<rest>(?:\s+[A-Z][\w’'-]*){0,4}),$", masked[:start])
        if named and _could_be_subject(places, mentions[int(named.group(1))].place, kinds, exclude):
            return mentions[int(named.group(1))].place
    if tokens or not _EMPTY_CLAUSE.fullmatch(re.sub(r"⟦\d+⟧", " ", clause)):
        return None
    linked = [p for p in claim.places if _could_be_subject(places, p, kinds, exclude)]
    return linked[0] if len(linked) == 1 else None


def _could_be_subject(
    places: dict[str, Place], place_id: str, kinds: frozenset[str] | None, exclude: tuple[str, ...]
) -> bool:
    place = places.get(place_id)
    if place is None or place_id in exclude:
        return False
    if kinds is not None:
        return place.kind in kinds
    if place.kind == "sea":
        return False
    return not any(
        other in places
        and places[other].geometry.contains(centre(place.geometry))
        and places[other].geometry.area < place.geometry.area
        for other in exclude
    ) and not any(
        other in places
        and place.geometry.geom_type.endswith("Polygon")
        and place.geometry.contains(centre(places[other].geometry))
        and places[other].geometry.area < place.geometry.area
        for other in exclude
    )


@functools.cache
def _pattern(text: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(text, flags)


def _place(mentions: list[_Mention], match: re.Match[str], group: str) -> str:
    return mentions[int(match.group(group))].place


def _position(
    places: dict[str, Place], claim: Claim, masked: str, mentions: list[_Mention]
) -> Iterator[_Found]:
    forms = (
        rf"\bin\s+(?:the\s+)?(?:far\s+)?{_DIR}\s+{_P.format('o')}(?!\s*['’]s\b)",
        rf"\bin\s+{_P.format('o')}['’]s\s+(?:far\s+)?{_DIR}\b(?!\s+(?:[\w-]+\s+){{0,2}}⟦)",
        rf"\bin\s+the\s+(?:far\s+)?{_DIR}\s+(?:part\s+|region\s+)?of\s+(?:the\s+)?{_P.format('o')}",
        rf"\bin\s+the\s+(?:far\s+)?{_DIR}\s+(?:part\s+|region\s+)?of\s+the\s+(?P<country>country)",
        rf"{_P.format('o')}['’]s\s+(?:far\s+)?{_DIR}\s+(?:[a-z-]+\s+)?{_P.format('s')}",
    )
    for form in forms:
        for match in _pattern(form, re.IGNORECASE).finditer(masked):
            direction = re.sub(r"[- ]|ern$", "", match.group("dir").casefold())
            if match.groupdict().get("country"):
                owner = _subject(places, claim, mentions, match.start(), masked)
                country = _country_of(places, owner) if owner else None
                yield _Found(
                    "position",
                    match.start(),
                    match.end(),
                    owner,
                    (country,) if country else (),
                    direction,
                    missing="" if country else "country of the place it names",
                )
                continue
            target = _place(mentions, match, "o")
            if places[target].kind not in _AREA_KINDS - {"sea"}:
                continue
            about = (
                _place(mentions, match, "s")  # "Kenya's northwestern Turkana county"
                if match.groupdict().get("s")
                else _subject(places, claim, mentions, match.start(), masked, exclude=(target,))
            )
            yield _Found("position", match.start(), match.end(), about, (target,), direction)


def _on_near(
    places: dict[str, Place], claim: Claim, masked: str, mentions: list[_Mention]
) -> Iterator[_Found]:
    for match in re.finditer(
        rf"\bon\s+the\s+(?:(?:coast|shores?)\s+of\s+(?:the\s+)?)?{_P.format('o')}", masked
    ):
        target = _place(mentions, match, "o")
        if places[target].kind not in {"sea", "route"}:
            continue
        subject = _subject(places, claim, mentions, match.start(), masked, exclude=(target,))
        yield _Found("on", match.start(), match.end(), subject, (target,))
    for match in re.finditer(
        rf"\bnear\s+the\s+(?:{_P.format('b')}\s+)?border"
        rf"(?:\s+with\s+(?:the\s+)?{_P.format('o')})?",
        masked,
    ):
        named = match.group("o") or match.group("b")
        border_of: str | None = mentions[int(named)].place if named else None
        subject = _subject(
            places,
            claim,
            mentions,
            match.start(),
            masked,
            exclude=(border_of,) if border_of else (),
        )
        if border_of is None and subject is not None:
            border_of = _country_of(places, subject)
        found = _Found(
            "near", match.start(), match.end(), subject, (border_of,) if border_of else ()
        )
        found.extra["border"] = "named" if named else "own"
        found.missing = "" if border_of else "country whose border is meant"
        yield found
    for match in re.finditer(
        rf"\b(?:near|close\s+to)\s+(?:the\s+)?{_P.format('o')}(?!['’]s\s+(?:border|coast))",
        masked,
    ):
        target = _place(mentions, match, "o")
        subject = _subject(places, claim, mentions, match.start(), masked, exclude=(target,))
        yield _Found("near", match.start(), match.end(), subject, (target,))
    for match in re.finditer(
        rf"\bcoastal\s+(?:(?:city|town|port|province|region|district)\s+(?:of\s+)?)?"
        rf"{_P.format('s')}",
        masked,
        re.IGNORECASE,
    ):
        seas = tuple(sorted(p for p, place in places.items() if place.kind == "sea"))
        found = _Found("near", match.start(), match.end(), _place(mentions, match, "s"), seas)
        found.extra["coast"] = "yes"
        found.missing = "" if seas else "sea to measure the coast by"
        yield found
    for match in re.finditer(rf"\bfar\s+(?:away\s+)?from\s+(?:the\s+)?{_P.format('o')}", masked):
        target = _place(mentions, match, "o")
        subject = _subject(places, claim, mentions, match.start(), masked, exclude=(target,))
        yield _Found("far", match.start(), match.end(), subject, (target,))


_MOVE = (
    r"(?:runs?|running|ran|pass(?:es|ing)?|passed|goes|going|went|cuts?|cutting|crosses|"
    r"crossing|crossed|snakes?|snaking|winds?|winding|extends?|extending|stretch(?:es|ing)?)"
)


def _through(
    places: dict[str, Place], claim: Claim, masked: str, mentions: list[_Mention]
) -> Iterator[_Found]:
    for match in re.finditer(
        rf"\b(?:{_MOVE}\s+(?:through|across|via)|travers(?:es|ing|ed|e)(?:\s+through)?)\s+"
        rf"(?:the\s+)?{_P.format('o')}(?:['’]s\s+(?:[\w-]+\s+){{0,2}}{_P.format('o2')})?",
        masked,
    ):
        target = _place(mentions, match, "o2" if match.group("o2") else "o")
        if places[target].kind not in _AREA_KINDS:
            continue
        subject = _subject(
            places, claim, mentions, match.start(), masked, _ROUTE_KINDS, exclude=(target,)
        )
        why = "" if subject else "route that fits the words"
        yield _Found("through", match.start(), match.end(), subject, (target,), missing=why)


def _connects(
    places: dict[str, Place], claim: Claim, masked: str, mentions: list[_Mention]
) -> Iterator[_Found]:
    skip = r"(?:[\w’'-]+\s+){0,3}?"
    for match in re.finditer(
        rf"\b(?:connect|connects|connected|connecting|link|links|linked|linking|joins?|joining)"
        rf"\s+(?!between|among)(?:the\s+)?{skip}{_P.format('a')}(?:['’]s\s+{_P.format('a2')})?"
        rf"[^.;,]{{0,80}}?\b(?:with|to|and)\s+(?:the\s+)?{skip}{_P.format('b')}"
        rf"(?:['’]s\s+{_P.format('b2')})?",
        masked,
    ):
        if re.search(r"\b(?:is|are|was|were|be|been)\s+$", masked[: match.start()]):
            continue  # "it is linked with …": the thing linked is not named as a route
        if re.search(
            r"\b(?:trade|air|sea|close|strong|direct|economic|people)\s+$", masked[: match.start()]
        ):
            continue  # "trade links with …": a noun, not a route that links
        first = mentions[int(match.group("a2") or match.group("a"))].place
        second = mentions[int(match.group("b2") or match.group("b"))].place
        if first == second:
            continue
        subject = _subject(
            places, claim, mentions, match.start(), masked, _LINK_KINDS, exclude=(first, second)
        )
        said = masked[max(0, match.start() - 30) : match.start() + 12]
        if subject and places[subject].kind == "route" and not _route_fits(places[subject], said):
            subject = None  # "the railway connecting Karachi and Peshawar": not the corridor
        why = "" if subject else "route or pass that fits the words"
        yield _Found("connects", match.start(), match.end(), subject, (first, second), missing=why)


_NUMBER = r"(?P<n>(?<![\d.,])\d{1,3}(?:[,\u202f\u00a0 ]\d{3})+(?:\.\d+)?|(?<![\d.,])\d+(?:\.\d+)?)"
_UNIT = r"(?P<u>kms?|kilometres?|kilometers?|miles?)\b"
EARTH_KM = 20_038.0
"""Half the equator: no two places on Earth lie further apart."""


def _distances(
    places: dict[str, Place], claim: Claim, masked: str, mentions: list[_Mention]
) -> Iterator[_Found]:
    for match in re.finditer(
        rf"{_NUMBER}\s*-?\s*{_UNIT}(?:\s*-?\s*long)?\s+(?:[\w-]+\s+){{0,3}}?"
        rf"(?:corridor|road|highway|motorway|expressway|railway|railroad|route|pipeline|link|"
        rf"network)\b",
        masked,
    ):
        routes = list(dict.fromkeys(m.place for m in mentions if m.place in places))
        routes = [p for p in routes if places[p].kind in _ROUTE_KINDS] or [
            p for p in claim.places if p in places and places[p].kind in _ROUTE_KINDS
        ]
        subject = routes[0] if len(routes) == 1 else None
        if subject and not _route_fits(places[subject], match.group(0)):
            subject = None  # "the 1,600-kilometer railway" is not the corridor's line
        why = "" if subject else "one route that fits the words"
        if _km(match) is not None:
            yield _Found("length", match.start(), match.end(), subject, km=_km(match), missing=why)
    for match in re.finditer(
        rf"{_NUMBER}\s*{_UNIT}\s+(?:(?:away\s+)?from|(?:north|south|east|west|north-?east|"
        rf"north-?west|south-?east|south-?west)\s+of)\s+(?:the\s+)?{_P.format('o')}",
        masked,
    ):
        target = _place(mentions, match, "o")
        subject = _subject(places, claim, mentions, match.start(), masked, exclude=(target,))
        if _km(match) is not None:
            yield _Found("distance", match.start(), match.end(), subject, (target,), km=_km(match))
    for match in re.finditer(
        rf"{_P.format('s')}(?:\s+\w+)?(?:\s+in\s+(?:the\s+)?⟦\d+⟧)?,?\s+(?:(?:just|about|some|"
        rf"nearly|around|only|roughly|over|almost)\s+)?{_NUMBER}\s*{_UNIT}\s+away|"
        rf"{_P.format('s2')}(?:\s+\w+)?\s+at\s+a\s+distance\s+of\s+(?:(?:about|some|nearly|"
        rf"around|roughly|over|almost)\s+)?{_NUMBER.replace('n>', 'n2>')}\s*"
        rf"{_UNIT.replace('u>', 'u2>')}",
        masked,
    ):
        subject = mentions[int(match.group("s") or match.group("s2"))].place
        origins = [
            p
            for p in claim.places
            if p != subject
            and p in places
            and places[p].kind not in _AREA_KINDS
            and not places[p].geometry.contains(centre(places[subject].geometry))
        ]
        km = _km(match, "n" if match.group("n") else "n2", "u" if match.group("u") else "u2")
        if km is None:
            continue
        yield _Found(
            "distance",
            match.start(),
            match.end(),
            subject,
            tuple(origins) if len(origins) == 1 else (),
            km=km,
            missing="" if len(origins) == 1 else "one place it is away from",
        )


def _contained(
    places: dict[str, Place], claim: Claim, masked: str, mentions: list[_Mention]
) -> Iterator[_Found]:
    kinds = r"(?:province|region|port|city|district|town|valley|pass|area|county|prefecture)"
    forms = (
        (
            rf"{_P.format('s')}\s+(?:{kinds}\s+)?(?:(?:is|lies|sits|are)\s+)?"
            rf"(?:(?:located|situated|based)\s+)?in\s+(?:the\s+)?{_P.format('o')}(?!['’]s)",
            False,
        ),
        (rf"{_P.format('o')}['’]s\s+(?:[a-z-]+\s+)?{_P.format('s')}", False),
        (rf"{_P.format('s')}\s+\({_P.format('o')}\)", False),
    )
    for form, _ in forms:
        for match in _pattern(form).finditer(masked):
            subject, target = _place(mentions, match, "s"), _place(mentions, match, "o")
            if (
                subject == target
                or places[target].kind not in _AREA_KINDS - {"sea"}
                or places[subject].kind == "sea"  # "Kenya's Indian Ocean coast"
            ):
                continue
            yield _Found("contained", match.start(), match.end(), subject, (target,))


def _km(match: re.Match[str], number: str = "n", unit: str = "u") -> float | None:
    """The distance written, in km; ``None`` when it is no distance on Earth."""
    digits = re.sub(r"[,\u202f\u00a0 ]", "", match.group(number))
    try:
        value = float(digits)
    except ValueError:
        return None
    word = match.group(unit).casefold().rstrip("s")
    km = value * _UNIT_KM.get(word, 1.0)
    return km if 0 < km <= EARTH_KM * 2 else None


_RECOGNISERS = (
    (re.compile(r"north|south|east|west|central", re.IGNORECASE), _position),
    (re.compile(r"\b(?:on|near|close|coastal|far)\b", re.IGNORECASE), _on_near),
    (re.compile(r"through|across|via|travers", re.IGNORECASE), _through),
    (re.compile(r"connect|link|join", re.IGNORECASE), _connects),
    (re.compile(r"\d"), _distances),
    (re.compile(r"\bin\b|['’]s\b|\("), _contained),
)
"""Each recogniser, with words without which it cannot find anything (a quick test)."""


# Verdicts -------------------------------------------------------------------------------


def _judge(
    places: dict[str, Place], article: str, claim: Claim, text: str, found: _Found, by_hand: bool
) -> Statement:
    ids = tuple(p for p in (found.subject, *found.objects) if p)

    def statement(verdict: str, figure: str, rule: str) -> Statement:
        return Statement(
            article, claim.id, found.pattern, text, verdict, figure, rule, ids, by_hand
        )

    rule = RULES[found.pattern]
    if found.missing or found.subject is None or (found.pattern != "length" and not found.objects):
        if found.missing:
            return statement(UNCHECKABLE, f"the claim links no {found.missing}", rule)
        return statement(
            UNCHECKABLE, "what the words place is not named as one of the claim's places", rule
        )
    unknown = [p for p in ids if p not in places]
    if unknown:
        return statement(UNCHECKABLE, f"no place {unknown[0]!r} in the data", rule)
    verdict, figure = _VERDICTS[found.pattern](places, found)
    return statement(verdict, figure, rule)


RULES = {
    "position": (
        "the subject lies in the region, and its centre in the named half of the region's "
        f"bounding box, at least {MIDDLE_MARGIN:.0%} of the box from the middle line "
        "(central: the middle half both ways); contradicted only when the centre lies in the "
        "far quarter the other way"
    ),
    "on": f"within {ON_KM:g} km of it (geodesic)",
    "near": f"within {NEAR_KM:g} km (geodesic)",
    "through": (
        "the route crosses the area; a schematic route (straight lines between named "
        "waypoints) only if one of its waypoints lies in it"
    ),
    "connects": (
        f"the route or pass comes within {CONNECT_KM:g} km of both places (geodesic); a "
        f"schematic route that misses by less than {SCHEMATIC_SLACK_KM:g} km cannot be checked"
    ),
    "length": (
        f"the line drawn is within {LENGTH_TOLERANCE:.0%} of the stated length; a schematic "
        f"route {LENGTH_TOLERANCE:.0%}–{SCHEMATIC_LENGTH_TOLERANCE:.0%} off cannot be checked"
    ),
    "distance": (
        f"the stated distance is from {STRAIGHT_SLACK:g}× the straight-line (geodesic) "
        f"distance up to {ROAD_DETOUR:g}× it, the detour a road may make"
    ),
    "far": "'far' states no distance: the distance is given, no verdict",
    "contained": (
        f"at least {CONTAIN_SHARE:.0%} of the subject lies in the area (a point: within "
        f"{CONTAIN_KM:g} km of it, {BORDER_KM:g} km of a country or disputed area); a disputed "
        "area is in the country that administers it, with who claims it said"
    ),
}


def _name(places: dict[str, Place], place_id: str) -> str:
    return places[place_id].name


def _km_text(value: float) -> str:
    return f"{format_number(round(value, 1 if value < 10 else 0))} km"


def _verdict_position(places: dict[str, Place], found: _Found) -> tuple[str, str]:
    assert found.subject is not None
    subject, region = places[found.subject], places[found.objects[0]]
    outside = _outside(subject, region)
    if outside is not None:
        return CONTRADICTED, _with_dispute(
            places, subject, region, f"{subject.name} {outside} {region.name}"
        )
    where = box_position(centre(subject.geometry), region.geometry)
    across, up = _DIRECTIONS[found.direction]
    parts = [
        f"{subject.name}'s centre lies {where.across:.0%} of the way east across "
        f"{region.name}'s bounding box and {where.up:.0%} of the way north"
    ]
    verdicts = []
    if found.direction == "central":
        central = 0.25 <= where.across <= 0.75 and 0.25 <= where.up <= 0.75
        verdicts.append(HOLDS if central else CONTRADICTED)
    for wanted, value in ((across, where.across), (up, where.up)):
        if wanted:
            offset = (value - 0.5) * wanted
            verdicts.append(
                HOLDS
                if offset >= MIDDLE_MARGIN
                else CONTRADICTED
                if offset <= -OTHER_QUARTER
                else UNCHECKABLE
            )
    verdict = (
        CONTRADICTED
        if CONTRADICTED in verdicts
        else UNCHECKABLE
        if UNCHECKABLE in verdicts
        else HOLDS
    )
    if verdict == UNCHECKABLE:
        parts.append(
            "between the named half and the far quarter: a bounding box cannot say (a "
            "country's shape may run on a slant)"
        )
    return verdict, _with_dispute(places, subject, region, "; ".join(parts))


def _outside(subject: Place, region: Place) -> str | None:
    """How far outside ``region`` the subject lies, in words, or ``None`` if inside."""
    if subject.geometry.geom_type in {"Point", "MultiPoint"}:
        away = distance_km(subject.geometry, region.geometry)
        return None if away <= _tolerance_km(region) else f"lies {_km_text(away)} outside"
    share = share_inside(subject.geometry, region.geometry)
    return None if share >= 0.5 else f"lies only {share:.0%} inside"


def _verdict_within(places: dict[str, Place], found: _Found) -> tuple[str, str]:
    assert found.subject is not None
    subject = places[found.subject]
    if found.extra.get("coast"):
        nearest = min(
            found.objects, key=lambda p: distance_km(subject.geometry, places[p].geometry)
        )
        away = distance_km(subject.geometry, places[nearest].geometry)
        figure = f"{subject.name} lies {_km_text(away)} from {places[nearest].name}"
        return (HOLDS if away <= NEAR_KM else CONTRADICTED), figure
    target = places[found.objects[0]]
    shape = target.geometry
    what = target.name
    if found.extra.get("border"):
        line = _land_border(places, subject, target, found.extra["border"] == "named")
        if isinstance(line, str):
            return UNCHECKABLE, line
        shape, what = line, f"the border of {target.name}"
    away = distance_km(subject.geometry, shape)
    limit = ON_KM if found.pattern == "on" else NEAR_KM
    return (
        HOLDS if away <= limit else CONTRADICTED
    ), f"{subject.name} lies {_km_text(away)} from {what}"


_ROUTE_NOUN = re.compile(
    r"\b(corridor|road|highway|motorway|expressway|railway|railroad|rail|pipeline|canal)s?\b",
    re.IGNORECASE,
)


def _route_fits(route: Place, words: str) -> bool:
    """Whether the kind of way the words name ("the railway connecting …") agrees with the
    route's own names: a railway is not checked against a corridor's line."""
    nouns = {m.group(1).casefold() for m in _ROUTE_NOUN.finditer(words)}
    names = " ".join([route.name, *route.aliases]).casefold()
    return not nouns or any(noun in names for noun in nouns)


def _country_of(places: dict[str, Place], place_id: str) -> str | None:
    """The country a place declares, when the claim's world draws it."""
    country = places[place_id].properties.get("country")
    return country if isinstance(country, str) and country in places else None


def _land_border(
    places: dict[str, Place], subject: Place, country: Place, named: bool
) -> BaseGeometry | str:
    """The land border meant by "near the border": the part of ``country``'s outline it
    shares with its neighbours that the claim's world draws (not its coast). A subject
    outside a named country ("near the border with Kenya") measures to its territory.
    Returns why it cannot be told, when it cannot."""
    if named and not country.geometry.intersects(centre(subject.geometry)):
        return country.geometry
    neighbours = [
        p.geometry
        for p in places.values()
        if p.id != country.id
        and p.kind in {"country", "disputed-area"}
        and p.geometry.intersects(country.geometry.buffer(0.02))
        and not p.geometry.within(country.geometry)
    ]
    if not neighbours:
        return (
            f"the claim's places draw no neighbour of {country.name}, so its border cannot "
            "be told from its coast"
        )
    line = country.geometry.boundary.intersection(unary_union(neighbours).buffer(0.02))
    if line.is_empty:
        return f"{country.name} shares no border with the neighbours the claim's places draw"
    return line


def _verdict_far(places: dict[str, Place], found: _Found) -> tuple[str, str]:
    assert found.subject is not None
    subject, target = places[found.subject], places[found.objects[0]]
    away = distance_km(subject.geometry, target.geometry)
    return UNCHECKABLE, f"{subject.name} lies {_km_text(away)} from {target.name}"


def _verdict_through(places: dict[str, Place], found: _Found) -> tuple[str, str]:
    assert found.subject is not None
    route, area = places[found.subject], places[found.objects[0]]
    inside = length_inside_km(route.geometry, area.geometry)
    if inside < 1:
        away = distance_km(route.geometry, area.geometry)
        figure = f"{route.name} as drawn stays {_km_text(away)} from {area.name}"
        return (CONTRADICTED if away > CONNECT_KM else UNCHECKABLE), figure
    figure = f"{_km_text(inside)} of {route.name} as drawn lie in {area.name}"
    if not route.properties.get("schematic"):
        return HOLDS, _with_dispute(places, route, area, figure)
    waypoints = [
        w["name"]
        for w in route.properties.get("waypoints", [])
        if isinstance(w, dict) and area.geometry.intersects(_point(w.get("coordinates")))
    ]
    if waypoints:
        figure += f", with its waypoints {', '.join(waypoints)}"
        return HOLDS, _with_dispute(places, route, area, figure)
    return UNCHECKABLE, figure + " (schematic: none of its named waypoints lies there)"


def _point(coordinates: Any) -> Any:
    from shapely.geometry import Point

    if isinstance(coordinates, list) and len(coordinates) >= 2:
        return Point(coordinates[0], coordinates[1])
    return Point()


def _verdict_connects(places: dict[str, Place], found: _Found) -> tuple[str, str]:
    assert found.subject is not None
    link = places[found.subject]
    gaps = [(places[p].name, distance_km(link.geometry, places[p].geometry)) for p in found.objects]
    figure = "; ".join(f"{link.name} comes within {_km_text(d)} of {n}" for n, d in gaps)
    if all(d <= CONNECT_KM for _, d in gaps):
        return HOLDS, figure
    if link.properties.get("schematic") and all(d <= SCHEMATIC_SLACK_KM for _, d in gaps):
        return UNCHECKABLE, figure + " (schematic: drawn through its named waypoints only)"
    return CONTRADICTED, figure


def _verdict_length(places: dict[str, Place], found: _Found) -> tuple[str, str]:
    assert found.subject is not None and found.km is not None
    route = places[found.subject]
    drawn = geodesic_length_km(route.geometry)
    error = abs(drawn - found.km) / found.km if found.km else float("inf")
    figure = (
        f"{route.name} as drawn is {_km_text(drawn)} long; stated {_km_text(found.km)} "
        f"({error:.0%} apart)"
    )
    if error <= LENGTH_TOLERANCE:
        return HOLDS, figure
    if route.properties.get("schematic") and error <= SCHEMATIC_LENGTH_TOLERANCE:
        return UNCHECKABLE, figure + " (schematic: straight lines between named waypoints)"
    return CONTRADICTED, figure


def _verdict_distance(places: dict[str, Place], found: _Found) -> tuple[str, str]:
    assert found.subject is not None and found.km is not None
    subject, origin = places[found.subject], places[found.objects[0]]
    straight = centre_distance_km(subject.geometry, origin.geometry)
    low, high = STRAIGHT_SLACK * straight, ROAD_DETOUR * straight
    figure = (
        f"{subject.name} lies {_km_text(straight)} from {origin.name} in a straight line; "
        f"stated {_km_text(found.km)} ({found.km / straight:.2f}× it)"
        if straight
        else f"{subject.name} and {origin.name} are at the same place"
    )
    return (HOLDS if low <= found.km <= high else CONTRADICTED), figure


def _verdict_contained(places: dict[str, Place], found: _Found) -> tuple[str, str]:
    assert found.subject is not None
    subject, area = places[found.subject], places[found.objects[0]]
    held, claimed = _parties(subject.properties)
    if area.kind == "country" and (held or claimed):
        # A disputed area "in" a country: true of who administers it, and both are said.
        who = f"{subject.name} is administered by {', '.join(held) or 'no one'} and claimed "
        who += f"by {', '.join(claimed) or 'no one'}"
        if area.name in held:
            return HOLDS, who
        return (CONTRADICTED if area.name not in claimed else UNCHECKABLE), who
    if subject.geometry.geom_type in {"Point", "MultiPoint"}:
        away = distance_km(subject.geometry, area.geometry)
        if away <= _tolerance_km(area):
            figure = f"{subject.name} lies in {area.name}"
            return HOLDS, _with_dispute(places, subject, area, figure)
        figure = f"{subject.name} lies {_km_text(away)} outside {area.name}"
        return CONTRADICTED, _with_dispute(places, subject, area, figure)
    share = share_inside(subject.geometry, area.geometry)
    figure = f"{share:.0%} of {subject.name} lies in {area.name}"
    verdict = HOLDS if share >= CONTAIN_SHARE else CONTRADICTED if share <= 0.1 else UNCHECKABLE
    return verdict, _with_dispute(places, subject, area, figure)


def _tolerance_km(area: Place) -> float:
    """How far outside its outline a point may lie and still count as in it: none to speak
    of across a border or a line of control, where 5 km is another country."""
    return BORDER_KM if area.kind in {"country", "disputed-area"} else CONTAIN_KM


def _parties(properties: dict[str, Any]) -> tuple[list[str], list[str]]:
    held = [str(p) for p in properties.get("administered_by") or []]
    claimed = [str(p) for p in properties.get("claimed_by") or []]
    return held, claimed


@functools.cache
def _shipped_disputed_areas() -> list[tuple[str, BaseGeometry, list[str], list[str]]]:
    """The disputed areas of the gazetteer that ships with the package (Natural Earth):
    the same for every data folder, so every verdict can say who holds and who claims a
    place, whatever the article's own places."""
    from shapely.geometry import shape

    from geo._sources.gazetteer import shipped_features  # only when a verdict places something

    areas = []
    for feature in shipped_features("disputed-area"):
        held, claimed = _parties(feature["properties"])
        areas.append((feature["properties"]["name"], shape(feature["geometry"]), held, claimed))
    return areas


def _with_dispute(places: dict[str, Place], subject: Place, area: Place, figure: str) -> str:
    """The figure, with who administers and who claims the disputed area the subject lies
    in, when the area it is placed in is a country: the statement is true of the line of
    control, and a reader in any of the countries should see which."""
    if area.kind != "country":
        return figure
    own = [
        (p.name, p.geometry, *_parties(p.properties))
        for p in places.values()
        if p.kind == "disputed-area" and p.id != subject.id
    ]
    candidates = sorted(
        [*own, *_shipped_disputed_areas()], key=lambda a: (0 if a in own else 1, a[1].area, a[0])
    )
    point = subject.geometry.geom_type == "Point"
    for name, geometry, held, claimed in candidates:
        if not geometry.intersects(subject.geometry):
            continue
        share = 1.0 if point else share_inside(subject.geometry, geometry)
        if share <= 0.01:
            continue
        where = "in" if share >= 0.99 else f"{share:.0%} in"
        return (
            f"{figure} ({where} {name}: administered by {', '.join(held) or 'no one'}, "
            f"claimed by {', '.join(claimed) or 'no one'})"
        )
    return figure


_VERDICTS = {
    "position": _verdict_position,
    "on": _verdict_within,
    "near": _verdict_within,
    "through": _verdict_through,
    "connects": _verdict_connects,
    "length": _verdict_length,
    "distance": _verdict_distance,
    "far": _verdict_far,
    "contained": _verdict_contained,
}


_HAND_KINDS: dict[str, tuple[frozenset[str] | None, frozenset[str] | None]] = {
    # type: (kinds its subject may be, kinds its other places may be); None: any
    "position": (None, frozenset({"country", "region", "disputed-area"})),
    "on": (None, frozenset({"sea", "route"})),
    "near": (None, None),
    "through": (_ROUTE_KINDS, _AREA_KINDS),
    "connects": (_LINK_KINDS, None),
    "length": (_ROUTE_KINDS, None),
    "distance": (None, None),
    "far": (None, None),
    "contained": (None, frozenset({"country", "region", "disputed-area"})),
}


def _hand_problems(places: dict[str, Place], claim: Claim) -> Iterator[tuple[str, str]]:
    for index, hand in enumerate(claim.checks):
        where = f"checks[{index}]"
        subjects, others = _HAND_KINDS[hand.type]
        subject = places.get(hand.subject)
        if subject is not None and subjects is not None and subject.kind not in subjects:
            yield (
                f"{where}.subject",
                f"a {hand.type} check is about a {' or '.join(sorted(subjects))}, not a "
                f"{subject.kind} ({hand.subject!r})",
            )
        for other in hand.objects:
            place = places.get(other)
            if place is not None and others is not None and place.kind not in others:
                yield (
                    f"{where}.objects",
                    f"a {hand.type} check needs a {' or '.join(sorted(others))}, not a "
                    f"{place.kind} ({other!r})",
                )
        if hand.subject in hand.objects or len(set(hand.objects)) < len(hand.objects):
            yield f"{where}.objects", "names one place twice"
        if hand.value is not None and hand.type not in ("length", "distance"):
            yield f"{where}.value", f"a {hand.type} check takes no value"
        if hand.direction is not None and hand.type != "position":
            yield f"{where}.direction", f"a {hand.type} check takes no direction"


def statement_problems(dataset: Dataset) -> Iterator[tuple[str, str, str, str]]:
    """Each hand check that cannot mean what it says (a length of a country, a place in
    itself), and each ``unchecked`` entry that switches off no statement found in its
    claim's text: (article id, claim id, field, message)."""
    for article in dataset.articles:
        for claim in article.claims:
            for where, message in _hand_problems(dataset.places, claim):
                yield article.id, claim.id, where, message
            texts = {text for text, _ in recognise(dataset, article, claim)}
            for index, entry in enumerate(claim.unchecked):
                if entry.text not in texts:
                    found = ", ".join(repr(t) for t in sorted(texts)) or "none"
                    yield (
                        article.id,
                        claim.id,
                        f"unchecked[{index}].text",
                        f"{entry.text!r} is no statement found in the quote (found: {found})",
                    )
