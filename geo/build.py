"""Building every map of a data folder."""

from __future__ import annotations

import contextlib
import hashlib
import json
import multiprocessing
import os
import secrets
import signal
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from geo import __version__
from geo.basemap import BASEMAP_FILE
from geo.errors import Problem, WriteError
from geo.factcheck import (
    seed_statement_entries,
    seed_verdict_counts,
    statement_entries,
    verdict_counts,
)
from geo.fileio import TEMP_PREFIX, commit_file, remove_stale_temp_files, stage_file, write_atomic
from geo.model import Article, Dataset
from geo.overview import OVERVIEW_FILE, render_overview
from geo.page import ASSETS_FOLDER, LAYOUTS, MAP_SIGNATURE, SharedAssets
from geo.places import referred_places
from geo.render import ArticleMaps
from geo.settings import SETTINGS_FILE
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


_MANIFEST_FORMAT = 1
Progress = Callable[[int, int], None]
"""Told (done, total) as maps are rendered: a terminal's progress bar."""


def build_maps(
    data_dir: Path,
    out_dir: Path,
    jobs: int = 1,
    force: bool = False,
    progress: Progress | None = None,
    layout: str | None = None,
) -> BuildResult:
    """Validate ``data_dir`` and write one map per article into ``out_dir``.

    The data is validated, then every map is rendered into a temporary file beside its
    target, and only when all are rendered are they put in place, each in one rename.
    Invalid data, or a map that fails to render or to be written, leaves every previous
    map untouched.

    A build is incremental: ``out_dir`` keeps a manifest of the inputs each map was made
    from (its article's files, the files of the places of its world, the basemap, the
    settings, and the code), and a map whose inputs and file did not change is not
    rendered again. The result is byte for byte that of a clean build. Maps of articles
    the data no longer holds, which an earlier build made, are removed.

    Parameters
    ----------
    data_dir, out_dir : Path
        The data folder, and the folder the maps go to.
    jobs : int
        Processes that render articles at once (1: in this process). The maps are the
        same bytes whatever the number.
    force : bool
        Render every map, whatever the manifest says.
    progress : callable, optional
        Called with (maps done, maps to do) as rendering goes on.
    layout : {"standalone", "shared"}, optional
        Each map one file with everything inlined, or maps sharing their common files
        (scripts, styles, basemap, large shapes) in ``out_dir/assets/``, content-hashed.
        By default, the data folder's ``settings.json`` says, else ``standalone``.

    Raises
    ------
    DataError
        When the data is invalid (nothing is written).
    WriteError
        When a map cannot be written: it says which maps, if any, were already replaced
        (only a failure while renaming, after every map was written, can leave some).
    """
    before = _data_state(data_dir)
    dataset = load_dataset(data_dir)
    layout = layout or dataset.settings.layout
    if layout not in LAYOUTS:
        raise ValueError(f"layout must be one of {', '.join(LAYOUTS)}, not {layout!r}")
    assets_dir = out_dir / ASSETS_FOLDER
    remove_stale_temp_files(out_dir)
    remove_stale_temp_files(assets_dir)
    tag = f"{os.getpid()}-{secrets.token_hex(4)}."
    manifest = {} if force else _read_manifest(out_dir)
    code = f"{code_fingerprint()} {layout}"
    shared = _shared_fingerprint(dataset)
    inputs = {
        f"{article.id}.html": _article_fingerprint(dataset, article, code, shared)
        for article in dataset.articles
    }
    present = _files_in(assets_dir)
    assets_of: dict[str, tuple[str, ...]] = {}
    todo = []
    for article in dataset.articles:
        name = f"{article.id}.html"
        if not _up_to_date(out_dir / name, inputs[name], manifest, present):
            todo.append(article)
            continue
        assets_of[name] = tuple(manifest[name].get("assets", ()))
        if _counts_ok(manifest[name].get("verdicts")):
            seed_verdict_counts(dataset, article, manifest[name]["verdicts"])
    staged: list[tuple[Path, Path | None]] = []
    replaced: list[str] = []
    files = SharedAssets() if layout == "shared" else None
    path = out_dir
    try:
        _render(dataset, todo, out_dir, jobs, progress, staged, tag, files, assets_of)
        if len(dataset.articles) > 1:
            path = out_dir / OVERVIEW_FILE
            overview_inputs = _overview_fingerprint(inputs, code)
            inputs[OVERVIEW_FILE] = overview_inputs
            if todo or not _up_to_date(path, overview_inputs, manifest, present):
                if files:
                    files.recent.clear()
                overview = render_overview(dataset, files).encode("utf-8")
                staged.append((path, stage_file(path, overview, tag)))
                assets_of[OVERVIEW_FILE] = tuple(dict.fromkeys(files.recent)) if files else ()
            else:
                assets_of[OVERVIEW_FILE] = tuple(manifest[OVERVIEW_FILE].get("assets", ()))
        # The shared files go in place before the maps that load them.
        needed = {name for names in assets_of.values() for name in names}
        for name in sorted(needed & set(files.files if files else ())):
            path = assets_dir / name
            staged.insert(0, (path, stage_file(path, files.files[name], tag) if files else None))
        with _interruptions_held():
            for path, temporary in staged:
                if temporary is not None:
                    commit_file(temporary, path)
                    replaced.append(path.name)
            gone = _remove_maps_of_gone_articles(out_dir, manifest, inputs, data_dir)
            gone += _remove_unused_assets(assets_dir, manifest, needed)
            # A file saved while the data was read may not be in the maps: then the next
            # build trusts nothing and renders every map again.
            unchanged = _data_state(data_dir) == before
            _write_manifest(
                out_dir, inputs if unchanged else {}, _counts(dataset), data_dir, assets_of
            )
    except OSError as exc:
        # The map being written, not its temporary file, unless the folder itself failed.
        failed = Path(os.fsdecode(exc.filename)) if exc.filename else path
        where = path if failed.name.startswith(TEMP_PREFIX) else failed
        raise WriteError(where.as_posix(), exc.strerror or str(exc), replaced) from exc
    finally:
        for _, temporary in staged:
            if temporary is not None:
                temporary.unlink(missing_ok=True)
        # Workers may have staged maps never collected (an interruption, another's error).
        for folder in (out_dir, assets_dir):
            for leftover in folder.glob(f"{TEMP_PREFIX}*.{tag}*.tmp"):
                leftover.unlink(missing_ok=True)
    rendered = {p.name for p, _ in staged if p.parent == out_dir}
    written = sorted(
        [BuiltMap(p, temporary is not None) for p, temporary in staged if p.parent == out_dir]
        + [BuiltMap(out_dir / name, False) for name in inputs if name not in rendered],
        key=lambda item: item.path.name,
    )
    warnings = list(dataset.warnings) + _maps_of_no_article(out_dir, set(inputs))
    return BuildResult(written, warnings, gone)


