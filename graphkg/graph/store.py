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
import tempfile
import time
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


LOCK_WAIT = 600.0  # seconds; a build of 1,000 reports takes about two minutes


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

    def __init__(self, directory: str | Path, wait: float = LOCK_WAIT) -> None:
        self.directory = Path(directory)
        self.wait = wait  # seconds a build waits for another build of the same store
        self._held = False

    @property
    def exists(self) -> bool:
        return (self.directory / DATA).is_dir()

    def open(self, read_only: bool = True) -> ox.Store:
        data = self.directory / DATA
        if not data.is_dir() and read_only and (self._old / DATA).is_dir():
            data = (
                self._old / DATA
            )  # a build killed mid-swap: readable until the next build restores it
        if not data.is_dir():
            raise StoreError(f"no store at {self.directory}; run `graphkg build` first")
        return _open(data, read_only)

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
        data = store.dump(format=ox.RdfFormat.N_QUADS)
        # without an output file pyoxigraph returns the bytes; None only when given one
        if data is None:
            raise StoreError("the store dumped no N-Quads")
        return data

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

    def patch(self, changes: Changes, reports: dict[str, str], state: dict,
              removed: Iterable[str] = ()) -> tuple[int, int]:  # fmt: skip
        """Apply changes to a copy of the store (RocksDB hard links, so the copy is cheap) and swap
        it in: as atomic as write(), at the cost of the changed graphs and nodes only. `reports`
        are the cached reports to write, `removed` those to drop. Returns (quads added, removed)."""
        dropped = set(reports) | set(removed)
        counts = (0, 0)

        def fill(building: Path) -> None:
            nonlocal counts
            _open(self.directory / DATA, read_only=True).backup(str(building / DATA))
            store = _open(building / DATA, read_only=False)
            counts = changes.apply(store)
            store.flush()
            del store
            for old in (self.directory / CACHE).glob("*.json"):
                if old.name.removesuffix(".json") not in dropped:
                    os.link(old, building / CACHE / old.name)
            for source, payload in reports.items():
                (building / CACHE / f"{source}.json").write_text(payload, encoding="utf-8")

        self._swap(fill, state)
        return counts

    @property
    def _building(self) -> Path:
        return self.directory.with_name(self.directory.name + ".building")

    @property
    def _old(self) -> Path:
        return self.directory.with_name(self.directory.name + ".old")

    @contextmanager
    def transaction(self, on_wait=None):
        """Hold the store's lock for a whole build, from reading its state to the swap, so that two
        builds never both patch one state (the second waits up to `self.wait` seconds; on_wait is
        told once that it waits). Under the lock, what a killed build left is put right first."""
        if self._held:
            yield
            return
        with self._lock(on_wait):
            self._held = True
            try:
                self._recover()
                yield
            finally:
                self._held = False

    def _recover(self) -> None:
        """A build killed between the swap's two renames leaves store.old and no store: put it
        back. A store.old beside a store (killed after the second rename) and a store.building
        (killed while filling) are leftovers. Safe to repeat."""
        if self._old.exists() and not self.directory.exists():
            try:
                self._old.rename(self.directory)
            except OSError as exc:
                raise StoreError(
                    f"cannot restore {self.directory} from {self._old}: {exc.strerror}"
                ) from None
        _remove(self._old)
        _remove(self._building)

    def _check_writable(self) -> None:
        """Every folder of the store must take a file, or the swap would rename a store it cannot
        then delete (a read-only store in a writable folder): refuse before anything is touched."""
        for folder in [self.directory.parent] + [Path(d) for d, _, _ in os.walk(self.directory)]:
            try:
                tempfile.TemporaryFile(dir=folder).close()
            except OSError as exc:
                where = (
                    f"beside {self.directory}" if folder == self.directory.parent else str(folder)
                )
                raise StoreError(
                    f"cannot write {where}: {exc.strerror}; the store was left as it was"
                ) from None

    def _swap(self, fill, state: dict | None) -> None:
        with self.transaction():
            self._check_writable()
            building, old = self._building, self._old
            try:
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
            except OSError as exc:  # a full disk, a quota: RocksDB and the cache raise OSError
                _remove(building, quiet=True)
                message = (exc.strerror or str(exc)).splitlines()[0]
                raise StoreError(
                    f"cannot write {building}: {message}; the store was left as it was"
                ) from None
            except BaseException:
                _remove(building, quiet=True)
                raise
            try:
                if self.directory.exists():
                    self.directory.rename(old)
                checkpoint("between renames")
                building.rename(self.directory)
            except OSError as exc:
                if old.exists() and not self.directory.exists():
                    old.rename(self.directory)
                _remove(building, quiet=True)
                raise StoreError(f"cannot swap {building} into {self.directory}: {exc.strerror}; "
                                 "the store was left as it was") from None  # fmt: skip
            _remove(old)

    @contextmanager
    def _lock(self, on_wait=None):
        """One build at a time per store: a lock file beside the store directory."""
        path = self.directory.with_name(self.directory.name + ".lock")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle = open(path, "a")  # noqa: SIM115
        except OSError as exc:
            raise StoreError(f"cannot write beside {self.directory}: {exc.strerror}") from None
        with handle:
            deadline = time.monotonic() + self.wait
            while True:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except OSError:
                    if time.monotonic() >= deadline:
                        raise StoreError(
                            f"store {self.directory} is locked by another build; wait for it to finish"
                        ) from None
                    if on_wait:
                        on_wait(f"waiting for another build of {self.directory} to finish")
                        on_wait = None
                    time.sleep(0.05)
            yield


