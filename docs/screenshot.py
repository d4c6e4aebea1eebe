"""Make the README's pictures of a map: ``python docs/screenshot.py [MAP] [--out-dir DIR]``.

It opens the built map from disk in Debian's headless Chromium with the network refused,
as a reader would offline, and saves three pictures: ``map.png`` (a desktop at 1280×800,
the first view), ``phone.png`` (390×844, a claim open, as a link to it opens it) and
``print.png`` (the first A4 page as the browser prints it); and ``card.png``, the article's
static card as ``corridor-map export --format png`` writes it. The tests never write them.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Browser, Page  # noqa: E402

from tests.browser import chromium, open_offline  # noqa: E402

A4_PX = (794, 1123)
"""An A4 page in CSS pixels (96 per inch)."""


def opened(browser: Browser, path: Path, size: tuple[int, int], fragment: str = "") -> Page:
    page, log = open_offline(browser, path, fragment=fragment, viewport=size)
    page.wait_for_selector("html[data-claims-ready]")
    page.wait_for_timeout(400)
    if log.errors or log.requests:
        raise SystemExit(f"the map reported errors {log.errors} or requests {log.requests}")
    return page


def first_claim_with_places(path: Path) -> str:
    """The id of the map's first claim naming more than one place (else its first claim)."""
    text = path.read_text(encoding="utf-8")
    start = text.index('id="corridor-claims">') + len('id="corridor-claims">')
    claims = json.loads(text[start : text.index("</script>", start)])["claims"]
    return next((c["id"] for c in claims if len(c["places"]) > 1), claims[0]["id"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "map",
        nargs="?",
        type=Path,
        default=ROOT / "maps" / "statesman-2017-09-09-cpec-anti-terror.html",
        help="the built map to photograph",
    )
    parser.add_argument("--out-dir", type=Path, default=ROOT / "docs")
    args = parser.parse_args()
    card(args.map, args.out_dir / "card.png")
    with chromium() as browser:
        page = opened(browser, args.map, (1280, 800))
        page.screenshot(path=str(args.out_dir / "map.png"))
        page.close()

        claim = first_claim_with_places(args.map)
        page = opened(browser, args.map, (390, 844), f"#claim-{claim}")
        page.screenshot(path=str(args.out_dir / "phone.png"))
        page.close()

        page = opened(browser, args.map, A4_PX)
        page.emulate_media(media="print")
        page.wait_for_timeout(400)
        page.screenshot(path=str(args.out_dir / "print.png"), full_page=False)
        page.close()
    print(f"wrote map.png, phone.png and print.png in {args.out_dir}")


def card(map_path: Path, out: Path) -> None:
    """The static card of the map's article, as ``corridor-map export`` writes it."""
    import geo

    dataset = geo.load_dataset(ROOT / "data")
    geo.export(dataset, "png", out, article_id=map_path.stem)


if __name__ == "__main__":
    main()
