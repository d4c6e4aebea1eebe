"""The notebook of docs/ runs from top to bottom on a data folder of its own."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from tests.conftest import ROOT
from tests.fixtures import FIRST_ID, write_fixture

NOTEBOOK = ROOT / "docs" / "library.ipynb"


def test_the_notebook_runs_and_shows_frames_map_and_card(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = write_fixture(tmp_path / "data")
    monkeypatch.setenv("CORRIDOR_MAP_DATA", str(data))
    notebook = nbformat.read(NOTEBOOK, as_version=4)  # type: ignore[no-untyped-call]
    NotebookClient(
        notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": tmp_path}}
    ).execute()
    outputs = [
        output for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs
    ]
    assert not [o for o in outputs if o.output_type == "error"]
    html = [o["data"].get("text/html", "") for o in outputs if "data" in o]
    assert any(FIRST_ID in text and "<table" in text for text in html)  # a frame
    assert any("corridor-claims" in text and "<iframe" in text for text in html)  # the map
    assert any("image/png" in o["data"] for o in outputs if "data" in o)  # the card
