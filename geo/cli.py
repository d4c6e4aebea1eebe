"""The ``corridor-map`` command line: a thin click layer over the library."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import NoReturn

import click

from geo import __version__
from geo._checks.place_rules import GEOMETRY_BY_KIND as PLACE_KINDS
from geo._checks.validate import load_dataset
from geo._checks.validate_ids import unknown_id_message
from geo._export.files import EXPORT_FORMATS, LAYERS
from geo.entry import imports_uncollected
from geo.errors import CorridorMapError, DataError, Problem, printable

_DATA_OPTION = click.option(
    "--data",
    "data_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("data"),
    show_default=True,
    help="The data folder (articles/ and geojson/).",
)


@click.group(
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog="Example:\n\n\b\n    corridor-map build && xdg-open maps/*.html",
)
@click.version_option(__version__, prog_name="corridor-map")
def cli() -> None:
    """Turn news articles into interactive, fact-anchored maps."""


@cli.command(
    epilog="Example:\n\n\b\n    corridor-map build --data data --out maps --open",
)
@_DATA_OPTION
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("maps"),
    show_default=True,
    help="Folder the HTML maps are written to.",
)
@click.option("--open", "open_browser", is_flag=True, help="Open the first map in a web browser.")
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Processes rendering maps at once  [default: the cores available]",
)
@click.option("--force", is_flag=True, help="Render every map, even those up to date.")
@click.option(
    "--layout",
    type=click.Choice(["standalone", "shared"]),
    default=None,
    help="Each map one file, or maps sharing scripts, styles and shapes in OUT/assets/  "
    "[default: settings.json's layout, else standalone]",
)
@click.option(
    "--dask",
    "dask_address",
    metavar="ADDRESS",
    default=None,
    help="Check and render the articles on the Dask cluster whose scheduler is at ADDRESS "
    "(its workers must see the data folder at the same path).",
)
def build(
    data_dir: Path,
    out_dir: Path,
    open_browser: bool,
    jobs: int | None,
    force: bool,
    layout: str | None,
    dask_address: str | None,
) -> None:
    """Validate the data, then write one HTML map per article.

    Maps whose article, places, settings and code did not change since the last build
    into the same folder are left as they are; the maps are the same bytes either way.
    """
    # Only here: validate needs neither folium nor Leaflet.
    with imports_uncollected():
        from geo._building.build import available_cores, build_maps

    bar = _ProgressBar() if sys.stderr.isatty() else None
    try:
        result = build_maps(
            data_dir,
            out_dir,
            jobs=jobs or available_cores(),
            force=force,
            progress=bar.update if bar else None,
            layout=layout,
            dask=dask_address,
        )
    except CorridorMapError as exc:
        if bar:
            bar.clear()
        _fail(exc)
    if bar:
        bar.clear()
    _warn(result.warnings)
    # As (out_dir / name).as_posix() says, without making thousands of paths.
    folder = out_dir.as_posix()
    prefix = "" if folder == "." else folder if folder.endswith("/") else f"{folder}/"
    # One write for thousands of lines, not one each.
    _say_lines(f"{'wrote' if m.changed else 'unchanged'} {prefix}{m.name}" for m in result.maps)
    for path in result.removed:
        if path.parent != out_dir:
            why = "no map loads it"
        elif path.name == "index.html":
            why = "fewer than two articles need no overview"
        else:
            why = "its article is gone"
        _say(f"removed {path.as_posix()} ({why})")
    if open_browser and result.maps:
        import webbrowser  # only here: it is slow to import and most builds do not open

        webbrowser.open(result.maps[0].path.resolve().as_uri())


@cli.command(epilog="Example:\n\n\b\n    corridor-map validate --data data")
@_DATA_OPTION
def validate(data_dir: Path) -> None:
    """Check every article and place file; list every problem found."""
    try:
        dataset = load_dataset(data_dir)
    except CorridorMapError as exc:
        _fail(exc)
    _warn(dataset.warnings)
    claims = sum(len(article.claims) for article in dataset.articles)
    _say(
        f"OK: {len(dataset.articles)} article(s), {claims} claim(s), "
        f"{len(dataset.places)} place(s) in {data_dir.as_posix()}"
    )


@cli.command(
    epilog="Example:\n\n\b\n    corridor-map extract ARTICLE-ID --data data --out one-article"
)
@click.argument("article_id")
@_DATA_OPTION
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="New data folder to write (must not exist).",
)
def extract(article_id: str, data_dir: Path, out_dir: Path) -> None:
    """Copy one article and only the places it uses into a data folder of its own."""
    from geo._building.extract import extract_article

    try:
        dataset = load_dataset(data_dir)
    except CorridorMapError as exc:
        _fail(exc)
    if article_id not in {article.id for article in dataset.articles}:
        known = sorted(article.id for article in dataset.articles)
        _fail(CorridorMapError(unknown_id_message(article_id, known, "article")))
    if out_dir.exists():
        _fail(CorridorMapError(f"{out_dir.as_posix()} already exists"))
    extract_article(data_dir, article_id, out_dir)
    places = len(list((out_dir / "geojson").glob("*.geojson")))
    _say(f"wrote {out_dir.as_posix()}: 1 article, {places} place(s)")


_EXPORT_EXAMPLES = """Examples:

