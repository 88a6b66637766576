"""A remote SPARQL 1.1 server: queries and updates by the SPARQL 1.1 Protocol, graphs by the Graph
Store Protocol, at the three URLs those protocols name (Oxigraph's layout from one base URL).

Credentials never come from the command line (they would sit in shell history and `ps`): they come
from GRAPHKG_USER / GRAPHKG_PASSWORD, else from a netrc file ($NETRC or ~/.netrc) entry for the
server's host, and urllib answers the server's Basic or Digest challenge with them (Virtuoso's
-auth URLs take Digest only). Writes go through graph/remote_state.py, which keeps the build state.
"""

from __future__ import annotations

import json
import netrc
import os
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from graphkg.graph.nodes import ONTOLOGY_GRAPH
from graphkg.graph.store import StoreError, _coerce
from graphkg.graph.vocab import BASE

TIMEOUT = 300  # seconds: a million-quad PUT or MOVE on a busy server takes a while


@dataclass(frozen=True)
class Endpoints:
    """Where a server answers: queries, updates (None: read-only or GSP-only) and the graph store."""

    query: str
    update: str | None
    store: str | None

    @classmethod
    def of(cls, endpoint: str | None = None, query_url: str | None = None,
           update_url: str | None = None, store_url: str | None = None) -> Endpoints:  # fmt: skip
        """Explicit URLs win over the --endpoint shortcut (/query, /update, /store under it)."""
        base = endpoint.rstrip("/") if endpoint else None
        query = query_url or (base and f"{base}/query")
        if not query:
            raise StoreError("a remote store needs --endpoint or --query-url")
        return cls(
            query,
            update_url or (base and f"{base}/update"),
            store_url or (base and f"{base}/store"),
        )


def credentials(url: str) -> tuple[str, str] | None:
    """(user, password) for the server of this URL: the environment, else netrc, else none."""
    user, password = os.environ.get("GRAPHKG_USER"), os.environ.get("GRAPHKG_PASSWORD")
    if password is not None:
        return user or "", password
    host = urllib.parse.urlsplit(url).hostname or ""
    path = os.environ.get("NETRC") or str(Path.home() / ".netrc")
    if not Path(path).is_file():
        return None
    try:
        found = netrc.netrc(path).authenticators(host)
    except (netrc.NetrcParseError, OSError) as exc:
        raise StoreError(f"cannot read the netrc file {path}: {exc}") from None
    return (found[0], found[2] or "") if found else None


def _opener(urls: Iterable[str]) -> urllib.request.OpenerDirector:
    """An opener that answers Basic and Digest challenges, only for the servers of these URLs."""
    manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    for url in {u for u in urls if u}:
        found = credentials(url)
        if found:
            parts = urllib.parse.urlsplit(url)
            manager.add_password(None, f"{parts.scheme}://{parts.netloc}/", *found)
    return urllib.request.build_opener(
        _Digest(manager), urllib.request.HTTPBasicAuthHandler(manager)
    )


class _Digest(urllib.request.HTTPDigestAuthHandler):
    """Digest that answers the server's last challenge up front. urllib alone sends every
    request bare first; Virtuoso answers the 401 and closes the socket before a large PUT body
    is read (a broken pipe), so only the first, bodiless request may go unauthenticated."""

    def __init__(self, manager) -> None:
        super().__init__(manager)
        self._challenges: dict[str, dict] = {}

    def retry_http_digest_auth(self, req, auth):
        _, challenge = auth.split(" ", 1)
        parsed = urllib.request.parse_http_list(challenge)
        self._challenges[req.host] = urllib.request.parse_keqv_list(filter(None, parsed))
        return super().retry_http_digest_auth(req, auth)

    def http_request(self, req):
        challenge = self._challenges.get(req.host)
        if challenge and not req.has_header(self.auth_header):
            answer = self.get_authorization(req, challenge)
            if answer:
                req.add_unredirected_header(self.auth_header, f"Digest {answer}")
        return req

    https_request = http_request


