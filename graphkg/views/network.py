"""The partnership graph, built from the store by SPARQL, and what networkx says about it.

Two institutions partner in an event when both take part and they are on different sides (a
Smolensk/Russian one and a foreign one); an agreement's parties partner explicitly. Where an event
names no foreign institution, the counterpart is the Belarusian region or the country it involves.
Edge weight = shared events + shared agreements; "repeated" = two events or two different years.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace

import networkx as nx

from graphkg.graph.params import concept, sphere_family
from graphkg.graph.vocab import PREFIXES

# the home–foreign pairs are the gk:Partnership nodes the build derived (graph/partnerships)
_PAIRS = (
    PREFIXES
    + """
SELECT ?e ?h ?f ?start ?title ?report ?row ?sphere WHERE {
  GRAPH graph:partnerships { ?x a gk:Partnership ; gk:home ?h ; gk:foreign ?f ; gk:sharedEvent ?e . }
  GRAPH ?g { ?e schema:name ?title ; gk:rowNumber ?row ; prov:wasDerivedFrom ?r . ?r schema:name ?report .
             OPTIONAL { ?e schema:startDate ?start } }
  OPTIONAL { GRAPH ?gs { ?e gk:sphere ?s } GRAPH graph:vocabulary { ?s skos:notation ?sphere } }
}
"""
)
_COUNTERPARTS = (
    PREFIXES
    + """
SELECT ?e ?h ?c ?start ?title ?report ?row ?sphere WHERE {
  GRAPH ?g {
    ?e gk:participant ?h ; schema:name ?title ; gk:rowNumber ?row ; prov:wasDerivedFrom ?r . ?r schema:name ?report .
    { ?e gk:involvesRegion ?c } UNION { ?e gk:involvesCountry ?c . MINUS { ?e gk:involvesRegion ?any } }
    OPTIONAL { ?e schema:startDate ?start }
  }
  GRAPH graph:entities { ?h gk:side "home" . }
  # MINUS: evaluated once, not per event
  MINUS { GRAPH ?g2 { ?e gk:participant ?f } GRAPH graph:entities { ?f gk:side "foreign" } }
  # the event's sphere and its notation in one OPTIONAL: apart, an event with no sphere (a prose
  # report) joined every notation of the vocabulary, and a sphere filter let it through
  OPTIONAL { GRAPH ?gs { ?e gk:sphere ?s } GRAPH graph:vocabulary { ?s skos:notation ?sphere } }
}
"""
)
_NODES = (
    PREFIXES
    + """
SELECT ?i ?label ?side ?country ?region ?kind WHERE {
  { GRAPH graph:entities { ?i a gk:Institution ; skos:prefLabel ?label . OPTIONAL { ?i gk:side ?side }
      OPTIONAL { ?i gk:country ?ci } OPTIONAL { ?i gk:region ?ri } }
    OPTIONAL { GRAPH graph:vocabulary { ?ci skos:notation ?country } }
    OPTIONAL { GRAPH graph:vocabulary { ?ri skos:notation ?region } }
    BIND("institution" AS ?kind) }
  UNION { GRAPH graph:vocabulary { ?i a gk:Region ; skos:notation ?region ; skos:prefLabel ?label . } BIND("foreign" AS ?side) BIND("BY" AS ?country) BIND("region" AS ?kind) }
  UNION { GRAPH graph:vocabulary { ?i a gk:Country ; skos:notation ?country ; skos:prefLabel ?label . } FILTER(LANG(?label) = "ru") BIND("foreign" AS ?side) BIND("country" AS ?kind) }
}
"""
)
_AGREEMENTS = (
    PREFIXES
    + """
