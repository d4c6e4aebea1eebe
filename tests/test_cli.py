"""The command line: help, version, exit codes and exact error lines."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from geo import __version__
from geo.cli import cli
from tests.conftest import ARTICLE_ID, ROOT
from tests.conftest import DATA as DATA_DIR
from tests.fixtures import FIRST_ID, write_fixture


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_help_lists_commands_with_an_example() -> None:
    code, out, _ = run("--help")
    assert code == 0
    assert "build     Validate the data, then write one HTML map per article." in out
    assert "validate  Check every article and place file; list every problem found." in out
    assert "corridor-map build && xdg-open maps/*.html" in out


@pytest.mark.parametrize(
    ("command", "example"),
    [
        (["build"], "corridor-map build --data data --out maps --open"),
        (["validate"], "corridor-map validate --data data"),
        (["places"], "corridor-map places rebuild --from ../shared/natural-earth"),
        (["extract"], "corridor-map extract ARTICLE-ID --data data --out one-article"),
        (["places", "rebuild"], "corridor-map places rebuild --from ../shared/natural-earth"),
    ],
)
def test_each_command_has_help_with_an_example(command: list[str], example: str) -> None:
    code, out, _ = run(*command, "--help")
    assert code == 0
    assert example in out
    if command != ["places"]:
        assert "--data DIRECTORY" in out


def test_version() -> None:
    code, out, _ = run("--version")
    assert code == 0
    assert out == f"corridor-map, version {__version__}\n"


def test_validate_clean_data(seed_data: Path) -> None:
    code, out, err = run("validate", "--data", str(seed_data))
    assert code == 0, err
    assert out.startswith("OK: 1 article(s), ")
    assert out.endswith(f" in {seed_data.as_posix()}\n")


def test_missing_data_folder_is_one_error_line(tmp_path: Path) -> None:
    missing = tmp_path / "nope"
    code, out, err = run("validate", "--data", str(missing))
    assert code == 1
    assert out == ""
    assert err == f"Error: data folder {missing.as_posix()} does not exist\n"


def test_every_problem_is_reported_at_once(seed_data: Path) -> None:
    meta = seed_data / "articles" / ARTICLE_ID / "article.json"
    meta.write_text('{"id": "other", "metadata": {}}', encoding="utf-8")
    code, _, err = run("validate", "--data", str(seed_data))
    assert code == 1
    shown = f"data/articles/{ARTICLE_ID}/article.json"
    assert err.splitlines() == [
        f"Error: {shown}: other: id: must equal the folder name '{ARTICLE_ID}'",
        f"Error: {shown}: {ARTICLE_ID}: metadata.headline: is missing",
        f"Error: {shown}: {ARTICLE_ID}: metadata.published: is missing",
        f"Error: {shown}: {ARTICLE_ID}: metadata.publisher: is missing",
        f"Error: {shown}: {ARTICLE_ID}: metadata.url: is missing",
        "Error: 5 problems found",
    ]


def test_build_reports_what_it_wrote(seed_data: Path, tmp_path: Path) -> None:
    out_dir = tmp_path / "maps"
    code, out, _ = run("build", "--data", str(seed_data), "--out", str(out_dir))
    assert code == 0
    assert out == f"wrote {out_dir.as_posix()}/{ARTICLE_ID}.html\n"
    code, out, _ = run("build", "--data", str(seed_data), "--out", str(out_dir))
    assert out == f"unchanged {out_dir.as_posix()}/{ARTICLE_ID}.html\n"


def test_defaults_are_data_and_maps_in_the_working_directory(
    seed_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(seed_data.parent)
    code, out, err = run("build")
    assert code == 0, err
    assert out == f"wrote maps/{ARTICLE_ID}.html\n"
    assert (seed_data.parent / "maps" / f"{ARTICLE_ID}.html").is_file()


@pytest.mark.parametrize("entry", [["corridor-map"], [sys.executable, "-m", "geo"]])
def test_console_script_and_module_run_the_same_cli(entry: list[str], tmp_path: Path) -> None:
    if entry[0] == "corridor-map":
        entry = [str(Path(sys.executable).with_name("corridor-map"))]
    help_run = subprocess.run([*entry, "--help"], capture_output=True, text=True, check=False)
    assert help_run.returncode == 0
    assert help_run.stdout.startswith("Usage: corridor-map [OPTIONS] COMMAND [ARGS]...")
    bad = subprocess.run(
        [*entry, "validate", "--data", str(tmp_path / "missing")],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert bad.returncode == 1
    assert bad.stderr == f"Error: data folder {(tmp_path / 'missing').as_posix()} does not exist\n"
    assert "Traceback" not in bad.stderr


def test_build_open_opens_the_map_in_a_browser(
    seed_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr("webbrowser.open", opened.append)
    out_dir = tmp_path / "maps"
    code, _, _ = run("build", "--data", str(seed_data), "--out", str(out_dir), "--open")
    assert code == 0
    assert opened == [(out_dir / f"{ARTICLE_ID}.html").resolve().as_uri()]


def test_extract_writes_one_articles_world_that_builds_the_same_map(tmp_path: Path) -> None:
    data = write_fixture(tmp_path / "data")
    out = tmp_path / "alone"
    code, stdout, _ = run("extract", FIRST_ID, "--data", str(data), "--out", str(out))
    assert (code, stdout) == (0, f"wrote {out.as_posix()}: 1 article, 6 place(s)\n")
    assert sorted(p.name for p in (out / "articles").iterdir()) == [FIRST_ID]
    run("build", "--data", str(data), "--out", str(tmp_path / "all-maps"))
    run("build", "--data", str(out), "--out", str(tmp_path / "one-map"))
    name = f"{FIRST_ID}.html"
    assert (tmp_path / "one-map" / name).read_bytes() == (tmp_path / "all-maps" / name).read_bytes()
    code, _, err = run("extract", FIRST_ID, "--data", str(data), "--out", str(out))
    assert (code, err) == (1, f"Error: {out.as_posix()} already exists\n")
    code, _, err = run("extract", "fixture-sgr", "--data", str(data), "--out", str(tmp_path / "x"))
    assert (code, err) == (
        1,
        "Error: 'fixture-sgr' is not a known article id "
        "(did you mean 'fixture-2024-01-02-sgr-passengers'?)\n",
    )


def test_a_folder_that_cannot_be_written_is_one_error_line(seed_data: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    out = blocker / "maps"
    result = CliRunner().invoke(cli, ["build", "--data", str(seed_data), "--out", str(out)])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"Error: {out.as_posix()}: cannot write: Not a directory (no map replaced)\n"
    )


def test_a_folder_name_cannot_forge_a_line_or_drive_the_terminal(
    seed_data: Path, tmp_path: Path
) -> None:
    forged = tmp_path / "x\nError: all good\x1b[2J"
    seed_data.rename(forged)
    result = CliRunner().invoke(cli, ["validate", "--data", str(forged)])
    assert result.exit_code == 0
    shown = forged.as_posix().replace("\n", "\\n").replace("\x1b", "\\x1b")
    assert result.stdout == f"OK: 1 article(s), {_claims(forged)} claim(s), " + (
        f"{_places(forged)} place(s) in {shown}\n"
    )
    built = CliRunner().invoke(
        cli, ["build", "--data", str(forged), "--out", str(tmp_path / "m\x1b[31m")]
    )
    assert built.exit_code == 0
    assert built.stdout.splitlines() == [
        f"wrote {(tmp_path / 'm').as_posix()}\\x1b[31m/{ARTICLE_ID}.html"
    ]


def _claims(data: Path) -> int:
    return sum(
        len(json.loads(path.read_text(encoding="utf-8"))["claims"])
        for path in data.glob("articles/*/claims.json")
    )


def _places(data: Path) -> int:
    return len(list(data.glob("geojson/*.geojson")))


def test_what_a_user_typed_is_printable_in_clicks_own_errors(tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "geo", "validate", "extra\nError: all good"],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert run.returncode == 2
    assert run.stderr.splitlines()[-1] == (
        "Error: Got unexpected extra argument (extra\\nError: all good)"
    )
    assert sum(line.startswith("Error:") for line in run.stderr.splitlines()) == 1


INTERRUPT_WHILE_LOADING = """
import sys

