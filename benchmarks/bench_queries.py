"""Every library query on the embedded Oxigraph store against rdflib's in-memory graph, same data.

    .venv/bin/python benchmarks/bench_queries.py [--copies 100] [--rdflib-cap 60]

Sizes: the five seed reports, and a synthetic graph made of N renamed copies of the seeds' report
and entity graphs (every event, institution, agreement and report IRI gets a copy suffix, so the
copies are independent worlds and joins keep their shape). Each query runs 5 times on Oxigraph
(median) and once on rdflib, loaded once beforehand; an rdflib query still running at the cap is
stopped and reported as "> cap".
Prints a Markdown table for BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import statistics
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

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
    return out


def _oxigraph_rows(store: ox.Store):
    def query(sparql: str):
        solutions = store.query(sparql, use_default_graph_as_union=False)
        names = [v.value for v in solutions.variables]
        return names, [
            {k: s[k].value if s[k] is not None else None for k in names} for s in solutions
        ]

    return query


def time_oxigraph(quads, runs=5) -> dict[str, tuple[float, int]]:
    """Each library query with its default parameters, timed from binding them (an institution
    parameter is looked up first) to the last row read."""
    from graphkg.graph.query import library, prepare

    store = ox.Store()
    store.bulk_extend(quads)
    lookup = _oxigraph_rows(store)
    results = {}
    for name in library():
        times, rows = [], 0
        for _ in range(runs):
            start = time.perf_counter()
            rows = len(
                list(store.query(prepare(name, None, lookup), use_default_graph_as_union=False))
            )
            times.append(time.perf_counter() - start)
        results[name] = (statistics.median(times) * 1000, rows)
    return results


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
    parser.add_argument("--rdflib-cap", type=float, default=60.0)
    args = parser.parse_args()
    seeds = seed_quads()
    print(
        table(
            f"Seeds: {len(seeds)} quads",
            time_oxigraph(seeds),
            time_rdflib(seeds, args.rdflib_cap),
            args.rdflib_cap,
        ),
        flush=True,
    )
    big = synthetic(seeds, args.copies)
    print(flush=True)
    print(table(f"Synthetic: {len(big)} quads ({args.copies} renamed copies)", time_oxigraph(big),
                time_rdflib(big, args.rdflib_cap), args.rdflib_cap))  # fmt: skip


if __name__ == "__main__":
    main()
