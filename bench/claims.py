"""Benchmark one article of very many claims: validate, a typo's report, and its map.

Three measures, each on a synthetic article (``bench/synthetic.py``) in a temporary folder,
run with the installed CLI as a user runs it:

* ``validate`` on one article of 10,000, 50,000 and 100,000 claims (wall time, peak memory,
  and milliseconds per claim, which stay flat when the checks are linear);
* ``validate`` on a 200 KB article where one 1,700-character quote has a one-character
  typo: the time until the refusal, which names the closest passage;
* the article map of 10,000 claims in headless Chromium: time until it is ready, and the
  longest task that blocks the page while it zooms in and out and pans.

Example::

    python bench/claims.py
    python bench/claims.py --sizes 10000 20000 --json
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.scale import measure_process as run  # noqa: E402
from bench.synthetic import make_archive  # noqa: E402
from tests.browser import chromium, open_offline  # noqa: E402

TYPO_BODY_BYTES = 200_000
TYPO_QUOTE_CHARS = 1_700


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "geo", *args]


def validate_at(size: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        data = make_archive(root, 1, size)
        seconds, rss, status, stderr = run(cli("validate", "--data", str(data)), root)
        if status != 0:
            raise SystemExit(f"validate failed at {size} claims:\n{stderr}")
    return {
        "claims": size,
        "validate_seconds": round(seconds, 2),
        "ms_per_claim": round(1000 * seconds / size, 3),
        "peak_rss_mb": round(rss),
    }


def typo_report() -> dict[str, Any]:
    """A one-character typo in a long quote of a 200 KB article, reported with its passage."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        data = make_archive(root, 1, 2_250)
        article = data / "articles" / "synthetic-00000"
        body = (article / "body.txt").read_text(encoding="utf-8")
        claims_path = article / "claims.json"
        document = json.loads(claims_path.read_text(encoding="utf-8"))
        claim = document["claims"][len(document["claims"]) // 2]
        start = body.index(claim["quote"])
        quote = body[start : start + TYPO_QUOTE_CHARS].rstrip()
        middle = len(quote) // 2
        typo = "x" if quote[middle] != "x" else "y"
        claim["quote"] = quote[:middle] + typo + quote[middle + 1 :]
        claims_path.write_text(json.dumps(document), encoding="utf-8")
        seconds, _, status, stderr = run(cli("validate", "--data", str(data)), root)
    reported = [line for line in stderr.splitlines() if "closest passage" in line]
    if status != 1 or not reported or quote[:60] not in reported[0]:
        raise SystemExit(f"the typo was not reported with its passage:\n{stderr[:2000]}")
    return {
        "body_bytes": len(body.encode()),
        "quote_chars": len(quote),
        "report_seconds": round(seconds, 2),
    }


LONGEST_TASK = """async () => {
    const map = window[document.querySelector('.folium-map').id];
    const tasks = [];
    const observer = new PerformanceObserver(list => {
        list.getEntries().forEach(entry => tasks.push(entry.duration));
    });
    observer.observe({ type: 'longtask' });
    const wait = ms => new Promise(done => setTimeout(done, ms));
    for (let i = 0; i < 3; i += 1) { map.zoomIn(1); await wait(600); }
    for (let i = 0; i < 3; i += 1) { map.zoomOut(1); await wait(600); }
    for (let i = 0; i < 4; i += 1) { map.panBy([160, 90]); await wait(500); }
    await wait(300);
    observer.disconnect();
    return tasks.length ? Math.max(...tasks) : 0;
}"""


def article_map(size: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        data = make_archive(root, 1, size)
        seconds, rss, status, stderr = run(
            cli("build", "--data", str(data), "--out", str(root / "maps")), root
        )
        if status != 0:
            raise SystemExit(f"build failed:\n{stderr}")
        path = root / "maps" / "synthetic-00000.html"
        size_bytes = path.stat().st_size
        with chromium() as browser:
            page, log = open_offline(browser, path)
            page.wait_for_selector("html[data-claims-ready]", timeout=120_000)
            ready = page.evaluate(
                "performance.now() - performance.getEntriesByType('navigation')[0].startTime"
            )
            longest = page.evaluate(LONGEST_TASK)
            if log.errors or log.requests:
                raise SystemExit(f"the map misbehaved: {log.errors[:3]} {log.requests[:3]}")
    return {
        "claims": size,
        "build_seconds": round(seconds, 2),
        "build_peak_rss_mb": round(rss),
        "html_bytes": size_bytes,
        "ready_seconds": round(ready / 1000, 2),
        "longest_task_ms": round(longest),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 50_000, 100_000])
    parser.add_argument("--map-claims", type=int, default=10_000)
    parser.add_argument("--json", action="store_true", help="Print one JSON object.")
    options = parser.parse_args()
    result: dict[str, Any] = {
        "validate": [validate_at(size) for size in options.sizes],
        "typo": typo_report(),
        "map": article_map(options.map_claims),
    }
    if options.json:
        print(json.dumps(result, indent=2))
        return
    for row in result["validate"]:
        print(
            f"validate, one article of {row['claims']:,} claims: {row['validate_seconds']} s "
            f"({row['ms_per_claim']} ms a claim, {row['peak_rss_mb']} MB)"
        )
    typo = result["typo"]
    print(
        f"a typo in a {typo['quote_chars']:,}-character quote of a {typo['body_bytes']:,}-byte "
        f"article: reported with its closest passage in {typo['report_seconds']} s"
    )
    shown = result["map"]
    print(
        f"article map of {shown['claims']:,} claims: built in {shown['build_seconds']} s, "
        f"{shown['html_bytes']:,} bytes, ready in {shown['ready_seconds']} s, longest task "
        f"while zooming and panning {shown['longest_task_ms']} ms"
    )


if __name__ == "__main__":
    main()
