"""Drafting an article's folder from its text: body, metadata and draft claims.

``draft`` reads a plain-text article (headline on the first line, then paragraphs) or a
saved web page (through trafilatura) and writes ``articles/<id>/`` with ``body.txt``,
``article.json`` and a ``claims.json`` that ``validate`` accepts as it stands, every claim
marked ``"draft": true`` until a person reviews it (``corridor-map review``):

- one claim per sentence (sentences joined while a quotation runs on); where a sentence
  quotes someone directly, the claim's quote is the quoted words;
- speakers from attributions ("…," said Meng; Gandapur told Reuters; according to X; the
  ministry said), with the role the text gives; "he" and "she" are the last person named;
  anything else is the article's own;
- places: the data's places named in the sentence (names and aliases, demonyms aside),
  then names the offline gazetteer knows (in a country the article names), added to the
  data with the same code as ``places add``; a sentence that names none is linked to the
  article's dateline place, and says so;
- dates resolved from the publication date ("on Tuesday", "yesterday", "last year", "in
  April 2022"), each with its basis; figures with their value as the text reads it.

Heuristics, all of it: the claims are drafts and say so on the map until reviewed.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geo._checks.numbers import number_in
from geo._checks.validate import load_dataset
from geo._loading.fileio import DataReader, FileProblem, write_atomic
from geo._loading.places import load_places
from geo._loading.slugs import slug_problem
from geo._loading.text import sentences
from geo.errors import CorridorMapError, DataError
from geo.model import Place

if TYPE_CHECKING:
    from geo._sources.gazetteer import Candidate

ARTICLES_FOLDER = "articles"
MAX_ARTICLE_BYTES = 5_000_000
"""Larger files are refused: no article is this long, and a device file never ends."""
_OPEN, _CLOSE = "“«", "”»"
"""Opening and closing quotation marks: English typographic ones and guillemets."""
_SPEECH_VERBS = (
    "said|says|told|added|stated|noted|warned|claimed|asserted|announced|stressed|remarked|"
    "maintained|insisted|explained|urged|vowed|pledged|declared|observed|alleged|confirmed|"
    "denied|argued|wrote|tweeted|posted|expressed|reiterated|emphasised|emphasized|"
    "acknowledged|admitted|cautioned|suggested|assured|promised|replied|responded|informed|"
    "recalled|pointed out|commented|revealed|disclosed"
)
_TITLES = frozenset(
    [
        "Minister",
        "Ministers",
        "President",
        "Premier",
        "Spokesman",
        "Spokesperson",
        "Spokeswoman",
        "Ambassador",
        "Secretary",
        "Chairman",
        "Chairperson",
        "Chief",
        "General",
        "Governor",
        "Director",
        "Senator",
        "Officer",
        "Commissioner",
        "Adviser",
        "Speaker",
        "Advisor",
        "Envoy",
        "Lieutenant",
        "Colonel",
        "Major",
        "Inspector",
        "Superintendent",
        "CEO",
        "Head",
        "Leader",
        "Mayor",
        "Judge",
        "Justice",
        "Professor",
        "Dr",
        "Mr",
        "Ms",
        "Mrs",
        "Chancellor",
        "Counsellor",
        "Commander",
        "Admiral",
        "Marshal",
        "Deputy",
        "Vice",
        "Councillor",
        "Member",
        "Analyst",
        "Expert",
        "Representative",
        "Counsel",
        "Attorney",
        "Prosecutor",
        "Official",
        "Consul",
        "Administrator",
        "Founder",
    ]
)
_NAME = r"[A-Z][\w'’.-]*(?:\s+(?:bin|ul|al|ud|van|von|de|[A-Z][\w'’.-]*))*"
_PROPER = r"[A-Z][\w'’.&-]*(?:\s+(?:(?:of|for|and)\s+(?:the\s+)?)?[A-Z][\w'’.&-]*)*"
"""A proper name that may hold "of"/"for" ("Ministry of Foreign Affairs")."""
_ROLE_NOUNS = (
    "man|woman|official|diplomat|politician|lawmaker|legislator|envoy|chairman|chairwoman|"
    "speaker|premier|leader|spokesman|spokeswoman|spokesperson|minister|president|adviser|"
    "advisor|ambassador|governor|secretary|chief|general|commander|senator|mayor|director|"
    "analyst|expert|economist|professor|researcher|scholar|executive|engineer|activist"
)
_PORTFOLIOS = (
    "State Foreign Affairs External Home Interior Finance Planning Development Reform Reforms "
    "Special Initiatives Commerce Trade Industries Industry Production Defence Defense "
    "Information Broadcasting Railways Communications Maritime Ports Shipping Water Resources "
    "Power Energy Petroleum Education Health Law Justice Human Rights Science Technology "
    "Religious Overseas National Security Food Climate Change Housing Works "
    "Investment Economic Parliamentary Narcotics Control Textile Agriculture Labour Culture "
    "Tourism Privatisation Revenue Statistics Public Relations Political Media Aviation Urban "
    "Rural Environment Forestry Affairs Corridor Board Transport Infrastructure "
    "Cooperation Prime Minister Chief Provincial Federal Deputy House Assembly Senate"
)
_DOMAIN_WORDS = frozenset(_PORTFOLIOS.split())
"""Capitalised words of a portfolio ("Minister for Planning and Development ...")."""
_NAMED_AFTER_ROLE = re.compile(r"\s*[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3}\s*")
_TO_WHOM = r"told|informed|assured|urged|warned|promised|cautioned|reminded"
"""Verbs whose object is who was spoken to: "told Arab News" names no speaker."""
_AFTER_VERB = re.compile(
    rf"\b(?!(?:{_TO_WHOM})\b)(?:{_SPEECH_VERBS})\s+(?:the\s+)?(?P<who>{_NAME})(?P<rest>[^.;]*)"
)
_BEFORE_VERB = re.compile(
    rf"(?P<who>(?:[A-Z][\w'’.-]*\s+)*[A-Z][\w'’.-]*)(?:,(?P<role>[^,]{{3,80}}),)?\s+"
    rf"(?:has\s+|had\s+|also\s+|(?:was|were)\s+quoted\s+as\s+)?(?:{_SPEECH_VERBS}|saying)\b"
)
_ACCORDING = re.compile(rf"\baccording to (?:the\s+)?(?P<who>{_PROPER})")
_QUOTED_AS = re.compile(
    rf"\bquot(?:ed|ing)\s+(?:the\s+)?(?P<who>{_PROPER})(?:,(?P<role>[^,“”\"]{{3,120}}),)?"
    rf"\s+as\s+(?:saying|stating)\b"
)
"""'Indian media quoted Arindam Bagchi, Official Spokesperson of …, as saying, “…”'."""
_STATEMENT_BY = re.compile(
    rf"\b(?:statement|tweet|post|press release|communiqu[eé]|letter|notice)\s+"
    rf"(?:issued\s+|released\s+|posted\s+|published\s+|made\s+|sent\s+)?by\s+(?:the\s+)?"
    rf"(?P<who>{_PROPER})"
)
"""'According to a statement issued by the Ministry of Foreign Affairs, …'."""
_BODY_PHRASE = re.compile(
    rf"\b(?:the\s+)?(?P<who>(?:[A-Za-z]+\s+)?(?:ministry|department|office|embassy|consulate)"
    rf"\s+of\s+(?:[A-Za-z]+\s+){{0,2}}?[A-Za-z]+)(?:\s+(?:in|at)\s+[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*)?"
    rf"(?:,\s+[^,]{{3,60}},)?\s+(?:also\s+)?(?:{_SPEECH_VERBS})\b",
    re.IGNORECASE,
)
"""'The ministry of external affairs in New Delhi said': the ministry, not the city."""
_PRONOUN = re.compile(
    rf"\b(?P<who>[Hh]e|[Ss]he)\s+(?:also\s+)?(?:{_SPEECH_VERBS})\b|"
    rf"\b(?:{_SPEECH_VERBS})\s+(?P<who2>he|she)\b"
)
_IT = re.compile(
    rf"\b(?:it|(?:the|its|their)\s+statement|the\s+spokesperson)\s+(?:also\s+)?(?:{_SPEECH_VERBS})\b|"
    rf"\b(?:{_SPEECH_VERBS})\s+(?:it|the\s+statement)\b",
    re.IGNORECASE,
)
_ACRONYM = re.compile(r"[A-Z]{2,6}")
_FEATURES = (
    "Sector Bay Road Port Valley District Province Region City Town Street Lake River Sea "
    "Pass Airport Dam Highway Line Border Area Zone Park Station Bridge Tunnel Gate Hill "
    "Hills Mountain Mountains Island Islands Coast Desert Canal Camp Base Village Square "
    "East West North South Central Upper Lower New Old Great Little"
)
_FEATURE_WORDS = frozenset(_FEATURES.split())
"""Words of a place's name that name no place alone ("Sector", "Bay", "North")."""
_TITLE_WORD = rf"(?:{'|'.join(sorted(_TITLES, key=len, reverse=True))})"
_ROLE_WORD = rf"(?:{'|'.join(sorted(_TITLES, key=len, reverse=True))}|{_ROLE_NOUNS})"
_BY_ROLE = re.compile(
    rf"\bthe\s+(?P<role>(?:[\w-]+\s+){{0,3}}?{_ROLE_WORD}(?:\s+of\s+[A-Z][\w-]*)?)\b"
    rf"(?:\s+(?:in|on|at|during|via|while|"
    rf"through|after|before)\s+[^,.“”\"]{{0,60}}?)?,?\s+(?:also\s+|further\s+|then\s+)?"
    rf"(?:{_SPEECH_VERBS})\b|\b(?:{_SPEECH_VERBS})\s+the\s+"
    rf"(?P<role2>(?:[\w-]+\s+){{0,3}}?{_ROLE_WORD})\b",
    re.IGNORECASE,
)
"""A person spoken of by their role: "the Adviser said", "said the prime minister"."""
_SPEECH = re.compile(rf"\b(?:{_SPEECH_VERBS})\b|\baccording to\b")
_GROUP = re.compile(
    rf"\bthe\s+(?:[a-z]+\s+)?(?:group|organisation|organization|outfit)\s+(?:also\s+)?"
    rf"(?:{_SPEECH_VERBS})\b|\b(?:{_SPEECH_VERBS})\s+the\s+(?:[a-z]+\s+)?"
    rf"(?:group|organisation|organization|outfit)\b",
    re.IGNORECASE,
)
_COMMON = re.compile(
    rf"\b(?P<who>(?:the\s+)?(?!(?:its|his|her|their|our)\s)(?:[a-z]+\s+)?(?:ministry|officials?|police|government|group|"
    rf"spokesperson|spokesman|statement|sources?|authorities|military|army|company|"
    rf"embassy|office|department|agency|report)s?)\s+(?:also\s+)?(?:{_SPEECH_VERBS})\b",
    re.IGNORECASE,
)
_QUOTED = re.compile(f'[{_OPEN}"][^{_OPEN}{_CLOSE}"]{{12,}}[{_CLOSE}"]')
"""A quotation of a dozen characters or more, in typographic or straight quotes (pages mix
them: “… people," said Zhao)."""
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_MONTH = "|".join(
    [
        *_MONTHS,
        r"Jan\.?",
        r"Feb\.?",
        r"Mar\.?",
        r"Apr\.?",
        r"Jun\.?",
        r"Jul\.?",
        r"Aug\.?",
        r"Sept?\.?",
        r"Oct\.?",
        r"Nov\.?",
        r"Dec\.?",
    ]
)
_DATE_PATTERNS = (
    (
        "day-month-year",
        re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH}),?\s+(\d{{4}})\b"),
    ),
    (
        "month-day-year",
        re.compile(rf"\b({_MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b"),
    ),
    ("month-year", re.compile(rf"\b(?:[Ii]n\s+)?({_MONTH})\s+(\d{{4}})\b")),
    ("month-day", re.compile(rf"\b(?:[Oo]n\s+)?({_MONTH})\s+(\d{{1,2}})\b(?!,?\s*\d{{4}})")),
    ("month", re.compile(rf"\b(?:[Ii]n|[Ss]ince|[Ll]ast|[Tt]his)\s+({_MONTH})\b(?!\s+\d)")),
    (
        "weekday",
        re.compile(
            rf"\b(?:(?:[Ee]arly|[Ll]ate)\s+)?(?:[Oo]n\s+|[Ll]ast\s+|[Nn]ext\s+)?"
            rf"({'|'.join(_WEEKDAYS)})\b"
        ),
    ),
    (
        "relative-day",
        re.compile(r"\b(yesterday|today|tomorrow|(?:earlier|later) in the day)\b", re.IGNORECASE),
    ),
    ("relative-year", re.compile(r"\b(last|this|next)\s+year\b", re.IGNORECASE)),
    ("relative-month", re.compile(r"\b(last|this|next)\s+month\b", re.IGNORECASE)),
    ("relative-week", re.compile(r"\b(last|this|next)\s+week\b", re.IGNORECASE)),
    (
        "years-ago",
        re.compile(r"\b(\d{1,3}|[A-Za-z]+(?:-[A-Za-z]+)?)\s+years?\s+ago\b", re.IGNORECASE),
    ),
    ("year", re.compile(r"\b(?:[Ii]n|[Ss]ince|[Bb]y|[Uu]ntil|[Ff]rom)\s+((?:19|20)\d{2})\b")),
)
_FUTURE = re.compile(r"\b(?:will|would|shall|is to|are to|expected to|scheduled|due to|set to)\b")
_FIGURE = re.compile(
    r"(?P<currency>(?:USD|US\$|EUR|GBP|JPY|CNY|RMB|INR|PKR|BDT|LKR|NPR|AFN|IRR|AED|SAR|"
    r"KES|KSh|NGN|ZAR|TRY|RUB|Rs\.?|Tk\.?|Dh|R\$|\$|€|£|¥|₹|₦|₽)\s?)?"
    r"(?<![\d,.])(?P<number>\d{1,3}(?:,\d{2,3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?P<scale>\s?(?:billion|million|trillion|thousand|crore|lakh|bn|mn)\b)?"
    r"(?P<unit>[\s-]?(?:per\s?cent|percent|%|km|kilometres?|kilometers?|miles?|megawatts?|MW|"
    r"metres?|meters?|tonnes?|tons?|people|persons|workers|soldiers|engineers|projects|"
    r"vessels|containers|containers?|visitors|passengers|years?|hectares|acres)\b|%)?"
)
_DATELINE = re.compile(r"^(?P<place>[A-Z][A-Za-z .'-]{1,40}?)\s*(?:[:–—-]|,\s+[A-Z][a-z]{2})")
_DEMONYM_ENDINGS = ("ese", "ian", "ani", "ish", "an", "i")
_NOT_PLACES = frozenset(
    [
        *_WEEKDAYS,
        *_MONTHS,
        "The",
        "A",
        "An",
        "In",
        "On",
        "At",
        "It",
        "He",
        "She",
        "They",
        "We",
        "This",
        "That",
        "These",
        "Those",
        "But",
        "And",
        "Or",
        "For",
        "Of",
        "As",
        "By",
        "From",
        "With",
        "Mr",
        "Ms",
        "Mrs",
        "Dr",
        "President",
        "Minister",
        "Prime",
        "Foreign",
        "Interior",
        "Chief",
        "General",
        "Belt",
        "Road",
        "Corridor",
        "Economic",
        "Army",
        "Police",
        "Government",
        "Ministry",
        "Party",
        "League",
        "Bank",
        "University",
    ]
)
_ORG_WORDS = frozenset(
    [
        "Army",
        "Bank",
        "Party",
        "League",
        "Liberation",
        "Front",
        "Corporation",
        "Company",
        "University",
        "Police",
        "Ministry",
        "Authority",
        "Council",
        "Agency",
        "Institute",
        "Board",
        "Group",
        "Force",
        "Forces",
        "Movement",
        "Organisation",
        "Organization",
        "Times",
        "Post",
        "News",
        "Tribune",
        "Express",
        "Daily",
        "Herald",
        "Airlines",
        "Railways",
        "Commission",
        "Committee",
        "Association",
        "Federation",
        "Chamber",
        "Club",
        "Court",
        "Assembly",
        "Senate",
        "Parliament",
        "Embassy",
        "Consulate",
        "Office",
        "Department",
        "Service",
        "Services",
        "Foundation",
        "Society",
        "Trust",
        "Limited",
        "Ltd",
        "Inc",
        "Holdings",
        "Television",
        "Radio",
        "Network",
    ]
)