MODULE = sys.argv[1]

class Interrupt:
    def find_spec(self, name, path=None, target=None):
        if name == MODULE:
            raise KeyboardInterrupt
        return None

sys.meta_path.insert(0, Interrupt())
sys.argv = ["corridor-map", "validate"]
from geo.entry import main
main()
"""


@pytest.mark.parametrize("module", ["click", "shapely", "pydantic", "orjson"])
def test_ctrl_c_while_the_tool_loads_is_one_line(module: str, tmp_path: Path) -> None:
    # Ctrl-C arrives as KeyboardInterrupt wherever Python is; here, deterministically,
    # while a dependency is imported.
    run = subprocess.run(
        [sys.executable, "-c", INTERRUPT_WHILE_LOADING, module],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert (run.returncode, run.stdout, run.stderr) == (130, "", "\nError: interrupted\n")


def test_ctrl_c_while_the_tool_works_is_one_line(
    seed_data: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from geo import cli as cli_module

    def interrupted(_: Path) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli_module, "load_dataset", interrupted)
    monkeypatch.setattr(sys, "argv", ["corridor-map", "validate", "--data", str(seed_data)])
    with pytest.raises(SystemExit) as exit_info:
        cli_module.main()
    assert exit_info.value.code == 130
    # The line break first ends the line where the terminal echoed ^C.
    assert capsys.readouterr().err == "\nError: interrupted\n"


@pytest.mark.parametrize("args", [[], ["places"]])
def test_a_command_given_nothing_shows_its_help(args: list[str], tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "geo", *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    shown = run.stdout + run.stderr
    assert shown.startswith(f"Usage: corridor-map {' '.join(args)}".rstrip() + " [OPTIONS]")
    assert "\nCommands:\n" in shown
    assert "\\n" not in shown and "Error:" not in shown


def test_a_very_long_line_is_cut(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["extract", "x" * 5_000, "--data", str(DATA_DIR), "--out", str(tmp_path / "o")]
    )
    assert result.exit_code == 1
    (line,) = result.stderr.splitlines()
    assert line.startswith("Error: 'xxxx")
    assert line.endswith("more characters)")
    assert len(line) < 2_100
