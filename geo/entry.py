"""The ``corridor-map`` console script, light enough to catch Ctrl-C while the rest loads.

Loading the command line imports the library and its dependencies, which takes a moment;
an interruption then must end with one line, as it does later, not with a traceback.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator
from contextlib import contextmanager


def main() -> None:
    """Load the command line and run it; an interruption while loading is one line."""
    global _ONE_COMMAND
    _ONE_COMMAND = True
    try:
        with imports_uncollected():
            from geo.cli import main as run
    except KeyboardInterrupt:
        sys.stderr.write("\nError: interrupted\n")  # first ending the line that shows ^C
        sys.exit(130)
    run(prog_name="corridor-map")


_ONE_COMMAND = False
"""Whether this process runs one command and ends (the console script), not a caller's."""


@contextmanager
def imports_uncollected() -> Iterator[None]:
    """Import without the cyclic garbage collector; in a process that runs one command,
    set what was imported aside from the collector's later passes (:func:`gc.freeze`).

    Imports allocate hundreds of thousands of objects and free almost none, so the
    collector's passes over them are wasted: about a tenth of a second for the build's
    libraries, and as much again each time a later pass walks every object.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if _ONE_COMMAND:
                gc.freeze()
            gc.enable()
