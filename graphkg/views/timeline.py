"""A timeline of repeat partnerships and agreements across years: one self-contained HTML page.

Each bar runs from the first to the last year of a partnership, with a dot per shared event; each
bar links to its evidence (report, row, date, title) further down the page. Every report string
is HTML-escaped.
"""

from __future__ import annotations

from html import escape

import networkx as nx

ROW, LEFT, YEAR = 22, 520, 70


def partnership_rows(graph: nx.Graph) -> list[dict]:
    rows = []
    for a, b, data in graph.edges(data=True):
        if not data["repeated"] and not data["agreements"]:
            continue
        home, foreign = (a, b) if graph.nodes[a]["side"] == "home" else (b, a)
        rows.append({
            "label": f"{graph.nodes[home]['label']} — {graph.nodes[foreign]['label']}",
            "years": data["years"], "events": data["events"], "agreements": data["agreements"],
        })  # fmt: skip
    return sorted(
        rows, key=lambda r: (r["years"][0] if r["years"] else 9999, -len(r["events"]), r["label"])
    )


def render_timeline(graph: nx.Graph, title: str) -> str:
    rows = partnership_rows(graph)
    years = sorted({y for r in rows for y in r["years"]}) or [2020]
    first, last = years[0], years[-1]
    width = LEFT + (last - first + 1) * YEAR + 20
    height = 30 + ROW * len(rows)
    x = lambda year: LEFT + (year - first) * YEAR + YEAR / 2  # noqa: E731
    svg = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" font-size="12">'
    ]
    for year in range(first, last + 1):
        svg.append(f'<text x="{x(year)}" y="14" text-anchor="middle">{year}</text>')
        svg.append(f'<line x1="{x(year)}" y1="20" x2="{x(year)}" y2="{height}" stroke="#eee"/>')
    for i, row in enumerate(rows):
        y = 30 + i * ROW
        label = row["label"] if len(row["label"]) < 80 else row["label"][:77] + "…"
        tip = "\n".join(
            f"{e['date'] or '?'} · {e['title']} · {e['report']} #{e['row']}" for e in row["events"]
        )
        svg.append(f'<a href="#p{i}"><g><title>{escape(tip)}</title>')
        svg.append(f'<text x="{LEFT - 8}" y="{y + 12}" text-anchor="end">{escape(label)}</text>')
        if row["years"]:
            colour = "#d4a017" if row["agreements"] else "#4a7ab5"
            svg.append(f'<rect x="{x(row["years"][0]) - 6}" y="{y + 3}" width="{x(row["years"][-1]) - x(row["years"][0]) + 12}" '
                       f'height="12" rx="6" fill="{colour}" opacity="0.35"/>')  # fmt: skip
            for event in row["events"]:
                if event["year"]:
                    svg.append(
                        f'<circle cx="{x(event["year"])}" cy="{y + 9}" r="4" fill="{colour}"/>'
                    )
        svg.append("</g></a>")
    svg.append("</svg>")
    evidence = []
    for i, row in enumerate(rows):
        items = "".join(
            f"<li>{escape(e['date'] or '?')} · {escape(e['title'])} · {escape(e['report'])} #{e['row']}</li>"
            for e in row["events"]
        )
        items += "".join(
            f"<li>соглашение: {escape(a['kind'])} {escape(a['date'] or '')}</li>"
            for a in row["agreements"]
        )
        evidence.append(
            f'<section id="p{i}"><h3>{escape(row["label"])}</h3><ul>{items}</ul></section>'
        )
    return (
        '<!doctype html><html lang="ru"><meta charset="utf-8">'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
        f"<title>{escape(title)}</title><style>body{{font:13px sans-serif;margin:1.5em}}h3{{font-size:13px;margin:1em 0 0}}</style>"
        f"<h1>{escape(title)}</h1><p>Синие полосы — повторные партнерства, золотые — с соглашением; точка — мероприятие. "
        f"Blue: repeat partnerships; gold: with an agreement; a dot is an event.</p>{''.join(svg)}"
        f"<h2>Основания / Evidence</h2>{''.join(evidence)}</html>"
    )


def gexf_ready(graph: nx.Graph) -> nx.Graph:
    """A copy with only scalar attributes, as GEXF and GraphML need (lists become text)."""
    out = nx.Graph()
    for node, data in graph.nodes(data=True):
        out.add_node(node, **{k: ("" if v is None else v) for k, v in data.items()})
    for a, b, data in graph.edges(data=True):
        out.add_edge(a, b, weight=data["weight"], events=len(data["events"]), agreements=len(data["agreements"]),
                     years=" ".join(map(str, data["years"])), spheres=" ".join(data["spheres"]),
                     evidence="; ".join(f"{e['report']}#{e['row']}" for e in data["events"]))  # fmt: skip
    return out
