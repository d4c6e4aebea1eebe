"""What a build keeps of the maps it made, so the next build renders only what changed.

The manifest lives in the user's cache folder, not beside the maps, and comes in parts, as
the overview does (:func:`geo._rendering.overview.part_of`):

- an index, read by every build: for each part, a digest of the state (size and
  modification time) of every file its maps were made from and of the maps themselves,
  what the overview needs of it, its maps' warnings and the files of ``assets/`` they
  load;
- for each part, the records of its maps (:class:`geo._building.pipeline.ArticleOutcome`'s
  ``entry``), read only when the part's digest differs: a file of it changed, an article
  came or went, or a map was touched;
- for each part, the overview's JSON of it, which the overview is made from again when
  another part changed.

So a build of 5,000 articles that changed one reads and writes the records of one part.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from geo._loading.articles import ARTICLES_FOLDER
from geo._loading.basemap import BASEMAP_FILE
from geo._loading.fileio import write_atomic
from geo._loading.places import GEOJSON_FOLDER

MANIFEST_FORMAT = 3

RACY_NS = 2_000_000_000
"""A file modified this close before the build that recorded it may have changed again
within the same tick of the file system's clock: its bytes are compared, not its state."""


def manifest_path(out_dir: Path) -> Path:
    """Where the index of the builds into ``out_dir`` is kept: the user's cache folder
    (a build's cache, not part of the maps, so nothing in the maps folder changes). The
    parts are in a folder of the same name beside it."""
    key = hashlib.sha256(os.fsencode(out_dir.resolve())).hexdigest()[:32]
    return cache_folder() / "builds" / f"{key}.json"


def cache_folder() -> Path:
    """The tool's folder of the user's cache (``$XDG_CACHE_HOME/corridor-map``)."""
    home = os.environ.get("XDG_CACHE_HOME") or (Path.home() / ".cache").as_posix()
    return Path(home) / "corridor-map"


def _parts_folder(out_dir: Path) -> Path:
    return manifest_path(out_dir).with_suffix("")


@dataclass
class DataState:
    """The files a build reads, by absolute path, with their :data:`FileState`; and the
    files of each folder."""

    files: dict[str, FileState]
    folders: dict[str, list[str]]
    """The files of each folder, sorted."""
    articles: str
    """The absolute path of the folder of article folders."""

    def outside_articles(self) -> list[str]:
        """The files that are not in an article's folder (places, basemap, settings),
        sorted."""
        articles = self.articles + os.sep
        return sorted(path for path in self.files if not path.startswith(articles))

    def article_files(self, name: str) -> list[str]:
        """The files of the folder of the article whose map is ``name``, sorted."""
        return self.folders.get(os.path.join(self.articles, name[: -len(".html")]), [])


FileState = tuple[int, int, int, int]
"""A file's size, modification time, status-change time and inode. The status-change
time changes with every write and cannot be set back, as a copy that keeps times
(``cp -p``, ``rsync -t``) sets back the modification time; the inode tells a file that
replaced another, or a link pointed elsewhere, on a file system with a coarse clock."""


def file_state(stat: os.stat_result) -> FileState:
    return (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)


def data_state(data_dir: Path) -> DataState:
    """The state of every file a build of ``data_dir`` may read: those at its top (the
    settings), of ``geojson/`` and ``basemap/``, and of each article's folder, by the
    path the readers read them by (through symbolic links)."""
    root = os.path.abspath(data_dir)
    files: dict[str, FileState] = {}
    folders: dict[str, list[str]] = {}

    def scan(folder: str) -> list[os.DirEntry[str]]:
        """Record the files of ``folder``; return its folders."""
        own = folders.setdefault(folder, [])
        inside: list[os.DirEntry[str]] = []
        try:
            entries = list(os.scandir(folder))
        except OSError:
            return inside
        for entry in entries:
            try:
                if entry.is_dir():
                    inside.append(entry)
                elif entry.is_file():
                    stat = entry.stat()
                    path = entry.path
                    files[path] = (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)
                    own.append(path)
            except OSError:
                continue
        own.sort()
        return inside

    for entry in scan(root):
        if entry.name == ARTICLES_FOLDER:
            for article in scan(entry.path):
                scan(article.path)
        elif entry.name in READ_FOLDERS:
            scan(entry.path)
    return DataState(files, folders, os.path.join(root, ARTICLES_FOLDER))


