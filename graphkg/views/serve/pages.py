"""The workbench's HTML pages: the query page (ad-hoc SPARQL and the library, with one typed
form field per parameter), entity pages, the map and the timeline. Jinja2 templates from
templates/, autoescaped: every report string reaches the page as text.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from urllib.parse import urlencode

import anyio
import jinja2
import pyoxigraph as ox
from markupsafe import Markup, escape
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from graphkg import resources
from graphkg.errors import GraphkgError
from graphkg.graph import limits as bounded
from graphkg.graph.query import PREFIXES, library, prepare, term
from graphkg.graph.store import EmbeddedStore
from graphkg.views.serve import entities, protocol

DEFAULT = (
    PREFIXES
    + "\nSELECT ?institution ?label WHERE {\n  ?institution a gk:Institution ; skos:prefLabel ?label\n} LIMIT 20\n"
)
INPUTS = {
    "integer": "number",
    "date": "date",
    "iri": "url",
    "string": "text",
    "institution": "text",
}
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)


def cell(value, labels: dict | None = None) -> Markup:
    """One term of a result or a property: an IRI of ours links to its entity page."""
    if value is None:
        return Markup("")
    if isinstance(value, ox.NamedNode):
        iri = value.value
        if iri.startswith(entities.ID):
            text = (labels or {}).get(iri) or entities.short(iri).removeprefix(entities.ID)
            href = "/id/" + iri[len(entities.ID) :]
            return Markup('<a href="{}" title="{}">{}</a>').format(href, iri, text)
        return Markup("<span class=iri>{}</span>").format(entities.short(iri))
    if isinstance(value, ox.Literal):
        return escape(value.value)
    return escape(str(value))


@cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(resources.folder("templates"))),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["cell"] = cell
    return env


def render(name: str, context: dict, status: int = 200) -> Response:
    html = _environment().get_template(name).render(**context)
    return HTMLResponse(html, status, headers={"Content-Security-Policy": CSP})


def _values(selected, params) -> dict[str, str]:
    return {p.name: params.get("p." + p.name, p.default or "") for p in selected.params}


def _bound(name: str, selected, values: dict[str, str], directory: Path) -> str:
    """The library query with its parameters bound; an empty or ill-typed field is an error,
    never a parameter left unbound."""
    for param in selected.params:
        value = values[param.name].strip()
        if not value:
            raise GraphkgError(f"fill in the parameter {param.name} ({param.type})")
        if param.type not in ("institution", "string"):
            term(value, param.type)
    return prepare(name, values, EmbeddedStore(directory).query)


async def query_page(request: Request, directory: Path, limits: bounded.Limits) -> Response:
    from graphkg.views.serve.app import once_more, read_store, run_bounded

    params = request.query_params
    queries = library()
    context = {"library": list(queries.values()), "selected": None, "values": {}, "inputs": INPUTS,
               "query": params.get("query") or DEFAULT, "result": None, "error": None,
               "share": None}  # fmt: skip
    sparql = None
    try:
        name = params.get("lib")
        if name:
            if name not in queries:
                raise GraphkgError(f"no library query named {name!r}")
            selected = context["selected"] = queries[name]
            values = context["values"] = _values(selected, params)
            context["query"] = selected.text
            if params.get("run") or not selected.params:
                sparql = await anyio.to_thread.run_sync(
                    once_more, lambda: _bound(name, selected, values, directory)
                )
        elif params.get("query"):
            declared = re.findall(r"^#\s*param:\s*(\w+)", params["query"], re.MULTILINE)
            if declared:
                raise GraphkgError(
                    f"this query declares the parameter {declared[0]}: run it from its library "
                    "form, which binds it, or bind it yourself and remove the # param lines"
                )
            sparql = params["query"]
        if sparql is not None:
            answer = await run_bounded(request, directory, sparql, limits)
            context["result"] = _result(answer, sparql)
            terms = {t for row in answer.rows for t in row if isinstance(t, ox.NamedNode)}
            if terms:  # IRIs of the graph show their names and link to their pages
                context["result"]["labels"] = await anyio.to_thread.run_sync(
                    read_store, directory, lambda db: entities.labels(db, terms)
                )
            context["share"] = str(request.url.path) + "?" + str(request.url.query)
    except bounded.QueryCancelled:
        return Response(status_code=499)
    except GraphkgError as exc:
        context["error"] = (str(exc).splitlines() or ["error"])[0]
    return render("query.html", context, 400 if context["error"] else 200)


def _result(answer, sparql: str) -> dict:
    download = {
        key: "/sparql?" + urlencode({"query": sparql, "format": key, "download": "1"})
        for key in (["csv", "json"] if answer.kind != "graph" else ["ttl", "nt"])
    }
    text = protocol.write(answer, "ttl").decode() if answer.kind == "graph" else None
    return {"answer": answer, "download": download, "graph_text": text, "labels": {}}


async def entity_page(request: Request, directory: Path) -> Response:
    from graphkg.views.serve.app import read_store

    iri = entities.ID + request.path_params["path"]
    wanted = _rdf_format(request)
    try:
        if wanted:
            triples = await anyio.to_thread.run_sync(
                read_store, directory, lambda db: entities.triples(db, iri)
            )
            if not triples:
                return Response(f"Error: no entity {iri}\n", 404, media_type="text/plain")
            body = (protocol.jsonld(triples) if wanted == "jsonld"
                    else ox.serialize(triples, format=ox.RdfFormat.TURTLE if wanted == "ttl"
                                      else ox.RdfFormat.N_TRIPLES))  # fmt: skip
            return Response(body, media_type=protocol.GRAPHS[wanted], headers={"Vary": "Accept"})
        page = await anyio.to_thread.run_sync(
            read_store, directory, lambda db: entities.describe(db, iri)
        )
    except (GraphkgError, ValueError) as exc:
        return render("error.html", {"message": str(exc).splitlines()[0]}, 400)
    if page is None:
        return render("error.html", {"message": f"Нет такой сущности / no entity {iri}"}, 404)
    return render("entity.html", {"e": page, "path": request.url.path})


def _rdf_format(request: Request) -> str | None:
    if request.query_params.get("format"):
        key = protocol.choose("graph", request.query_params["format"], "")
        return key if key else None
    accept = request.headers.get("accept", "")
    if not accept or "text/html" in accept or accept.strip() == "*/*":
        return None
    return protocol.choose("graph", None, accept)


# the path of the entity pages on this server (app.py's /id/ route): the map and the timeline
# it serves link their nodes and events there
ENTITY_BASE = "/id/"


def _graph(directory: Path):
    from graphkg.views.network import partnership_graph

    return partnership_graph(EmbeddedStore(directory))


async def map_page(request: Request, directory: Path) -> Response:
    def draw() -> str:
        from graphkg.tables import spheres
        from graphkg.views.map import render_map

        labels = {s.id: s.label_ru for s in spheres()}
        layout = "geo" if request.query_params.get("layout") == "geo" else "force"
        return render_map(_graph(directory), "Партнерства / Partnerships", layout, labels,
                          entity_base=ENTITY_BASE)  # fmt: skip

    return await _drawn(draw)


async def timeline_page(request: Request, directory: Path) -> Response:
    def draw() -> str:
        from graphkg.views.timeline import timeline_from_store

        return timeline_from_store(
            EmbeddedStore(directory),
            "Партнерства по годам / Partnerships across years",
            entity_base=ENTITY_BASE,
        )

    return await _drawn(draw)


async def _drawn(draw) -> Response:
    """A page drawn by views/map.py or views/timeline.py from the store (their own CSP)."""
    from graphkg.views.serve.app import once_more

    try:
        return HTMLResponse(await anyio.to_thread.run_sync(once_more, draw))
    except GraphkgError as exc:
        return render("error.html", {"message": str(exc).splitlines()[0]}, 503)
