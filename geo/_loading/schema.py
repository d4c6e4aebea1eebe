"""The declarative schema of every data file, and its problems as one-line messages.

Each file's structure (which keys exist, their types, which are required) is a pydantic
model that refuses unknown keys at every level. :func:`check` validates a raw JSON value
against a model and turns each schema error into a :class:`geo.errors.Problem` of the
usual ``<file>: <item>: <field>: <what>`` form, with a "did you mean" hint for a
misspelt key. What the schema cannot say (slugs, markup, geometry, references between
files) is checked by the loaders after it.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
import types
import typing
from typing import Annotated, Any, Literal, TypeVar, Union, get_args, get_origin

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
)

from geo.errors import Problem

Text = Annotated[str, StringConstraints(pattern=r"\S")]
"""A string holding more than white space (checked by pydantic-core, without Python)."""


class Schema(BaseModel):
    """Base of every file's model: strict types, unknown keys refused, finite numbers."""

    model_config = ConfigDict(extra="forbid", strict=True, allow_inf_nan=False, frozen=True)


# Articles ---------------------------------------------------------------------------


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def is_iso_date(value: Any) -> bool:
    """Whether ``value`` is a calendar date written ``YYYY-MM-DD`` (not a week date such
    as ``2024-W10-1``, which Python also reads, and which would not sort as text)."""
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _iso_date(value: str) -> str:
    if not is_iso_date(value):
        raise ValueError(f"{value!r} is not a date (YYYY-MM-DD)")
    return value


class MetadataEntry(Schema):
    """One metadata value and how it is known."""

    value: Text
    basis: Text


class DateEntry(Schema):
    """A metadata date: an ISO calendar date and how it is known."""

    value: Annotated[str, AfterValidator(_iso_date)]
    basis: Text


class Metadata(Schema):
    """An article's metadata: what the page says of itself."""

    headline: MetadataEntry
    publisher: MetadataEntry
    published: DateEntry
    url: MetadataEntry
    wire: MetadataEntry | None = None


class Variant(Schema):
    """Where another copy of the same story, or the official account of what it reports,
    words a passage differently."""

    outlet: Text
    published: Annotated[str, AfterValidator(_iso_date)]
    url: str | None = None
    here: Text
    """The article's own wording (found in its body)."""
    there: Text
    """The other copy's wording of the same passage."""
    account: Literal["copy", "official"] = "copy"
    """``copy``: another outlet's copy of the same wire story; ``official``: the record of
    the speaker's own side (a government's readout), which the story quotes differently."""


class ArticleFile(Schema):
    """``article.json``."""

    id: str
    metadata: Metadata
    variants: list[Variant] = []


SpeakerType = Literal["person", "article", "reports", "organisation", "government"]
ClaimKind = Literal["event", "figure", "statement", "characterisation", "position", "background"]


class SpeakerEntry(Schema):
    """Who asserts claims: a person with a role, the article, reports, a body."""

    name: Text
    type: SpeakerType
    role: str = ""


class FigureEntry(Schema):
    """A number a claim carries, as written and as a value."""

    id: str
    text: Text
    value: float
    unit: Text
    what: Text
    approximate: bool = False
    part_of: str | None = None


class ResolvedDateEntry(Schema):
    """A date word of the article resolved to a calendar date."""

    text: Text
    value: Text
    basis: Text


def _unique(values: list[str]) -> list[str]:
    repeated = sorted({value for value in values if values.count(value) > 1})
    if repeated:
        raise ValueError(f"lists {', '.join(map(repr, repeated))} more than once")
    return values


Ids = Annotated[list[str], AfterValidator(_unique)]
"""A list of ids, each at most once."""


CheckType = Literal[
    "position", "on", "near", "through", "connects", "length", "distance", "far", "contained"
]
Direction = Literal[
    "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "central"
]


class CheckEntry(Schema):
    """A geographic statement of a claim stated by hand (see :mod:`geo._checks.factcheck`)."""

    type: CheckType
    subject: str
    objects: list[str] = []
    text: Text
    """The claim's words that state it."""
    direction: Direction | None = None
    value: float | None = Field(default=None, gt=0, le=40_075)
    """A length or distance: none on Earth is longer than its circumference."""
    unit: Literal["km", "mile"] | None = None


class UncheckedEntry(Schema):
    """An automatic statement switched off: its words, and why it is wrong."""

    text: Text
    reason: Text


