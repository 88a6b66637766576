"""The map in a real browser (Debian's Chromium, driven by Playwright) with the network off."""

import shutil
from pathlib import Path

import pytest

import graphkg
from graphkg.graph.store import EmbeddedStore
from graphkg.views.map import render_map
from graphkg.views.network import partnership_graph

from .conftest import RAW, ROOT, table_report

ARTIFACTS = ROOT / "out" / "test-artifacts"
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


def open_map(browser, path):
    """Open a map file with every non-file request refused and recorded; returns (page, errors, requests)."""
    context = browser.new_context(viewport={"width": 1400, "height": 900}, offline=True)
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
    page.wait_for_function("Number(document.getElementById('counts').dataset.nodes) > 0")
    return page, errors, requests


def counts(page):
    return page.eval_on_selector(
        "#counts", "e => [Number(e.dataset.nodes), Number(e.dataset.edges)]"
    )


def test_map_renders_offline_with_the_graph_counts_search_and_year_filter(store, browser, tmp_path):
    graph = partnership_graph(store)
    path = tmp_path / "map.html"
    path.write_text(render_map(graph, "map"), encoding="utf-8")
    page, errors, requests = open_map(browser, path)
    assert counts(page) == [graph.number_of_nodes(), graph.number_of_edges()]
    page.fill("#search", "Гродненский областной")
    assert "ГУ «Гродненский областной методический центр народного творчества»" in page.inner_text(
        "#search-result"
    )
    page.fill("#year-from", "2025")
    page.dispatch_event("#year-from", "change")
    # an edge stays when one of its events falls in the years (or has no date), or one of its
    # agreements does (or has no date)
    in_2025 = [(a, b) for a, b, d in graph.edges(data=True) if any(e["year"] in (2025, None) for e in d["events"])
               or any((g["date"] or "2025").startswith("2025") for g in d["agreements"])]  # fmt: skip
    assert counts(page)[1] == len(in_2025) < graph.number_of_edges()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "map.png"))
    assert errors == [] and requests == []


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
    assert "<script>" not in html and "<img" not in html
    path = tmp_path / "timeline.html"
    path.write_text(html, encoding="utf-8")
    page = browser.new_page()
    page.goto(path.as_uri())
    assert page.query_selector_all("img") == [] and len(page.query_selector_all("svg a")) == 1
    href = page.get_attribute("svg a", "href")
    assert hostile in page.inner_text(href)


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
