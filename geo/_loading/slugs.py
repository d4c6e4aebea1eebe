"""Identifiers that are safe as file names and URL fragments."""

from __future__ import annotations

import re

MAX_SLUG_LENGTH = 64
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def slug_problem(value: object) -> str | None:
    """Return why ``value`` is not a valid id, or ``None`` when it is.

    A valid id is lower-case ASCII letters and digits in runs joined by single hyphens,
    at most :data:`MAX_SLUG_LENGTH` characters: safe as a file name and a URL fragment.
    """
    if value is None:
        return "is missing"
    if not isinstance(value, str):
        return f"must be a string, not {type(value).__name__}"
    if not value:
        return "is empty"
    if len(value) > MAX_SLUG_LENGTH:
        return f"is {len(value)} characters long, over the limit of {MAX_SLUG_LENGTH}"
    if not _SLUG.fullmatch(value):
        return f"{value!r} is not a slug (lower-case letters, digits and single hyphens)"
    return None