class ClaimEntry(Schema):
    """One claim of ``claims.json``."""

    id: str
    quote: Text
    speaker: str
    kind: ClaimKind
    places: Ids = Field(min_length=1)
    figures: list[FigureEntry] = []
    dates: list[ResolvedDateEntry] = []
    place_terms: dict[str, Text] = {}
    place_basis: dict[str, Text] = {}
    draft: bool = False
    """Written by ``corridor-map draft`` and not yet reviewed by a person."""
    checks: list[CheckEntry] = []
    unchecked: list[UncheckedEntry] = []


class ClaimsFile(Schema):
    """``claims.json``; speakers and claims are checked one by one (see the loader)."""

    article: str
    speakers: dict[str, Any] = Field(min_length=1)
    claims: list[Any] = Field(min_length=1)
    context_places: Ids = []


# Places -----------------------------------------------------------------------------


class Source(Schema):
    """Where a place's geometry comes from."""

    dataset: Text
    layer: str | None = None
    release: str | None = None
    feature: str | None = None
    match: dict[str, str] | None = None
    geonameid: int | None = None
    basis: str | None = None
    processing: str | None = None
    license: str | None = None
    note: str | None = None


class Facts(Schema):
    """Geodesic measures of a place's shape (checked against it)."""

    area_km2: float | None = None
    length_km: float | None = None


class FigureSource(Schema):
    """Where a cited figure is stated: a document a reader can find and check."""

    title: Text | None = None
    publisher: Text
    url: str | None = None
    published: Annotated[str, AfterValidator(_iso_date)] | None = None
    excerpt: Text
    """The source's own words stating the figure, copied exactly."""


class CitedFigure(Schema):
    """An official or commonly cited figure for a place, shown beside the measured one."""

    measure: Literal["area_km2", "length_km"]
    value: float = Field(gt=0, le=1e9)
    approximate: bool = False
    """The source says "about" or "approximately": the map says so too."""
    of: Text
    """What the figure covers, in the source's terms ("the province", "the port to the
    capital by the coastal highway")."""
    stated_by: Text
    """Whose figure it is: a government, an agency, an encyclopedia, the press."""
    source: FigureSource | None = None
    """Required (see :mod:`geo._checks.place_rules`): a figure not measured here is only as good
    as its source."""


class Waypoint(Schema):
    """A named point a schematic route is drawn through."""

    name: Text
    coordinates: list[float]
    source: Source


class PlaceProperties(Schema):
    """The properties of a place feature of ``data/geojson/``."""

    name: Text
    kind: Literal[
        "country",
        "region",
        "sea",
        "disputed-area",
        "city",
        "port",
        "mountain-pass",
        "route",
        "claim-line",
    ]
    role: Literal["named", "context"] | None = None
    aliases: list[Text]
    source: Source
    facts: Facts = Facts()
    cited_figures: list[CitedFigure] = []
    country: str | None = None
    region: str | None = None
    sea: str | None = None
    part_of: str | None = None
    parts: list[str] | None = None
    why: str | None = None
    borders: str | None = None
    administered_by: list[Text] | None = None
    claimed_by: list[Text] | None = None
    terms_by_party: dict[str, Text] | None = None
    positions: dict[str, Text] | None = None
    positions_source: str | None = None
    administration_basis: str | None = None
    history: str | None = None
    source_note: str | None = None
    schematic: bool | None = None
    schematic_note: str | None = None
    surface: Literal["land", "sea"] = "land"
    """Where a route runs: a road or railway keeps to the land (the default), a shipping
    lane to the sea."""
    alignment: str | None = None
    waypoints: list[Waypoint] | None = None


class PlaceCollection(Schema):
    """A place file: a GeoJSON FeatureCollection (features are checked one by one)."""

    type: Literal["FeatureCollection"]
    features: list[Any] = Field(min_length=1)
    bbox: list[float] | None = None


class PlaceFeature(Schema):
    """A GeoJSON Feature of a place file (its geometry: :mod:`geo._checks.geometry`)."""

    type: Literal["Feature"]
    id: str
    properties: dict[str, Any]
    geometry: Any
    bbox: list[float] | None = None


# The data folder's settings ------------------------------------------------------------


class View(Schema):
    """A view as the bounds it must show, in degrees."""

    south: float = Field(ge=-90, le=90)
    west: float = Field(ge=-180, le=180)
    north: float = Field(ge=-90, le=90)
    east: float = Field(ge=-180, le=180)


