"""Map and timeline nodes link to entity pages when the workbench serves them, in Chromium
(Playwright driving Debian's /usr/bin/chromium): a node clicked on /map offers its /id/ page,
and following it (or an event's or a place's link) loads that entity's page. A map or timeline
written to a file has no server behind it: the node's IRI is shown as text and nothing links to
a path that would not load."""

from __future__ import annotations

import urllib.parse

import pytest

from graphkg.namespaces import NAMESPACES
from graphkg.views.map import render_map
from graphkg.views.network import partnership_graph
from graphkg.views.timeline import timeline_from_store
from tests.test_map import CHROMIUM, _click_node, open_map
from tests.test_serve_browser import browser  # noqa: F401  (a local-only Chromium page)
from tests.test_serve_dataset import served  # noqa: F401  (graphkg serve on the seed store)

ID = NAMESPACES["id"]
CENTRE = "ГБУК «Смоленский областной центр народного творчества»"


def _settled(page) -> None:
    page.wait_for_function("() => document.getElementById('graph').dataset.settled === '1'")


def _node_id(page, label: str) -> str:
    return page.evaluate(
        "label => JSON.parse(document.getElementById('graph-data').textContent)"
        ".nodes.find(n => n.label === label).id",
        label,
    )


def _follow(page, selector: str) -> str:
    """Click the first link the selector finds; the path it pointed at, once its page loaded."""
    link = page.locator(selector).first
    href = link.get_attribute("href")
    with page.expect_navigation():
        link.click()
    page.wait_for_load_state("load")
    return href


def test_a_served_map_node_links_to_its_entity_page(served, browser):  # noqa: F811
    page, seen = browser
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(served + "/map")
    _settled(page)
    iri = _node_id(page, CENTRE)
    _click_node(page, CENTRE)
    page.wait_for_selector("#entity-link")
    href = _follow(page, "#entity-link")
    assert href == "/id/" + iri.removeprefix(ID)
    assert urllib.parse.urlparse(page.url).path == href
    assert page.inner_text("h1") == CENTRE  # the page of that entity, loaded from the store
    assert page.locator("#events tbody tr:not(.rowtext)").count() > 0
    assert seen["errors"] == [] and seen["external"] == []


def test_a_served_map_event_and_place_link_to_their_pages(served, browser):  # noqa: F811
    page, seen = browser
    page.set_viewport_size({"width": 1400, "height": 900})
    for selector in ("#partners a.event-link", "#partners a.place-link"):
        page.goto(served + "/map")
        _settled(page)
        _click_node(page, CENTRE)
        page.wait_for_selector(selector)
        text = page.locator(selector).first.inner_text()
        href = _follow(page, selector)
        assert href.startswith("/id/event/" if "event" in selector else "/id/place/")
        assert page.inner_text("h1") == text
    assert seen["errors"] == [] and seen["external"] == []


def test_a_served_timeline_links_its_bodies_and_events(served, browser):  # noqa: F811
    page, seen = browser
    page.goto(served + "/timeline")
    for selector in ('section a.entity[href^="/id/org/"]', 'section a.entity[href^="/id/event/"]'):
        page.goto(served + "/timeline")
        text = page.locator(selector).first.inner_text()
        _follow(page, selector)
        assert page.inner_text("h1") == text
    assert seen["errors"] == [] and seen["external"] == []


@pytest.fixture(scope="module")
def file_browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        yield chromium
        chromium.close()


def test_a_map_file_shows_the_iri_as_text_and_links_nowhere(seed_store, file_browser, tmp_path):
    path = tmp_path / "map.html"
    path.write_text(render_map(partnership_graph(seed_store), "Карта"), encoding="utf-8")
    page, errors, requests = open_map(file_browser, path)
    iri = _node_id(page, CENTRE)
    _click_node(page, CENTRE)
    page.wait_for_selector("#entity-iri")
    assert page.inner_text("#entity-iri") == iri
    assert page.locator("#details a").count() == 0  # no link to a path no server answers
    assert page.locator("#partners li").count() > 0  # the events are still listed, as text
    page.locator("#partners li").first.click()
    assert page.url == path.as_uri()
    assert errors == [] and requests == []


def test_a_timeline_file_links_only_inside_itself(seed_store, tmp_path):
    html = timeline_from_store(seed_store, "Хронология")
    assert 'class="entity"' not in html and 'href="/id/' not in html
    served_html = timeline_from_store(seed_store, "Хронология", entity_base="/id/")
    assert 'class="entity" href="/id/org/' in served_html


def test_a_served_map_saved_to_disk_links_nowhere(seed_store, file_browser, tmp_path):
    path = tmp_path / "saved.html"
    graph = partnership_graph(seed_store)
    path.write_text(render_map(graph, "Карта", entity_base="/id/"), encoding="utf-8")
    page, errors, requests = open_map(file_browser, path)
    _click_node(page, CENTRE)
    page.wait_for_selector("#entity-iri")
    assert page.locator("#details a").count() == 0
    assert errors == [] and requests == []
