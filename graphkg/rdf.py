"""Models → RDF quads under ontology/graphkg.ttl: one named graph per report, one for entities.

Every node has a readable IRI derived from a resolved id (no blank nodes), so two builds of the
same input give the same quads, and a report's graph can be replaced on its own.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from hashlib import blake2b
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Quad

from .lookups import countries, places, read_table, spheres
from .models import AgreementMention, Event, PartialDate, Report
from .resolve import BASE, Resolution, slug

GK = "https://w3id.org/graphkg/ontology#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
ORG = "http://www.w3.org/ns/org#"
SCHEMA = "https://schema.org/"
TIME = "http://www.w3.org/2006/time#"
PROV = "http://www.w3.org/ns/prov#"
GEO = "http://www.w3.org/2003/01/geo/wgs84_pos#"
OWL = "http://www.w3.org/2002/07/owl#"
WD = "http://www.wikidata.org/entity/"

ENTITIES_GRAPH = NamedNode(BASE + "graph/entities")
VOCABULARY_GRAPH = NamedNode(BASE + "graph/vocabulary")
ONTOLOGY_FILE = Path(__file__).resolve().parent.parent / "ontology" / "graphkg.ttl"

_UNIT = {"day": "unitDay", "month": "unitMonth", "year": "unitYear"}
_XSD_OF = {"day": "date", "month": "gYearMonth", "year": "gYear"}


def n(iri: str) -> NamedNode:
    return NamedNode(iri)


def gk(name: str) -> NamedNode:
    return NamedNode(GK + name)


A = n(RDF + "type")


def text(value: str, lang: str | None = None) -> Literal:
    return Literal(value, language=lang) if lang else Literal(value)


def typed(value, datatype: str) -> Literal:
    return Literal(str(value).lower() if isinstance(value, bool) else str(value), datatype=n(XSD + datatype))


@lru_cache(maxsize=10_000)
def report_stem(source: str) -> str:
    return Path(source).stem


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
    if report.period:
        period = n(f"{r.value}/period")
        yield Quad(r, gk("reportPeriod"), period, g)
        yield Quad(period, A, n(TIME + "Interval"), g)
        yield Quad(period, n(RDFS + "label"), text(report.period.label, "ru"), g)
        yield Quad(period, n(SCHEMA + "startDate"), typed(report.period.start.isoformat(), "date"), g)
        yield Quad(period, n(SCHEMA + "endDate"), typed(report.period.end.isoformat(), "date"), g)
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
            yield Quad(instant, n(TIME + "inXSD" + _XSD_OF[date.precision.value].replace("date", "Date")), _date_literal(date), g)
            yield Quad(instant, n(TIME + "unitType"), n(TIME + _UNIT[date.precision.value]), g)
            yield Quad(e, n(SCHEMA + ("startDate" if end == "start" else "endDate")), _date_literal(date), g)
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
        node = n(f"{e.value}/mention/{k}")
        yield Quad(e, gk("participant"), n(mention.id), g)
        yield Quad(e, gk("participation"), node, g)
        yield Quad(node, gk("institution"), n(mention.id), g)
        yield Quad(node, gk("mentionedAs"), text(mention.mention, "ru"), g)
    for k, agreement in enumerate(event.agreements, start=1):
        yield from _agreement_mention_quads(e, k, agreement, g)


def _agreement_mention_quads(e: NamedNode, k: int, agreement: AgreementMention, g: NamedNode) -> Iterator[Quad]:
    a = n(agreement.id)
    yield Quad(e, gk("signs" if agreement.status == "signed" else "cites"), a, g)
    node = n(f"{e.value}/agreement/{k}")
    yield Quad(e, gk("agreementMention"), node, g)
    yield Quad(node, gk("agreement"), a, g)
    yield Quad(node, gk("status"), text(agreement.status), g)
    if agreement.date:
        yield Quad(node, gk("mentionDate"), typed(agreement.date, "date"), g)
    if agreement.number:
        yield Quad(node, gk("mentionNumber"), text(agreement.number), g)


PARTNERSHIPS_GRAPH = NamedNode(BASE + "graph/partnerships")

# The shared graphs (entities, partnerships) as nodes: subject IRI → state, where the state is
# everything the node's quads are made from. Two resolutions differ on a node exactly when its
# state differs, so an incremental build rewrites only those nodes.
Nodes = dict[NamedNode, dict[str, tuple]]


def shared_nodes(resolution: Resolution) -> Nodes:
    entities: dict[str, tuple] = {}
    for entity in resolution.entities.values():
        predecessor, successor = entity.predecessor, entity.successor
        alt = tuple(sorted(name for name in entity.names if name != entity.label))
        entities[entity.id] = ("institution", entity.label, alt, entity.country, entity.region, entity.legal_form,
                               entity.kind, predecessor, successor)  # fmt: skip
    labels = {e.label: e.id for e in resolution.entities.values()}  # parties are entity labels
    agreements: dict[str, list[AgreementMention]] = {}
    for per_event in resolution.agreements.values():
        for event in per_event:
            for agreement in event:
                agreements.setdefault(agreement.id, []).append(agreement)
    for iri, mentions in agreements.items():
        parties = tuple(sorted({labels[p] for m in mentions for p in m.parties if p in labels}))
        dates = sorted({m.date for m in mentions if m.date})
        entities[iri] = ("agreement", mentions[0].kind, parties, dates[0] if dates else None,
                         tuple(sorted({m.number for m in mentions if m.number})),
                         min((m.subject for m in mentions if m.subject), default=None),
                         tuple(sorted({m.part_of for m in mentions if m.part_of})))  # fmt: skip
    names: dict[tuple[str | None, str], set[str]] = {}
    for report in resolution.facts:
        for event in report["events"]:
            for place_id, name in event[4]:
                names.setdefault((place_id, place_iri(place_id, name).value), set()).add(name)
    for (place_id, iri), used in names.items():
        entities[iri] = ("place", place_id, tuple(sorted(used)))
    return {ENTITIES_GRAPH: entities, PARTNERSHIPS_GRAPH: _partnerships(resolution)}


def _partnerships(resolution: Resolution) -> dict[str, tuple]:
    """Home–foreign pairs of institutions named in one event: the events they share, with years;
    and for every institution in a pair, its number of partners and of events shared with them."""
    pairs: dict[tuple[str, str], list[tuple[str, int | None]]] = {}
    for report in resolution.facts:
        for row, year, institutions, _, _ in report["events"]:
            home, foreign = set(), set()
            for _, country, _, _, _, _, iri in institutions:
                if country:
                    (home if country == "RU" else foreign).add(iri)
            if home and foreign:
                e = _event_id(report["source"], row)
                for h in home:
                    for f in foreign:
                        pairs.setdefault((h, f), []).append((e, year))
    nodes = {partnership_iri(h, f): ("partnership", h, f, tuple(sorted(events))) for (h, f), events in pairs.items()}
    partners: dict[str, set[str]] = {}
    shared: dict[str, set[str]] = {}
    for (h, f), events in pairs.items():
        for i, p in ((h, f), (f, h)):
            partners.setdefault(i, set()).add(p)
            shared.setdefault(i, set()).update(e for e, _ in events)
    for i in partners:
        nodes[i] = ("degree", len(partners[i]), len(shared[i]))
    return nodes


def partnership_iri(home: str, foreign: str) -> str:
    """Readable and unique: the local names of the two institution IRIs."""
    return f"{BASE}partnership/{home.rsplit('/', 1)[-1]}--{foreign.rsplit('/', 1)[-1]}"


def fingerprints(nodes: Nodes) -> dict[str, dict[str, str]]:
    """A short digest of every node's state, kept with the store to tell later builds what changed."""
    return {g.value: {iri: blake2b(repr(state).encode(), digest_size=8).hexdigest() for iri, state in items.items()}
            for g, items in nodes.items()}  # fmt: skip