class DraftError(CorridorMapError):
    """An article cannot be drafted as asked."""


@dataclass
class ArticleText:
    """An article read from a file: its parts and how each is known."""

    headline: str
    paragraphs: list[str]
    metadata: dict[str, dict[str, str]] = field(default_factory=dict)


def read_article(path: Path) -> ArticleText:
    """Read a plain-text article or a saved web page."""
    try:
        if path.stat().st_size > MAX_ARTICLE_BYTES:
            raise DraftError(
                f"{path.as_posix()}: is {path.stat().st_size:,} bytes; an article is expected "
                f"under {MAX_ARTICLE_BYTES:,}"
            )
        if not path.is_file():
            raise DraftError(f"{path.as_posix()}: is not a regular file")
        raw = path.read_bytes()
    except OSError as exc:
        raise DraftError(f"{path.as_posix()}: cannot be read: {exc.strerror}") from None
    if path.suffix.lower() in (".html", ".htm"):
        return _read_page(path, raw)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise DraftError(f"{path.as_posix()}: is not UTF-8 text") from None
    lines = _paragraphs(text)
    if len(lines) < 2:
        raise DraftError(
            f"{path.as_posix()}: needs a headline on the first line, then the article's paragraphs"
        )
    metadata = {"headline": {"value": lines[0], "basis": f"the first line of {path.name}"}}
    return ArticleText(lines[0], lines[1:], metadata)


