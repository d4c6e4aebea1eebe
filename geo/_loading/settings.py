"""The optional ``settings.json`` of a data folder: wording and view for its maps."""

from __future__ import annotations

from geo._checks.markup import markup_in
from geo._loading.fileio import DataReader, FileProblem
from geo._loading.schema import SettingsFile, check
from geo.errors import Problem
from geo.model import Settings

SETTINGS_FILE = "settings.json"


def load_settings(reader: DataReader) -> tuple[Settings, list[Problem]]:
    """Read ``settings.json`` when the data folder has one (defaults otherwise)."""
    path = reader.root / SETTINGS_FILE
    if not path.exists() and not path.is_symlink():
        return Settings(), []
    shown = reader.shown(path)
    try:
        raw = reader.json(path)
    except FileProblem as exc:
        return Settings(), [exc.problem]
    parsed, problems = check(SettingsFile, raw, shown, "-")
    if parsed is None:
        return Settings(), problems
    titles = parsed.layer_titles.model_dump(by_alias=True, exclude_none=True)
    problems.extend(
        Problem(shown, "-", where, why)
        for where, why in markup_in({"title": parsed.title, "layer_titles": titles}, "")
    )
    view = None
    if parsed.view is not None:
        v = parsed.view
        if v.south >= v.north or v.west >= v.east:
            problems.append(
                Problem(shown, "-", "view", "south must be below north and west left of east")
            )
        view = [[v.south, v.west], [v.north, v.east]]
    return Settings(parsed.title or "", titles, view, parsed.layout or "standalone"), problems
