"""The maps committed in maps/ are exactly what building data/ gives now."""

from __future__ import annotations

from pathlib import Path

from geo._building.build import build_maps
from tests.conftest import DATA, MAPS, copy_article_world


def test_committed_maps_are_not_stale(tmp_path: Path) -> None:
    built = build_maps(DATA, tmp_path).maps
    assert built, "data/ builds no map"
    for item in built:
        committed = MAPS / item.path.name
        assert committed.is_file(), f"maps/{item.path.name} is missing: run corridor-map build"
        assert committed.read_bytes() == item.path.read_bytes(), (
            f"maps/{item.path.name} is stale: run corridor-map build and commit it"
        )
    expected = {item.path.name for item in built}
    orphans = {path.name for path in MAPS.glob("*.html")} - expected
    assert not orphans, f"maps/ holds maps no article builds: {sorted(orphans)}"


def test_each_map_depends_only_on_its_own_articles_world(tmp_path: Path) -> None:
    """Built from a copy of only its article and the places that article refers to, each
    shipped map is byte-identical to its map built from all of ``data/``."""
    whole = {item.path.name: item.path.read_bytes() for item in build_maps(DATA, tmp_path).maps}
    for folder in sorted((DATA / "articles").iterdir()):
        alone = copy_article_world(tmp_path / folder.name / "data", folder.name)
        (built,) = build_maps(alone, tmp_path / folder.name / "maps").maps
        assert built.path.read_bytes() == whole[built.path.name], folder.name


def test_two_builds_give_the_same_bytes(tmp_path: Path) -> None:
    first = build_maps(DATA, tmp_path / "a").maps
    second = build_maps(DATA, tmp_path / "b").maps
    for one, two in zip(first, second, strict=True):
        assert one.path.read_bytes() == two.path.read_bytes()


def test_seed_map_is_one_small_self_contained_file() -> None:
    for path in MAPS.glob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert path.stat().st_size <= 1_500_000, f"{path.name} is over 1.5 MB"
        assert "<script src=" not in text
        assert '<link rel="stylesheet"' not in text
        assert "cdn." not in text