def checkpoint(point: str) -> None:
    """A test hook: GRAPHKG_PAUSE=POINT=FILE makes a build that reaches POINT ("state read",
    "between renames") create FILE and wait until FILE is deleted, so a test can start a second
    build or kill this one exactly there."""
    spec = os.environ.get("GRAPHKG_PAUSE", "")
    name, _, marker = spec.partition("=")
    if marker and name == point:
        Path(marker).write_text(str(os.getpid()))
        while Path(marker).exists():
            time.sleep(0.02)


def _remove(path: Path, quiet: bool = False) -> None:
    """Remove a store's leftover copy; a folder left read-only (by an older version or a user) is
    made writable first, and one that still cannot go is one clear error unless `quiet`."""

    def retry(function, name, _info):
        os.chmod(os.path.dirname(name), 0o700)
        function(name)

    if not path.exists():
        return
    try:
        shutil.rmtree(path, onerror=retry)
    except OSError as exc:
        if not quiet:
            raise StoreError(f"cannot remove {path}: {exc.strerror}; remove it by hand") from None


@dataclass
class Changes:
    """What an incremental build changes: whole graphs replaced, and nodes of the shared graphs
    rewritten (every quad of their subjects in that graph gives way to the new quads)."""

    graphs: dict[ox.NamedNode, list[ox.Quad]] = field(default_factory=dict)
    subjects: dict[ox.NamedNode, list[ox.NamedNode]] = field(
        default_factory=dict
    )  # graph → rewritten subjects
    quads: list[ox.Quad] = field(default_factory=list)  # their new quads

    def apply(self, store: ox.Store) -> tuple[int, int]:
        """Write only what differs (a partnership that gains one event keeps its other quads);
        a graph given no quads is removed. Returns (quads added, quads removed)."""
        old: set[ox.Quad] = set()
        new: set[ox.Quad] = set(self.quads)
        for graph, quads in self.graphs.items():
            old.update(store.quads_for_pattern(None, None, None, graph))
            new.update(quads)
        old.update(
            q
            for graph, subjects in self.subjects.items()
            for s in subjects
            for q in store.quads_for_pattern(s, None, None, graph)
        )
        for quad in old - new:
            store.remove(quad)
        store.extend(new - old)
        for graph, quads in self.graphs.items():
            if not quads:
                store.remove_graph(graph)
        return len(new - old), len(old - new)

    @property
    def empty(self) -> bool:
        return not (self.graphs or self.quads or any(self.subjects.values()))

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
