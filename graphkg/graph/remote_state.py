"""What a remote store's builds remember, and how a build writes to the server without losing it.

The state is kept locally, one directory per graph store URL (default
$XDG_STATE_HOME/graphkg/remote/<hash of the URL>, or --state-dir): the parsed reports of every
build (so a build of new reports resolves the whole corpus and computes the shared graphs from all
of it, as an embedded store's cache does) and a hash of every graph as last sent. Kept locally
rather than in a graph on the server because the parsed reports are JSON documents, not RDF, and
because a server graph would be one more thing a read-only user of the server sees and can break.

A build sends only the graphs whose hash changed, each PUT under a staging name, then moves them
into place with one SPARQL Update (MOVE … TO …); a build that fails before the move deletes its
staging graphs and leaves the server's graphs as they were. Without an update URL the graphs are
PUT in place, and an error names exactly the graphs already written.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import secrets
from collections.abc import Iterable
from contextlib import contextmanager, suppress
from pathlib import Path

import pyoxigraph as ox

from graphkg.graph.store import StoreError
from graphkg.graph.vocab import BASE, PREFIXES

STAGING = BASE + "graph/staging/"
GRAPHS = "graphs.json"  # {"store": url, "graphs": {graph IRI: sha256 of its canonical N-Triples}}
REPORTS = "reports"  # parsed reports as JSON, one file per source


def state_home() -> Path:
    root = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(root) / "graphkg" / "remote"


class RemoteState:
    """One remote store's state directory."""

    def __init__(self, directory: Path, store_url: str) -> None:
        self.directory = directory
        self.store_url = store_url

    @classmethod
    def for_store(cls, store_url: str, state_dir: str | Path | None = None) -> RemoteState:
        key = hashlib.sha256(store_url.encode()).hexdigest()[:16]
        return cls(Path(state_dir) if state_dir else state_home() / key, store_url)

    @property
    def exists(self) -> bool:
        return (self.directory / GRAPHS).is_file()

    def graphs(self) -> dict[str, str]:
        if not self.exists:
            return {}
        try:
            data = json.loads((self.directory / GRAPHS).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            raise StoreError(f"the build state in {self.directory} is unreadable") from None
        if data.get("store") != self.store_url:
            raise StoreError(
                f"the build state in {self.directory} belongs to {data.get('store')}, not "
                f"{self.store_url}; give another --state-dir"
            )
        return data["graphs"]

    def cached_sources(self) -> list[str]:
        folder = self.directory / REPORTS
        return (
            sorted(p.name.removesuffix(".json") for p in folder.glob("*.json"))
            if folder.is_dir()
            else []
        )

    def cached_report(self, source: str) -> str:
        try:
            return (self.directory / REPORTS / f"{source}.json").read_text(encoding="utf-8")
        except OSError:
            raise StoreError(
                f"the build state in {self.directory} has lost its copy of {source}; build all the "
                "reports again"
            ) from None

    def save(self, graphs: dict[str, str], reports: dict[str, str]) -> None:
        """Write the reports that changed, then the graph hashes (each file replaced whole)."""
        folder = self.directory / REPORTS
        folder.mkdir(parents=True, exist_ok=True)
        for source, payload in reports.items():
            path = folder / f"{source}.json"
            if not path.is_file() or path.read_text(encoding="utf-8") != payload:
                _replace(path, payload)
        data = {"store": self.store_url, "graphs": dict(sorted(graphs.items()))}
        _replace(self.directory / GRAPHS, json.dumps(data, ensure_ascii=False, indent=0))

    def forget(self) -> None:
        (self.directory / GRAPHS).unlink(missing_ok=True)

    @contextmanager
    def lock(self):
        """One build at a time per remote store (on this machine)."""
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            handle = open(self.directory / "lock", "a")  # noqa: SIM115
        except OSError as exc:
            raise StoreError(
                f"cannot write the build state in {self.directory}: {exc.strerror}"
            ) from None
        with handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                raise StoreError(
                    f"{self.store_url} is being built by another process; wait for it"
                ) from None
            yield


def _replace(path: Path, text: str) -> None:
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def server_graphs(store, names: Iterable[str]) -> tuple[set[str], set[str]]:
    """(which of these graphs the server holds, the report graphs it holds) in two queries."""
    wanted = " ".join(f"<{n}>" for n in names)
    present = set()
    if wanted:
        _, rows = store.select(
            f"SELECT ?g WHERE {{ VALUES ?g {{ {wanted} }} FILTER EXISTS {{ GRAPH ?g {{ ?s ?p ?o }} }} }}"
        )
        present = {row["g"] for row in rows}
    _, rows = store.select(PREFIXES + "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?r a gk:Report } }")
    reports = {row["g"] for row in rows if row["g"].startswith(BASE + "graph/report/")}
    return present, reports


def write_remote(store, graphs: Iterable[tuple[ox.NamedNode, list[ox.Quad]]],
                 reports: Iterable[tuple[str, str]]) -> int:  # fmt: skip
    """Send what changed, staged; see the module docstring. Returns the number of quads sent."""
    from graphkg.graph.quads import report_graph_iri
    from graphkg.graph.remote import ntriples

    state = store.state_store
    with state.lock():
        known = state.graphs()
        payloads = dict(reports)
        present, on_server = server_graphs(store, known)
        _refuse_unknown_reports(on_server, {report_graph_iri(s).value for s in payloads})
        token = secrets.token_hex(4)
        staged: list[tuple[str | None, str]] = []  # (staging IRI, or None to drop; graph IRI)
        written: list[str] = []  # graphs PUT in place (no update URL)
        hashes: dict[str, str] = {}
        quads_sent = 0
        try:
            for graph, quads in graphs:
                body = ntriples(quads)
                digest = hashlib.sha256(body).hexdigest()
                hashes[graph.value] = digest
                if known.get(graph.value) == digest and (graph.value in present or not quads):
                    continue
                if not store.update_url:
                    store.put_graph(graph.value, body)
                    written.append(graph.value)
                elif quads:
                    stage = f"{STAGING}{token}/{graph.value.removeprefix(BASE + 'graph/')}"
                    store.put_graph(stage, body)
                    staged.append((stage, graph.value))
                else:  # MOVE from a graph that was never created would leave the old one
                    staged.append((None, graph.value))
                quads_sent += len(quads)
        except BaseException as exc:
            raise _failed(store, exc, staged, written) from None
        if staged:
            try:
                store.update(" ;\n".join(
                    f"MOVE SILENT <{stage}> TO <{graph}>" if stage else f"DROP SILENT GRAPH <{graph}>"
                    for stage, graph in staged
                ))  # fmt: skip
            except StoreError as exc:
                raise _failed_move(store, exc, staged) from None
        store.graphs_written = [g for _, g in staged] + written
        try:
            state.save(hashes, payloads)
        except OSError as exc:
            state.forget()  # stale hashes would let a later build skip a graph the server lacks
            raise StoreError(f"{store} was updated but its build state could not be saved "
                             f"({exc.strerror}); the next build sends every graph again") from None  # fmt: skip
        return quads_sent


def _refuse_unknown_reports(on_server: set[str], corpus: set[str]) -> None:
    """A report graph on the server that this corpus lacks: shared graphs computed without it
    would overwrite the server's view of it, so nothing is written."""
    unknown = sorted(on_server - corpus)
    if unknown:
        names = ", ".join(g.removeprefix(BASE + "graph/report/") for g in unknown[:5])
        more = f" and {len(unknown) - 5} more" if len(unknown) > 5 else ""
        raise StoreError(
            f"the server holds reports this build has no copy of ({names}{more}); nothing was "
            "written: build them together with these, or give the --state-dir of the build that wrote them"
        )


def _failed(
    store, exc: BaseException, staged: list[tuple[str | None, str]], written: list[str]
) -> BaseException:
    if written:
        return StoreError(f"{exc}; the build stopped after writing {len(written)} graphs in place: "
                          + ", ".join(written))  # fmt: skip
    left = []
    for stage, _ in staged:
        if stage is None:
            continue
        try:
            store.delete_graph(stage)
        except StoreError:
            left.append(stage)
    if not isinstance(exc, Exception):
        return exc  # KeyboardInterrupt and the like: the staging graphs are gone, re-raise it
    cause = str(exc) if isinstance(exc, StoreError) else f"{type(exc).__name__}: {exc}"
    tail = f"; staging graphs left to delete: {', '.join(left)}" if left else ""
    return StoreError(f"{cause}; the server's graphs were left as they were{tail}")


def _failed_move(store, exc: StoreError, staged: list[tuple[str | None, str]]) -> StoreError:
    """The MOVE update failed: say exactly which graphs it replaced (their staging copy is gone)."""
    try:
        _, rows = store.select(
            "SELECT ?g WHERE { VALUES ?g { " + " ".join(f"<{s or g}>" for s, g in staged)
            + " } FILTER EXISTS { GRAPH ?g { ?s ?p ?o } } }"
        )  # fmt: skip
    except StoreError:
        return StoreError(f"{exc}; moving the staged graphs into place failed and the server no "
                          "longer answers, so which graphs were replaced is unknown")  # fmt: skip
    still = {row["g"] for row in rows}
    moved = [graph for stage, graph in staged if (stage or graph) not in still]
    for stage in still - {graph for _, graph in staged}:
        with suppress(StoreError):
            store.delete_graph(stage)
    if not moved:
        return StoreError(f"{exc}; the server's graphs were left as they were")
    return StoreError(f"{exc}; only these graphs were replaced: {', '.join(moved)}; build again")