\b
    corridor-map export --format gpkg --out corridor.gpkg
    corridor-map export --format geojson --out claims.geojson
    corridor-map export --format csv --layer places --out places.csv
    corridor-map export --format png --article ARTICLE-ID --out card.png
"""


@cli.command(epilog=_EXPORT_EXAMPLES)
@click.option(
    "--format",
    "fmt",
    required=True,
    type=click.Choice(EXPORT_FORMATS),
    help="geojson, csv or gpkg for GIS; png or svg for a static card of one article.",
)
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The file to write (replaced if it exists).",
)
@click.option("--article", "article_id", help="Only this article (the card's article).")
@click.option(
    "--layer",
    type=click.Choice(LAYERS),
    help="For geojson and csv: claims (default) or places; gpkg holds both unless given.",
)
@_DATA_OPTION
def export(fmt: str, out: Path, article_id: str | None, layer: str | None, data_dir: Path) -> None:
    """Export claims and places for GIS, or an article's map as a static card.

    geojson (RFC 7946) and csv (geometry as WKT) hold one layer: one row per claim at its
    marker's point, or one per place with its geometry; gpkg holds both layers. png
    (2400×1350 pixels, a 1200×675 card at 2×) and svg draw one article: its places, a
    numbered marker per claim, a legend and the attribution. The same data gives the
    same bytes.
    """
    from geo.api import export as export_data

    try:
        dataset = load_dataset(data_dir)
        _warn(dataset.warnings)
        written = export_data(dataset, fmt, out, article_id=article_id, layer=layer)
    except CorridorMapError as exc:
        _fail(exc)
    _say(f"wrote {written.as_posix()}")


_DRAFT_EXAMPLES = """Examples:

\b
    corridor-map draft story.txt --id dawn-2021-07-15-dasu --published 2021-07-15 \\
        --publisher Dawn --url https://example.org/news/dasu-story
    corridor-map draft saved-page.html --id reuters-2024-03-26-besham
