"""Finding quotes in a body by index agrees with scanning it, on any text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from geo._loading.quotes import QuoteIndex, closest_passage
from geo._loading.text import sentences

WORDS = st.sampled_from(["the", "port", "Gwadar", "said", "USD", "50", "billion", "a", "é", "ß"])
SPACES = st.sampled_from([" ", " ", " ", "  ", "\n", "\n\n", ". ", ", "])


@st.composite
def bodies(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.tuples(WORDS, SPACES), min_size=1, max_size=80))
    return "".join(word + space for word, space in parts).strip()


def scanned(quote: str, body: str) -> list[int]:
    return [at for at in range(len(body)) if body.startswith(quote, at)]


@settings(max_examples=300, deadline=None)
@given(body=bodies(), data=st.data())
def test_every_occurrence_is_found_as_a_scan_finds_it(body: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(body) - 1))
    end = data.draw(st.integers(start + 1, len(body)))
    quote = body[start:end]
    index = QuoteIndex(body, sentences(body))
    assert index.occurrences(quote) == scanned(quote, body)


@settings(max_examples=100, deadline=None)
@given(body=bodies(), quote=st.text(min_size=1, max_size=40))
def test_text_not_in_the_body_is_not_found(body: str, quote: str) -> None:
    assert QuoteIndex(body, sentences(body)).occurrences(quote) == scanned(quote, body)


def test_a_long_quote_of_common_words_is_told_apart_by_its_rare_stretch() -> None:
    template = "Officials said the road near Gilgit would cost USD {n} million in phase {n}."
    body = " ".join(template.format(n=n) for n in range(3000))
    quote = template.format(n=1234)
    index = QuoteIndex(body, sentences(body))
    assert index.occurrences(quote) == [body.index(quote)]
    assert index.occurrences("Officials said the road near Gilgit would cost") == scanned(
        "Officials said the road near Gilgit would cost", body
    )


@settings(max_examples=200, deadline=None)
@given(body=bodies(), spans=st.lists(st.tuples(st.integers(0, 400), st.integers(1, 60))))
def test_sentences_over_a_span_and_uncovered_ones_match_a_scan(
    body: str, spans: list[tuple[int, int]]
) -> None:
    found = sentences(body)
    index = QuoteIndex(body, found)
    spans = [(start, start + width) for start, width in spans]
    for start, end in spans:
        assert index.sentences_over(start, end) == [
            s for s in found if s.start < end and s.end > start
        ]
    assert index.uncovered(spans) == [
        s for s in found if not any(s.start < end and s.end > start for start, end in spans)
    ]


BODY = (
    "China and Pakistan agreed to boost anti-terror cooperation. The USD 50 billion corridor "
    "links Xinjiang with Gwadar port. It runs through Kashmir territory that India disputes. "
    "Officials met in Beijing on Friday, and said the corridor would be guarded."
)


def test_a_typo_is_reported_with_the_passage_it_spoils() -> None:
    assert (
        closest_passage("The USD 50 bilion corridor links Xinjiang with Gwadar port.", BODY)
        == "The USD 50 billion corridor links Xinjiang with Gwadar port."
    )
    assert (
        closest_passage("it runs through kashmir territory that india disputes", BODY)
        == "It runs through Kashmir territory that India disputes."
    )


def test_a_quote_sharing_no_word_with_the_body_has_no_closest_passage() -> None:
    assert closest_passage("zzz qqq", BODY) == ""
    assert closest_passage("", BODY) == ""
    assert closest_passage("x", "   ") == ""
