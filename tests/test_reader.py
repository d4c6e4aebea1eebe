"""The data reader reads every valid JSON file, and refuses the same things whichever
parser reads it (orjson 3.13 refuses some valid files; the standard library then reads them)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import orjson
import pytest

from geo._loading.fileio import DataReader, FileProblem

# Valid JSON that orjson 3.13.0 refuses ("failed to allocate memory"): a line break, then
# a long array of one-digit integer pairs (an outline of a few whole degrees, say).
PAIRS = "[[1,2]" + ",[3,4]" * 2_000 + "]"


def read(tmp_path: Path, text: str) -> Any:
    path = tmp_path / "place.geojson"
    path.write_text(text, encoding="utf-8")
    return DataReader(tmp_path).json(path)


@pytest.fixture
def orjson_refuses(monkeypatch: pytest.MonkeyPatch) -> None:
    """orjson refusing every file as 3.13.0 refuses some valid ones."""

    def refuse(text: str) -> Any:
        raise orjson.JSONDecodeError("failed to allocate memory", text, 0)

    monkeypatch.setattr(orjson, "loads", refuse)


def test_a_long_array_of_small_integers_is_read(tmp_path: Path) -> None:
    text = '{\n  "coordinates": ' + PAIRS + "\n}\n"
    assert read(tmp_path, text) == json.loads(text)


def test_what_orjson_refuses_wrongly_the_standard_library_reads(
    tmp_path: Path, orjson_refuses: None
) -> None:
    text = '{\n  "coordinates": ' + PAIRS + ',\n  "name": "Gwadar",\n  "x": 1.5\n}\n'
    assert read(tmp_path, text) == json.loads(text)


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("1e999", "holds a number too large for a double (beyond ±1.8e308)"),
        ("-1" + "0" * 400, "holds a number too large for a double (beyond ±1.8e308)"),
        ('"\\udfff"', "holds a lone UTF-16 surrogate escape, which is no character"),
        ('{"\\ud800": 1}', "holds a lone UTF-16 surrogate escape, which is no character"),
        ("NaN", "is not valid JSON: NaN is not a JSON number"),
        ("[1, 2", "is not valid JSON: Expecting ',' delimiter at line 1 column 12"),
    ],
)
def test_the_standard_library_refuses_what_orjson_would(
    tmp_path: Path, orjson_refuses: None, value: str, why: str
) -> None:
    with pytest.raises(FileProblem) as refusal:
        read(tmp_path, '{"x": ' + value + "}")
    assert refusal.value.problem.message == why


def test_an_integer_beyond_64_bits_is_the_nearest_float_either_way(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = '{"x": 1' + "0" * 30 + ', "y": 18446744073709551615}'
    direct = read(tmp_path, text)

    def refuse(text: str) -> Any:
        raise orjson.JSONDecodeError("failed to allocate memory", text, 0)

    monkeypatch.setattr(orjson, "loads", refuse)
    assert read(tmp_path, text) == direct == {"x": 1e30, "y": 18446744073709551615}
