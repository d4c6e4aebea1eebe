"""Finding quotes in an article's body without scanning the body once per quote.

An article of many thousand claims would otherwise cost claims × body length: each quote
searched for, counted, and its sentences looked up by a scan. :class:`QuoteIndex` indexes
the body once, by the few words that follow each word start; a quote is then found from
its rarest stretch, and the sentences it lies in by bisection.
"""

from __future__ import annotations

import bisect
import difflib
import re
from collections import Counter
from collections.abc import Sequence

import numpy as np

from geo.text import Sentence

_WORD = re.compile(r"\S+")
_KEY = 24
"""Characters from a word start that index the body: enough to span a few words, so a
stretch of a quote is rare even where each of its words is common."""


class QuoteIndex:
    """Where quotes lie in one body, and which sentences they fall in.

    Parameters
    ----------
    body : str
        The article's text.
    sentences : sequence of Sentence
        Its sentences, in order and not overlapping (see :func:`geo.text.sentences`).
    """

    def __init__(self, body: str, sentences: Sequence[Sentence]) -> None:
        self.body = body
        self.sentences = tuple(sentences)
        self._starts = [s.start for s in self.sentences]
        self._ends = [s.end for s in self.sentences]
        self._words: dict[str, list[int]] | None = None
        self._keys: tuple[np.ndarray, np.ndarray] | None = None
        self._found: dict[str, list[int]] = {}
        self._passages: PassageFinder | None = None

    @property
    def passages(self) -> PassageFinder:
        """The body's :class:`PassageFinder` (built on first use)."""
        if self._passages is None:
            self._passages = PassageFinder(self.body)
        return self._passages

    def _word_index(self) -> dict[str, list[int]]:
        if self._words is None:
            words: dict[str, list[int]] = {}
            for match in _WORD.finditer(self.body):
                words.setdefault(match.group(), []).append(match.start())
            self._words = words
        return self._words

    def _key_index(self) -> tuple[np.ndarray, np.ndarray]:
        """Hashes of the :data:`_KEY` characters from each word start, sorted, and the
        starts in the same order."""
        if self._keys is None:
            body = self.body
            starts = np.fromiter((m.start() for m in _WORD.finditer(body)), dtype=np.int64)
            hashes = np.fromiter((hash(body[p : p + _KEY]) for p in starts.tolist()), np.int64)
            order = np.argsort(hashes, kind="stable")
            self._keys = (hashes[order], starts[order])
        return self._keys

    def occurrences(self, quote: str) -> list[int]:
        """Every start of ``quote`` in the body, in order (overlapping ones included)."""
        found = self._found.get(quote)
        if found is None:
            found = self._found[quote] = self._search(quote)
        return found

    def _search(self, quote: str) -> list[int]:
        # A word with white space on both sides inside the quote starts a word of the
        # body wherever the quote occurs (the first word may be the end of a longer one).
        inner = [m.start() for m in _WORD.finditer(quote)][1:]
        keyed = [at for at in inner if at + _KEY <= len(quote)]
        if keyed:
            candidates = self._keyed_candidates(quote, keyed)
        elif len(inner) > 1:
            candidates = self._word_candidates(quote, inner[:-1])
        else:
            candidates = None
        body = self.body
        if candidates is not None:
            return sorted(start for start in candidates if body.startswith(quote, start))
        found, at = [], body.find(quote)
        while at >= 0:
            found.append(at)
            at = body.find(quote, at + 1)
        return found

    def _keyed_candidates(self, quote: str, offsets: list[int]) -> list[int]:
        """Starts where the quote's rarest :data:`_KEY`-character stretch from a word
        start occurs (its hash, so a few may be false; they are checked)."""
        keys, starts = self._key_index()
        wanted = np.array([hash(quote[at : at + _KEY]) for at in offsets], dtype=np.int64)
        low = np.searchsorted(keys, wanted, side="left")
        high = np.searchsorted(keys, wanted, side="right")
        rarest = int(np.argmin(high - low))
        offset = offsets[rarest]
        return [int(start) - offset for start in starts[low[rarest] : high[rarest]]]

    def _word_candidates(self, quote: str, offsets: list[int]) -> list[int]:
        """Starts where the quote's rarest whole word occurs (for quotes too short for
        :meth:`_keyed_candidates`)."""
        words = self._word_index()
        found = [(quote[at:].split(None, 1)[0], at) for at in offsets]
        word, offset = min(found, key=lambda item: len(words.get(item[0], ())))
        return [hit - offset for hit in words.get(word, ()) if hit >= offset]

    def sentence_range(self, start: int, end: int) -> range:
        """Indexes of the sentences that overlap ``[start, end)``."""
        first = bisect.bisect_right(self._ends, start)
        last = bisect.bisect_left(self._starts, end, lo=first)
        return range(first, last)

    def sentences_over(self, start: int, end: int) -> list[Sentence]:
        """The sentences that overlap ``[start, end)``, in order."""
        return [self.sentences[i] for i in self.sentence_range(start, end)]

    def uncovered(self, spans: Sequence[tuple[int, int]]) -> list[Sentence]:
        """The sentences no span of ``spans`` overlaps, in order."""
        depth = [0] * (len(self.sentences) + 1)
        for start, end in spans:
            covered = self.sentence_range(start, end)
            depth[covered.start] += 1
            depth[covered.stop] -= 1
        result, running = [], 0
        for sentence, change in zip(self.sentences, depth, strict=False):
            running += change
            if running == 0:
                result.append(sentence)
        return result


