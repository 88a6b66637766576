"""The vocabulary: the namespaces of graphkg/namespaces.py, the forms derived from them (SPARQL
PREFIX block, export prefixes, JSON-LD context) and the term builders the quads use.

ontology/context.jsonld is jsonld_context() written out (`python -m graphkg.graph.vocab` rewrites
it; tests/test_vocab.py checks the file equals it).
"""

from __future__ import annotations

import json
from functools import lru_cache

from pyoxigraph import Literal, NamedNode

from graphkg.namespaces import BASE, GRAPHS, NAMESPACES

GK = NAMESPACES["gk"]
RDF = NAMESPACES["rdf"]
RDFS = NAMESPACES["rdfs"]
XSD = NAMESPACES["xsd"]
SKOS = NAMESPACES["skos"]
ORG = NAMESPACES["org"]
SCHEMA = NAMESPACES["schema"]
TIME = NAMESPACES["time"]
PROV = NAMESPACES["prov"]
GEO = NAMESPACES["geo"]
OWL = NAMESPACES["owl"]
SH = NAMESPACES["sh"]
WD = NAMESPACES["wd"]

__all__ = ["BASE", "GRAPHS", "NAMESPACES"]

# the prefixes a query may use without declaring them (graphkg sparql prepends the missing ones)
SPARQL_PREFIXES = tuple(p for p in NAMESPACES if p not in ("sh", "dcterms", "wd"))


def prefix_block(names=SPARQL_PREFIXES) -> str:
    return "".join(f"PREFIX {p}: <{NAMESPACES[p]}>\n" for p in names)


PREFIXES = prefix_block()

# prefixes of the Turtle/TriG export and of the JSON-LD context
EXPORT_PREFIXES = {
    p: NAMESPACES[p]
    for p in ("gk", "id", "skos", "schema", "org", "time", "prov", "xsd", "rdfs", "geo")
}

# JSON-LD short names: (term, type); "@id" marks a node reference
_CONTEXT_TERMS = {
    "name": ("schema:name", None),
    "label": ("rdfs:label", None),
    "prefLabel": ("skos:prefLabel", None),
    "altLabel": ("skos:altLabel", None),
    "startDate": ("schema:startDate", None),
    "endDate": ("schema:endDate", None),
    "location": ("schema:location", "@id"),
    "participant": ("gk:participant", "@id"),
    "rowNumber": ("gk:rowNumber", "xsd:integer"),
    "sourceText": ("gk:sourceText", None),
    "wasDerivedFrom": ("prov:wasDerivedFrom", "@id"),
    "party": ("gk:party", "@id"),
    "signs": ("gk:signs", "@id"),
    "cites": ("gk:cites", "@id"),
    "country": ("gk:country", "@id"),
    "region": ("gk:region", "@id"),
}


def jsonld_context() -> dict:
    context: dict = dict(EXPORT_PREFIXES)
    for name, (iri, kind) in _CONTEXT_TERMS.items():
        context[name] = {"@id": iri} if kind is None else {"@id": iri, "@type": kind}
    return {"@context": context}


def context_text() -> str:
    return json.dumps(jsonld_context(), ensure_ascii=False, indent=2) + "\n"


@lru_cache(maxsize=1)
def ontology_terms() -> frozenset[str]:
    """The local names of every gk: term ontology/graphkg.ttl declares."""
    from pyoxigraph import RdfFormat, parse

    from graphkg import resources

    with resources.ontology("graphkg.ttl").open("rb") as ttl:
        return frozenset(
            t.subject.value[len(GK) :]
            for t in parse(ttl, format=RdfFormat.TURTLE)
            if isinstance(t.subject, NamedNode) and t.subject.value.startswith(GK)
        )


def n(iri: str) -> NamedNode:
    return NamedNode(iri)


def gk(name: str) -> NamedNode:
    return NamedNode(GK + name)


A = n(RDF + "type")


def text(value: str, lang: str | None = None) -> Literal:
    return Literal(value, language=lang) if lang else Literal(value)


def typed(value, datatype: str) -> Literal:
    return Literal(
        str(value).lower() if isinstance(value, bool) else str(value), datatype=n(XSD + datatype)
    )


if __name__ == "__main__":  # rewrite ontology/context.jsonld in a checkout
    from graphkg import resources

    resources.ontology("context.jsonld").write_text(context_text(), encoding="utf-8")
