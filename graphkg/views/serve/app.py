"""The workbench's web application (Starlette): the SPARQL endpoint, the query page, entity
pages, the map and the timeline.

The store is opened in this process, read-only, once per request (a build that swaps the store
in between is then seen whole: the old store or the new one; a read that fails because the
directory was swapped is tried once more). Queries run through graph/limits.py, so a client that
goes away stops its query. Only Host headers of this machine are answered (DNS rebinding); a body
is read up to BODY bytes within BODY_SECONDS.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import anyio
import pyoxigraph as ox
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from graphkg import resources
from graphkg.errors import GraphkgError
from graphkg.graph import limits as bounded
from graphkg.graph.store import DATA
from graphkg.views.serve import pages, protocol

BODY = 1_000_000
BODY_SECONDS = 10.0


class HostCheck:
    """Refuse a request whose Host is not this machine: a web page the user opens elsewhere
    could otherwise reach the server by DNS rebinding."""

    def __init__(self, app, allowed: set[str]) -> None:
        self.app, self.allowed = app, {h.lower() for h in allowed}

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http":
            host = dict(scope["headers"]).get(b"host", b"").decode("latin-1").lower()
            name = (
                host[: host.index("]") + 1]
                if host.startswith("[") and "]" in host
                else host.split(":")[0]
            )
            if name not in self.allowed:
                response = PlainTextResponse(
                    "Error: this server answers only local Host names\n", 400
                )
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


async def _body(request: Request) -> bytes | Response:
    chunks, size = [], 0
    try:
        with anyio.fail_after(BODY_SECONDS):
            async for chunk in request.stream():
                size += len(chunk)
                if size > BODY:
                    return PlainTextResponse(f"Error: the request body is over {BODY} bytes\n", 413)
                chunks.append(chunk)
    except TimeoutError:
        return PlainTextResponse("Error: the request body came too slowly\n", 408)
    return b"".join(chunks)


def _error(message: str, status: int) -> Response:
    return PlainTextResponse(f"Error: {message.splitlines()[0] if message else 'error'}\n", status)


def _status(exc: GraphkgError) -> int:
    if isinstance(exc, bounded.QueryRefused):
        return 403
    if isinstance(exc, bounded.QueryTimeout):
        return 503
    return 400


async def run_bounded(request: Request, directory: Path, sparql: str, limits: bounded.Limits,
                      dataset: bounded.Dataset | None = None):  # fmt: skip
    """The bounded query in a thread; a client that disconnects cancels (kills) it."""
    cancel = threading.Event()

    async def watch() -> None:
        while not cancel.is_set():
            if await request.is_disconnected():
                cancel.set()
                return
            await anyio.sleep(0.25)

    outcome: dict = {}

    async def work() -> None:
        try:
            outcome["answer"] = await anyio.to_thread.run_sync(
                bounded.run, directory / DATA, sparql, limits, cancel, dataset
            )
        except GraphkgError as exc:  # kept out of the task group, which would wrap it
            outcome["error"] = exc
        finally:
            cancel.set()

    async with anyio.create_task_group() as group:
        group.start_soon(watch)
        group.start_soon(work)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["answer"]


def read_store(directory: Path, read):
    """read(db) on the store opened read-only; once more if the first try meets a store that a
    build swapped away underneath (RocksDB opens its files lazily: a file of the old store may be
    gone by the time the read needs it)."""
    return once_more(lambda: read(ox.Store.read_only(str(directory / DATA))))


def once_more(work):
    """work(), tried a second time when the store vanished or changed underneath it."""
    from graphkg.graph.store import StoreError

    try:
        return work()
    except (OSError, RuntimeError, StoreError):
        time.sleep(0.05)
    try:
        return work()
    except (OSError, RuntimeError) as exc:
        raise GraphkgError(f"the store cannot be read: {str(exc).splitlines()[0]}") from None


def create_app(
    directory: str | Path, host: str = "127.0.0.1", limits: bounded.Limits | None = None
):
    directory = Path(directory)
    limits = limits or bounded.Limits()

    async def sparql(request: Request) -> Response:
        items = list(request.query_params.multi_items())  # graph IRIs may repeat
        if request.method == "POST":
            body = await _body(request)
            if isinstance(body, Response):
                return body
            kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
            text = body.decode("utf-8", "replace")
            if kind == "application/sparql-query":
                items.append(("query", text))
            elif kind == "application/x-www-form-urlencoded":
                from urllib.parse import parse_qsl

                items += parse_qsl(text, keep_blank_values=True)
            elif kind == "application/sparql-update":
                return _error("updates are not accepted here", 403)
            else:
                return _error(f"unsupported Content-Type {kind!r}", 415)
        params = dict(items)
        if "update" in params:
            return _error("updates are not accepted here", 403)
        query = params.get("query", "")
        if not query.strip():
            return _error("missing query parameter", 400)
        if bounded.is_update(query):
            return _error("updates are not accepted here", 403)
        try:
            answer = await run_bounded(request, directory, query, limits, _dataset(items))
        except bounded.QueryCancelled:
            return Response(status_code=499)
        except GraphkgError as exc:
            return _error(str(exc), _status(exc))
        kind = "graph" if answer.kind == "graph" else "results"
        key = protocol.choose(kind, params.get("format"), request.headers.get("accept", ""))
        if key is None or key == "jsonld":
            return _error("none of the accepted formats can be written for this answer", 406)
        mime = (protocol.RESULTS if kind == "results" else protocol.GRAPHS)[key]
        headers = {"X-Graphkg-Elapsed": f"{answer.elapsed:.3f}"}
        if answer.kind == "bindings":
            headers["X-Graphkg-Rows"] = str(len(answer.rows))
        if answer.truncated:
            headers["X-Graphkg-Truncated"] = str(answer.limit)
        if params.get("download"):
            headers["Content-Disposition"] = f'attachment; filename="result.{key}"'
        charset = "; charset=utf-8" if key in ("csv", "tsv", "ttl", "nt") else ""
        return Response(protocol.write(answer, key), headers=headers, media_type=mime + charset)

    async def index(request: Request) -> Response:
        return await pages.query_page(request, directory, limits)

    async def entity(request: Request) -> Response:
        return await pages.entity_page(request, directory)

    async def map_page(request: Request) -> Response:
        return await pages.map_page(request, directory)

    async def timeline_page(request: Request) -> Response:
        return await pages.timeline_page(request, directory)

    async def static(request: Request) -> Response:
        name = request.path_params["name"]
        files = {
            "page.css": "text/css",
            "page.js": "text/javascript",
            "favicon.svg": "image/svg+xml",
        }
        if name not in files:
            return _error("not found", 404)
        return Response(resources.template(name).read_bytes(), media_type=files[name],
                        headers={"Cache-Control": "max-age=3600"})  # fmt: skip

    async def favicon(request: Request) -> Response:
        return Response(resources.template("favicon.svg").read_bytes(), media_type="image/svg+xml")

    async def not_found(request: Request, exc) -> Response:
        return pages.render("error.html", {"message": "Нет такой страницы / not found"}, 404)

    routes = [
        Route("/", index),
        Route("/sparql", sparql, methods=["GET", "POST"]),
        Route("/query", sparql, methods=["GET", "POST"]),
        Route("/id/{path:path}", entity),
        Route("/map", map_page),
        Route("/timeline", timeline_page),
        Route("/static/{name}", static),
        Route("/favicon.ico", favicon),
    ]
    app = Starlette(
        routes=routes, exception_handlers={404: not_found, 405: _method, 500: _server_error}
    )
    allowed = {"127.0.0.1", "localhost", "[::1]", host.lower()}
    if ":" in host and not host.startswith("["):
        allowed.add(f"[{host.lower()}]")
    return HostCheck(app, allowed)


def _dataset(items: list[tuple[str, str]]) -> bounded.Dataset | None:
    """The dataset of a SPARQL 1.1 Protocol request (default-graph-uri, named-graph-uri, each
    repeatable), or None when it names none: the query's own FROM, or the union, then holds.
    The protocol's dataset overrides the query's (Protocol 2.1.4: no 400 for a query that names
    another)."""
    default = tuple(v for k, v in items if k == "default-graph-uri")
    named = tuple(v for k, v in items if k == "named-graph-uri")
    return bounded.Dataset(default, named) if default or named else None


async def _server_error(request: Request, exc) -> Response:
    """A bug of ours: one line to the client; uvicorn logs the traceback for the person running
    the server."""
    return _error(f"the server failed on this request ({type(exc).__name__})", 500)


async def _method(request: Request, exc) -> Response:
    return _error("method not allowed", 405)
