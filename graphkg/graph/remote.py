"""A remote SPARQL 1.1 server: Graph Store Protocol for writes, the Protocol for queries."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable

import pyoxigraph as ox

from graphkg.graph.store import StoreError, _coerce


class RemoteStore:
    """A SPARQL 1.1 server: Graph Store Protocol at /store, query at /query, update at /update
    (Oxigraph server's layout; other servers by giving their URLs)."""

    def __init__(self, endpoint: str, gsp: str | None = None, query_url: str | None = None) -> None:
        base = endpoint.rstrip("/")
        self.gsp = gsp or f"{base}/store"
        self.query_url = query_url or f"{base}/query"
        self.update_url = f"{base}/update"

    def _request(
        self,
        url: str,
        data: bytes | None,
        content_type: str | None,
        method: str,
        accept: str | None = None,
    ):
        request = urllib.request.Request(url, data=data, method=method)
        if content_type:
            request.add_header("Content-Type", content_type)
        if accept:
            request.add_header("Accept", accept)
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return response.read()
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", "replace").splitlines()[:1]
            raise StoreError(f"{url} answered {exc.code}: {' '.join(detail)}") from None
        except (urllib.error.URLError, OSError) as exc:
            raise StoreError(f"cannot reach {url}: {getattr(exc, 'reason', exc)}") from None

    def put_graph(self, graph: ox.NamedNode, quads: Iterable[ox.Quad]) -> None:
        triples = [ox.Triple(q.subject, q.predicate, q.object) for q in quads]
        body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
        url = f"{self.gsp}?graph={urllib.parse.quote(graph.value, safe='')}"
        self._request(url, body, "application/n-triples", "PUT")

    def write(
        self, graphs: Iterable[tuple[ox.NamedNode, list[ox.Quad]]], reports=None, state=None
    ) -> int:
        """PUT every graph (the server keeps no cache of parsed reports, so no incremental builds)."""
        written = 0
        for graph, quads in graphs:
            self.put_graph(graph, quads)
            written += len(quads)
        return written

    def query(self, sparql: str):
        body = urllib.parse.urlencode({"query": sparql}).encode()
        raw = self._request(self.query_url, body, "application/x-www-form-urlencoded", "POST",
                            "application/sparql-results+json")  # fmt: skip
        return _json_rows(json.loads(raw))

    def update(self, sparql: str) -> None:
        body = urllib.parse.urlencode({"update": sparql}).encode()
        self._request(self.update_url, body, "application/x-www-form-urlencoded", "POST")


def _json_rows(data: dict) -> tuple[list[str], list[dict]]:
    if "boolean" in data:
        return ["ask"], [{"ask": data["boolean"]}]
    names = data["head"]["vars"]
    rows = []
    for binding in data["results"]["bindings"]:
        row = {}
        for k in names:
            cell = binding.get(k)
            row[k] = None if cell is None else _coerce(cell["value"], cell.get("datatype", ""))
        rows.append(row)
    return names, rows