class RemoteStore:
    """A SPARQL 1.1 server. `RemoteStore(endpoint)` takes Oxigraph's layout; other servers give
    their URLs (Virtuoso: query_url=…/sparql, update_url=…/sparql-auth,
    store_url=…/sparql-graph-crud-auth). Builds keep their state in state_dir (default: under
    $XDG_STATE_HOME/graphkg/, keyed by the graph store URL; see graph/remote_state.py)."""

    regex_folds_case = False  # Virtuoso's REGEX with the "i" flag never matches Cyrillic

    def __init__(self, endpoint: str | None = None, *, query_url: str | None = None,
                 update_url: str | None = None, store_url: str | None = None,
                 state_dir: str | Path | None = None) -> None:  # fmt: skip
        self.urls = Endpoints.of(endpoint, query_url, update_url, store_url)
        self.query_url, self.update_url, self.gsp = (
            self.urls.query,
            self.urls.update,
            self.urls.store,
        )
        self._http = _opener([self.query_url, self.update_url or "", self.gsp or ""])
        self._state_dir = state_dir
        self._checked = False
        self._greeted = False
        self.graphs_written: list[str] = []  # what the last build sent, for its summary

    def __str__(self) -> str:
        return self.gsp or self.query_url

    @property
    def name(self) -> str:
        return str(self)

    # -- HTTP ----------------------------------------------------------------------------------

    def request(self, url: str, data: bytes | None = None, content_type: str | None = None,
                method: str = "GET", accept: str | None = None) -> bytes:  # fmt: skip
        request = urllib.request.Request(url, data=data, method=method)
        if content_type:
            request.add_header("Content-Type", content_type)
        if accept:
            request.add_header("Accept", accept)
        try:
            with self._http.open(request, timeout=TIMEOUT) as response:
                return response.read()
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", "replace").strip().splitlines()[:1]
            hint = (
                " (set GRAPHKG_USER and GRAPHKG_PASSWORD, or a netrc entry for the host)"
                if exc.code in (401, 403)
                else ""
            )
            raise StoreError(f"{url} answered {exc.code}: {' '.join(detail)}{hint}") from None
        except (urllib.error.URLError, OSError) as exc:
            raise StoreError(f"cannot reach {url}: {getattr(exc, 'reason', exc)}") from None
        except UnicodeEncodeError:  # urllib hashes Digest credentials as ASCII
            raise StoreError(
                f"{url} asks for Digest authentication, which takes ASCII user names and passwords only"
            ) from None

    def _graph_url(self, graph: str) -> str:
        if not self.gsp:
            raise StoreError("writing to a remote store needs --endpoint or --store-url")
        return f"{self.gsp}?graph={urllib.parse.quote(graph, safe='')}"

    def put_graph(self, graph: ox.NamedNode | str, quads: Iterable[ox.Quad] | bytes) -> None:
        """Replace one graph (GSP PUT) with these quads, or with N-Triples already serialised."""
        body = quads if isinstance(quads, bytes) else ntriples(quads)
        if not self._greeted:  # a bodiless request first, so a Digest challenge is in hand
            self._greeted = True
            try:
                self.request(self._graph_url(BASE + "graph/staging/none"), method="GET")
            except StoreError as exc:
                if " answered 404" not in str(exc):
                    raise
        name = graph.value if isinstance(graph, ox.NamedNode) else graph
        self.request(self._graph_url(name), body, "application/n-triples", "PUT")

    def delete_graph(self, graph: str) -> None:
        """Drop one graph (GSP DELETE); a graph that is not there is no error."""
        try:
            self.request(self._graph_url(graph), method="DELETE")
        except StoreError as exc:
            if " answered 404" not in str(exc):
                raise

    # -- the store interface -------------------------------------------------------------------

    def select(self, sparql: str):
        """A query without the check that the server holds graphkg's graphs (builds use it)."""
        body = urllib.parse.urlencode({"query": sparql}).encode()
        # a form POST: Virtuoso 7 never answers a POST with an application/sparql-query body
        raw = self.request(self.query_url, body, "application/x-www-form-urlencoded", "POST",
                           "application/sparql-results+json")  # fmt: skip
        try:
            return _json_rows(json.loads(raw))
        except (ValueError, KeyError, TypeError):
            raise StoreError(f"{self.query_url} did not answer with SPARQL JSON results") from None

    def query(self, sparql: str):
        """Run a query; the first one of a run checks that the server holds graphkg's graphs, so
        a wrong URL or an empty dataset is an error, never an empty table."""
        if not self._checked:
            self.check()
        return self.select(sparql)

    def check(self) -> None:
        _, rows = self.select(f"ASK {{ GRAPH <{ONTOLOGY_GRAPH.value}> {{ ?s ?p ?o }} }}")
        if not rows[0]["ask"]:
            raise StoreError(
                f"{self.query_url} holds no graphkg graphs (no graph <{ONTOLOGY_GRAPH.value}>): "
                "a wrong URL, or nothing built there yet (`graphkg build` with the same options)"
            )
        self._checked = True

    def update(self, sparql: str) -> None:
        if not self.update_url:
            raise StoreError("this remote store has no update URL (--update-url or --endpoint)")
        body = urllib.parse.urlencode({"update": sparql}).encode()
        self.request(self.update_url, body, "application/x-www-form-urlencoded", "POST")

    # -- builds: graph/remote_state.py keeps what the server holds -----------------------------

    @property
    def state_store(self):
        from graphkg.graph.remote_state import RemoteState

        return RemoteState.for_store(self.gsp or self.query_url, self._state_dir)

    @property
    def exists(self) -> bool:
        """True when an earlier build left its state: the build then reads the cached reports."""
        return self.state_store.exists

    def cached_sources(self) -> list[str]:
        return self.state_store.cached_sources()

    def cached_report(self, source: str) -> str:
        return self.state_store.cached_report(source)

    def write(
        self, graphs: Iterable[tuple[ox.NamedNode, list[ox.Quad]]], reports=(), state=None
    ) -> int:
        """Send the graphs that differ from what the server holds, staged and moved into place
        (graph/remote_state.py); returns the number of quads sent."""
        from graphkg.graph.remote_state import write_remote

        return write_remote(self, graphs, reports)


