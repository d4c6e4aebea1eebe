"""The data reader reads every valid JSON file, and refuses the same things whichever
parser reads it (orjson 3.13 refuses some valid files; the standard library then reads them)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from geo.fileio import DataReader, FileProblem

# Valid JSON that orjson 3.13.0 refuses ("failed to allocate memory"): a line break, then
# a long array of small integer pairs, as a pretty-printed outline in whole degrees has.
PAIRS = "[[60, 25]" + ", [61, 25]" * 2_000 + "]"


def read(tmp_path: Path, text: str) -> object:
    path = tmp_path / "place.geojson"
    path.write_text(text, encoding="utf-8")
    return DataReader(tmp_path).json(path)


def test_a_long_array_of_small_integers_is_read(tmp_path: Path) -> None:
    text = '{\n  "coordinates": ' + PAIRS + "\n}\n"
    assert read(tmp_path, text) == json.loads(text)


@pytest.mark.parametrize(
    ("tail", "why"),
    [
        ('"x": 1e999', "holds a number too large for a double (beyond ±1.8e308)"),
        ('"x": -1' + "0" * 400, "holds a number too large for a double (beyond ±1.8e308)"),
        ('"x": "\\udfff"', "holds a lone UTF-16 surrogate escape, which is no character"),
        ('"x": NaN', "is not valid JSON: NaN is not a JSON number"),
    ],
)
def test_what_cannot_be_held_is_refused_by_either_parser(
    tmp_path: Path, tail: str, why: str
) -> None:
    with pytest.raises(FileProblem) as refusal:
        read(tmp_path, '{\n  "coordinates": ' + PAIRS + ",\n  " + tail + "\n}\n")
    assert refusal.value.problem.message.startswith(why)


def test_an_integer_beyond_64_bits_is_read_as_the_nearest_float(tmp_path: Path) -> None:
    value = read(tmp_path, '{\n  "coordinates": ' + PAIRS + ',\n  "x": 1' + "0" * 30 + "\n}\n")
    assert isinstance(value, dict) and value["x"] == 1e30
