"""Loading stored articles from ``data/articles/<article-id>/``.

Each article folder holds ``article.json`` (metadata, each field with the basis on which it
is known), ``body.txt`` (the body exactly as published, one paragraph a line, blank lines
between) and ``claims.json`` (see :mod:`geo._loading.claims`).
"""

from __future__ import annotations

import os
from pathlib import Path

from geo._checks.markup import markup_in, url_problem
from geo._loading.claims import CLAIMS_FILE, load_claims
from geo._loading.fileio import DataReader, FileProblem
from geo._loading.schema import ArticleFile, check
from geo._loading.slugs import slug_problem
from geo._loading.text import sentences
from geo.errors import Problem
from geo.model import Article, MetadataField, Variant

ARTICLES_FOLDER = "articles"
METADATA_FILE = "article.json"
BODY_FILE = "body.txt"
VERBATIM_METADATA = ("headline",)
"""Metadata copied from the article itself, which may hold any text."""


def article_folders(root: Path) -> list[Path]:
    """Return the article folders under ``root``, sorted by name."""
    folder = root / ARTICLES_FOLDER
    return [folder / name for name in article_names(root)]


def article_names(root: Path) -> list[str]:
    """The names of the article folders under ``root`` (their articles' ids, once
    checked), sorted."""
    try:
        found = [
            entry.name
            for entry in os.scandir(root / ARTICLES_FOLDER)
            if entry.is_dir() and not entry.name.startswith(".")
        ]
    except (FileNotFoundError, NotADirectoryError):
        return []
    # Sorted by name as text: comparing thousands of paths is slow.
    return sorted(found)


def load_articles(reader: DataReader) -> tuple[list[Article], list[Problem]]:
    """Load every article under ``root``; collect problems instead of stopping at one.

    Returns
    -------
    tuple of (list of Article, list of Problem)
        The articles that loaded cleanly and every problem found.
    """
    articles: list[Article] = []
    problems: list[Problem] = []
    for folder in article_folders(reader.root):
        article, found = load_article(folder, reader)
        problems.extend(found)
        if article is not None:
            articles.append(article)
    return articles, problems


RESERVED_IDS = frozenset({"index"})
"""Ids whose map would overwrite, or be overwritten by, a file the build writes."""


def load_article(folder: Path, reader: DataReader) -> tuple[Article | None, list[Problem]]:
    """Load the article of ``folder`` (its metadata, body and claims): the article, or
    ``None`` when its folder or metadata cannot make one, and every problem found."""
    meta_path = folder / METADATA_FILE
    shown = reader.shown(meta_path)
    problems: list[Problem] = []
    why = slug_problem(folder.name)
    if why:
        problems.append(Problem(reader.shown(folder), "-", "-", f"article folder name {why}"))
    elif folder.name in RESERVED_IDS:
        problems.append(
            Problem(
                reader.shown(folder),
                "-",
                "-",
                f"article folder name {folder.name!r} is taken by the archive overview "
                f"({folder.name}.html); choose another",
            )
        )
    try:
        raw = reader.json(meta_path)
        body = reader.text(folder / BODY_FILE)
    except FileProblem as exc:
        return None, [*problems, exc.problem]
    if not isinstance(raw, dict):
        return None, [*problems, Problem(shown, "-", "-", "must be a JSON object")]
    raw_id = raw.get("id")
    if raw_id != folder.name and not why:
        problems.append(
            Problem(shown, str(raw_id), "id", f"must equal the folder name {folder.name!r}")
        )
    parsed, found = check(ArticleFile, raw, shown, folder.name)
    problems.extend(p for p in found if p.field != "id")
    if parsed is None:
        return None, problems
    metadata: dict[str, MetadataField] = {}
    for name, entry in parsed.metadata:
        if entry is None:
            continue
        metadata[name] = MetadataField(value=entry.value, basis=entry.basis)
        editorial = {"basis": entry.basis}
        if name not in (*VERBATIM_METADATA, "url"):
            editorial["value"] = entry.value
        for where, why in markup_in(editorial, f"metadata.{name}"):
            problems.append(Problem(shown, folder.name, where, why))
        if name == "url" and (bad_url := url_problem(entry.value)):
            problems.append(Problem(shown, folder.name, "metadata.url.value", bad_url))
    variants = []
    for index, variant in enumerate(parsed.variants):
        where = f"variants[{index}]"
        for field, why in markup_in({"outlet": variant.outlet}, where):
            problems.append(Problem(shown, folder.name, field, why))
        if variant.url is not None and (bad_url := url_problem(variant.url)):
            problems.append(Problem(shown, folder.name, f"{where}.url", bad_url))
        if variant.here not in body:
            problems.append(
                Problem(shown, folder.name, f"{where}.here", f"{variant.here!r} is not in the body")
            )
        if variant.there == variant.here:
            problems.append(
                Problem(shown, folder.name, f"{where}.there", "is the article's own wording")
            )
        variants.append(
            Variant(
                variant.outlet,
                variant.published,
                variant.url,
                variant.here,
                variant.there,
                variant.account,
            )
        )
    if problems:
        return None, problems
    loaded = load_claims(folder, reader, folder.name)
    article = Article(
        id=folder.name,
        folder=folder,
        body=body,
        metadata=metadata,
        speakers=loaded.speakers,
        claims=tuple(loaded.claims),
        context_places=loaded.context_places,
        sentences=tuple(sentences(body)),
        variants=tuple(variants),
    )
    return article, loaded.problems


def claims_display_path(article: Article, reader: DataReader) -> str:
    """The claims file of ``article`` as messages show it."""
    return reader.shown(article.folder / CLAIMS_FILE)