def node_quads(iri: str, state: tuple, g: NamedNode) -> Iterator[Quad]:
    return _NODE_QUADS[state[0]](n(iri), *state[1:], g)


def node_subjects(iri: str) -> tuple[NamedNode, ...]:
    """Every subject a node's quads use: the node and its rename (org:ChangeEvent) node."""
    return n(iri), n(f"{iri}/change")


def shared_quads(nodes: Nodes) -> dict[NamedNode, list[Quad]]:
    return {g: [q for iri in sorted(items) for q in node_quads(iri, items[iri], g)] for g, items in nodes.items()}


def _institution_quads(i, label, alt, country, region, legal_form, kind, predecessor, successor, g) -> Iterator[Quad]:
    yield Quad(i, A, gk("Institution"), g)
    yield Quad(i, n(SKOS + "prefLabel"), text(label, "ru"), g)
    yield Quad(i, n(RDFS + "label"), text(label, "ru"), g)
    for name in alt:
        yield Quad(i, n(SKOS + "altLabel"), text(name, "ru"), g)
    if country:
        yield Quad(i, gk("country"), country_iri(country), g)
        yield Quad(i, gk("side"), text("home" if country == "RU" else "foreign"), g)
    if region:
        yield Quad(i, gk("region"), region_iri(region), g)
    if legal_form:
        yield Quad(i, gk("legalForm"), legal_form_iri(legal_form), g)
    if kind:
        yield Quad(i, gk("institutionKind"), kind_iri(kind), g)
    if successor:
        change = n(f"{i.value}/change")
        yield Quad(change, A, n(ORG + "ChangeEvent"), g)
        yield Quad(change, n(ORG + "originalOrganization"), i, g)
        yield Quad(change, n(ORG + "resultingOrganization"), n(successor), g)
        yield Quad(i, n(ORG + "changedBy"), change, g)
    if predecessor:
        yield Quad(i, n(ORG + "resultedFrom"), n(f"{predecessor}/change"), g)


