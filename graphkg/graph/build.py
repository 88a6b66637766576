"""The build engine: parse, resolve and load reports into a store, whole or incrementally.

An embedded store built by the same code is patched (the graphs and nodes that change); otherwise
every graph is written. Embedded stores swap atomically either way.
"""

from __future__ import annotations

import gc
import hashlib
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from graphkg import resources
from graphkg.errors import GraphkgError
from graphkg.graph.duplicates import activities, participants_of, probable_duplicates
from graphkg.graph.nodes import (
    ENTITIES_GRAPH,
    VOCABULARY_GRAPH,
    fingerprints,
    node_quads,
    node_subjects,
    ontology_quads,
    shared_nodes,
    shared_quads,
    vocabulary_quads,
)
from graphkg.graph.partnerships import PARTNERSHIPS_GRAPH
from graphkg.graph.quads import report_graph_iri, report_quads
from graphkg.graph.store import Changes, EmbeddedStore, StoreError, checkpoint
from graphkg.models import Report
from graphkg.pipeline import report_notes, report_paths, try_parse, unique_paths
from graphkg.resolve.facts import FactsError, pack_facts, report_facts, unpack_facts
from graphkg.resolve.initials import short_sources
from graphkg.resolve.resolver import Resolution, resolve_facts


@dataclass
class BuildResult:
    reports: int  # in the store after the build
    events: int
    problems: list[str]  # one line per file that failed (the CLI exits 1)
    graphs: int  # named graphs written whole, or changed
    quads: int  # quads written (incremental: added)
    incremental: bool = False
    removed_quads: int = 0  # incremental: quads removed
    unchanged: bool = False  # nothing to write: the store was not touched
    not_given: int = 0  # reports in the store that this build was not given
    notes: list[str] = field(default_factory=list)  # what the user should know, no failure


STATE_VERSION = 2  # the shape of facts.json written by _state


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


def build(
    inputs: Iterable[str | Path], store, progress=None, on_wait=None, strict: bool = False
) -> BuildResult:
    """Parse the inputs and resolve them with the reports already in the store.

    An embedded store built by the same code is patched: the graphs of the new reports, the graphs
    of older reports whose agreement ids the new ones change, and the changed nodes of the shared
    graphs; reports equal to their cached copy change nothing. Otherwise every graph is written
    (one per report, entities, partnerships, vocabulary, ontology), the reports already in the
    store coming from its cache. Embedded stores swap atomically either way, and the store's lock
    is held from reading its state to the swap (on_wait hears once if another build holds it).
    A file that cannot be read or parsed is one problem line; the rest of the batch goes on.
    `strict`: a prose paragraph left without a date is an error, raised before anything is
    written. What the user should know of the reports read (skipped paragraphs, decoding) is in
    the result's notes."""
    with _no_cyclic_gc():
        parsed, problems = _parse(inputs, progress)
        notes = [note for report in parsed.values() for note in report_notes(report)]
        undated = [s.describe(r.source) for r in parsed.values() for s in r.skipped]
        if strict and undated:
            more = f" (and {len(undated) - 1} more)" if len(undated) > 1 else ""
            raise GraphkgError(f"{undated[0]}{more}; --strict: the store was left as it was")
        if not isinstance(store, EmbeddedStore):  # a SPARQL server: every graph, no state
            result = _full(store, parsed, problems, set())
        else:
            with store.transaction(on_wait):
                result = _update(store, parsed, set(), problems)
        result.notes = notes + result.notes
        return result


def remove(sources: Iterable[str | Path], store: EmbeddedStore, on_wait=None) -> BuildResult:
    """Take reports (by file name) out of a store: their graphs and cached copies, and whatever
    only they supported (entities, agreements, partnerships, places are resolved again)."""
    names = {Path(s).name for s in sources}
    with _no_cyclic_gc(), store.transaction(on_wait):
        if not store.exists:
            raise StoreError(f"no store at {store.directory}; run `graphkg build` first")
        held = set(store.cached_sources())
        missing = sorted(names - held)
        if missing:
            raise GraphkgError(f"store {store.directory} holds no report {', '.join(missing)} "
                               f"(it holds {len(held)}; `graphkg events` lists their sources)")  # fmt: skip
        return _update(store, {}, names, [])


