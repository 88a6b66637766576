"""A timeline of repeat partnerships and agreements across years: one self-contained HTML page.

One row per partnership (a renamed body's lineage is one row, the rename marked at its date): the
full names wrap beside the bars, never cut; each year shows its count of shared events; years no
report covers are shaded and labelled so, since no report is not no cooperation. A search box and
a partner-region filter narrow the rows. Each row links to its evidence (report, row, date, title)
further down. Every report string is HTML-escaped.
"""

from __future__ import annotations

from collections import Counter
from html import escape

import networkx as nx

from graphkg.namespaces import NAMESPACES
from graphkg.views.legend import colour_key, names
from graphkg.views.lineage import merge_lineages

YEAR, HEIGHT = 80, 26
EVENTS, AGREEMENT, RENAME = "#4a7ab5", "#d4a017", "#c0392b"


def _fold(text: str) -> str:
    return text.lower().replace("ё", "е")


def partnership_rows(graph: nx.Graph) -> list[dict]:
    rows = []
    for a, b, data in graph.edges(data=True):
        if not data["repeated"] and not data["agreements"]:
            continue
        home, foreign = (a, b) if graph.nodes[a]["side"] == "home" else (b, a)
        lineage = graph.nodes[home].get("lineage", [])
        rows.append({
            "label": f"{graph.nodes[home]['label']} — {graph.nodes[foreign]['label']}",
            "home": graph.nodes[home]["label"], "foreign": graph.nodes[foreign]["label"],
            "home_id": home, "foreign_id": foreign,
            "lineage": lineage, "region": colour_key(graph.nodes[foreign]),
            "years": data["years"], "events": data["events"], "agreements": data["agreements"],
        })  # fmt: skip
    return sorted(
        rows, key=lambda r: (r["years"][0] if r["years"] else 9999, -len(r["events"]), r["label"])
    )


def _when(iso: str | None) -> float | None:
    """A date as a fractional year (the middle of its month); x() of a whole year is its middle,
    so a year's column runs from x(year - 0.5) to x(year + 0.5)."""
    if not iso:
        return None
    return int(iso[:4]) + ((int(iso[5:7]) - 0.5) / 12 - 0.5 if len(iso) >= 7 else 0.0)


def _rename_mark(row: dict) -> tuple[float, str] | None:
    """Where the lineage's name changes on this row: the sourced date (gk:changeDate), else the
    first report row under the new name (gk:notAfter, or the new name's first event here); the
    mark's title says which, with the bounds."""
    steps = row["lineage"]
    for old, new in zip(steps, steps[1:], strict=False):
        after = old.get("not_after") or new.get("first")  # the first row under the new name
        at = _when(old.get("renamed_on")) or _when(after)
        if at is None:
            continue
        if old.get("renamed_on"):
            how = f"переименование {old['renamed_on']} / renamed"
        else:
            how = (f"между {old.get('not_before') or old['last'] or '?'} (последнее прежнее имя) и "
                   f"{after} (первое новое) / between the last old and the first new name")  # fmt: skip
        return at, f"{old['label']} → {new['label']}: {how}"
    return None


def _shading(years: range, covered: dict[int, dict], height: int, x) -> list[str]:
    out = []
    for year in years:
        months = len(covered.get(year, {}).get("months", []))
        if months < 12:
            fill, opacity = ("#bdbdbd", 0.45) if months == 0 else ("#d9d9d9", 0.3)
            out.append(f'<rect class="{"noreport" if months == 0 else "partial"}" x="{x(year) - YEAR / 2}" y="0" '
                       f'width="{YEAR}" height="{height}" fill="{fill}" opacity="{opacity}"/>')  # fmt: skip
    return out


