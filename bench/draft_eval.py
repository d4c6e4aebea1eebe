"""How well ``corridor-map draft`` drafts real articles it was not tuned on.

Each folder of ``bench/eval/`` holds a real article (``article.txt``: headline, then
paragraphs), where it was published (``source.json``) and answers made by hand
(``gold.json``: the places it names, the speaker of each direct quotation, its dates). This
drafts every article into a copy of ``data/`` and prints, per article and overall:

- place precision and recall: the distinct places the draft links by what the sentences
  name (not the fallback links to a dateline), against the gold places (a drafted place
  matches a gold place when one of its names is one of the gold place's names or mentions);
- speaker accuracy on direct quotations: the drafted claim holding each gold quotation has
  the gold speaker (the same name, or the same surname);
- date accuracy: each gold date phrase is drafted with the gold value (the drafted phrase
  may be part of the gold one, or hold it: "on Friday" for "early on Friday");
- whether ``validate`` accepts the draft with no edit, and the time ``draft`` took.

Run::

    python bench/draft_eval.py [--set bench/eval-heldout] [--json]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from geo._checks.validate import load_dataset  # noqa: E402
from geo._drafting.draft import draft_article  # noqa: E402
from geo._sources.gazetteer import normalised  # noqa: E402
from geo.errors import CorridorMapError, DataError  # noqa: E402

EVAL = ROOT / "bench" / "eval"
DATA = ROOT / "data"


def evaluate(folder: Path, data: Path) -> dict[str, Any]:
    source = json.loads((folder / "source.json").read_text(encoding="utf-8"))
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    article_id = f"eval-{folder.name}"[:64].rstrip("-")
    started = time.perf_counter()
    try:
        draft_article(
            data,
            folder / "article.txt",
            article_id,
            published=source["published"] or source.get("published_inferred"),
            publisher=source["publisher"],
            url=source["url"],
        )
    except CorridorMapError as exc:
        return {"article": folder.name, "error": str(exc)}
    seconds = time.perf_counter() - started
    try:
        dataset = load_dataset(data)
        valid, problems = True, []
    except DataError as exc:
        valid, problems = False, [str(p) for p in exc.problems]
        dataset = None
    claims = json.loads((data / "articles" / article_id / "claims.json").read_text("utf-8"))
    places = _places(data, claims)
    result: dict[str, Any] = {
        "article": folder.name,
        "seconds": round(seconds, 2),
        "valid": valid,
        "problems": problems[:5],
        **_place_scores(places, gold["places"]),
        **_speaker_scores(claims, gold["quotes"]),
        **_date_scores(claims, gold["dates"]),
    }
    del dataset
    return result


def _places(data: Path, claims: dict[str, Any]) -> dict[str, list[str]]:
    """Place id → its names, for the places linked by what a sentence names."""
    linked: set[str] = set()
    for claim in claims["claims"]:
        linked |= set(claim["places"]) - set(claim.get("place_basis", {}))
    names = {}
    for place_id in sorted(linked):
        path = data / "geojson" / f"{place_id}.geojson"
        properties = json.loads(path.read_text(encoding="utf-8"))["features"][0]["properties"]
        names[place_id] = [properties["name"], *properties.get("aliases", [])]
    return names


def _place_scores(drafted: dict[str, list[str]], gold: list[dict[str, Any]]) -> dict[str, Any]:
    gold_names = [{normalised(n) for n in [g["name"], *g.get("mentions", [])]} for g in gold]
    matched_gold: set[int] = set()
    right = 0
    wrong = []
    for place_id, names in drafted.items():
        keys = {normalised(n) for n in names}
        hits = [i for i, g in enumerate(gold_names) if keys & g]
        if hits:
            right += 1
            matched_gold.update(hits)
        else:
            wrong.append(place_id)
    missed = [g["name"] for i, g in enumerate(gold) if i not in matched_gold]
    return {
        "places_drafted": len(drafted),
        "places_gold": len(gold),
        "place_precision": right / len(drafted) if drafted else 1.0,
        "place_recall": len(matched_gold) / len(gold) if gold else 1.0,
        "places_wrong": wrong,
        "places_missed": missed,
    }


def _same_speaker(drafted: str, gold: str) -> bool:
    a, b = normalised(drafted), normalised(gold)
    if a == b or a in b or b in a:
        return True
    return a.split()[-1:] == b.split()[-1:] and bool(a.split())


def _speaker_scores(claims: dict[str, Any], quotes: list[dict[str, Any]]) -> dict[str, Any]:
    speakers = claims["speakers"]
    right = 0
    errors = []
    for quote in quotes:
        text = normalised(quote["quote"])
        claim = next(
            (
                c
                for c in claims["claims"]
                if text[:40] in normalised(c["quote"]) or normalised(c["quote"])[:40] in text
            ),
            None,
        )
        name = speakers[claim["speaker"]]["name"] if claim else "(no claim)"
        if (
            claim is not None
            and claim["speaker"] != "article"
            and _same_speaker(name, quote["speaker"])
        ):
            right += 1
        else:
            errors.append(f"{quote['quote'][:40]}…: {name} for {quote['speaker']}")
    return {
        "quotes": len(quotes),
        "speaker_accuracy": right / len(quotes) if quotes else 1.0,
        "speaker_errors": errors,
    }


def _date_key(text: str) -> str:
    words = normalised(text).split()
    while words and words[0] in ("on", "in", "since", "by", "until", "from", "last", "this"):
        if words[0] in ("last", "this") and len(words) == 2 and words[1] == "year":
            break
        words = words[1:]
    return " ".join(words)


def _date_scores(claims: dict[str, Any], dates: list[dict[str, Any]]) -> dict[str, Any]:
    drafted = [
        (_date_key(d["text"]), d["value"]) for c in claims["claims"] for d in c.get("dates", [])
    ]
    right = 0
    errors = []
    for date in dates:
        key = _date_key(date["text"])
        # The same phrase, or one holding the other ("early on Friday" and "on Friday").
        values = [value for text, value in drafted if text and (text in key or key in text)]
        if date["value"] in values:
            right += 1
        else:
            errors.append(f"{date['text']}: {values or 'not drafted'} for {date['value']}")
    return {
        "dates": len(dates),
        "date_accuracy": right / len(dates) if dates else 1.0,
        "dates_drafted": len(drafted),
        "date_errors": errors,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="one JSON document")
    parser.add_argument(
        "--set",
        type=Path,
        default=EVAL,
        help="folder of articles with gold (default bench/eval, the development set; "
        "bench/eval-heldout is the set kept aside for the final measure)",
    )
    args = parser.parse_args()
    folders = sorted(p for p in args.set.iterdir() if (p / "gold.json").is_file())
    results = []
    with tempfile.TemporaryDirectory() as scratch:
        for folder in folders:
            data = Path(scratch) / folder.name
            shutil.copytree(DATA, data)
            results.append(evaluate(folder, data))
    scored = [r for r in results if "error" not in r]
    overall = {
        "articles": len(results),
        "drafted": len(scored),
        "place_precision": _micro(scored, "place_precision", "places_drafted"),
        "place_recall": _micro(scored, "place_recall", "places_gold"),
        "speaker_accuracy": _micro(scored, "speaker_accuracy", "quotes"),
        "date_accuracy": _micro(scored, "date_accuracy", "dates"),
        "valid_without_edits": sum(r["valid"] for r in scored),
        "median_seconds": statistics.median(r["seconds"] for r in scored) if scored else None,
    }
    if args.json:
        print(json.dumps({"overall": overall, "articles": results}, indent=2))
        return 0
    print(f"{'article':52} {'P':>5} {'R':>5} {'spk':>5} {'date':>5} valid  s")
    for r in results:
        if "error" in r:
            print(f"{r['article']:52} error: {r['error']}")
            continue
        print(
            f"{r['article']:52} {r['place_precision']:5.2f} {r['place_recall']:5.2f} "
            f"{r['speaker_accuracy']:5.2f} {r['date_accuracy']:5.2f} {r['valid']!s:5} "
            f"{r['seconds']:.1f}"
        )
    print(
        f"{'overall (micro)':52} {overall['place_precision']:5.2f} {overall['place_recall']:5.2f} "
        f"{overall['speaker_accuracy']:5.2f} {overall['date_accuracy']:5.2f} "
        f"{overall['valid_without_edits']}/{overall['drafted']}  median "
        f"{overall['median_seconds']:.1f} s"
    )
    return 0


def _micro(results: list[dict[str, Any]], score: str, weight: str) -> float:
    total = sum(r[weight] for r in results)
    if not total:
        return 1.0
    return float(sum(r[score] * r[weight] for r in results) / total)


if __name__ == "__main__":
    raise SystemExit(main())
