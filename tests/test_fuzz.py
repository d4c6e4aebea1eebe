"""Property-based tests: random and mutated inputs raise only the project's own errors."""

from __future__ import annotations

import contextlib
import json
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo._checks.geometry import check_geometry, geometry_problems
from geo._checks.numbers import number_in
from geo._checks.validate import load_dataset
from geo._loading.quotes import closest_passage
from geo._loading.text import sentences
from geo._rendering.render import render_article_map
from geo.errors import CorridorMapError
from tests.conftest import ARTICLE_ID, DATA, copy_article_world

FILES = [
    f"articles/{ARTICLE_ID}/claims.json",
    f"articles/{ARTICLE_ID}/article.json",
    "geojson/gwadar-port.geojson",
    "geojson/cpec-route.geojson",
    "geojson/pakistan-administered-kashmir.geojson",
    "basemap/countries.geojson",
]
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**20), max_value=10**20)
    | st.floats(allow_nan=False)
    | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=12,
)


def paths(node: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node[:8]):
            yield from paths(value, (*prefix, index))


def replace_at(node: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    node[path[0]] = replace_at(node[path[0]], path[1:], value)
    return node


def check(mutate: Any) -> None:
    with tempfile.TemporaryDirectory() as folder:
        data = copy_article_world(Path(folder) / "data")
        mutate(data)
        with contextlib.suppress(CorridorMapError):
            dataset = load_dataset(data)
            for article in dataset.articles:  # data that passes must also render
                assert render_article_map(dataset, article).startswith("<!DOCTYPE html>")


@SETTINGS
@given(st.sampled_from(FILES), st.binary(max_size=300))
def test_random_bytes_in_any_file(name: str, content: bytes) -> None:
    check(lambda data: (data / name).write_bytes(content))


@SETTINGS
@given(st.sampled_from(FILES[:4]), st.data())
def test_one_node_of_a_real_file_replaced(name: str, data: st.DataObject) -> None:
    document = json.loads((DATA / name).read_text(encoding="utf-8"))
    path = data.draw(st.sampled_from(list(paths(document))))
    mutated = replace_at(document, path, data.draw(json_values))

    def mutate(folder: Path) -> None:
        (folder / name).write_text(json.dumps(mutated), encoding="utf-8")

    check(mutate)


@SETTINGS
@given(st.sampled_from(FILES[:4]), st.integers(min_value=0, max_value=5000), st.binary(max_size=8))
def test_a_real_file_cut_or_spliced(name: str, at: int, splice: bytes) -> None:
    raw = (DATA / name).read_bytes()
    check(lambda data: (data / name).write_bytes(raw[:at] + splice + raw[at + len(splice) :]))


@SETTINGS
@given(st.text(max_size=200))
def test_any_body_text(body: str) -> None:
    check(lambda data: (data / "articles" / ARTICLE_ID / "body.txt").write_text(body))


@settings(max_examples=300, deadline=None)
@given(json_values)
def test_geometry_checks_never_raise(value: Any) -> None:
    assert isinstance(geometry_problems(value), list)
    assert isinstance(geometry_problems({"type": "Polygon", "coordinates": value}), list)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300), st.text(max_size=60))
def test_text_helpers_never_raise(body: str, quote: str) -> None:
    for sentence in sentences(body):
        assert body[sentence.start : sentence.end] == sentence.text
    assert isinstance(closest_passage(quote, body), str)
    number_in(quote)


coordinate = st.floats(min_value=-200, max_value=200) | st.sampled_from(
    [float("nan"), float("inf")]
)
position = st.lists(coordinate, min_size=1, max_size=4) | st.tuples(
    st.integers(-180, 180), st.integers(-90, 90)
).map(list)
ring = st.lists(position, min_size=0, max_size=6).map(
    lambda points: points + points[:1] if points and len(points) % 2 else points
)
geometries = st.one_of(
    st.builds(lambda p: {"type": "Point", "coordinates": p}, position),
    st.builds(lambda r: {"type": "LineString", "coordinates": r}, ring),
    st.builds(lambda rs: {"type": "Polygon", "coordinates": rs}, st.lists(ring, max_size=3)),
    st.builds(
        lambda ps: {"type": "MultiPolygon", "coordinates": ps},
        st.lists(st.lists(ring, max_size=2), max_size=2),
    ),
)


@settings(max_examples=400, deadline=None)
@given(geometries)
def test_fast_and_detailed_geometry_checks_agree(geometry: dict[str, Any]) -> None:
    checked, problems = check_geometry(geometry)
    detailed = geometry_problems(geometry)
    assert problems == detailed
    assert (checked is None) == bool(detailed)
    if checked is not None:
        assert json.loads(checked.json) == geometry
