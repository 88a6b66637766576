"""The one schema between stages: pydantic models for documents, raw rows, events and reports.

Every stage takes and returns these models; no dicts are passed around in their place.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


# --- read ---------------------------------------------------------------------------------


class NewsItem(Frozen):
    """A news item's own header: its provenance and coverage (the day it was published)."""

    title: str
    url: str
    published: date


class Document(Frozen):
    """A report as text lines, whatever its file format (DOCX tables are rendered as TXT cells)."""

    source: str  # file name without directory
    path: str
    format: str  # "txt" | "docx"
    encoding: str
    lines: tuple[str, ...]
    decoding: str = ""  # the encoding decision and its confidence, for the summary line
    warnings: tuple[str, ...] = ()  # e.g. lines decoded with replacement characters
    news: NewsItem | None = None  # set when the file is a news item, not a report


# --- parse --------------------------------------------------------------------------------


class Layout(StrEnum):
    table = "table"
    prose = "prose"


class Span(Frozen):
    """1-based inclusive line numbers in the document."""

    first: int
    last: int


class RawEvent(Frozen):
    """One table row or one dated prose activity, with its cells named by column meaning."""

    n: int
    sphere: str | None = None
    title: str = ""
    place: str = ""
    dates: str = ""
    content: str = ""
    participants: str = ""
    fallback_place: str = ""  # a prose dateline's city: the place only when the text names none
    published: str = ""  # a prose dateline's day: what "вчера" and a date without a year count from
    # background the item tells before or around this activity ("Напомним, ..."): not the event's
    # own text, but agreements it names are cited by the event
    background: str = ""
    span: Span
    text: str  # the row's text as the report wrote it


class Period(Frozen):
    start: date
    end: date
    label: str  # e.g. "IV квартал 2023 года"


class Skipped(Frozen):
    """A paragraph the prose layout did not take as an event, and why: none is dropped unsaid."""

    paragraph: int  # 1-based among the body's paragraphs
    line: int
    words: str  # its first words
    why: str

    def describe(self, source: str) -> str:
        return f"{source}: paragraph {self.paragraph} (line {self.line}) «{self.words}» skipped: {self.why}"

    def describe_background(self, source: str) -> str:
        return f"{source}: paragraph {self.paragraph} (line {self.line}) «{self.words}» not an event: {self.why}"


class ParsedReport(Frozen):
    source: str
    title: str
    layout: Layout
    period: Period | None
    rows: tuple[RawEvent, ...]
    warnings: tuple[str, ...] = ()
    decoding: str = ""
    skipped: tuple[Skipped, ...] = ()
    background: tuple[Skipped, ...] = ()  # paragraphs told as background, not events
    news: NewsItem | None = None


# --- extract ------------------------------------------------------------------------------


class Precision(StrEnum):
    day = "day"
    month = "month"
    year = "year"


class PartialDate(Frozen):
    """A date known to the day, the month or the year only."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return Precision.day
        return Precision.month if self.month is not None else Precision.year

    def iso(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def sort_key(self, end: bool = False) -> tuple[int, int, int]:
        """Earliest (or latest, with end=True) day the partial date can mean."""
        fill = 99 if end else 0
        return (self.year, self.month or fill, self.day or fill)


class DateRange(Frozen):
    start: PartialDate
    end: PartialDate


class PlaceRef(Frozen):
    name: str  # nominative, as the gazetteer writes it
    id: str | None = None  # gazetteer id; None for a district or region written as-is
    country: str | None = None
    region: str | None = None  # ISO 3166-2


class Sphere(Frozen):
    id: str
    label: str  # the header text as written, whitespace-collapsed


class InstitutionMention(Frozen):
    name: str  # preferred (nominative) name
    mention: str  # nominative form as written in this row (its name before resolution)
    written: str | None = None  # the words as the row has them, inflected
    aliases: tuple[str, ...] = ()  # other names this row gives it ("(далее – ОАО «МАЗ»)")
    country: str | None = None
    region: str | None = None
    legal_form: str | None = None
    kind: str | None = None
    side: str | None = None  # "home" (Smolensk/Russia) | "foreign"
    id: str | None = None  # resolved entity IRI, set by resolve
    # the official's title a body is inferred from ("губернатор ..."), when not named: such a
    # body joins partnerships but not the export's `institutions` list
    inferred_from: str | None = None
    # what the row says the body does: participant | organiser | host | party | supporter | topic;
    # None when the text does not say (a mention). Partnerships count only bodies that take part.
    role: str | None = None
    # how the country is known: name | location | table | context | form | default (surest first);
    # resolution reconciles one name key's countries by it before IRIs are minted
    evidence: str | None = None


class AgreementMention(Frozen):
    kind: str
    status: str  # "signed" | "referenced"
    parties: tuple[str, ...] = ()
    date: str | None = None
    number: str | None = None
    subject: str | None = None
    term: str | None = None  # how long it runs, as written ("на 2020-2022 годы", "сроком на 5 лет")
    id: str | None = None
    part_of: str | None = None  # a plan or supplement: the id of the agreement it belongs to


class Provenance(Frozen):
    source: str
    row: int
    lines: Span
    text: str


class Event(Frozen):
    source: str
    n: int
    sphere: Sphere | None
    title: str
    dates: DateRange | None
    places: tuple[PlaceRef, ...] = ()
    online: bool = False
    countries: tuple[str, ...] = ()
    by_regions: tuple[str, ...] = ()
    institutions: tuple[InstitutionMention, ...] = ()
    agreements: tuple[AgreementMention, ...] = ()
    participants: int | None = None
    provenance: Provenance
    warnings: tuple[str, ...] = ()

    def export(self) -> dict:
        """The JSON Lines record of ../shared/eval/SCHEMA.md (plus provenance keys)."""
        return {
            "source": self.source,
            "n": self.n,
            "sphere": self.sphere.label if self.sphere else None,
            "sphere_id": self.sphere.id if self.sphere else None,
            "title": self.title,
            "start": self.dates.start.iso() if self.dates else None,
            "end": self.dates.end.iso() if self.dates else None,
            "places": [p.name for p in self.places],
            "online": self.online,
            "countries": list(self.countries),
            "by_regions": list(self.by_regions),
            "institutions": [
                {
                    "id": i.id,
                    "name": i.name,
                    "mention": i.mention,
                    "aliases": list(i.aliases),
                    "country": i.country,
                    "region": i.region,
                    "kind": i.kind,
                    "side": i.side,
                    "role": i.role,
                }
                for i in self.institutions
                if i.inferred_from is None  # GUIDE: named organisations only
            ],
            "agreements": [
                {
                    "id": a.id,
                    "kind": a.kind,
                    "status": a.status,
                    "parties": list(a.parties),
                    "date": a.date,
                    "number": a.number,
                    "subject": a.subject,
                    "term": a.term,
                    "part_of": a.part_of,
                }
                for a in self.agreements
            ],
            "participants": self.participants,
            "lines": [self.provenance.lines.first, self.provenance.lines.last],
        }


class Report(Frozen):
    source: str
    title: str
    layout: Layout
    period: Period | None
    events: tuple[Event, ...] = Field(default_factory=tuple)
    warnings: tuple[str, ...] = ()
    decoding: str = ""  # e.g. "cp1251 (detected, confidence 0.97)"
    skipped: tuple[Skipped, ...] = ()  # prose paragraphs without a date
    background: tuple[Skipped, ...] = ()  # prose paragraphs told as background, not events
    news: NewsItem | None = None  # a news item: its url and publication date
