"""The ``corridor-map`` console script, light enough to catch Ctrl-C while the rest loads.

Loading the command line imports the library and its dependencies, which takes a moment;
an interruption then must end with one line, as it does later, not with a traceback.
"""

from __future__ import annotations

import sys


def main() -> None:
    """Load the command line and run it; an interruption while loading is one line."""
    try:
        from geo.cli import main as run
    except KeyboardInterrupt:
        sys.stderr.write("\nError: interrupted\n")  # first ending the line that shows ^C
        sys.exit(130)
    run(prog_name="corridor-map")
