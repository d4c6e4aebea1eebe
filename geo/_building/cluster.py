"""Checking and rendering articles on a Dask cluster (``corridor-map build --dask ADDRESS``).

The build reads the places once and sends them to every worker; each task is one article
folder, which the worker reads itself (the data folder must be at the same path on every
worker: a shared or synced disk). A worker returns the article's problems, or its map's
HTML and summary; the build writes the maps here, so the result is byte for byte that of a
local build.
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from geo._building.pipeline import ArticleOutcome, BuildContext, process_article
from geo.errors import CorridorMapError

CONNECT_TIMEOUT_S = 10
"""How long to try to reach the scheduler before giving up."""
_CONTEXTS: dict[str, BuildContext] = {}
"""On a worker: the context of the build it processes articles for, by the build's tag
and the thread, so the folium templates its maps reuse are made once per worker thread,
not once per article."""
_LOCK = threading.Lock()


def process_on_cluster(
    dask: str | Any, context: BuildContext, folders: list[Path]
) -> Iterator[ArticleOutcome]:
    """Process ``folders`` on the cluster whose scheduler is at ``dask`` (an address, or a
    ``distributed.Client``); outcomes come in the order of ``folders``."""
    try:
        from distributed import Client
    except ImportError:
        raise CorridorMapError(
            "--dask needs Dask's distributed scheduler: pip install 'corridor-map[dask]'"
        ) from None
    own = not isinstance(dask, Client)
    client: Any
    try:
        client = Client(dask, timeout=CONNECT_TIMEOUT_S) if own else dask  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError, ValueError) as exc:
        raise CorridorMapError(f"cannot reach the Dask scheduler at {dask}: {exc}") from None
    try:
        # Only what a worker needs: no maps, no registry of this build's shared files.
        sent = BuildContext(
            context.world,
            context.out_dir,
            context.tag,
            context.basis,
            context.files,
            quotes=context.quotes,
        )
        sent.files = None if context.files is None else type(context.files)()
        shipped = client.scatter(sent, broadcast=True, hash=False)
        futures = client.map(_process_remotely, folders, context=shipped, pure=False)
        try:
            for future in futures:
                yield future.result()
        finally:
            client.cancel(futures)
    finally:
        if own:
            client.close()


def _process_remotely(folder: Path, context: BuildContext) -> ArticleOutcome:
    # One context per thread: a worker's threads must not share the maps' registries.
    key = f"{context.tag} {threading.get_ident()}"
    with _LOCK:
        if not any(k.startswith(f"{context.tag} ") for k in _CONTEXTS):
            _CONTEXTS.clear()  # another build's: a long-lived worker keeps only the last
        if key not in _CONTEXTS:
            _CONTEXTS[key] = copy.copy(context)
            _CONTEXTS[key].files = None if context.files is None else type(context.files)()
            _CONTEXTS[key].maps = None
        mine = _CONTEXTS[key]
    return process_article(mine, folder, stage=False)