def available_cores() -> int:
    """The processor cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


_PARALLEL_FROM = 8
"""Fewer articles than this are rendered in this process: starting workers costs more."""
_WORKER_MAPS: ArticleMaps | None = None
"""The maps a forked worker renders (set before the workers start, inherited by them)."""


def _render(
    dataset: Dataset,
    articles: list[Article],
    out_dir: Path,
    jobs: int,
    progress: Progress | None,
    staged: list[tuple[Path, Path | None]],
    tag: str = "",
    files: SharedAssets | None = None,
    assets_of: dict[str, tuple[str, ...]] | None = None,
) -> None:
    """Render ``articles`` into temporary files beside their maps, in ``jobs`` processes,
    adding each to ``staged`` as soon as it is written (so a failure can clear them).

    In the shared layout, the files of ``assets/`` the maps load are registered in
    ``files`` and listed, map by map, in ``assets_of``.
    """
    global _WORKER_MAPS
    total = len(articles)
    fork = "fork" in multiprocessing.get_all_start_methods()
    assets_of = {} if assets_of is None else assets_of
    if jobs <= 1 or total < _PARALLEL_FROM or not fork:
        maps = ArticleMaps(dataset, files)
        for done, article in enumerate(articles, start=1):
            path = out_dir / f"{article.id}.html"
            temporary, assets_of[path.name] = _stage_map(path, maps, article, tag)
            staged.append((path, temporary))
            if progress is not None:
                progress(done, total)
        return
    # Each worker registers the shared files in its own copy, and sends each one once.
    _WORKER_MAPS = ArticleMaps(dataset, SharedAssets() if files is not None else None)
    context = multiprocessing.get_context("fork")
    indexes = {article.id: i for i, article in enumerate(dataset.articles)}
    try:
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
            chunks = max(1, min(32, total // (jobs * 4)))
            results = pool.map(
                _render_in_worker,
                [indexes[a.id] for a in articles],
                [out_dir] * total,
                [tag] * total,
                chunksize=chunks,
            )
            for done, result in enumerate(results, start=1):
                path, temporary, entries, article_id, names, new_files = result
                staged.append((path, temporary))
                assets_of[path.name] = names
                if files is not None:
                    for name, content in new_files.items():
                        files.files.setdefault(name, content)
                seed_statement_entries(dataset, dataset.articles[indexes[article_id]], entries)
                if progress is not None:
                    progress(done, total)
    finally:
        _WORKER_MAPS = None


_WorkerResult = tuple[
    Path, Path | None, dict[str, list[dict[str, Any]]], str, tuple[str, ...], dict[str, bytes]
]


def _render_in_worker(index: int, out_dir: Path, tag: str) -> _WorkerResult:
    maps = _WORKER_MAPS
    assert maps is not None, "workers are forked after the maps are set"
    article = maps.dataset.articles[index]
    path = out_dir / f"{article.id}.html"
    temporary, names = _stage_map(path, maps, article, tag)
    new_files = maps.shared.take_new() if maps.shared else {}
    # The fact-check's verdicts go back with the map: the overview counts them.
    entries = statement_entries(maps.dataset, article)
    return path, temporary, entries, article.id, names, new_files


def _stage_map(
    path: Path, maps: ArticleMaps, article: Article, tag: str
) -> tuple[Path | None, tuple[str, ...]]:
    """Render ``article``'s map into a temporary file beside ``path`` (see
    :func:`stage_file`); return it and the files of ``assets/`` the map loads. An error
    names the map rather than its temporary file."""
    try:
        rendered = maps.render_map(article)
        return stage_file(path, rendered.html, tag), rendered.assets
    except OSError as exc:
        if not exc.filename or Path(os.fsdecode(exc.filename)).name.startswith(TEMP_PREFIX):
            exc.filename = os.fspath(path)
        raise


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


def _shared_fingerprint(dataset: Dataset) -> str:
    """A hash of what every map of the data folder uses: the basemap, the settings, and
    the names of all places (a longer name anywhere decides whether a shorter one stands
    on its own in a sentence: "South Sudan" is not "Sudan")."""
    digest = hashlib.sha256()
    for place_id in sorted(dataset.places):
        place = dataset.places[place_id]
        digest.update(json.dumps([place_id, place.name, place.aliases]).encode())
    for name in (BASEMAP_FILE, Path(SETTINGS_FILE)):
        path = dataset.root / name
        digest.update(name.as_posix().encode())
        digest.update(path.read_bytes() if path.is_file() else b"-")
    return digest.hexdigest()


def _article_fingerprint(dataset: Dataset, article: Article, code: str, shared: str) -> str:
    """A hash of everything ``article``'s map is made from."""
    digest = hashlib.sha256(f"{code} {shared}".encode())
    for path in sorted(article.folder.iterdir()):
        if path.is_file():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    wanted = [p for claim in article.claims for p in claim.places] + list(article.context_places)
    for place_id in sorted(referred_places(dataset.places, wanted)):
        digest.update(place_id.encode())
        digest.update(_file_bytes(_place_path(dataset.root, dataset.places[place_id].file)))
    return digest.hexdigest()