_TOKEN = re.compile(r"\w+")
_CANDIDATES = 3
_COMMON = 100
"""A word more frequent than this in the body votes only when the quote has no rarer one."""


class PassageFinder:
    """Finds the passage of one body most like a quote that is not in it.

    The body's words are indexed once (case-folded); each quote's words then vote for
    where it would start, the rare words first, and only the few starts with the most
    votes are compared in full. A quote with a typo keeps nearly all its words, so its
    true place wins, and the cost grows with the quote, not with the body.
    """

    def __init__(self, body: str) -> None:
        self.body = body
        self._fold = len(body) == len(body.casefold())
        folded = body.casefold() if self._fold else body
        self._words: dict[str, list[int]] = {}
        for match in _TOKEN.finditer(folded):
            self._words.setdefault(match.group(), []).append(match.start())
        self._word_starts = [0] + [m.end() for m in re.finditer(r"\s+", body)]

    def span(self, quote: str) -> tuple[int, int] | None:
        """Where the passage most like ``quote`` lies (same length, word-aligned), or
        ``None`` when no word of the quote is in the body."""
        words: dict[str, list[int]] = {}
        for match in _TOKEN.finditer(quote.casefold() if self._fold else quote):
            words.setdefault(match.group(), []).append(match.start())
        known = sorted(
            (word for word in words if word in self._words),
            key=lambda word: len(self._words[word]),
        )
        voters = [w for w in known if len(self._words[w]) <= _COMMON] or known[:3]
        votes: Counter[int] = Counter()
        for word in voters:
            for position in self._words[word]:
                for offset in words[word]:
                    votes[position - offset] += 1
        if not votes:
            return None
        # Votes a few characters apart are one place: a typo shifts the words after it.
        near: Counter[int] = Counter()
        for start, count in votes.items():
            near[_snap(self._word_starts, start)] += count
        ranked = near.most_common(_CANDIDATES)
        if len(ranked) > 1 and ranked[0][1] >= 2 * ranked[1][1]:
            ranked = ranked[:1]  # a clear winner needs no full comparison
        candidates = sorted(start for start, _ in ranked)
        if len(candidates) == 1:
            return self._window(candidates[0], len(quote))
        best, best_ratio = (0, 0), -1.0
        matcher = difflib.SequenceMatcher(autojunk=False)
        matcher.set_seq2(quote)
        for start in candidates:
            window = self._window(start, len(quote))
            matcher.set_seq1(self.body[window[0] : window[1]])
            ratio = matcher.ratio()
            if ratio > best_ratio:
                best, best_ratio = window, ratio
        return best

    def passage(self, quote: str) -> str:
        """The passage most like ``quote`` (see :meth:`span`), stripped; empty when none."""
        found = self.span(quote)
        return self.body[found[0] : found[1]].strip() if found else ""

    def _window(self, start: int, width: int) -> tuple[int, int]:
        body = self.body
        end = start + width
        while end < len(body) and not body[end].isspace():
            end += 1
        return start, min(end, len(body))


def closest_passage(quote: str, body: str) -> str:
    """Return the passage of ``body`` most like ``quote`` (same length, word-aligned); see
    :class:`PassageFinder`, which an article's checks keep for all its quotes."""
    return PassageFinder(body).passage(quote)


def _snap(word_starts: list[int], position: int) -> int:
    """The word start nearest ``position`` (an earlier one on a tie)."""
    index = bisect.bisect_left(word_starts, position)
    if index == 0:
        return word_starts[0]
    if index == len(word_starts):
        return word_starts[-1]
    before, after = word_starts[index - 1], word_starts[index]
    return before if position - before <= after - position else after
