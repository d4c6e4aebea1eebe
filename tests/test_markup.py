"""What editorial text may hold: plain text in any script, never markup or hidden characters."""

from __future__ import annotations

import pytest

from geo._checks.markup import markup_problem, url_problem

PLAIN = [
    "AT&T and R&D, Q&A, M&As, BTC&ETH rally, Research&regulation",
    "Speed data: km/h, mean",
    "Java script: an introduction",
    "Metadata: text and figures; the data, as published",
    "USD 50 billion",  # a no-break space, as newsrooms type figures
    "گلگت بلتستان",
    "ਪੰਜਾਬ",
    "Mi\u200cnister",  # a zero-width non-joiner, which Persian and Indic scripts need
    "Abu\u200f Dhabi",  # a direction mark, which reorders nothing after it
    "first line\nsecond line\tand a tab",
]

REFUSED = [
    ("<b>bold</b>", "contains markup ('<b'); write plain text"),
    ("&#x3Cscript&#x3E", "contains markup ('&#x3'); write plain text"),
    ("&#60script", "contains markup ('&#6'); write plain text"),
    ("&ltscript&gt", "contains markup ('&lt'); write plain text"),
    ("&copy Natural Earth", "contains markup ('&copy'); write plain text"),
    ("see java\tscript:alert(1)", "contains markup ('javascript:'); write plain text"),
    ("see JAVASCRIPT:alert(1)", "contains markup ('JAVASCRIPT:'); write plain text"),
    ("data:text/html;base64,PHNjcmlwdD4=", "contains markup ('data:text/html;'); write plain text"),
    ("data:,hello", "contains markup ('data:,'); write plain text"),
    ("{{ 7*7 }}", "contains markup ('{{'); write plain text"),
    ("Lamu {# a note", "contains markup ('{#'); write plain text"),
    (
        "Nai\u202eibor",
        "contains the bidirectional control U+202E, which reorders the text after it; write "
        "plain text",
    ),
    ("Foreign\u200bMinister", "contains the invisible character U+200B; write plain text"),
    ("Jane\x1b[2J", "contains the invisible character U+001B; write plain text"),
    ("soft\u00adhyphen", "contains the invisible character U+00AD; write plain text"),
    ("a\u2028b", "contains the invisible character U+2028; write plain text"),
]


@pytest.mark.parametrize("text", PLAIN)
def test_plain_text_in_any_script_is_accepted(text: str) -> None:
    assert markup_problem(text) is None


@pytest.mark.parametrize(("text", "why"), REFUSED)
def test_markup_and_hidden_characters_are_refused(text: str, why: str) -> None:
    assert markup_problem(text) == why


@pytest.mark.parametrize(
    "url",
    [
        "https://www.thestatesman.com/world/china-pak-1502501385.html",
        "http://example.org:8080/a?b=c#d",
        "https://example.org./trailing-dot",
        "https://evil.example#@www.thestatesman.com",  # leads to evil.example, as it says
    ],
)
def test_plain_links_are_accepted(url: str) -> None:
    assert url_problem(url) is None


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("javascript:alert(1)", "'javascript:alert(1)' is not an http(s) address"),
        (
            "https://www.thestatesman.com@evil.example/",
            "'https://www.thestatesman.com@evil.example/' names a user before '@', so the "
            "link leads to 'evil.example'; give the address itself",
        ),
        (
            "https://[www.dawn.com/news/1",
            "'https://[www.dawn.com/news/1' does not name a host (like www.example.org)",
        ),
        ("https://localhost/", "'https://localhost/' does not name a host (like www.example.org)"),
        ("https://example.org:0/", "'https://example.org:0/' names port 0, which cannot exist"),
        (
            "https://example.org/\u202etxt.exe",
            "'https://example.org/\\u202etxt.exe' holds the invisible character U+202E",
        ),
    ],
)
def test_links_that_mislead_are_refused(url: str, why: str) -> None:
    assert url_problem(url) == why