"""


@cli.command(
    epilog="Examples:\n\n\b\n    corridor-map check\n    corridor-map check --json > verdicts.json"
)
@_DATA_OPTION
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
def check(data_dir: Path, as_json: bool) -> None:
    """Check every geographic statement of the claims against the places' geometry.

    Prints each statement with its verdict (holds, contradicted, cannot be checked), the
    figure computed and the rule used. Exits 0 when nothing is contradicted, 1 when
    something is, 2 when the data is invalid.
    """
    from geo._checks.factcheck import CONTRADICTED, VERDICTS, check_dataset

    try:
        dataset = load_dataset(data_dir)
    except CorridorMapError as exc:
        _fail(exc, status=2)
    _warn(dataset.warnings)
    statements = check_dataset(dataset)
    counts = {verdict: sum(s.verdict == verdict for s in statements) for verdict in VERDICTS}
    off = [(a.id, c.id, u) for a in dataset.articles for c in a.claims for u in c.unchecked]
    if as_json:
        document = {
            "statements": [s.as_json() for s in statements],
            "counts": counts,
            "switched_off": [
                {"article": a, "claim": c, "text": u.text, "reason": u.reason} for a, c, u in off
            ],
        }
        click.echo(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        for s in statements:
            hand = " (by hand)" if s.by_hand else ""
            _say(f"{s.article} {s.claim}: {s.pattern}{hand}: {s.text!r}")
            _say(f"  {s.verdict.upper()}: {s.figure}")
            _say(f"  rule: {s.rule}")
        for article, claim, entry in off:
            _say(f"{article} {claim}: switched off: {entry.text!r}")
            _say(f"  reason: {entry.reason}")
        summary = ", ".join(f"{n} {verdict}" for verdict, n in counts.items())
        switched = f"; {len(off)} switched off" if off else ""
        _say(f"{len(statements)} statement(s): {summary}{switched}")
    sys.exit(1 if counts[CONTRADICTED] else 0)


@cli.command(epilog=_DRAFT_EXAMPLES)
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--id", "article_id", required=True, help="The new article's id (a slug).")
@click.option("--published", help="Publication date, YYYY-MM-DD (a page's own is used).")
@click.option("--publisher", help="The outlet (a page's site name is used).")
@click.option("--url", help="The article's address (a page's own is used).")
@_DATA_OPTION
def draft(
    path: Path,
    article_id: str,
    published: str | None,
    publisher: str | None,
    url: str | None,
    data_dir: Path,
) -> None:
    """Draft data/articles/ID/ from PATH: a .txt article (headline on the first line, then
    paragraphs) or a saved .html page.

    Every claim is marked as a draft, shown as "draft, not reviewed" on the map until
    `corridor-map review ID`. Places the data lacks are added from the offline gazetteer.
    """
    from geo._drafting.draft import draft_article  # only here: drafting needs GeoNames and more

    try:
        drafted = draft_article(data_dir, path, article_id, published, publisher, url)
    except CorridorMapError as exc:
        _fail(exc)
    for added in drafted.added:
        _say(f"added {added.as_posix()} (from the gazetteer: check it is the place meant)")
    _say(f"wrote {drafted.folder.as_posix()}: draft claims, to review before they are trusted")


@cli.command(epilog="Example:\n\n\b\n    corridor-map review dawn-2021-07-15-dasu")
@click.argument("article_id")
@_DATA_OPTION
def review(article_id: str, data_dir: Path) -> None:
    """Mark the drafted claims of ARTICLE_ID as reviewed, once a person has checked each."""
    from geo._drafting.draft import review_article

    try:
        cleared = review_article(data_dir, article_id)
    except CorridorMapError as exc:
        _fail(exc)
    _say(f"reviewed {cleared} draft claim(s) of {article_id}")


@cli.group(epilog="Example:\n\n\b\n    corridor-map places rebuild --from ../shared/natural-earth")
def places() -> None:
    """Manage the place files of data/geojson/."""


@places.command(
    "rebuild",
    epilog="Example:\n\n\b\n    corridor-map places rebuild --from ../shared/natural-earth",
)
@click.option(
    "--from",
    "source_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    required=True,
    help="Folder of the Natural Earth extracts.",
)
@click.option(
    "--catalogue",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The catalogue of places (default: DATA/sources/catalogue.json).",
)
@_DATA_OPTION
def rebuild(source_dir: Path, catalogue: Path | None, data_dir: Path) -> None:
    """Regenerate data/geojson/ from Natural Earth and GeoNames, as the data folder's
    catalogue of places (sources/catalogue.json) declares them."""
    from geo._sources.rebuild import rebuild_places  # only here: builds need no GeoNames

    try:
        written = rebuild_places(source_dir, data_dir, catalogue)
    except CorridorMapError as exc:
        _fail(exc)
    for path, changed in written:
        _say(f"{'wrote' if changed else 'unchanged'} {path.as_posix()}")
    made = {path for path, _ in written}
    for path in sorted((data_dir / "geojson").glob("*.geojson")):
        if path not in made:
            _say(f"kept {path.as_posix()} (not made by rebuild: added by hand or by places add)")


_ADD_EXAMPLES = """Examples:

\b
    corridor-map places add Quetta
    corridor-map places add "Khyber Pakhtunkhwa"
    corridor-map places add Hyderabad --country Pakistan
    corridor-map places add "Tarbela Dam" --kind city --from dams.gpkg --where "NAME = 'Tarbela'"
    corridor-map places add "Dasu Dam site" --lat 35.32 --lon 73.2 --source "WAPDA project page"
