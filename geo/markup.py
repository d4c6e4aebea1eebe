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
    r"<\s*[A-Za-z!/?]|javascript\s*:|vbscript\s*:|data\s*:\s*text/html|\{\{|\}\}|\{%|%\}|`"
    r"|&#?[A-Za-z0-9]+;",
    re.IGNORECASE,
)
_URL = re.compile(r"https?://[^\s\"'<>`\\]+", re.IGNORECASE)


def markup_problem(text: str) -> str | None:
    """Say why ``text`` is not plain text, or return ``None`` when it is."""
    match = _MARKUP.search(text)
    if match is None:
        return None
    return f"contains markup ({match.group(0)!r}); write plain text"


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
    if _URL.fullmatch(url):
        return None
    return f"{url[:80]!r} is not an http(s) address"
