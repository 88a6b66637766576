"""The map in a real browser (Debian's Chromium, driven by Playwright) with the network off."""

import os
import shutil
from pathlib import Path

import pytest

import graphkg
from graphkg.graph.store import EmbeddedStore
from graphkg.views.legend import colour_key
from graphkg.views.map import render_map
from graphkg.views.network import Filters, partnership_graph

from .conftest import RAW, ROOT, table_report

ARTIFACTS = ROOT / "out" / "test-artifacts"
# the README's screenshots (docs/*.png) are the tests' own views: GRAPHKG_DOCS_SHOTS=1 writes them there
DOCS = ROOT / "docs" if os.environ.get("GRAPHKG_DOCS_SHOTS") else ARTIFACTS
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    store = EmbeddedStore(tmp_path_factory.mktemp("map") / "store")
    graphkg.build([RAW], store)
    return store


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("chromium is not installed: .ci/run installs Debian's chromium package")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run"],
        )  # fmt: skip
        yield browser
        browser.close()


def open_map(browser, path, width=1400, height=900):
    """Open a map file with every non-file request refused and recorded; returns (page, errors, requests)."""
    context = browser.new_context(viewport={"width": width, "height": height}, offline=True)
    page = context.new_page()
    errors, requests = [], []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: (errors.append("dialog: " + d.message), d.dismiss()))

    def route(r):
        if r.request.url.startswith(("file:", "data:")):
            r.continue_()
        else:
            requests.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.goto(path.as_uri())
    page.wait_for_function("() => document.getElementById('graph').dataset.settled === '1'")
    return page, errors, requests


def counts(page):
    return page.eval_on_selector(
        "#counts", "e => [Number(e.dataset.nodes), Number(e.dataset.edges)]"
    )


def search(page, text):
    """Type into the search box and wait for its (debounced) answer; the hits' texts."""
    page.fill("#search", text)
    key = text.strip().lower().replace("ё", "е")
    page.wait_for_function(
        "key => document.getElementById('search-result').dataset.query === key", arg=key
    )
    return page.eval_on_selector_all("#search-result .hit", "hits => hits.map(h => h.textContent)")


@pytest.fixture(scope="module")
def seed_map(store, tmp_path_factory):
    graph = partnership_graph(store)
    path = tmp_path_factory.mktemp("seed-map") / "map.html"
    path.write_text(
        render_map(graph, "Партнерства Смоленской области / Smolensk region partnerships"),
        encoding="utf-8",
    )
    return graph, path


def test_map_renders_offline_with_the_graph_counts_search_and_year_filter(seed_map, store, browser):
    graph, path = seed_map
    page, errors, requests = open_map(browser, path)
    assert counts(page) == [graph.number_of_nodes(), graph.number_of_edges()]
    assert "ГУ «Гродненский областной методический центр народного творчества»" in search(
        page, "Гродненский областной"
    )
    page.fill("#year-from", "2025")
    page.dispatch_event("#year-from", "change")
    # an edge stays when one of its events falls in the years, or one of its agreements was
    # signed in them; undated ones cannot be said to, once the years are narrowed
    in_2025 = [(a, b) for a, b, d in graph.edges(data=True) if any(e["year"] == 2025 for e in d["events"])
               or any((g["date"] or "").startswith("2025") for g in d["agreements"])]  # fmt: skip
    assert (
        len(in_2025) == partnership_graph(store, Filters(year_from=2025)).number_of_edges()
    )  # as the CLI
    assert counts(page)[1] == len(in_2025) < graph.number_of_edges()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "map.png"))
    assert errors == [] and requests == []


