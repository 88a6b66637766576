"""The vocabulary: every namespace once, and the term builders the quads use.

SPARQL prefixes, export prefixes and the JSON-LD context are derived from NAMESPACES.
"""

from __future__ import annotations

from pyoxigraph import Literal, NamedNode

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