def _parse(inputs, progress) -> tuple[dict[str, Report], list[str]]:
    paths, problems = unique_paths(report_paths(inputs))
    parsed: dict[str, Report] = {}
    for path in paths:
        report, problem = try_parse(path)
        if report is not None:
            parsed[report.source] = report
        else:  # try_parse gives its problem whenever it gives no report
            problems.append(problem or f"{Path(path).name} could not be parsed")
        if progress:
            progress(path)
    return parsed, problems


def _update(store: EmbeddedStore, parsed: dict[str, Report], removed: set[str],
            problems: list[str]) -> BuildResult:  # fmt: skip
    """Under the store's lock: patch the store, or rebuild it whole from the parsed and cached
    reports when its state is missing, of another build signature or of the wrong shape."""
    notes: list[str] = []
    state = _read_state(store, notes) if store.exists else None
    checkpoint("state read")
    if state and state["signature"] == build_signature():
        result = _patch(store, state, parsed, removed, problems)
    else:
        result = _full(store, parsed, problems, removed)
    result.notes = notes + result.notes
    return result


def _full(store, parsed: dict[str, Report], problems: list[str], removed: set[str]) -> BuildResult:
    # the reports already held: an embedded store's cache, or a remote store's local state
    embedded = getattr(store, "exists", False)
    given = set(parsed)
    if embedded:
        for source in store.cached_sources():
            if source not in parsed and source not in removed:
                parsed[source] = Report.model_validate_json(store.cached_report(source))
    if not parsed and not removed:
        # each file's own line first, then why nothing was built
        raise GraphkgError(
            "\n".join([*problems, "no report could be read; the store was left as it was"])
        )
    signature = build_signature()
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
    state = _state(signature, resolution, fingerprints(nodes), activity)
    quads = store.write(graphs(), reports, state)
    sent = getattr(store, "graphs_written", None)  # a remote store sends only the changed graphs
    return BuildResult(reports=len(ordered), events=sum(len(r.events) for r in ordered), problems=problems,
                       graphs=len(ordered) + len(shared) + 2 if sent is None else len(sent), quads=quads,
                       not_given=0 if removed else len(set(parsed) - given))  # fmt: skip


def _read_state(store: EmbeddedStore, notes: list[str]) -> dict | None:
    """The store's state with its facts unpacked, or None (a full rebuild from the cache) when it
    is missing or not the shape _state writes: every check a patch relies on is made here."""
    raw = store.state()
    if raw is None:
        return None
    if isinstance(raw, dict) and raw.get("version") != STATE_VERSION:
        return None  # written by another version: rebuilt whole, as for another signature
    try:
        if not isinstance(raw, dict):
            raise FactsError(f"a {type(raw).__name__}, not an object")
        if not isinstance(raw.get("signature"), str):
            raise FactsError("no signature")
        packed = raw.get("facts")
        if not isinstance(packed, dict):
            raise FactsError("no facts")
        facts = unpack_facts(packed)
        sources = [f.source for f in facts]
        ids, nodes = raw.get("agreement_ids"), raw.get("nodes")
        if len(set(sources)) != len(sources) or set(sources) != set(store.cached_sources()):
            raise FactsError("its reports are not those of the cache")
        if not isinstance(raw.get("activities"), dict) or set(raw["activities"]) != set(sources):
            raise FactsError("activities")
        if (
            not isinstance(ids, dict)
            or set(ids) != set(sources)
            or not all(isinstance(v, list) for v in ids.values())
        ):
            raise FactsError("agreement ids")
        graphs = {ENTITIES_GRAPH.value, PARTNERSHIPS_GRAPH.value}
        if (
            not isinstance(nodes, dict)
            or set(nodes) != graphs
            or not all(
                isinstance(v, dict)
                and all(isinstance(k, str) and isinstance(d, str) for k, d in v.items())
                for v in nodes.values()
            )
        ):
            raise FactsError("node fingerprints")
    except (FactsError, AttributeError, TypeError) as exc:
        notes.append(f"store {store.directory}: its build state is not of this version's shape "
                     f"({exc}); rebuilt whole from its cached reports")  # fmt: skip
        return None
    return raw | {"facts": facts}


