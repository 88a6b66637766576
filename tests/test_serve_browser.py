"""The workbench in Chromium (Playwright driving Debian's /usr/bin/chromium, headless): a library
query run through its form and its CSV downloaded, an entity page with its events and partners,
hostile report text inert on every page, no console errors, no request leaving 127.0.0.1."""

from __future__ import annotations

import json
import tempfile
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.test_serve_protocol import server, store  # noqa: F401

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic", "--disable-default-apps", "--disable-extensions",
    "--disable-features=Translate,OptimizationHints,MediaRouter,AutofillServerCommunication",
    "--no-default-browser-check", "--metrics-recording-only", "--safebrowsing-disable-auto-update",
]  # fmt: skip
LOCAL = {"127.0.0.1", "localhost", "::1", "[::1]"}

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed")


def _local(url: str) -> bool:
    parsed = urllib.parse.urlparse(url)
    return parsed.scheme in ("data", "blob", "about") or (parsed.hostname or "") in LOCAL


@pytest.fixture
def browser():
    from playwright.sync_api import sync_playwright

    seen = {"errors": [], "external": [], "dialogs": []}
    with sync_playwright() as p, tempfile.TemporaryDirectory() as profile:
        context = p.chromium.launch_persistent_context(
            profile, executable_path=str(CHROMIUM), headless=True, args=FLAGS,
            accept_downloads=True, service_workers="block",
        )  # fmt: skip
        context.route(lambda url: not _local(url), lambda route: route.abort())
        page = context.new_page()
        page.on(
            "console", lambda m: m.type in ("error", "assert") and seen["errors"].append(m.text)
        )
        page.on("pageerror", lambda exc: seen["errors"].append(str(exc)))
        page.on("request", lambda r: _local(r.url) or seen["external"].append(r.url))
        page.on(
            "response", lambda r: r.status >= 400 and seen["errors"].append(f"{r.status} {r.url}")
        )
        page.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
        yield page, seen
        context.close()


def _select(base: str, query: str) -> list[dict]:
    url = base + "/sparql?" + urllib.parse.urlencode({"query": query})
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.loads(response.read())["results"]["bindings"]


def test_a_library_query_through_its_form_and_its_csv(server, browser, tmp_path):  # noqa: F811
    page, seen = browser
    page.goto(server + "/")
    page.click("text=Partners of an institution")
    page.fill("input[name='p.name']", "Правительство Смоленской")
    page.click("#libform button[type=submit]")
    page.wait_for_selector("#rowcount")
    rows = int(page.inner_text("#rowcount"))
    assert rows > 0 and page.locator("table.sortable tbody tr").count() == rows
    assert "p.name=" in page.get_attribute("#share", "href")
    with page.expect_download() as info:
        page.click("a.download:text('CSV')")
    saved = tmp_path / "result.csv"
    info.value.save_as(saved)
    lines = saved.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("institution,") and len(lines) == rows + 1
    page.click("table.sortable th:text('events')")  # sorting runs without errors
    assert seen["errors"] == [] and seen["external"] == []


def test_an_entity_page_shows_events_and_partners(server, browser):  # noqa: F811
    page, seen = browser
    iri = _select(
        server,
        'SELECT ?i WHERE { ?i <http://www.w3.org/2004/02/skos/core#prefLabel> "Правительство Смоленской области"@ru }',
    )[0]["i"]["value"]
    page.goto(server + "/id/" + iri.removeprefix("https://w3id.org/graphkg/id/"))
    assert page.inner_text("h1") == "Правительство Смоленской области"
    assert page.locator("#events tbody tr:not(.rowtext)").count() > 3
    assert page.locator("#partners tbody tr").count() > 3
    with page.expect_navigation():  # a partner's own page, counted once it has loaded
        page.click("#partners tbody tr a")
    page.wait_for_load_state("load")
    assert page.locator("#partners tbody tr").count() >= 1
    assert seen["errors"] == [] and seen["external"] == []


def test_hostile_report_text_is_inert_on_every_page(server, browser):  # noqa: F811
    page, seen = browser
    event = _select(
        server,
        "SELECT ?e WHERE { ?e <https://schema.org/name> ?t FILTER(CONTAINS(?t, '__pwned')) }",
    )
    org = _select(
        server,
        "SELECT ?i WHERE { ?i <http://www.w3.org/2004/02/skos/core#prefLabel> ?t FILTER(CONTAINS(?t, '__pwned')) }",
    )
    assert event and org, "the hostile report must reach the store"
    ids = [
        b["e" if "e" in b else "i"]["value"].removeprefix("https://w3id.org/graphkg/id/")
        for b in event + org
    ]
    adhoc = "/?" + urllib.parse.urlencode(
        {
            "query": "SELECT ?e ?t WHERE { ?e <https://schema.org/name> ?t FILTER(CONTAINS(?t, 'pwned')) }"
        }
    )
    library = "/?" + urllib.parse.urlencode(
        {
            "lib": "partners_of",
            "run": "1",
            "p.name": "Минский <script>window.__pwned=3</script> завод",
        }
    )
    for path in [adhoc, library, *("/id/" + i for i in ids), "/map", "/timeline"]:
        page.goto(server + path)
        page.wait_for_timeout(300)
        assert page.evaluate("typeof window.__pwned") == "undefined", path
        if path.startswith("/id/") and "nope" not in path or path == adhoc:
            text = page.inner_text("body")
            assert "<script>window.__pwned" in text, path  # shown as text, not run
    assert page.evaluate("document.title") != "pwn"
    assert seen["dialogs"] == [] and seen["errors"] == [] and seen["external"] == []
    page.goto(server + "/id/nope%3Cscript%3Ewindow.__pwned=5%3C/script%3E")  # the 404 page
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert "Invalid IRI" in page.inner_text("body")  # one line, the markup inert
