"""Turn raw rows into typed events: dates, places, format, participants, countries, regions.

`extract_report` is the stage's one entry point; each field has its own small module.
"""

from __future__ import annotations

from datetime import date

from graphkg.dates import parse_dates
from graphkg.extract.agreements import agreements, background_citations
from graphkg.extract.capitals import with_capital
from graphkg.extract.geo import belarus_regions, event_places, foreign_countries
from graphkg.extract.institutions import institutions, name_key
from graphkg.extract.officials import officials
from graphkg.extract.online import is_online
from graphkg.extract.participants import participant_total
from graphkg.extract.sphere import sphere_of
from graphkg.models import Event, ParsedReport, Provenance, RawEvent, Report


def extract_report(parsed: ParsedReport) -> Report:
    year = parsed.period.start.year if parsed.period else None
    reference = parsed.news.published if parsed.news else None
    table = parsed.layout != "prose"
    events = tuple(extract_event(raw, parsed.source, year, reference, table) for raw in parsed.rows)
    return Report(
        source=parsed.source,
        title=parsed.title,
        layout=parsed.layout,
        period=parsed.period,
        events=events,
        warnings=parsed.warnings,
        decoding=parsed.decoding,
        skipped=parsed.skipped,
        background=parsed.background,
        news=parsed.news,
    )


def _with_parties(found, found_agreements):
    """A body that is a party of an agreement the row records takes the role party."""
    parties = {name_key(p) for a in found_agreements for p in a.parties}
    return [
        m.model_copy(update={"role": "party"}) if name_key(m.name) in parties else m for m in found
    ]


def _venue(places) -> str | None:
    """The one country of a row's settlements, if they lie in one."""
    countries = {p.country for p in places}
    return next(iter(countries)) if len(countries) == 1 else None


def extract_event(
    raw: RawEvent,
    source: str,
    default_year: int | None,
    reference: date | None = None,
    table: bool = True,
) -> Event:
    """`reference`: a news item's publication day, for dates without a year and "вчера";
    `table`: the row has cells (a prose row's "place" is its first sentence)."""
    warnings: list[str] = []
    if raw.published:  # a dateline's day, itself dated against the item or the report's year
        dateline, _ = parse_dates(raw.published, default_year, reference)
        day = dateline.start if dateline else None
        if day is not None and day.month is not None and day.day is not None:
            reference = date(day.year, day.month, day.day)
    dates, date_warnings = parse_dates(raw.dates, default_year, reference)
    warnings.extend(date_warnings)
    if dates is None:
        warnings.append("no date")
    everything = "\n".join([raw.title, raw.place, raw.content, raw.participants])
    places = event_places(raw.place)
    if not places and raw.fallback_place and not belarus_regions(everything):
        # a dateline's city stands only for a text that names no place and no region at all: an
        # agency's city is no venue when the text says where ("Делегация Гомельской области ...")
        places = event_places(raw.fallback_place)
    places = with_capital(places, raw.place, everything)  # "в столице региона"
    place_start = len(raw.title) + 1
    cells = (
        {  # a prose row has no cells: its "place" is its first sentence
            "place": (place_start, place_start + len(raw.place)),
            "participants": (len(everything) - len(raw.participants), len(everything)),
        }
        if table
        else {}
    )
    found = institutions(everything, _venue(places), cells)
    found_agreements = agreements([raw.title, raw.content, raw.participants], dates)
    # agreements the row's background cites ("Напомним, ... подписали соглашение"): evidence of
    # those agreements, but their parties take no part in this event
    cited = [
        c
        for c in background_citations(raw.background)
        if not any(c.kind == a.kind and set(c.parties) <= set(a.parties) for a in found_agreements)
    ]
    return Event(
        source=source,
        n=raw.n,
        sphere=sphere_of(raw.sphere),
        title=raw.title,
        dates=dates,
        places=tuple(places),
        online=is_online(raw.title, raw.place, raw.dates, raw.content, table),
        countries=tuple(foreign_countries(everything)),
        by_regions=tuple(belarus_regions(everything)),
        institutions=tuple(
            _with_parties(found, found_agreements)
            + officials(everything, found, dates.start.year if dates else default_year)
        ),
        agreements=tuple(found_agreements + cited),
        participants=participant_total(raw.participants, raw.content),
        provenance=Provenance(source=source, row=raw.n, lines=raw.span, text=raw.text),
        warnings=tuple(warnings),
    )