def _paragraphs(text: str) -> list[str]:
    """The headline, then the paragraphs: one per line, or, in a text hard-wrapped at a fixed
    width (lines that break mid-sentence, blank lines between paragraphs), one per block."""
    lines = [" ".join(line.split()) for line in text.replace("\r\n", "\n").split("\n")]
    first = next((i for i, line in enumerate(lines) if line), len(lines))
    blocks: list[list[str]] = [[]]
    for line in lines[first + 1 :]:
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    blocks = [block for block in blocks if block]
    inner = [line for block in blocks for line in block[:-1]]
    wrapped = (
        len(blocks) >= 2
        and bool(inner)
        and sum(not line.endswith((".", "!", "?", '"', "”", ":", "’", "'")) for line in inner)
        > len(inner) / 2
    )
    headline = lines[first : first + 1]
    if wrapped:
        return headline + [" ".join(block) for block in blocks]
    return headline + [line for block in blocks for line in block]


def _read_page(path: Path, raw: bytes) -> ArticleText:
    import trafilatura  # only here: a saved page is this command's alone

    extracted: Any = trafilatura.bare_extraction(
        raw,  # bytes: trafilatura finds the page's own encoding
        with_metadata=True,
        include_comments=False,
        include_tables=False,
    )
    if extracted is None or not getattr(extracted, "text", None):
        raise DraftError(f"{path.as_posix()}: no article text found in the page")
    paragraphs = [" ".join(p.split()) for p in extracted.text.split("\n")]
    paragraphs = [p for p in paragraphs if p]
    headline = " ".join((extracted.title or "").split())
    if not headline:
        raise DraftError(f"{path.as_posix()}: the page gives no headline; use a .txt file")
    if paragraphs and paragraphs[0] == headline:
        paragraphs = paragraphs[1:]  # the page's own heading, not the body
    basis = f"{path.name}: the page's metadata, read by trafilatura {trafilatura.__version__}"
    metadata = {"headline": {"value": headline, "basis": basis}}
    for name, value in (
        ("published", extracted.date),
        ("publisher", extracted.sitename),
        ("url", extracted.url),
    ):
        if value:
            metadata[name] = {
                "value": str(value)[:10] if name == "published" else value,
                "basis": basis,
            }
    return ArticleText(headline, paragraphs, metadata)


@dataclass
class _Speaker:
    name: str
    type: str
    role: str = ""


@dataclass
class _Drafting:
    article_id: str
    published: dt.date
    publisher: str
    places: dict[str, Place]
    speakers: dict[str, _Speaker] = field(default_factory=dict)
    last_person: str | None = None
    last_body: str | None = None
    """The last organisation or government that spoke: "it added", "the statement said"."""
    last_quoted: str | None = None
    """Who was quoted last: a quotation with no attribution goes on from them."""
    people: dict[str, tuple[str, str]] = field(default_factory=dict)
    """People named with a title anywhere (surname → name, role), for "Zardari said"."""
    known_names: set[str] = field(default_factory=set)
    article_countries: set[str] = field(default_factory=set)
    """Countries the article names: a town is taken from the gazetteer only in one."""
    added: list[str] = field(default_factory=list)
    """Files of the places added to the data, to report (or remove if the draft fails)."""
    """Names of the countries and the data's places, to tell "Kenyan" from "Kericho"."""
    last_group: str | None = None
    subject_person: tuple[str, str] | None = None
    """The person (name, role) the sentence being read opens with."""
    previous_subject: tuple[str, str] | None = None
    """The person the sentence before opened with, whom a "he said" most likely means."""
    last_speaker: str | None = None
    """Who spoke last, quoted or reported: a quotation with no attribution is theirs."""
    last_subject: str | None = None
    """The country or body a sentence opens with ("CHINA defended …"), for a later "it said"."""
    """The last organisation named ("Ogaden National Liberation Front"), for "the group said"."""


