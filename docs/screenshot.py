"""Make the README's picture of a map: ``python docs/screenshot.py [MAP] [--out PNG]``.

It opens the built map from disk in Debian's headless Chromium with the network blocked,
as a reader would offline, and saves a 1280×800 screenshot. The tests never write it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser import chromium, open_offline  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "map",
        nargs="?",
        type=Path,
        default=ROOT / "maps" / "statesman-2017-09-09-cpec-anti-terror.html",
        help="the built map to photograph",
    )
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "map.png")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=800)
    args = parser.parse_args()
    with chromium() as browser:
        page, log = open_offline(browser, args.map, viewport=(args.width, args.height))
        page.wait_for_selector("html[data-claims-ready]")
        page.wait_for_timeout(300)
        if log.errors:
            raise SystemExit(f"the map reported errors: {log.errors}")
        page.screenshot(path=str(args.out))
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
