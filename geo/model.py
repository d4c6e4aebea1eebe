"""The data the tool works on: articles and the places they name."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from shapely.geometry.base import BaseGeometry

from geo._checks.geometry import CheckedGeometry
from geo._loading.quotes import QuoteIndex
from geo._loading.text import Sentence
from geo.errors import Problem

if TYPE_CHECKING:
    import geopandas


@dataclass(frozen=True)
class Place:
    """One GeoJSON feature of ``data/geojson/``.

    Attributes
    ----------
    id : str
        Stable slug, unique across all place files.
    name : str
        Neutral display name.
    kind : str
        One of :data:`geo._loading.places.PLACE_KINDS`.
    geometry : BaseGeometry
        The shape, in longitude/latitude (WGS 84).
    properties : dict
        Every property of the feature as stored (name, kind, aliases, source, facts, ...).
    file : str
        The file it was read from, for messages.
    geometry_json : str
        The geometry as the file states it, as compact GeoJSON (see
        :class:`geo._checks.geometry.CheckedGeometry`); empty for places made in code.
    """

    id: str
    name: str
    kind: str
    geometry: BaseGeometry
    properties: dict[str, Any]
    file: str
    geometry_json: str = ""

    @property
    def aliases(self) -> list[str]:
        """Other names articles use for the place."""
        return list(self.properties.get("aliases", []))


@dataclass(frozen=True)
class MetadataField:
    """One metadata value of an article and how it is known."""

    value: str
    basis: str


@dataclass(frozen=True)
class Speaker:
    """Who asserts a claim: a named person with a role, cited reports, or the article."""

    id: str
    name: str
    type: str
    role: str = ""


@dataclass(frozen=True)
class Figure:
    """A number a claim carries, as written and as a value."""

    id: str
    text: str
    value: float
    unit: str
    what: str
    approximate: bool = False
    part_of: str | None = None


@dataclass(frozen=True)
class ResolvedDate:
    """A relative date word of the article ("yesterday") resolved to a calendar date."""

    text: str
    value: str
    basis: str


@dataclass(frozen=True)
class HandCheck:
    """A geographic statement of a claim stated by hand (see :mod:`geo._checks.factcheck`)."""

    type: str
    subject: str
    objects: tuple[str, ...]
    text: str
    direction: str | None = None
    value: float | None = None
    unit: str | None = None


@dataclass(frozen=True)
class Unchecked:
    """An automatic statement switched off, and why."""

    text: str
    reason: str


@dataclass(frozen=True)
class Claim:
    """One assertion of an article: a verbatim quote, who asserts it, and where."""

    id: str
    quote: str
    speaker: str
    kind: str
    places: tuple[str, ...]
    figures: tuple[Figure, ...] = ()
    dates: tuple[ResolvedDate, ...] = ()
    place_terms: dict[str, str] = field(default_factory=dict)
    """The article's own wording of some of its places (place id → term in the quote)."""
    place_basis: dict[str, str] = field(default_factory=dict)
    """Why the editor linked a place the claim's sentence does not name (place id → basis)."""
    draft: bool = False
    """Drafted by ``corridor-map draft`` and not yet reviewed: shown as such on the map."""
    checks: tuple[HandCheck, ...] = ()
    """Geographic statements stated by hand, checked beside those found in the text."""
    unchecked: tuple[Unchecked, ...] = ()
    """Statements found in the text that are switched off, each with a reason."""


@dataclass(frozen=True)
class Variant:
    """Another copy of the same story, or the official account of what it reports, wording
    a passage differently: ``there`` for the article's own ``here``."""

    outlet: str
    published: str
    url: str | None
    here: str
    there: str
    account: str = "copy"
    """``copy`` (another outlet's copy of the wire story) or ``official`` (the speaker's
    government's own record)."""


@dataclass(frozen=True)
class Article:
    """A stored article: its body text exactly as published, metadata and claims."""

    id: str
    folder: Path
    body: str
    metadata: dict[str, MetadataField]
    speakers: dict[str, Speaker] = field(default_factory=dict)
    claims: tuple[Claim, ...] = ()
    context_places: tuple[str, ...] = ()
    """Places its map shows to help read it, though no claim names them."""
    sentences: tuple[Sentence, ...] = ()
    """The body's sentences (see :func:`geo._loading.text.sentences`)."""
    variants: tuple[Variant, ...] = ()
    """Wording that other copies of the same story give differently."""

    @cached_property
    def quotes(self) -> QuoteIndex:
        """Where quotes lie in the body and in which sentences (built once, on first use)."""
        return QuoteIndex(self.body, self.sentences)

    def meta(self, name: str) -> str:
        """Return the value of metadata field ``name`` (empty when absent)."""
        entry = self.metadata.get(name)
        return entry.value if entry else ""


@dataclass(frozen=True)
class Dataset:
    """Everything under a data folder, loaded and validated."""

    root: Path
    places: dict[str, Place] = field(default_factory=dict)
    articles: list[Article] = field(default_factory=list)
    basemap: list[CheckedGeometry] | None = None
    """The geometries of the offline background, when there is one."""
    warnings: list[Problem] = field(default_factory=list)
    """Things accepted but worth fixing, one line each."""
    settings: Settings = field(default_factory=lambda: Settings())
    """The data folder's own wording and view (``settings.json``)."""

    def article(self, article_id: str) -> Article:
        """The article ``article_id``.

        Raises
        ------
        KeyError
            When the data holds no such article; the message lists those it holds.
        """
        for article in self.articles:
            if article.id == article_id:
                return article
        known = ", ".join(article.id for article in self.articles) or "none"
        raise KeyError(f"no article {article_id!r} in {self.root.as_posix()} (it holds: {known})")

    def places_frame(self) -> geopandas.GeoDataFrame:
        """Every place, one row each, in EPSG:4326, with its provenance.

        See :func:`geo._export.frames.places_frame` for the columns.

        Examples
        --------
        >>> places = geo.load_dataset("data").places_frame()
        >>> places[places.kind == "disputed-area"][["name", "administered_by", "claimed_by"]]
        """
        from geo._export.frames import places_frame

        return places_frame(self)

    def claims_frame(self, article_id: str | None = None) -> geopandas.GeoDataFrame:
        """Every claim (or one article's), one row each, at its marker's point, in
        EPSG:4326: article, speaker, kind, quote, sentence, places, verdict, provenance.

        See :func:`geo._export.frames.claims_frame` for the columns.

        Examples
        --------
        >>> claims = geo.load_dataset("data").claims_frame()
        >>> claims.groupby("kind").size()
        """
        from geo._export.frames import claims_frame

        if article_id is not None:
            self.article(article_id)
        return claims_frame(self, article_id)


@dataclass(frozen=True)
class Settings:
    """Optional wording and view for every map of a data folder (``settings.json``).

    Attributes
    ----------
    title : str
        What the archive is about; titles the overview when given.
    layer_titles : dict of str to str
        Titles of the layer control's groups by key, replacing the generic ones.
    view : list of list of float or None
        ``[[south, west], [north, east]]``: the first view of a map with nothing to frame.
    layout : str
        ``"standalone"`` (each map one file) or ``"shared"`` (maps share ``assets/``).
    """

    title: str = ""
    layer_titles: dict[str, str] = field(default_factory=dict)
    view: list[list[float]] | None = None
    layout: str = "standalone"