def draft_article(
    data_dir: Path,
    path: Path,
    article_id: str,
    published: str | None = None,
    publisher: str | None = None,
    url: str | None = None,
) -> Drafted:
    """Write ``articles/<article_id>/`` of ``data_dir`` from the article at ``path``.

    Returns
    -------
    Drafted
        The article's folder, and the places added to the data for it.

    Raises
    ------
    DraftError
        When the id is taken or invalid, the text unreadable, or the metadata incomplete.
    """
    if (problem := slug_problem(article_id)) is not None:
        raise DraftError(f"--id {problem}")
    folder = data_dir / ARTICLES_FOLDER / article_id
    if folder.exists():
        raise DraftError(f"{folder.as_posix()} exists already; choose another --id")
    text = read_article(path)
    metadata = dict(text.metadata)
    for name, value in (("published", published), ("publisher", publisher), ("url", url)):
        if value:
            metadata[name] = {"value": value, "basis": f"given with --{name}"}
    missing = [name for name in ("published", "publisher", "url") if name not in metadata]
    if missing:
        raise DraftError(
            f"{path.as_posix()}: the text does not say its "
            + ", ".join(missing)
            + "; give "
            + " and ".join(f"--{name}" for name in missing)
        )
    given = metadata["published"]["value"]
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", given):
            raise ValueError(given)
        day = dt.date.fromisoformat(given)
    except ValueError:
        raise DraftError(f"--published {given!r} is not a date (YYYY-MM-DD)") from None
    body = "\n\n".join(text.paragraphs) + "\n"
    loaded = load_places(DataReader(data_dir))
    work = _Drafting(article_id, day, metadata["publisher"]["value"], dict(loaded.places))
    work.article_countries = _countries_named(work, body)
    try:
        claims = _claims(data_dir, work, body)
        _write_draft(data_dir, folder, article_id, body, metadata, work, claims)
    except BaseException:
        _undo(folder, work.added)
        raise
    return Drafted(folder, [Path(p) for p in work.added])


@dataclass(frozen=True)
class Drafted:
    """What ``draft`` wrote: the article's folder and the place files it added."""

    folder: Path
    added: list[Path]


def _write_draft(
    data_dir: Path,
    folder: Path,
    article_id: str,
    body: str,
    metadata: dict[str, dict[str, str]],
    work: _Drafting,
    claims: list[dict[str, Any]],
) -> None:
    """Write the article's files, then keep them only if ``validate`` accepts the data."""
    speakers = {
        key: {"name": s.name, "type": s.type, **({"role": s.role} if s.type == "person" else {})}
        for key, s in work.speakers.items()
    }
    article = {
        "id": article_id,
        "metadata": {
            name: metadata[name] for name in ("headline", "publisher", "published", "url")
        },
    }
    folder.mkdir(parents=True)
    write_atomic(folder / "body.txt", body.encode("utf-8"))
    write_atomic(folder / "article.json", _json(article))
    write_atomic(
        folder / "claims.json",
        _json({"article": article_id, "speakers": speakers, "claims": claims}),
    )
    try:
        load_dataset(data_dir)
    except DataError as exc:
        ours = [
            p
            for p in exc.problems
            if f"/{article_id}/" in p.file
            or p.file.endswith(tuple(f"/{place_id}.geojson" for place_id in work.added))
        ]
        if ours:
            more = f" (and {len(ours) - 1} more)" if len(ours) > 1 else ""
            raise DraftError(
                f"the draft would not validate, so nothing is kept: {ours[0]}{more}"
            ) from None


def _undo(folder: Path, added: list[str]) -> None:
    """Remove what a failed draft wrote: its folder and the places it added."""
    if folder.is_dir():
        for child in folder.iterdir():
            child.unlink()
        folder.rmdir()
    for path in added:
        Path(path).unlink(missing_ok=True)


def _json(value: Any) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _units(body: str) -> list[tuple[int, int]]:
    """Sentences, joined while a quotation opened in one closes in a later one."""
    units: list[tuple[int, int]] = []
    open_quote = False
    for sentence in sentences(body):
        if open_quote and units and body[units[-1][1] : sentence.start].count("\n") == 0:
            units[-1] = (units[-1][0], sentence.end)
        else:
            units.append((sentence.start, sentence.end))
            open_quote = False
        for char in sentence.text:
            if char in _OPEN:
                open_quote = True
            elif char in _CLOSE:
                open_quote = False
            elif char == '"':
                open_quote = not open_quote
    return units


def _claims(data_dir: Path, work: _Drafting, body: str) -> list[dict[str, Any]]:
    work.speakers["article"] = _Speaker(f"The article ({work.publisher})", "article")
    units = _units(body)
    dateline = _dateline_place(data_dir, work, body)
    counts: Counter[str] = Counter()
    drafted: list[tuple[dict[str, Any], str]] = []
    for number, (start, end) in enumerate(units, start=1):
        sentence = body[start:end]
        claim_id = f"claim-{number:03d}"
        work.previous_subject = work.subject_person
        _remember_names(work, sentence)
        _remember_subject(work, sentence)
        quote, attribution = _quote(sentence, body)
        continued = (
            quote != sentence
            and sentence.lstrip()[:1] in (*_OPEN, '"')
            and not _SPEECH.search(attribution)
            and work.last_quoted is not None
        )
        if continued:
            assert work.last_quoted is not None
            speaker = work.last_speaker or work.last_quoted
        else:
            speaker = _speaker_of(work, attribution if quote != sentence else sentence)
        if speaker != "article":
            work.last_speaker = speaker
        if quote != sentence and speaker == "article":
            quote = sentence  # no one found who says the quoted words: the claim is the sentence
        if quote != sentence and speaker != "article":
            work.last_quoted = speaker
        named = _places_named(data_dir, work, sentence)
        counts.update(named)
        claim: dict[str, Any] = {
            "id": claim_id,
            "quote": quote,
            "speaker": speaker,
            "kind": "statement" if speaker != "article" else "event",
            "places": named,
        }
        figures = _figures(claim_id, quote)
        if figures:
            claim["figures"] = figures
            if speaker == "article":
                claim["kind"] = "figure"
        dates = _dates(sentence, work.published)
        if dates:
            claim["dates"] = dates
        claim["draft"] = True
        drafted.append((claim, sentence))
    fallback = dateline or (counts.most_common(1)[0][0] if counts else None)
    if fallback is None:
        raise DraftError(
            "the article names no place the data or the gazetteer knows; add one with "
            "corridor-map places add, then draft again"
        )
    for claim, _ in drafted:
        if not claim["places"]:
            claim["places"] = [fallback]
            why = "the article's dateline" if fallback == dateline else "the place it names most"
            claim["place_basis"] = {
                fallback: f"draft: the sentence names no place; linked to {why}, "
                f"{work.places[fallback].name}"
            }
    return [claim for claim, _ in drafted]


