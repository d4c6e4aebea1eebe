"""Refusing markup in editorial text, and checking links.

Text copied verbatim from an article (its body, headline, quotes, and the figures, dates
and terms quoted from them) may hold anything, since it must match the source; the map
escapes it. Text the data's authors write themselves (names, roles, sources, notes) is
refused when it holds markup: that is pasted HTML or an injection attempt, never a name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

_MARKUP = re.compile(
    r"<\s*[A-Za-z!/?]"  # a tag, a comment or a declaration
    r"|\{\{|\}\}|\{%|%\}|`"  # template syntax
    r"|&#?[A-Za-z0-9]+;"  # a character reference
    r"|&#(?:[0-9]|x[0-9a-f])"  # a numeric one without its ';', which HTML reads all the same
    r"|&(?:lt|gt|amp|quot|apos|nbsp)",  # named ones HTML reads without a ';'
    re.IGNORECASE,
)
_SCRIPT_URL = re.compile(
    r"(?:java|vb|live)script:|data:(?:[a-z][\w.+-]*/[\w.+-]+)?[;,]", re.IGNORECASE
)
_IGNORED_IN_URLS = re.compile(r"[\x00-\x20\x7f]+")
"""What browsers drop from a link before reading it (tabs, line breaks, other controls),
and spaces: ``java\tscript:`` is ``javascript:`` to a browser."""
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_BIDI_CONTROL = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
_URL = re.compile(r"https?://[^\s\"'<>`\\]+", re.IGNORECASE)
_HOST = re.compile(r"(?:[\w-]+\.)+[\w-]+(?::\d{1,5})?")


def markup_problem(text: str) -> str | None:
    """Say why ``text`` is not plain text, or return ``None`` when it is.

    Refused: markup (tags, character references, template syntax), script and data links
    (however split by tabs or line breaks), control characters, and the bidirectional
    controls that embed, override or isolate (they reorder the text shown after them;
    the marks U+200E, U+200F and U+061C, which do not, are allowed).
    """
    match = _MARKUP.search(text) or _SCRIPT_URL.search(_IGNORED_IN_URLS.sub("", text))
    if match is not None:
        return f"contains markup ({match.group(0)!r}); write plain text"
    control = _CONTROL.search(text)
    if control is not None:
        return f"contains the control character U+{ord(control.group()):04X}; write plain text"
    bidi = _BIDI_CONTROL.search(text)
    if bidi is not None:
        return (
            f"contains the bidirectional control U+{ord(bidi.group()):04X}, which reorders "
            "the text after it; write plain text"
        )
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
    if not _URL.fullmatch(url):
        return f"{url[:80]!r} is not an http(s) address"
    authority = url.split("/", 3)[2]
    if "@" in authority:
        host = authority.rsplit("@", 1)[1]
        return (
            f"{url[:80]!r} names a user before '@', so the link leads to {host[:60]!r}; "
            "give the address itself"
        )
    if not _HOST.fullmatch(authority):
        return f"{url[:80]!r} does not name a host (like www.example.org)"
    return None