"""


@places.command("add", epilog=_ADD_EXAMPLES)
@click.argument("name")
@click.option("--country", help="Only places in this country (name or ISO code).")
@click.option(
    "--kind",
    type=click.Choice(sorted(PLACE_KINDS)),
    help="Only places of this kind; the kind of a place from --from or --lat/--lon.",
)
@click.option("--id", "place_id", help="The place's id (default: from its name).")
@click.option("--geonames-id", type=int, help="The GeoNames id of the town meant.")
@click.option(
    "--from",
    "from_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A vector file (GeoJSON, Shapefile, GeoPackage...) holding the place.",
)
@click.option("--where", help="OGR SQL condition picking the one feature of --from.")
@click.option("--lat", type=float, help="Latitude of a point from a document.")
@click.option("--lon", type=float, help="Longitude of a point from a document.")
@click.option("--source", "source_text", help="Where --lat/--lon (or --from) come from.")
@_DATA_OPTION
def add(
    name: str,
    country: str | None,
    kind: str | None,
    place_id: str | None,
    geonames_id: int | None,
    from_file: Path | None,
    where: str | None,
    lat: float | None,
    lon: float | None,
    source_text: str | None,
    data_dir: Path,
) -> None:
    """Add the place NAME to data/geojson/ from the offline gazetteer, a file or coordinates.

    Towns come from GeoNames, countries, divisions, seas, ports and disputed areas from
    Natural Earth. When several places have the name, they are listed and nothing is
    written: choose one with --country, --kind or --geonames-id.
    """
    from geo._sources import place_add  # only here: builds need neither the gazetteer nor GeoNames

    try:
        if from_file is not None:
            if kind is None:
                raise CorridorMapError("--from needs --kind (what the feature is)")
            path = place_add.add_from_file(
                data_dir, name, from_file, where, kind, source_text, place_id
            )
        elif lat is not None or lon is not None:
            if lat is None or lon is None or not source_text:
                raise CorridorMapError("--lat and --lon need each other and --source")
            path = place_add.add_from_point(
                data_dir, name, lon, lat, source_text, kind or "city", place_id
            )
        else:
            path = place_add.add_from_gazetteer(
                data_dir, name, country, kind, place_id, geonames_id
            )
    except CorridorMapError as exc:
        _fail(exc)
    _say(f"wrote {path.as_posix()}")


class _ProgressBar:
    """A one-line count of the maps rendered, on a terminal only."""

    def __init__(self) -> None:
        self.shown = False

    def update(self, done: int, total: int) -> None:
        if total < 2:
            return
        width = 30
        filled = width * done // total
        click.echo(
            f"\rrendering maps [{'#' * filled}{'.' * (width - filled)}] {done}/{total}",
            err=True,
            nl=False,
        )
        self.shown = True

    def clear(self) -> None:
        if self.shown:
            click.echo("\r\033[K", err=True, nl=False)
            self.shown = False


MAX_LINE = 2_000
"""Longest line printed; longer ones are cut (a message's parts are cut before)."""


def _say(line: str, err: bool = False) -> None:
    """Print one line, every part of it made safe for a terminal (see :func:`printable`)."""
    click.echo(_shown(line), err=err)


def _say_lines(lines: Iterable[str]) -> None:
    """Print lines as :func:`_say` does, in one write."""
    text = "\n".join(_shown(line) for line in lines)
    if text:
        click.echo(text)


def _shown(line: str) -> str:
    shown = printable(line)
    if len(shown) > MAX_LINE:
        shown = f"{shown[:MAX_LINE]}… ({len(shown) - MAX_LINE:,} more characters)"
    return shown


def _warn(warnings: list[Problem]) -> None:
    for warning in warnings:
        _say(f"Warning: {warning}", err=True)


def _fail(exc: CorridorMapError, status: int = 1) -> NoReturn:
    if isinstance(exc, DataError):
        _warn(exc.warnings)
        for problem in exc.problems:
            _say(f"Error: {problem}", err=True)
        if len(exc.problems) > 1:
            _say(f"Error: {len(exc.problems)} problems found", err=True)
    else:
        _say(f"Error: {exc}", err=True)
    sys.exit(status)


def _show_click_error(exc: click.ClickException) -> None:
    """Show an error of click's own as click does, its message made printable.

    A group given no command (click 8.2+ raises ``NoArgsIsHelpError``) shows its help as
    click lays it out: that text is ours, not the user's.
    """
    if type(exc).__name__ == "NoArgsIsHelpError":
        exc.show()
        return
    context = exc.ctx if isinstance(exc, click.UsageError) else None
    if context is not None:
        hint = ""
        if context.command.get_help_option(context) is not None:
            option = max(context.command.get_help_option_names(context), key=len)
            hint = f"Try '{context.command_path} {option}' for help.\n"
        click.echo(f"{context.get_usage()}\n{hint}", err=True)
    _say(f"Error: {exc.format_message()}", err=True)


def main(prog_name: str | None = None) -> None:
    """Entry point of the ``corridor-map`` console script.

    click's own errors (a mistyped option, a missing folder) are shown as click shows them,
    with the part a user typed made printable; an interruption is one line; any other
    exception is a bug, still shown without a traceback unless ``CORRIDOR_MAP_DEBUG`` is set.
    """
    try:
        status = cli.main(prog_name=prog_name or "corridor-map", standalone_mode=False)
    except click.ClickException as exc:
        _show_click_error(exc)
        sys.exit(exc.exit_code)
    except (click.Abort, KeyboardInterrupt):
        _say("Error: interrupted", err=True)
        sys.exit(130)
    except Exception as exc:  # a bug, not bad input: still no traceback unless asked for
        if os.environ.get("CORRIDOR_MAP_DEBUG"):
            raise
        _say(
            f"Error: unexpected {type(exc).__name__}: {exc} "
            "(set CORRIDOR_MAP_DEBUG=1 to see the traceback)",
            err=True,
        )
        sys.exit(1)
    sys.exit(status if isinstance(status, int) else 0)
