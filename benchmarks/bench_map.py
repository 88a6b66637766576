"""Map generation and time to first render in headless Chromium, for the seeds and a synthetic graph.

    .venv/bin/python benchmarks/bench_map.py [--institutions 2000] [--partnerships 10000]

The synthetic graph has the shape the analysis produces (home and foreign institutions, edges with
events, years and spheres), seeded so two runs draw the same graph. "First render" is the time
from navigation until the layout is settled and drawn (the page sets data-settled on #graph once
vis's ForceAtlas2 iterations are done and physics is off, or at once for Python's positions), so
it includes the stabilisation an analyst would otherwise watch.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parent.parent
REGIONS = ["BY-BR", "BY-HO", "BY-HR", "BY-MA", "BY-MI", "BY-HM", "BY-VI"]


def synthetic_graph(institutions: int, partnerships: int, seed: int = 7) -> nx.Graph:
    rng = random.Random(seed)
    graph = nx.Graph()
    home = [f"h{i}" for i in range(institutions // 2)]
    foreign = [f"f{i}" for i in range(institutions - len(home))]
    for node in home:
        graph.add_node(
            node,
            label=f"Смоленское учреждение {node}",
            side="home",
            country="RU",
            region="RU-SMO",
            kind="institution",
            events=0,
        )
    for node in foreign:
        graph.add_node(
            node,
            label=f"Учреждение «{node}»",
            side="foreign",
            country="BY",
            region=rng.choice(REGIONS),
            kind="institution",
            events=0,
        )
    while graph.number_of_edges() < partnerships:
        a, b = rng.choice(home), rng.choice(foreign)
        events = [{"date": f"{y}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}", "title": f"Мероприятие {a}-{b}-{k}",
                   "report": f"r{y}.txt", "row": k, "sphere": "culture", "year": y}
                  for k, y in enumerate(sorted(rng.sample(range(2015, 2031), rng.randint(1, 3))))]  # fmt: skip
        graph.add_edge(a, b, events=events, agreements=[], years=sorted({e["year"] for e in events}),
                       spheres=["culture"], weight=len(events), repeated=len(events) >= 2)  # fmt: skip
    for node in graph.nodes:
        graph.nodes[node]["events"] = sum(
            len(d["events"]) for _, _, d in graph.edges(node, data=True)
        )
    return graph


def seeds_graph() -> nx.Graph:
    import graphkg
    from graphkg.graph.store import EmbeddedStore
    from graphkg.views.network import partnership_graph

    with tempfile.TemporaryDirectory() as tmp:
        store = EmbeddedStore(Path(tmp) / "store")
        graphkg.build([ROOT / "data" / "raw"], store)
        return partnership_graph(store)


def first_render_ms(path: Path) -> float:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium",
                                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])  # fmt: skip
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        start = time.perf_counter()
        page.goto(path.as_uri())
        page.wait_for_function(
            "() => document.getElementById('graph').dataset.settled === '1'", timeout=300_000
        )
        elapsed = (time.perf_counter() - start) * 1000
        browser.close()
    return elapsed


def measure(name: str, graph: nx.Graph, layout: str = "force") -> str:
    from graphkg.views.map import render_map

    start = time.perf_counter()
    html = render_map(graph, name, layout)
    generate = (time.perf_counter() - start) * 1000
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "map.html"
        path.write_text(html, encoding="utf-8")
        render = first_render_ms(path)
    size = len(html.encode("utf-8")) / 2**20
    return f"| {name} | {graph.number_of_nodes()} | {graph.number_of_edges()} | {generate:.0f} | {size:.1f} | {render:.0f} |"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--institutions", type=int, default=2000)
    parser.add_argument("--partnerships", type=int, default=10000)
    args = parser.parse_args()
    print("| graph | nodes | edges | generation (ms) | HTML (MB) | first render in Chromium (ms) |")
    print("|---|---|---|---|---|---|")
    seeds = seeds_graph()
    print(measure("seeds", seeds), flush=True)
    print(measure("seeds, --layout geo", seeds, "geo"), flush=True)
    print(measure("synthetic", synthetic_graph(args.institutions, args.partnerships)), flush=True)


if __name__ == "__main__":
    main()
