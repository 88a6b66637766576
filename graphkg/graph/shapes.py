"""SHACL validation of the graph with pySHACL: the shapes in ontology/shapes.ttl."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from graphkg import resources
from graphkg.graph.vocab import SH


def validate_ntriples(data: bytes | str) -> tuple[bool, list[str]]:
    """(conforms, messages) for N-Triples data (every named graph merged)."""
    import pyshacl
    import rdflib

    graph = rdflib.Graph()
    graph.parse(data=data.decode("utf-8") if isinstance(data, bytes) else data, format="nt")
    shapes = rdflib.Graph().parse(resources.ontology("shapes.ttl"))
    conforms, report, _ = pyshacl.validate(graph, shacl_graph=shapes)
    message = rdflib.URIRef(SH + "resultMessage")
    return conforms, sorted({str(m) for m in report.objects(None, message)})


def validate_store(store) -> tuple[bool, list[str]]:
    quads = store.open(read_only=True)
    triples = [ox.Triple(q.subject, q.predicate, q.object) for q in quads]
    return validate_ntriples(_ntriples(triples))


def validate_turtle_file(path: str | Path) -> tuple[bool, list[str]]:
    triples = list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
    return validate_ntriples(_ntriples(triples))


def _ntriples(triples: list[ox.Triple]) -> bytes:
    data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    if data is None:  # pyoxigraph returns None only when given an output file to write
        raise RuntimeError("pyoxigraph serialized no N-Triples")
    return data
