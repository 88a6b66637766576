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
    from graphkg import pipeline
    from graphkg.store import EmbeddedStore

    with tempfile.TemporaryDirectory() as tmp:
        store = EmbeddedStore(Path(tmp) / "store")
        pipeline.build([ROOT / "data" / "raw"], store)
        return list(store.open())


def _rename(term, k: int):
    if isinstance(term, ox.NamedNode) and term.value.startswith(BASE) and term.value[len(BASE):].startswith(COPIED):
        head, _, tail = term.value[len(BASE):].partition("/")
        first, _, rest = tail.partition("/")
        return ox.NamedNode(f"{BASE}{head}/{first}-c{k}" + (f"/{rest}" if rest else ""))
    return term


def synthetic(quads: list[ox.Quad], copies: int) -> list[ox.Quad]:
    shared = {BASE + "graph/vocabulary", BASE + "graph/ontology"}
    out = [q for q in quads if q.graph_name.value in shared]
    varying = [q for q in quads if q.graph_name.value not in shared]
    for k in range(copies):
        for q in varying:
            out.append(ox.Quad(_rename(q.subject, k), q.predicate, _rename(q.object, k), _rename(q.graph_name, k)))
    return out


def _queries() -> dict[str, str]:
    from graphkg.query import bind_values, library, term

    out = {}
    for name, query in library().items():
        params = {p.name: term(p.default, p.type) for p in query.params if p.default is not None}
        out[name] = bind_values(query.text, params)
    return out


def time_oxigraph(quads, queries, runs=5) -> dict[str, tuple[float, int]]:
    store = ox.Store()
    store.bulk_extend(quads)
    results = {}
    for name, text in queries.items():
        times, rows = [], 0
        for _ in range(runs):
            start = time.perf_counter()
            rows = len(list(store.query(text, use_default_graph_as_union=True)))
            times.append(time.perf_counter() - start)
        results[name] = (statistics.median(times) * 1000, rows)
    return results


class _Cap(Exception):
    pass


def _rdflib_worker(nquads: bytes, queries: dict[str, str], cap: float, conn) -> None:
    """Load once (not timed), then run each query with an alarm at the cap."""
    import signal

    import rdflib

    def stop(*_):
        raise _Cap

    signal.signal(signal.SIGALRM, stop)
    dataset = rdflib.Dataset(default_union=True)
    dataset.parse(data=nquads.decode("utf-8"), format="nquads")
    results = {}
    for name, text in queries.items():
        signal.setitimer(signal.ITIMER_REAL, cap)
        start = time.perf_counter()
        try:
            rows = len(list(dataset.query(text)))
            results[name] = ((time.perf_counter() - start) * 1000, rows)
        except _Cap:
            results[name] = (None, None)
        except Exception as exc:  # rdflib's own SPARQL errors are results to report, not crashes
            results[name] = ("error", type(exc).__name__)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    conn.send(results)


def time_rdflib(quads, queries, cap: float) -> dict[str, tuple]:
    nquads = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
    parent, child = mp.Pipe()
    process = mp.Process(target=_rdflib_worker, args=(nquads, queries, cap, child))
    process.start()
    results = parent.recv()
    process.join()
    return results


def table(title, oxi, rdf, cap) -> str:
    lines = [f"### {title}", "", "| query | rows | Oxigraph (ms, median of 5) | rdflib (ms) | rdflib / Oxigraph |", "|---|---|---|---|---|"]
    for name, (ms, rows) in oxi.items():
        r_ms, r_rows = rdf.get(name, (None, None))
        if r_ms == "error":
            lines.append(f"| {name} | {rows} | {ms:.1f} | fails ({r_rows}) | – |")
        elif r_ms is None:
            lines.append(f"| {name} | {rows} | {ms:.1f} | > {cap:.0f} s | > {cap * 1000 / max(ms, 0.001):.0f}x |")
        else:
            same = "" if r_rows == rows else f" (rdflib: {r_rows} rows)"
            lines.append(f"| {name} | {rows}{same} | {ms:.1f} | {r_ms:.1f} | {r_ms / max(ms, 0.001):.0f}x |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=100)
    parser.add_argument("--rdflib-cap", type=float, default=60.0)
    args = parser.parse_args()
    queries = _queries()
    seeds = seed_quads()
    print(table(f"Seeds: {len(seeds)} quads", time_oxigraph(seeds, queries), time_rdflib(seeds, queries, args.rdflib_cap), args.rdflib_cap), flush=True)
    big = synthetic(seeds, args.copies)
    print(flush=True)
    print(table(f"Synthetic: {len(big)} quads ({args.copies} renamed copies)", time_oxigraph(big, queries),
                time_rdflib(big, queries, args.rdflib_cap), args.rdflib_cap))  # fmt: skip


if __name__ == "__main__":
    main()
