"""Read the store: the query library in queries/*.rq, ad-hoc SPARQL, and events read back.

Queries carry their own documentation in a header comment:

    # title: Repeat partners
    # question: Which home and foreign institutions take part in events together repeatedly?
    # param: min_events = 2 (integer)

Parameters are bound as RDF terms (typed literals or IRIs): each value is parsed to a term of its
declared type, serialised by pyoxigraph (quotes escaped) and bound by a VALUES block at the top of
the query's outermost WHERE group; the user's text never becomes query syntax. Library queries
therefore use parameters in their outermost group, not inside subqueries. A parameter of type
`institution` takes a name (or part of one) and is bound to the IRIs of the matching institutions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import product

import pyoxigraph as ox

from graphkg import resources
from graphkg.errors import GraphkgError
from graphkg.graph import limits as bounded

XSD = "http://www.w3.org/2001/XMLSchema#"


PREFIXES = """PREFIX gk: <https://w3id.org/graphkg/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX schema: <https://schema.org/>
PREFIX time: <http://www.w3.org/2006/time#>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""


_UPDATE = re.compile(
    r"^\s*(?:(?:PREFIX|BASE)\s+[^\n]*\n\s*|#[^\n]*\n\s*)*(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b",
    re.IGNORECASE,
)


class QueryError(GraphkgError):
    """An unknown query, a bad parameter, or an update without permission."""


@dataclass(frozen=True)
class Param:
    name: str
    default: str | None
    type: str  # integer | string | date | iri | institution (name text, bound to matching IRIs)


@dataclass(frozen=True)
class LibraryQuery:
    name: str
    title: str
    question: str
    params: tuple[Param, ...]
    text: str


def library() -> dict[str, LibraryQuery]:
    queries = {}
    for path in resources.query_files():
        text = path.read_text(encoding="utf-8")
        header = dict(re.findall(r"^#\s*(title|question):\s*(.+)$", text, re.MULTILINE))
        params = tuple(
            Param(m.group(1), None if m.group(2) is None else m.group(2).strip(), m.group(3))
            for m in re.finditer(
                r"^#\s*param:\s*(\w+)(?:\s*=\s*([^(\n]*?))?\s*\((\w+)\)", text, re.MULTILINE
            )
        )
        queries[path.stem] = LibraryQuery(
            path.stem, header.get("title", path.stem), header.get("question", ""), params, text
        )
    return queries


def term(value: str, kind: str):
    """A parameter value as an RDF term of its declared type."""
    if kind == "integer":
        if not re.fullmatch(r"[+-]?\d+", value.strip()):
            raise QueryError(f"parameter value {value!r} is not an integer")
        return ox.Literal(value.strip(), datatype=ox.NamedNode(XSD + "integer"))
    if kind == "date":
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
            raise QueryError(f"parameter value {value!r} is not a date (YYYY-MM-DD)")
        return ox.Literal(value.strip(), datatype=ox.NamedNode(XSD + "date"))
    if kind == "iri":
        if not re.fullmatch(r"https?://[^\s<>\"{}|\\^`]+", value.strip()):
            raise QueryError(f"parameter value {value!r} is not an IRI")
        return ox.NamedNode(value.strip())
    return ox.Literal(value)


_REGEX_META = set("\\.?*+{}()[]^$|-")


def institutions_named(query, text: str) -> list[ox.NamedNode]:
    """The institutions whose preferred name contains the text, any case (with the concepts whose
    label does, which library queries never join). `query` runs SPARQL and returns (columns, rows),
    as a store's query method does.

    The text is escaped for XPath regular expressions and written as a constant string literal
    (serialised by pyoxigraph, so it stays a string): Oxigraph compiles a constant pattern once,
    a bound one for every label (6 s at a million triples), and REGEX with the i flag is 5x faster
    than CONTAINS over LCASE. Leaving out `?i a gk:Institution` halves the lookup again."""
    pattern = "".join("\\" + ch if ch in _REGEX_META else ch for ch in text)
    sparql = (
        PREFIXES
        + f'SELECT DISTINCT ?i WHERE {{ ?i skos:prefLabel ?label . FILTER(REGEX(STR(?label), {ox.Literal(pattern)}, "i")) }}'
    )
    _, rows = query(sparql)
    return sorted((ox.NamedNode(row["i"]) for row in rows), key=lambda n: n.value)


def prepare(name: str, given: dict[str, str] | None, query) -> str:
    """A library query with its parameters bound. Parameters of type `institution` are looked up
    first (institutions_named) and bound to the matching IRIs, so the query starts from them:
    Oxigraph cannot start a join from a text filter (0.5 s at a million triples, 15 ms from IRIs)."""
    queries = library()
    if name not in queries:
        raise QueryError(f"no query named {name!r}; known: {', '.join(sorted(queries))}")
    library_query = queries[name]
    given = dict(given or {})
    unknown = set(given) - {p.name for p in library_query.params}
    if unknown:
        raise QueryError(f"query {name} has no parameter {sorted(unknown)[0]!r}")
    bindings = {}
    for param in library_query.params:
        value = given.get(param.name, param.default)
        if value is None:
            raise QueryError(f"query {name} needs --param {param.name}=...")
        bindings[param.name] = (
            institutions_named(query, value)
            if param.type == "institution"
            else term(value, param.type)
        )
    return bind_values(library_query.text, bindings)


def run_library_query(store, name: str, given: dict[str, str] | None = None, limits=None):
    """Bounded by graph/limits.py (time, rows; .truncated says when the answer was cut)."""
    return bounded.run_rows(store, prepare(name, given, store.query), limits)


def bind_values(sparql: str, bindings: dict) -> str:
    """Bind variables with `VALUES (?a ?b) { (t1 t2) }` in the outermost WHERE group; a list of
    terms gives one row per term (an empty list, no rows: the query then matches nothing)."""
    if not bindings:
        return sparql
    match = re.search(r"\bWHERE\s*\{", sparql, re.IGNORECASE)
    if match is None:
        raise QueryError("the query has no WHERE clause to bind parameters in")
    names = " ".join(f"?{name}" for name in bindings)
    columns = [value if isinstance(value, list) else [value] for value in bindings.values()]
    rows = " ".join("(" + " ".join(str(term) for term in row) + ")" for row in product(*columns))
    block = f"\n  VALUES ({names}) {{ {rows} }}\n"
    return sparql[: match.end()] + block + sparql[match.end() :]


def run_sparql(store, sparql: str, allow_update: bool = False, limits=None):
    """Bounded by graph/limits.py; an update is recognised after any prologue, LOAD reads only
    local files."""
    if bounded.is_update(sparql):
        if not allow_update:
            raise QueryError(
                "this is a SPARQL update; it changes the store, so it runs only with --allow-update"
            )
        bounded.run_update(store, sparql, limits)
        return ["result"], [{"result": "update applied"}]
    return bounded.run_rows(store, sparql, limits)
