"""Loading an article's claims from ``data/articles/<article-id>/claims.json``.

The file names the article, its speakers (``id`` → name, type, role) and its claims in
article order. Each claim quotes the body verbatim; the checks that need the body or the
places live in :mod:`geo.claim_checks`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, cast

from geo.errors import Problem
from geo.fileio import DataReader, FileProblem
from geo.markup import markup_in
from geo.model import Claim, Figure, ResolvedDate, Speaker
from geo.slugs import slug_problem

CLAIMS_FILE = "claims.json"
CLAIM_KINDS = frozenset(
    {"event", "figure", "statement", "characterisation", "position", "background"}
)
SPEAKER_TYPES = frozenset({"person", "article", "reports", "organisation", "government"})
_ISO_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


class _Collector:
    """Gathers problems for one claims file, each naming the item and the field."""

    def __init__(self, shown: str) -> None:
        self.shown = shown
        self.problems: list[Problem] = []

    def add(self, item: str, field: str, message: str) -> None:
        self.problems.append(Problem(self.shown, item, field, message))


def load_claims(
    folder: Path, reader: DataReader, article_id: str
) -> tuple[dict[str, Speaker], list[Claim], list[Problem]]:
    """Read the claims file of one article folder, collecting every schema problem.

    Returns
    -------
    tuple of (dict of str to Speaker, list of Claim, list of Problem)
        The speakers and claims that passed the schema checks, and every problem found.
    """
    path = folder / CLAIMS_FILE
    out = _Collector(reader.shown(path))
    try:
        raw = reader.json(path)
    except FileProblem as exc:
        return {}, [], [exc.problem]
    if not isinstance(raw, dict):
        out.add("-", "-", "must be a JSON object with 'article', 'speakers' and 'claims'")
        return {}, [], out.problems
    if raw.get("article") != article_id:
        out.add("-", "article", f"must be the article id {article_id!r}")
    speakers, broken_speakers = _speakers(raw.get("speakers"), out)
    claims_raw = raw.get("claims")
    if not isinstance(claims_raw, list) or not claims_raw:
        out.add("-", "claims", "must be a non-empty list of claims")
        return speakers, [], out.problems
    claims: list[Claim] = []
    seen: set[str] = set()
    for index, entry in enumerate(claims_raw):
        claim = _claim(entry, index, speakers, broken_speakers, out)
        if claim is None:
            continue
        if claim.id in seen:
            out.add(claim.id, "id", "is used by another claim of this article")
            continue
        seen.add(claim.id)
        claims.append(claim)
    return speakers, claims, out.problems


def _speakers(raw: Any, out: _Collector) -> tuple[dict[str, Speaker], set[str]]:
    """The valid speakers, and the ids of those that exist but failed a check."""
    if not isinstance(raw, dict) or not raw:
        out.add("-", "speakers", "must map speaker ids to {name, type, role}")
        return {}, set()
    speakers: dict[str, Speaker] = {}
    broken: set[str] = set()
    for speaker_id, entry in raw.items():
        why = slug_problem(speaker_id)
        if why:
            out.add(f"speaker {speaker_id!r}", "id", why)
            continue
        if not isinstance(entry, dict):
            out.add(f"speaker {speaker_id}", "-", "must be an object with name, type and role")
            continue
        name, role = entry.get("name"), entry.get("role", "")
        kind = _scalar(entry.get("type"))
        ok = True
        if not _text(name):
            out.add(f"speaker {speaker_id}", "name", "must be a non-empty string")
            ok = False
        if kind not in SPEAKER_TYPES:
            allowed = ", ".join(sorted(SPEAKER_TYPES))
            out.add(f"speaker {speaker_id}", "type", f"{kind!r} is not one of: {allowed}")
            ok = False
        if not isinstance(role, str) or (kind == "person" and not role.strip()):
            out.add(f"speaker {speaker_id}", "role", "a person's role must be given")
            ok = False
        for where, why in markup_in({"name": name, "role": role}, "speaker"):
            out.add(f"speaker {speaker_id}", where.removeprefix("speaker."), why)
            ok = False
        if ok:
            speakers[speaker_id] = Speaker(speaker_id, cast(str, name), cast(str, kind), role)
        else:
            broken.add(speaker_id)
    return speakers, broken


def _scalar(value: Any) -> Any:
    """``value`` when it can be looked up in a set (a list or object never names anything)."""
    return None if isinstance(value, list | dict) else value


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _claim(
    entry: Any, index: int, speakers: dict[str, Speaker], broken: set[str], out: _Collector
) -> Claim | None:
    label = f"claim #{index + 1}"
    if not isinstance(entry, dict):
        out.add(label, "-", "must be an object")
        return None
    claim_id = entry.get("id")
    why = slug_problem(claim_id)
    if why:
        out.add(label, "id", why)
        return None
    assert isinstance(claim_id, str)
    before = len(out.problems)
    quote = entry.get("quote")
    if not _text(quote):
        out.add(claim_id, "quote", "must be a non-empty string")
    elif cast(str, quote) != cast(str, quote).strip():
        out.add(claim_id, "quote", "must not start or end with white space")
    speaker = _scalar(entry.get("speaker"))
    if speaker not in speakers and speaker not in broken:
        known = ", ".join(sorted(speakers)) or "none"
        out.add(claim_id, "speaker", f"{speaker!r} is not a speaker of this file (known: {known})")
    kind = _scalar(entry.get("kind"))
    if kind not in CLAIM_KINDS:
        out.add(claim_id, "kind", f"{kind!r} is not one of: {', '.join(sorted(CLAIM_KINDS))}")
    places = entry.get("places")
    if not isinstance(places, list) or not places or not all(isinstance(p, str) for p in places):
        out.add(claim_id, "places", "must list at least one place id")
    figures = _figures(entry.get("figures", []), claim_id, out)
    dates = _dates(entry.get("dates", []), claim_id, out)
    terms = entry.get("place_terms", {})
    if not isinstance(terms, dict) or not all(
        isinstance(k, str) and _text(v) for k, v in terms.items()
    ):
        out.add(claim_id, "place_terms", "must map place ids to the article's wording")
    editorial = {
        "figures": [{k: f.get(k) for k in ("unit", "what")} for f in _dicts(entry.get("figures"))],
        "dates": [{"basis": d.get("basis")} for d in _dicts(entry.get("dates"))],
    }
    for where, why in markup_in(editorial, "claim"):
        out.add(claim_id, where.removeprefix("claim."), why)
    unknown = sorted(set(entry) - _CLAIM_FIELDS)
    if unknown:
        out.add(claim_id, "-", f"unknown field(s): {', '.join(unknown)}")
    if len(out.problems) > before or speaker in broken:
        return None
    return Claim(
        id=claim_id,
        quote=cast(str, quote),
        speaker=cast(str, speaker),
        kind=cast(str, kind),
        places=tuple(cast(list[str], places)),
        figures=figures,
        dates=dates,
        place_terms=dict(terms),
    )


_CLAIM_FIELDS = frozenset(
    {"id", "quote", "speaker", "kind", "places", "figures", "dates", "place_terms"}
)


def _entries(
    raw: Any, claim_id: str, field: str, out: _Collector
) -> list[tuple[str, dict[str, Any]]]:
    """The objects of a claim's list field with their labels; reports what is not one."""
    if not isinstance(raw, list):
        out.add(claim_id, field, "must be a list")
        return []
    entries = []
    for index, entry in enumerate(raw):
        if isinstance(entry, dict):
            entries.append((f"{field}[{index}]", entry))
        else:
            out.add(claim_id, f"{field}[{index}]", "must be an object")
    return entries


