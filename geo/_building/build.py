"""Building every map of a data folder."""

from __future__ import annotations

import contextlib
import hashlib
import multiprocessing
import os
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

from geo import __version__
from geo._building.manifest import (
    RACY_NS,
    WARNING_KINDS,
    DataState,
    FileState,
    Manifest,
    data_state,
    file_state,
    file_states,
    part_digest,
    read_manifest,
    warnings_ok,
    write_manifest,
)
from geo._building.pipeline import (
    ArticleOutcome,
    BuildContext,
    cached_world,
    inputs_fingerprint,
    process_article,
)
from geo._checks.validate import load_dataset
from geo._loading.articles import ARTICLES_FOLDER, article_names
from geo._loading.fileio import TEMP_PREFIX, commit_file, remove_stale_temp_files, stage_file
from geo._loading.schema import is_iso_date
from geo._rendering.overview import (
    OVERVIEW_FILE,
    QUOTES_FILE,
    checked_part,
    part_of,
    part_payload,
    render_parts,
)
from geo._rendering.page import ASSETS_FOLDER, LAYOUTS, MAP_SIGNATURE, SharedAssets
from geo.errors import DataError, Problem, WriteError


@dataclass(frozen=True)
class BuiltMap:
    """One map written (or found up to date) by :func:`build_maps`: ``name`` in
    ``folder``."""

    folder: Path
    name: str
    changed: bool

    @property
    def path(self) -> Path:
        return self.folder / self.name