def _place_path(root: Path, shown: str) -> Path:
    """The file a place was read from (:class:`~geo.model.Place` keeps it as messages show
    it: relative to the data folder's parent)."""
    return Path(os.path.dirname(os.path.abspath(root))) / shown


def _file_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b"-"


def _overview_fingerprint(inputs: dict[str, str], code: str) -> str:
    digest = hashlib.sha256(code.encode())
    for name in sorted(inputs):
        digest.update(f"{name} {inputs[name]}".encode())
    return digest.hexdigest()


def _files_in(folder: Path) -> set[str]:
    try:
        return {entry.name for entry in os.scandir(folder) if entry.is_file()}
    except OSError:
        return set()


def _up_to_date(path: Path, inputs: str, manifest: dict[str, Any], assets: set[str]) -> bool:
    """Whether ``path`` is the map the manifest says it made from these inputs, untouched,
    with every file of ``assets/`` it loads there (``assets``: the names there)."""
    entry = manifest.get(path.name)
    if not isinstance(entry, dict) or entry.get("inputs") != inputs:
        return False
    loads = entry.get("assets", [])
    if not isinstance(loads, list) or not all(
        isinstance(name, str) and name in assets and _plain_name(name) for name in loads
    ):
        return False
    try:
        stat = path.stat()
    except OSError:
        return False
    return bool(entry.get("size") == stat.st_size and entry.get("mtime_ns") == stat.st_mtime_ns)