def _agreement_quads(a, kind, parties, signed, numbers, subject, part_of, g) -> Iterator[Quad]:
    yield Quad(a, A, gk("Agreement"), g)
    yield Quad(a, gk("agreementKind"), agreement_kind_iri(kind), g)
    yield Quad(a, n(RDFS + "label"), text(kind, "ru"), g)
    for party in parties:
        yield Quad(a, gk("party"), n(party), g)
    if signed:
        yield Quad(a, gk("signedOn"), typed(signed, "date"), g)
    for number in numbers:
        yield Quad(a, gk("registrationNumber"), text(number), g)
    if subject:
        yield Quad(a, gk("subjectText"), text(subject, "ru"), g)
    for whole in part_of:
        yield Quad(a, gk("partOf"), n(whole), g)


def _place_quads(p, place_id, names, g) -> Iterator[Quad]:
    yield Quad(p, A, gk("Place"), g)
    for name in names:
        yield Quad(p, n(SCHEMA + "name"), text(name, "ru"), g)
    record = places().get(place_id) if place_id else None
    if record:
        yield Quad(p, gk("country"), country_iri(record.country), g)
        if record.region:
            yield Quad(p, gk("region"), region_iri(record.region), g)
        if record.lat is not None:
            yield Quad(p, n(GEO + "lat"), typed(record.lat, "decimal"), g)
            yield Quad(p, n(GEO + "long"), typed(record.lon, "decimal"), g)
        if record.wikidata:
            yield Quad(p, n(OWL + "sameAs"), n(WD + record.wikidata), g)