class LayerTitles(Schema):
    """Titles of the layer control's groups, by the keys of ``geo._rendering.render``'s groups."""

    countries: Text | None = None
    regions: Text | None = None
    disputed: Text | None = None
    claim_lines: Text | None = Field(default=None, alias="claim-lines")
    routes: Text | None = None
    points: Text | None = None


class SettingsFile(Schema):
    """``settings.json``: optional wording and view for every map of a data folder."""

    title: Text | None = None
    """What the archive is about, e.g. "Standard Gauge Railway, Mombasa to Nairobi"."""
    layer_titles: LayerTitles = LayerTitles()
    """Titles of the layer control's groups, by group key, replacing the generic ones."""
    view: View | None = None
    """The first view of a map with nothing to frame (and of the overview when given)."""
    layout: Literal["standalone", "shared"] | None = None
    """How the maps are written: each one file (``standalone``, the default), or sharing
    their common scripts, styles, basemap and large shapes as files in ``assets/``."""


# Turning schema errors into problems ------------------------------------------------------

M = TypeVar("M", bound=BaseModel)


def check(model: type[M], raw: Any, shown: str, item: str) -> tuple[M | None, list[Problem]]:
    """Validate ``raw`` against ``model``; return the instance or the problems found.

    Parameters
    ----------
    model : type
        The schema of the value.
    raw : Any
        The value as parsed from JSON.
    shown, item : str
        The file as messages show it, and the item the value belongs to.
    """
    try:
        return model.model_validate(raw), []
    except ValidationError as exc:
        problems = [
            Problem(shown, item, _path(error["loc"]) or "-", _message(model, error))
            for error in exc.errors(include_url=False)
        ]
        return None, problems


def _path(loc: tuple[int | str, ...]) -> str:
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else str(part)
    return path


_MESSAGES = {
    "missing": "is missing",
    "string_type": "must be a string",
    "bool_type": "must be true or false",
    "float_type": "must be a number",
    "int_type": "must be a whole number",
    "finite_number": "must be a finite number",
    "list_type": "must be a list",
    "dict_type": "must be an object",
    "model_type": "must be an object",
    "model_attributes_type": "must be an object",
    "none_required": "must be null",
}


def _message(model: type[BaseModel], error: Any) -> str:
    kind = error["type"]
    if kind == "extra_forbidden":
        known = _keys_at(model, error["loc"][:-1])
        close = difflib.get_close_matches(str(error["loc"][-1]), known, n=1, cutoff=0.6)
        hint = f" (did you mean {close[0]!r}?)" if close else f" (known: {', '.join(known)})"
        return f"is not a known field{hint}"
    if kind == "literal_error":
        expected = ", ".join(_literal_values(model, error["loc"]))
        given = error["input"]
        shown = json.dumps(given) if given is None or isinstance(given, bool) else repr(given)
        return f"{shown} is not one of: {expected}"
    if kind in ("too_short", "string_pattern_mismatch"):
        return "must not be empty"
    if kind == "value_error":
        return str(error["ctx"]["error"])
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        return f"{error['input']!r} is out of range ({error['msg'].lower()})"
    return _MESSAGES.get(kind, str(error["msg"]))


def _annotation_at(model: type[BaseModel], loc: tuple[int | str, ...]) -> Any:
    """The type the schema expects at ``loc`` (lists and dicts stepped through)."""
    current: Any = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            fields = {f.alias or name: f for name, f in current.model_fields.items()}
            field = fields.get(str(part))
            if field is None:
                return None
            current = field.annotation
        elif get_origin(current) in (list, dict):
            current = get_args(current)[-1]
        else:
            return None
    return _unwrap(current)


def _unwrap(annotation: Any) -> Any:
    """The model or container inside an optional or annotated type."""
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation = get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            members = [a for a in get_args(annotation) if a is not type(None)]
            if len(members) != 1:
                return annotation
            annotation = members[0]
        else:
            return annotation


def _keys_at(model: type[BaseModel], loc: tuple[int | str, ...]) -> list[str]:
    target = _annotation_at(model, loc)
    if isinstance(target, type) and issubclass(target, BaseModel):
        return [field.alias or name for name, field in target.model_fields.items()]
    return []


def _literal_values(model: type[BaseModel], loc: tuple[int | str, ...]) -> list[str]:
    target = _annotation_at(model, loc)
    if get_origin(target) is typing.Literal:
        return sorted(str(value) for value in get_args(target))
    return []
