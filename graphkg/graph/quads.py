"""Reports → RDF quads under ontology/graphkg.ttl: one named graph per report.

Every node has a readable IRI derived from a resolved id (no blank nodes), so two builds of the
same input give the same quads, and a report's graph can be replaced on its own.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from pyoxigraph import Literal, NamedNode, Quad

from graphkg.graph.coverage import months, scope_iri, scope_of
from graphkg.graph.vocab import PROV, RDFS, SCHEMA, TIME, A, gk, n, text, typed
from graphkg.models import AgreementMention, Event, PartialDate, Report
from graphkg.resolve.keys import BASE, slug

_UNIT = {"day": "unitDay", "month": "unitMonth", "year": "unitYear"}


_XSD_OF = {"day": "date", "month": "gYearMonth", "year": "gYear"}


_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")


@lru_cache(maxsize=10_000)
def report_stem(source: str) -> str:
    """A report's id in IRIs: its whole file name (r.txt and r.docx are two reports), with every
    character that is not an ASCII unreserved one or a letter or digit of another script (Cyrillic
    stays readable) percent-encoded as UTF-8. `%` is always encoded, so the encoding is one-to-one
    and any name gives a valid IRI; undecodable bytes of a file name (surrogate escapes) are
    encoded as the bytes they stand for."""
    return "".join(
        c if c in _UNRESERVED or (c >= "\xa0" and c.isalnum()) else _percent(c) for c in source
    )


def _percent(c: str) -> str:
    try:
        data = c.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a lone surrogate that is no escaped byte
        data = c.encode("utf-8", "surrogatepass")
    return "".join(f"%{b:02X}" for b in data)


def report_graph_iri(source: str) -> NamedNode:
    return n(f"{BASE}graph/report/{report_stem(source)}")


def report_iri(source: str) -> NamedNode:
    return n(f"{BASE}report/{report_stem(source)}")


def event_iri(source: str, row: int) -> NamedNode:
    return n(_event_id(source, row))


def _event_id(source: str, row: int) -> str:
    return f"{BASE}event/{report_stem(source)}/{row}"


def country_iri(code: str) -> NamedNode:
    return n(f"{BASE}country/{code}")


def region_iri(code: str) -> NamedNode:
    return n(f"{BASE}region/{code}")


def sphere_iri(sphere_id: str) -> NamedNode:
    return n(f"{BASE}sphere/{sphere_id}")


def place_iri(place_id: str | None, name: str) -> NamedNode:
    return n(f"{BASE}place/{place_id or slug(name)}")


def legal_form_iri(form: str) -> NamedNode:
    return n(f"{BASE}legal-form/{slug(form)}")


def kind_iri(kind: str) -> NamedNode:
    return n(f"{BASE}institution-kind/{kind}")


def agreement_kind_iri(kind: str) -> NamedNode:
    return n(f"{BASE}agreement-kind/{slug(kind)}")


def report_quads(report: Report) -> Iterator[Quad]:
    """The named graph of one report: the report node, its period and its events."""
    g = report_graph_iri(report.source)
    r = report_iri(report.source)
    yield Quad(r, A, gk("Report"), g)
    yield Quad(r, n(SCHEMA + "name"), text(report.source), g)
    yield Quad(r, n(RDFS + "label"), text(report.title, "ru"), g)
    yield Quad(r, gk("layout"), text(report.layout.value), g)
    if report.news:  # an item's provenance is its address; its coverage the day it was published
        yield Quad(r, A, gk("NewsItem"), g)
        yield Quad(r, n(SCHEMA + "url"), n(report.news.url), g)
        published = typed(report.news.published.isoformat(), "date")
        yield Quad(r, n(SCHEMA + "datePublished"), published, g)
    # What the report covers, so counts across periods can say when they compare unlike things.
    yield Quad(r, gk("scope"), n(scope_iri(scope_of(report.title))), g)
    if report.period:
        period = n(f"{r.value}/period")
        yield Quad(r, gk("reportPeriod"), period, g)
        yield Quad(period, A, n(TIME + "Interval"), g)
        yield Quad(period, n(RDFS + "label"), text(report.period.label, "ru"), g)
        yield Quad(
            period, n(SCHEMA + "startDate"), typed(report.period.start.isoformat(), "date"), g
        )
        yield Quad(period, n(SCHEMA + "endDate"), typed(report.period.end.isoformat(), "date"), g)
        for month in months(report.period.start, report.period.end):
            yield Quad(r, gk("coversMonth"), typed(month, "gYearMonth"), g)
    for event in report.events:
        yield from _event_quads(event, r, g)


def _date_literal(date: PartialDate) -> Literal:
    return typed(date.iso(), _XSD_OF[date.precision.value])


def _event_quads(event: Event, report: NamedNode, g: NamedNode) -> Iterator[Quad]:
    e = event_iri(event.source, event.n)
    yield Quad(e, A, gk("Event"), g)
    yield Quad(e, n(PROV + "wasDerivedFrom"), report, g)
    yield Quad(e, gk("rowNumber"), typed(event.n, "integer"), g)
    yield Quad(e, gk("firstLine"), typed(event.provenance.lines.first, "integer"), g)
    yield Quad(e, gk("lastLine"), typed(event.provenance.lines.last, "integer"), g)
    yield Quad(e, gk("sourceText"), text(event.provenance.text), g)
    yield Quad(e, n(SCHEMA + "name"), text(event.title, "ru"), g)
    if event.sphere:
        yield Quad(e, gk("sphere"), sphere_iri(event.sphere.id), g)
        yield Quad(e, gk("sectionHeader"), text(event.sphere.label, "ru"), g)
    if event.dates:
        interval = n(f"{e.value}/time")
        yield Quad(e, n(TIME + "hasTime"), interval, g)
        yield Quad(interval, A, n(TIME + "Interval"), g)
        for end, date in (("start", event.dates.start), ("end", event.dates.end)):
            instant = n(f"{e.value}/{end}")
            prop = "hasBeginning" if end == "start" else "hasEnd"
            yield Quad(interval, n(TIME + prop), instant, g)
            yield Quad(instant, A, n(TIME + "Instant"), g)
            yield Quad(
                instant,
                n(TIME + "inXSD" + _XSD_OF[date.precision.value].replace("date", "Date")),
                _date_literal(date),
                g,
            )
            yield Quad(instant, n(TIME + "unitType"), n(TIME + _UNIT[date.precision.value]), g)
            yield Quad(
                e,
                n(SCHEMA + ("startDate" if end == "start" else "endDate")),
                _date_literal(date),
                g,
            )
        yield Quad(e, gk("year"), typed(event.dates.start.year, "integer"), g)
    mode = "OnlineEventAttendanceMode" if event.online else "OfflineEventAttendanceMode"
    yield Quad(e, n(SCHEMA + "eventAttendanceMode"), n(SCHEMA + mode), g)
    yield Quad(e, gk("online"), typed(event.online, "boolean"), g)
    for place in event.places:
        yield Quad(e, n(SCHEMA + "location"), place_iri(place.id, place.name), g)
    for code in event.countries:
        yield Quad(e, gk("involvesCountry"), country_iri(code), g)
    for code in event.by_regions:
        yield Quad(e, gk("involvesRegion"), region_iri(code), g)
    if event.participants is not None:
        yield Quad(e, gk("participantCount"), typed(event.participants, "integer"), g)
    for k, mention in enumerate(event.institutions, start=1):
        body = _resolved(mention.id, mention.mention)
        if (
            mention.inferred_from
        ):  # a body inferred from its head's title, not named: no mentionedAs
            node = n(f"{e.value}/role/{k}")
            yield Quad(e, gk("participant"), body, g)
            yield Quad(e, gk("roleParticipation"), node, g)
            yield Quad(node, gk("institution"), body, g)
            yield Quad(node, gk("inferredFromRole"), text(mention.inferred_from, "ru"), g)
            continue
        node = n(f"{e.value}/mention/{k}")
        if mention.role not in (
            "supporter",
            "topic",
        ):  # a sponsor or a topic is named, not taking part
            yield Quad(e, gk("participant"), body, g)
        yield Quad(e, gk("participation"), node, g)
        yield Quad(node, gk("institution"), body, g)
        yield Quad(node, gk("mentionedAs"), text(mention.mention, "ru"), g)
        if mention.role:
            yield Quad(node, gk("role"), text(mention.role), g)
    for k, agreement in enumerate(event.agreements, start=1):
        yield from _agreement_mention_quads(e, k, agreement, g)


def _resolved(iri: str | None, named: str) -> NamedNode:
    """A mention's entity node. The graph is made from resolved reports, where every mention has
    its entity IRI; one without is a fault of the pipeline, named rather than written as a blank."""
    if iri is None:
        raise ValueError(f"an unresolved mention reached the graph: {named!r}")
    return n(iri)


def _agreement_mention_quads(
    e: NamedNode, k: int, agreement: AgreementMention, g: NamedNode
) -> Iterator[Quad]:
    a = _resolved(agreement.id, agreement.kind)
    yield Quad(e, gk("signs" if agreement.status == "signed" else "cites"), a, g)
    node = n(f"{e.value}/agreement/{k}")
    yield Quad(e, gk("agreementMention"), node, g)
    yield Quad(node, gk("agreement"), a, g)
    yield Quad(node, gk("status"), text(agreement.status), g)
    if agreement.date:
        yield Quad(node, gk("mentionDate"), typed(agreement.date, "date"), g)
    if agreement.number:
        yield Quad(node, gk("mentionNumber"), text(agreement.number), g)
