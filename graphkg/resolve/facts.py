"""The facts of one report that resolution and the shared graphs need, as named records.

The store keeps them (store/facts.json), so adding a report re-resolves without re-reading the
other reports. Records are NamedTuples: read by field name everywhere, hashable (the packed form
writes each distinct institution mention once), and serialised compactly as JSON lists in field
order. A stored record of another length or shape fails `unpack_facts` with FactsError, and the
build then rebuilds whole (the build signature changes with this file anyway).
"""

from __future__ import annotations

from typing import NamedTuple

from graphkg.models import Report
from graphkg.resolve.keys import canonical_key, institution_iri

FACTS_VERSION = 3  # the packed layout below; facts.json written with another version is not read


class InstitutionFact(NamedTuple):
    name: str
    country: str | None
    region: str | None
    legal_form: str | None
    kind: str | None
    key: str  # canonical_key(name)
    iri: str  # institution_iri(name, country)


class AgreementFact(NamedTuple):
    kind: str
    status: str  # "signed" | "referenced"
    parties: tuple[str, ...]
    date: str | None
    number: str | None
    subject: str | None
    term: str | None  # as written: "на 2020-2022 годы"


class PlaceFact(NamedTuple):
    id: str | None  # gazetteer id
    name: str


class EventFact(NamedTuple):
    n: int  # the row number in its report
    year: int | None  # of the start date
    institutions: tuple[InstitutionFact, ...]
    agreements: tuple[AgreementFact, ...]
    places: tuple[PlaceFact, ...]
    start: str | None = None  # ISO start date (an agreement's life dates its joint events by it)
    end: str | None = None  # ISO end date (a rename's first mention under the new name)


class ReportFacts(NamedTuple):
    source: str
    events: tuple[EventFact, ...]


# kept for the callers that name the type
Facts = ReportFacts


class FactsError(ValueError):
    """Stored facts of the wrong shape (another version, a hand edit, a truncated write)."""


def report_facts(report: Report) -> ReportFacts:
    events = []
    for event in report.events:
        institutions = tuple(
            InstitutionFact(
                name=m.name,
                country=m.country,
                region=m.region,
                legal_form=m.legal_form,
                kind=m.kind,
                key=canonical_key(m.name),
                iri=institution_iri(m.name, m.country),
            )
            for m in event.institutions
        )
        agreements = tuple(
            AgreementFact(
                kind=a.kind,
                status=a.status,
                parties=tuple(a.parties),
                date=a.date,
                number=a.number,
                subject=a.subject,
                term=a.term,
            )
            for a in event.agreements
        )
        places = tuple(PlaceFact(id=p.id, name=p.name) for p in event.places)
        year = event.dates.start.year if event.dates else None
        start = event.dates.start.iso() if event.dates else None
        end = event.dates.end.iso() if event.dates else None
        events.append(EventFact(event.n, year, institutions, agreements, places, start, end))
    return ReportFacts(source=report.source, events=tuple(events))


def pack_facts(facts: list[ReportFacts]) -> dict:
    """Facts for storage: each distinct institution mention written once, events refer to it by
    its index; every record a JSON list in field order."""
    table: dict[InstitutionFact, int] = {}
    reports = []
    for report in facts:
        events = [
            [e.n, e.year, [table.setdefault(m, len(table)) for m in e.institutions],
             [list(a) for a in e.agreements], [list(p) for p in e.places], e.start, e.end]
            for e in report.events
        ]  # fmt: skip
        reports.append({"source": report.source, "events": events})
    return {"version": FACTS_VERSION, "institutions": [list(m) for m in table], "reports": reports}


def unpack_facts(packed: dict) -> list[ReportFacts]:
    """The records back; FactsError when the stored shape is not the one pack_facts writes."""
    try:
        if packed.get("version") != FACTS_VERSION:
            raise FactsError(f"facts version {packed.get('version')!r}")
        table = [_record(InstitutionFact, m) for m in packed["institutions"]]
        out = []
        for r in packed["reports"]:
            events = []
            for n, year, refs, agreements, places, start, end in r["events"]:
                if not isinstance(n, int) or not (year is None or isinstance(year, int)):
                    raise FactsError("an event's row or year is not a number")
                if not all(d is None or isinstance(d, str) for d in (start, end)):
                    raise FactsError("an event's start date is not a string")
                events.append(
                    EventFact(
                        n,
                        year,
                        tuple(table[i] for i in refs),
                        tuple(_record(AgreementFact, a) for a in agreements),
                        tuple(_record(PlaceFact, p) for p in places),
                        start,
                        end,
                    )
                )
            if not isinstance(r["source"], str):
                raise FactsError("a report's source is not a string")
            out.append(ReportFacts(r["source"], tuple(events)))
        return out
    except FactsError:
        raise
    except (AttributeError, KeyError, IndexError, TypeError, ValueError) as exc:
        raise FactsError(f"stored facts of the wrong shape ({type(exc).__name__})") from None


# fields that are never None; every other field is a string, a number, None or a list of them
_REQUIRED = {
    "InstitutionFact": {"name", "key", "iri"},
    "AgreementFact": {"kind", "status"},
    "PlaceFact": {"name"},
}


def _record(kind, values):
    """One record from its JSON list: the right length, JSON lists back to tuples."""
    if not isinstance(values, list) or len(values) != len(kind._fields):
        raise FactsError(f"a stored {kind.__name__} of the wrong length")
    required = _REQUIRED.get(kind.__name__, set())
    out = []
    for name, value in zip(kind._fields, values, strict=True):
        if isinstance(value, list):
            if not all(isinstance(v, str | int | float) for v in value):
                raise FactsError(f"a stored {kind.__name__}.{name} of the wrong type")
            value = tuple(value)
        elif not isinstance(value, str | int | float | None) or (
            value is None and name in required
        ):
            raise FactsError(f"a stored {kind.__name__}.{name} of the wrong type")
        out.append(value)
    return kind(*out)
