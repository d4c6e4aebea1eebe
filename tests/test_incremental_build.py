"""Incremental and parallel builds: fewer maps rendered, never different bytes."""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

import geo._building.build
import geo._building.pipeline
import geo._rendering.render
from geo._building.build import build_maps
from geo._building.manifest import Manifest, manifest_path
from geo._building.pipeline import CheckedArticle, World
from geo._rendering.overview import part_of
from geo._rendering.payload import to_script_json
from geo._rendering.render import ArticleMaps, RenderedMap
from geo.model import Article
from tests.fixtures import FIRST_ID, SECOND_ID, write_fixture


@pytest.fixture(autouse=True)
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test keeps its build manifests to itself."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


def rendered(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of the articles rendered from now on."""
    calls: list[str] = []
    original = ArticleMaps.render_map

    def counting(self: ArticleMaps, article: Article) -> RenderedMap:
        calls.append(article.id)
        return original(self, article)

    monkeypatch.setattr(ArticleMaps, "render_map", counting)
    return calls


def contents(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


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
    # Lamu is in the second article's world only: its position matters to that map alone.
    lamu = data / "geojson" / "lamu.geojson"
    document = json.loads(lamu.read_text("utf-8"))
    document["features"][0]["geometry"]["coordinates"] = [40.9, -2.27]
    lamu.write_text(json.dumps(document), "utf-8")
    build_maps(data, out)
    assert calls == [SECOND_ID]
    (out / f"{FIRST_ID}.html").write_text("edited", "utf-8")
    build_maps(data, out)
    assert calls == [SECOND_ID, FIRST_ID]
    # A name anywhere may decide whether a shorter one stands alone in a sentence
    # ("South Sudan" is not "Sudan"): a new name renders every map again.
    document["features"][0]["properties"]["aliases"] = ["Lamu town"]
    lamu.write_text(json.dumps(document), "utf-8")
    build_maps(data, out)
    assert sorted(calls[2:]) == [FIRST_ID, SECOND_ID]
    clean = tmp_path / "clean"
    build_maps(data, clean, force=True)
    assert contents(out) == contents(clean)
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
    monkeypatch.setattr(geo._building.build, "_PARALLEL_FROM", 1)  # two articles are enough here
    seen: list[tuple[int, int]] = []
    result = build_maps(data, tmp_path / "two", jobs=2, progress=lambda d, t: seen.append((d, t)))
    assert contents(tmp_path / "two") == contents(tmp_path / "one")
    assert seen == [(1, 2), (2, 2)]
    assert all(item.changed for item in result.maps)


def test_a_file_saved_while_the_data_is_read_is_not_trusted_to_be_in_the_maps(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = write_fixture(tmp_path / "data")
    out = tmp_path / "maps"
    checked = geo._building.pipeline.check_article
    metadata = data / "articles" / FIRST_ID / "article.json"

    def saved_meanwhile(world: World, folder: Path) -> CheckedArticle:
        found = checked(world, folder)
        if folder.name == FIRST_ID:
            document = json.loads(metadata.read_text("utf-8"))
            document["metadata"]["headline"]["value"] = "A headline saved during the build"
            metadata.write_text(json.dumps(document), "utf-8")
        return found

    monkeypatch.setattr(geo._building.pipeline, "check_article", saved_meanwhile)
    build_maps(data, out)
    monkeypatch.setattr(geo._building.pipeline, "check_article", checked)
    build_maps(data, out)
    assert "A headline saved during the build" in (out / f"{FIRST_ID}.html").read_text("utf-8")


def test_only_maps_the_same_data_made_and_nobody_touched_are_removed(
    tmp_path: Path,
) -> None:
    first = write_fixture(tmp_path / "first")
    second = write_fixture(tmp_path / "second", second=False)
    out = tmp_path / "maps"
    build_maps(first, out)
    # Other data built into the same folder: the first data's maps are not its to remove.
    result = build_maps(second, out)
    assert result.removed == []
    assert (out / f"{SECOND_ID}.html").exists()
    # A map edited after the build that made it is the reader's now: reported, kept.
    build_maps(first, out)
    (out / f"{SECOND_ID}.html").write_text(
        (out / f"{SECOND_ID}.html").read_text("utf-8") + "<!-- my notes -->", "utf-8"
    )
    shutil.rmtree(first / "articles" / SECOND_ID)
    result = build_maps(first, out)
    assert result.removed == [out / "index.html"]
    assert (out / f"{SECOND_ID}.html").exists()


def test_a_corrupt_manifest_means_a_full_build(tmp_path: Path) -> None:
    data, out = built_once(tmp_path)
    manifest_path(out).write_text('{"format": 1, "maps": {"a\\u0000.html": {}, "../x.html": {}}}')
    result = build_maps(data, out)
    assert [item.changed for item in result.maps] == [False, False, False]
    manifest_path(out).write_text("[" * 100_000)
    assert build_maps(data, out).removed == []


def archive_of_three(tmp_path: Path) -> tuple[Path, str]:
    """The fixture with a copy of its first article, which falls in the first's part of
    the manifest (the second is in another)."""
    data = write_fixture(tmp_path / "data")
    copy = f"{FIRST_ID}-copy-3"
    assert part_of(copy) == part_of(FIRST_ID) != part_of(SECOND_ID)
    shutil.copytree(data / "articles" / FIRST_ID, data / "articles" / copy)
    for name in ("article.json", "claims.json"):
        path = data / "articles" / copy / name
        path.write_text(path.read_text("utf-8").replace(FIRST_ID, copy), "utf-8")
    return data, copy


def settled_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files as old as the build are trusted by their state (the tests write their data
    just before building it, which a build otherwise compares by bytes)."""
    monkeypatch.setattr(geo._building.build, "RACY_NS", 0)
    monkeypatch.setattr(geo._building.pipeline, "RACY_NS", 0)


def parts_read(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The parts whose maps' records are read from now on."""
    calls: list[int] = []
    original = Manifest.maps_of

    def counting(self: Manifest, part: int) -> dict[str, dict[str, Any]]:
        calls.append(part)
        return original(self, part)

    monkeypatch.setattr(Manifest, "maps_of", counting)
    return calls


def worlds_opened(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    calls: list[Path] = []
    original = geo._building.pipeline.open_world

    def counting(root: Path) -> World:
        calls.append(root)
        return original(root)

    monkeypatch.setattr(geo._building.pipeline, "open_world", counting)
    return calls


def test_a_changed_article_reads_the_records_of_its_part_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settled_at_once(monkeypatch)
    data, _ = archive_of_three(tmp_path)
    out = tmp_path / "maps"
    build_maps(data, out, layout="shared")
    calls, parts, worlds = (
        rendered(monkeypatch),
        parts_read(monkeypatch),
        worlds_opened(monkeypatch),
    )
    again = build_maps(data, out, layout="shared")
    assert (calls, parts, worlds) == ([], [], [])
    assert not any(item.changed for item in again.maps)
    claims = data / "articles" / SECOND_ID / "claims.json"
    document = json.loads(claims.read_text("utf-8"))
    document["speakers"]["officials"]["name"] = "Officials (renamed)"
    claims.write_text(json.dumps(document), "utf-8")
    build_maps(data, out, layout="shared")
    assert (calls, parts, worlds) == ([SECOND_ID], [part_of(SECOND_ID)], [])
    # Lamu is in the second article's world alone: its part is read, the places again.
    lamu = data / "geojson" / "lamu.geojson"
    document = json.loads(lamu.read_text("utf-8"))
    document["features"][0]["geometry"]["coordinates"] = [40.9, -2.27]
    lamu.write_text(json.dumps(document), "utf-8")
    build_maps(data, out, layout="shared")
    assert calls == [SECOND_ID, SECOND_ID]
    assert parts == [part_of(SECOND_ID)] * 2
    assert worlds == [data]
    clean = tmp_path / "clean"
    build_maps(data, clean, layout="shared")
    assert contents(out) == contents(clean)
    assert contents(out / "assets") == contents(clean / "assets")


def test_a_corrupt_cache_of_a_part_or_of_the_places_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settled_at_once(monkeypatch)
    data, copy = archive_of_three(tmp_path)
    out = tmp_path / "maps"
    build_maps(data, out)
    parts, worlds = parts_read(monkeypatch), worlds_opened(monkeypatch)
    folder = manifest_path(out).with_suffix("")
    (folder / f"part-{part_of(FIRST_ID):02d}.json").write_text('{"articles": []}', "utf-8")
    (out / "index.html").unlink()
    for world in (manifest_path(out).parents[1] / "worlds").iterdir():
        world.write_bytes(world.read_bytes()[:100] + b"\x80garbage")
    build_maps(data, out)
    assert parts == [part_of(FIRST_ID)]
    assert worlds == [data]
    build_maps(data, tmp_path / "clean")
    assert contents(out) == contents(tmp_path / "clean")
    assert copy in (out / "index.html").read_text("utf-8")


def test_forced_builds_read_the_places_again_and_moved_folders_are_noticed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settled_at_once(monkeypatch)
    data = write_fixture(tmp_path / "data")
    # The places are a link to a folder, which a colleague points at another version.
    versions = data / "versions"
    versions.mkdir()
    (data / "geojson").rename(versions / "1")
    shutil.copytree(versions / "1", versions / "2")
    nairobi = versions / "2" / "nairobi.geojson"
    renamed = nairobi.read_text("utf-8").replace('"Nairobi"', '"Nairobi City"')
    nairobi.write_text(renamed, "utf-8")
    (data / "geojson").symlink_to(versions / "1")
    out = tmp_path / "maps"
    build_maps(data, out)
    worlds = worlds_opened(monkeypatch)
    (data / "geojson").unlink()
    (data / "geojson").symlink_to(versions / "2")
    build_maps(data, out)
    assert worlds == [data]
    assert "Nairobi City" in (out / f"{FIRST_ID}.html").read_text("utf-8")
    # A file written back with its size and time kept (cp -p, rsync -t) is noticed too.
    stat = nairobi.stat()
    nairobi.write_text(renamed.replace('"Nairobi City"', '"Nairobi Town"'), "utf-8")
    os.utime(nairobi, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    build_maps(data, out)
    assert "Nairobi Town" in (out / f"{FIRST_ID}.html").read_text("utf-8")
    # --force reads the places again, whatever the cache says.
    build_maps(data, out, force=True)
    assert len(worlds) == 3
    build_maps(data, tmp_path / "clean")
    assert contents(out) == contents(tmp_path / "clean")


def test_a_cache_written_by_someone_else_runs_no_code_and_loads_no_other_script(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settled_at_once(monkeypatch)
    data = write_fixture(tmp_path / "data")
    out = tmp_path / "maps"
    build_maps(data, out, layout="shared")
    # A pickle that would run a command, behind the right key.
    [world] = (manifest_path(out).parents[1] / "worlds").iterdir()
    key = world.read_bytes()[:64]
    marker = tmp_path / "ran"
    world.write_bytes(key + pickle.dumps(_Payload(str(marker))))
    # A part naming a script elsewhere, written as the tool writes parts.
    part_file = manifest_path(out).with_suffix("") / f"part-{part_of(FIRST_ID):02d}.json"
    part = json.loads(part_file.read_text("utf-8"))
    part["quoteFiles"] = ["https://example.org/x.js"]
    text = to_script_json(part).encode("utf-8")
    part_file.write_bytes(text)
    # With its hash in the index, and odd keys there.
    index = json.loads(manifest_path(out).read_text("utf-8"))
    index["parts"][f"{part_of(FIRST_ID):02d}"]["text"] = hashlib.sha256(text).hexdigest()
    index["parts"]["²"] = index["parts"]["9" * 5000] = {}
    manifest_path(out).write_text(json.dumps(index), "utf-8")
    (out / "index.html").unlink()
    build_maps(data, out, layout="shared")
    assert not marker.exists()
    assert "example.org" not in "".join(p.read_text("utf-8") for p in (out / "assets").iterdir())
    build_maps(data, tmp_path / "clean", layout="shared")
    assert contents(out / "assets") == contents(tmp_path / "clean" / "assets")


class _Payload:
    def __init__(self, path: str) -> None:
        self.path = path

    def __reduce__(self) -> tuple[Any, ...]:
        return (os.system, (f"touch {self.path}",))


def test_a_map_whose_record_cannot_be_read_keeps_the_files_it_loads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settled_at_once(monkeypatch)
    monkeypatch.setattr(
        geo._rendering.render, "SHARED_SHAPE_BYTES", 0
    )  # Lamu's shape is its own file
    data = write_fixture(tmp_path / "data")
    claims = data / "articles" / SECOND_ID / "claims.json"
    document = json.loads(claims.read_text("utf-8"))
    document["context_places"] = ["ilemi-triangle"]  # drawn on its map alone
    claims.write_text(json.dumps(document), "utf-8")
    out = tmp_path / "maps"
    build_maps(data, out, layout="shared")
    linked = re.compile(r'(?:src|href)="(assets/[^"]+)"')
    first = set(linked.findall((out / f"{FIRST_ID}.html").read_text("utf-8")))
    loads = set(linked.findall((out / f"{SECOND_ID}.html").read_text("utf-8")))
    assert loads - first
    # The second article goes, and the record of its map is lost: the map is not known
    # to be this build's to remove, so it stays, and so do the files it loads.
    records = manifest_path(out).with_suffix("") / f"maps-{part_of(SECOND_ID):02d}.json"
    records.write_text("{", "utf-8")
    shutil.rmtree(data / "articles" / SECOND_ID)
    for _ in range(2):  # and in every build after
        result = build_maps(data, out, layout="shared")
        assert (out / f"{SECOND_ID}.html").exists()
        assert all((out / name).exists() for name in loads)
        assert any("is a map of no article" in w.message for w in result.warnings)
