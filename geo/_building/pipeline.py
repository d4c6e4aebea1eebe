"""A build's work, article by article: what a worker process or a Dask worker runs.

A build reads the places, the basemap and the settings once (:func:`open_world`); then
each article is checked and rendered on its own (:func:`process_article`), in this
process, in forked workers, or on a Dask cluster, with the same result. What the
overview needs of an article is its
:func:`geo._rendering.overview.article_summary`, small and plain, so an incremental
build can keep it from an earlier build instead of reading the article again.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import pickle
import time
from dataclasses import dataclass, field
from pathlib import Path, PosixPath, PurePosixPath, PureWindowsPath, WindowsPath
from typing import Any

import shapely

from geo._building.manifest import RACY_NS, DataState, cache_folder, file_state
from geo._checks.claim_checks import (
    article_claim_problems,
    claim_place_problems,
    editor_link_warnings,
)
from geo._checks.factcheck import forget_article
from geo._checks.geometry import CheckedGeometry
from geo._checks.validate import checked_places, checked_surroundings, draft_warnings
from geo._loading.articles import claims_display_path, load_article
from geo._loading.basemap import BASEMAP_FILE
from geo._loading.fileio import TEMP_PREFIX, DataReader, stage_file, write_atomic
from geo._loading.places import referred_places
from geo._loading.settings import SETTINGS_FILE
from geo._rendering.overview import article_summary, coarse_basemap, quotes_apart
from geo._rendering.page import SharedAssets
from geo._rendering.render import ArticleMaps
from geo.errors import Problem
from geo.model import Article, Dataset, Place, Settings


@dataclass
class World:
    """What every article of a data folder is checked and drawn against.

    Attributes
    ----------
    dataset : Dataset
        The places, basemap and settings, with no articles (each is processed alone).
    broken_ids : set of str
        Ids of place files that failed to load (claims naming them are not reported again).
    problems, warnings : list of Problem
        What is wrong, or worth fixing, outside the articles.
    fingerprint : str
        A hash of what every map depends on besides its own article and places: every
        place's name and aliases (a longer name decides whether a shorter one stands on its
        own in a sentence), the basemap and the settings.
    """

    dataset: Dataset
    broken_ids: frozenset[str]
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    fingerprint: str = ""
    overview_basemap: list[CheckedGeometry] | None = None
    """The basemap as the overview draws it (:func:`geo._rendering.overview.coarse_basemap`), once
    :func:`cached_world` was asked for it."""


def open_world(root: Path) -> World:
    """Read and check the places, basemap and settings of the data folder ``root``."""
    reader = DataReader(root)
    loaded, problems = checked_places(reader)
    places = loaded.places
    basemap, settings, found = checked_surroundings(reader, places)
    problems.extend(found)
    dataset = Dataset(root=root, places=places, basemap=basemap, settings=settings)
    return World(
        dataset,
        frozenset(loaded.broken_ids),
        problems,
        list(reader.warnings),
        _world_fingerprint(root, places),
    )


def cached_world(
    root: Path, state: DataState, code: str, fresh: bool = False, overview: bool = False
) -> World:
    """:func:`open_world`, or the world an earlier build opened from the same files
    (``state``: the data folder's files now) with the same code (``code``: its hash),
    kept in the user's cache folder: reading and checking hundreds of places takes
    longer than the rest of a build that changed one article. ``fresh`` reads them
    again, whatever the cache holds; ``overview`` makes the overview's basemap too.

    A world with problems is not kept, nor one whose files changed so recently that
    they may change again unseen within the same tick of the file system's clock. The
    cache is read with :class:`_WorldUnpickler`, which builds nothing but a world.
    """
    where_from = f"{code}\n{os.fspath(root)}\n{os.path.abspath(root)}"
    digest = hashlib.sha256(where_from.encode("utf-8", "surrogateescape"))
    newest = 0
    for path in state.outside_articles():
        found = state.files[path]
        newest = max(newest, found[2])
        digest.update(f"\n{path} {found}".encode("utf-8", "surrogateescape"))
    key = digest.hexdigest().encode("ascii")
    folder_key = hashlib.sha256(os.fsencode(os.path.abspath(root))).hexdigest()[:32]
    where = cache_folder() / "worlds" / f"{folder_key}.pickle"
    if not fresh:
        # A cache that cannot be read, or holds anything else, is not used.
        with contextlib.suppress(Exception), where.open("rb") as handle:
            if handle.read(len(key)) == key:
                world = _WorldUnpickler(handle).load()
                if (
                    isinstance(world, World)
                    and world.dataset.root == root
                    and (
                        not overview
                        or world.dataset.basemap is None
                        or world.overview_basemap is not None
                    )
                ):
                    return world
    world = open_world(root)
    if overview and world.dataset.basemap is not None:
        world.overview_basemap = coarse_basemap(world.dataset.basemap)
    if not world.problems and newest < time.time_ns() - RACY_NS:
        with contextlib.suppress(OSError):
            write_atomic(where, key + pickle.dumps(world, protocol=5), durable=False)
    return world


class _WorldUnpickler(pickle.Unpickler):
    """Unpickles a :class:`World` and refuses every other global, so a cache file that
    someone else wrote cannot run code (see "Restricting Globals" in :mod:`pickle`)."""

    def find_class(self, module: str, name: str) -> Any:
        found = _WORLD_CLASSES.get((module, name))
        if found is None:
            raise pickle.UnpicklingError(f"{module}.{name} is not part of a world")
        return found


_WORLD_CLASSES: dict[tuple[str, str], Any] = {
    (kind.__module__, kind.__name__): kind
    for kind in (
        World,
        Dataset,
        Place,
        Settings,
        Problem,
        CheckedGeometry,
        PurePosixPath,
        PosixPath,
        PureWindowsPath,
        WindowsPath,
    )
}
_WORLD_CLASSES[("shapely.io", "from_wkb")] = shapely.from_wkb


def _world_fingerprint(root: Path, places: dict[str, Place]) -> str:
    digest = hashlib.sha256()
    for place_id in sorted(places):
        place = places[place_id]
        digest.update(json.dumps([place_id, place.name, place.aliases]).encode())
    for name in (BASEMAP_FILE, Path(SETTINGS_FILE)):
        path = root / name
        digest.update(name.as_posix().encode())
        try:
            digest.update(path.read_bytes())
        except OSError:  # missing or unreadable: load_basemap and load_settings say which
            digest.update(b"-")
    return digest.hexdigest()


@dataclass
class CheckedArticle:
    """An article as :func:`check_article` found it."""

    article: Article | None
    problems: list[Problem]
    read_warnings: list[Problem]
    link_warnings: list[Problem]
    draft_warnings: list[Problem]

    @property
    def warnings(self) -> list[Problem]:
        return self.read_warnings + self.link_warnings + self.draft_warnings


def check_article(world: World, folder: Path) -> CheckedArticle:
    """Load the article in ``folder`` and check it against the world's places: what
    :func:`geo._checks.validate.load_dataset` checks of one article."""
    reader = DataReader(world.dataset.root)
    article, problems = load_article(folder, reader)
    if article is None:
        return CheckedArticle(None, problems, list(reader.warnings), [], [])
    shown = {article.id: claims_display_path(article, reader)}
    complete = not any(p.file == shown[article.id] for p in problems)
    problems.extend(article_claim_problems(article, shown[article.id], check_coverage=complete))
    places = world.dataset.places
    problems.extend(claim_place_problems([article], places, world.broken_ids, shown))
    links = list(editor_link_warnings([article], places, shown))
    drafts = list(draft_warnings([article], shown))
    if not problems and any(c.unchecked or c.checks for c in article.claims):
        from geo._checks.factcheck import statement_problems

        alone = Dataset(root=world.dataset.root, places=places, articles=[article])
        problems.extend(
            Problem(shown[article_id], claim_id, where, message)
            for article_id, claim_id, where, message in statement_problems(alone)
        )
    return CheckedArticle(article, problems, list(reader.warnings), links, drafts)


def input_files(world: World, article: Article) -> list[Path]:
    """The files ``article``'s map is made from, by absolute path: its own, and those of
    its places."""
    folder = Path(os.path.abspath(article.folder))
    own = sorted(p for p in folder.iterdir() if p.is_file())
    wanted = [p for claim in article.claims for p in claim.places] + list(article.context_places)
    base = Path(os.path.dirname(os.path.abspath(world.dataset.root)))
    places = world.dataset.places
    files = sorted({base / places[p].file for p in referred_places(places, wanted)})
    return own + files


def file_stats(paths: list[Path]) -> list[list[Any]]:
    """Each file with its :data:`geo._building.manifest.FileState` (``-1`` for one that is gone)."""
    stats: list[list[Any]] = []
    for path in paths:
        try:
            stats.append([os.fsdecode(path), *file_state(path.stat())])
        except OSError:
            stats.append([os.fsdecode(path), -1, -1, -1, -1])
    return stats


def inputs_fingerprint(paths: list[Path], world_and_code: str) -> str:
    """A hash of the bytes of ``paths`` and of what every map depends on."""
    digest = hashlib.sha256(world_and_code.encode())
    for path in paths:
        digest.update(os.fsencode(path.name))
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"-")
    return digest.hexdigest()


@dataclass
class ArticleOutcome:
    """What the build learnt of one article: its problems, or its map and summary.

    ``entry`` is the article's record in the manifest (inputs, their file states, the
    warnings, the overview's summary, the files of ``assets/`` its map loads).
    """

    name: str
    problems: list[Problem] = field(default_factory=list)
    entry: dict[str, Any] = field(default_factory=dict)
    staged: Path | None = None
    html: bytes | None = None
    files: dict[str, bytes] = field(default_factory=dict)
    rendered: bool = False


@dataclass
class BuildContext:
    """What processing an article needs besides its folder (see :func:`process_article`)."""

    world: World
    out_dir: Path
    tag: str
    basis: str
    files: SharedAssets | None
    maps: ArticleMaps | None = None
    quotes: bool = False
    """Whether each article's quotes go to a file of ``assets/`` (for the overview)."""

    def article_maps(self) -> ArticleMaps:
        if self.maps is None:
            shared = SharedAssets() if self.files is not None else None
            self.maps = ArticleMaps(self.world.dataset, shared)
        return self.maps


def process_article(context: BuildContext, folder: Path, stage: bool = True) -> ArticleOutcome:
    """Check the article of ``folder`` and render its map: into a temporary file beside
    the map (``stage``), or into the outcome's ``html``. A problem of the article is
    reported in the outcome, not raised."""
    name = f"{folder.name}.html"
    checked = check_article(context.world, folder)
    if checked.problems or checked.article is None:
        return ArticleOutcome(name, problems=checked.problems)
    article = checked.article
    path = context.out_dir / name
    try:
        inputs = input_files(context.world, article)
        maps = context.article_maps()
        rendered = maps.render_map(article)
        summary = article_summary(context.world.dataset, article)
        if maps.shared is not None and context.quotes:
            # The overview loads the quotes from a file of their own when it needs them.
            summary = quotes_apart(summary, maps.shared)
        entry = {
            "inputs": inputs_fingerprint(inputs, context.basis),
            "basis": context.basis,
            "files": file_stats(inputs),
            "warnings": {
                "read": [plain_problem(w) for w in checked.read_warnings],
                "links": [plain_problem(w) for w in checked.link_warnings],
                "drafts": [plain_problem(w) for w in checked.draft_warnings],
            },
            "summary": summary,
            # With the quotes file (shared layout), which is the overview's to load.
            "assets": list(rendered.assets)
            + ([Path(summary["quotes"]).name] if "quotes" in summary else []),
        }
        outcome = ArticleOutcome(name, entry=entry, rendered=True)
        if stage:
            outcome.staged = stage_file(path, rendered.html, context.tag)
        else:
            outcome.html = rendered.html
    except OSError as exc:
        # The error names the map rather than its temporary file.
        if not exc.filename or Path(os.fsdecode(exc.filename)).name.startswith(TEMP_PREFIX):
            exc.filename = os.fspath(path)
        raise
    if maps.shared is not None:
        outcome.files = maps.shared.take_new()
    # A worker processes many articles: what it worked out of this one goes with it.
    forget_article(article)
    return outcome


def plain_problem(problem: Problem) -> list[str]:
    return [problem.file, problem.item, problem.field, problem.message]
