"""A local, read-only SPARQL 1.1 Protocol endpoint over the embedded store, with a query page.

GET or POST /query?query=... answers SELECT/ASK as application/sparql-results+json, CONSTRUCT and
DESCRIBE as N-Triples; updates are refused. Bound to 127.0.0.1 unless told otherwise.
"""

from __future__ import annotations

import html
import json
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pyoxigraph as ox

from graphkg.graph.query import _UPDATE, PREFIXES

PAGE = """<!doctype html><html lang="ru"><meta charset="utf-8"><title>graphkg SPARQL</title>
<style>body{{font:14px sans-serif;margin:2em}}textarea{{width:100%;height:14em;font:13px monospace}}
table{{border-collapse:collapse;margin-top:1em}}td,th{{border:1px solid #ccc;padding:3px 6px;text-align:left}}</style>
<h1>graphkg SPARQL</h1><form method="get" action="/"><textarea name="query">{query}</textarea>
<p><button>Run</button> — endpoint: <code>/query</code></p></form>{result}</html>"""
DEFAULT = (
    PREFIXES
    + "SELECT ?institution ?label WHERE { ?institution a gk:Institution ; skos:prefLabel ?label } LIMIT 20"
)


def _results_json(store, query: str) -> tuple[bytes, str]:
    result = store.query(query, use_default_graph_as_union=True)
    if isinstance(result, bool | ox.QueryBoolean):
        result = bool(result)
        return json.dumps(
            {"head": {}, "boolean": result}
        ).encode(), "application/sparql-results+json"
    if isinstance(result, ox.QuerySolutions):
        return result.serialize(
            format=ox.QueryResultsFormat.JSON
        ), "application/sparql-results+json"
    return ox.serialize(list(result), format=ox.RdfFormat.N_TRIPLES), "application/n-triples"


def _table(store, query: str) -> str:
    result = store.query(query, use_default_graph_as_union=True)
    if isinstance(result, bool | ox.QueryBoolean):
        return f"<p>{result}</p>"
    if not isinstance(result, ox.QuerySolutions):
        return (
            "<pre>"
            + html.escape(ox.serialize(list(result), format=ox.RdfFormat.N_TRIPLES).decode())
            + "</pre>"
        )
    names = [v.value for v in result.variables]
    rows = "".join(
        "<tr>"
        + "".join(f"<td>{html.escape(s[k].value) if s[k] is not None else ''}</td>" for k in names)
        + "</tr>"
        for s in result
    )
    return (
        "<table><tr>"
        + "".join(f"<th>{html.escape(k)}</th>" for k in names)
        + "</tr>"
        + rows
        + "</table>"
    )


def make_handler(store_dir):
    from graphkg.graph.store import EmbeddedStore

    class Handler(BaseHTTPRequestHandler):
        def _store(self):
            return EmbeddedStore(store_dir).open(read_only=True)

        def _send(self, code: int, body: bytes, content_type: str) -> None:
            self.send_response(code)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _answer(self, params: dict[str, list[str]], page: bool) -> None:
            query = params.get("query", [""])[0]
            if page:
                result = ""
                if query:
                    try:
                        result = _table(self._store(), query)
                    except (SyntaxError, OSError) as exc:
                        result = f"<p>Error: {html.escape(str(exc).splitlines()[0])}</p>"
                body = PAGE.format(query=html.escape(query or DEFAULT), result=result)
                self._send(200, body.encode("utf-8"), "text/html; charset=utf-8")
                return
            if not query:
                self._send(400, b"missing query parameter", "text/plain")
                return
            if _UPDATE.match(query):
                self._send(403, b"updates are not accepted here", "text/plain")
                return
            try:
                body, content_type = _results_json(self._store(), query)
            except SyntaxError as exc:
                self._send(400, str(exc).splitlines()[0].encode(), "text/plain")
                return
            self._send(200, body, content_type)

        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            url = urllib.parse.urlparse(self.path)
            params = urllib.parse.parse_qs(url.query)
            if url.path in ("/", "/index.html"):
                self._answer(params, page=True)
            elif url.path == "/query":
                self._answer(params, page=False)
            else:
                self._send(404, b"not found", "text/plain")

        def do_POST(self) -> None:  # noqa: N802
            length = int(self.headers.get("Content-Length", "0") or 0)
            raw = self.rfile.read(min(length, 1_000_000)).decode("utf-8", "replace")
            if self.headers.get("Content-Type", "").startswith("application/sparql-query"):
                params = {"query": [raw]}
            else:
                params = urllib.parse.parse_qs(raw)
            self._answer(params, page=False)

        def log_message(self, format: str, *args) -> None:  # quiet
            pass

    return Handler


def serve(store, host: str = "127.0.0.1", port: int = 7878) -> None:
    store.open(read_only=True)  # fail early, with one line, when there is no store
    server = ThreadingHTTPServer((host, port), make_handler(store.directory))
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