def _figures(raw: Any, claim_id: str, out: _Collector) -> tuple[Figure, ...]:
    figures = []
    for where, entry in _entries(raw, claim_id, "figures", out):
        value = entry.get("value")
        fields_ok = (
            slug_problem(entry.get("id")) is None
            and _text(entry.get("text"))
            and isinstance(value, int | float)
            and not isinstance(value, bool)
            and _text(entry.get("unit"))
            and _text(entry.get("what"))
            and isinstance(entry.get("approximate", False), bool)
            and (entry.get("part_of") is None or slug_problem(entry.get("part_of")) is None)
        )
        if not fields_ok:
            out.add(
                claim_id,
                where,
                "needs id (slug), text, numeric value, unit and what "
                "(optional: approximate true/false, part_of a figure id)",
            )
            continue
        figures.append(
            Figure(
                id=entry["id"],
                text=entry["text"],
                value=float(cast(float, value)),
                unit=entry["unit"],
                what=entry["what"],
                approximate=entry.get("approximate", False),
                part_of=entry.get("part_of"),
            )
        )
    return tuple(figures)


def _dates(raw: Any, claim_id: str, out: _Collector) -> tuple[ResolvedDate, ...]:
    dates = []
    for where, entry in _entries(raw, claim_id, "dates", out):
        if not all(_text(entry.get(key)) for key in ("text", "value", "basis")):
            out.add(claim_id, where, "needs text (as written), value (ISO date) and basis")
            continue
        if not _ISO_DATE.fullmatch(entry["value"]):
            out.add(
                claim_id, f"{where}.value", f"{entry['value']!r} is not YYYY, YYYY-MM or YYYY-MM-DD"
            )
            continue
        dates.append(ResolvedDate(entry["text"], entry["value"], entry["basis"]))
    return tuple(dates)
