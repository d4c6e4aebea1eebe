"""Builds are atomic, deterministic and safe to run concurrently or to kill."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import ARTICLE_ID, MAPS, ROOT

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
    stale = out / f".{MAP_NAME}.abc123.tmp"
    fresh = out / f".{MAP_NAME}.def456.tmp"
    for path in (stale, fresh):
        path.write_bytes(b"<!DOCTYPE html><html><bo")
    hour_ago = time.time() - 3600
    os.utime(stale, (hour_ago, hour_ago))
    subprocess.run(build_command(seed_data, out), check=True, capture_output=True)
    assert sorted(os.listdir(out)) == sorted([MAP_NAME, fresh.name])
