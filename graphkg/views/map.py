"""The interactive partnership map: one self-contained HTML file, no network needed.

Our template (viz/map.html) draws the graph with vis-network's own script and style, inlined from
the pyvis package, so nothing is fetched from a CDN. Positions are computed here (force-directed with
a fixed seed, or geographic from the places' coordinates over the regions' outlines) and the page
draws them with physics off: the first view is the settled one and nothing moves under a click.
Report strings reach the page only as JSON text that the page's script puts into the DOM with
textContent (or draws on the canvas), so nothing a report says can become markup.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from pathlib import Path

import networkx as nx

from graphkg import resources
from graphkg.namespaces import NAMESPACES
from graphkg.tables import places
from graphkg.views.legend import HOME, SHAPE, SHAPES, boundaries, colour_key, colours, legend, names

# geographic projection: lon, lat -> canvas units (x shrunk by cos 52°, so the map is not stretched)
X_SCALE, Y_SCALE = 200.0, 325.0
PHYSICS_LIMIT = 300  # nodes: above this the page draws Python's positions as they are
_FORM = re.compile(r"^(?:[А-ЯЁ]{2,8}(?: ДО| ВО)?)\s+(?=[«\"А-ЯЁ])")


def _vis_assets() -> tuple[str, str]:
    import pyvis

    lib = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
    return (lib / "vis-network.min.js").read_text(encoding="utf-8"), (
        lib / "vis-network.css"
    ).read_text(encoding="utf-8")


def fold(text: str) -> str:
    """The search key: lower case, ё as е (the reports write both)."""
    return text.lower().replace("ё", "е")


def short_label(label: str, limit: int = 42) -> str:
    """A canvas label: the legal form and quotes dropped, cut at a word with an ellipsis."""
    text = _FORM.sub("", label).replace("«", "").replace("»", "").replace('"', "")
    if len(text) <= limit:
        return text
    cut = text[: limit + 1].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
    return cut.rstrip(" ,.;:—-") + "…"


def layout(graph: nx.Graph, kind: str = "force") -> dict[str, tuple[float, float]]:
    if graph.number_of_nodes() == 0:
        return {}
    if kind == "geo":
        return _geo_layout(graph)
    # Fruchterman-Reingold costs ~0.23 s an iteration at 2,000 nodes and 10,000 edges (numpy):
    # large graphs get fewer iterations. Up to PHYSICS_LIMIT nodes this is only the start: the page
    # runs vis's ForceAtlas2 before its first draw and then turns physics off (see map.js).
    iterations = 50 if graph.number_of_nodes() <= PHYSICS_LIMIT else 20
    positions = nx.spring_layout(
        graph,
        seed=42,
        weight="weight",
        k=1.5 / math.sqrt(graph.number_of_nodes()),
        method="force",
        iterations=iterations,
    )
    scale = 60 * math.sqrt(graph.number_of_nodes())
    return {n: (float(x) * scale, float(y) * scale) for n, (x, y) in positions.items()}


def _project(lon: float, lat: float) -> tuple[float, float]:
    return lon * X_SCALE, -lat * Y_SCALE


def _anchors() -> dict[str, tuple[float, float]]:
    """Region code -> (lon, lat): the gazetteer's region centre, else the boundary file's label point."""
    out = {}
    for feature in boundaries()["features"]:
        out[feature["properties"]["iso"]] = (
            feature["properties"]["lon"],
            feature["properties"]["lat"],
        )
    for place in places().values():
        if place.kind == "region" and place.region and place.lat is not None:
            out[place.region] = (place.lon, place.lat)
    return out


def _home_place(graph: nx.Graph, node: str, home: bool) -> tuple[float, float] | None:
    """The commonest place with coordinates among the node's events, on the node's own side."""
    region = graph.nodes[node].get("region")
    found: Counter = Counter()
    for _, _, data in graph.edges(node, data=True):
        for event in data["events"]:
            for place in event.get("places", []):
                if place["lat"] is None:
                    continue
                inside = (
                    place["region"] == "RU-SMO" if home else place["region"] not in (None, "RU-SMO")
                )
                if inside and (home or not region or place["region"] == region):
                    found[(place["lon"], place["lat"])] += 1
    return found.most_common(1)[0][0] if found else None


def _geo_layout(graph: nx.Graph) -> dict[str, tuple[float, float]]:
    """Each node at its events' commonest place on its side (else its region's centre); countries
    other than Belarus in a column east of the map. Nodes sharing a point spread on a sunflower."""
    anchors = _anchors()
    smolensk = (32.05, 54.78)
    groups: dict[tuple[float, float], list[str]] = {}
    countries_out = sorted(
        (n for n, d in graph.nodes(data=True) if d["side"] != "home" and d.get("country") not in ("BY", None)
         and not (d.get("region") or "").startswith("BY")),
        key=lambda n: graph.nodes[n]["label"],
    )  # fmt: skip
    positions = {}
    for i, node in enumerate(countries_out):
        positions[node] = _project(35.6 + 1.6 * (i // 14), 56.2 - 0.3 * (i % 14))
    for node, data in graph.nodes(data=True):
        if node in positions:
            continue
        home = data["side"] == "home"
        point = None if data["kind"] != "institution" else _home_place(graph, node, home)
        if point is None:
            point = smolensk if home else anchors.get(data.get("region") or "", (27.9, 53.7))
        groups.setdefault(point, []).append(node)
    for (lon, lat), members in groups.items():
        cx, cy = _project(lon, lat)
        members.sort(key=lambda n: (-graph.nodes[n]["events"], graph.nodes[n]["label"]))
        for i, node in enumerate(members):  # Vogel's sunflower: even spacing, biggest in the middle
            r, angle = 13 * math.sqrt(i), i * 2.39996
            positions[node] = (cx + r * math.cos(angle), cy + r * math.sin(angle))
    return positions


def outlines() -> list[dict]:
    """The regions' rings in canvas units, with names and label points, for the geo layout."""
    known = names()
    out = []
    for feature in boundaries()["features"]:
        p, geometry = feature["properties"], feature["geometry"]
        polygons = (
            geometry["coordinates"]
            if geometry["type"] == "MultiPolygon"
            else [geometry["coordinates"]]
        )
        rings = [
            [_project(lon, lat) for lon, lat in ring] for polygon in polygons for ring in polygon
        ]
        ru, en = known.get(p["iso"], (p["name_ru"], p["name_en"]))
        out.append({"iso": p["iso"], "ru": ru, "en": en, "label": _project(p["lon"], p["lat"]),
                    "rings": [[[round(x, 1), round(y, 1)] for x, y in ring] for ring in rings]})  # fmt: skip
    return out