def _row_svg(i: int, row: dict, years: range, covered: dict, x) -> str:
    width = len(years) * YEAR
    svg = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{HEIGHT}" font-size="10">'
    ]
    svg += _shading(years, covered, HEIGHT, x)
    tip = "\n".join(
        f"{e['date'] or '?'} · {e['title']} · {e['report']} #{e['row']}" for e in row["events"]
    )
    svg.append(f'<a href="#p{i}"><g><title>{escape(tip)}</title>')
    if row["years"]:
        a, b = x(row["years"][0]), x(row["years"][-1])
        svg.append(
            f'<rect x="{a - 9}" y="{HEIGHT / 2 - 6}" width="{b - a + 18}" height="12" rx="6" fill="{EVENTS}" opacity="0.25"/>'
        )
    for year, n in sorted(Counter(e["year"] for e in row["events"] if e["year"]).items()):
        svg.append(f'<circle cx="{x(year)}" cy="{HEIGHT / 2}" r="8" fill="{EVENTS}"/>'
                   f'<text x="{x(year)}" y="{HEIGHT / 2 + 3.5}" text-anchor="middle" fill="#fff">{n}</text>')  # fmt: skip
    svg.append("</g></a>")
    for agreement in row["agreements"]:
        at = _when(agreement["date"])
        if at is not None:
            cx, cy = x(at), HEIGHT / 2
            svg.append(f'<path d="M{cx} {cy - 8} L{cx + 7} {cy} L{cx} {cy + 8} L{cx - 7} {cy} Z" fill="{AGREEMENT}" stroke="#fff">'
                       f'<title>{escape("соглашение / agreement: " + agreement["kind"] + " " + agreement["date"])}</title></path>')  # fmt: skip
    for life in row.get("lives", []):  # one bar per agreement life, under the partnership's bar
        a, b = x(_when(life["start"])), x(_when(life["end"]))
        tip = f"{life['kind']}: {life['start']} … {life['end']} ({life['first_year']}–{life['last_year']})"
        svg.append(f'<rect class="life" x="{a - 3}" y="{HEIGHT - 5}" width="{max(b - a, 0) + 6}" height="4" fill="{AGREEMENT}">'
                   f'<title>{escape("срок соглашения / agreement life: " + tip)}</title></rect>')  # fmt: skip
    for old in row["lineage"]:  # the span the reports leave open for the rename, lightly
        a, b = _when(old.get("not_before")), _when(old.get("not_after"))
        if a is not None and b is not None and not old.get("renamed_on"):
            svg.append(f'<rect class="rename-span" x="{x(a)}" y="2" width="{max(x(b) - x(a), 2)}" height="{HEIGHT - 4}" '
                       f'fill="{RENAME}" opacity="0.12"/>')  # fmt: skip
    mark = _rename_mark(row)
    if mark:
        svg.append(f'<line class="rename" x1="{x(mark[0])}" y1="1" x2="{x(mark[0])}" y2="{HEIGHT - 1}" stroke="{RENAME}" '
                   f'stroke-width="2" stroke-dasharray="3 2"><title>{escape(mark[1])}</title></line>')  # fmt: skip
    svg.append("</svg>")
    return "".join(svg)


def _short_period(label: str, year: int) -> str:
    for long, short in (
        (f" {year} года", ""),
        (f" {year} г.", ""),
        ("полугодие", "пол."),
        ("квартал", "кв."),
    ):
        label = label.replace(long, short)
    return label.strip()


def _header(years: range, covered: dict, counts: Counter, x) -> str:
    height = 58
    svg = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{len(years) * YEAR}" height="{height}" font-size="11">'
    ]
    svg += _shading(years, covered, height, x)
    for year in years:
        entry = covered.get(year)
        if not entry:
            note = "нет отчета"
        elif len(entry["months"]) == 12:
            note = "весь год"
        else:
            note = (
                ", ".join(_short_period(label, year) for label in entry["labels"])
                or f"{len(entry['months'])} мес."
            )
        svg.append(f'<text x="{x(year)}" y="13" text-anchor="middle" font-weight="600">{year}</text>'
                   f'<text class="count" x="{x(year)}" y="27" text-anchor="middle">{counts.get(year, 0)} мер. / ev.</text>'
                   f'<text class="cover" x="{x(year)}" y="41" text-anchor="middle" fill="#555" font-size="10">{escape(note)}</text>')  # fmt: skip
        # a report on Belarus alone says nothing of other countries that year
        scope = (entry or {}).get("scopes", [])
        if scope == ["belarus"]:
            svg.append(
                f'<text class="scope" x="{x(year)}" y="54" text-anchor="middle" fill="#a33" font-size="10">только РБ<title>отчеты года — только о Беларуси / the reports of this year cover Belarus only</title></text>'
            )
    svg.append("</svg>")
    return "".join(svg)