def _quote(sentence: str, body: str) -> tuple[str, str]:
    """The quoted words of a sentence that quotes someone (with the rest, its
    attribution), or the whole sentence."""
    matches = list(_QUOTED.finditer(sentence))
    if matches:
        first, last = matches[0], matches[-1]
        inner = sentence[first.start() + 1 : last.end() - 1].strip().rstrip(",").strip()
        rest = _QUOTED.sub(" ", sentence)  # the attribution may sit between two segments
        if len(inner.split()) >= 4 and body.count(inner) == 1:
            return inner, rest
    return sentence, sentence


_TITLED_RUN = re.compile(
    r"[A-Z][\w'’.-]*(?:\s+(?:(?:of|for|on|to|and)\s+(?:the\s+)?)?[A-Z][\w'’.-]*)*"
)
_APPOSITIVE = re.compile(
    r"(?<![\w’'])(?P<name>[A-Z][\w'’-]+(?:\s+(?:bin|ul|al|ud|[A-Z][\w'’.-]+)){1,3}),\s+"
    r"(?P<role>(?:the|a|an|[A-Z][\w-]+['’]s)\s+[^,.;:“”\"]{3,100}?)(?=,|\.|;|\s+(?:on|in)\s|$)"
)
"""'Asim Saleem Bajwa, the chairman of …,': a person and their role, named once."""
_ROLE_NOUN = re.compile(rf"\b(?:{_ROLE_NOUNS})\b", re.IGNORECASE)


def _split_title(
    words: list[str], places: Collection[str] = frozenset()
) -> tuple[list[str], list[str]]:
    """The title and the name of "Adviser to Prime Minister on Commerce Abdul Razak Dawood"
    and of "Ambassador to Sri Lanka Cheng Xueyuan" (``places``: names a title may hold)."""
    last = max((i for i, w in enumerate(words) if w.strip(".") in _TITLES), default=-1)
    if last < 0:
        return [], words
    cut = last + 1
    while cut < len(words):
        if words[cut] in ("of", "for", "on", "to", "and", "the") or _portfolio_word(
            words[cut], places
        ):
            cut += 1
            continue
        place = next(
            (n for n in (3, 2, 1) if " ".join(words[cut : cut + n]).rstrip("'’s") in places),
            0,
        )
        if not place or cut + place >= len(words):
            break
        cut += place
    return words[:cut], words[cut:]


def _portfolio_word(word: str, places: Collection[str]) -> bool:
    """A word of a portfolio: a common one ("Planning", "Affairs"), an acronym ("Minister
    for SGR Affairs"), or a people named after a place the text may name ("Minister for
    Overseas Kenyans")."""
    if word in _DOMAIN_WORDS or _ACRONYM.fullmatch(word):
        return True
    single = word[:-1] if word.endswith("s") else word
    if not single.endswith(_DEMONYM_ENDINGS):
        return False
    stems = {single[:-1], single[:-2], single[:-3], single[:-3] + "a", single[:-2] + "a"}
    return any(stem in places for stem in stems)


def _people_in_run(
    words: list[str], places: Collection[str] = frozenset()
) -> list[tuple[list[str], list[str]]]:
    """Title and name of each person in "Prime Minister Ranil Wickremesinghe and Speaker
    Karu Jayasuriya"; an "and" inside a portfolio ("Minister for Planning and Development
    Ahsan Iqbal") joins, not separates."""
    segments: list[list[str]] = [[]]
    for word in words:
        if word == "and":
            segments.append([])
        else:
            segments[-1].append(word)
    people: list[tuple[list[str], list[str]]] = []
    pending: list[str] = []
    for segment in segments:
        words_so_far = [*pending, "and", *segment] if pending else segment
        title, names = _split_title(words_so_far, places)
        if title and not names:
            pending = words_so_far  # the portfolio goes on after "and"
            continue
        pending = []
        people.append((title, names))
    return people


def _remember_names(work: _Drafting, sentence: str) -> None:
    """Note the people named with a title or a role and the organisations a sentence names."""
    lead = re.match(r"\s*(?:[A-Z][\w'’ -]{0,40}?\s+[-–—:]\s+)?(?:[A-Z][a-z]+,\s+)?", sentence)
    opening = lead.end() if lead else 0
    work.subject_person = None
    for match in _TITLED_RUN.finditer(sentence):
        for title, names in _people_in_run(match.group(0).split(), _known_names(work)):
            if title and 2 <= len(names) <= 4 and names[0] not in _NOT_PLACES:
                _remember_person(work, " ".join(names), " ".join(title))
                if match.start() == opening:
                    work.subject_person = (" ".join(names), " ".join(title))
    for match in _APPOSITIVE.finditer(sentence):
        name, role = match.group("name"), match.group("role")
        words = name.split()
        if (
            _ROLE_NOUN.search(role)
            and words[0] not in _NOT_PLACES
            and not any(w in _ORG_WORDS or w in _TITLES for w in words)
            and not any(name == p.name or name in p.aliases for p in work.places.values())
        ):
            _remember_person(work, name, role)
            if match.start() == opening:
                work.subject_person = (name, role)
    for match in re.finditer(r"[A-Z][\w'’.-]*(?:\s+(?:of\s+)?[A-Z][\w'’.-]*)*", sentence):
        words = match.group(0).split()
        if not any(w.strip(".") in _TITLES for w in words) and any(
            word in _ORG_WORDS for word in words[1:]
        ):
            name = " ".join(w for w in words if w not in ("The",))
            work.last_group = re.sub(r"['’]s$", "", name)


def _remember_subject(work: _Drafting, sentence: str) -> None:
    match = re.match(
        r"\s*(?:The\s+)?(?P<who>[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,3})\s+[a-z]", sentence
    )
    if not match:
        return
    who = match.group("who")
    if who.isupper() and len(who) > 3:
        who = who.title()  # "CHINA defended …"
    words = who.split()
    from geo._sources.gazetteer import country_names

    country = who in country_names() or any(
        who == p.name or who in p.aliases for p in work.places.values() if p.kind == "country"
    )
    if country or any(w in _ORG_WORDS for w in words):
        work.last_subject = who


def _remember_person(work: _Drafting, name: str, role: str) -> None:
    person = re.sub(r"['’]s$", "", name)
    surname = person.split()[-1]
    known = work.people.pop(surname, (person, role))
    work.people[surname] = known  # the last named comes last