def test_first_view_is_settled_and_labelled_and_the_legend_names_what_is_present(seed_map, browser):
    graph, path = seed_map
    page, errors, requests = open_map(browser, path, 1280, 800)
    view = page.evaluate(
        "[graphkgMap.network.getScale(), JSON.stringify(graphkgMap.network.getPositions())]"
    )
    page.wait_for_timeout(600)
    assert (
        page.evaluate("JSON.stringify(graphkgMap.network.getPositions())") == view[1]
    )  # nothing moves
    assert int(page.get_attribute("#graph", "data-labels")) >= 15
    first = set(page.evaluate("graphkgMap.labelled()"))
    page.evaluate(
        """() => { const net = graphkgMap.network, id = graphkgMap.labelled()[0];
        net.moveTo({ position: net.getPositions([id])[id], scale: net.getScale() * 3 }); }"""
    )
    page.wait_for_timeout(100)
    closer = set(page.evaluate("graphkgMap.labelled()"))
    assert closer - first  # zooming in names nodes the first view had no room for
    page.evaluate("graphkgMap.network.fit()")
    legend = page.eval_on_selector_all("#legend-list .row", "rows => rows.map(r => r.textContent)")
    assert "Витебская область / Vitebsk oblast" in legend
    assert "ОАЭ / United Arab Emirates" in legend and not any(r in ("AE", "BY-VI") for r in legend)
    colours = page.eval_on_selector_all(
        "#legend-list .swatch", "s => s.map(e => e.style.background)"
    )
    assert (
        len(colours) == len(set(colours)) == len({colour_key(d) for _, d in graph.nodes(data=True)})
    )
    assert len(page.query_selector_all("#shape-list .row")) == 3
    DOCS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(DOCS / "map.png"))
    assert errors == [] and requests == []


def test_search_is_blind_to_yo_and_case_and_finds_places_and_regions(seed_map, browser):
    graph, path = seed_map
    page, errors, requests = open_map(browser, path)
    labels = {d["label"] for _, d in graph.nodes(data=True)}
    assert (
        "Могилевский областной исполнительный комитет" in labels
    )  # as the report writes it (no ё added)
    assert "Могилевский областной исполнительный комитет" in search(page, "могилёвский областной")
    assert "Могилевская область" in labels  # ... and е here
    assert "Могилевская область" in search(page, "МОГИЛЁВСКАЯ ОБЛАСТЬ")
    hits = search(page, "Витебск")  # a place: bodies whose events took place there
    assert any("место / place: Витебск" in h for h in hits)
    assert any(h.startswith("ГУ «Витебский областной методический центр") for h in hits)
    assert errors == [] and requests == []


def test_search_folds_yo_both_ways_on_a_report_of_our_own(browser, tmp_path):
    rows = [["1.", "Встреча библиотекарей двух районов", "г. Смоленск", "12 мая 2025 года",
             "ГБУК «Смоленская областная детская библиотека», ГУК «Берёзовская районная централизованная "
             "библиотечная система» (Брестская область)", "Встреча"],
            ["2.", "Семинар по социальной работе", "г. Смоленск", "20 мая 2025 года",
             "СОГБУ «Смоленский центр социального обслуживания», ГУ «Территориальный центр социального "
             "обслуживания населения Березинского района» (Минская область)", "Семинар"]]  # fmt: skip
    report = tmp_path / "own.txt"
    report.write_text(table_report(["Общие направления сотрудничества", *rows]), encoding="utf-8")
    store = EmbeddedStore(tmp_path / "store")
    graphkg.build([report], store)
    path = tmp_path / "map.html"
    path.write_text(render_map(partnership_graph(store), "own"), encoding="utf-8")
    page, errors, requests = open_map(browser, path)
    assert search(page, "березовская районная") == [
        "ГУК «Берёзовская районная централизованная библиотечная система»"
    ]
    assert search(page, "Берёзинского") == [
        "ГУ «Территориальный центр социального обслуживания населения Березинского района»"
    ]
    assert errors == [] and requests == []


def _click_node(page, label):
    """A real mouse click on the node drawn for `label`."""
    point = page.evaluate(
        """label => { const data = JSON.parse(document.getElementById('graph-data').textContent);
        const id = data.nodes.find(n => n.label === label).id, net = graphkgMap.network;
        net.moveTo({ position: net.getPositions([id])[id], scale: 1.2 });
        const p = net.canvasToDOM(net.getPositions([id])[id]), box = document.getElementById('graph').getBoundingClientRect();
        return [box.left + p.x, box.top + p.y]; }""",
        label,
    )
    page.wait_for_timeout(100)
    page.mouse.click(*point)


