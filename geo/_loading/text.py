"""Splitting an article's body into sentences."""

from __future__ import annotations

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
def _english() -> Any:
    # Imported here: only validation needs pysbd's rules.
    from pysbd.lang.english import English

    return English


def _pysbd(paragraph: str) -> list[str]:
    # pysbd's Segmenter also finds each sentence again in the text with a new regular
    # expression per sentence, which thrashes the regex cache on an archive; its English
    # rules are run directly instead, and the spans are found by :func:`sentences`.
    from pysbd.processor import Processor

    return list(Processor(paragraph, _english(), char_span=False).process())


@cache
def _abbreviations() -> frozenset[str]:
    abbreviation = _english().Abbreviation
    return frozenset(
        word.casefold()
        for words in (
            abbreviation.ABBREVIATIONS,
            abbreviation.PREPOSITIVE_ABBREVIATIONS,
            abbreviation.NUMBER_ABBREVIATIONS,
        )
        for word in words
    )


_CUT = re.compile(r"[.!?]+(?=\s)")
_PLAIN_END = re.compile(r"(?:[A-Za-z]{2,}|\d{2,}|(?<=[a-z] )\d)[.!?]")
_HARD = re.compile(r"…|\.\.|[.!?][^\s.!?]|(?:^|\s)'|^\s*[(\[]|[.!?”\"’»]\s*[(\[]")
_ENCLOSED = re.compile(r"“[^”]*”|\"[^\"]*\"|‘[^’]*’|«[^»]*»|\([^()]*\)|\[[^\[\]]*\]")


def _plain_split(paragraph: str) -> list[str] | None:
    """The sentences of a paragraph with nothing for pysbd's rules to decide, else None.

    A paragraph qualifies when it holds no ellipses, inner full stops, unbalanced quotes,
    marks inside quotes or brackets, or brackets opening a sentence or after a quote, and
    every full stop, question or exclamation mark followed by a space ends a plain word
    (two or more letters and not an abbreviation pysbd knows, or a number) and is followed
    by a capital: there every reader, and pysbd, ends the sentence.
    pysbd itself is slow (a hundred regular expressions a paragraph); most news paragraphs
    qualify, and the tests check that the two agree.
    """
    if (
        _HARD.search(paragraph)
        or paragraph.count("“") != paragraph.count("”")
        or paragraph.count('"') % 2
    ):
        return None
    enclosed = [m.span() for m in _ENCLOSED.finditer(paragraph)]
    pieces, start = [], 0
    for match in _CUT.finditer(paragraph):
        if any(begin < match.start() < end for begin, end in enclosed):
            return None
        before = paragraph[: match.start() + 1]
        word = before.rsplit(None, 1)[-1]
        after = paragraph[match.end() :].lstrip()
        if (
            len(match.group(0)) > 1
            or not _PLAIN_END.fullmatch(before, len(before) - len(word))
            or word[:-1].casefold() in _abbreviations()
            or not after[:1].isupper()
        ):
            return None
        pieces.append(paragraph[start : match.end()])
        start = match.end()
    pieces.append(paragraph[start:])
    return pieces


def _split(paragraph: str) -> list[str]:
    plain = _plain_split(paragraph)
    return plain if plain is not None else _pysbd(paragraph)


def sentences(body: str) -> list[Sentence]:
    """Split ``body`` into sentences: paragraphs by line, then by pysbd's English rules.

    pysbd knows abbreviations ("Mr.", "U.S.", "Sept."), initials, decimals and quoted
    speech, so ``… China,” he said.`` stays one sentence and "Mr. Wang" does not end one.
    """
    found: list[Sentence] = []
    offset = 0
    for line in body.split("\n"):
        position = 0
        line_start: int | None = None
        if line.strip():
            for segment in _split(line):
                stripped = segment.strip()
                if not stripped:
                    continue
                start = line.find(stripped, position)
                if start < 0:  # pysbd changed the text: keep the rest of the line whole
                    start = position
                    stripped = line[position:].strip()
                position = start + len(stripped)
                if line_start is not None and not any(c.isalnum() for c in stripped):
                    # a stray tail of punctuation ('win-win.".') ends the sentence before it
                    last = found[-1]
                    end = offset + position
                    found[-1] = Sentence(last.start, end, body[last.start : end])
                    continue
                line_start = start
                found.append(Sentence(offset + start, offset + position, stripped))
        offset += len(line) + 1
    return found
