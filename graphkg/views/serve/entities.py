"""What an entity page shows: every IRI under the id: namespace, read from the store.

Every entity gets its names, types and properties (so an agreement's life, when the graph has
it, shows without code here) and what points at it; institutions, agreements, events, regions
and countries get their own sections (events with report, row and the row's text; partners;
agreements; parties and mentions). The queries bind the IRI as a term (VALUES), never as text.
"""

from __future__ import annotations

import pyoxigraph as ox

from graphkg.graph.query import PREFIXES
from graphkg.namespaces import NAMESPACES

ID = NAMESPACES["id"]
GK = NAMESPACES["gk"]
SHORT = {iri: f"{prefix}:" for prefix, iri in NAMESPACES.items()}

SECTIONS = {
    "Institution": {
        "events": """SELECT ?event ?date ?title ?report ?row ?text WHERE {
            ?event gk:participant ?x ; schema:name ?title ; gk:rowNumber ?row ; prov:wasDerivedFrom ?r .
            ?r schema:name ?report .
            OPTIONAL { ?event schema:startDate ?date } OPTIONAL { ?event gk:sourceText ?text }
        } ORDER BY ?date ?report ?row""",
        "partners": """SELECT ?partner ?country ?events ?first ?last ?partnership WHERE {
            { ?partnership gk:home ?x ; gk:foreign ?partner }
            UNION { ?partnership gk:foreign ?x ; gk:home ?partner }
            ?partnership a gk:Partnership . ?partner skos:prefLabel ?name .
            OPTIONAL { ?partner gk:country ?country }
            OPTIONAL { ?partnership gk:eventCount ?events } OPTIONAL { ?partnership gk:firstYear ?first }
            OPTIONAL { ?partnership gk:lastYear ?last }
        } ORDER BY DESC(?events) ?name""",
        "agreements": """SELECT ?a ?kind ?signed ?subject WHERE {
            ?a gk:party ?x . OPTIONAL { ?a rdfs:label ?kind } OPTIONAL { ?a gk:signedOn ?signed }
            OPTIONAL { ?a gk:subjectText ?subject }
        } ORDER BY ?signed""",
        "earlier names": """SELECT ?earlier WHERE {
            ?x (org:resultedFrom/org:originalOrganization)+ ?earlier . ?earlier skos:prefLabel ?name }""",
        "later names": """SELECT ?later WHERE {
            ?x (org:changedBy/org:resultingOrganization)+ ?later . ?later skos:prefLabel ?name }""",
    },
    "Agreement": {
        "parties": """SELECT ?party ?country WHERE {
            ?x gk:party ?party . ?party skos:prefLabel ?name . OPTIONAL { ?party gk:country ?country } }
            ORDER BY ?name""",
        "mentions": """SELECT ?event ?how ?date ?title ?report ?row WHERE {
            VALUES (?link ?how) { (gk:signs "signs") (gk:cites "cites") }
            ?event ?link ?x ; schema:name ?title ; gk:rowNumber ?row ; prov:wasDerivedFrom/schema:name ?report .
            OPTIONAL { ?event schema:startDate ?date }
        } ORDER BY ?date ?report ?row""",
    },
    # an agreement's life (issue 15): first and last year, and each piece of evidence for it
    "Agreement life": {
        "life": """SELECT ?first ?last ?years ?renews WHERE {
            OPTIONAL { ?x gk:lifeFirstYear ?first } OPTIONAL { ?x gk:lifeLastYear ?last }
            OPTIONAL { ?x gk:lifeYearCount ?years } OPTIONAL { ?x gk:renews ?renews }
            FILTER(BOUND(?first) || BOUND(?renews)) }""",
        "evidence": """SELECT ?date ?kind ?event ?report ?row ?inferred WHERE {
            ?x gk:evidence ?ev . OPTIONAL { ?ev gk:evidenceDate ?date } OPTIONAL { ?ev gk:evidenceKind ?kind }
            OPTIONAL { ?ev prov:wasDerivedFrom ?event } OPTIONAL { ?ev gk:sourceReport ?report }
            OPTIONAL { ?ev gk:sourceRow ?row } OPTIONAL { ?ev gk:inferred ?inferred }
        } ORDER BY ?date ?row""",
    },
    "Event": {
        "participants": """SELECT ?institution ?side ?country WHERE {
            ?x gk:participant ?institution . ?institution skos:prefLabel ?name .
            OPTIONAL { ?institution gk:side ?side } OPTIONAL { ?institution gk:country ?country }
        } ORDER BY ?side ?name""",
    },
    "Region": {
        "events": """SELECT ?event ?date ?title ?report ?row WHERE {
            ?event gk:involvesRegion ?x ; schema:name ?title ; gk:rowNumber ?row ;
               prov:wasDerivedFrom/schema:name ?report . OPTIONAL { ?event schema:startDate ?date }
        } ORDER BY ?date ?report ?row""",
        "institutions": """SELECT ?institution WHERE { ?institution gk:region ?x ; skos:prefLabel ?name }
            ORDER BY ?name""",
    },
    "Country": {
        "events": """SELECT ?event ?date ?title ?report ?row WHERE {
            ?event gk:involvesCountry ?x ; schema:name ?title ; gk:rowNumber ?row ;
               prov:wasDerivedFrom/schema:name ?report . OPTIONAL { ?event schema:startDate ?date }
        } ORDER BY ?date ?report ?row""",
        "institutions": """SELECT ?institution WHERE { ?institution gk:country ?x ; skos:prefLabel ?name }
            ORDER BY ?name""",
    },
}


