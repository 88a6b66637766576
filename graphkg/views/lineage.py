"""Renamed bodies on the map and the timeline: a lineage is the chain of bodies an org:ChangeEvent
links (Администрация → Правительство Смоленской области). The store keeps them two entities, as
the reports name them; a view may draw one node (or one row) per lineage, with the names and the
date each name was last and first seen, so the rename is visible rather than merged away.
"""

from __future__ import annotations

import networkx as nx

from graphkg.graph.query import PREFIXES

_CHANGES = (
    PREFIXES
    + """
SELECT ?old ?new ?date ?before ?after WHERE { GRAPH ?g {
  ?c a org:ChangeEvent ; org:originalOrganization ?old ; org:resultingOrganization ?new .
  OPTIONAL { ?c gk:changeDate ?date }
  OPTIONAL { ?c gk:notBefore ?before }
  OPTIONAL { ?c gk:notAfter ?after }
} }
"""
)


def renames(store) -> list[tuple[str, str, str | None]]:
    """(predecessor, successor, date or None) for each org:ChangeEvent in the store."""
    return sorted({(r["old"], r["new"], r.get("date")) for r in store.query(_CHANGES)[1]})


def rename_bounds(store) -> dict[tuple[str, str], tuple[str | None, str | None]]:
    """(predecessor, successor) -> (not before, not after): the last report row under the old
    name and the first under the new one, where the build recorded them (gk:notBefore/notAfter)."""
    return {
        (r["old"], r["new"]): (r.get("before"), r.get("after")) for r in store.query(_CHANGES)[1]
    }


def lineage_of(changes: list[tuple[str, str, str | None]]) -> dict[str, list[str]]:
    """Each body -> its whole chain, oldest first (the last body names the lineage)."""
    successor = {old: new for old, new, _ in changes}
    predecessor = {new: old for old, new, _ in changes}
    out: dict[str, list[str]] = {}
    for body in set(successor) | set(predecessor):
        first = body
        while first in predecessor and predecessor[first] != body:
            first = predecessor[first]
        chain = [first]
        while chain[-1] in successor and successor[chain[-1]] not in chain:
            chain.append(successor[chain[-1]])
        out[body] = chain
    return out


def _first_last(graph: nx.Graph, node: str) -> tuple[str | None, str | None]:
    dates = sorted(
        e["date"] for _, _, d in graph.edges(node, data=True) for e in d["events"] if e["date"]
    )
    return (dates[0], dates[-1]) if dates else (None, None)


def merge_lineages(
    graph: nx.Graph, changes: list[tuple[str, str, str | None]], bounds: dict | None = None
) -> nx.Graph:
    """A copy where every lineage present is one node under its latest body's id and name; the node
    keeps `lineage`: each name with the first and last date of its own events, the rename date
    (gk:changeDate, a sourced one) and the bounds the reports give (gk:notBefore/notAfter)."""
    out = graph.copy()
    dates = {(old, new): date for old, new, date in changes}
    for chain in {tuple(c) for c in lineage_of(changes).values()}:
        present = [b for b in chain if b in out]
        if len(present) < 2:
            continue
        keep = present[-1]
        lineage = []
        for i, body in enumerate(present):
            first, last = _first_last(graph, body)
            step = (body, present[i + 1]) if i + 1 < len(present) else None
            renamed = dates.get(step) if step else None
            between = (bounds or {}).get(step, (None, None)) if step else (None, None)
            lineage.append({"id": body, "label": graph.nodes[body]["label"], "first": first, "last": last,
                            "renamed_on": renamed, "not_before": between[0], "not_after": between[1]})  # fmt: skip
        for body in present[:-1]:
            for _, partner, data in list(out.edges(body, data=True)):
                if out.has_edge(keep, partner):
                    _join(out.edges[keep, partner], data)
                else:
                    out.add_edge(
                        keep,
                        partner,
                        **{k: (list(v) if isinstance(v, list) else v) for k, v in data.items()},
                    )
            out.remove_node(body)
        node = out.nodes[keep]
        node["lineage"] = lineage
        node["events"] = len(
            {(e["report"], e["row"]) for _, _, d in out.edges(keep, data=True) for e in d["events"]}
        )
    return out


def _join(into: dict, data: dict) -> None:
    seen = {(e["report"], e["row"]) for e in into["events"]}
    into["events"] = sorted(into["events"] + [e for e in data["events"] if (e["report"], e["row"]) not in seen],
                            key=lambda e: (e["date"] or "", e["report"], e["row"]))  # fmt: skip
    into["agreements"] = into["agreements"] + [
        a for a in data["agreements"] if a not in into["agreements"]
    ]
    into["years"] = sorted(set(into["years"]) | set(data["years"]))
    into["spheres"] = sorted(set(into["spheres"]) | set(data["spheres"]))
    into["weight"] = len(into["events"]) + len(into["agreements"])
    into["repeated"] = len(into["events"]) >= 2 or len(into["years"]) >= 2