SELECT ?a ?kind ?h ?f ?date WHERE {
  GRAPH graph:entities {
    ?a a gk:Agreement ; rdfs:label ?kind ; gk:party ?h , ?f .
    ?h gk:side "home" . ?f gk:side "foreign" .
    OPTIONAL { ?a gk:signedOn ?date }
  }
}
"""
)


@dataclass(frozen=True)
class Filters:
    year_from: int | None = None
    year_to: int | None = None
    sphere: str | None = None
    region: str | None = None  # ISO 3166-2:BY code
    # the sphere and those under it (params.sphere_family), filled by partnership_graph
    within: frozenset[str] | None = None

    def keep(self, year: int | None, sphere: str | None, regions: set[str]) -> bool:
        if self.year_from and (year is None or year < self.year_from):
            return False
        if self.year_to and (year is None or year > self.year_to):
            return False
        if self.sphere and sphere not in (self.within or {self.sphere}):
            return False
        return not (self.region and self.region not in regions)

    def keep_partner(self, partner: dict) -> bool:
        """Under a region filter, a foreign body known to sit in another region goes, whatever
        event or agreement brought it in (a Gomel committee at a Vitebsk forum is not Vitebsk)."""
        region = partner.get("region")
        if not self.region or partner.get("side") == "home":
            return True
        if partner.get("kind") == "country":
            return False
        return region is None or region == self.region

    def keep_agreement(self, year: int | None, partner: dict) -> bool:
        """An agreement has no sphere and no event: a sphere filter drops it, a year filter keeps
        it when signed in the years (undated: it cannot be said to be), a region filter when its
        foreign party is there."""
        if self.sphere:
            return False
        if (self.year_from or self.year_to) and (year is None or not self.keep(year, None, set())):
            return False
        return not (self.region and partner.get("region") != self.region)


def partnership_graph(store, filters: Filters | None = None) -> nx.Graph:
    """Nodes: institutions, and regions/countries standing in for unnamed counterparts.
    Edges: home–foreign pairs with their shared events, years, spheres and agreements."""
    filters = filters or Filters()
    # a region or sphere the store does not know is an error naming the known ones, not an
    # empty map
    if filters.region:
        concept(store.query, filters.region, "region")
    if filters.sphere:
        filters = replace(filters, within=sphere_family(store.query, filters.sphere))
    graph = nx.Graph()
    # nodes and edges go in sorted, so the graph (and Louvain, which follows insertion order) does
    # not depend on the order a store returns its rows in
    for row in sorted(store.query(_NODES)[1], key=lambda r: r["i"]):
        graph.add_node(row["i"], label=row["label"], side=row["side"] or "home", country=row["country"],
                       region=row["region"], kind=row["kind"], events=0)  # fmt: skip
    event_regions = _event_regions(store)
    event_places = _event_places(store)
    nodes = graph.nodes
    edges: dict[tuple[str, str], dict] = defaultdict(lambda: {"events": {}, "agreements": {}})
    for query in (_PAIRS, _COUNTERPARTS):
        for row in store.query(query)[1]:
            foreign = row.get("f") or row.get("c")
            year = int(row["start"][:4]) if row["start"] else None
            regions = event_regions.get(row["e"], set())
            if not filters.keep(year, row["sphere"], regions):
                continue
            if foreign in nodes and not filters.keep_partner(nodes[foreign]):
                continue
            edge = edges[(row["h"], foreign)]
            edge["events"][row["e"]] = {
                "id": row["e"], "date": row["start"], "title": row["title"], "report": row["report"], "row": row["row"],
                "sphere": row["sphere"], "year": year, "places": event_places.get(row["e"], []),
            }  # fmt: skip
    for row in store.query(_AGREEMENTS)[1]:
        year = int(row["date"][:4]) if row["date"] else None
        if not filters.keep_agreement(year, nodes.get(row["f"], {})):
            continue
        edges[(row["h"], row["f"])]["agreements"][row["a"]] = {
            "id": row["a"],
            "kind": row["kind"],
            "date": row["date"],
        }
    for (home, foreign), data in sorted(edges.items()):
        events = sorted(
            data["events"].values(), key=lambda e: (e["date"] or "", e["report"], e["row"])
        )
        agreements = sorted(data["agreements"].values(), key=lambda a: (a["date"] or "", a["kind"]))
        years = sorted(
            {e["year"] for e in events if e["year"]}
            | {int(a["date"][:4]) for a in agreements if a["date"]}
        )
        graph.add_edge(home, foreign, events=events, agreements=agreements, years=years,
                       spheres=sorted({e["sphere"] for e in events if e["sphere"]}),
                       weight=len(events) + len(agreements),
                       repeated=len(events) >= 2 or len(years) >= 2)  # fmt: skip
    for node in graph.nodes:
        graph.nodes[node]["events"] = len(
            {e for _, _, d in graph.edges(node, data=True) for e in _event_keys(d)}
        )
    graph.remove_nodes_from([n for n in list(graph.nodes) if graph.degree(n) == 0])
    return graph


def _event_keys(data: dict) -> set[tuple]:
    return {(e["report"], e["row"]) for e in data["events"]}


def _event_regions(store) -> dict[str, set[str]]:
    query = (
        PREFIXES
        + "SELECT ?e ?code WHERE { GRAPH ?g { ?e gk:involvesRegion ?r } GRAPH graph:vocabulary { ?r skos:notation ?code } }"
    )
    regions: dict[str, set[str]] = defaultdict(set)
    for row in store.query(query)[1]:
        regions[row["e"]].add(row["code"])
    return regions


def _event_places(store) -> dict[str, list[dict]]:
    """Each event's places with their coordinates: the map searches and places nodes by them."""
    # GRAPH patterns: the store need not offer the union of its graphs as the default graph
    query = (
        PREFIXES
        + """SELECT ?e ?p ?name ?lat ?lon ?region WHERE {
      GRAPH ?g { ?e schema:location ?p }
      GRAPH ?h { ?p schema:name ?name .
        OPTIONAL { ?p geo:lat ?lat ; geo:long ?lon }
        OPTIONAL { ?p gk:region ?r } }
      OPTIONAL { GRAPH ?v { ?r skos:notation ?region } } }"""
    )
    places: dict[str, list[dict]] = defaultdict(list)
    for row in sorted(store.query(query)[1], key=lambda r: (r["e"], r["name"])):
        places[row["e"]].append({
            "id": row["p"], "name": row["name"], "region": row.get("region"),
            "lat": float(row["lat"]) if row.get("lat") else None,
            "lon": float(row["lon"]) if row.get("lon") else None,
        })  # fmt: skip
    return places