def short(iri: str) -> str:
    for base, prefix in SHORT.items():
        if iri.startswith(base):
            return prefix + iri[len(base) :]
    return iri


def _select(db: ox.Store, body: str, iri: ox.NamedNode) -> tuple[list[str], list[tuple]]:
    query = PREFIXES + body.replace("WHERE {", "WHERE { VALUES ?x { " + str(iri) + " }", 1)
    result = db.query(query, use_default_graph_as_union=True)
    names = [v.value for v in result.variables]
    return names, [tuple(s[k] for k in names) for s in result]


def describe(db: ox.Store, iri_text: str) -> dict | None:
    """The page of one entity, or None when the store knows nothing of it."""
    iri = ox.NamedNode(iri_text)
    outgoing = [(q.predicate, q.object) for q in db.quads_for_pattern(iri, None, None)]
    incoming = [(q.subject, q.predicate) for q in db.quads_for_pattern(None, None, iri)]
    if not outgoing and not incoming:
        return None
    outgoing = sorted(set(outgoing), key=lambda po: (short(po[0].value), str(po[1])))
    types = sorted({o.value.removeprefix(GK) for p, o in outgoing if p.value.endswith("#type")})
    own = [o.value for p, o in outgoing if short(p.value) in ("skos:prefLabel", "schema:name")]
    own += [o.value for p, o in outgoing if short(p.value) == "rdfs:label"]
    sections = []
    for kind, queries in SECTIONS.items():
        if kind.split()[0] in types:
            for title, body in queries.items():
                columns, rows = _select(db, body, iri)
                sections.append({"title": title, "columns": columns, "rows": rows})
    pointing = {}
    for subject, predicate in incoming:
        pointing.setdefault(short(predicate.value), set()).add(subject)
    shown = {t for section in sections for row in section["rows"] for t in row}
    names = labels(db, {o for _, o in outgoing} | {s for s, _ in incoming} | shown)
    text = next((o.value for p, o in outgoing if p.value == GK + "sourceText"), None)
    return {
        "iri": iri_text, "title": own[0] if own else short(iri_text), "types": types,
        "names": sorted(set(own)), "properties": [(short(p.value), o) for p, o in outgoing],
        "incoming": {k: sorted(v, key=str)[:200] for k, v in sorted(pointing.items())},
        "incoming_counts": {k: len(v) for k, v in pointing.items()},
        "sections": sections, "labels": names,
        "row_labels": {k: v for k, v in names.items() if "/event/" not in k},
        "source_text": text,
    }  # fmt: skip


def labels(db: ox.Store, terms) -> dict[str, str]:
    """A readable name for each IRI under the id base among the terms."""
    iris = [t for t in terms if isinstance(t, ox.NamedNode) and t.value.startswith(ID)][:2000]
    if not iris:
        return {}
    values = " ".join(str(t) for t in iris)
    query = (
        PREFIXES + f"SELECT ?x (SAMPLE(?l) AS ?label) WHERE {{ VALUES ?x {{ {values} }} "
        "?x skos:prefLabel|schema:name|rdfs:label ?l } GROUP BY ?x"
    )
    result = db.query(query, use_default_graph_as_union=True)
    names = {s["x"].value: s["label"].value for s in result}
    for iri in iris:  # a partnership has no name of its own: say what its page holds
        if "/partnership/" in iri.value:
            names.setdefault(iri.value, "свидетельства / evidence")
    return names


def triples(db: ox.Store, iri_text: str) -> list[ox.Triple]:
    """The entity's own triples (what its Turtle and JSON-LD say)."""
    iri = ox.NamedNode(iri_text)
    return sorted({ox.Triple(q.subject, q.predicate, q.object) for q in db.quads_for_pattern(iri, None, None)},
                  key=str)  # fmt: skip
