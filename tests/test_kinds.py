"""The colours of claim kinds: readable numbers, and apart for colour-blind readers.

Contrast is WCAG 2's; colour-vision deficiencies are simulated with the matrices of
Machado, Oliveira and Fernandes (2009) at full severity, and colours compared by their
distance in CIELAB (ΔE 1976).
"""

from __future__ import annotations

import itertools
import math
from typing import get_args

import pytest

from geo._loading.schema import ClaimKind
from geo._rendering.styles import KIND_STYLES, kind_css

SIMULATIONS = {
    "deuteranopia": [
        [0.367322, 0.860646, -0.227968],
        [0.280085, 0.672501, 0.047413],
        [-0.011820, 0.042940, 0.968881],
    ],
    "protanopia": [
        [0.152286, 1.052583, -0.204868],
        [0.114503, 0.786281, 0.099216],
        [-0.003882, -0.048116, 1.051998],
    ],
    "tritanopia": [
        [1.255528, -0.076749, -0.178779],
        [-0.078411, 0.930809, 0.147602],
        [0.004733, 0.691367, 0.303900],
    ],
}
MIN_DELTA_E = 10.0
"""Well apart at a glance (ΔE 2.3 is the least a viewer notices side by side)."""


def linear(hex_colour: str) -> list[float]:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    return [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]


def luminance(hex_colour: str) -> float:
    r, g, b = linear(hex_colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def lab(rgb: list[float]) -> tuple[float, float, float]:
    x = (0.4124 * rgb[0] + 0.3576 * rgb[1] + 0.1805 * rgb[2]) / 0.95047
    y = 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2]
    z = (0.0193 * rgb[0] + 0.1192 * rgb[1] + 0.9505 * rgb[2]) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def seen_with(deficiency: str, hex_colour: str) -> list[float]:
    rgb = linear(hex_colour)
    return [
        min(1.0, max(0.0, sum(m * c for m, c in zip(row, rgb, strict=True))))
        for row in SIMULATIONS[deficiency]
    ]


def test_every_claim_kind_has_a_style_and_no_other() -> None:
    assert set(KIND_STYLES) == set(get_args(ClaimKind))
    css = kind_css()
    for kind, style in KIND_STYLES.items():
        assert f".kind-{kind}{{--kind-fill:{style.fill};--kind-text:{style.text}}}" in css


def test_each_kind_has_its_own_shape() -> None:
    shapes = [style.shape for style in KIND_STYLES.values()]
    assert len(set(shapes)) == len(shapes)


@pytest.mark.parametrize("kind", list(KIND_STYLES))
def test_numbers_on_markers_are_readable(kind: str) -> None:
    style = KIND_STYLES[kind]
    assert contrast(style.fill, style.text) >= 4.5


@pytest.mark.parametrize("deficiency", list(SIMULATIONS))
def test_kinds_stay_apart_for_colour_blind_readers(deficiency: str) -> None:
    seen = {kind: lab(seen_with(deficiency, style.fill)) for kind, style in KIND_STYLES.items()}
    closest = min((math.dist(seen[a], seen[b]), a, b) for a, b in itertools.combinations(seen, 2))
    assert closest[0] >= MIN_DELTA_E, closest


def test_the_measure_tells_the_old_palette_apart_from_the_new() -> None:
    # The colours the issue found indistinguishable under deuteranopia (ΔE about 3).
    event, characterisation = "#1f5f99", "#6a3d9a"
    distance = math.dist(
        lab(seen_with("deuteranopia", event)), lab(seen_with("deuteranopia", characterisation))
    )
    assert distance < MIN_DELTA_E
