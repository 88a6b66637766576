"""The interactive partnership map: one self-contained HTML file, no network needed.

pyvis holds the nodes and edges; our template (viz/map.html) renders them with vis-network's own
script and style inlined from the pyvis package, so nothing is fetched from a CDN. The layout is
computed here (force-directed with a fixed seed, or geographic from the gazetteer) and physics is
off above a few hundred nodes. Report strings reach the page only as JSON text that the page's
script puts into the DOM with textContent, so nothing a report says can become markup.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import networkx as nx

from graphkg import resources
from graphkg.tables import home, places

PHYSICS_LIMIT = 300
HOME_COLOUR = "#c0392b"
PALETTE = {  # by Belarusian region, then by country
    "BY-BR": "#1f77b4", "BY-HO": "#2ca02c", "BY-HR": "#9467bd", "BY-MA": "#8c564b",
    "BY-MI": "#17becf", "BY-HM": "#7f7f7f", "BY-VI": "#ff7f0e", "BY": "#bcbd22",
}  # fmt: skip
OTHER_COLOURS = [
    "#e377c2",
    "#393b79",
    "#637939",
    "#8c6d31",
    "#843c39",
    "#7b4173",
    "#3182bd",
    "#31a354",
]


def colour_key(node: dict) -> str:
    if node["side"] == "home":
        return home().country
    region = node.get("region") or ""
    if region.startswith("BY-"):
        return region
    return node.get("country") or "?"


def colour(key: str) -> str:
    if key == home().country:
        return HOME_COLOUR
    if key in PALETTE:
        return PALETTE[key]
    return OTHER_COLOURS[sum(map(ord, key)) % len(OTHER_COLOURS)]


def _vis_assets() -> tuple[str, str]:
    import pyvis

    lib = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
    return (lib / "vis-network.min.js").read_text(encoding="utf-8"), (
        lib / "vis-network.css"
    ).read_text(encoding="utf-8")


def layout(graph: nx.Graph, kind: str = "force") -> dict[str, tuple[float, float]]:
    if graph.number_of_nodes() == 0:
        return {}
    if kind == "geo":
        return _geo_layout(graph)
    # Fruchterman-Reingold costs ~0.23 s an iteration at 2,000 nodes and 10,000 edges (numpy):
    # large graphs, drawn without physics, get fewer iterations.
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


def _geo_layout(graph: nx.Graph) -> dict[str, tuple[float, float]]:
    """Nodes at their region's coordinates (home ones at Smolensk), spread on a small circle."""
    anchors = {}
    for place in places().values():
        if place.lat is None:
            continue
        key = place.region if place.kind in ("region",) or place.region == "BY-HM" else None
        if key and key not in anchors:
            anchors[key] = (place.lon, place.lat)
    smolensk = anchors.get(home().region, (32.05, 54.78))
    groups: dict[tuple[float, float], list[str]] = {}
    for node, data in graph.nodes(data=True):
        anchor = smolensk if data["side"] == "home" else anchors.get(data.get("region") or "")
        if anchor is None:
            anchor = (smolensk[0] + 6, smolensk[1] - 4)  # other countries: a corner of the map
        groups.setdefault(anchor, []).append(node)
    positions = {}
    for (lon, lat), members in groups.items():
        for i, node in enumerate(sorted(members)):
            angle = 2 * math.pi * i / max(len(members), 1)
            radius = 0.08 * math.sqrt(len(members))
            x, y = lon + radius * math.cos(angle), lat + radius * math.sin(angle)
            positions[node] = (x * 400, -y * 650)
    return positions


def build_network(graph: nx.Graph, layout_kind: str = "force"):
    from pyvis.network import Network

    # directed=True only to skip pyvis's duplicate-edge scan, which is quadratic for undirected
    # networks (10,000 edges: 14 s); networkx edges are unique already, and arrows stay off.
    net = Network(height="100%", width="100%", directed=True, cdn_resources="local")
    positions = layout(graph, layout_kind)
    for node, data in graph.nodes(data=True):
        key = colour_key(data)
        x, y = positions.get(node, (0.0, 0.0))
        net.add_node(
            node, label=data["label"], x=x, y=y, color=colour(key), size=8 + 4 * math.sqrt(data["events"]),
            shape="dot" if data["kind"] == "institution" else "diamond",
            group_key=key, side=data["side"], country=data.get("country"), region=data.get("region"), kind=data["kind"],
            events=data["events"],
        )  # fmt: skip
    for a, b, data in graph.edges(data=True):
        net.add_edge(
            a, b, width=1 + 1.5 * math.log2(1 + data["weight"]), weight=data["weight"],
            years=data["years"], spheres=data["spheres"], events=data["events"], agreements=data["agreements"],
            dashes=bool(data["agreements"]), color="#d4a017" if data["agreements"] else "#9aa5b1",
            arrows={"to": {"enabled": False}},
        )  # fmt: skip
    net.toggle_physics(graph.number_of_nodes() <= PHYSICS_LIMIT and layout_kind == "force")
    return net


def render_map(
    graph: nx.Graph, title: str, layout_kind: str = "force", spheres: dict[str, str] | None = None
) -> str:
    """The HTML page: our template, vis-network inlined, the graph as JSON text."""
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    net = build_network(graph, layout_kind)
    nodes, edges, _, _, _, _ = net.get_network_data()
    years = sorted({y for _, _, d in graph.edges(data=True) for y in d["years"]})
    legend = sorted({(n["group_key"], n["color"]) for n in nodes})
    payload = {
        "nodes": nodes,
        "edges": edges,
        "physics": graph.number_of_nodes() <= PHYSICS_LIMIT and layout_kind == "force",
        "years": [years[0], years[-1]] if years else [],
        "spheres": spheres or {},
        "legend": legend,
    }
    script, style = _vis_assets()
    env = Environment(
        loader=FileSystemLoader(resources.folder("viz")), autoescape=select_autoescape(["html"])
    )
    template = env.get_template("map.html")
    return template.render(
        title=title, data_json=safe_json(payload), vis_script=script, vis_style=style
    )


def safe_json(value) -> str:
    """JSON that cannot end its <script> element: "<", ">" and "&" are written as \\u escapes."""
    text = json.dumps(value, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