@dataclass(frozen=True)
class BuildResult:
    """The maps :func:`build_maps` wrote and the warnings about the data."""

    maps: list[BuiltMap]
    warnings: list[Problem]
    removed: list[Path] = field(default_factory=list)
    """Maps of articles the data no longer holds, which an earlier build made."""


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
    before = data_state(data_dir)
    code = code_fingerprint()
    articles = article_names(data_dir)
    world = cached_world(data_dir, before, code, fresh=force, overview=len(articles) > 1)
    if world.problems or not articles:
        _raise_data_problems(data_dir, world.problems, world.warnings)
    layout = layout or world.dataset.settings.layout
    if layout not in LAYOUTS:
        raise ValueError(f"layout must be one of {', '.join(LAYOUTS)}, not {layout!r}")
    assets_dir = out_dir / ASSETS_FOLDER
    created = [folder for folder in (out_dir, assets_dir) if not folder.exists()]
    remove_stale_temp_files(out_dir)
    remove_stale_temp_files(assets_dir)
    tag = f"{os.getpid()}-{secrets.token_hex(4)}."
    manifest = read_manifest(out_dir)
    # Quotes go to files of their own only for an overview to load (shared, 2+ articles).
    quotes = layout == "shared" and len(articles) > 1
    basis = f"{code} {layout} {world.fingerprint}{' quotes' if quotes else ''}"
    present = _files_in(assets_dir)
    maps_before = file_states(out_dir, ".html")
    started_ns = time.time_ns()
    members: dict[int, list[str]] = {}
    for article in articles:
        members.setdefault(part_of(article), []).append(f"{article}.html")
    # Parts whose files and maps are as the index recorded them are kept whole, their
    # records never read. The records of the others say which of their maps to render.
    kept: dict[int, str] = {}
    facts: dict[int, dict[str, Any]] = {}
    unread: set[str] = set()
    earlier: dict[str, dict[str, Any]] = {}  # records read, of maps that may be gone
    outcomes: dict[str, ArticleOutcome] = {}
    todo: list[Path] = []
    for part in sorted(set(members) | set(manifest.parts)):
        record = manifest.parts.get(part)
        names = members.get(part, [])
        if (
            not force
            and record is not None
            and _part_unchanged(record, names, basis, before, maps_before, present)
        ):
            text = manifest.part_text(part)
            found = None
            if text is not None and hashlib.sha256(text).hexdigest() == record["text"]:
                found = checked_part(text, world.dataset.places, quotes)
            if found is not None:
                kept[part], facts[part] = found
                continue
        entries = manifest.maps_of(part)
        earlier.update(entries)
        if record is not None and not set(record["maps"]) <= set(entries):
            # Records that cannot be read: the assets their maps load are kept, should
            # those maps stay (an article gone, its map edited by hand).
            unread.update(record["assets"])
        for name in names:
            entry = None if force else entries.get(name)
            if _up_to_date(out_dir / name, entry, basis, present, before):
                assert entry is not None
                outcomes[name] = ArticleOutcome(name, entry=entry)
            else:
                todo.append(_folder_of(data_dir, name))
    todo.sort()
    staged: list[tuple[Path, Path | None]] = []
    replaced: list[str] = []
    files = SharedAssets() if layout == "shared" else None
    path = out_dir
    finished = False
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
        problems = [p for name in sorted(outcomes) for p in outcomes[name].problems]
        if problems:
            _raise_data_problems(data_dir, problems, world.warnings)
        texts = dict(kept)
        for part in sorted(set(members) - set(kept)):
            summaries = [outcomes[name].entry["summary"] for name in members[part]]
            texts[part], facts[part] = part_payload(summaries)
        needed = {name for part in kept for name in manifest.parts[part]["assets"]}
        needed.update(name for o in outcomes.values() for name in o.entry.get("assets", []))
        overview = manifest.overview
        if len(articles) > 1:
            path = out_dir / OVERVIEW_FILE
            inputs = _overview_fingerprint(texts, basis)
            if todo or not _up_to_date_overview(path, overview, inputs, present):
                if files:
                    files.recent.clear()
                parts = [(part, texts[part], facts[part]) for part in sorted(texts)]
                page = render_parts(parts, world.dataset, files, world.overview_basemap)
                staged.append((path, stage_file(path, page.encode("utf-8"), tag)))
                loads = list(dict.fromkeys(files.recent)) if files else []
                overview = {"inputs": inputs, "assets": loads}
            assert overview is not None
            needed.update(overview["assets"])
        else:
            overview = None
        # The shared files go in place before the maps that load them.
        for name in sorted(needed & set(files.files if files else ())):
            path = assets_dir / name
            staged.insert(0, (path, stage_file(path, files.files[name], tag) if files else None))
        with _interruptions_held():
            for path, temporary in staged:
                if temporary is not None:
                    commit_file(temporary, path)
                    replaced.append(path.name)
            built = {name for names in members.values() for name in names}
            if overview is not None:
                built.add(OVERVIEW_FILE)
            if manifest.overview is not None:
                earlier[OVERVIEW_FILE] = manifest.overview
            same_data = manifest.data == os.fsdecode(data_dir.resolve())
            gone = _remove_maps_of_gone_articles(out_dir, earlier, built, same_data)
            gone += _remove_unused_assets(
                assets_dir, manifest.assets, earlier, needed | unread, out_dir, built
            )
            _record_build(
                manifest,
                data_dir,
                before,
                started_ns,
                basis,
                members,
                kept,
                outcomes,
                texts,
                overview,
                needed,
                files.files if files else {},
            )
        finished = True
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
        if not finished or dask is not None or len(todo) >= _PARALLEL_FROM:
            for folder in (out_dir, assets_dir):
                for leftover in folder.glob(f"{TEMP_PREFIX}*.{tag}*.tmp"):
                    leftover.unlink(missing_ok=True)
        # A build that failed leaves no folder it made (while the folder stays empty).
        if not replaced:
            for folder in reversed(created):
                with contextlib.suppress(OSError):
                    folder.rmdir()
    rendered = {p.name for p, temporary in staged if p.parent == out_dir and temporary}
    written = [BuiltMap(out_dir, name, name in rendered) for name in sorted(built)]
    warnings = list(world.warnings)
    recorded = {part: manifest.parts[part]["warnings"] for part in kept}
    for kind in WARNING_KINDS:
        for article in articles:
            name = f"{article}.html"
            if name in outcomes:
                found = outcomes[name].entry["warnings"]
            else:
                found = recorded[part_of(article)].get(name)
            if found:
                warnings.extend(Problem(*w) for w in found[kind])
    gone_names = {path.name for path in gone if path.parent == out_dir}
    others = sorted(set(maps_before) - built - gone_names)
    warnings += _maps_of_no_article(out_dir, others)
    return BuildResult(written, warnings, gone)


def _folder_of(data_dir: Path, name: str) -> Path:
    return data_dir / ARTICLES_FOLDER / name.removesuffix(".html")


