"""Building every map of a data folder."""

from __future__ import annotations

import contextlib
import hashlib
import json
import multiprocessing
import os
import re
import secrets
import signal
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

import orjson

from geo import __version__
from geo.articles import ARTICLES_FOLDER, article_folders
from geo.errors import DataError, Problem, WriteError
from geo.fileio import TEMP_PREFIX, commit_file, remove_stale_temp_files, stage_file, write_atomic
from geo.overview import OVERVIEW_FILE, render_summaries
from geo.page import ASSETS_FOLDER, LAYOUTS, MAP_SIGNATURE, SharedAssets
from geo.pipeline import (
    ArticleOutcome,
    BuildContext,
    inputs_fingerprint,
    open_world,
    process_article,
)
from geo.validate import load_dataset


@dataclass(frozen=True)
class BuiltMap:
    """One map written (or found up to date) by :func:`build_maps`."""

    path: Path
    changed: bool


@dataclass(frozen=True)
class BuildResult:
    """The maps :func:`build_maps` wrote and the warnings about the data."""

    maps: list[BuiltMap]
    warnings: list[Problem]
    removed: list[Path] = field(default_factory=list)
    """Maps of articles the data no longer holds, which an earlier build made."""


def manifest_path(out_dir: Path) -> Path:
    """Where the manifest of the builds into ``out_dir`` is kept: the user's cache folder
    (a build's cache, not part of the maps, so nothing in the maps folder changes)."""
    home = os.environ.get("XDG_CACHE_HOME") or (Path.home() / ".cache").as_posix()
    key = hashlib.sha256(os.fsencode(out_dir.resolve())).hexdigest()[:32]
    return Path(home) / "corridor-map" / "builds" / f"{key}.json"


_MANIFEST_FORMAT = 2
Progress = Callable[[int, int], None]
"""Told (done, total) as articles are checked and rendered: a terminal's progress bar."""