def _partnership_quads(p, home, foreign, events, g) -> Iterator[Quad]:
    yield Quad(p, A, gk("Partnership"), g)
    if len(events) > 1:
        yield Quad(p, A, gk("RepeatPartnership"), g)
    yield Quad(p, gk("home"), n(home), g)
    yield Quad(p, gk("foreign"), n(foreign), g)
    for e, _ in events:
        yield Quad(p, gk("sharedEvent"), n(e), g)
    yield Quad(p, gk("eventCount"), typed(len(events), "integer"), g)
    years = sorted(year for _, year in events if year)
    if years:
        yield Quad(p, gk("firstYear"), typed(years[0], "integer"), g)
        yield Quad(p, gk("lastYear"), typed(years[-1], "integer"), g)
        yield Quad(p, gk("yearCount"), typed(len(set(years)), "integer"), g)


def _degree_quads(i, partners, events, g) -> Iterator[Quad]:
    yield Quad(i, gk("partnerCount"), typed(partners, "integer"), g)
    yield Quad(i, gk("partnerEventCount"), typed(events, "integer"), g)


_NODE_QUADS = {"institution": _institution_quads, "agreement": _agreement_quads, "place": _place_quads,
               "partnership": _partnership_quads, "degree": _degree_quads}  # fmt: skip


def vocabulary_quads() -> Iterator[Quad]:
    """SKOS concepts from the data tables: spheres, legal forms, kinds, countries, regions."""
    g = VOCABULARY_GRAPH
    concept = n(SKOS + "Concept")
    for sphere in spheres():
        c = sphere_iri(sphere.id)
        yield from _concept(c, gk("SphereScheme"), sphere.label_ru, sphere.label_en, sphere.id, g)
    for row in read_table("legal_forms.csv"):
        c = legal_form_iri(row["form"])
        yield from _concept(c, gk("LegalFormScheme"), row["form"], row["full"] or row["form"], row["form"], g)
    for kind in sorted({row["kind"] for row in read_table("legal_forms.csv")} | {row["kind"] for row in read_table("institution_heads.csv")}):
        yield from _concept(kind_iri(kind), gk("InstitutionKindScheme"), kind, kind, kind, g)
    for kind in ("соглашение", "договор", "меморандум", "протокол", "план", "дополнительное соглашение", "соглашение о намерениях"):
        yield from _concept(agreement_kind_iri(kind), gk("AgreementKindScheme"), kind, kind, slug(kind), g)
    for code, country in sorted(countries().items()):
        c = country_iri(code)
        yield Quad(c, A, gk("Country"), g)
        yield from _concept(c, None, country.name, country.en, code, g)
    for place in sorted({p.region for p in places().values() if p.region and p.kind == "region"} | {"BY-HM"}):
        c = region_iri(place)
        yield Quad(c, A, gk("Region"), g)
        yield Quad(c, A, concept, g)
        yield Quad(c, n(SKOS + "notation"), text(place), g)
        name = next((p.name for p in places().values() if p.region == place and p.kind == "region"), "Минск")
        yield Quad(c, n(SKOS + "prefLabel"), text(name, "ru"), g)
        if place.startswith("BY-"):
            yield Quad(c, gk("country"), country_iri("BY"), g)


def _concept(c, scheme, label_ru, label_en, notation, g) -> Iterator[Quad]:
    yield Quad(c, A, n(SKOS + "Concept"), g)
    if scheme is not None:
        yield Quad(c, n(SKOS + "inScheme"), scheme, g)
    yield Quad(c, n(SKOS + "prefLabel"), text(label_ru, "ru"), g)
    yield Quad(c, n(SKOS + "prefLabel"), text(label_en, "en"), g)
    yield Quad(c, n(SKOS + "notation"), text(notation), g)


ONTOLOGY_GRAPH = NamedNode(BASE + "graph/ontology")


def ontology_quads() -> tuple[NamedNode, list[Quad]]:
    """The ontology itself, so analysts can read labels and definitions with their data."""
    from pyoxigraph import RdfFormat, parse

    triples = parse(path=str(ONTOLOGY_FILE), format=RdfFormat.TURTLE)
    return ONTOLOGY_GRAPH, [Quad(t.subject, t.predicate, t.object, ONTOLOGY_GRAPH) for t in triples]
