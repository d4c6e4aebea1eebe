"""Benchmark corridor-map at archive scale.

Generates a synthetic archive (``bench/synthetic.py``) in a temporary folder, builds it with
the real CLI, opens the overview map in headless Chromium and prints what it measured.
Medians of ``--runs`` runs; the machine is noisy.

Example::

    python bench/scale.py --articles 500 5000 --claims-per-article 20 --runs 1 --json
    python bench/scale.py --articles 50 --claims-per-article 20 --compare-naive
"""

from __future__ import annotations

import argparse
import html
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.synthetic import make_archive  # noqa: E402
from geo._building.build import available_cores  # noqa: E402
from geo._building.extract import extract_article  # noqa: E402
from tests.browser import chromium, open_offline  # noqa: E402

NAIVE_TIMEOUT_S = 120


def measure_process(command: list[str], cwd: Path) -> tuple[float, float, int, str]:
    """Run ``command`` in ``cwd``; return (wall seconds, peak RSS in MB of the child, exit
    status, what it wrote to stderr).

    ``cwd`` is a temporary folder, never the repository: ``python -m geo`` run there would
    import the source tree (uncompiled, when bytecode writing is off) instead of the
    installed package a user runs. stderr goes to a file, so a child that writes much
    cannot block on a full pipe while it is waited for.
    """
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - started
        errors.seek(0)
        stderr = errors.read().decode(errors="replace")
    return elapsed, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status), stderr


def run_process(command: list[str], cwd: Path) -> tuple[float, float]:
    """Run ``command`` (see :func:`measure_process`); return (wall seconds, peak RSS in MB),
    or stop the benchmark when it fails."""
    elapsed, rss, status, stderr = measure_process(command, cwd)
    if status != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{stderr}")
    return elapsed, rss


def text_payload_bytes(data: Path) -> int:
    """Bytes of the text the overview must carry: quotes, article and speaker metadata."""
    total = 0
    for folder in sorted((data / "articles").iterdir()):
        claims = json.loads((folder / "claims.json").read_text(encoding="utf-8"))
        meta = json.loads((folder / "article.json").read_text(encoding="utf-8"))["metadata"]
        total += sum(len(c["quote"].encode()) + len(c["id"].encode()) for c in claims["claims"])
        total += sum(
            len(str(meta[k]["value"]).encode()) for k in ("headline", "publisher", "published")
        )
        total += len(folder.name.encode())
        total += sum(
            len(s["name"].encode()) + len(s.get("role", "").encode())
            for s in claims["speakers"].values()
        )
    return total


def browser_metrics(
    path: Path, ready_selector: str, marker_js: str, strict: bool = True
) -> tuple[float, float, float]:
    """Open ``path`` offline; return (seconds from navigation to ready, popup ms, and for
    the overview, ms until the popup's quotes are shown)."""
    with chromium() as browser:
        page, log = open_offline(browser, path)
        page.wait_for_selector(ready_selector, timeout=NAIVE_TIMEOUT_S * 1000)
        ready = page.evaluate(
            "(() => { const e = performance.getEntriesByType('navigation')[0];"
            " return (Number(document.documentElement.dataset.readyMs || performance.now())"
            " - e.startTime) / 1000; })()"
        )
        popup = float(page.evaluate(marker_js))
        if strict and log.errors:
            raise SystemExit(f"console errors in {path.name}: {log.errors[:3]}")
        page.close()
        quotes = 0.0
        if ready_selector == OVERVIEW_READY:
            # On a fresh page: the popup above loaded its quotes already.
            page, log = open_offline(browser, path)
            page.wait_for_selector(ready_selector, timeout=NAIVE_TIMEOUT_S * 1000)
            quotes = float(page.evaluate(QUOTES_JS))
            if strict and log.errors:
                raise SystemExit(f"console errors in {path.name}: {log.errors[:3]}")
            page.close()
    return float(ready), popup, quotes


OVERVIEW_POPUP_JS = """(() => {
  const api = window.corridorOverviewApi;
  let best = api.markers[0];
  api.markers.forEach(m => { if (m.getRadius() > best.getRadius()) best = m; });
  const t = performance.now();
  best.fire('click');
  document.querySelector('.leaflet-popup .overview-popup').getBoundingClientRect();
  return performance.now() - t;
})()"""

OVERVIEW_READY = "html[data-overview-ready]"
QUOTES_JS = """(async () => {
  const api = window.corridorOverviewApi;
  let best = api.markers[0];
  api.markers.forEach(m => { if (m.getRadius() > best.getRadius()) best = m; });
  const t = performance.now();
  best.fire('click');
  // The shared layout's overview loads quotes from each article's file.
  while (document.querySelector('.leaflet-popup .claim-quote-text[data-loading]'))
    await new Promise(resolve => requestAnimationFrame(resolve));
  return performance.now() - t;
})()"""
"""Milliseconds from a click on the largest circle until its popup shows every quote."""

NAIVE_POPUP_JS = """(() => {
  const icon = document.querySelector('.leaflet-marker-icon');
  const t = performance.now();
  icon.dispatchEvent(new MouseEvent('click', {bubbles: true}));
  document.querySelector('.leaflet-popup').getBoundingClientRect();
  return performance.now() - t;
})()"""


