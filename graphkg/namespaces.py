"""Every namespace of the graph, once: the id base and the prefix table.

Stage-neutral (no RDF library, no other graphkg module) so that resolve, which mints ids before
the graph stage exists, and graph, which writes terms, read the same table. The SPARQL PREFIX
block, the export prefixes and the JSON-LD context are derived from NAMESPACES in graph/vocab.py.
"""

from __future__ import annotations

BASE = "https://w3id.org/graphkg/id/"  # every node the build mints

# named graphs: report/<stem>, entities, partnerships, vocabulary, ontology
GRAPHS = BASE + "graph/"

NAMESPACES: dict[str, str] = {
    "gk": "https://w3id.org/graphkg/ontology#",
    "id": BASE,
    "graph": GRAPHS,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "org": "http://www.w3.org/ns/org#",
    "schema": "https://schema.org/",
    "time": "http://www.w3.org/2006/time#",
    "prov": "http://www.w3.org/ns/prov#",
    "geo": "http://www.w3.org/2003/01/geo/wgs84_pos#",
    "sh": "http://www.w3.org/ns/shacl#",
    "dcterms": "http://purl.org/dc/terms/",
    "wd": "http://www.wikidata.org/entity/",
}