def build_maps(
    data_dir: Path,
    out_dir: Path,
    jobs: int = 1,
    force: bool = False,
    progress: Progress | None = None,
    layout: str | None = None,
    dask: str | Any | None = None,
) -> BuildResult:
    """Validate ``data_dir`` and write one map per article into ``out_dir``.

    The places, basemap and settings are read and checked once; then each article is
    checked and its map rendered into a temporary file beside its target. Only when every
    article is valid and every map rendered are they put in place, each in one rename.
    Invalid data, or a map that fails to render or to be written, leaves every previous
    map untouched.

    A build is incremental: a manifest (in the user's cache folder) keeps, for each map,
    the state of the files it was made from (its article's, its places', the basemap and
    settings, every place's name) and what the overview needs of it. An article whose
    files did not change since is not read again, and its map is not rendered again. The
    result is byte for byte that of a clean build. Maps of articles the data no longer
    holds, which an earlier build made, are removed.

    Parameters
    ----------
    data_dir, out_dir : Path
        The data folder, and the folder the maps go to.
    jobs : int
        Processes that check and render articles at once (1: in this process). The maps
        are the same bytes whatever the number.
    force : bool
        Render every map, whatever the manifest says.
    progress : callable, optional
        Called with (articles done, articles to do) as the work goes on.
    layout : {"standalone", "shared"}, optional
        Each map one file with everything inlined, or maps sharing their common files
        (scripts, styles, basemap, large shapes) in ``out_dir/assets/``, content-hashed.
        By default, the data folder's ``settings.json`` says, else ``standalone``.
    dask : str or distributed.Client, optional
        A Dask scheduler's address (or a client): the articles are checked and rendered
        by its workers, which must be able to read ``data_dir``. The maps are the same.

    Raises
    ------
    DataError
        When the data is invalid (nothing is written).
    WriteError
        When a map cannot be written: it says which maps, if any, were already replaced
        (only a failure while renaming, after every map was written, can leave some).
    """
    if not data_dir.is_dir():
        load_dataset(data_dir)  # raises the error validate gives
    if dask is not None:  # workers may run in another folder
        data_dir = Path(os.path.abspath(data_dir))
    before = _data_state(data_dir)
    world = open_world(data_dir)
    folders = article_folders(data_dir)
    if world.problems or not folders:
        _raise_data_problems(data_dir, world.problems, world.warnings)
    layout = layout or world.dataset.settings.layout
    if layout not in LAYOUTS:
        raise ValueError(f"layout must be one of {', '.join(LAYOUTS)}, not {layout!r}")
    assets_dir = out_dir / ASSETS_FOLDER
    created = [folder for folder in (out_dir, assets_dir) if not folder.exists()]
    remove_stale_temp_files(out_dir)
    remove_stale_temp_files(assets_dir)
    tag = f"{os.getpid()}-{secrets.token_hex(4)}."
    # Read even when forced: it says which maps and assets earlier builds made.
    manifest = _read_manifest(out_dir)
    trusted = {} if force else manifest
    # Quotes go to files of their own only for an overview to load (shared, 2+ articles).
    quotes = layout == "shared" and len(folders) > 1
    basis = f"{code_fingerprint()} {layout} {world.fingerprint}{' quotes' if quotes else ''}"
    present = _files_in(assets_dir)
    started_ns = time.time_ns()
    outcomes: dict[str, ArticleOutcome] = {}
    todo: list[Path] = []
    for folder in folders:
        name = f"{folder.name}.html"
        entry = trusted.get(name)
        if _up_to_date(out_dir / name, entry, basis, present, before):
            assert entry is not None
            outcomes[name] = ArticleOutcome(name, entry=entry)
        else:
            todo.append(folder)
    staged: list[tuple[Path, Path | None]] = []
    replaced: list[str] = []
    files = SharedAssets() if layout == "shared" else None
    path = out_dir
    try:
        context = BuildContext(world, out_dir, tag, basis, files, quotes=quotes)
        for outcome in _process(context, todo, jobs, dask, progress):
            outcomes[outcome.name] = outcome
            path = out_dir / outcome.name
            if outcome.html is not None:  # rendered elsewhere (Dask): staged here
                outcome.staged = stage_file(path, outcome.html, tag)
                outcome.html = None
            if outcome.rendered:
                staged.append((path, outcome.staged))
            if files is not None:
                for asset, content in outcome.files.items():
                    files.files.setdefault(asset, content)
        problems = [p for folder in folders for p in outcomes[f"{folder.name}.html"].problems]
        if problems:
            _raise_data_problems(data_dir, problems, world.warnings)
        entries = {name: outcomes[name].entry for name in sorted(outcomes)}
        if len(folders) > 1:
            path = out_dir / OVERVIEW_FILE
            overview_entry: dict[str, Any] = {"inputs": _overview_fingerprint(entries, basis)}
            old = trusted.get(OVERVIEW_FILE)
            if todo or not _up_to_date_overview(path, old, overview_entry["inputs"], present):
                if files:
                    files.recent.clear()
                summaries = [entries[f"{f.name}.html"]["summary"] for f in folders]
                overview = render_summaries(summaries, world.dataset, files).encode("utf-8")
                staged.append((path, stage_file(path, overview, tag)))
                overview_entry["assets"] = list(dict.fromkeys(files.recent)) if files else []
            else:
                assert old is not None
                overview_entry["assets"] = old.get("assets", [])
            entries[OVERVIEW_FILE] = overview_entry
        # The shared files go in place before the maps that load them.
        needed = {name for entry in entries.values() for name in entry.get("assets", [])}
        for name in sorted(needed & set(files.files if files else ())):
            path = assets_dir / name
            staged.insert(0, (path, stage_file(path, files.files[name], tag) if files else None))
        with _interruptions_held():
            for path, temporary in staged:
                if temporary is not None:
                    commit_file(temporary, path)
                    replaced.append(path.name)
            gone = _remove_maps_of_gone_articles(out_dir, manifest, set(entries), data_dir)
            gone += _remove_unused_assets(assets_dir, manifest, needed, out_dir, set(entries))
            # A file saved while the data was read may not be in the maps: then the next
            # build trusts nothing and renders every map again.
            unchanged = _data_state(data_dir) == before
            _write_manifest(out_dir, entries if unchanged else {}, data_dir, started_ns, needed)
    except OSError as exc:
        # The map being written, not its temporary file, unless the folder itself failed.
        failed = Path(os.fsdecode(exc.filename)) if exc.filename else path
        where = path if failed.name.startswith(TEMP_PREFIX) else failed
        raise WriteError(where.as_posix(), exc.strerror or str(exc), replaced) from exc
    finally:
        for _, temporary in staged:
            if temporary is not None:
                temporary.unlink(missing_ok=True)
        for outcome in outcomes.values():
            if outcome.staged is not None:
                outcome.staged.unlink(missing_ok=True)
        # Workers may have staged maps never collected (an interruption, another's error).
        for folder in (out_dir, assets_dir):
            for leftover in folder.glob(f"{TEMP_PREFIX}*.{tag}*.tmp"):
                leftover.unlink(missing_ok=True)
        # A build that failed leaves no folder it made (while the folder stays empty).
        if not replaced:
            for folder in reversed(created):
                with contextlib.suppress(OSError):
                    folder.rmdir()
    rendered = {p.name for p, _ in staged if p.parent == out_dir}
    written = sorted(
        [BuiltMap(p, temporary is not None) for p, temporary in staged if p.parent == out_dir]
        + [BuiltMap(out_dir / name, False) for name in entries if name not in rendered],
        key=lambda item: item.path.name,
    )
    warnings = list(world.warnings)
    for kind in ("read", "links", "drafts"):
        for folder in folders:
            warnings.extend(Problem(*w) for w in entries[f"{folder.name}.html"]["warnings"][kind])
    warnings += _maps_of_no_article(out_dir, set(entries))
    return BuildResult(written, warnings, gone)


