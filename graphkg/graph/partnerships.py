"""Derived partnerships: home–foreign pairs of institutions named in one event, with the events
they share, their years, and each institution's partner counts (graph/partnerships); and the
probable duplicates (graph/duplicates), flagged here and counted once.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from pyoxigraph import Literal, NamedNode, Quad

from graphkg import tables
from graphkg.graph.duplicates import Duplicate
from graphkg.graph.quads import _event_id
from graphkg.graph.vocab import A, gk, n, typed
from graphkg.resolve.keys import BASE
from graphkg.resolve.resolver import Resolution

PARTNERSHIPS_GRAPH = NamedNode(BASE + "graph/partnerships")


def _partnerships(resolution: Resolution, duplicates: Iterable[Duplicate] = ()) -> dict[str, tuple]:
    """Home–foreign pairs of institutions named in one event: the events they share, with years;
    and for every institution in a pair, its number of partners and of events shared with them.
    A copy of a probable duplicate counts for a pair only where the pair lacks the kept event."""
    kept_of = {_event_id(*d.copy): _event_id(*d.kept) for d in duplicates}
    pairs: dict[tuple[str, str], list[tuple[str, int | None]]] = {}
    for report in resolution.facts:
        for event in report.events:
            home: set[str] = set()
            foreign: set[str] = set()
            for m in event.institutions:
                if m.country and m.role not in ("supporter", "topic"):  # only bodies taking part
                    (home if m.country == tables.home().country else foreign).add(m.iri)
            if home and foreign:
                e = _event_id(report.source, event.n)
                for h in home:
                    for f in foreign:
                        pairs.setdefault((h, f), []).append((e, event.year))
    for key, events in pairs.items():
        ids = {e for e, _ in events}
        pairs[key] = [(e, y) for e, y in events if kept_of.get(e) not in ids]
    # node IRI → its state: ("partnership", ...), ("duplicate", ...) or ("degree", ...)
    nodes: dict[str, tuple] = {
        partnership_iri(h, f): ("partnership", h, f, tuple(sorted(events)))
        for (h, f), events in pairs.items()
    }
    for d in duplicates:
        nodes[duplicate_iri(d)] = (
            "duplicate",
            _event_id(*d.kept),
            _event_id(*d.copy),
            d.evidence,
            d.status,
        )
    partners: dict[str, set[str]] = {}
    shared: dict[str, set[str]] = {}
    for (h, f), events in pairs.items():
        for i, p in ((h, f), (f, h)):
            partners.setdefault(i, set()).add(p)
            shared.setdefault(i, set()).update(e for e, _ in events)
    for i in partners:
        nodes[i] = ("degree", len(partners[i]), len(shared[i]))
    return nodes


def duplicate_iri(d: Duplicate) -> str:
    return f"{_event_id(*d.copy)}/duplicate"


def _duplicate_quads(node, kept, copy, evidence, status, g) -> Iterator[Quad]:
    yield Quad(node, A, gk("ProbableDuplicate"), g)
    yield Quad(node, gk("keptEvent"), n(kept), g)
    yield Quad(node, gk("duplicateEvent"), n(copy), g)
    yield Quad(node, gk("evidence"), Literal(evidence), g)
    yield Quad(node, gk("decision"), Literal(status), g)


def partnership_iri(home: str, foreign: str) -> str:
    """Readable and unique: the local names of the two institution IRIs."""
    return f"{BASE}partnership/{home.rsplit('/', 1)[-1]}--{foreign.rsplit('/', 1)[-1]}"


def _partnership_quads(p, home, foreign, events, g) -> Iterator[Quad]:
    yield Quad(p, A, gk("Partnership"), g)
    if len(events) > 1:
        yield Quad(p, A, gk("RepeatPartnership"), g)
    yield Quad(p, gk("home"), n(home), g)
    yield Quad(p, gk("foreign"), n(foreign), g)
    for e, _ in events:
        yield Quad(p, gk("sharedEvent"), n(e), g)
    yield Quad(p, gk("eventCount"), typed(len(events), "integer"), g)
    years = sorted(year for _, year in events if year)
    if years:
        yield Quad(p, gk("firstYear"), typed(years[0], "integer"), g)
        yield Quad(p, gk("lastYear"), typed(years[-1], "integer"), g)
        yield Quad(p, gk("yearCount"), typed(len(set(years)), "integer"), g)


def _degree_quads(i, partners, events, g) -> Iterator[Quad]:
    yield Quad(i, gk("partnerCount"), typed(partners, "integer"), g)
    yield Quad(i, gk("partnerEventCount"), typed(events, "integer"), g)