def _part_unchanged(
    record: dict[str, Any],
    names: list[str],
    basis: str,
    state: DataState,
    maps: dict[str, tuple[int, int]],
    assets: set[str],
) -> bool:
    """Whether the maps ``names`` of a part are as the index's ``record`` of it says,
    made on ``basis`` from files that did not change since (``state``), untouched
    (``maps``: the maps' states now), with every file of ``assets/`` they load there."""
    if not record["settled"] or not names or record["maps"] != names:
        return False
    if not set(record["assets"]) <= assets:
        return False
    digest, _ = part_digest(basis, names, record["places"], state, maps)
    return bool(digest == record["digest"])


def _record_build(
    manifest: Manifest,
    data_dir: Path,
    before: DataState,
    started_ns: int,
    basis: str,
    members: dict[int, list[str]],
    kept: dict[int, str],
    outcomes: dict[str, ArticleOutcome],
    texts: dict[int, str],
    overview: dict[str, Any] | None,
    needed: set[str],
    contents: dict[str, bytes],
) -> None:
    """Write the manifest of this build: the index, and the records of the parts it
    read. A file this build read that changed meanwhile means the next build trusts
    nothing and renders every map again."""
    out_dir = manifest.out_dir
    maps_now: dict[str, tuple[int, int]] = {}
    recorded = [name for part, names in members.items() if part not in kept for name in names]
    for name in [OVERVIEW_FILE, *recorded]:
        with contextlib.suppress(OSError):
            stat = (out_dir / name).stat()
            maps_now[name] = (stat.st_size, stat.st_mtime_ns)
    read = [item[0] for o in outcomes.values() if o.rendered for item in o.entry["files"]]
    articles = before.articles + os.sep
    read += [name for name in before.files if not name.startswith(articles)]
    trusted = all(_state_now(name) == before.files.get(name) for name in read)
    parts: dict[int, dict[str, Any]] = {}
    written: dict[int, tuple[dict[str, dict[str, Any]], str]] = {}
    for part, names in sorted(members.items()):
        if part in kept:
            parts[part] = manifest.parts[part]
            continue
        maps: dict[str, dict[str, Any]] = {}
        places: set[str] = set()
        for name in names:
            entry = outcomes[name].entry
            state = maps_now.get(name)
            if state is None:
                continue
            maps[name] = {**entry, "size": state[0], "mtime_ns": state[1]}
            if "checked_ns" not in entry:
                # Recorded by this build, after it began. (A record kept from an earlier
                # build keeps its time, so a build that changed nothing writes the same
                # manifest.)
                maps[name]["checked_ns"] = started_ns
            own = before.article_files(name)
            places.update(item[0] for item in entry["files"] if item[0] not in own)
        digest, newest = part_digest(basis, names, sorted(places), before, maps_now)
        loads = {asset for name in names for asset in outcomes[name].entry.get("assets", [])}
        parts[part] = {
            "digest": digest,
            "settled": newest < started_ns - RACY_NS and len(maps) == len(names),
            "places": sorted(places),
            "maps": names,
            "assets": sorted(loads),
            "warnings": {
                name: outcomes[name].entry["warnings"]
                for name in names
                if any(outcomes[name].entry["warnings"].values())
            },
            "text": hashlib.sha256(texts[part].encode("utf-8")).hexdigest(),
        }
        written[part] = (maps, texts[part])
    if overview is not None:
        state = maps_now.get(OVERVIEW_FILE)
        overview = {**overview, "size": state[0], "mtime_ns": state[1]} if state else None
    # Listed even when the maps' records are dropped, so a later build can remove them.
    assets = {}
    for name in sorted(needed):
        if name in contents:
            assets[name] = len(contents[name])
        elif name in manifest.assets:
            assets[name] = manifest.assets[name]
        else:
            with contextlib.suppress(OSError):
                assets[name] = (out_dir / ASSETS_FOLDER / name).stat().st_size
    document = Manifest(out_dir, os.fsdecode(data_dir.resolve()), assets, {}, None)
    if trusted:
        document.parts, document.overview = parts, overview
    write_manifest(document, document.parts, written if trusted else {})


