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

from graphkg import resources
from graphkg.graph import limits as bounded
from graphkg.graph.params import TYPES, QueryError, concept, institutions_named, term
from graphkg.graph.vocab import NAMESPACES, ontology_terms
from graphkg.graph.vocab import PREFIXES as PREFIXES  # re-exported for views


@dataclass(frozen=True)
class Param:
    name: str
    default: str | None
    type: str  # one of params.TYPES; institution: a name, bound to the IRIs it matches


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
        for param in params:
            if param.type not in TYPES:
                raise QueryError(
                    f"{path.name}: parameter {param.name} has unknown type {param.type!r}"
                )
        queries[path.stem] = LibraryQuery(
            path.stem, header.get("title", path.stem), header.get("question", ""), params, text
        )
    return queries


def prepare(name: str, given: dict[str, str] | None, query, notes: list[str] | None = None) -> str:
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
    bindings: dict[str, object] = {}  # a term, or a list of institutions (one row each)
    for param in library_query.params:
        value = given.get(param.name, param.default)
        if value is None:
            raise QueryError(f"query {name} needs --param {param.name}=...")
        if param.type == "institution":
            bindings[param.name] = institutions_named(query, value, notes)
        elif param.type in ("region", "country", "sphere"):
            bindings[param.name] = concept(query, value, param.type)
        else:
            bindings[param.name] = term(value, param.type)
    return bind_values(library_query.text, bindings)


def run_library_query(
    store, name: str, given: dict[str, str] | None = None, notes=None, limits=None
):
    """Columns and rows of a library query, bounded by graph/limits.py (time, rows; .truncated
    says when the answer was cut); what institution parameters matched goes to notes."""
    return bounded.run_rows(store, prepare(name, given, store.query, notes), limits)


# a library query whose parameters must reach a subquery marks the place with this comment line
# (a VALUES block in the outermost group would join only after the subquery had been computed
# for every value)
PARAMS_MARK = re.compile(r"^[ \t]*# parameters are bound here\b[^\n]*\n", re.MULTILINE)


def bind_values(sparql: str, bindings: dict) -> str:
    """Bind variables with `VALUES (?a ?b) { (t1 t2) }` at the line `# parameters are bound here`
    or, without one, in the outermost WHERE group; a list of terms gives one row per term (an
    empty list, no rows: the query then matches nothing)."""
    if not bindings:
        return sparql
    match = PARAMS_MARK.search(sparql) or re.search(r"\bWHERE\s*\{", sparql, re.IGNORECASE)
    if match is None:
        raise QueryError("the query has no WHERE clause to bind parameters in")
    names = " ".join(f"?{name}" for name in bindings)
    columns = [value if isinstance(value, list) else [value] for value in bindings.values()]
    rows = " ".join("(" + " ".join(str(term) for term in row) + ")" for row in product(*columns))
    block = f"\n  VALUES ({names}) {{ {rows} }}\n"
    return sparql[: match.end()] + block + sparql[match.end() :]


# what is not query syntax when prefixes are looked for: strings, IRIs and comments
_OPAQUE = re.compile(
    r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>\s"]*>|#[^\n]*'
)
_DECLARED = re.compile(r"\bPREFIX\s+([A-Za-z][\w.-]*)?:", re.IGNORECASE)
_USED = re.compile(r"(?<![\w?$:])([A-Za-z][\w-]*)?:(?=[\w])")
_GK_TERM = re.compile(r"(?<![\w?$:])gk:([\w-]+)")


def complete_prefixes(sparql: str, notes: list[str] | None = None) -> str:
    """Ad-hoc SPARQL with the project's prefixes (graph/vocab) it uses and does not declare
    prepended. A prefix that is neither declared nor the project's is an error naming it; a gk:
    term the ontology does not declare is a note (a misspelt term would match nothing)."""
    bare = _OPAQUE.sub(" ", sparql)
    declared = {m.group(1) or "" for m in _DECLARED.finditer(bare)}
    body = _DECLARED.sub(" ", bare)
    used = {m.group(1) or "" for m in _USED.finditer(body)}
    missing = sorted(used - declared)
    unknown = [p for p in missing if p not in NAMESPACES]
    if unknown:
        raise QueryError(
            f"prefix {unknown[0]}: is not declared (add PREFIX {unknown[0]}: <...>); the project's "
            f"prefixes: {', '.join(sorted(NAMESPACES))}"
        )
    if notes is not None and ("gk" not in declared or declared_gk(sparql)):
        for name in sorted({m.group(1) for m in _GK_TERM.finditer(body)} - ontology_terms()):
            notes.append(f"gk:{name} is not declared in the ontology (ontology/graphkg.ttl)")
    return "".join(f"PREFIX {p}: <{NAMESPACES[p]}>\n" for p in missing) + sparql


def declared_gk(sparql: str) -> bool:
    """True when the query's gk: prefix is the project's namespace."""
    return f"<{NAMESPACES['gk']}>" in sparql


def run_sparql(
    store,
    sparql: str,
    allow_update: bool = False,
    notes: list[str] | None = None,
    limits=None,
):
    """Ad-hoc SPARQL, bounded by graph/limits.py. On the embedded store the default graph is the
    union of the named graphs (a person's query need not name them); a server answers by its own
    settings. An update is recognised after any prologue; LOAD reads only local files."""
    sparql = complete_prefixes(sparql, notes)
    if bounded.is_update(sparql):
        if not allow_update:
            raise QueryError(
                "this is a SPARQL update; it changes the store, so it runs only with --allow-update"
            )
        bounded.run_update(store, sparql, limits)
        return ["result"], [{"result": "update applied"}]
    return bounded.run_rows(store, sparql, limits)