def render_timeline(
    graph: nx.Graph,
    title: str,
    covered: dict[int, dict] | None = None,
    changes: list[tuple[str, str, str | None]] | None = None,
    lives: list[dict] | None = None,
    bounds: dict | None = None,
    entity_base: str | None = None,
) -> str:
    """The page. `covered`: coverage.coverage(store); `changes`: lineage.renames(store) (one row per
    lineage) and `bounds`: lineage.rename_bounds(store); `lives`: coverage.agreement_lives(store),
    each drawn as a bar under its partnership's bar. `entity_base` ("/id/"), given only by the
    workbench that serves the page: the evidence links its bodies, events and agreements to their
    entity pages (a written file has no server behind it: no links that point at nothing)."""

    def linked(text: str, iri: str | None) -> str:
        base = NAMESPACES["id"]
        if entity_base and iri and iri.startswith(base):
            href = entity_base + iri.removeprefix(base)
            return f'<a class="entity" href="{escape(href)}">{escape(text)}</a>'
        return escape(text)

    covered = covered or {}
    rows = partnership_rows(merge_lineages(graph, changes, bounds) if changes else graph)
    for row in rows:
        homes = {row["home"], *(s["label"] for s in row["lineage"])}  # signed under a former name
        row["lives"] = [
            life
            for life in lives or []
            if life["home"] in homes and life["foreign"] == row["foreign"]
        ]
    found = sorted({y for r in rows for y in r["years"]} | set(covered)) or [2020]
    years = range(found[0], found[-1] + 1)
    x = lambda year: (year - found[0]) * YEAR + YEAR / 2  # noqa: E731
    # a year's count: every shared event of that year in the graph, not only the rows' (a year of
    # one-off partnerships is not a quiet year)
    every = {(e["report"], e["row"]): e for _, _, d in graph.edges(data=True) for e in d["events"]}
    counts = Counter(e["year"] for e in every.values() if e["year"])
    known = names()
    body = []
    for i, row in enumerate(rows):
        region = known.get(row["region"], (row["region"], row["region"]))
        search = _fold(" ".join([row["label"], *(s["label"] for s in row["lineage"]), *region]))
        former = "".join(
            f'<div class="former">прежнее имя / former name: {escape(s["label"])}</div>'
            for s in row["lineage"][:-1]
        )
        body.append(f'<div class="row" data-region="{escape(row["region"])}" data-search="{escape(search)}">'
                    f'<div class="name"><a href="#p{i}">{escape(row["label"])}</a>{former}</div>'
                    f'<div class="bars">{_row_svg(i, row, years, covered, x)}</div></div>')  # fmt: skip
    present = sorted({r["region"] for r in rows})
    options = "".join(
        f'<option value="{escape(k)}">{escape(known.get(k, (k, k))[0])} / {escape(known.get(k, (k, k))[1])}</option>'
        for k in present
    )
    evidence = []
    for i, row in enumerate(rows):
        items = "".join(
            f"<li>{escape(e['date'] or '?')} · {linked(e['title'], e.get('id'))} · {escape(e['report'])} #{e['row']}</li>"
            for e in row["events"]
        )
        items += "".join(
            f"<li>{linked('соглашение: ' + a['kind'] + ' ' + (a['date'] or ''), a.get('id'))}</li>"
            for a in row["agreements"]
        )
        head = (f"{linked(row['home'], row.get('home_id'))} — {linked(row['foreign'], row.get('foreign_id'))}"
                if entity_base else escape(row["label"]))  # fmt: skip
        evidence.append(f'<section id="p{i}"><h3>{head}</h3><ul>{items}</ul></section>')
    hook = "" if lives else ('<p class="muted">Сроки действия соглашений в хранилище не записаны: соглашение показано ромбом в дату подписания. / '
                             "The store holds no agreement lives: an agreement is a diamond at its signing date.</p>")  # fmt: skip
    return (
        '<!doctype html><html lang="ru"><meta charset="utf-8">'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'\">"
        f"<title>{escape(title)}</title><style>{_STYLE}</style>"
        f"<h1>{escape(title)}</h1><p>Полоса — партнерство от первого до последнего года, в кружке — число общих мероприятий за год, "
        "ромб — соглашение в дату подписания, золотая черта под полосой — срок соглашения по отчетам, красный пунктир — переименование "
        "(розовым — промежуток, который оставляют отчеты); серым — годы без отчета (светлее — отчет лишь за часть года). / "
        "A bar runs from a partnership's first to last year; a circle holds that year's shared events; a diamond is an agreement; "
        f"a gold line under the bar: an agreement's life as the reports show it; red dashes: a rename (pink: the span the reports leave "
        f"open); grey: years no report covers (lighter: part of the year).</p>{hook}"
        '<div class="controls"><input id="q" type="search" placeholder="поиск / search"> '
        f'<select id="region"><option value="">все регионы партнеров / all partner regions</option>{options}</select> '
        f'<span id="shown">{len(rows)}</span> / {len(rows)}</div>'
        f'<div id="tl"><div class="row head"><div class="name">Партнерство / Partnership</div><div class="bars">{_header(years, covered, counts, x)}</div></div>'
        f'{"".join(body)}</div><p id="none" hidden>Ничего не найдено / Nothing matches.</p>'
        f"<h2>Основания / Evidence</h2>{''.join(evidence)}<script>{_SCRIPT}</script></html>"
    )


