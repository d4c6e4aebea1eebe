"""Incremental and parallel builds: fewer maps rendered, never different bytes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import geo.build
from geo.build import build_maps
from geo.model import Article
from geo.render import ArticleMaps
from tests.fixtures import FIRST_ID, SECOND_ID, write_fixture


@pytest.fixture(autouse=True)
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test keeps its build manifests to itself."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


def rendered(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of the articles rendered from now on."""
    calls: list[str] = []
    original = ArticleMaps.render_bytes

    def counting(self: ArticleMaps, article: Article) -> bytes:
        calls.append(article.id)
        return original(self, article)

    monkeypatch.setattr(ArticleMaps, "render_bytes", counting)
    return calls


def contents(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def built_once(tmp_path: Path) -> tuple[Path, Path]:
    """The fixture's data, and the folder its maps were just built into."""
    data = write_fixture(tmp_path / "data")
    out = tmp_path / "maps"
    build_maps(data, out)
    return data, out


def test_a_second_build_renders_only_what_changed_and_matches_a_clean_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data, out = built_once(tmp_path)
    calls = rendered(monkeypatch)
    again = build_maps(data, out)
    assert calls == []
    assert [item.changed for item in again.maps] == [False, False, False]
    # One article changes: only its map is rendered again (and the overview).
    claims = data / "articles" / SECOND_ID / "claims.json"
    document = json.loads(claims.read_text("utf-8"))
    document["speakers"]["officials"]["name"] = "Officials (renamed)"
    claims.write_text(json.dumps(document), "utf-8")
    changed = build_maps(data, out)
    assert calls == [SECOND_ID]
    assert {item.path.name for item in changed.maps if item.changed} == {
        f"{SECOND_ID}.html",
        "index.html",
    }
    clean = tmp_path / "clean"
    build_maps(data, clean, force=True)
    assert contents(out) == contents(clean)


def test_a_place_file_or_a_map_edited_by_hand_is_noticed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data, out = built_once(tmp_path)
    calls = rendered(monkeypatch)
    # Lamu is in the second article's world only.
    lamu = data / "geojson" / "lamu.geojson"
    document = json.loads(lamu.read_text("utf-8"))
    document["features"][0]["properties"]["aliases"] = ["Lamu town"]
    lamu.write_text(json.dumps(document), "utf-8")
    build_maps(data, out)
    assert calls == [SECOND_ID]
    (out / f"{FIRST_ID}.html").write_text("edited", "utf-8")
    build_maps(data, out)
    assert calls == [SECOND_ID, FIRST_ID]
    assert (out / f"{FIRST_ID}.html").read_text("utf-8").startswith("<!DOCTYPE html>")


def test_force_renders_every_map(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data, out = built_once(tmp_path)
    calls = rendered(monkeypatch)
    build_maps(data, out, force=True)
    assert sorted(calls) == [FIRST_ID, SECOND_ID]


def test_parallel_builds_give_the_same_bytes_as_one_job(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = write_fixture(tmp_path / "data")
    build_maps(data, tmp_path / "one", jobs=1)
    monkeypatch.setattr(geo.build, "_PARALLEL_FROM", 1)  # two articles are enough here
    seen: list[tuple[int, int]] = []
    result = build_maps(data, tmp_path / "two", jobs=2, progress=lambda d, t: seen.append((d, t)))
    assert contents(tmp_path / "two") == contents(tmp_path / "one")
    assert seen == [(1, 2), (2, 2)]
    assert all(item.changed for item in result.maps)
