"""How each kind of claim is drawn: a colour and a marker shape, told apart without colour.

The colours carry white numbers at a contrast of at least 4.5:1 and stay apart under the
common colour-vision deficiencies (``tests/test_kinds.py`` measures both); the shape is the
second cue, so no reader depends on colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class KindStyle:
    """The look of one kind of claim: fill colour, text colour and marker shape."""

    fill: str
    text: str
    shape: str


KIND_STYLES: dict[str, KindStyle] = {
    "event": KindStyle("#0a5fa8", "#ffffff", "circle"),
    "figure": KindStyle("#1b7a4b", "#ffffff", "square"),
    "statement": KindStyle("#a34f00", "#ffffff", "speech bubble"),
    "characterisation": KindStyle("#b0367a", "#ffffff", "diamond"),
    "position": KindStyle("#1d1d1f", "#ffffff", "flag"),
    "background": KindStyle("#ffffff", "#1d1d1f", "dashed circle"),
}
"""Every claim kind of :data:`geo._loading.schema.ClaimKind`, in the order legends list them."""


def kind_css() -> str:
    """Style rules giving each kind's marker, badge and swatch its colours."""
    rules = []
    for kind, style in KIND_STYLES.items():
        rules.append(f".kind-{kind}{{--kind-fill:{style.fill};--kind-text:{style.text}}}")
    return "".join(rules)