@pytest.mark.parametrize("width,height", [(1280, 800), (1000, 800)])
def test_a_selected_node_lists_its_partners_and_events_beside_the_graph(
    seed_map, browser, width, height
):
    graph, path = seed_map
    page, errors, requests = open_map(browser, path, width, height)
    name = "ГБУК «Смоленский областной центр народного творчества»"
    _click_node(page, name)
    page.wait_for_selector("#partners")
    node = next(n for n, d in graph.nodes(data=True) if d["label"] == name)
    partners = {graph.nodes[m]["label"] for m in graph.neighbors(node)}
    listed = page.eval_on_selector_all(
        "#partners .partner-name", "ps => ps.map(p => p.textContent)"
    )
    assert {p.rsplit(" (", 1)[0] for p in listed} == partners
    text = page.inner_text("#details")
    event = next(e for m in graph.neighbors(node) for e in graph.edges[node, m]["events"])
    assert f"{event['report']} #{event['row']}" in text
    box = page.eval_on_selector(
        "#partners .partner",
        "e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; }",
    )
    graph_box = page.eval_on_selector("#graph", "e => e.getBoundingClientRect().right")
    assert (
        graph_box <= box[0] and box[2] <= width and box[1] >= 0 and box[3] <= height
    )  # beside, in the window
    dimmed = page.evaluate("graphkgMap.nodes.get().filter(n => n.opacity < 1).length")
    assert dimmed == graph.number_of_nodes() - len(partners) - 1
    if width == 1280:
        page.evaluate("graphkgMap.network.fit()")
        page.mouse.move(5, 5)
        page.wait_for_timeout(200)
        DOCS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(DOCS / "map-selected.png"))
    assert errors == [] and requests == []


def test_a_whole_year_filters_once_and_an_empty_filter_says_so(seed_map, browser):
    graph, path = seed_map
    page, errors, requests = open_map(browser, path)
    before = page.evaluate("graphkgMap.state.applied")
    scale = page.evaluate("graphkgMap.network.getScale()")
    page.fill("#year-to", "")
    page.type("#year-to", "2020", delay=30)  # 2, 20, 202 are not years: only 2020 applies
    page.keyboard.press("Enter")
    page.dispatch_event("#year-to", "change")
    assert page.evaluate("graphkgMap.state.applied") == before + 1
    assert page.is_hidden("#empty")
    # the view re-fits to what is left (an animation: allow a loaded machine its time)
    for _ in range(50):  # polled from here: the page's policy allows no evaluated strings
        if page.evaluate("graphkgMap.network.getScale()") != scale:
            break
        page.wait_for_timeout(200)
    assert page.evaluate("graphkgMap.network.getScale()") != scale
    # a sphere and a partner region that share no event (undated events stay under any years)
    keys = {colour_key(graph.nodes[b]) for _, b in graph.edges()} - {"RU"}
    pairs = {(s, colour_key(graph.nodes[b] if graph.nodes[a]["side"] == "home" else graph.nodes[a]))
             for a, b, d in graph.edges(data=True) for s in d["spheres"]}  # fmt: skip
    sphere, region = next(
        (s, k) for s in sorted({p[0] for p in pairs}) for k in sorted(keys) if (s, k) not in pairs
    )
    page.select_option("#sphere", sphere)
    page.select_option("#region", region)
    assert counts(page) == [0, 0] and page.is_visible("#empty")
    assert "No partnership matches" in page.inner_text("#empty")
    page.click("#reset")
    assert counts(page) == [graph.number_of_nodes(), graph.number_of_edges()]
    spheres = page.eval_on_selector_all(
        "#sphere option", "os => os.map(o => o.value).filter(Boolean)"
    )
    assert set(spheres) == {s for _, _, d in graph.edges(data=True) for s in d["spheres"]}
    assert errors == [] and requests == []


