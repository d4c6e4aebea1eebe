"""Shared fixtures: the project's own data, and copies of it to break on purpose."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
MAPS = ROOT / "maps"
ARTICLE_ID = "statesman-2017-09-09-cpec-anti-terror"


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of ``data/`` that a test may edit."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target
