"""Derived partnerships: home–foreign pairs of institutions named in one event, with the events
they share, their years, and each institution's partner counts (graph/partnerships).
"""

from __future__ import annotations

from collections.abc import Iterator

from pyoxigraph import NamedNode, Quad

from graphkg.graph.quads import _event_id
from graphkg.graph.vocab import A, gk, n, typed
from graphkg.resolve.keys import BASE
from graphkg.resolve.resolver import Resolution

PARTNERSHIPS_GRAPH = NamedNode(BASE + "graph/partnerships")


def _partnerships(resolution: Resolution) -> dict[str, tuple]:
    """Home–foreign pairs of institutions named in one event: the events they share, with years;
    and for every institution in a pair, its number of partners and of events shared with them."""
    pairs: dict[tuple[str, str], list[tuple[str, int | None]]] = {}
    for report in resolution.facts:
        for event in report.events:
            home, foreign = set(), set()
            for m in event.institutions:
                if m.country:
                    (home if m.country == "RU" else foreign).add(m.iri)
            if home and foreign:
                e = _event_id(report.source, event.n)
                for h in home:
                    for f in foreign:
                        pairs.setdefault((h, f), []).append((e, event.year))
    nodes = {
        partnership_iri(h, f): ("partnership", h, f, tuple(sorted(events)))
        for (h, f), events in pairs.items()
    }
    partners: dict[str, set[str]] = {}
    shared: dict[str, set[str]] = {}
    for (h, f), events in pairs.items():
        for i, p in ((h, f), (f, h)):
            partners.setdefault(i, set()).add(p)
            shared.setdefault(i, set()).update(e for e, _ in events)
    for i in partners:
        nodes[i] = ("degree", len(partners[i]), len(shared[i]))
    return nodes


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
