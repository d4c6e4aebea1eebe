"""Text helpers: sentences of a body, finding quotes, reading numbers as written."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

_SENTENCE_END = re.compile(r"(?<=[.!?])[”\"’']?(?=\s+[“\"‘'A-Z0-9])")
_NUMBER = re.compile(r"(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s*(thousand|million|billion))?", re.I)
_MULTIPLIER = {"thousand": 1e3, "million": 1e6, "billion": 1e9}


@dataclass(frozen=True)
class Sentence:
    """A sentence of a body, with its character span."""

    start: int
    end: int
    text: str


def sentences(body: str) -> list[Sentence]:
    """Split ``body`` into sentences: paragraphs by line, then at sentence-ending marks.

    A closing quotation mark after the full stop stays with its sentence, so
    ``… China,” he said.`` and ``“Pakistan is … China.`` split where a reader would.
    """
    found: list[Sentence] = []
    offset = 0
    for line in body.split("\n"):
        start = 0
        cuts = [match.end() for match in _SENTENCE_END.finditer(line)] + [len(line)]
        for cut in cuts:
            piece = line[start:cut]
            stripped = piece.strip()
            if stripped:
                lead = len(piece) - len(piece.lstrip())
                begin = offset + start + lead
                found.append(Sentence(begin, begin + len(stripped), stripped))
            start = cut
        offset += len(line) + 1
    return found


def closest_passage(quote: str, body: str) -> str:
    """Return the passage of ``body`` most like ``quote`` (same length, word-aligned)."""
    if not quote.strip() or not body.strip():
        return ""
    starts = [0] + [match.end() for match in re.finditer(r"\s+", body)]
    width = len(quote)
    best, best_ratio = "", -1.0
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(quote)
    for start in starts:
        end = start + width
        while end < len(body) and not body[end].isspace():
            end += 1
        candidate = body[start:end]
        matcher.set_seq1(candidate)
        if matcher.real_quick_ratio() <= best_ratio or matcher.quick_ratio() <= best_ratio:
            continue
        ratio = matcher.ratio()
        if ratio > best_ratio:
            best, best_ratio = candidate, ratio
    return best.strip()


def number_in(text: str) -> float | None:
    """Read the first number written in ``text`` ("USD 50 billion" is 5e10), or ``None``."""
    match = _NUMBER.search(text)
    if match is None:
        return None
    value = float(match.group(1).replace(",", ""))
    if match.group(2):
        value *= _MULTIPLIER[match.group(2).lower()]
    return value