def timeline_from_store(store, title: str, entity_base: str | None = None) -> str:
    """The whole page from a store: the partnership graph, the reports' coverage, the renames with
    their bounds and the agreements' lives (what `graphkg timeline` and the workbench draw)."""
    from graphkg.views.coverage import agreement_lives, coverage
    from graphkg.views.lineage import rename_bounds, renames
    from graphkg.views.network import partnership_graph

    return render_timeline(partnership_graph(store), title, covered=coverage(store), changes=renames(store),
                           lives=agreement_lives(store), bounds=rename_bounds(store),
                           entity_base=entity_base)  # fmt: skip


_STYLE = (
    "body{font:13px system-ui,sans-serif;margin:1.5em}h3{font-size:13px;margin:1em 0 0}.muted{color:#666}"
    "#tl{display:table;border-collapse:collapse}.row{display:table-row}.row>div{display:table-cell;vertical-align:middle;"
    "border-bottom:1px solid #eee;padding:2px 6px}.row .name{max-width:520px;min-width:260px}.row.head .name{font-weight:600}"
    ".row[hidden]{display:none}.former{color:#777;font-size:12px}.controls{margin:8px 0}#q{width:22em}"
    ".head{position:sticky;top:0;background:#fff}"
)
_SCRIPT = """
(function(){const q=document.getElementById("q"),r=document.getElementById("region");
const fold=s=>s.toLowerCase().replace(/ё/g,"е");
function apply(){const t=fold(q.value.trim());let n=0;document.querySelectorAll("#tl .row:not(.head)").forEach(row=>{
const ok=(!t||row.dataset.search.includes(t))&&(!r.value||row.dataset.region===r.value);row.hidden=!ok;if(ok)n++;});
document.getElementById("shown").textContent=n;document.getElementById("none").hidden=n>0;}
q.addEventListener("input",apply);r.addEventListener("change",apply);})();
"""


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