def _speaker_of(work: _Drafting, text: str) -> str:
    body = _BODY_PHRASE.search(text)
    if body:
        found = _body(work, body.group("who"))
        if found is not None:
            return found
    for pattern in (_QUOTED_AS, _STATEMENT_BY, _AFTER_VERB, _ACCORDING, _BEFORE_VERB):
        for match in pattern.finditer(text):
            who = match.group("who").strip()
            role = (match.groupdict().get("role") or "").strip()
            if pattern is _AFTER_VERB:
                rest = match.group("rest") or ""
                if rest.strip() and not rest.lstrip().startswith(","):
                    continue  # "said New Delhi has raised…": a clause, not "said Meng, …"
                role = rest.strip(" ,")
            if pattern is _BEFORE_VERB and re.search(
                r"\b(?:with|to|by|from|at|in|of|for|on|and)\s+(?:the\s+)?$",
                text[: match.start("who")],
                re.IGNORECASE,
            ):
                titled = [
                    run
                    for run in _TITLED_RUN.finditer(text[: match.end("who")])
                    if run.end() == match.end("who")
                ]
                if not titled or not _split_title(titled[-1].group(0).split())[0]:
                    continue  # "the Prime Minister in an interview with CCTV said": not CCTV
                who = titled[-1].group(0)  # "Ambassador to Sri Lanka Cheng Xueyuan said"
            if (
                pattern is _BEFORE_VERB
                and _NAMED_AFTER_ROLE.fullmatch(role)
                and not any(w in _TITLES for w in role.split())
            ):
                # "JK Director General of Police, Dilbag Singh, said": the name is between
                # the commas, the title before them
                titled = [r for r in _TITLED_RUN.finditer(text) if r.end() == match.end("who")]
                if titled and _split_title(titled[-1].group(0).split())[0]:
                    who, role = role, titled[-1].group(0)
            found = _person_or_body(work, who, role)
            if found is not None:
                return found
    by_role = _BY_ROLE.search(text)
    if by_role:
        found = _person_by_role(work, by_role.group("role") or by_role.group("role2"))
        if found is not None:
            return found
    pronoun = _PRONOUN.search(text)
    if pronoun and work.previous_subject is not None:
        return _person(work, *work.previous_subject)  # "Asad Umar welcomed … he said:"
    if pronoun and work.last_person is not None:
        return work.last_person
    if pronoun and work.people:
        name, role = list(work.people.values())[-1]  # named with a title, not yet quoted
        return _person(work, name, role)
    if _GROUP.search(text) and work.last_group is not None:
        key = _slug(work.last_group)
        work.speakers.setdefault(key, _Speaker(work.last_group, "organisation"))
        work.last_body = key
        return key
    if _IT.search(text):
        if work.last_body is not None:
            return work.last_body
        if work.last_subject is not None:
            return _person_or_body(work, work.last_subject, "") or "article"
    common = _COMMON.search(text)
    if common:
        name = " ".join(common.group("who").split())
        name = name[0].upper() + name[1:]
        key = _slug(name)
        kind = "reports" if re.search(r"source|official|report", key) else "organisation"
        work.speakers.setdefault(key, _Speaker(name, kind))
        if kind == "organisation":
            work.last_body = key
        return key
    return "article"


def _person(work: _Drafting, name: str, role: str) -> str:
    key = _slug(name)
    work.speakers.setdefault(key, _Speaker(name, "person", role or "role not stated"))
    work.last_person = key
    return key


def _body(work: _Drafting, phrase: str) -> str | None:
    """An organisation named in lower case ("the ministry of external affairs")."""
    words = phrase.split()
    if words and words[0].casefold() in ("a", "an", "its", "his", "her", "their"):
        return None
    name = " ".join(
        w if w.casefold() in ("of", "for", "and") else w[:1].upper() + w[1:] for w in words
    )
    key = _slug(name)
    work.speakers.setdefault(key, _Speaker(name, "organisation"))
    work.last_body = key
    return key


_SAME_ROLE = {
    "head of state": ("president", "king", "emir"),
    "head of government": ("prime minister", "premier", "chief executive"),
    "premier": ("prime minister",),
    "prime minister": ("premier",),
    "top diplomat": ("foreign minister", "minister of foreign affairs"),
    "spokesman": ("spokesperson",),
    "spokeswoman": ("spokesperson",),
    "spokesperson": ("spokesman", "spokeswoman"),
}
"""Roles the text names in other words ("the Head of State" is the President)."""


def _person_by_role(work: _Drafting, phrase: str) -> str | None:
    """The person last named in the role ``phrase`` ("the prime minister said"): the whole
    phrase first ("prime minister"), then its last word ("minister"); a plain "the former
    military man" is the person spoken of last."""
    words = phrase.casefold().split()
    former = bool(words) and words[0] == "former"
    while words and words[0] in ("former", "then", "new", "outgoing", "current", "same"):
        words = words[1:]
    if not words:
        return None
    said = " ".join(words)
    also = _SAME_ROLE.get(said, ())
    for wanted in dict.fromkeys((said, *also, words[-1] if len(words) == 1 else "")):
        if not wanted:
            continue
        if work.last_person is not None:
            speaker = work.speakers[work.last_person]
            if re.search(rf"\b{re.escape(wanted)}\b", f"{speaker.role} {speaker.name}".casefold()):
                return work.last_person
        for key, speaker in reversed(list(work.speakers.items())):
            if speaker.type == "person" and re.search(
                rf"\b{re.escape(wanted)}\b", f"{speaker.role} {speaker.name}".casefold()
            ):
                work.last_person = key
                return key
        for name, role in reversed(list(work.people.values())):
            if re.search(rf"\b{re.escape(wanted)}\b", role.casefold()):
                return _person(work, name, role)
    if former or words[-1] in ("man", "woman", "official", "leader", "politician", "diplomat"):
        # "the former military man": the person the article is about, not a role it names
        if work.last_person is not None:
            return work.last_person
        if work.people:
            name, role = list(work.people.values())[-1]
            return _person(work, name, role)
    return None


def _person_or_body(work: _Drafting, who: str, role: str) -> str | None:
    words = who.replace("’", "'").split()
    while words and words[0] in ("The", "A", "An"):
        words = words[1:]
    title_words, name_words = _split_title(words, _known_names(work))
    titles = len(title_words)
    body = any(w in _ORG_WORDS for w in words) and not titles
    if body:
        name_words = words  # "State Radio Kenya", "Ministry of Foreign Affairs"
    if not name_words or (name_words[0] in _NOT_PLACES and not body):
        return None
    name = re.sub(r"['’]s$", "", " ".join(name_words).strip(" ,.")).strip()
    if not name or name in ("He", "She", "It", "They"):
        return None
    if re.match(r"(?:in|on|at|during|while|after|before|when|as|from|to|citing|quoting)\b", role):
        role = ""  # "the FO, in a statement, said": no role, a circumstance
    place_like = any(name == p.name or name in p.aliases for p in work.places.values())
    title = " ".join(words[:titles])
    role_text = ", ".join(part for part in (title, role[:80].strip(" ,")) if part)
    key = _slug(name)
    if place_like:
        work.speakers.setdefault(key, _Speaker(name, "government"))
        work.last_body = key
        return key
    if _ACRONYM.fullmatch(name) or any(w in _ORG_WORDS for w in name_words):
        work.speakers.setdefault(key, _Speaker(name, "organisation"))
        work.last_body = key
        return key
    if len(name_words) == 1 and not titles:
        # One word of a person named before: "Zardari said", and "Zhao said" (family
        # names come first in Chinese names).
        known = next(
            (k for k, s in work.speakers.items() if s.type == "person" and name in s.name.split()),
            None,
        )
        named = [p for p in reversed(list(work.people.values())) if name in p[0].split()]
        if known is None and named:
            full, title = named[0]
            known = _slug(full)
            work.speakers.setdefault(known, _Speaker(full, "person", title or "role not stated"))
        if known is not None:
            work.last_person = known
            return known
    if len(name_words) == 1 and not titles and not role_text:
        return None  # a lone capitalised word ("Sunday said") is no speaker
    speaker = work.speakers.get(key)
    if speaker is None:
        speaker = _Speaker(name, "person", role_text or "role not stated in the article")
        work.speakers[key] = speaker
    if speaker.type == "person":
        work.last_person = key
    return key


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")[:60].rstrip("-")
    return slug or "speaker"