def naive_build(data: Path, out: Path) -> None:
    """Build the same claims as one folium Marker each (the approach to beat)."""
    import folium
    from branca.element import Figure

    from geo._checks.validate import load_dataset
    from geo._rendering.assets import leaflet_css, leaflet_js

    dataset = load_dataset(data)
    fmap = folium.Map(location=[33, 72], zoom_start=4, tiles=None)
    fmap.default_js = []
    fmap.default_css = []
    figure = fmap.get_root()
    assert isinstance(figure, Figure)
    figure.header.add_child(folium.Element(f"<style>{leaflet_css()}</style>"))
    figure.header.add_child(folium.Element(f"<script>{leaflet_js()}</script>"))
    try:
        import xstatic.pkg.jquery as jquery

        jq = (Path(jquery.BASE_DIR) / "jquery.min.js").read_text(encoding="utf-8")
        figure.header.add_child(folium.Element(f"<script>{jq}</script>"))
    except ImportError:
        raise SystemExit("--compare-naive needs xstatic-jquery (pip install '.[bench]')") from None
    count = 0
    for article in dataset.articles:
        for claim in article.claims:
            place = dataset.places[claim.places[0]].geometry.representative_point()
            folium.Marker([place.y, place.x], popup=folium.Popup(html.escape(claim.quote))).add_to(
                fmap
            )
            count += 1
    script = f"document.documentElement.setAttribute('data-naive-ready', '{count}');"
    figure.script.add_child(folium.Element(script))
    out.write_text(figure.render(), encoding="utf-8")


def folder_bytes(folder: Path) -> int:
    """Bytes of every file under ``folder``."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


INCREMENTAL_ROUNDS = 3
"""Incremental builds measured in a run, each after correcting another article, and import
floors measured between them: medians of both."""


def touch_one_article(data: Path, which: int = -1) -> None:
    """Correct a speaker's name in an article (the last, by default), as an editor would."""
    touched = sorted((data / "articles").iterdir())[which] / "claims.json"
    document = json.loads(touched.read_text(encoding="utf-8"))
    first_speaker = next(iter(document["speakers"].values()))
    first_speaker["name"] += " (corrected)"
    touched.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")


def one_run(
    articles: int, claims_per_article: int, naive: bool, seed: int, layout: str
) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        data = make_archive(root, articles, claims_per_article, seed=seed)
        env_cache = root / "cache"
        os.environ["XDG_CACHE_HOME"] = str(env_cache)  # the manifests stay in the run's folder
        floor_command = [sys.executable, "-c", "import folium, shapely, pyproj"]
        floor, _ = run_process(floor_command, root)
        build_command = [sys.executable, "-m", "geo", "build", "--data", str(data)]
        build_command += ["--out", str(root / "maps"), "--layout", layout]
        # A clean build with the default number of jobs (the cores available).
        build, rss = run_process(build_command, root)
        # The same clean build in one process, into a folder of its own (so it writes every
        # file too, as the build it is compared with did).
        one_job_command = [sys.executable, "-m", "geo", "build", "--data", str(data)]
        one_job_command += ["--out", str(root / "maps-one-job"), "--layout", layout]
        one_job, _ = run_process([*one_job_command, "--jobs", "1"], root)
        unchanged, _ = run_process(build_command, root)
        floors, incrementals, incremental_rsses = [floor], [], []
        for round_number in range(INCREMENTAL_ROUNDS):
            touch_one_article(data, -1 - round_number * 97)
            # Files modified within RACY_NS of a build are compared by bytes: an editor's
            # correction comes later than that.
            time.sleep(2.1)
            seconds, round_rss = run_process(build_command, root)
            incrementals.append(seconds)
            incremental_rsses.append(round_rss)
            floors.append(run_process(floor_command, root)[0])
        floor = statistics.median(floors)
        incremental = statistics.median(incrementals)
        incremental_rss = max(incremental_rsses)
        maps_bytes = folder_bytes(root / "maps")
        overview = root / "maps" / "index.html"
        claims = sum(
            len(json.loads((f / "claims.json").read_text())["claims"])
            for f in (data / "articles").iterdir()
        )
        ready, popup, quotes = browser_metrics(overview, OVERVIEW_READY, OVERVIEW_POPUP_JS)
        article_count = len(list((data / "articles").iterdir()))
        result: dict[str, Any] = {
            "claims": claims,
            "articles": article_count,
            "layout": layout,
            "build_seconds": build,
            "jobs": available_cores(),
            "build_one_job_seconds": one_job,
            "jobs_speedup": one_job / build,
            "unchanged_build_seconds": unchanged,
            "incremental_build_seconds": incremental,
            "incremental_over_floor_seconds": incremental - floor,
            "incremental_peak_rss_mb": incremental_rss,
            "maps_bytes_per_article": maps_bytes / article_count,
            "import_floor_seconds": floor,
            "overview_html_bytes": overview.stat().st_size,
            "text_payload_bytes": text_payload_bytes(data),
            "browser_ready_seconds": ready,
            "popup_ms": popup,
            "popup_quotes_ms": quotes,
            "peak_rss_mb": rss,
            "per_article_ms": 1000 * (one_job - floor) / article_count,
        }
        if naive:
            naive_path = root / "naive.html"
            naive_build_s, _ = run_process(
                [sys.executable, __file__, "--naive-build", str(data), str(naive_path)], root
            )
            try:
                # Its default marker images are missing offline: errors are expected.
                naive_ready, naive_popup, _ = browser_metrics(
                    naive_path, "html[data-naive-ready]", NAIVE_POPUP_JS, strict=False
                )
            except Exception:  # the naive page may never become ready in time
                naive_ready, naive_popup = float("inf"), float("nan")
            result.update(
                naive_build_seconds=naive_build_s,
                naive_html_bytes=naive_path.stat().st_size,
                naive_ready_seconds=naive_ready,
                naive_popup_ms=naive_popup,
                build_ratio=naive_build_s / build,
                size_ratio=naive_path.stat().st_size / overview.stat().st_size,
                ready_ratio=naive_ready / ready,
            )
        return result


