"""Text helpers: sentences of a body, finding quotes, reading numbers as written."""

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


_UNITS = {
    word: value
    for value, word in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
        ]
    )
}
_TENS = {
    word: 10 * value
    for value, word in enumerate(
        ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"], start=2
    )
}
_SCALES = {
    "thousand": 1e3,
    "lakh": 1e5,
    "lakhs": 1e5,
    "million": 1e6,
    "crore": 1e7,
    "crores": 1e7,
    "billion": 1e9,
    "trillion": 1e12,
}
_ABBREVIATED = {"k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12, "trn": 1e12}
_WORD = "|".join(sorted([*_UNITS, *_TENS, "hundred", "dozen", *_SCALES], key=len, reverse=True))
_NUMBER = re.compile(
    r"(?<![\d.,])(?P<digits>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:(?P<abbrev>bn|mn|trn|tn|[kmb])(?![A-Za-z])"
    rf"|[\s-]*(?P<scale>{'|'.join(_SCALES)})\b)?"
    rf"|(?<![\w-])(?P<words>(?:{_WORD})(?:(?:[\s-]+|\s+and\s+)(?:{_WORD}))*)\b",
    re.IGNORECASE,
)


_CURRENCY = re.compile(r"(?:[$€£¥₹]|\b(?:USD|US|Rs|Rs\.|PKR|RMB|CNY|INR))\s?$", re.IGNORECASE)
"""Money just before a number: only then is "5m" five million (not five metres)."""


def number_in(text: str) -> float | None:
    """Read the first number written in ``text``, or ``None``.

    Digits with thousands separators and decimals ("1,000.5"), scale words ("USD 50
    billion", "Rs 2 crore"), abbreviations ("$62bn", "$5m"), compounds ("4,300-megawatt")
    and numbers in words ("three", "twenty-five thousand", "a dozen") are read as written.
    """
    for match in _NUMBER.finditer(text):
        if match.group("digits"):
            value = float(match.group("digits").replace(",", ""))
            abbrev = (match.group("abbrev") or "").lower()
            if abbrev and (len(abbrev) > 1 or _CURRENCY.search(text[: match.start()])):
                value *= _ABBREVIATED[abbrev]
            elif match.group("scale"):
                value *= _SCALES[match.group("scale").lower()]
            return value
        words = _words_value(match.group("words"))
        if words is not None:
            return words
    return None


def _words_value(phrase: str) -> float | None:
    """The value of a run of number words ("two hundred and five thousand"), if any."""
    total, current, seen = 0.0, 0.0, False
    for word in re.split(r"[\s-]+", phrase.lower()):
        if word == "and":
            continue
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word == "hundred":
            current = (current or 1) * 100
        elif word == "dozen":
            current = (current or 1) * 12
        elif word in _SCALES:
            total += (current or 1) * _SCALES[word]
            current = 0
        seen = True
    return total + current if seen else None
