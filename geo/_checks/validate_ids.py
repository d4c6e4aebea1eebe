"""Messages about ids that name nothing."""

from __future__ import annotations

import difflib


def unknown_id_message(value: str, known: list[str], what: str = "place") -> str:
    """Say that ``value`` is not a known id, suggesting the closest one."""
    close = difflib.get_close_matches(value, known, n=1, cutoff=0.5)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    return f"{value!r} is not a known {what} id{hint}"