def _raise_data_problems(data_dir: Path, problems: list[Problem], warnings: list[Problem]) -> None:
    """Raise the error ``validate`` gives for ``data_dir`` (every problem, in its order);
    ``problems``, should the data have changed meanwhile and be valid now."""
    load_dataset(data_dir)
    raise DataError(problems, warnings=warnings)


def available_cores() -> int:
    """The processor cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


_PARALLEL_FROM = 8
"""Fewer articles than this are processed in this process: starting workers costs more."""


_WORKER: BuildContext | None = None
"""The context a forked worker processes articles in (set before the workers start)."""


def _process(
    context: BuildContext,
    folders: list[Path],
    jobs: int,
    dask: str | Any | None,
    progress: Progress | None,
) -> Iterator[ArticleOutcome]:
    """Check and render the articles of ``folders``: here, in ``jobs`` forked processes,
    or on a Dask cluster. Outcomes come in the order of ``folders``."""
    global _WORKER
    total = len(folders)
    if dask is not None and folders:
        from geo.cluster import process_on_cluster

        for done, outcome in enumerate(process_on_cluster(dask, context, folders), start=1):
            yield outcome
            if progress is not None:
                progress(done, total)
        return
    fork = "fork" in multiprocessing.get_all_start_methods()
    if jobs <= 1 or total < _PARALLEL_FROM or not fork:
        for done, folder in enumerate(folders, start=1):
            yield process_article(context, folder)
            if progress is not None:
                progress(done, total)
        return
    _WORKER = context
    try:
        with ProcessPoolExecutor(
            max_workers=jobs, mp_context=multiprocessing.get_context("fork")
        ) as pool:
            chunks = max(1, min(16, total // (jobs * 8)))
            results = pool.map(_process_in_worker, folders, chunksize=chunks)
            for done, outcome in enumerate(results, start=1):
                yield outcome
                if progress is not None:
                    progress(done, total)
    finally:
        _WORKER = None


def _process_in_worker(folder: Path) -> ArticleOutcome:
    assert _WORKER is not None, "workers are forked after the context is set"
    return process_article(_WORKER, folder)


_LIBRARIES = ("folium", "branca", "jinja2", "xstatic-leaflet", "shapely", "pyproj", "pysbd")
"""The libraries whose versions a map's bytes may depend on."""


