"""Refusing markup in editorial text, and checking links.

Text copied verbatim from an article (its body, headline, quotes, and the figures, dates
and terms quoted from them) may hold anything, since it must match the source; the map
escapes it. Text the data's authors write themselves (names, roles, sources, notes) is
refused when it holds markup: that is pasted HTML or an injection attempt, never a name.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

_MARKUP = re.compile(
    r"<\s*[A-Za-z!/?]"  # a tag, a comment or a declaration
    r"|\{\{|\}\}|\{%|%\}|\{#|#\}|`"  # template syntax (Jinja's comments too)
    r"|&#?[A-Za-z0-9]+;"  # a character reference
    r"|&#(?:[0-9]|x[0-9a-f])",  # a numeric one without its ';', which HTML reads all the same
    re.IGNORECASE,
)
_LEGACY_ENTITY = re.compile(r"&(?:lt|gt|amp|quot|(?:nbsp|copy|reg|shy)(?![a-z0-9]))", re.IGNORECASE)
"""The named references HTML reads even without their ';' that pasted HTML holds (``&lt``,
``&copy``…); rarer ones (``&ETH``) would refuse plain text such as "BTC&ETH"."""
_SCRIPT_URL = re.compile(
    r"(?<![\w.+-])(?:(?:java|vb|live)script:"
    r"|data:\s*(?:(?:text|image|application|audio|video|font|model|multipart|message)"
    r"/[\w.+-]+\s*)?[;,])",
    re.IGNORECASE,
)
_IGNORED_IN_URLS = re.compile(r"[\t\n\r]+")
"""What browsers drop from inside a link before reading it: ``java\tscript:`` is
``javascript:`` to a browser."""
_BIDI_CONTROL = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
_VISIBLE_FORMAT = frozenset("\t\n\u200c\u200d\u200e\u200f\u061c")
"""Format and control characters text may hold: tab and line break, the joiners some
scripts need (ZWNJ, ZWJ), and the direction marks, which reorder nothing after them."""
_INVISIBLE = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs"})
_URL = re.compile(r"https?://[^\s\"'<>`\\]+", re.IGNORECASE)
_HOST = re.compile(r"(?:[\w-]+\.)+[\w-]+\.?(?::(?P<port>\d{1,5}))?")


def markup_problem(text: str) -> str | None:
    """Say why ``text`` is not plain text, or return ``None`` when it is.

    Refused: markup (tags, character references, template syntax), script and data links
    (however split by tabs or line breaks), control characters, and the bidirectional
    controls that embed, override or isolate (they reorder the text shown after them;
    the marks U+200E, U+200F and U+061C, which do not, are allowed).
    """
    match = (
        _MARKUP.search(text)
        or _LEGACY_ENTITY.search(text)
        or _SCRIPT_URL.search(_IGNORED_IN_URLS.sub("", text))
    )
    if match is not None:
        return f"contains markup ({match.group(0)!r}); write plain text"
    bidi = _BIDI_CONTROL.search(text)
    if bidi is not None:
        return (
            f"contains the bidirectional control U+{ord(bidi.group()):04X}, which reorders "
            "the text after it; write plain text"
        )
    hidden = invisible_character(text)
    if hidden is not None:
        return f"contains the invisible character U+{ord(hidden):04X}; write plain text"
    return None


def invisible_character(text: str) -> str | None:
    """The first control, format or line-separator character of ``text`` that a reader
    cannot see (zero-width spaces, soft hyphens, byte-order marks, tag characters, escape
    codes), other than those :data:`_VISIBLE_FORMAT` allows; ``None`` when there is none."""
    if text.isprintable():
        return None
    for char in text:
        if char not in _VISIBLE_FORMAT and unicodedata.category(char) in _INVISIBLE:
            return char
    return None


def markup_in(value: Any, field: str) -> Iterator[tuple[str, str]]:
    """Yield ``(field path, message)`` for every string in ``value`` that holds markup."""
    if isinstance(value, str):
        why = markup_problem(value)
        if why:
            yield field, why
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from markup_in(str(key), _join(field, "<key>"))
            yield from markup_in(item, _join(field, str(key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from markup_in(item, f"{field}[{index}]")


def _join(field: str, key: str) -> str:
    return f"{field}.{key}" if field else key


def url_problem(url: str) -> str | None:
    """Say why ``url`` is not a plain http(s) link, or return ``None``."""
    shown = repr(url[:80])
    if not _URL.fullmatch(url):
        return f"{shown} is not an http(s) address"
    bidi = _BIDI_CONTROL.search(url)
    hidden = bidi.group() if bidi else invisible_character(url)
    if hidden is not None:
        return f"{shown} holds the invisible character U+{ord(hidden):04X}"
    try:
        authority = urlsplit(url).netloc
    except ValueError:  # an unmatched bracket, as in an IPv6 address gone wrong
        return f"{shown} does not name a host (like www.example.org)"
    if "@" in authority:
        leads_to = authority.rsplit("@", 1)[1]
        return (
            f"{shown} names a user before '@', so the link leads to {leads_to[:60]!r}; "
            "give the address itself"
        )
    host = _HOST.fullmatch(authority)
    if not host:
        return f"{shown} does not name a host (like www.example.org)"
    port = host.group("port")
    if port and not 0 < int(port) <= 65535:
        return f"{shown} names port {port}, which cannot exist"
    return None