def _countries_named(work: _Drafting, body: str) -> set[str]:
    """The countries whose name (or the data's alias for it) the article writes."""
    from geo._sources.gazetteer import country_names

    named = {
        name for name in country_names() if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", body)
    }
    for place in work.places.values():
        if place.kind == "country" and any(
            re.search(rf"(?<!\w){re.escape(n)}(?!\w)", body)
            for n in (place.name, *place.aliases)
            if not _demonym(n, work)
        ):
            named.add(place.name)
    return named


def _dateline_place(data_dir: Path, work: _Drafting, body: str) -> str | None:
    match = _DATELINE.match(body)
    if not match:
        return None
    found = _places_named(data_dir, work, match.group("place").title())
    return found[0] if found else None


def _places_named(data_dir: Path, work: _Drafting, sentence: str) -> list[str]:
    """The data's places the sentence names, then those the gazetteer finds (added)."""
    found: list[str] = []
    taken: list[tuple[int, int]] = []
    names = sorted(
        (
            (name, place_id)
            for place_id, place in work.places.items()
            for name in (place.name, *place.aliases)
            if name.strip() and not (name != place.name and _demonym(name, work))
        ),
        key=lambda item: -len(item[0]),
    )
    for name, place_id in names:
        # As written, or in capitals ("NAIROBI:"): never lower case ("a trade hub").
        written = (name, name.upper(), name.replace(" and ", " & "))  # "Trinidad & Tobago"
        forms = "|".join(re.escape(form) for form in dict.fromkeys(written))
        for match in re.finditer(rf"(?<!\w)(?:{forms})(?!\w)", sentence):
            span = match.span()
            if any(a < span[1] and span[0] < b for a, b in taken):
                continue
            following = sentence[span[1] :].split(maxsplit=1)
            if following and following[0].strip(",.;:") in _ORG_WORDS:
                taken.append(span)  # "Kenya Railways", "Kenya Army": an organisation
                continue
            taken.append(span)
            if place_id not in found:
                found.append(place_id)
    people = {w for name, _ in work.people.values() for w in name.split()} | {
        w for s in work.speakers.values() if s.type == "person" for w in s.name.split()
    }
    for run_start, _, run in _capitalised(sentence):
        # The whole run, else its longest parts: "KAZINFORM Kazakhstan" names Kazakhstan.
        words = [(m.start() + run_start, m.end() + run_start) for m in re.finditer(r"\S+", run)]
        spans = sorted(
            ((i, j) for i in range(len(words)) for j in range(i + 1, len(words) + 1)),
            key=lambda span: (span[0] - span[1], span[0]),
        )
        for i, j in spans:
            start, end = words[i][0], words[j - 1][1]
            candidate = sentence[start:end]
            if any(a < end and start < b for a, b in taken):
                continue
            if (i, j) != (0, len(words)) and (
                candidate.split()[0] in _NOT_PLACES
                or candidate.split()[-1] in _TITLES
                or all(w in _FEATURE_WORDS for w in candidate.split())
            ):
                continue  # of "Gurez Sector", not "Sector"; of "East Bay Road", not "Bay"
            before = sentence[:start].split()[-1:]
            if (before and before[0].strip(".,") in _TITLES) or set(candidate.split()) & people:
                continue  # "Interior Minister Hassan": a person, not the town of Hassan
            if re.match(rf"\s+(?:{_SPEECH_VERBS})\b", sentence[end:]):
                continue  # "Hassan said": a person
            if re.match(
                rf"(?:[\s,]+(?:and\s+)?[A-Z][\w-]*){{1,3}}\s+{_TITLE_WORD}\b", sentence[end:]
            ):
                continue  # "Highways and Shipping Minister": a portfolio
            added = _from_gazetteer(data_dir, work, candidate)
            if added is not None:
                taken.append((start, end))
                if added not in found:
                    found.append(added)
    return found


def _acronym(name: str) -> bool:
    """Names whose case matters ("UAE", "PoK"), as :mod:`geo._checks.mentions` reads them."""
    return " " not in name and sum(char.isupper() for char in name) >= 2 and len(name) <= 6


def _demonym(name: str, work: _Drafting) -> bool:
    """A people's or an adjective's name ("Kenyan", "Chinese", "Somali"): a word that
    is a known place's name with a demonym's ending ("Karachi" is not "Karach" + i)."""
    if " " in name or not name.endswith(_DEMONYM_ENDINGS) or not name[:1].isupper():
        return False
    stems = {name[:-1], name[:-2], name[:-3], name[:-3] + "a", name[:-2] + "a"}
    return bool(stems & _known_names(work))


def _known_names(work: _Drafting) -> set[str]:
    """Names of the countries and of the data's places."""
    if not work.known_names:
        from geo._sources.gazetteer import country_names

        work.known_names = set(country_names())
        for place in work.places.values():
            work.known_names.update((place.name, *place.aliases))
    return work.known_names


def _capitalised(sentence: str) -> list[tuple[int, int, str]]:
    """Runs of capitalised words that could name a place, organisations' names aside; a
    possessive ends a run ("Kenya’s Turkana" is Kenya and Turkana)."""
    runs = []
    word = r"[A-Z](?:[\w-]|['’](?!s\b))+"
    for match in re.finditer(rf"{word}(?:\s+(?:of\s+)?{word})*", sentence):
        words = match.group(0).split()
        if any(word in _ORG_WORDS for word in words):
            continue
        while words and words[0] in _NOT_PLACES:
            words = words[1:]
        if not words:
            continue
        text = " ".join(words)
        start = match.start() + match.group(0).find(words[0])
        runs.append((start, start + len(text), text))
    return runs


def _best_candidate(candidates: list[Candidate]) -> Candidate | None:
    """The one place meant: the only candidate; a country over towns of its name
    ("Kazakhstan"); a city over villages of its name ten times smaller ("Xi'an")."""
    if len(candidates) <= 1:
        return candidates[0] if candidates else None
    countries = [c for c in candidates if c.kind == "country"]
    if len(countries) == 1:
        return countries[0]
    if all(c.kind == "city" for c in candidates):
        ranked = sorted(candidates, key=lambda c: -(c.population or 0))
        first, second = ranked[0].population or 0, ranked[1].population or 0
        if first >= 100_000 and first >= 10 * second:
            return ranked[0]
    return None