def _duplicates(activity: dict, resolution: Resolution):
    return probable_duplicates(activity, participants_of(resolution.facts))


def _state(signature: str, resolution: Resolution, fingerprints: dict, activity: dict) -> dict:
    """What the next build needs to patch the store: every report's facts, the agreement ids
    its graph holds, a fingerprint of every node of the shared graphs, and what the duplicate
    rule reads of every event (graph/duplicates)."""
    return {
        "activities": activity,
        "version": STATE_VERSION,
        "signature": signature,
        "facts": pack_facts(resolution.facts),
        "agreement_ids": {
            source: resolution.agreement_ids(source) for source in resolution.agreements
        },
        "nodes": fingerprints,
    }


def _patch(store: EmbeddedStore, state: dict, parsed: dict[str, Report], removed: set[str],
           problems: list[str]) -> BuildResult:  # fmt: skip
    facts = {f.source: f for f in state["facts"]}
    held = set(facts)
    payloads = {source: report.model_dump_json() for source, report in parsed.items()}
    # a report equal to its cached copy changes nothing: not parsed again into the store
    fresh = {
        s: r for s, r in parsed.items() if s not in held or store.cached_report(s) != payloads[s]
    }
    activity = {s: a for s, a in state["activities"].items() if s not in removed}
    for source in removed:
        del facts[source]
    facts |= {source: report_facts(report) for source, report in fresh.items()}
    activity |= {source: activities(report) for source, report in fresh.items()}
    events = sum(len(f.events) for f in facts.values())
    not_given = 0 if removed else len(held - set(parsed))
    if not fresh and not removed:
        return BuildResult(reports=len(facts), events=events, problems=problems, graphs=0, quads=0,
                           incremental=True, unchanged=True, not_given=not_given)  # fmt: skip
    after = resolve_facts([facts[k] for k in sorted(facts)])
    changes = Changes()
    for source in removed:
        changes.graphs[report_graph_iri(source)] = []
    # a new report can change the agreement a citation in an older report points to
    was_ids = state["agreement_ids"]
    touched = set(fresh) | {
        s for s in was_ids if s in facts and s not in fresh and after.agreement_ids(s) != was_ids[s]
    }
    # and the body a short name by initials stands for (resolve/initials.py)
    touched |= short_sources(list(facts.values()))
    for source in sorted(touched):
        report = fresh.get(source) or Report.model_validate_json(store.cached_report(source))
        changes.graphs[report_graph_iri(source)] = list(report_quads(after.apply(report)))
    nodes = shared_nodes(after, _duplicates(activity, after))
    now = fingerprints(nodes)
    for graph, items in nodes.items():
        was = state["nodes"][graph.value]
        fresh_prints = now[graph.value]
        changed = sorted(
            k for k in was.keys() | fresh_prints.keys() if was.get(k) != fresh_prints.get(k)
        )
        changes.subjects[graph] = [s for k in changed if k in was for s in node_subjects(k)]
        changes.quads += [q for k in changed if k in items for q in node_quads(k, items[k], graph)]
    added, dropped = store.patch(changes, {s: payloads[s] for s in fresh},
                                 _state(state["signature"], after, now, activity), removed)  # fmt: skip
    return BuildResult(reports=len(facts), events=events, problems=problems, graphs=len(changes.graphs),
                       quads=added, removed_quads=dropped, incremental=True, not_given=not_given)  # fmt: skip
