"""Text helpers: sentences of a body, and finding a quote's closest passage."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import cache
from typing import Any


@dataclass(frozen=True)
class Sentence:
    """A sentence of a body, with its character span."""

    start: int
    end: int
    text: str


@cache
def _segmenter() -> Any:
    import pysbd  # only here: loading its rules costs time that only validation needs

    return pysbd.Segmenter(language="en", clean=False)


def sentences(body: str) -> list[Sentence]:
    """Split ``body`` into sentences: paragraphs by line, then by pysbd's English rules.

    pysbd knows abbreviations ("Mr.", "U.S.", "Sept."), initials, decimals and quoted
    speech, so ``… China,” he said.`` stays one sentence and "Mr. Wang" does not end one.
    """
    found: list[Sentence] = []
    offset = 0
    for line in body.split("\n"):
        position = 0
        if line.strip():
            for segment in _segmenter().segment(line):
                stripped = segment.strip()
                if not stripped:
                    continue
                start = line.find(stripped, position)
                if start < 0:  # pysbd changed the text: keep the rest of the line whole
                    start = position
                    stripped = line[position:].strip()
                position = start + len(stripped)
                found.append(Sentence(offset + start, offset + position, stripped))
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
