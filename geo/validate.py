"""Loading and validating a whole data folder, reporting every problem at once."""

from __future__ import annotations

from pathlib import Path

from geo.articles import load_articles
from geo.errors import CorridorMapError, DataError, Problem
from geo.model import Dataset
from geo.places import load_places


def load_dataset(root: Path) -> Dataset:
    """Load and validate everything under the data folder ``root``.

    Parameters
    ----------
    root : Path
        The data folder (holding ``articles/`` and ``geojson/``).

    Returns
    -------
    Dataset
        The validated places and articles.

    Raises
    ------
    CorridorMapError
        When ``root`` is not a folder.
    DataError
        When anything is wrong; its ``problems`` lists every problem found.
    """
    if not root.is_dir():
        raise CorridorMapError(f"data folder {root.as_posix()} does not exist")
    places, problems = load_places(root)
    articles, article_problems = load_articles(root)
    problems.extend(article_problems)
    if not articles and not article_problems:
        problems.append(Problem(root.as_posix(), "-", "-", "holds no article under articles/"))
    if problems:
        raise DataError(problems)
    return Dataset(root=root, places=places, articles=articles)
