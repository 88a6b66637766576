"""Every library query on three engines side by side, same data: the embedded Oxigraph store,
`oxigraph serve` with its default settings and Virtuoso 7 (when virtuoso-t is installed), both
started here on 127.0.0.1 by tests/servers.py; or (--rdflib) embedded against rdflib.

    .venv/bin/python benchmarks/bench_queries.py [--copies 100] [--virtuoso-buffers N] [--only NAME ...]
    .venv/bin/python benchmarks/bench_queries.py --rdflib [--rdflib-cap 60]

Sizes: the five seed reports, and a synthetic graph made of N renamed copies of the seeds' report
and entity graphs (every event, institution, agreement and report IRI gets a copy suffix, so the
copies are independent worlds and joins keep their shape). Each query runs 5 times on each engine
(median), every row read, no row limit; rdflib runs once, loaded beforehand, and a query still
running at the cap is stopped and reported as "> cap".
Prints a Markdown table for BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

from graphkg.graph.store import StoreError, _rows

ROOT = Path(__file__).resolve().parent.parent
COPIED = ("event/", "org/", "agreement/", "report/", "graph/report/", "partnership/")
BASE = "https://w3id.org/graphkg/id/"


def seed_quads() -> list[ox.Quad]:
    import graphkg
    from graphkg.graph.store import EmbeddedStore

    with tempfile.TemporaryDirectory() as tmp:
        store = EmbeddedStore(Path(tmp) / "store")
        graphkg.build([ROOT / "data" / "raw"], store)
        return list(store.open())


def _rename(term, k: int):
    if (
        isinstance(term, ox.NamedNode)
        and term.value.startswith(BASE)
        and term.value[len(BASE) :].startswith(COPIED)
    ):
        head, _, tail = term.value[len(BASE) :].partition("/")
        first, _, rest = tail.partition("/")
        return ox.NamedNode(f"{BASE}{head}/{first}-c{k}" + (f"/{rest}" if rest else ""))
    return term


def synthetic(quads: list[ox.Quad], copies: int) -> list[ox.Quad]:
    shared = {BASE + "graph/vocabulary", BASE + "graph/ontology"}
    out = [q for q in quads if q.graph_name.value in shared]
    varying = [q for q in quads if q.graph_name.value not in shared]
    for k in range(copies):
        for q in varying:
            out.append(
                ox.Quad(
                    _rename(q.subject, k),
                    q.predicate,
                    _rename(q.object, k),
                    _rename(q.graph_name, k),
                )
            )
    # the nodes no copy renames (places, countries, spheres) are stated once, as a store keeps them
    return list(dict.fromkeys(out))


_ONLY: set[str] = set()  # --only: these library queries alone (the engines' passes)


def _names() -> list[str]:
    from graphkg.graph.query import library

    return [name for name in library() if not _ONLY or name in _ONLY]


def _oxigraph_rows(store: ox.Store):
    def query(sparql: str):
        return _rows(store.query(sparql, use_default_graph_as_union=False))

    return query


def _median_ms(run, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def time_engines(quads, runs: int = 5, virtuoso_buffers: int | None = None) -> dict[str, dict]:
    """Each library query with its default parameters on every engine, timed from binding them
    (an institution parameter is looked up first, on the same engine) to the last row read:
    embedded into Python rows as graphkg's store gives them, and embedded serialised to SPARQL
    JSON by pyoxigraph; each server through graphkg's RemoteStore (HTTP, JSON, rows). Also
    whether every engine's rows equal the embedded store's."""
    from graphkg.graph.query import prepare

    store = ox.Store()
    store.bulk_extend(quads)
    lookup = _oxigraph_rows(store)
    results: dict[str, dict] = {name: {} for name in _names()}
    for name in _names():
        sparql = prepare(name, None, lookup)
        rows = lookup(sparql)
        results[name]["rows"] = len(rows[1])
        results[name]["embedded"] = _median_ms(
            lambda n=name: lookup(prepare(n, None, lookup)), runs
        )
        results[name]["embedded JSON"] = _median_ms(
            lambda n=name: store.query(prepare(n, None, lookup), use_default_graph_as_union=False)
            .serialize(format=ox.QueryResultsFormat.JSON), runs,
        )  # fmt: skip
        results[name]["expected"] = rows
    for engine, remote in _servers(quads, virtuoso_buffers):
        remote.check()
        for name in _names():
            try:
                got = remote.query(prepare(name, None, remote.query))
            except StoreError as exc:  # an engine's refusal is a result to show
                results[name][engine + " same"] = "fails: " + str(exc).split(": ", 1)[-1][:60]
                continue
            ms = _median_ms(lambda n=name, r=remote: r.query(prepare(n, None, r.query)), runs)
            results[name][engine] = ms
            results[name][engine + " same"] = got == results[name]["expected"]
    return results


def _servers(quads, virtuoso_buffers):
    """Each server started and loaded in turn (graph by graph, Graph Store Protocol)."""
    import os

    sys.path.insert(0, str(ROOT))
    from graphkg.graph.remote import RemoteStore, ntriples
    from tests.servers import running_oxigraph, running_virtuoso, virtuoso_installed

    graphs: dict[str, list] = {}
    for q in quads:
        graphs.setdefault(q.graph_name.value, []).append(q)
    starts = [("oxigraph serve", running_oxigraph)]
    if virtuoso_installed():
        starts.append(("Virtuoso", lambda: running_virtuoso(virtuoso_buffers)))
    for engine, start in starts:
        with start() as server:
            if server.password:
                os.environ["GRAPHKG_USER"], os.environ["GRAPHKG_PASSWORD"] = (
                    server.user,
                    server.password,
                )
            remote = RemoteStore(query_url=server.query_url, update_url=server.update_url,
                                 store_url=server.store_url)  # fmt: skip
            began = time.perf_counter()
            for graph, part in graphs.items():
                remote.put_graph(graph, ntriples(part))
            print(f"{engine}: {len(quads)} quads loaded in {time.perf_counter() - began:.1f} s",
                  file=sys.stderr, flush=True)  # fmt: skip
            yield engine, remote


ENGINES = ("embedded", "embedded JSON", "oxigraph serve", "Virtuoso")


def engines_table(title: str, results: dict[str, dict]) -> str:
    lines = [
        f"### {title}",
        "",
        "| query | rows | " + " | ".join(f"{e} (ms)" for e in ENGINES) + " | same rows |",
        "|---|---|" + "---|" * len(ENGINES) + "---|",
    ]
    for name, r in results.items():
        cells = [f"{r[e]:.1f}" if e in r else "–" for e in ENGINES]
        differ = [e for e in ENGINES[2:] if r.get(e + " same") is False]
        failed = [
            f"{e} {r[e + ' same']}" for e in ENGINES[2:] if isinstance(r.get(e + " same"), str)
        ]
        same = "; ".join(([] if not differ else ["differ: " + ", ".join(differ)]) + failed) or "all"
        lines.append(f"| {name} | {r['rows']} | " + " | ".join(cells) + f" | {same} |")
    return "\n".join(lines)


def time_oxigraph(quads, runs=5) -> dict[str, tuple[float, int]]:
    """Embedded only, rows into Python (the rdflib comparison's baseline)."""
    from graphkg.graph.query import library, prepare

    store = ox.Store()
    store.bulk_extend(quads)
    lookup = _oxigraph_rows(store)
    return {
        name: (
            _median_ms(lambda n=name: lookup(prepare(n, None, lookup)), runs),
            len(lookup(prepare(name, None, lookup))[1]),
        )  # fmt: skip
        for name in library()
    }


class _Cap(Exception):
    pass


def _rdflib_worker(nquads: bytes, cap: float, conn) -> None:
    """Load once (not timed), then run each query (its lookup included) with an alarm at the cap."""
    import signal

    import rdflib

    from graphkg.graph.query import library, prepare

    def stop(*_):
        raise _Cap

    def lookup(sparql: str):
        result = dataset.query(sparql)
        names = [str(v) for v in result.vars]
        return names, [
            {k: (str(row[k]) if row[k] is not None else None) for k in names} for row in result
        ]

    signal.signal(signal.SIGALRM, stop)
    dataset = rdflib.Dataset(default_union=True)
    dataset.parse(data=nquads.decode("utf-8"), format="nquads")
    results = {}
    for name in library():
        signal.setitimer(signal.ITIMER_REAL, cap)
        start = time.perf_counter()
        try:
            rows = len(list(dataset.query(prepare(name, None, lookup))))
            results[name] = ((time.perf_counter() - start) * 1000, rows)
        except _Cap:
            results[name] = (None, None)
        except Exception as exc:  # rdflib's own SPARQL errors are results to report, not crashes
            results[name] = ("error", type(exc).__name__)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    conn.send(results)


def time_rdflib(quads, cap: float) -> dict[str, tuple]:
    nquads = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
    parent, child = mp.Pipe()
    process = mp.Process(target=_rdflib_worker, args=(nquads, cap, child))
    process.start()
    results = parent.recv()
    process.join()
    return results


def table(title, oxi, rdf, cap) -> str:
    lines = [
        f"### {title}",
        "",
        "| query | rows | Oxigraph (ms, median of 5) | rdflib (ms) | rdflib / Oxigraph |",
        "|---|---|---|---|---|",
    ]
    for name, (ms, rows) in oxi.items():
        r_ms, r_rows = rdf.get(name, (None, None))
        if r_ms == "error":
            lines.append(f"| {name} | {rows} | {ms:.1f} | fails ({r_rows}) | – |")
        elif r_ms is None:
            lines.append(
                f"| {name} | {rows} | {ms:.1f} | > {cap:.0f} s | > {cap * 1000 / max(ms, 0.001):.0f}x |"
            )
        else:
            same = "" if r_rows == rows else f" (rdflib: {r_rows} rows)"
            lines.append(
                f"| {name} | {rows}{same} | {ms:.1f} | {r_ms:.1f} | {r_ms / max(ms, 0.001):.0f}x |"
            )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=100)
    parser.add_argument("--rdflib", action="store_true", help="embedded against rdflib instead")
    parser.add_argument("--rdflib-cap", type=float, default=60.0)
    parser.add_argument("--runs", type=int, default=5, help="timed runs per query (median)")
    parser.add_argument("--only", nargs="*", default=[], help="these library queries only")
    parser.add_argument("--virtuoso-buffers", type=int, default=None,
                        help="Virtuoso NumberOfBuffers (8 KB each; the test ini has 12,000)")  # fmt: skip
    args = parser.parse_args()
    _ONLY.update(args.only)
    seeds = seed_quads()
    big = synthetic(seeds, args.copies)
    for title, quads in ((f"Seeds: {len(seeds)} quads", seeds),
                         (f"Synthetic: {len(big)} quads ({args.copies} renamed copies)", big)):  # fmt: skip
        if args.rdflib:
            print(
                table(
                    title,
                    time_oxigraph(quads),
                    time_rdflib(quads, args.rdflib_cap),
                    args.rdflib_cap,
                )
            )
        else:
            print(engines_table(title, time_engines(quads, args.runs, args.virtuoso_buffers)))
        print(flush=True)


if __name__ == "__main__":
    main()