def test_region_filter_keeps_no_other_region_through_agreements(store, browser, tmp_path):
    from typer.testing import CliRunner

    from graphkg.cli import app

    path = tmp_path / "vitebsk.html"
    result = CliRunner().invoke(
        app, ["map", "--store", str(store.directory), "--region", "BY-VI", "--out", str(path)]
    )
    assert result.exit_code == 0, result.output
    page, errors, requests = open_map(browser, path)
    labels = page.evaluate(
        "graphkgMap.nodes.get().map(n => JSON.parse(document.getElementById('graph-data').textContent).nodes.find(m => m.id === n.id).label)"
    )
    assert labels and not [x for x in labels if "Гомел" in x or "Гродн" in x]
    graph = partnership_graph(store, Filters(region="BY-VI"))
    foreign = [d for _, d in graph.nodes(data=True) if d["side"] == "foreign"]
    assert {d.get("region") for d in foreign} <= {"BY-VI", None}
    everything = partnership_graph(store)
    gomel_agreement = any(d["agreements"] and "Гомел" in everything.nodes[b]["label"] + everything.nodes[a]["label"]
                          for a, b, d in everything.edges(data=True))  # fmt: skip
    assert gomel_agreement  # the unfiltered graph has the agreement the filter must drop
    assert errors == [] and requests == []


def test_a_renamed_body_is_one_node_with_its_lineage(store):
    from graphkg.views.lineage import merge_lineages, renames

    graph = partnership_graph(store)
    merged = merge_lineages(graph, renames(store))
    names = {d["label"]: n for n, d in graph.nodes(data=True)}
    old, new = names["Администрация Смоленской области"], names["Правительство Смоленской области"]
    assert old not in merged and new in merged
    assert [s["label"] for s in merged.nodes[new]["lineage"]] == [
        "Администрация Смоленской области",
        "Правительство Смоленской области",
    ]
    assert set(merged.neighbors(new)) == set(graph.neighbors(old)) | set(graph.neighbors(new))

    def events(g, n):
        return {(e["report"], e["row"]) for m in g.neighbors(n) for e in g.edges[n, m]["events"]}  # noqa: E731

    assert events(merged, new) == events(graph, old) | events(graph, new)


def test_geographic_layout_puts_bodies_inside_their_region_over_the_outlines(
    store, browser, tmp_path
):
    from graphkg.views.map import layout, outlines

    graph = partnership_graph(store)
    positions = layout(graph, "geo")
    shapes = {o["iso"]: o["rings"] for o in outlines()}
    assert set(shapes) == {"BY-BR", "BY-HM", "BY-HO", "BY-HR", "BY-MA", "BY-MI", "BY-VI", "RU-SMO"}
    vitebsk = [n for n, d in graph.nodes(data=True) if d.get("region") == "BY-VI"]
    home = [n for n, d in graph.nodes(data=True) if d["side"] == "home"]
    assert vitebsk and all(_inside(positions[n], shapes["BY-VI"]) for n in vitebsk)
    assert sum(_inside(positions[n], shapes["RU-SMO"]) for n in home) / len(home) > 0.95
    path = tmp_path / "geo.html"
    path.write_text(
        render_map(graph, "Партнерства на карте / Partnerships on the map", "geo"), encoding="utf-8"
    )
    page, errors, requests = open_map(browser, path, 1280, 800)
    DOCS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(DOCS / "map-geo.png"))
    assert errors == [] and requests == []


def _inside(point, rings) -> bool:
    """Even-odd rule over all rings (Minsk oblast has a hole for the city)."""
    x, y = point
    inside = False
    for ring in rings:
        for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False):
            if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                inside = not inside
    return inside


def test_report_strings_render_as_text_in_the_map(browser, tmp_path):
    hostile = 'Встреча <script>alert("x")</script> <img src=x onerror=alert(1)>'
    row = ["1.", hostile, "г. Минск", "3 марта 2025 года",
           "Встреча Администрации Смоленской области с Министерством образования Республики Беларусь", "Делегация"]  # fmt: skip
    report = tmp_path / "hostile.txt"
    report.write_text(table_report(["Общие направления сотрудничества", row]), encoding="utf-8")
    store = EmbeddedStore(tmp_path / "store")
    graphkg.build([report], store)
    graph = partnership_graph(store)
    assert graph.number_of_edges() == 1
    path = tmp_path / "map.html"
    path.write_text(render_map(graph, "<b>title</b>"), encoding="utf-8")
    page, errors, requests = open_map(browser, path)
    assert page.query_selector_all("img") == []
    assert page.title() == "<b>title</b>"
    page.evaluate(
        "() => { const e = graphkgMap.edges.get()[0]; document.getElementById('details').appendChild(e.title); }"
    )
    assert hostile in page.inner_text("#details")
    assert errors == [] and requests == []


