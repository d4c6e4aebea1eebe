"""Sentence splitting: the fast path for plain paragraphs agrees with pysbd everywhere.

``geo._loading.text`` splits a paragraph itself when nothing in it needs pysbd's rules, and hands it
to pysbd otherwise; these tests generate paragraphs from news-like pieces (abbreviations,
initials, numbers, quotes, brackets) and check that whenever the fast path answers, it
answers as pysbd does.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from geo._loading.text import _plain_split, _pysbd, sentences

PIECES = [
    "the",
    "corridor",
    "Pakistan",
    "China",
    "said",
    "Mr.",
    "Dr.",
    "U.S.",
    "Sept.",
    "No.",
    "p.m.",
    "Gen.",
    "J.",
    "K.",
    "Inc.",
    "5",
    "2019",
    "5.5",
    "1,000",
    "phase",
    "1.",
    "He",
    "It",
    "The",
    "“It",
    "is",
    "done.”",
    "(CPEC)",
    "(at",
    "noon.)",
    "'yes.'",
    "...",
    "…",
    "rose.",
    "fell!",
    "why?",
    "Then",
    "officials.",
    "per",
    "cent.",
    "km.",
    "ft.",
    "“We",
    "agree,”",
    "he",
    "said.",
    "“Yes.”",
    '"No',
    'way,"',
    "Kenya's",
    "a.m.",
    "Nairobi.",
    "(a)",
    "[1]",
    "(Reuters)",
    "(PoK).",
    "(B&R)",
]


@settings(max_examples=1500, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=25))
def test_the_fast_path_agrees_with_pysbd(words: list[str]) -> None:
    paragraph = " ".join(words)
    plain = _plain_split(paragraph)
    if plain is not None:
        expected = [s.strip() for s in _pysbd(paragraph) if s.strip()]
        assert [s.strip() for s in plain if s.strip()] == expected


def test_plain_paragraphs_take_the_fast_path() -> None:
    paragraph = "It rose in phase 2. Then it fell in 2019. Officials left."
    assert _plain_split(paragraph) == [
        "It rose in phase 2.",
        " Then it fell in 2019.",
        " Officials left.",
    ]
    for hard in (
        "He met Mr. Smith. He left.",
        "They said “it is done. We agree.” Then they left.",
        "The list: 1. apples 2. pears.",
        "It was late... Then it came.",
    ):
        assert _plain_split(hard) is None, hard


def test_sentences_keep_their_spans_in_the_body() -> None:
    body = "It rose. Then it fell.\n\nHe met Mr. Smith. He left.\n"
    for sentence in sentences(body):
        assert body[sentence.start : sentence.end] == sentence.text
    assert [s.text for s in sentences(body)] == [
        "It rose.",
        "Then it fell.",
        "He met Mr. Smith.",
        "He left.",
    ]
