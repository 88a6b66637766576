"""Turn raw rows into typed events: dates, places, format, participants, countries, regions.

`extract_report` is the stage's one entry point; each field has its own small module.
"""

from __future__ import annotations

from graphkg.extract.agreements import agreements
from graphkg.extract.dates import parse_dates
from graphkg.extract.geo import belarus_regions, event_places, foreign_countries
from graphkg.extract.institutions import institutions, name_key
from graphkg.extract.online import is_online
from graphkg.extract.participants import participant_total
from graphkg.extract.sphere import sphere_of
from graphkg.models import Event, ParsedReport, Provenance, RawEvent, Report


def extract_report(parsed: ParsedReport) -> Report:
    year = parsed.period.start.year if parsed.period else None
    table = parsed.layout != "prose"
    events = tuple(extract_event(raw, parsed.source, year, table) for raw in parsed.rows)
    return Report(
        source=parsed.source,
        title=parsed.title,
        layout=parsed.layout,
        period=parsed.period,
        events=events,
        warnings=parsed.warnings,
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
    raw: RawEvent, source: str, default_year: int | None, table: bool = True
) -> Event:
    warnings: list[str] = []
    dates, date_warnings = parse_dates(raw.dates, default_year)
    warnings.extend(date_warnings)
    if dates is None:
        warnings.append("no date")
    places = event_places(raw.place)
    everything = "\n".join([raw.title, raw.place, raw.content, raw.participants])
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
    return Event(
        source=source,
        n=raw.n,
        sphere=sphere_of(raw.sphere),
        title=raw.title,
        dates=dates,
        places=tuple(places),
        online=is_online(raw.title, raw.place, raw.dates),
        countries=tuple(foreign_countries(everything)),
        by_regions=tuple(belarus_regions(everything)),
        institutions=tuple(_with_parties(found, found_agreements)),
        agreements=tuple(found_agreements),
        participants=participant_total(raw.participants, raw.content),
        provenance=Provenance(source=source, row=raw.n, lines=raw.span, text=raw.text),
        warnings=tuple(warnings),
    )