def test_map_shows_the_partners_analysts_expect(store):
    graph = partnership_graph(store)
    label = {n: d["label"] for n, d in graph.nodes(data=True)}

    def partners(name):
        return {label[m] for n in graph if label[n] == name for m in graph.neighbors(n)}

    folk = partners("ГБУК «Смоленский областной центр народного творчества»")
    assert "ГУ «Витебский областной методический центр народного творчества»" in folk
    assert any("Гродненский областной методический центр народного творчества" in p for p in folk)
    government = partners("Администрация Смоленской области") | partners(
        "Правительство Смоленской области"
    )
    for committee in ("Гомельский", "Могилевский", "Витебский"):  # as the reports write it: no ё
        assert any(
            p.startswith(committee) and p.endswith("областной исполнительный комитет")
            for p in government
        ), committee


def test_timeline_escapes_report_strings_and_links_bars_to_evidence(browser, tmp_path):
    from graphkg.views.timeline import render_timeline

    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    rows = [["1.", f"Встреча {hostile}", "г. Минск", "3 марта 2023 года",
             "Встреча Администрации Смоленской области с Министерством образования Республики Беларусь", "Делегация"]]  # fmt: skip
    first = tmp_path / "a.txt"
    first.write_text(
        table_report(["Общие направления сотрудничества", *rows], "Отчет в I квартале 2023 года"),
        encoding="utf-8",
    )
    second = tmp_path / "b.txt"
    rows[0][3] = "5 марта 2025 года"
    second.write_text(
        table_report(["Общие направления сотрудничества", *rows], "Отчет в I квартале 2025 года"),
        encoding="utf-8",
    )
    store = EmbeddedStore(tmp_path / "store")
    graphkg.build([first, second], store)
    html = render_timeline(partnership_graph(store), "t")
    assert hostile not in html and "<img" not in html  # the page's own script is its only one
    path = tmp_path / "timeline.html"
    path.write_text(html, encoding="utf-8")
    page = browser.new_page()
    page.goto(path.as_uri())
    assert page.query_selector_all("img") == [] and len(page.query_selector_all("svg a")) == 1
    href = page.get_attribute("svg a", "href")
    assert hostile in page.inner_text(href)


