"""Builds are atomic, deterministic and safe to run concurrently or to kill."""

from __future__ import annotations

import dataclasses
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import geo._building.build
from geo._building.build import build_maps
from geo._checks.validate import load_dataset
from geo._loading.articles import RESERVED_IDS
from geo._loading.fileio import TEMP_PREFIX, commit_file
from geo._rendering.overview import OVERVIEW_FILE
from geo._rendering.render import ArticleMaps, RenderedMap, render_article_map
from geo.cli import cli
from geo.errors import WriteError
from geo.model import Article
from tests.conftest import ARTICLE_ID, MAPS, ROOT
from tests.fixtures import FIRST_ID, SECOND_ID, write_fixture

MAP_NAME = f"{ARTICLE_ID}.html"


def build_command(data: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "geo", "build", "--data", str(data), "--out", str(out)]


def change_wire(data: Path, value: str) -> None:
    path = data / "articles" / ARTICLE_ID / "article.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    document["metadata"]["wire"]["value"] = value
    path.write_text(json.dumps(document), encoding="utf-8")


def maps_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))


def test_build_in_another_directory_and_time_zone_gives_the_same_bytes(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "TZ": "Pacific/Kiritimati", "LC_ALL": "C", "PYTHONHASHSEED": "123"}
    subprocess.run(
        build_command(ROOT / "data", tmp_path / "out"), cwd=elsewhere, env=env, check=True
    )
    assert (tmp_path / "out" / MAP_NAME).read_bytes() == (MAPS / MAP_NAME).read_bytes()