def ntriples(quads: Iterable[ox.Quad]) -> bytes:
    """A graph's quads as N-Triples in a canonical order (sorted lines), so equal graphs give
    equal bytes and a hash of them tells whether the server's copy is current."""
    triples = [ox.Triple(q.subject, q.predicate, q.object) for q in quads]
    body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    if body is None:  # serialize returns bytes when given no output
        raise StoreError("N-Triples serialisation gave nothing")
    lines = body.splitlines(keepends=True)
    return b"".join(sorted(lines))


def _json_rows(data: dict) -> tuple[list[str], list[dict]]:
    if "boolean" in data:
        return ["ask"], [{"ask": bool(data["boolean"])}]
    names = data["head"]["vars"]
    rows = []
    for binding in data["results"]["bindings"]:
        row = {}
        for k in names:
            cell = binding.get(k)
            row[k] = None if cell is None else _cell(cell)
        rows.append(row)
    return names, rows


def _cell(cell: dict):
    """A JSON result term as graphkg's embedded store gives it (Virtuoso writes literals as
    "typed-literal", SPARQL 1.0 style; booleans as "1"/"0": _coerce takes both)."""
    if cell["type"] in ("literal", "typed-literal"):
        return _coerce(cell["value"], cell.get("datatype", ""))
    if cell["type"] == "bnode":
        return cell["value"]
    return cell["value"]