READ_FOLDERS = (GEOJSON_FOLDER, BASEMAP_FILE.parts[0])
"""The folders of a data folder, besides the articles', whose files a build reads."""


def file_states(folder: Path, suffix: str) -> dict[str, tuple[int, int]]:
    """The files of ``folder`` whose names end with ``suffix``, with their size and
    modification time."""
    found: dict[str, tuple[int, int]] = {}
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return found
    for entry in entries:
        if entry.name.endswith(suffix):
            with contextlib.suppress(OSError):
                if entry.is_file():
                    stat = entry.stat()
                    found[entry.name] = (stat.st_size, stat.st_mtime_ns)
    return found


def part_digest(
    basis: str,
    names: list[str],
    places: list[str],
    state: DataState,
    maps: dict[str, tuple[int, int]],
) -> tuple[str, int]:
    """A hash of what a part's maps ``names`` are made from as ``state`` finds it (each
    article's files and the place files ``places``), of ``basis`` and of the maps' states
    (``maps``); and the newest status-change time among those data files."""
    rows: list[Any] = [basis]
    newest = 0
    files = state.files
    folders, articles = state.folders, state.articles + os.sep
    for name in names:
        rows += (name, maps.get(name))
        for path in folders.get(articles + name[: -len(".html")], ()):
            found = files[path]
            rows += (path, found)
            if found[2] > newest:
                newest = found[2]
    for path in places:
        known = files.get(path)
        rows += (path, known)
        if known is not None:
            newest = max(newest, known[2])
    return hashlib.sha256(repr(rows).encode("utf-8", "surrogateescape")).hexdigest(), newest


def _plain_name(name: Any) -> bool:
    """A file name with no folder and no odd characters, not hidden."""
    return (
        isinstance(name, str)
        and bool(name)
        and "\x00" not in name
        and "/" not in name
        and not name.startswith(".")
    )


def plain_map_name(name: Any) -> bool:
    """A map's file name, as this tool writes them: no folder, no odd characters."""
    return _plain_name(name) and name.endswith(".html") and len(name) > len(".html")


@dataclass
class Manifest:
    """The index of the builds into a maps folder (empty when there is none that can be
    trusted).

    Attributes
    ----------
    data : str or None
        The data folder (absolute) the maps were built from.
    assets : dict
        The files of ``assets/`` those builds wrote, with their sizes.
    parts : dict
        Each part's record: ``digest``, ``settled`` (every file it was made from older
        than the build by :data:`RACY_NS`), ``places`` (place files), ``maps``,
        ``assets``, ``warnings`` (by map) and ``text`` (the hash of its overview JSON).
    overview : dict or None
        The overview's record: ``inputs`` and ``assets``, its ``size`` and ``mtime_ns``.
    """

    out_dir: Path
    data: str | None = None
    assets: dict[str, int] = field(default_factory=dict)
    parts: dict[int, dict[str, Any]] = field(default_factory=dict)
    overview: dict[str, Any] | None = None

    def maps_of(self, part: int) -> dict[str, dict[str, Any]]:
        """The records of the maps of ``part`` (name → record); empty when they are
        missing or cannot be trusted, so that those maps are rendered."""
        document = _read_json(_parts_folder(self.out_dir) / f"maps-{part:02d}.json")
        if not isinstance(document, dict) or document.get("format") != MANIFEST_FORMAT:
            return {}
        maps = document.get("maps")
        if not isinstance(maps, dict):
            return {}
        return {
            name: entry
            for name, entry in maps.items()
            if isinstance(entry, dict) and plain_map_name(name)
        }

    def part_text(self, part: int) -> bytes | None:
        """The overview's JSON of ``part`` as the last build that read the part made it
        (not checked: see :func:`geo._rendering.overview.checked_part`), or None."""
        try:
            return (_parts_folder(self.out_dir) / f"part-{part:02d}.json").read_bytes()
        except OSError:
            return None


def _read_json(path: Path) -> Any:
    try:
        text = path.read_bytes()
    except OSError:
        return None
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        try:  # what orjson refuses although it is JSON (see DataReader.json)
            return json.loads(text)
        except (ValueError, RecursionError):
            return None


