"""Write the whole graph in a standard syntax; JSON-LD uses the context in ontology/."""

from __future__ import annotations

import json

import pyoxigraph as ox

from graphkg import resources
from graphkg.graph.vocab import EXPORT_PREFIXES

_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
}
PREFIXES = EXPORT_PREFIXES  # graph/vocab derives them from the one namespace table


def export_graph(store, format: str) -> bytes:
    db = store.open(read_only=True)
    if format == "turtle":  # Turtle has no graphs: every graph merged into one
        triples = [ox.Triple(q.subject, q.predicate, q.object) for q in db]
        return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    if format in _FORMATS:
        return (
            db.dump(format=_FORMATS[format], prefixes=PREFIXES)
            if format != "nquads"
            else db.dump(format=_FORMATS[format])
        )
    if format == "jsonld":
        return _jsonld(db)
    raise ValueError(format)


def _jsonld(db) -> bytes:
    """JSON-LD 1.1 via rdflib's serializer, compacted with ontology/context.jsonld."""
    import rdflib

    dataset = rdflib.Dataset()
    dataset.parse(data=db.dump(format=ox.RdfFormat.N_QUADS).decode("utf-8"), format="nquads")
    context = json.loads(resources.ontology("context.jsonld").read_text(encoding="utf-8"))[
        "@context"
    ]
    return dataset.serialize(format="json-ld", context=context, auto_compact=True).encode("utf-8")


def export_partnerships(store, format: str) -> bytes:
    """The partnership graph for Gephi and friends: GEXF or GraphML."""
    import io

    import networkx as nx

    from graphkg.views.network import partnership_graph
    from graphkg.views.timeline import gexf_ready

    graph = gexf_ready(partnership_graph(store))
    buffer = io.BytesIO()
    (nx.write_gexf if format == "gexf" else nx.write_graphml)(graph, buffer)
    return buffer.getvalue()