def _state_now(path: str) -> FileState | None:
    try:
        return file_state(os.stat(path))
    except OSError:
        return None


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
        from geo._building.cluster import process_on_cluster

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
    package = Path(__file__).resolve().parent.parent
    for path in sorted(package.rglob("*")):
        if path.is_file() and path.suffix in {".py", ".js", ".css", ".gz", ".json", ".html"}:
            digest.update(path.relative_to(package).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _overview_fingerprint(texts: dict[int, str], basis: str) -> str:
    digest = hashlib.sha256(basis.encode())
    for part in sorted(texts):
        digest.update(f"\n{part}\n{texts[part]}".encode())
    return digest.hexdigest()


def _files_in(folder: Path) -> set[str]:
    try:
        return {entry.name for entry in os.scandir(folder) if entry.is_file()}
    except OSError:
        return set()


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
        for name, *known in recorded:
            if list(state.files.get(name, ())) != known:
                return False
        checked_ns = entry.get("checked_ns")
        if type(checked_ns) is not int or any(item[3] >= checked_ns - RACY_NS for item in recorded):
            paths = [Path(item[0]) for item in recorded]
            return bool(inputs_fingerprint(paths, basis) == entry["inputs"])
        return True
    except (TypeError, ValueError, IndexError, KeyError):  # a corrupt record: render again
        return False


def _entry_ok(entry: dict[str, Any]) -> bool:
    """Whether a manifest's record of an article map has the parts a build uses without
    checking them again (its files are checked as they are compared)."""
    summary = entry.get("summary")
    return (
        isinstance(entry.get("inputs"), str)
        and isinstance(entry.get("files"), list)
        and warnings_ok(entry.get("warnings"))
        and isinstance(summary, dict)
        and _summary_ok(summary)
        and _quotes_ok(summary.get("quotes"), entry.get("assets"))
    )


def _summary_ok(summary: dict[str, Any]) -> bool:
    """Whether a recorded summary (:func:`geo._rendering.overview.article_summary`) is one."""
    claims, uses = summary.get("claims"), summary.get("uses")
    return (
        all(isinstance(summary.get(key), str) for key in ("id", "headline", "publisher"))
        and is_iso_date(summary.get("published"))
        and _counts_ok(summary.get("verdicts"))
        and isinstance(uses, list)
        and all(isinstance(place, str) for place in uses)
        and isinstance(claims, list)
        and all(
            type(claim) is list
            and len(claim) == 6
            and all(isinstance(value, str) for value in claim[:3])
            and all(value is None or isinstance(value, str) for value in claim[3:5])
            and isinstance(claim[5], bool)
            for claim in claims
        )
    )


def _quotes_ok(path: Any, assets: Any) -> bool:
    """A summary's quotes file (which the overview loads as a script) is none, or one of
    the files of ``assets/`` its record lists, named as this tool names them."""
    if path is None:
        return True
    match = QUOTES_FILE.fullmatch(path) if isinstance(path, str) else None
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


def _counts_ok(value: Any) -> bool:
    return (
        isinstance(value, list)
        and len(value) == 3
        and all(isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in value)
    )


def _remove_maps_of_gone_articles(
    out_dir: Path, earlier: dict[str, Any], built: set[str], same_data: bool
) -> list[Path]:
    """Remove the maps an earlier build of the same data folder made (``earlier``: its
    records of them, by name) that this build did not (``built``), each only if it is as
    that build left it. A map this tool did not make, or made from other data, is never
    removed."""
    if not same_data:
        return []
    gone = []
    for name in sorted(earlier):
        if name in built:
            continue
        path = out_dir / name
        entry = earlier[name]
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
    assets_dir: Path,
    written: dict[str, int],
    earlier: dict[str, Any],
    needed: set[str],
    out_dir: Path,
    built: set[str],
) -> list[Path]:
    """Remove the files of ``assets/`` an earlier build wrote (``written``: their names
    and the sizes it wrote) that no map loads any more: neither a map of this build
    (``built``, loading ``needed``) nor one an earlier build made that is still there
    (``earlier``: the records read of those maps). And the folder, once empty."""
    kept = set(needed)
    for name, entry in earlier.items():
        if name not in built and (out_dir / name).exists():
            loads = entry.get("assets")
            if isinstance(loads, list):
                kept.update(n for n in loads if isinstance(n, str))
    gone = []
    for name in sorted(written.keys() - kept):
        size = written[name]
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


def _maps_of_no_article(out_dir: Path, names: list[str]) -> list[Problem]:
    """The maps among ``names`` (of ``out_dir``, of no article of the data) that this
    tool made.

    They are reported, not removed: the folder may hold maps built from other data.
    """
    found = []
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
