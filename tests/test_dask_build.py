"""Builds on a Dask cluster: the same maps as a local build, the same errors."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

import geo._building.cluster
from geo._building.build import build_maps
from geo.cli import cli
from geo.errors import DataError
from tests.fixtures import FIRST_ID, write_fixture

distributed = pytest.importorskip("distributed")


@pytest.fixture(autouse=True)
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test keeps its build manifests to itself."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    """A cluster of two worker processes of two threads each on this machine (threads
    share a worker's memory, as on a real cluster): its scheduler's address."""
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=2,
        processes=True,
        dashboard_address=None,
        scheduler_port=0,
    ) as local:
        yield local.scheduler_address


def contents(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


@pytest.mark.parametrize("layout", ["standalone", "shared"])
def test_a_cluster_builds_the_same_bytes_as_this_machine(
    cluster: str, tmp_path: Path, layout: str
) -> None:
    data = write_fixture(tmp_path / "data")
    build_maps(data, tmp_path / "local", layout=layout)
    result = build_maps(data, tmp_path / "cluster", layout=layout, dask=cluster)
    assert contents(tmp_path / "cluster") == contents(tmp_path / "local")
    assert all(item.changed for item in result.maps)
    # Incremental on the cluster too: nothing changed, nothing sent.
    again = build_maps(data, tmp_path / "cluster", layout=layout, dask=cluster)
    assert [item.changed for item in again.maps] == [False] * len(result.maps)


def test_invalid_data_on_a_cluster_gives_the_error_validate_gives(
    cluster: str, tmp_path: Path
) -> None:
    data = write_fixture(tmp_path / "data")
    claims = data / "articles" / FIRST_ID / "claims.json"
    document = json.loads(claims.read_text("utf-8"))
    document["claims"][0]["places"] = ["atlantis"]
    claims.write_text(json.dumps(document), "utf-8")
    with pytest.raises(DataError) as local:
        build_maps(data, tmp_path / "local")
    with pytest.raises(DataError) as remote:
        build_maps(data, tmp_path / "cluster", dask=cluster)
    assert remote.value.problems == local.value.problems
    assert any("'atlantis'" in str(problem) for problem in remote.value.problems)
    assert not (tmp_path / "cluster").exists()


def test_the_command_builds_on_a_cluster_and_says_when_it_cannot_reach_one(
    cluster: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = write_fixture(tmp_path / "data")
    runner = CliRunner()
    out = tmp_path / "maps"
    built = runner.invoke(cli, ["build", "--data", str(data), "--out", str(out), "--dask", cluster])
    assert built.exit_code == 0, built.output
    assert sorted(p.name for p in out.iterdir()) == sorted(
        line.split("/")[-1] for line in built.output.splitlines() if line.startswith("wrote")
    )
    monkeypatch.setattr(geo._building.cluster, "CONNECT_TIMEOUT_S", 1)
    # Up to date, the maps need no cluster; forced, they do.
    nowhere = ["build", "--data", str(data), "--out", str(out), "--dask", "tcp://127.0.0.1:9"]
    assert runner.invoke(cli, nowhere).exit_code == 0
    unreachable = runner.invoke(cli, [*nowhere, "--force"])
    assert unreachable.exit_code == 1
    assert unreachable.output.startswith(
        "Error: cannot reach the Dask scheduler at tcp://127.0.0.1:9: "
    )
    assert len(unreachable.output.splitlines()) == 1