def seed_run(data: Path | None = None) -> dict[str, Any]:
    """One whole CLI build against the import floors.

    Without ``data``, the first article of the project's ``data/`` alone (its world
    extracted, as :func:`geo._building.extract.extract_article` does); otherwise the whole folder.
    The honest floor is what a build truly needs (folium, shapely, pyproj); the older,
    larger one (geopandas, folium) is kept for comparison with earlier measurements.
    """
    with tempfile.TemporaryDirectory() as folder:
        if data is None:
            first = sorted(p.name for p in (ROOT / "data" / "articles").iterdir())[0]
            data = extract_article(ROOT / "data", first, Path(folder) / "data")
        floor, _ = run_process(
            [sys.executable, "-c", "import folium, shapely, pyproj"], Path(folder)
        )
        old_floor, _ = run_process([sys.executable, "-c", "import geopandas, folium"], Path(folder))
        out = str(Path(folder) / "maps")
        build, rss = run_process(
            [sys.executable, "-m", "geo", "build", "--data", str(data), "--out", out],
            Path(folder),
        )
    return {
        "build_seconds": build,
        "import_floor_seconds": floor,
        "build_to_floor": build / floor,
        "geopandas_floor_seconds": old_floor,
        "build_to_geopandas_floor": build / old_floor,
        "peak_rss_mb": rss,
    }


def measured_package() -> str:
    """Where the measured CLI imports ``geo`` from (the installed package, normally)."""
    with tempfile.TemporaryDirectory() as folder:
        return subprocess.run(
            [sys.executable, "-c", "import geo; print(geo.__file__)"],
            cwd=folder,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--articles",
        type=int,
        nargs="+",
        default=[50],
        help="archive sizes; with several, the growth from the first to the last is reported",
    )
    parser.add_argument("--claims-per-article", type=int, default=20)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--layout", choices=["standalone", "shared"], default="shared")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--compare-naive", action="store_true")
    parser.add_argument(
        "--seed",
        action="store_true",
        help="measure a build of the first article of data/ alone instead",
    )
    parser.add_argument("--data", type=Path, help="measure a build of this data folder instead")
    parser.add_argument("--naive-build", nargs=2, metavar=("DATA", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.naive_build:
        naive_build(Path(args.naive_build[0]), Path(args.naive_build[1]))
        return
    if args.seed or args.data:
        data = args.data.resolve() if args.data else None
        result = _medians([seed_run(data) for _ in range(args.runs)])
    else:
        sizes = {}
        for articles in args.articles:
            runs = [
                one_run(articles, args.claims_per_article, args.compare_naive, seed, args.layout)
                for seed in range(args.runs)
            ]
            sizes[articles] = _medians(runs)
            sizes[articles]["html_to_payload"] = (
                sizes[articles]["overview_html_bytes"] / sizes[articles]["text_payload_bytes"]
            )
        result = sizes[args.articles[-1]]
        if len(sizes) > 1:
            first = sizes[args.articles[0]]
            result["smaller"] = first
            result["growth"] = {
                key: result[key] / first[key]
                for key in (
                    "articles",
                    "build_seconds",
                    "build_one_job_seconds",
                    "incremental_build_seconds",
                    "maps_bytes_per_article",
                    "overview_html_bytes",
                    "browser_ready_seconds",
                    "peak_rss_mb",
                )
                if first[key]
            }
    result["geo_package"] = measured_package()
    if args.json:
        print(json.dumps(result, sort_keys=True))
    else:
        for key, value in sorted(result.items()):
            print(f"{key:>30}: {value:,.3f}" if isinstance(value, float) else f"{key:>30}: {value}")


def _medians(runs: list[dict[str, Any]]) -> dict[str, Any]:
    result = {
        key: statistics.median(run[key] for run in runs)
        if isinstance(runs[0][key], (int, float))
        else runs[0][key]
        for key in runs[0]
    }
    result["runs"] = len(runs)
    return result


if __name__ == "__main__":
    main()
