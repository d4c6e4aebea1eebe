"""Scripts and styles inlined into every map, taken from installed PyPI packages.

Maps must work opened from disk with no network, so nothing is linked from a CDN:
Leaflet comes from ``xstatic-leaflet``. (folium's generated code needs only Leaflet, since
the maps use no folium popups or tooltips, which would need jQuery.)
"""

from __future__ import annotations

import base64
import re
from functools import cache
from pathlib import Path

import xstatic.pkg.leaflet

_SOURCE_MAP = re.compile(r"^\s*//# sourceMappingURL=.*$", re.MULTILINE)
_SCRIPT_END = re.compile(r"</(script)", re.IGNORECASE)
_IE_BEHAVIOR = re.compile(r"^\s*behavior:[^;]*;\s*$", re.MULTILINE)
"""Leaflet's VML rule for Internet Explorer 8, which no browser reads and validators refuse."""
_CSS_URL = re.compile(r"url\((?:images/)([\w.-]+\.png)\)")


def _read(base: str, name: str) -> str:
    return (Path(base) / name).read_text(encoding="utf-8")


def script_safe(code: str) -> str:
    """Make JavaScript safe inside an HTML ``<script>`` element."""
    return _SCRIPT_END.sub(r"<\\/\1", code).replace("<!--", "<\\!--")


@cache
def leaflet_js() -> str:
    """Leaflet's minified script, without its source-map comment."""
    return _SOURCE_MAP.sub("", _read(xstatic.pkg.leaflet.BASE_DIR, "leaflet.js"))


@cache
def leaflet_css() -> str:
    """Leaflet's style sheet with its images inlined as data URIs."""
    base = Path(xstatic.pkg.leaflet.BASE_DIR)

    def inline(match: re.Match[str]) -> str:
        data = (base / "images" / match.group(1)).read_bytes()
        return f"url(data:image/png;base64,{base64.b64encode(data).decode('ascii')})"

    css = _IE_BEHAVIOR.sub("", _read(str(base), "leaflet.css"))
    return _CSS_URL.sub(inline, css).replace("</", "<\\/")
