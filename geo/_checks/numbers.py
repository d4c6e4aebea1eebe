"""Reading the number a figure's text says, as a news reader would.

``number_in`` reads digits with thousands separators (western "1,000,000" and South Asian
"10,00,000") and decimals, scale words ("USD 50 billion", "Rs 2 crore"), abbreviations
("$62bn", "$5 bn", "Rs.10m"), compounds ("4,300-megawatt") and numbers in words ("three",
"twenty-five thousand", "a dozen", "half a million"). Arithmetic is decimal, so "4.1
million" is exactly 4,100,000.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

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
        "twenty thirty forty fifty sixty seventy eighty ninety".split(),  # noqa: SIM905
        start=2,
    )
}
_SCALES = {
    "thousand": Decimal(10**3),
    "lakh": Decimal(10**5),
    "lakhs": Decimal(10**5),
    "million": Decimal(10**6),
    "crore": Decimal(10**7),
    "crores": Decimal(10**7),
    "billion": Decimal(10**9),
    "trillion": Decimal(10**12),
}
_ABBREVIATED = {
    "k": Decimal(10**3),
    "m": Decimal(10**6),
    "mn": Decimal(10**6),
    "b": Decimal(10**9),
    "bn": Decimal(10**9),
    "tn": Decimal(10**12),
    "trn": Decimal(10**12),
}
_WORDS = sorted([*_UNITS, *_TENS, "hundred", "dozen", "half", "a", "an", *_SCALES], key=len)
_WORD = "|".join(reversed(_WORDS))
_NUMBER = re.compile(
    # Digits: not inside another number ("1,2345" is no number, not 1,234).
    r"(?<![\d,])(?<!\d\.)(?P<digits>\d{1,3}(?:,\d{2,3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\d,]\d|\d)"
    r"(?:\s?(?P<abbrev>bn|mn|trn|tn)(?![A-Za-z])|(?P<letter>[kmb])(?![A-Za-z])"
    rf"|[\s-]*(?P<scale>{'|'.join(_SCALES)})\b)?"
    rf"|(?<![\w-])(?P<words>(?:{_WORD})(?:(?:[\s-]+|\s+and\s+)(?:{_WORD}))*)\b",
    re.IGNORECASE,
)
_CURRENCY = re.compile(r"(?:[$€£¥₹]|\b(?:USD|US|Rs|PKR|RMB|CNY|INR)\.?)\s?$", re.IGNORECASE)
"""Money just before a number: only then is "5m" five million (not five metres)."""


def number_in(text: str) -> float | None:
    """Read the first number written in ``text``, or ``None`` when it holds none."""
    return next(_numbers(text), None)


def numbers_in(text: str) -> list[float]:
    """Every number written in ``text``, in order ("1.66 million sq.km, one sixth" gives
    1,660,000 and 1)."""
    return list(_numbers(text))


def _numbers(text: str) -> Iterator[float]:
    for match in _NUMBER.finditer(text):
        if match.group("digits") is not None:
            value = _digits_value(match.group("digits"))
            if value is None:
                continue
            letter = (match.group("letter") or "").lower()
            if match.group("abbrev"):
                value *= _ABBREVIATED[match.group("abbrev").lower()]
            elif letter and _CURRENCY.search(text[: match.start()]):
                value *= _ABBREVIATED[letter]
            elif match.group("scale"):
                value *= _SCALES[match.group("scale").lower()]
            yield float(value)
            continue
        words = _words_value(match.group("words"))
        if words is not None:
            yield float(words)


def _digits_value(digits: str) -> Decimal | None:
    """The value of digits with separators, or ``None`` when they are grouped wrongly."""
    whole, _, _ = digits.partition(".")
    groups = whole.split(",")
    if len(groups) > 1:
        western = all(len(g) == 3 for g in groups[1:])
        south_asian = len(groups[-1]) == 3 and all(len(g) == 2 for g in groups[1:-1])
        if not (western or south_asian) or len(groups[0]) > (3 if western else 2):
            return None
    return Decimal(digits.replace(",", ""))


def _words_value(phrase: str) -> Decimal | None:
    """The value of a run of number words, read up to where it stops being one number.

    "two hundred and five thousand" is 205,000; "six and seven" is 6 ("and" joins only
    after "hundred" or a scale word); "two thousand million" is 2,000,000,000.
    """
    total, current = Decimal(0), Decimal(0)
    seen, joinable, last_scale = False, False, None
    for word in re.split(r"[\s-]+", phrase.lower()):
        if word == "and":
            if not joinable:
                break
            continue
        joinable = False
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word in ("a", "an"):
            current += 1 if not current else 0
            continue  # "a" alone is no number
        elif word == "half":
            current = (current or Decimal(1)) / 2
            continue
        elif word == "hundred":
            current = (current or Decimal(1)) * 100
            joinable = True
        elif word == "dozen":
            current = (current or Decimal(1)) * 12
        else:
            scale = _SCALES[word]
            if last_scale is not None and scale > last_scale:
                total = (total + current) * scale
            else:
                total += (current or Decimal(1)) * scale
            current, last_scale, joinable = Decimal(0), scale, True
        seen = True
    return total + current if seen else None


def format_number(value: float) -> str:
    """A number for a message, as a person writes it: 1,664,900 or 4,100,000.5."""
    if value.is_integer():
        return f"{int(value):,}"
    return f"{value:,.6f}".rstrip("0")
