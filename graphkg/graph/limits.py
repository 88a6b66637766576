"""Bounded queries: one mechanism for `graphkg sparql`, `graphkg query` and `graphkg serve`.

A query over the embedded store runs in a worker process forked from a forkserver, so that it
can be stopped for sure: when its time runs out, when the caller cancels (a client that went away,
Ctrl-C), the worker is killed; a runaway query that eats memory kills only its worker (its address
space is capped). The worker reads at most max_rows + 1 rows, so the answer says whether it was cut;
callers always announce a cut (a stderr line, an HTTP header, a JSON field). The map, the events
and the export read the store directly and are never cut.

Before a query runs it is checked: an update is recognised after any prologue (a one-line
`PREFIX ... INSERT DATA` is an update), and SERVICE, which makes the process send requests to any
address the text names, is refused unless allowed. LOAD runs only with --allow-update and only
from local files (load_files), never from the network.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import re
import resource
import signal
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlparse

import pyoxigraph as ox

from graphkg.errors import GraphkgError
from graphkg.namespaces import NAMESPACES

TIMEOUT = 60.0  # seconds, as the Wikidata Query Service
MAX_ROWS = 200_000  # rows (or triples) of one answer
SWAP_TRIES = 6  # opens of a store a build is swapping before its error is the answer
MEMORY = 4 << 30  # bytes of address space a query worker may take
# prefixes every query knows without declaring them (a declaration in the query wins)
KNOWN_PREFIXES = dict(NAMESPACES)  # the one namespace table (graphkg/namespaces.py)


@dataclass(frozen=True)
class Limits:
    timeout: float = TIMEOUT
    max_rows: int = MAX_ROWS
    allow_service: bool = False
    memory: int = MEMORY


class QueryRefused(GraphkgError):
    """A query that is not run: an update where none is allowed, SERVICE, a LOAD from the network."""


class QueryTimeout(GraphkgError):
    """A query stopped because its time ran out."""


class QueryCancelled(GraphkgError):
    """A query stopped because its caller went away."""


class QueryFailed(GraphkgError):
    """A query the store rejects (syntax, evaluation) or whose worker died."""


@dataclass(frozen=True)
class Dataset:
    """An RDF dataset a SPARQL Protocol request names (default-graph-uri, named-graph-uri): it
    replaces the query's own FROM / FROM NAMED whole. The default graph is the merge of the
    default graphs (none: an empty default graph); the named graphs are those listed only."""

    default: tuple[str, ...] = ()
    named: tuple[str, ...] = ()

    def check(self) -> None:
        for iri in (*self.default, *self.named):
            try:
                ox.NamedNode(iri)
            except ValueError:
                raise QueryFailed(f"graph IRI {iri!r} is not an absolute IRI") from None


@dataclass
class Answer:
    """A bounded answer: SELECT (variables, rows of terms or None), ASK (boolean) or a graph
    (triples). truncated says the query had more than max_rows rows."""

    kind: str  # "bindings" | "boolean" | "graph"
    variables: list[str] = field(default_factory=list)
    rows: list[tuple] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[ox.Triple] = field(default_factory=list)
    truncated: bool = False
    elapsed: float = 0.0
    limit: int = 0


# --- reading the query text ---------------------------------------------------------------

_NOISE = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>|#[^\n]*',
)
_PROLOGUE = re.compile(r"^\s*(?:(?:PREFIX\s+[^\s:]*:\s*<>|BASE\s*<>)\s*)*", re.IGNORECASE)
_UPDATE_WORDS = {
    "INSERT",
    "DELETE",
    "LOAD",
    "CLEAR",
    "DROP",
    "CREATE",
    "ADD",
    "MOVE",
    "COPY",
    "WITH",
}


def _bare(sparql: str) -> str:
    """The text with strings emptied, IRIs as <> and comments gone: keywords only stay."""

    def blank(match: re.Match) -> str:
        first = match.group()[0]
        return {"#": " ", "<": "<>"}.get(first, '""')

    return _NOISE.sub(blank, sparql)


def is_update(sparql: str) -> bool:
    bare = _bare(sparql)
    prologue = _PROLOGUE.match(bare)  # matches always: every part of the pattern is optional
    rest = bare[prologue.end() :] if prologue else bare
    word = re.match(r"[A-Za-z]+", rest)
    return word is not None and word.group().upper() in _UPDATE_WORDS


def uses_service(sparql: str) -> bool:
    return re.search(r"\bSERVICE\b", _bare(sparql), re.IGNORECASE) is not None


def has_dataset(sparql: str) -> bool:
    """Whether the query names its own dataset (FROM or FROM NAMED; not a variable ?from)."""
    return re.search(r"(?<![?$\w])FROM\b", _bare(sparql), re.IGNORECASE) is not None


def check(sparql: str, limits: Limits) -> None:
    if uses_service(sparql) and not limits.allow_service:
        raise QueryRefused(
            "SERVICE is refused: it sends requests to the addresses the query names "
            "(allow it with --allow-service)"
        )


_LOAD = re.compile(
    r"^\s*LOAD\s+(SILENT\s+)?<([^>]*)>(?:\s+INTO\s+GRAPH\s+<([^>]*)>)?\s*;?\s*", re.IGNORECASE
)
_FORMATS = {".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES, ".nq": ox.RdfFormat.N_QUADS,
            ".trig": ox.RdfFormat.TRIG, ".rdf": ox.RdfFormat.RDF_XML, ".owl": ox.RdfFormat.RDF_XML}  # fmt: skip


def load_files(sparql: str) -> list[tuple[Path, ox.RdfFormat, str | None]] | None:
    """The files of an update made only of LOAD statements, or None when it has no LOAD. Only
    file: IRIs of existing files in a known syntax; anything else is one line of refusal."""
    if not re.search(r"\bLOAD\b", _bare(sparql), re.IGNORECASE):
        return None
    text = re.sub(r"^\s*#[^\n]*", "", sparql, flags=re.MULTILINE)
    loads = []
    while text.strip():
        match = _LOAD.match(text)
        if match is None:
            raise QueryRefused("LOAD cannot be mixed with other updates; run it on its own")
        url = urlparse(match.group(2))
        if url.scheme != "file":
            raise QueryRefused(
                f"LOAD <{match.group(2)}> is refused: only local files (file:///...) are loaded"
            )
        path = Path(unquote(url.path))
        if not path.is_file():
            raise QueryRefused(f"LOAD <{match.group(2)}>: no such file")
        if path.suffix.lower() not in _FORMATS:
            raise QueryRefused(
                f"LOAD <{match.group(2)}>: unknown syntax (use {', '.join(sorted(_FORMATS))})"
            )
        loads.append((path, _FORMATS[path.suffix.lower()], match.group(3)))
        text = text[match.end() :]
    return loads


# --- running in a worker ------------------------------------------------------------------

_CONTEXT = None
_CONTEXT_LOCK = threading.Lock()


def _context():
    """A forkserver: workers fork from a small, single-threaded process (never from a server
    with threads), fast enough to start one per query (a few ms)."""
    global _CONTEXT
    with _CONTEXT_LOCK:
        if _CONTEXT is None:
            _CONTEXT = multiprocessing.get_context("forkserver")
            _CONTEXT.set_forkserver_preload(["pyoxigraph", "graphkg.graph.limits"])
        return _CONTEXT


# how long past its time limit a worker lives on by itself: the parent kills it at the limit, so
# this only ends a worker whose parent went away before it knew the worker's pid (a Ctrl-C while
# the forkserver was starting it, on a loaded machine: the worker ran on for good)
BACKSTOP = 2.0


def _work(path: str, sparql: str, max_rows: int, memory: int, conn, dataset=None,
          timeout: float = TIMEOUT) -> None:  # fmt: skip
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides; Ctrl-C reaches both
    # the default action of SIGALRM ends the process even inside pyoxigraph's native code
    signal.signal(signal.SIGALRM, signal.SIG_DFL)
    signal.setitimer(signal.ITIMER_REAL, timeout + BACKSTOP)
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    try:
        conn.send(("ok", _evaluate(ox.Store.read_only(path), sparql, max_rows, dataset)))
    except SyntaxError as exc:
        conn.send(("syntax", str(exc).splitlines()[0] if str(exc) else "syntax error"))
    except MemoryError:
        conn.send(("failed", "the query ran out of memory"))
    except (OSError, RuntimeError, ValueError) as exc:
        conn.send(("store", (str(exc).splitlines() or ["error"])[0]))
    finally:
        conn.close()


def _evaluate(
    store: ox.Store, sparql: str, max_rows: int, dataset: Dataset | None = None
) -> Answer:
    if dataset is not None:
        # both parts always given: pyoxigraph would otherwise keep the query's FROM NAMED
        # beside a protocol default graph, and the protocol's dataset replaces the query's whole
        result = store.query(sparql, prefixes=KNOWN_PREFIXES,
                             default_graph=[ox.NamedNode(g) for g in dataset.default],
                             named_graphs=[ox.NamedNode(g) for g in dataset.named])  # fmt: skip
    else:
        # ad-hoc queries see the union of the report graphs as their default graph, unless they
        # name a dataset: the union would override their FROM
        union = not has_dataset(sparql)
        result = store.query(sparql, use_default_graph_as_union=union, prefixes=KNOWN_PREFIXES)
    if isinstance(result, bool | ox.QueryBoolean):
        return Answer("boolean", boolean=bool(result), limit=max_rows)
    if isinstance(result, ox.QuerySolutions):
        names = [v.value for v in result.variables]
        rows: list[tuple] = []
        for solution in result:
            if len(rows) == max_rows:
                return Answer("bindings", names, rows, truncated=True, limit=max_rows)
            rows.append(tuple(solution[k] for k in names))
        return Answer("bindings", names, rows, limit=max_rows)
    triples: list[ox.Triple] = []
    for triple in result:
        if len(triples) == max_rows:
            return Answer("graph", triples=triples, truncated=True, limit=max_rows)
        triples.append(triple)
    return Answer("graph", triples=triples, limit=max_rows)


def run(path: str | Path, sparql: str, limits: Limits | None = None,
        cancel: threading.Event | None = None, dataset: Dataset | None = None) -> Answer:  # fmt: skip
    """Run a read query over the Oxigraph database at path within the limits, over the dataset
    a protocol request names if any. A store that fails to open or read (a build swapped it) is
    tried once more: the answer then comes from the new store."""
    limits = limits or Limits()
    check(sparql, limits)
    if dataset is not None:
        dataset.check()
    if is_update(sparql):
        raise QueryRefused("this is a SPARQL update; it is not run here")
    start = time.monotonic()
    for attempt in range(1, SWAP_TRIES + 1):
        status, value = _attempt(str(path), sparql, limits, cancel, start, dataset)
        if status == "ok":
            value.elapsed = time.monotonic() - start
            return value
        if status == "syntax":
            raise QueryFailed(f"SPARQL syntax error: {value}")
        if status == "store" and attempt < SWAP_TRIES:
            # a build was swapping the store directory: RocksDB saw half of each (a missing file,
            # "Sst file size mismatch"); a later try opens one of the two whole
            time.sleep(0.05 * attempt)
            continue
        raise QueryFailed(f"the query failed: {value}")
    raise AssertionError("unreachable")


def _attempt(path, sparql, limits, cancel, start, dataset=None):
    receive, send = _context().Pipe(duplex=False)
    remaining = max(start + limits.timeout - time.monotonic(), 0.0)
    worker = _context().Process(
        target=_work,
        args=(path, sparql, limits.max_rows, limits.memory, send, dataset, remaining),
        daemon=True,
    )
    try:
        worker.start()  # inside the try: an interrupt while it starts still kills the worker
        send.close()
        while True:
            if cancel is not None and cancel.is_set():
                raise QueryCancelled("the query was cancelled")
            remaining = start + limits.timeout - time.monotonic()
            if remaining <= 0:
                raise QueryTimeout(
                    f"the query ran out of time ({limits.timeout:g} s; raise it with --timeout)"
                )
            if receive.poll(min(0.05, remaining)):
                try:
                    return receive.recv()
                except EOFError:
                    return ("failed", "its worker died (out of memory?)")
    finally:
        if worker.pid is not None:  # None: interrupted before it started (its own timer ends it)
            if worker.is_alive():
                worker.kill()
            worker.join(1)
        receive.close()
        send.close()


def run_rows(store, sparql: str, limits: Limits | None = None):
    """(columns, rows) as store.query gives them, bounded; Rows.truncated says whether it was cut.
    A remote store is bounded by the rows it returns (its own server keeps its own time)."""
    from graphkg.graph.store import _rows, _value

    limits = limits or Limits()
    if not hasattr(store, "directory"):
        check(sparql, limits)
        columns, rows = store.query(sparql)
        return Rows(columns, rows[: limits.max_rows], len(rows) > limits.max_rows, limits.max_rows)
    if not store.exists:
        store.open()  # the one-line error of a missing store
    answer = run(Path(store.directory) / "oxigraph", sparql, limits)
    if answer.kind == "boolean":
        return Rows(*_rows(answer.boolean), False, limits.max_rows)
    if answer.kind == "graph":
        raise QueryFailed(
            "only SELECT and ASK queries print as tables; use `graphkg export` for graphs"
        )
    rows = [
        {k: _value(t) for k, t in zip(answer.variables, row, strict=True)} for row in answer.rows
    ]
    return Rows(answer.variables, rows, answer.truncated, limits.max_rows)


class Rows(tuple):
    """(columns, rows), with .truncated and .limit: unpacks as the store's query result does."""

    truncated: bool
    limit: int

    def __new__(cls, columns, rows, truncated: bool, limit: int):
        self = super().__new__(cls, (columns, rows))
        self.truncated, self.limit = truncated, limit
        return self


def run_update(store, sparql: str, limits: Limits | None = None) -> None:
    """An update the user allowed: LOAD statements read the local files they name (Oxigraph's
    own LOAD would fetch from the network), any other update goes to the store (SERVICE inside
    it refused as in a query)."""
    check(sparql, limits or Limits())
    loads = load_files(sparql)
    if loads is None:
        store.update(sparql)
        return
    if not hasattr(store, "directory"):
        raise QueryRefused("LOAD runs only on the embedded store")
    db = store.open(read_only=False)
    for path, rdf_format, graph in loads:
        try:
            db.load(path=str(path), format=rdf_format,
                    to_graph=ox.NamedNode(graph) if graph else ox.DefaultGraph())  # fmt: skip
        except (SyntaxError, OSError, ValueError) as exc:
            raise QueryFailed(f"{path} cannot be loaded: {str(exc).splitlines()[0]}") from None
    db.flush()
