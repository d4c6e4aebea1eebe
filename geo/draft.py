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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from geo.errors import CorridorMapError, DataError
from geo.fileio import DataReader, FileProblem, write_atomic
from geo.model import Place
from geo.numbers import number_in
from geo.places import load_places
from geo.slugs import slug_problem
from geo.text import sentences
from geo.validate import load_dataset

ARTICLES_FOLDER = "articles"
MAX_ARTICLE_BYTES = 5_000_000
"""Larger files are refused: no article is this long, and a device file never ends."""
_OPEN, _CLOSE = "“", "”"
_SPEECH_VERBS = (
    "said|says|told|added|stated|noted|warned|claimed|asserted|announced|stressed|remarked|"
    "maintained|insisted|explained|urged|vowed|pledged|declared|observed|alleged|confirmed|"
    "denied|argued|wrote|tweeted|posted|expressed|reiterated|emphasised|emphasized|"
    "acknowledged|admitted|cautioned|suggested|assured|promised|replied|responded"
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
_AFTER_VERB = re.compile(rf"\b(?:{_SPEECH_VERBS})\s+(?:the\s+)?(?P<who>{_NAME})(?P<rest>[^.;]*)")
_BEFORE_VERB = re.compile(
    rf"(?P<who>(?:[A-Z][\w'’.-]*\s+)*[A-Z][\w'’.-]*)(?:,(?P<role>[^,]{{3,80}}),)?\s+"
    rf"(?:has\s+|had\s+|also\s+)?(?:{_SPEECH_VERBS})\b"
)
_ACCORDING = re.compile(rf"\baccording to (?:the\s+)?(?P<who>{_NAME})")
_PRONOUN = re.compile(
    rf"\b(?P<who>[Hh]e|[Ss]he)\s+(?:also\s+)?(?:{_SPEECH_VERBS})\b|"
    rf"\b(?:{_SPEECH_VERBS})\s+(?P<who2>he|she)\b"
)
_IT = re.compile(
    rf"\b(?:it|the\s+statement|the\s+spokesperson)\s+(?:also\s+)?(?:{_SPEECH_VERBS})\b|"
    rf"\b(?:{_SPEECH_VERBS})\s+(?:it|the\s+statement)\b",
    re.IGNORECASE,
)
_ACRONYM = re.compile(r"[A-Z]{2,6}")
_BY_ROLE = re.compile(
    rf"\bthe\s+(?P<title>{'|'.join(sorted(_TITLES, key=len, reverse=True))})\s+(?:also\s+)?"
    rf"(?:{_SPEECH_VERBS})\b|\b(?:{_SPEECH_VERBS})\s+the\s+"
    rf"(?P<title2>{'|'.join(sorted(_TITLES, key=len, reverse=True))})\b",
    re.IGNORECASE,
)
_SPEECH = re.compile(rf"\b(?:{_SPEECH_VERBS})\b|\baccording to\b")
_GROUP = re.compile(
    rf"\bthe\s+(?:[a-z]+\s+)?(?:group|organisation|organization|outfit)\s+(?:also\s+)?"
    rf"(?:{_SPEECH_VERBS})\b|\b(?:{_SPEECH_VERBS})\s+the\s+(?:[a-z]+\s+)?"
    rf"(?:group|organisation|organization|outfit)\b",
    re.IGNORECASE,
)
_COMMON = re.compile(
    rf"\b(?P<who>(?:the\s+)?(?:[a-z]+\s+)?(?:ministry|officials?|police|government|group|"
    rf"spokesperson|spokesman|statement|sources?|authorities|military|army|company|"
    rf"embassy|office|department|agency|report)s?)\s+(?:also\s+)?(?:{_SPEECH_VERBS})\b",
    re.IGNORECASE,
)
_QUOTED = re.compile(f'{_OPEN}[^{_CLOSE}]{{12,}}{_CLOSE}|"[^"]{{12,}}"')
"""A quotation of a dozen characters or more, in typographic or straight quotes."""
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
    ("day-month-year", re.compile(rf"\b(\d{{1,2}})\s+({_MONTH}),?\s+(\d{{4}})\b")),
    ("month-day-year", re.compile(rf"\b({_MONTH})\s+(\d{{1,2}}),?\s+(\d{{4}})\b")),
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
    lines = [" ".join(line.split()) for line in text.replace("\r\n", "\n").split("\n")]
    lines = [line for line in lines if line]
    if len(lines) < 2:
        raise DraftError(
            f"{path.as_posix()}: needs a headline on the first line, then the article's paragraphs"
        )
    metadata = {"headline": {"value": lines[0], "basis": f"the first line of {path.name}"}}
    return ArticleText(lines[0], lines[1:], metadata)


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
    """Names of the countries and the data's places, to tell "Pakistani" from "Karachi"."""
    last_group: str | None = None
    """The last organisation named ("Balochistan Liberation Army"), for "the group said"."""


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
            if char == _OPEN:
                open_quote = True
            elif char == _CLOSE:
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
        _remember_names(work, sentence)
        quote, attribution = _quote(sentence, body)
        continued = (
            quote != sentence
            and sentence.lstrip()[:1] in (_OPEN, '"')
            and not _SPEECH.search(attribution)
            and work.last_quoted is not None
        )
        if continued:
            assert work.last_quoted is not None
            speaker = work.last_quoted
        else:
            speaker = _speaker_of(work, attribution if quote != sentence else sentence)
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


def _remember_names(work: _Drafting, sentence: str) -> None:
    """Note the people named with a title and the organisations a sentence names."""
    for match in re.finditer(r"[A-Z][\w'’.-]*(?:\s+(?:of\s+)?[A-Z][\w'’.-]*)*", sentence):
        words = match.group(0).split()
        titles = max((i + 1 for i, w in enumerate(words) if w.strip(".") in _TITLES), default=0)
        names = words[titles:]
        if titles and 2 <= len(names) <= 4 and names[0] not in _NOT_PLACES:
            person = re.sub(r"['’]s$", "", " ".join(names))
            surname = person.split()[-1]
            known = work.people.pop(surname, (person, " ".join(words[:titles])))
            work.people[surname] = known  # the last named comes last
        elif any(word in _ORG_WORDS for word in words[1:]):
            name = " ".join(w for w in words if w not in ("The",))
            work.last_group = re.sub(r"['’]s$", "", name)


def _speaker_of(work: _Drafting, text: str) -> str:
    for pattern in (_AFTER_VERB, _ACCORDING, _BEFORE_VERB):
        for match in pattern.finditer(text):
            who = match.group("who").strip()
            role = (match.groupdict().get("role") or "").strip()
            if pattern is _AFTER_VERB:
                rest = match.group("rest") or ""
                if rest.strip() and not rest.lstrip().startswith(","):
                    continue  # "said New Delhi has raised…": a clause, not "said Meng, …"
                role = rest.strip(" ,")
            found = _person_or_body(work, who, role)
            if found is not None:
                return found
    by_role = _BY_ROLE.search(text)
    if by_role:
        found = _person_by_role(work, by_role.group("title") or by_role.group("title2"))
        if found is not None:
            return found
    pronoun = _PRONOUN.search(text)
    if pronoun and work.last_person is not None:
        return work.last_person
    if pronoun and work.people:
        name, role = list(work.people.values())[-1]  # named with a title, not yet quoted
        key = _slug(name)
        work.speakers.setdefault(key, _Speaker(name, "person", role))
        work.last_person = key
        return key
    if _GROUP.search(text) and work.last_group is not None:
        key = _slug(work.last_group)
        work.speakers.setdefault(key, _Speaker(work.last_group, "organisation"))
        work.last_body = key
        return key
    if _IT.search(text) and work.last_body is not None:
        return work.last_body
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


def _person_by_role(work: _Drafting, title: str) -> str | None:
    """The person last named with ``title`` in their role ("the minister said")."""
    wanted = title.casefold()
    if work.last_person is not None:
        speaker = work.speakers[work.last_person]
        if wanted in speaker.role.casefold():
            return work.last_person
    for name, role in reversed(list(work.people.values())):
        if wanted in role.casefold():
            key = _slug(name)
            work.speakers.setdefault(key, _Speaker(name, "person", role))
            work.last_person = key
            return key
    return None


def _person_or_body(work: _Drafting, who: str, role: str) -> str | None:
    words = who.replace("’", "'").split()
    while words and words[0] in ("The", "A", "An"):
        words = words[1:]
    titles = 0
    for index, word in enumerate(words):
        if word.strip(".") in _TITLES:
            titles = index + 1
    name_words = words[titles:]
    if not name_words or name_words[0] in _NOT_PLACES:
        return None
    name = re.sub(r"['’]s$", "", " ".join(name_words).strip(" ,.")).strip()
    if not name or name in ("He", "She", "It", "They"):
        return None
    if re.match(r"(?:in|on|at|during|while|after|before|when|as|from|to)\b", role):
        role = ""  # "the FO, in a statement, said": no role, a circumstance
    place_like = any(name == p.name or name in p.aliases for p in work.places.values())
    title = " ".join(words[:titles])
    role_text = ", ".join(part for part in (title, role[:80].strip(" ,")) if part)
    key = _slug(name)
    if place_like:
        work.speakers.setdefault(key, _Speaker(name, "government"))
        work.last_body = key
        return key
    if _ACRONYM.fullmatch(name) or name_words[-1] in _ORG_WORDS or name_words[-1] == "Office":
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
    from geo.gazetteer import country_names

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
        forms = "|".join(re.escape(form) for form in dict.fromkeys((name, name.upper())))
        for match in re.finditer(rf"(?<!\w)(?:{forms})(?!\w)", sentence):
            span = match.span()
            if any(a < span[1] and span[0] < b for a, b in taken):
                continue
            following = sentence[span[1] :].split(maxsplit=1)
            if following and following[0].strip(",.;:") in _ORG_WORDS:
                taken.append(span)  # "Kenya Railways", "Pakistan Army": an organisation
                continue
            taken.append(span)
            if place_id not in found:
                found.append(place_id)
    people = {w for name, _ in work.people.values() for w in name.split()} | {
        w for s in work.speakers.values() if s.type == "person" for w in s.name.split()
    }
    for start, end, candidate in _capitalised(sentence):
        if any(a < end and start < b for a, b in taken):
            continue
        before = sentence[:start].split()[-1:]
        if (before and before[0].strip(".,") in _TITLES) or set(candidate.split()) & people:
            continue  # "Interior Minister Hassan": a person, not the town of Hassan
        if re.match(rf"\s+(?:{_SPEECH_VERBS})\b", sentence[end:]):
            continue  # "Hassan said": a person
        added = _from_gazetteer(data_dir, work, candidate)
        if added is not None and added not in found:
            found.append(added)
            taken.append((start, end))
    return found


def _acronym(name: str) -> bool:
    """Names whose case matters ("UAE", "PoK"), as :mod:`geo.mentions` reads them."""
    return " " not in name and sum(char.isupper() for char in name) >= 2 and len(name) <= 6


def _demonym(name: str, work: _Drafting) -> bool:
    """A people's or an adjective's name ("Pakistani", "Chinese", "Kashmiri"): a word that
    is a known place's name with a demonym's ending ("Karachi" is not "Karach" + i)."""
    if " " in name or not name.endswith(_DEMONYM_ENDINGS) or not name[:1].isupper():
        return False
    stems = {name[:-1], name[:-2], name[:-3], name[:-3] + "a", name[:-2] + "a"}
    if not work.known_names:
        from geo.gazetteer import country_names

        work.known_names = set(country_names())
        for place in work.places.values():
            work.known_names.update((place.name, *place.aliases))
    return bool(stems & work.known_names)


def _capitalised(sentence: str) -> list[tuple[int, int, str]]:
    """Runs of capitalised words that could name a place, organisations' names aside."""
    runs = []
    for match in re.finditer(r"[A-Z][\w'’-]+(?:\s+(?:of\s+)?[A-Z][\w'’-]+)*", sentence):
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


def _from_gazetteer(data_dir: Path, work: _Drafting, name: str) -> str | None:
    """The place the gazetteer knows as ``name``, added to the data (``None`` when it
    knows none, or several it cannot tell apart by the countries the data holds)."""
    from geo.gazetteer import find_places, normalised
    from geo.place_add import PlaceAddError, _write_candidate, place_slug

    if _demonym(name, work) or len(name) < 3:
        return None
    wanted = normalised(name)
    for place_id, place in work.places.items():
        if wanted in (normalised(n) for n in (place.name, *place.aliases)):
            return place_id  # the data has it already, under this name
    candidates = [c for c in find_places(name, own_names_only=True) if c.own_name]
    candidates = [c for c in candidates if c.kind != "city" or c.country in work.article_countries]
    if len(candidates) != 1:
        return None
    candidate = candidates[0]
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
