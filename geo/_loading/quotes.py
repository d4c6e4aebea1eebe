"""Finding quotes in an article's body without scanning the body once per quote.

An article of many thousand claims would otherwise cost claims × body length: each quote
searched for, counted, and its sentences looked up by a scan. :class:`QuoteIndex` indexes
the body once, by the few words that follow each word start; a quote is then found from
its rarest stretch, and the sentences it lies in by bisection.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from geo._loading.text import Sentence

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
        Its sentences, in order and not overlapping (see :func:`geo._loading.text.sentences`).
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
        # A word with white space before it inside the quote starts a word of the body
        # wherever the quote occurs (the first word may be the end of a longer one).
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

    def sentence_text(self, start: int, end: int) -> str:
        """The text of the sentences that overlap ``[start, end)``, as the body has them
        (the span itself when it lies in no sentence)."""
        found = self.sentences_over(start, end)
        if not found:
            return self.body[start:end]
        return self.body[found[0].start : found[-1].end]

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


_CANDIDATES = 3
_RARE = 64
"""A stretch of three characters more frequent than this in the body votes only when the
quote has too few rarer ones."""
_MIN_VOTERS = 12
_OFFSETS = 4
"""A stretch repeated in the quote votes from at most this many of its places."""


@dataclass(frozen=True)
class Passage:
    """The stretch of a body most like a quote, and how alike they are: the share of their
    characters in common, in order (0 to 1)."""

    start: int
    end: int
    similarity: float


class PassageFinder:
    """Finds the passage of one body most like a quote that is not in it.

    Every stretch of three characters of the body (lower-cased) is indexed once; each
    stretch of the quote then votes for where the quote would start, the rarest first, and
    only the few starts with the most votes are compared in full. A typo spoils only the
    three stretches that hold it, so the quote's true place wins even when the typo is in
    its only rare word; the cost grows with the quote, not with the body.
    """

    def __init__(self, body: str) -> None:
        self.body = body
        grams = _trigrams(body)
        order = np.argsort(grams, kind="stable")
        self._grams = grams[order]
        self._at = order.astype(np.int64)
        starts = [0] + [m.end() for m in re.finditer(r"\s+", body) if m.end() < len(body)]
        self._word_starts = np.array(starts, dtype=np.int64)

    def find(self, quote: str) -> Passage | None:
        """The passage most like ``quote`` (as long, from a word start to a word end), or
        ``None`` when the body shares no three characters in a row with it."""
        grams = _trigrams(quote)
        if not len(grams) or not len(self._grams):
            return None
        low = np.searchsorted(self._grams, grams, side="left")
        high = np.searchsorted(self._grams, grams, side="right")
        counts = high - low
        voters = self._voters(grams, counts)
        if not voters:
            return None
        votes = np.concatenate([self._at[low[i] : high[i]] - i for i in voters])
        starts, tally = np.unique(self._snap(votes), return_counts=True)
        best = np.argsort(-tally, kind="stable")[:_CANDIDATES]
        ranked = [(int(starts[i]), int(tally[i])) for i in best]
        # Imported here: only a quote that is not in its body needs it.
        from rapidfuzz.distance import Indel

        found: Passage | None = None
        for start, _ in sorted(ranked):
            window = self._window(start, len(quote))
            # The share of characters the two have in common, in order (bit-parallel, so
            # a long or repetitive quote costs microseconds, unlike difflib).
            similarity = Indel.normalized_similarity(quote, self.body[window[0] : window[1]])
            if found is None or similarity > found.similarity:
                found = Passage(window[0], window[1], similarity)
        return found

    def passage(self, quote: str) -> str:
        """The passage most like ``quote`` (see :meth:`find`), stripped; empty when none."""
        found = self.find(quote)
        return self.body[found.start : found.end].strip() if found else ""

    @staticmethod
    def _voters(grams: np.ndarray, counts: np.ndarray) -> list[int]:
        """Offsets of the quote's stretches that vote: the rare ones, or else the rarest
        few; a stretch the quote repeats, from a few of its places only."""
        order = np.argsort(counts, kind="stable")
        chosen: list[int] = []
        used: dict[int, int] = {}
        for index in order.tolist():
            count = int(counts[index])
            if count == 0:
                continue
            if count > _RARE and len(chosen) >= _MIN_VOTERS:
                break
            gram = int(grams[index])
            if used.get(gram, 0) < _OFFSETS:
                used[gram] = used.get(gram, 0) + 1
                chosen.append(index)
        return chosen

    def _snap(self, positions: np.ndarray) -> np.ndarray:
        """Each position moved to the nearest word start (an earlier one on a tie): a typo
        shifts the votes of the stretches after it by a character or two."""
        starts = self._word_starts
        after = np.clip(np.searchsorted(starts, positions), 1, len(starts) - 1)
        before = after - 1
        if len(starts) == 1:
            return np.zeros_like(positions)
        nearer_before = positions - starts[before] <= starts[after] - positions
        return np.where(nearer_before, starts[before], starts[after])

    def _window(self, start: int, width: int) -> tuple[int, int]:
        body = self.body
        end = start + width
        while end < len(body) and not body[end].isspace():
            end += 1
        return start, min(end, len(body))


def _trigrams(text: str) -> np.ndarray:
    """Each stretch of three characters of ``text``, lower-cased, as one integer."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a letter lower-cases to two ("İ"): keep it as it is
        lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    codes = np.frombuffer(lowered.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    if len(codes) < 3:
        return np.zeros(0, dtype=np.uint64)
    wide = codes.astype(np.uint64)
    return (wide[:-2] << np.uint64(42)) | (wide[1:-1] << np.uint64(21)) | wide[2:]


def closest_passage(quote: str, body: str) -> str:
    """Return the passage of ``body`` most like ``quote`` (as long, word-aligned; empty
    when none is alike at all); see :class:`PassageFinder`, which an article's checks keep
    for all its quotes."""
    return PassageFinder(body).passage(quote)
