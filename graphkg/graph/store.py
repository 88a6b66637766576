"""Where the graph lives: an embedded Oxigraph store on disk.

It takes whole named graphs (Graph Store Protocol semantics: PUT replaces a graph) and answers
SPARQL; nothing here depends on rdflib. Writes are atomic: a new store is built beside the old one
and swapped in only when complete.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from graphkg.errors import GraphkgError

DATA = "oxigraph"  # the Oxigraph database inside a store directory


CACHE = "reports"  # parsed reports, so a build can re-resolve them without re-reading the files


BATCH = 100_000  # quads per bulk load


STATE = (
    "facts.json"  # every report's resolution facts and the build signature, for incremental builds
)


class StoreError(GraphkgError):
    """A store that cannot be opened, written or reached."""


def _open(path: Path, read_only: bool) -> ox.Store:
    try:
        return ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
    except OSError as exc:
        message = str(exc).splitlines()[0]
        if "lock" in message.lower():
            raise StoreError(
                f"store {path.parent} is locked by another process; wait for it to finish"
            ) from None
        raise StoreError(f"store {path.parent} cannot be opened: {message}") from None


class EmbeddedStore:
    """A store directory: the Oxigraph data and the cache of parsed reports."""

    def __init__(self, directory: str | Path) -> None:
        self.directory = Path(directory)

    @property
    def exists(self) -> bool:
        return (self.directory / DATA).is_dir()

    def open(self, read_only: bool = True) -> ox.Store:
        if not self.exists:
            raise StoreError(f"no store at {self.directory}; run `graphkg build` first")
        return _open(self.directory / DATA, read_only)

    def query(self, sparql: str, union_default_graph: bool = False):
        """SELECT/ASK rows. The default graph is empty, as on a SPARQL 1.1 server with its default
        settings, so the library's queries name their graphs and answer the same everywhere;
        ad-hoc SPARQL (graphkg sparql) may ask for the union of the named graphs instead."""
        store = self.open(read_only=True)
        try:
            return _rows(store.query(sparql, use_default_graph_as_union=union_default_graph))
        except SyntaxError as exc:
            raise StoreError(f"SPARQL syntax error: {str(exc).splitlines()[0]}") from None
        except (RuntimeError, OSError) as exc:
            raise StoreError(f"the query failed: {str(exc).splitlines()[0]}") from None

    def update(self, sparql: str) -> None:
        store = self.open(read_only=False)
        try:
            store.update(sparql)
        except SyntaxError as exc:
            raise StoreError(f"SPARQL syntax error: {str(exc).splitlines()[0]}") from None
        finally:
            store.flush()

    def dump_nquads(self) -> bytes:
        store = self.open(read_only=True)
        return store.dump(format=ox.RdfFormat.N_QUADS)

    def cached_report(self, source: str) -> str:
        """One parsed report kept with the store, as JSON."""
        try:
            return (self.directory / CACHE / f"{source}.json").read_text(encoding="utf-8")
        except OSError:
            raise StoreError(
                f"store {self.directory} has lost its copy of {source}; rebuild it from the reports"
            ) from None

    def cached_sources(self) -> list[str]:
        folder = self.directory / CACHE
        return (
            sorted(p.name.removesuffix(".json") for p in folder.glob("*.json"))
            if folder.is_dir()
            else []
        )

    def state(self) -> dict | None:
        """What the last build left for the next one ({"signature": ..., "facts": [...]}), or None."""
        try:
            return json.loads((self.directory / STATE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def write(self, graphs: Iterable[tuple[ox.NamedNode, list[ox.Quad]]], reports: Iterable[tuple[str, str]],
              state: dict | None = None) -> int:  # fmt: skip
        """Replace the whole store with these graphs, atomically: the old store stays until the
        new one is complete, so a failed build leaves it as it was. The graphs stream into bulk
        loads of BATCH quads: one load per graph leaves thousands of files that make every later
        open slow, one load for all holds them all in memory (1 GB a million quads). Returns the
        number of quads."""
        written = 0

        def fill(building: Path) -> None:
            nonlocal written
            store = _open(building / DATA, read_only=False)
            batch: list[ox.Quad] = []
            for _, quads in graphs:
                batch.extend(quads)
                if len(batch) >= BATCH:
                    store.bulk_extend(batch)
                    written, batch = written + len(batch), []
            store.bulk_extend(batch)
            written += len(batch)
            store.flush()
            del store
            for source, payload in reports:
                (building / CACHE / f"{source}.json").write_text(payload, encoding="utf-8")

        self._swap(fill, state)
        return written

    def patch(self, changes: Changes, reports: dict[str, str], state: dict) -> None:
        """Apply changes to a copy of the store (RocksDB hard links, so the copy is cheap) and swap
        it in: as atomic as write(), at the cost of the changed graphs and nodes only."""

        def fill(building: Path) -> None:
            _open(self.directory / DATA, read_only=True).backup(str(building / DATA))
            store = _open(building / DATA, read_only=False)
            changes.apply(store)
            store.flush()
            del store
            for old in (self.directory / CACHE).glob("*.json"):
                if old.name.removesuffix(".json") not in reports:
                    os.link(old, building / CACHE / old.name)
            for source, payload in reports.items():
                (building / CACHE / f"{source}.json").write_text(payload, encoding="utf-8")

        self._swap(fill, state)

    def _swap(self, fill, state: dict | None) -> None:
        building = self.directory.with_name(self.directory.name + ".building")
        old = self.directory.with_name(self.directory.name + ".old")
        with self._lock():
            try:
                shutil.rmtree(building, ignore_errors=True)
                (building / CACHE).mkdir(parents=True)
            except OSError as exc:
                raise StoreError(f"cannot write beside {self.directory}: {exc.strerror}") from None
            try:
                fill(building)
                if state is not None:
                    (building / STATE).write_text(
                        json.dumps(state, ensure_ascii=False, separators=(",", ":")),
                        encoding="utf-8",
                    )
                shutil.rmtree(old, ignore_errors=True)
                if self.directory.exists():
                    self.directory.rename(old)
                building.rename(self.directory)
                shutil.rmtree(old, ignore_errors=True)
            except BaseException:
                shutil.rmtree(building, ignore_errors=True)
                if old.exists() and not self.directory.exists():
                    old.rename(self.directory)
                raise

    @contextmanager
    def _lock(self):
        """One build at a time per store: a lock file beside the store directory."""
        path = self.directory.with_name(self.directory.name + ".lock")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle = open(path, "a")  # noqa: SIM115
        except OSError as exc:
            raise StoreError(f"cannot write beside {self.directory}: {exc.strerror}") from None
        with handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                raise StoreError(
                    f"store {self.directory} is locked by another build; wait for it to finish"
                ) from None
            yield


@dataclass
class Changes:
    """What an incremental build changes: whole graphs replaced, and nodes of the shared graphs
    rewritten (every quad of their subjects in that graph gives way to the new quads)."""

    graphs: dict[ox.NamedNode, list[ox.Quad]] = field(default_factory=dict)
    subjects: dict[ox.NamedNode, list[ox.NamedNode]] = field(
        default_factory=dict
    )  # graph → rewritten subjects
    quads: list[ox.Quad] = field(default_factory=list)  # their new quads

    def apply(self, store: ox.Store) -> None:
        for graph, quads in self.graphs.items():
            store.remove_graph(graph)
            store.extend(quads)
        old = {
            q
            for graph, subjects in self.subjects.items()
            for s in subjects
            for q in store.quads_for_pattern(s, None, None, graph)
        }
        new = set(self.quads)
        # a partnership that gains one event keeps its other quads: only the difference is written
        for quad in old - new:
            store.remove(quad)
        store.extend(new - old)

    @property
    def size(self) -> int:
        return sum(len(q) for q in self.graphs.values()) + len(self.quads)


def _rows(result) -> tuple[list[str], list[dict]]:
    """(variables, rows) from a pyoxigraph SELECT; ASK gives one row {"ask": bool}."""
    if isinstance(result, bool | ox.QueryBoolean):
        return ["ask"], [{"ask": bool(result)}]
    if isinstance(result, ox.QuerySolutions):
        names = [v.value for v in result.variables]
        return names, [{k: _value(s[k]) for k in names} for s in result]
    raise StoreError("only SELECT and ASK queries print as tables; use `graphkg export` for graphs")


def _value(term):
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        return _coerce(term.value, term.datatype.value if term.datatype else "")
    return term.value


def _coerce(value: str, datatype: str):
    """A literal's lexical value as the Python value a table or JSON row should show."""
    if datatype.endswith(("#integer", "#int", "#long")):
        return int(value)
    if datatype.endswith("#boolean"):
        return value in ("true", "1")  # Virtuoso writes xsd:boolean as "1"/"0"
    if datatype.endswith(("#decimal", "#double", "#float")):
        return float(value)
    return value