def code_fingerprint() -> str:
    """A hash of everything of the package a map is made with: its modules, scripts,
    styles and data, and the versions of folium and branca."""
    versions = " ".join(metadata.version(name) for name in _LIBRARIES)
    digest = hashlib.sha256(f"{__version__} {versions}".encode())
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*")):
        if path.is_file() and path.suffix in {".py", ".js", ".css", ".gz", ".json", ".html"}:
            digest.update(path.relative_to(package).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _overview_fingerprint(entries: dict[str, dict[str, Any]], basis: str) -> str:
    digest = hashlib.sha256(basis.encode())
    for name in sorted(entries):
        digest.update(f"{name} {entries[name]['inputs']}".encode())
    return digest.hexdigest()


def _files_in(folder: Path) -> set[str]:
    try:
        return {entry.name for entry in os.scandir(folder) if entry.is_file()}
    except OSError:
        return set()


RACY_NS = 2_000_000_000
"""A file modified this close before the build that recorded it may have changed again
within the same tick of the file system's clock: its bytes are compared, not its state."""


def _up_to_date(path: Path, entry: Any, basis: str, assets: set[str], state: DataState) -> bool:
    """Whether ``path`` is the map ``entry`` of the manifest records, untouched, made on
    the same ``basis`` from files that did not change since (``state``: the data folder's
    files now), with every file of ``assets/`` it loads there (``assets``: the names
    there)."""
    if not isinstance(entry, dict) or entry.get("basis") != basis or not _entry_ok(entry):
        return False
    try:
        if not _map_untouched(path, entry, assets):
            return False
        recorded = entry["files"]
        own = state.folders.get(os.path.join(state.articles, path.name.removesuffix(".html")))
        if own is None or not set(own) <= {item[0] for item in recorded}:
            return False  # the article's folder is gone, or holds a file it did not
        for name, size, mtime_ns in recorded:
            if state.files.get(name) != (size, mtime_ns):
                return False
        checked_ns = entry.get("checked_ns")
        if type(checked_ns) is not int or any(m >= checked_ns - RACY_NS for _, _, m in recorded):
            paths = [Path(name) for name, _, _ in recorded]
            return bool(inputs_fingerprint(paths, basis) == entry["inputs"])
        return True
    except (TypeError, ValueError, IndexError, KeyError):  # a corrupt record: render again
        return False


def _entry_ok(entry: dict[str, Any]) -> bool:
    """Whether a manifest's record of an article map has the parts a build uses without
    checking them again (its files are checked as they are compared)."""
    warnings, summary = entry.get("warnings"), entry.get("summary")
    return (
        isinstance(entry.get("inputs"), str)
        and isinstance(entry.get("files"), list)
        and isinstance(warnings, dict)
        and all(
            isinstance(warnings.get(kind), list)
            and all(type(w) is list and len(w) == 4 for w in warnings[kind])
            for kind in ("read", "links", "drafts")
        )
        and isinstance(summary, dict)
        and _counts_ok(summary.get("verdicts"))
        and isinstance(summary.get("claims"), list)
        and isinstance(summary.get("uses"), list)
        and _quotes_ok(summary.get("quotes"), entry.get("assets"))
    )


_QUOTES_FILE = re.compile(rf"{ASSETS_FOLDER}/(quotes\.[0-9a-f]{{16}}\.js)")


def _quotes_ok(path: Any, assets: Any) -> bool:
    """A summary's quotes file (which the overview loads as a script) is none, or one of
    the files of ``assets/`` its record lists, named as this tool names them."""
    if path is None:
        return True
    match = _QUOTES_FILE.fullmatch(path) if isinstance(path, str) else None
    return bool(match and isinstance(assets, list) and match.group(1) in assets)


def _map_untouched(path: Path, entry: dict[str, Any], assets: set[str]) -> bool:
    loads = entry.get("assets", [])
    if not isinstance(loads, list) or not set(loads) <= assets:
        return False
    try:
        stat = path.stat()
    except OSError:
        return False
    return bool(entry.get("size") == stat.st_size and entry.get("mtime_ns") == stat.st_mtime_ns)


def _up_to_date_overview(path: Path, entry: Any, inputs: str, assets: set[str]) -> bool:
    try:
        return (
            isinstance(entry, dict)
            and entry.get("inputs") == inputs
            and _map_untouched(path, entry, assets)
        )
    except TypeError:  # a corrupt record: render again
        return False


def _read_manifest(out_dir: Path) -> dict[str, Any]:
    """The manifest's maps (name → entry); empty when it is missing or cannot be trusted,
    so that every map is rendered."""
    try:
        text = manifest_path(out_dir).read_bytes()
    except OSError:
        return {}
    try:
        document = orjson.loads(text)
    except orjson.JSONDecodeError:
        try:  # what orjson refuses although it is JSON (see DataReader.json)
            document = json.loads(text)
        except (ValueError, RecursionError):
            return {}
    if not isinstance(document, dict) or document.get("format") != _MANIFEST_FORMAT:
        return {}
    maps = document.get("maps")
    if not isinstance(maps, dict):
        return {}
    assets = document.get("assets")
    return {
        name: entry
        for name, entry in maps.items()
        if isinstance(entry, dict) and _plain_map_name(name)
    } | {"": {"data": document.get("data"), "assets": assets if isinstance(assets, dict) else {}}}


def _plain_map_name(name: str) -> bool:
    """A map's file name, as this tool writes them: no folder, no odd characters."""
    return name.endswith(".html") and len(name) > len(".html") and _plain_name(name)


def _plain_name(name: str) -> bool:
    """A file name with no folder and no odd characters, not hidden."""
    return bool(name) and "\x00" not in name and "/" not in name and not name.startswith(".")


def _counts_ok(value: Any) -> bool:
    return (
        isinstance(value, list)
        and len(value) == 3
        and all(isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in value)
    )


@dataclass
class DataState:
    """The files of a data folder, by absolute path, with their size and modification
    time; and the files of each folder."""

    files: dict[str, tuple[int, int]]
    folders: dict[str, list[str]]
    articles: str
    """The absolute path of the folder of article folders."""


def _data_state(data_dir: Path) -> DataState:
    """Every file of the data folder with its size and modification time."""
    root = os.path.abspath(data_dir)
    files: dict[str, tuple[int, int]] = {}
    folders: dict[str, list[str]] = {}
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        own = folders.setdefault(folder, [])
        for entry in entries:
            try:
                if entry.is_dir(follow_symlinks=False):
                    stack.append(entry.path)
                elif entry.is_file():
                    stat = entry.stat()
                    files[entry.path] = (stat.st_size, stat.st_mtime_ns)
                    own.append(entry.path)
            except OSError:
                continue
    return DataState(files, folders, os.path.join(root, ARTICLES_FOLDER))


def _write_manifest(
    out_dir: Path,
    entries: dict[str, dict[str, Any]],
    data_dir: Path,
    checked_ns: int,
    assets_written: set[str],
) -> None:
    maps: dict[str, dict[str, Any]] = {}
    for name, entry in sorted(entries.items()):
        try:
            stat = (out_dir / name).stat()
        except OSError:
            continue
        maps[name] = {**entry, "size": stat.st_size, "mtime_ns": stat.st_mtime_ns}
        if "files" in entry and "checked_ns" not in entry:
            # Recorded by this build, after it began. (A record kept from an earlier build
            # keeps its time, so a build that changed nothing writes the same manifest,
            # which is then left as it is.)
            maps[name]["checked_ns"] = checked_ns
    assets = {}
    # Listed even when the maps' records are dropped, so a later build can remove them.
    for name in sorted(assets_written):
        with contextlib.suppress(OSError):
            assets[name] = (out_dir / ASSETS_FOLDER / name).stat().st_size
    document = {
        "format": _MANIFEST_FORMAT,
        "data": os.fsdecode(data_dir.resolve()),
        "maps": maps,
        "assets": assets,
    }
    # Without a cache folder the next build renders every map again; nothing worse.
    with contextlib.suppress(OSError):
        try:
            text = orjson.dumps(document)
        except TypeError:  # a path that is not UTF-8: escaped as the standard library does
            text = json.dumps(document).encode("ascii")
        write_atomic(manifest_path(out_dir), text)


def _remove_maps_of_gone_articles(
    out_dir: Path, manifest: dict[str, Any], inputs: set[str], data_dir: Path
) -> list[Path]:
    """Remove the maps an earlier build of the same data folder made (its manifest says
    so, and each file is as that build left it) whose article the data no longer holds.
    A map this tool did not make, or made from other data, is never removed."""
    if manifest.get("", {}).get("data") != os.fsdecode(data_dir.resolve()):
        return []
    gone = []
    for name in sorted(manifest):
        if not name or name in inputs:
            continue
        path = out_dir / name
        entry = manifest[name]
        try:
            stat = path.stat()
            if (stat.st_size, stat.st_mtime_ns) != (entry.get("size"), entry.get("mtime_ns")):
                continue
            with path.open("rb") as handle:
                mine = MAP_SIGNATURE in handle.read(4096)
            if mine:
                path.unlink()
                gone.append(path)
        except OSError:
            continue
    return gone


def _remove_unused_assets(
    assets_dir: Path, manifest: dict[str, Any], needed: set[str], out_dir: Path, built: set[str]
) -> list[Path]:
    """Remove the files of ``assets/`` an earlier build wrote (its manifest lists them,
    at the size it wrote) that no map loads any more: neither a map of this build
    (``built``) nor one an earlier build made that is still there. And the folder, once
    empty."""
    kept = set(needed)
    for name, entry in manifest.items():
        if name and name not in built and isinstance(entry, dict) and (out_dir / name).exists():
            loads = entry.get("assets")
            if isinstance(loads, list):
                kept.update(n for n in loads if isinstance(n, str))
    gone = []
    for name, size in sorted(manifest.get("", {}).get("assets", {}).items()):
        if name in kept or not isinstance(name, str) or not _plain_name(name):
            continue
        path = assets_dir / name
        with contextlib.suppress(OSError):
            if path.stat().st_size == size:
                path.unlink()
                gone.append(path)
    if gone and not kept:
        with contextlib.suppress(OSError):
            assets_dir.rmdir()
    return gone


@contextmanager
def _interruptions_held() -> Iterator[None]:
    """Ignore Ctrl-C (SIGINT) while maps are put in place, so an interruption never leaves
    a mix of old and new maps: once the renames (milliseconds) have begun, the build ends
    as it would have, every map replaced and listed.

    Masking the signal would not do: the kernel hands it to any thread that does not mask
    it (numerical libraries start their own). Outside the main thread, where handlers
    cannot be set, this does nothing.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        # A handler set outside Python reads as None; the default one stands in for it.
        signal.signal(signal.SIGINT, signal.default_int_handler if previous is None else previous)


def _maps_of_no_article(out_dir: Path, built: set[str]) -> list[Problem]:
    """Maps this tool made in ``out_dir`` that the data no longer has an article for.

    They are reported, not removed: the folder may hold maps built from other data.
    """
    found = []
    try:
        names = sorted(
            e.name for e in os.scandir(out_dir) if e.name.endswith(".html") and e.name not in built
        )
    except OSError:
        names = []
    for path in (out_dir / name for name in names):
        try:
            with path.open("rb") as handle:
                head = handle.read(4096)
        except OSError:
            continue
        if MAP_SIGNATURE in head:
            found.append(
                Problem(
                    str(path),
                    "-",
                    "-",
                    "is a map of no article of the data (left as it is; remove it if the "
                    "article is gone)",
                )
            )
    return found