def read_manifest(out_dir: Path) -> Manifest:
    """The index of the builds into ``out_dir``; empty when it is missing or cannot be
    trusted, so that every map is rendered."""
    manifest = Manifest(out_dir)
    document = _read_json(manifest_path(out_dir))
    if not isinstance(document, dict) or document.get("format") != MANIFEST_FORMAT:
        return manifest
    data, assets = document.get("data"), document.get("assets")
    manifest.data = data if isinstance(data, str) else None
    if isinstance(assets, dict):
        manifest.assets = {
            name: size for name, size in assets.items() if _plain_name(name) and type(size) is int
        }
    parts = document.get("parts")
    if isinstance(parts, dict):
        for key, record in parts.items():
            if _PART_KEY.fullmatch(key) and _part_record_ok(record):
                manifest.parts[int(key)] = record
    overview = document.get("overview")
    if isinstance(overview, dict) and _overview_record_ok(overview):
        manifest.overview = overview
    return manifest


_PART_KEY = re.compile("[0-9]{2}")


def _overview_record_ok(record: dict[str, Any]) -> bool:
    assets = record.get("assets")
    return (
        isinstance(record.get("inputs"), str)
        and isinstance(assets, list)
        and all(_plain_name(name) for name in assets)
        and all(type(record.get(key)) is int for key in ("size", "mtime_ns"))
    )


def _part_record_ok(record: Any) -> bool:
    """Whether an index's record of a part has the parts a build uses without checking
    them again."""
    if not isinstance(record, dict):
        return False
    lists = [record.get(key) for key in ("places", "maps", "assets")]
    warnings = record.get("warnings")
    return (
        all(isinstance(value, list) and all(isinstance(v, str) for v in value) for value in lists)
        and all(plain_map_name(name) for name in record["maps"])
        and all(_plain_name(name) for name in record["assets"])
        and isinstance(record.get("digest"), str)
        and isinstance(record.get("text"), str)
        and isinstance(record.get("settled"), bool)
        and isinstance(warnings, dict)
        and all(warnings_ok(value) for value in warnings.values())
    )


WARNING_KINDS = ("read", "links", "drafts")


def warnings_ok(warnings: Any) -> bool:
    """Whether a map's recorded warnings are as a build records them."""
    return isinstance(warnings, dict) and all(
        isinstance(warnings.get(kind), list)
        and all(
            type(w) is list and len(w) == 4 and all(isinstance(v, str) for v in w)
            for w in warnings[kind]
        )
        for kind in WARNING_KINDS
    )


def write_manifest(
    manifest: Manifest,
    parts: dict[int, dict[str, Any]],
    written: dict[int, tuple[dict[str, dict[str, Any]], str]],
) -> None:
    """Write the index (``manifest`` with the records ``parts``) and, for each part of
    ``written``, its maps' records and its overview JSON; remove the files of parts the
    index no longer lists.

    Without a cache folder the next build renders every map again; nothing worse.
    """
    folder = _parts_folder(manifest.out_dir)
    with contextlib.suppress(OSError):
        for part, (maps, text) in sorted(written.items()):
            write_atomic(
                folder / f"maps-{part:02d}.json", _dumps({"format": MANIFEST_FORMAT, "maps": maps})
            )
            write_atomic(folder / f"part-{part:02d}.json", text.encode("utf-8"))
        document = {
            "format": MANIFEST_FORMAT,
            "data": manifest.data,
            "assets": dict(sorted(manifest.assets.items())),
            "parts": {f"{part:02d}": parts[part] for part in sorted(parts)},
            "overview": manifest.overview,
        }
        write_atomic(manifest_path(manifest.out_dir), _dumps(document), durable=False)
        listed = {f"{kind}-{part:02d}.json" for part in parts for kind in ("maps", "part")}
        for entry in os.scandir(folder) if folder.is_dir() else ():
            if entry.name.endswith(".json") and entry.name not in listed:
                Path(entry.path).unlink(missing_ok=True)


def _dumps(document: Any) -> bytes:
    try:
        return orjson.dumps(document)
    except TypeError:  # a path that is not UTF-8: escaped as the standard library does
        return json.dumps(document).encode("ascii")