def test_killing_a_build_leaves_the_old_map_or_the_new_one(seed_data: Path, tmp_path: Path) -> None:
    out = tmp_path / "maps"
    subprocess.run(build_command(seed_data, out), check=True, capture_output=True)
    old = (out / MAP_NAME).read_bytes()
    change_wire(seed_data, "PTI, edited")
    durations = []
    for _ in range(2):  # the faster of two runs, so that most kills land mid-build
        started = time.monotonic()
        subprocess.run(build_command(seed_data, tmp_path / "reference"), check=True)
        durations.append(time.monotonic() - started)
    full = min(durations)
    new = (tmp_path / "reference" / MAP_NAME).read_bytes()
    assert new != old
    rng = random.Random(20170909)
    killed = 0
    for _ in range(8):
        process = subprocess.Popen(
            build_command(seed_data, out), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(rng.uniform(0.0, full * 1.1))
        process.send_signal(signal.SIGKILL)
        killed += process.wait() == -signal.SIGKILL
        current = (out / MAP_NAME).read_bytes()
        assert current in (old, new), "a killed build left a torn map"
        assert maps_in(out) == [MAP_NAME]
        if current == new:
            (out / MAP_NAME).write_bytes(old)
    assert killed >= 4, f"only {killed} of 8 builds were killed before they finished"


def test_concurrent_builds_into_one_folder_do_not_corrupt_it(
    seed_data: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other-data"
    subprocess.run(["cp", "-r", str(seed_data), str(other)], check=True)
    change_wire(other, "PTI, edited")
    out = tmp_path / "maps"
    expected = {}
    for name, data in (("a", seed_data), ("b", other)):
        subprocess.run(build_command(data, tmp_path / name), check=True, capture_output=True)
        expected[name] = (tmp_path / name / MAP_NAME).read_bytes()
    processes = [
        subprocess.Popen(build_command(data, out), stderr=subprocess.PIPE)
        for data in (seed_data, other, seed_data, other)
    ]
    for process in processes:
        _, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
    assert (out / MAP_NAME).read_bytes() in expected.values()
    assert os.listdir(out) == [MAP_NAME]


def test_temporary_files_of_killed_builds_are_cleared_once_stale(
    seed_data: Path, tmp_path: Path
) -> None:
    out = tmp_path / "maps"
    out.mkdir()
    stale = out / f"{TEMP_PREFIX}{MAP_NAME}.abc123.tmp"
    fresh = out / f"{TEMP_PREFIX}{MAP_NAME}.def456.tmp"
    # A reader's own hidden temporary file, however old, is not the build's to remove.
    notes = out / ".notes.tmp"
    for path in (stale, fresh, notes):
        path.write_bytes(b"<!DOCTYPE html><html><bo")
    hour_ago = time.time() - 3600
    for path in (stale, notes):
        os.utime(path, (hour_ago, hour_ago))
    subprocess.run(build_command(seed_data, out), check=True, capture_output=True)
    assert sorted(os.listdir(out)) == sorted([MAP_NAME, fresh.name, notes.name])


def rename_every_speaker(data: Path) -> None:
    """Change every article (so every map must be written again)."""
    for folder in (data / "articles").iterdir():
        path = folder / "claims.json"
        claims = json.loads(path.read_text(encoding="utf-8"))
        for speaker in claims["speakers"].values():
            speaker["name"] += " (renamed)"
        path.write_text(json.dumps(claims), encoding="utf-8")


@pytest.fixture
def changed_after_build(tmp_path: Path) -> tuple[Path, Path]:
    """A data folder and its maps, then every article changed: (data, maps)."""
    data = write_fixture(tmp_path / "data")
    out = tmp_path / "maps"
    build_maps(data, out)
    rename_every_speaker(data)
    return data, out


def test_a_map_that_fails_to_render_leaves_every_map_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = write_fixture(tmp_path / "data")
    out = tmp_path / "maps"
    build_maps(data, out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    # Change both articles, then make the second one's map fail as it is rendered.
    rename_every_speaker(data)
    original = ArticleMaps.render_map

    def failing(self: ArticleMaps, article: Article) -> RenderedMap:
        if article.id == SECOND_ID:
            raise OSError(28, "No space left on device")
        return original(self, article)

    monkeypatch.setattr(ArticleMaps, "render_map", failing)
    with pytest.raises(WriteError) as refusal:
        build_maps(data, out)
    assert str(refusal.value) == (
        f"{out.as_posix()}/{SECOND_ID}.html: cannot write: No space left on device "
        "(no map replaced)"
    )
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_a_failure_while_maps_are_put_in_place_names_those_already_replaced(
    changed_after_build: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    data, out = changed_after_build
    calls: list[Path] = []

    def failing(staged: Path, target: Path) -> None:
        calls.append(target)
        if len(calls) == 2:
            raise OSError(5, "Input/output error", str(target))
        staged.replace(target)

    monkeypatch.setattr(geo._building.build, "commit_file", failing)
    result = CliRunner().invoke(cli, ["build", "--data", str(data), "--out", str(out)])
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {calls[1].as_posix()}: cannot write: Input/output error (1 map(s) already "
        f"replaced: {calls[0].name})\n"
    )
    assert not list(out.glob(".corridor-map.*"))


def test_maps_an_earlier_build_made_for_articles_now_gone_are_removed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    data = write_fixture(tmp_path / "data")
    out = tmp_path / "maps"
    build_maps(data, out)
    shutil.rmtree(data / "articles" / SECOND_ID)
    (out / "notes.html").write_text("<html><head></head><body>mine</body></html>", "utf-8")
    result = build_maps(data, out)
    # The build made them (its manifest says so): they go. A file it did not make stays.
    assert result.removed == [out / f"{SECOND_ID}.html", out / "index.html"]
    assert sorted(p.name for p in out.iterdir()) == [f"{FIRST_ID}.html", "notes.html"]
    assert result.warnings == []


def test_maps_no_manifest_vouches_for_are_reported_not_removed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = write_fixture(tmp_path / "data")
    out = tmp_path / "maps"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache-1"))
    build_maps(data, out)
    shutil.rmtree(data / "articles" / SECOND_ID)
    # Another machine, or a cleared cache: no manifest says who made the maps.
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache-2"))
    result = build_maps(data, out)
    gone = out / f"{SECOND_ID}.html"
    assert gone.exists() and result.removed == []
    assert [str(w) for w in result.warnings] == [
        f"{gone}: is a map of no article of the data (left as it is; remove it if the "
        "article is gone)",
        f"{out / 'index.html'}: is a map of no article of the data (left as it is; remove "
        "it if the article is gone)",
    ]


def test_ids_refused_for_articles_are_the_files_the_build_writes_besides_their_maps() -> None:
    assert {Path(OVERVIEW_FILE).stem} == RESERVED_IDS


def test_a_map_path_taken_by_a_folder_is_named_in_the_error(tmp_path: Path) -> None:
    data = write_fixture(tmp_path / "data")
    out = tmp_path / "maps"
    (out / f"{FIRST_ID}.html").mkdir(parents=True)
    result = CliRunner().invoke(cli, ["build", "--data", str(data), "--out", str(out)])
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {(out / f'{FIRST_ID}.html').as_posix()}: cannot write: Is a directory "
        "(no map replaced)\n"
    )
    assert sorted(p.name for p in out.iterdir()) == [f"{FIRST_ID}.html"]


def test_ctrl_c_while_maps_are_put_in_place_leaves_no_mix(
    changed_after_build: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    data, out = changed_after_build

    def interrupted(staged: Path, target: Path) -> None:
        os.kill(os.getpid(), signal.SIGINT)  # as Ctrl-C would, right at the first rename
        commit_file(staged, target)

    monkeypatch.setattr(geo._building.build, "commit_file", interrupted)
    result = build_maps(data, out)
    assert all(item.changed for item in result.maps)
    assert all("(renamed)" in path.read_text(encoding="utf-8") for path in out.iterdir())
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


@pytest.mark.parametrize(
    "name", ["Kenya {{ 7 * 7 }}", "Kenya {{{ 7 * 7 }}", "Kenya {% if 1 %}49{% endif %}"]
)
def test_names_in_the_layer_control_are_never_run_as_templates(tmp_path: Path, name: str) -> None:
    """branca compiles a template's output as a template once more; a place's name reaching
    the layer control through one would be run by Jinja at build time. Validation refuses
    ``{{`` in names, so the dataset is changed after it."""
    dataset = load_dataset(write_fixture(tmp_path / "data"))
    kenya = dataset.places["kenya"]
    dataset.places["kenya"] = dataclasses.replace(kenya, name=name)
    page = render_article_map(dataset, dataset.articles[0])
    control = page.split("L.control.layers(", 1)[1].split(").addTo(", 1)[0]
    names = [json.loads(text) for text in re.findall(r'"(?:[^"\\]|\\.)*"', control)]
    assert f"Countries: {name}" in names
    assert "Kenya 49" not in page
