"""The shared graphs as nodes (entities, partnerships): subject IRI → state, their fingerprints
for incremental builds, and the vocabulary and ontology graphs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from hashlib import blake2b

from pyoxigraph import NamedNode, Quad

from graphkg import resources
from graphkg.extract.agreements import kind_names
from graphkg.graph.coverage import scope_iri, scopes
from graphkg.graph.lives import (
    agreement_quads,
    agreement_state,
    evidence_iri,
    evidence_quads,
    evidence_state,
    rename_quads,
    rename_state,
)
from graphkg.graph.partnerships import (
    PARTNERSHIPS_GRAPH,
    _degree_quads,
    _duplicate_quads,
    _partnership_quads,
    _partnerships,
)
from graphkg.graph.quads import (
    agreement_kind_iri,
    country_iri,
    kind_iri,
    legal_form_iri,
    place_iri,
    region_iri,
    sphere_iri,
)
from graphkg.graph.vocab import GEO, ORG, OWL, RDFS, SCHEMA, SKOS, WD, A, gk, n, text, typed
from graphkg.resolve.keys import BASE, slug
from graphkg.resolve.lives import lives, records, rename_bounds
from graphkg.resolve.resolver import Resolution
from graphkg.tables import countries, home, places, read_table, spheres

ENTITIES_GRAPH = NamedNode(BASE + "graph/entities")


VOCABULARY_GRAPH = NamedNode(BASE + "graph/vocabulary")


# The shared graphs (entities, partnerships) as nodes: subject IRI → state, where the state is
# everything the node's quads are made from. Two resolutions differ on a node exactly when its
# state differs, so an incremental build rewrites only those nodes.
Nodes = dict[NamedNode, dict[str, tuple]]


def shared_nodes(resolution: Resolution, duplicates=()) -> Nodes:
    entities: dict[str, tuple] = {}
    bounds = rename_bounds(resolution)
    for entity in resolution.entities.values():
        predecessor, successor = entity.predecessor, entity.successor
        alt = tuple(sorted(name for name in entity.names if name != entity.label))
        entities[entity.id] = ("institution", entity.label, alt, entity.country, entity.region, entity.legal_form,
                               entity.kind, predecessor, successor, rename_state(bounds.get(entity.id)))  # fmt: skip
    evidence, renewed = lives(resolution)
    numbers: dict[str, set[str]] = {}
    for per_event in resolution.agreements.values():
        for listed in per_event:
            for agreement in listed:
                if agreement.id is None:  # as in records(): resolve gives every agreement its id
                    continue
                numbers.setdefault(agreement.id, set()).update(
                    [agreement.number] if agreement.number else []
                )
    for iri, rec in records(resolution).items():
        entities[iri] = agreement_state(
            rec, tuple(sorted(numbers[iri])), evidence[iri], renewed.get(iri)
        )
        for e in evidence[iri]:
            entities[evidence_iri(iri, e)] = evidence_state(iri, e)
    names: dict[tuple[str | None, str], set[str]] = {}
    for report in resolution.facts:
        for event in report.events:
            for place in event.places:
                key = (place.id, place_iri(place.id, place.name).value)
                names.setdefault(key, set()).add(place.name)
    for (place_id, iri), used in names.items():
        entities[iri] = ("place", place_id, tuple(sorted(used)))
    return {ENTITIES_GRAPH: entities, PARTNERSHIPS_GRAPH: _partnerships(resolution, duplicates)}


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
    return {
        g: [q for iri in sorted(items) for q in node_quads(iri, items[iri], g)]
        for g, items in nodes.items()
    }


def _institution_quads(
    i, label, alt, country, region, legal_form, kind, predecessor, successor, renamed, g
) -> Iterator[Quad]:
    yield Quad(i, A, gk("Institution"), g)
    yield Quad(i, n(SKOS + "prefLabel"), text(label, "ru"), g)
    yield Quad(i, n(RDFS + "label"), text(label, "ru"), g)
    for name in alt:
        yield Quad(i, n(SKOS + "altLabel"), text(name, "ru"), g)
    if country:
        yield Quad(i, gk("country"), country_iri(country), g)
        yield Quad(i, gk("side"), text("home" if country == home().country else "foreign"), g)
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
        yield from rename_quads(change, renamed, g)
    if predecessor:
        yield Quad(i, n(ORG + "resultedFrom"), n(f"{predecessor}/change"), g)


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


_NODE_QUADS: dict[str, Callable[..., Iterator[Quad]]] = {"institution": _institution_quads, "agreement": agreement_quads, "evidence": evidence_quads,
               "place": _place_quads,
               "partnership": _partnership_quads, "degree": _degree_quads,
               "duplicate": _duplicate_quads}  # fmt: skip


def vocabulary_quads() -> Iterator[Quad]:
    """SKOS concepts from the data tables: spheres, legal forms, kinds, countries, regions."""
    g = VOCABULARY_GRAPH
    concept = n(SKOS + "Concept")
    for sphere in spheres():
        c = sphere_iri(sphere.id)
        yield from _concept(c, gk("SphereScheme"), sphere.label_ru, sphere.label_en, sphere.id, g)
        if (
            sphere.broader
        ):  # a renamed section and its new name under one concept (data/spheres.csv)
            yield Quad(c, n(SKOS + "broader"), sphere_iri(sphere.broader), g)
            yield Quad(sphere_iri(sphere.broader), n(SKOS + "narrower"), c, g)
    for row in read_table("legal_forms.csv"):
        c = legal_form_iri(row["form"])
        yield from _concept(
            c, gk("LegalFormScheme"), row["form"], row["full"] or row["form"], row["form"], g
        )
    for kind in sorted(
        {row["kind"] for row in read_table("legal_forms.csv")}
        | {row["kind"] for row in read_table("institution_heads.csv")}
    ):
        yield from _concept(kind_iri(kind), gk("InstitutionKindScheme"), kind, kind, kind, g)
    for kind in kind_names():
        yield from _concept(
            agreement_kind_iri(kind), gk("AgreementKindScheme"), kind, kind, slug(kind), g
        )
    for scope, label_ru, label_en, _ in scopes():
        yield from _concept(
            n(scope_iri(scope)), gk("ReportScopeScheme"), label_ru, label_en, scope, g
        )
    for code, country in sorted(countries().items()):
        c = country_iri(code)
        yield Quad(c, A, gk("Country"), g)
        yield from _concept(c, None, country.name, country.en, code, g)
    for place in sorted(
        {p.region for p in places().values() if p.region and p.kind == "region"} | {"BY-HM"}
    ):
        c = region_iri(place)
        yield Quad(c, A, gk("Region"), g)
        yield Quad(c, A, concept, g)
        yield Quad(c, n(SKOS + "notation"), text(place), g)
        name = next(
            (p.name for p in places().values() if p.region == place and p.kind == "region"), "Минск"
        )
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

    triples = parse(path=str(resources.ontology()), format=RdfFormat.TURTLE)
    return ONTOLOGY_GRAPH, [Quad(t.subject, t.predicate, t.object, ONTOLOGY_GRAPH) for t in triples]