def _from_gazetteer(data_dir: Path, work: _Drafting, name: str) -> str | None:
    """The place the gazetteer knows as ``name``, added to the data (``None`` when it
    knows none, or several it cannot tell apart by the countries the data holds)."""
    from geo._sources.gazetteer import find_places, normalised
    from geo._sources.place_add import PlaceAddError, _write_candidate, place_slug

    if _demonym(name, work) or len(name) < 3:
        return None
    wanted = normalised(name)
    for place_id, place in work.places.items():
        if wanted in (normalised(n) for n in (place.name, *place.aliases)):
            return place_id  # the data has it already, under this name
    candidates = [c for c in find_places(name, own_names_only=True) if c.own_name]
    candidates = [c for c in candidates if c.kind != "city" or c.country in work.article_countries]
    candidate = _best_candidate(candidates)
    if candidate is None:
        return None
    place_id = place_slug(candidate.name)
    if place_id in work.places:
        place_id = place_slug(f"{candidate.name} {candidate.country or candidate.kind}")
        if place_id in work.places:
            return None
    try:
        written = _write_candidate(data_dir, candidate, place_id)
    except (PlaceAddError, DataError):
        return None
    work.added.append(written.as_posix())
    loaded = load_places(DataReader(data_dir))
    if place_id not in loaded.places:
        return None
    work.places[place_id] = loaded.places[place_id]
    return place_id


def _figures(claim_id: str, quote: str) -> list[dict[str, Any]]:
    figures: list[dict[str, Any]] = []
    for match in _FIGURE.finditer(quote):
        number = match.group("number")
        if not (match.group("currency") or match.group("scale") or match.group("unit")):
            continue
        if re.fullmatch(r"(?:19|20)\d{2}", number) and not match.group("currency"):
            continue
        text = match.group(0).strip(" -")
        value = number_in(text)
        if value is None:
            continue
        unit = (match.group("currency") or match.group("unit") or "").strip(" -") or "count"
        figures.append(
            {
                "id": f"{claim_id}-figure-{len(figures) + 1}",
                "text": text,
                "value": value,
                "unit": unit,
                "what": "draft: a figure the sentence gives",
            }
        )
    return figures


def _dates(sentence: str, published: dt.date) -> list[dict[str, str]]:
    found: list[dict[str, str]] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _DATE_PATTERNS:
        for match in pattern.finditer(sentence):
            if any(a < match.end() and match.start() < b for a, b in taken):
                continue
            resolved = _resolve(kind, match, published, bool(_FUTURE.search(sentence)))
            if resolved is None:
                continue
            value, basis = resolved
            taken.append(match.span())
            found.append({"text": match.group(0), "value": value, "basis": f"draft: {basis}"})
    return found


def _month_number(name: str) -> int:
    return next(i for i, month in enumerate(_MONTHS, start=1) if month.startswith(name[:3]))


def _resolve(
    kind: str, match: re.Match[str], published: dt.date, future: bool = False
) -> tuple[str, str] | None:
    on = f"the publication date, {published.isoformat()} ({published.strftime('%A')})"
    try:
        if kind == "day-month-year":
            day = dt.date(int(match.group(3)), _month_number(match.group(2)), int(match.group(1)))
            return day.isoformat(), "the date as written"
        if kind == "month-day-year":
            day = dt.date(int(match.group(3)), _month_number(match.group(1)), int(match.group(2)))
            return day.isoformat(), "the date as written"
        if kind == "month-year":
            month = _month_number(match.group(1))
            return f"{int(match.group(2)):04d}-{month:02d}", "the month as written"
        if kind == "month-day":
            month, day_number = _month_number(match.group(1)), int(match.group(2))
            day = dt.date(published.year, month, day_number)
            if day > published + dt.timedelta(days=31):
                day = dt.date(published.year - 1, month, day_number)
                return day.isoformat(), f"the last {match.group(0).strip()} before {on}"
            return day.isoformat(), f"the year of {on}"
        if kind == "weekday":
            wanted = _WEEKDAYS.index(match.group(1))
            said = match.group(0).lower()
            near = (wanted - published.weekday()) % 7 in (1, 2, 3)
            if "next" in said or (future and near and "last" not in said):
                ahead = (wanted - published.weekday()) % 7 or 7
                day = published + dt.timedelta(days=ahead)
                return day.isoformat(), f"the next {match.group(1)} after {on} (future tense)"
            back = (published.weekday() - wanted) % 7 or (7 if "last" in said else 0)
            day = published - dt.timedelta(days=back)
            return day.isoformat(), f"the last {match.group(1)} on or before {on}"
        if kind == "month":
            month = _month_number(match.group(1))
            year = published.year - (1 if month > published.month else 0)
            return f"{year:04d}-{month:02d}", f"the last {match.group(1)} up to {on}"
        if kind == "relative-day":
            word = match.group(1).lower()
            shift = {"yesterday": -1, "tomorrow": 1}.get(word, 0)
            day = published + dt.timedelta(days=shift)
            return day.isoformat(), f"'{word}' counted from {on}"
        if kind == "relative-year":
            shift = {"last": -1, "this": 0, "next": 1}[match.group(1).lower()]
            return str(published.year + shift), f"'{match.group(0).lower()}' counted from {on}"
        if kind == "relative-month":
            shift = {"last": -1, "this": 0, "next": 1}[match.group(1).lower()]
            index = published.year * 12 + published.month - 1 + shift
            value = f"{index // 12:04d}-{index % 12 + 1:02d}"
            return value, f"'{match.group(0).lower()}' counted from {on}"
        if kind == "relative-week":
            shift = {"last": -1, "this": 0, "next": 1}[match.group(1).lower()]
            monday = published - dt.timedelta(days=published.weekday()) + dt.timedelta(weeks=shift)
            sunday = monday + dt.timedelta(days=6)
            return monday.isoformat(), (
                f"'{match.group(0).lower()}', the week of Monday {monday.isoformat()} to Sunday "
                f"{sunday.isoformat()}, counted from {on}; the value is its Monday"
            )
        if kind == "years-ago":
            count = match.group(1)
            years = 1 if count.lower() in ("a", "an") else number_in(count)
            if years is None or years != int(years):
                return None  # "some years ago"
            return (
                str(published.year - int(years)),
                f"'{match.group(0).lower()}' counted from {on}",
            )
        if kind == "year":
            return match.group(1), "the year as written"
    except ValueError:
        return None
    return None


def review_article(data_dir: Path, article_id: str) -> int:
    """Clear the draft mark of every claim of ``article_id``; return how many were marked."""
    if (problem := slug_problem(article_id)) is not None:
        raise DraftError(f"article id {problem}")
    path = data_dir / ARTICLES_FOLDER / article_id / "claims.json"
    if not path.is_file():
        raise DraftError(f"{path.as_posix()}: no such file (is {article_id!r} an article?)")
    try:
        document = DataReader(data_dir).json(path)
    except FileProblem as exc:
        raise DraftError(str(exc.problem)) from None
    claims = document.get("claims") if isinstance(document, dict) else None
    if not isinstance(claims, list):
        raise DraftError(f"{path.as_posix()}: claims: must be a list of claims")
    cleared = 0
    for claim in claims:
        if isinstance(claim, dict) and claim.pop("draft", False):
            cleared += 1
    if cleared:
        write_atomic(path, _json(document))
    return cleared
