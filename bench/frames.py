"""Benchmark how smoothly a built map zooms and pans in headless Chromium.

Opens each map given, with the network refused, and records the time between animation
frames (``requestAnimationFrame``) while the map zooms in three steps, out three steps
and pans four times, all animated as a reader's wheel and drag would. Prints the slowest
5 % of frames (95th percentile), the slowest frame, the number of DOM elements and of
focusable elements in the map, the time to the first view and the requests made.
``--throttle`` slows the CPU as DevTools does, to see on a fast machine what a phone would.

Example::

    python bench/frames.py maps/*.html --viewport 1920x1080 --throttle 4 --runs 3
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser import chromium, open_offline  # noqa: E402

GESTURES = """async () => {
    const map = window[document.querySelector('.folium-map').id];
    const frames = [];
    let running = true;
    const tick = time => { frames.push(time); if (running) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
    const wait = ms => new Promise(done => setTimeout(done, ms));
    for (let i = 0; i < 3; i += 1) { map.zoomIn(1); await wait(500); }
    for (let i = 0; i < 3; i += 1) { map.zoomOut(1); await wait(500); }
    for (let i = 0; i < 4; i += 1) { map.panBy([160, 90]); await wait(400); }
    running = false;
    const gaps = [];
    for (let i = 1; i < frames.length; i += 1) gaps.push(frames[i] - frames[i - 1]);
    return gaps;
}"""

COUNTS = """() => {
    const map = document.querySelector('.folium-map');
    const focusable = map.querySelectorAll('a[href], button, input, select, ' +
        '[tabindex]:not([tabindex="-1"]), path.leaflet-interactive');
    return {elements: map.querySelectorAll('*').length, focusable: focusable.length};
}"""


def measure(path: Path, viewport: tuple[int, int], throttle: float) -> dict[str, Any]:
    """One run over one map: frame gaps while zooming and panning, and element counts."""
    with chromium() as browser:
        page, log = open_offline(browser, path, viewport=viewport)
        page.wait_for_selector("html[data-claims-ready], html[data-overview-ready]")
        ready_ms = page.evaluate("performance.now()")
        if throttle > 1:
            session = page.context.new_cdp_session(page)
            session.send("Emulation.setCPUThrottlingRate", {"rate": throttle})
        gaps = sorted(page.evaluate(GESTURES))
        counts = page.evaluate(COUNTS)
        page.close()
    return {
        "p95_ms": gaps[int(0.95 * (len(gaps) - 1))],
        "max_ms": gaps[-1],
        "frames": len(gaps),
        "ready_ms": ready_ms,
        "requests": len(log.requests),
        **counts,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("maps", nargs="+", type=Path, help="built HTML maps to open")
    parser.add_argument("--viewport", default="1280x800", help="WIDTHxHEIGHT in CSS pixels")
    parser.add_argument("--throttle", type=float, default=1.0, help="CPU slow-down factor")
    parser.add_argument("--runs", type=int, default=3, help="runs per map; medians are shown")
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args()
    width, height = (int(part) for part in args.viewport.split("x"))
    results = {}
    for path in args.maps:
        runs = [measure(path, (width, height), args.throttle) for _ in range(args.runs)]
        results[path.name] = {
            key: round(statistics.median(run[key] for run in runs), 1) for key in runs[0]
        }
    if args.json:
        print(json.dumps(results, indent=2))
        return
    print(f"viewport {args.viewport}, CPU throttle {args.throttle}x, median of {args.runs}")
    for name, row in results.items():
        print(
            f"{name}: slowest 5 % of frames {row['p95_ms']} ms, slowest {row['max_ms']} ms, "
            f"{row['frames']:.0f} frames; {row['elements']:.0f} elements in the map, "
            f"{row['focusable']:.0f} focusable; first view at {row['ready_ms']} ms; "
            f"{row['requests']:.0f} requests"
        )


if __name__ == "__main__":
    main()