def repeat_partners(graph: nx.Graph, min_events: int = 2) -> list[dict]:
    """Repeated partnerships between institutions, strongest first, with their evidence."""
    out = []
    for a, b, data in graph.edges(data=True):
        if graph.nodes[a]["kind"] != "institution" or graph.nodes[b]["kind"] != "institution":
            continue
        if len(data["events"]) >= min_events or len(data["years"]) >= 2:
            home, foreign = (a, b) if graph.nodes[a]["side"] == "home" else (b, a)
            out.append({
                "home": graph.nodes[home]["label"], "foreign": graph.nodes[foreign]["label"],
                "events": len(data["events"]), "agreements": len(data["agreements"]),
                "first_year": data["years"][0] if data["years"] else None,
                "last_year": data["years"][-1] if data["years"] else None,
                "evidence": "; ".join(f"{e['report']}#{e['row']} {e['date'] or ''}" for e in data["events"]),
            })  # fmt: skip
    return sorted(out, key=lambda r: (-r["events"], -r["agreements"], r["home"], r["foreign"]))


def centrality(graph: nx.Graph) -> dict[str, dict[str, float]]:
    betweenness = nx.betweenness_centrality(graph, weight=None)
    degree = nx.degree_centrality(graph)
    return {n: {"degree": degree[n], "betweenness": betweenness[n]} for n in graph.nodes}


def communities(graph: nx.Graph, seed: int = 42) -> list[set[str]]:
    """Louvain communities (networkx), deterministic for a seed."""
    if graph.number_of_edges() == 0:
        return [{n} for n in graph.nodes]
    return sorted(
        nx.community.louvain_communities(graph, weight="weight", seed=seed), key=len, reverse=True
    )


def bridges(graph: nx.Graph) -> list[tuple[str, list[str]]]:
    """Home institutions whose partners lie in two or more Belarusian regions."""
    out = []
    for node, data in graph.nodes(data=True):
        if data["side"] != "home":
            continue
        regions = sorted(
            {
                graph.nodes[m]["region"]
                for m in graph.neighbors(node)
                if (graph.nodes[m]["region"] or "").startswith("BY-")
            }
        )
        if len(regions) >= 2:
            out.append((data["label"], regions))
    return sorted(out, key=lambda x: (-len(x[1]), x[0]))


def network_summary(graph: nx.Graph, top: int = 10) -> dict:
    """What an analyst asks of the network first: who is central, which groups, who bridges."""
    scores = centrality(graph)
    label = lambda n: graph.nodes[n]["label"]  # noqa: E731
    ranked = sorted(
        graph.nodes, key=lambda n: (-scores[n]["betweenness"], -scores[n]["degree"], label(n))
    )
    groups = communities(graph)
    return {
        "nodes": graph.number_of_nodes(),
        "edges": graph.number_of_edges(),
        "central": [
            {
                "institution": label(n),
                "degree": round(scores[n]["degree"], 4),
                "betweenness": round(scores[n]["betweenness"], 4),
            }
            for n in ranked[:top]
        ],
        "communities": [
            sorted(label(n) for n in group)[:5]
            + ([f"… {len(group) - 5}"] if len(group) > 5 else [])
            for group in groups[:top]
        ],
        "community_sizes": [len(group) for group in groups],
        "bridges": [{"institution": name, "regions": regions} for name, regions in bridges(graph)],
    }
