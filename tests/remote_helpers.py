"""What the remote-store tests share: a RemoteStore for a test server, its graphs read back
through the Graph Store Protocol, and wiping graphkg's graphs (never the server's own)."""

from __future__ import annotations

import pyoxigraph as ox

from graphkg.graph.remote import RemoteStore
from graphkg.resolve.keys import BASE

XSD_BOOLEAN = ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean")


def remote(server, state_dir) -> RemoteStore:
    return RemoteStore(query_url=server.query_url, update_url=server.update_url,
                       store_url=server.store_url, state_dir=state_dir)  # fmt: skip


def graph_names(store: RemoteStore) -> list[str]:
    _, rows = store.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    return sorted(r["g"] for r in rows if r["g"].startswith(BASE + "graph/"))


def _canonical(term):
    """Virtuoso writes xsd:boolean as 1/0 in N-Triples too; compare what it means."""
    if isinstance(term, ox.Literal) and term.datatype == XSD_BOOLEAN:
        return ox.Literal("true" if term.value in ("true", "1") else "false", datatype=XSD_BOOLEAN)
    return term


def remote_graphs(store: RemoteStore) -> dict[str, set]:
    """Every graphkg graph on the server, as a set of triples."""
    out = {}
    for name in graph_names(store):
        body = store.request(store._graph_url(name), accept="application/n-triples")
        out[name] = {
            (t.subject, t.predicate, _canonical(t.object))
            for t in ox.parse(body, format=ox.RdfFormat.N_TRIPLES)
        }
    return out


def embedded_graphs(store) -> dict[str, set]:
    out: dict[str, set] = {}
    for q in store.open():
        out.setdefault(q.graph_name.value, set()).add((q.subject, q.predicate, q.object))
    return out


def wipe(store: RemoteStore) -> None:
    for name in graph_names(store):
        store.delete_graph(name)
