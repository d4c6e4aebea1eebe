"""Loading an article's claims from ``data/articles/<article-id>/claims.json``.

The file names the article, its speakers (``id`` → name, type, role), the places its map
shows for context, and its claims in article order. The structure is checked by the
schema (:mod:`geo._loading.schema`); the checks that need the body or the places live in
:mod:`geo._checks.claim_checks`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from geo._checks.markup import markup_in
from geo._loading.fileio import DataReader, FileProblem
from geo._loading.schema import ClaimEntry, ClaimsFile, SpeakerEntry, check
from geo._loading.slugs import slug_problem
from geo.errors import Problem
from geo.model import Claim, Figure, HandCheck, ResolvedDate, Speaker, Unchecked

CLAIMS_FILE = "claims.json"
_ISO_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


@dataclass
class LoadedClaims:
    """What :func:`load_claims` read from one claims file."""

    speakers: dict[str, Speaker] = field(default_factory=dict)
    claims: list[Claim] = field(default_factory=list)
    context_places: tuple[str, ...] = ()
    problems: list[Problem] = field(default_factory=list)


def load_claims(folder: Path, reader: DataReader, article_id: str) -> LoadedClaims:
    """Read the claims file of one article folder, collecting every schema problem."""
    path = folder / CLAIMS_FILE
    shown = reader.shown(path)
    loaded = LoadedClaims()
    try:
        raw = reader.json(path)
    except FileProblem as exc:
        loaded.problems.append(exc.problem)
        return loaded
    if not isinstance(raw, dict):
        loaded.problems.append(
            Problem(
                shown, "-", "-", "must be a JSON object with 'article', 'speakers' and 'claims'"
            )
        )
        return loaded
    top, problems = check(ClaimsFile, raw, shown, "-")
    loaded.problems.extend(problems)
    if top is None:
        return loaded
    if top.article != article_id:
        loaded.problems.append(
            Problem(shown, "-", "article", f"must be the article id {article_id!r}")
        )
    loaded.context_places = tuple(top.context_places)
    loaded.speakers, broken = _speakers(top.speakers, shown, loaded.problems)
    seen: set[str] = set()
    for index, entry in enumerate(top.claims):
        claim = _claim(entry, index, loaded.speakers, broken, shown, loaded.problems)
        if claim is None:
            continue
        if claim.id in seen:
            loaded.problems.append(
                Problem(shown, claim.id, "id", "is used by another claim of this article")
            )
            continue
        seen.add(claim.id)
        loaded.claims.append(claim)
    return loaded


def _speakers(
    raw: dict[str, Any], shown: str, problems: list[Problem]
) -> tuple[dict[str, Speaker], set[str]]:
    """The valid speakers, and the ids of those that exist but failed a check."""
    speakers: dict[str, Speaker] = {}
    broken: set[str] = set()
    for speaker_id, entry in raw.items():
        why = slug_problem(speaker_id)
        if why:
            problems.append(Problem(shown, f"speaker {speaker_id!r}", "id", why))
            continue
        item = f"speaker {speaker_id}"
        speaker, found = check(SpeakerEntry, entry, shown, item)
        if speaker is not None:
            if speaker.type == "person" and not speaker.role.strip():
                found.append(Problem(shown, item, "role", "a person's role must be given"))
            found.extend(
                Problem(shown, item, where, why)
                for where, why in markup_in({"name": speaker.name, "role": speaker.role}, "")
            )
        problems.extend(found)
        if speaker is None or found:
            broken.add(speaker_id)
        else:
            speakers[speaker_id] = Speaker(speaker_id, speaker.name, speaker.type, speaker.role)
    return speakers, broken


def _claim(
    raw: Any,
    index: int,
    speakers: dict[str, Speaker],
    broken: set[str],
    shown: str,
    problems: list[Problem],
) -> Claim | None:
    label = f"claim #{index + 1}"
    if not isinstance(raw, dict):
        problems.append(Problem(shown, label, "-", "must be an object"))
        return None
    claim_id = raw.get("id")
    why = slug_problem(claim_id)
    if why:
        problems.append(Problem(shown, label, "id", why))
        return None
    assert isinstance(claim_id, str)
    entry, found = check(ClaimEntry, raw, shown, claim_id)
    if entry is None:
        problems.extend(found)
        return None
    if entry.quote != entry.quote.strip():
        found.append(Problem(shown, claim_id, "quote", "must not start or end with white space"))
    if entry.speaker not in speakers and entry.speaker not in broken:
        known = ", ".join(sorted(speakers)) or "none"
        found.append(
            Problem(
                shown,
                claim_id,
                "speaker",
                f"{entry.speaker!r} is not a speaker of this file (known: {known})",
            )
        )
    for where, figure in enumerate(entry.figures):
        for key in ("id", "part_of"):
            value = getattr(figure, key)
            if value is not None and (why := slug_problem(value)):
                found.append(Problem(shown, claim_id, f"figures[{where}].{key}", why))
    for where, date in enumerate(entry.dates):
        if not _ISO_DATE.fullmatch(date.value):
            found.append(
                Problem(
                    shown,
                    claim_id,
                    f"dates[{where}].value",
                    f"{date.value!r} is not YYYY, YYYY-MM or YYYY-MM-DD",
                )
            )
    found.extend(_check_problems(entry, shown, claim_id))
    editorial = {
        "figures": [{"unit": f.unit, "what": f.what} for f in entry.figures],
        "dates": [{"basis": d.basis} for d in entry.dates],
        "place_basis": entry.place_basis,
        "unchecked": [{"reason": u.reason} for u in entry.unchecked],
    }
    found.extend(Problem(shown, claim_id, where, why) for where, why in markup_in(editorial, ""))
    problems.extend(found)
    if found or entry.speaker in broken:
        return None
    return Claim(
        id=claim_id,
        quote=entry.quote,
        speaker=entry.speaker,
        kind=entry.kind,
        places=tuple(entry.places),
        figures=tuple(
            Figure(f.id, f.text, f.value, f.unit, f.what, f.approximate, f.part_of)
            for f in entry.figures
        ),
        dates=tuple(ResolvedDate(d.text, d.value, d.basis) for d in entry.dates),
        place_terms=dict(entry.place_terms),
        place_basis=dict(entry.place_basis),
        draft=entry.draft,
        checks=tuple(
            HandCheck(c.type, c.subject, tuple(c.objects), c.text, c.direction, c.value, c.unit)
            for c in entry.checks
        ),
        unchecked=tuple(Unchecked(u.text, u.reason) for u in entry.unchecked),
    )


_CHECK_NEEDS = {
    "position": ("direction", 1),
    "on": ("", 1),
    "near": ("", 1),
    "through": ("", 1),
    "connects": ("", 2),
    "length": ("value", 0),
    "distance": ("value", 1),
    "far": ("", 1),
    "contained": ("", 1),
}


def _check_problems(entry: ClaimEntry, shown: str, claim_id: str) -> list[Problem]:
    """Hand checks that name places the claim does not link, or lack what their type
    needs (a direction, a value, the right number of places)."""
    problems = []
    for index, stated in enumerate(entry.checks):
        where = f"checks[{index}]"
        for key, place in (("subject", stated.subject), *(("objects", o) for o in stated.objects)):
            if place not in entry.places:
                problems.append(
                    Problem(
                        shown,
                        claim_id,
                        f"{where}.{key}",
                        f"{place!r} is not among the claim's places",
                    )
                )
        needs, count = _CHECK_NEEDS[stated.type]
        if needs and getattr(stated, needs) is None:
            problems.append(
                Problem(shown, claim_id, f"{where}.{needs}", f"a {stated.type} check needs one")
            )
        if len(stated.objects) != count:
            problems.append(
                Problem(
                    shown,
                    claim_id,
                    f"{where}.objects",
                    f"a {stated.type} check names {count} place{'s' if count != 1 else ''} "
                    f"besides its subject, not {len(stated.objects)}",
                )
            )
        if stated.text not in entry.quote:
            problems.append(Problem(shown, claim_id, f"{where}.text", "is not in the quote"))
    return problems