def _read_manifest(out_dir: Path) -> dict[str, Any]:
    """The manifest's maps (name → entry); empty when it is missing or cannot be trusted,
    so that every map is rendered."""
    try:
        document = json.loads(manifest_path(out_dir).read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
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
    return "\x00" not in name and name == Path(name).name and not name.startswith(".")


def _counts_ok(value: Any) -> bool:
    return (
        isinstance(value, list)
        and len(value) == 3
        and all(isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in value)
    )


def _data_state(data_dir: Path) -> list[tuple[str, int, int]]:
    """Every file of the data folder with its size and modification time."""
    state = []
    for path in sorted(data_dir.rglob("*")):
        try:
            stat = path.stat()
        except OSError:
            continue
        if path.is_file():
            state.append((path.as_posix(), stat.st_size, stat.st_mtime_ns))
    return state


def _counts(dataset: Dataset) -> dict[str, list[int]]:
    """Each article's verdict counts (the overview shows them), for the manifest."""
    if len(dataset.articles) < 2:
        return {}  # no overview
    return {f"{a.id}.html": verdict_counts(dataset, a) for a in dataset.articles}


def _write_manifest(
    out_dir: Path,
    inputs: dict[str, str],
    counts: dict[str, list[int]],
    data_dir: Path,
    assets_of: dict[str, tuple[str, ...]],
) -> None:
    maps: dict[str, dict[str, Any]] = {}
    for name, fingerprint in sorted(inputs.items()):
        try:
            stat = (out_dir / name).stat()
        except OSError:
            continue
        maps[name] = {"inputs": fingerprint, "size": stat.st_size, "mtime_ns": stat.st_mtime_ns}
        if name in counts:
            maps[name]["verdicts"] = counts[name]
        if assets_of.get(name):
            maps[name]["assets"] = list(assets_of[name])
    assets = {}
    for name in sorted({n for names in assets_of.values() for n in names}):
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
        write_atomic(manifest_path(out_dir), json.dumps(document, indent=1).encode("utf-8"))


def _remove_maps_of_gone_articles(
    out_dir: Path, manifest: dict[str, Any], inputs: dict[str, str], data_dir: Path
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
    assets_dir: Path, manifest: dict[str, Any], needed: set[str]
) -> list[Path]:
    """Remove the files of ``assets/`` an earlier build wrote (its manifest lists them,
    at the size it wrote) that no map loads any more; and the folder, once empty."""
    gone = []
    for name, size in sorted(manifest.get("", {}).get("assets", {}).items()):
        if name in needed or not isinstance(name, str) or not _plain_name(name):
            continue
        path = assets_dir / name
        with contextlib.suppress(OSError):
            if path.stat().st_size == size:
                path.unlink()
                gone.append(path)
    if gone and not needed:
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
    for path in sorted(out_dir.glob("*.html")):
        if path.name in built:
            continue
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