def test_timeline_wraps_full_names_marks_years_without_reports_and_one_row_per_lineage(
    store, browser, tmp_path
):
    from graphkg.views.coverage import agreement_lives, coverage
    from graphkg.views.lineage import rename_bounds, renames
    from graphkg.views.timeline import render_timeline

    covered = coverage(store)
    assert set(covered) == {2020, 2022, 2023, 2025} and covered[2020]["months"] == [
        1,
        2,
        3,
        4,
        5,
        6,
    ]
    lives = agreement_lives(store)
    assert lives  # the build derives each agreement's life ("Agreements across years")
    html = render_timeline(partnership_graph(store), "Партнерства по годам / Partnerships across years", covered=covered, changes=renames(store),
                           lives=lives, bounds=rename_bounds(store))  # fmt: skip
    path = tmp_path / "timeline.html"
    path.write_text(html, encoding="utf-8")
    context = browser.new_context(viewport={"width": 1280, "height": 800}, offline=True)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(path.as_uri())
    names = page.eval_on_selector_all(
        "#tl .row:not(.head) .name a", "a => a.map(e => e.textContent)"
    )
    assert names and not [n for n in names if "…" in n]
    assert not [
        n for n in names if n.startswith("Администрация Смоленской области —")
    ]  # one row per lineage
    government = [n for n in names if n.startswith("Правительство Смоленской области —")]
    assert len(government) == len(set(government)) >= 3
    rename = page.eval_on_selector("line.rename title", "t => t.textContent")
    assert "между 2023-02-02" in rename and "2023-11-13" in rename  # the bounds the reports give
    assert page.query_selector_all("rect.rename-span")
    # one bar per agreement life, each on its partnership's row (signed under a former name too)
    assert len(page.query_selector_all("rect.life")) == len(lives)
    gomel = page.eval_on_selector_all(
        "#tl .row",
        "rows => rows.filter(r => r.querySelector('rect.life')).map(r => r.querySelector('.name a').textContent)",
    )
    assert "Правительство Смоленской области — Гомельский областной исполнительный комитет" in gomel
    covers = page.eval_on_selector_all(".head text.cover", "t => t.map(e => e.textContent)")
    years = page.eval_on_selector_all(".head text[font-weight]", "t => t.map(e => e.textContent)")
    assert (
        dict(zip(years, covers, strict=True))["2021"]
        == dict(zip(years, covers, strict=True))["2024"]
        == "нет отчета"
    )
    scoped = page.eval_on_selector_all(".head text.scope", "t => t.map(e => e.textContent)")
    assert len(scoped) == 2  # 2020 and 2022: reports on cooperation with Belarus alone (gk:scope)
    # every name is whole on the page: its box is not clipped by the label column
    clipped = page.eval_on_selector_all(
        ".row .name a", "a => a.filter(e => e.scrollWidth > e.parentElement.clientWidth + 1).length"
    )
    assert clipped == 0
    page.fill("#q", "могилевское агентство")  # stored «Могилевское»; the rows are found either way
    shown = int(page.inner_text("#shown"))
    page.fill("#q", "МОГИЛЁВСКОЕ АГЕНТСТВО")
    assert int(page.inner_text("#shown")) == shown > 0
    page.fill("#q", "")
    page.select_option("#region", "BY-VI")
    visible = page.eval_on_selector_all(
        "#tl .row:not(.head):not([hidden])", "r => r.map(e => e.dataset.region)"
    )
    assert visible and set(visible) == {"BY-VI"}
    page.select_option("#region", "")
    DOCS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(DOCS / "timeline.png"))
    assert errors == []


def test_partnership_graph_exports_for_gephi(store):
    import networkx as nx

    from graphkg.views.export import export_partnerships

    for format, read in (("gexf", nx.read_gexf), ("graphml", nx.read_graphml)):
        path = ARTIFACTS / f"partnerships.{format}"
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path.write_bytes(export_partnerships(store, format))
        graph = read(path)
        assert graph.number_of_edges() == partnership_graph(store).number_of_edges()


def test_network_summary_ranks_the_regional_government_and_finds_bridges(store):
    from graphkg.views.network import communities, network_summary

    graph = partnership_graph(store)
    summary = network_summary(graph, top=5)
    assert summary["central"][0]["institution"] == "Правительство Смоленской области"
    assert sum(summary["community_sizes"]) == graph.number_of_nodes()
    assert communities(graph) == communities(graph)  # Louvain with a fixed seed is deterministic

    class Reversed:  # a store (a remote one, say) that returns the same rows in another order
        def query(self, sparql):
            columns, rows = store.query(sparql)
            return columns, rows[::-1]

    assert communities(partnership_graph(Reversed())) == communities(graph)
    bridges = {b["institution"]: b["regions"] for b in summary["bridges"]}
    assert {"BY-HR", "BY-VI"} <= set(
        bridges["ГБУК «Смоленский областной центр народного творчества»"]
    )


def test_the_views_own_queries_name_their_graphs(store):
    """coverage, lives, renames and event places read the same rows when the store's default graph
    is not the union of its graphs (as a SPARQL server's need not be)."""
    from graphkg.graph.store import _rows
    from graphkg.views import coverage, lineage, network

    class NoUnion:
        def query(self, sparql):
            return _rows(store.open(read_only=True).query(sparql, use_default_graph_as_union=False))

    for read in (coverage.coverage, coverage.agreement_lives, lineage.renames, lineage.rename_bounds,
                 network._event_places):  # fmt: skip
        assert read(store) == read(NoUnion()) and read(store), read.__name__
