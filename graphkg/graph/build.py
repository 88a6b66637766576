"""The build engine: parse, resolve and load reports into a store, whole or incrementally.

An embedded store built by the same code is patched (the graphs and nodes that change); otherwise
every graph is written. Embedded stores swap atomically either way.
"""

from __future__ import annotations

import gc
import hashlib
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from graphkg import resources
from graphkg.errors import GraphkgError
from graphkg.graph.duplicates import activities, participants_of, probable_duplicates
from graphkg.graph.nodes import (
    VOCABULARY_GRAPH,
    fingerprints,
    node_quads,
    node_subjects,
    ontology_quads,
    shared_nodes,
    shared_quads,
    vocabulary_quads,
)
from graphkg.graph.quads import report_graph_iri, report_quads
from graphkg.graph.store import Changes, EmbeddedStore
from graphkg.models import Report
from graphkg.pipeline import parse_report, report_paths
from graphkg.resolve.facts import pack_facts, report_facts, unpack_facts
from graphkg.resolve.resolver import Resolution, resolve_facts


@dataclass
class BuildResult:
    reports: int  # in the store after the build
    events: int
    problems: list[str]
    graphs: int  # named graphs written whole
    quads: int  # quads written
    incremental: bool = False


def build_signature() -> str:
    """What the shared graphs are made with: the package's code, data tables and ontology. A store
    built with another signature is rebuilt whole (from its cached parsed reports)."""
    hasher = hashlib.sha256()
    for path in resources.signature_files():
        hasher.update(path.name.encode() + b"\0" + path.read_bytes())
    return hasher.hexdigest()[:16]


@contextmanager
def _no_cyclic_gc():
    """A build makes millions of small lists and tuples (facts, quads) that hold no cycles; the
    cyclic collector would walk them again and again (half the time of an incremental build).
    Reference counting still frees everything; the collector runs once at the end."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
        gc.collect()


def build(inputs: Iterable[str | Path], store, progress=None) -> BuildResult:
    """Parse the inputs and resolve them with the reports already in the store.

    An embedded store built by the same code is patched: the graphs of the new reports, the graphs
    of older reports whose agreement ids the new ones change, and the changed nodes of the shared
    graphs. Otherwise every graph is written (one per report, entities, partnerships, vocabulary,
    ontology), the reports already in the store coming from its cache. Embedded stores swap
    atomically either way."""
    with _no_cyclic_gc():
        return _build(inputs, store, progress)


def _build(inputs: Iterable[str | Path], store, progress=None) -> BuildResult:
    parsed: dict[str, Report] = {}
    problems: list[str] = []
    for path in report_paths(inputs):
        try:
            report = parse_report(path)
            parsed[report.source] = report
        except GraphkgError as exc:
            problems.append(str(exc))
        if progress:
            progress(path)
    embedded = isinstance(store, EmbeddedStore) and store.exists
    state = store.state() if embedded else None
    signature = build_signature()
    if state and state.get("signature") == signature:
        return _patch(store, state, parsed, problems)
    if getattr(store, "exists", False):  # an embedded store's cache, or a remote store's state
        for source in store.cached_sources():
            if source not in parsed:
                parsed[source] = Report.model_validate_json(store.cached_report(source))
    if not parsed:
        raise GraphkgError("no report could be read; the store was left as it was")
    ordered = [parsed[k] for k in sorted(parsed)]
    resolution = resolve_facts([report_facts(r) for r in ordered])
    activity = {r.source: activities(r) for r in ordered}
    nodes = shared_nodes(resolution, _duplicates(activity, resolution))
    shared = shared_quads(nodes)

    def graphs():  # one report at a time, so the quads of every report are never all in memory
        for report in ordered:
            yield report_graph_iri(report.source), list(report_quads(resolution.apply(report)))
        yield from shared.items()
        yield VOCABULARY_GRAPH, list(vocabulary_quads())
        yield ontology_quads()

    reports = ((r.source, r.model_dump_json()) for r in ordered)
    quads = store.write(
        graphs(), reports, _state(signature, resolution, fingerprints(nodes), activity)
    )
    sent = getattr(store, "graphs_written", None)  # a remote store sends only the changed graphs
    return BuildResult(reports=len(ordered), events=sum(len(r.events) for r in ordered), problems=problems,
                       graphs=len(ordered) + len(shared) + 2 if sent is None else len(sent), quads=quads)  # fmt: skip


def _duplicates(activity: dict, resolution: Resolution):
    return probable_duplicates(activity, participants_of(resolution.facts))


def _state(signature: str, resolution: Resolution, fingerprints: dict, activity: dict) -> dict:
    """What the next build needs to patch the store: every report's facts, the agreement ids
    its graph holds, a fingerprint of every node of the shared graphs, and what the duplicate
    rule reads of every event (graph/duplicates)."""
    return {
        "activities": activity,
        "signature": signature,
        "facts": pack_facts(resolution.facts),
        "agreement_ids": {
            source: resolution.agreement_ids(source) for source in resolution.agreements
        },
        "nodes": fingerprints,
    }


def _patch(
    store: EmbeddedStore, state: dict, parsed: dict[str, Report], problems: list[str]
) -> BuildResult:
    facts = {f.source: f for f in unpack_facts(state["facts"])}
    facts |= {source: report_facts(report) for source, report in parsed.items()}
    events = sum(len(f.events) for f in facts.values())
    if not parsed:
        return BuildResult(
            reports=len(facts),
            events=events,
            problems=problems,
            graphs=0,
            quads=0,
            incremental=True,
        )
    after = resolve_facts([facts[k] for k in sorted(facts)])
    changes = Changes()
    # a new report can change the agreement a citation in an older report points to
    was_ids = state["agreement_ids"]
    touched = set(parsed) | {
        s for s in was_ids if s not in parsed and after.agreement_ids(s) != was_ids[s]
    }
    for source in sorted(touched):
        report = parsed.get(source) or Report.model_validate_json(store.cached_report(source))
        changes.graphs[report_graph_iri(source)] = list(report_quads(after.apply(report)))
    activity = state["activities"] | {s: activities(r) for s, r in parsed.items()}
    nodes = shared_nodes(after, _duplicates(activity, after))
    now = fingerprints(nodes)
    for graph, items in nodes.items():
        was = state["nodes"].get(graph.value, {})
        fresh = now[graph.value]
        changed = sorted(k for k in was.keys() | fresh.keys() if was.get(k) != fresh.get(k))
        changes.subjects[graph] = [s for k in changed if k in was for s in node_subjects(k)]
        changes.quads += [q for k in changed if k in items for q in node_quads(k, items[k], graph)]
    store.patch(
        changes,
        {s: r.model_dump_json() for s, r in parsed.items()},
        _state(state["signature"], after, now, activity),
    )
    return BuildResult(reports=len(facts), events=events, problems=problems, graphs=len(changes.graphs),
                       quads=changes.size, incremental=True)  # fmt: skip