def _search_text(graph: nx.Graph, node: str, data: dict) -> dict:
    """What a search may match on a node: its names, its region and country, its events' places."""
    known = names()
    key = colour_key(data)
    where = [*known.get(key, ("", "")), *known.get(data.get("country") or "", ("", ""))]
    if data.get("region"):
        where += list(known.get(data["region"], ("", "")))
    spots = sorted({p["name"] for _, _, d in graph.edges(node, data=True) for e in d["events"]
                    for p in e.get("places", [])})  # fmt: skip
    names_ = [data["label"], *(step["label"] for step in data.get("lineage", []))]
    return {"names": fold(" | ".join(names_)), "where": fold(" | ".join(w for w in where if w)),
            "places": spots}  # fmt: skip


def payload(
    graph: nx.Graph,
    layout_kind: str = "force",
    spheres: dict[str, str] | None = None,
    entity_base: str | None = None,
) -> dict:
    """Everything the page draws, as JSON-ready data (the workbench may serve it as it is).
    entity_base: the path entity pages are served under ("/id/"), given only by the server: a
    file written by `graphkg map` has no server behind it, so it shows IRIs as text instead of
    links that would point at nothing."""
    positions = layout(graph, layout_kind)
    palette = colours({colour_key(d) for _, d in graph.nodes(data=True)})
    nodes = []
    for node, data in sorted(graph.nodes(data=True)):
        key = colour_key(data)
        x, y = positions.get(node, (0.0, 0.0))
        search = _search_text(graph, node, data)
        nodes.append({
            "id": node, "label": data["label"], "short": short_label(data["label"]),
            "x": round(x, 1), "y": round(y, 1), "color": palette[key], "key": key,
            "shape": SHAPE.get(data["kind"], "dot"), "size": round(7 + 3.5 * math.sqrt(data["events"]), 1),
            "side": data["side"], "kind": data["kind"], "country": data.get("country"),
            "region": data.get("region"), "events": data["events"], "degree": graph.degree(node),
            "lineage": data.get("lineage", []), "search": search["names"], "where": search["where"],
            "places": search["places"], "placesKey": fold(" | ".join(search["places"])),
        })  # fmt: skip
    edges = []
    for i, (a, b, data) in enumerate(sorted(graph.edges(data=True), key=lambda e: (e[0], e[1]))):
        home, foreign = (a, b) if graph.nodes[a]["side"] == "home" else (b, a)
        edges.append({
            "id": f"e{i}", "from": home, "to": foreign, "weight": data["weight"], "years": data["years"],
            "spheres": data["spheres"], "agreements": data["agreements"],
            "events": [{k: v for k, v in e.items() if k != "places"} | {"places": [p["name"] for p in e.get("places", [])],
                        "placeIds": [p.get("id") for p in e.get("places", [])]} for e in data["events"]],
        })  # fmt: skip
    years = sorted({y for e in edges for y in e["years"]})
    present = Counter(s for e in edges for ev in e["events"] for s in [ev["sphere"]] if s)
    labels = spheres or {}
    return {
        "nodes": nodes,
        "edges": edges,
        "years": [years[0], years[-1]] if years else [],
        "spheres": [
            {"id": s, "label": labels.get(s, s), "count": n} for s, n in sorted(present.items())
        ],
        "legend": legend(nodes),
        "shapes": [{"shape": s, "ru": ru, "en": en} for s, ru, en in SHAPES],
        "regions": [r for r in legend(nodes) if r["key"] != HOME],
        "outlines": outlines() if layout_kind == "geo" else [],
        "layout": layout_kind,
        "physics": layout_kind == "force" and graph.number_of_nodes() <= PHYSICS_LIMIT,
        "idBase": NAMESPACES["id"],
        "entityBase": entity_base,
    }


def render_map(
    graph: nx.Graph,
    title: str,
    layout_kind: str = "force",
    spheres: dict[str, str] | None = None,
    entity_base: str | None = None,
) -> str:
    """The HTML page: our template, vis-network inlined, the graph as JSON text; entity_base as
    in payload()."""
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    script, style = _vis_assets()
    env = Environment(
        loader=FileSystemLoader(resources.folder("viz")), autoescape=select_autoescape(["html"])
    )
    template = env.get_template("map.html")
    return template.render(
        title=title,
        data_json=safe_json(payload(graph, layout_kind, spheres, entity_base)),
        vis_script=script,
        vis_style=style,
        map_script=(resources.folder("viz") / "map.js").read_text(encoding="utf-8"),
    )


def safe_json(value) -> str:
    """JSON that cannot end its <script> element: "<", ">" and "&" are written as \\u escapes."""
    text = json.dumps(value, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
