"""SPARQL 1.1 Protocol datasets: default-graph-uri and named-graph-uri (2.1.4) over real HTTP
against `graphkg serve` on the seed store, by GET, POST form and POST direct. A dataset the
request names replaces the query's own FROM / FROM NAMED; without one a query's FROM holds."""

from __future__ import annotations

import json
import urllib.parse
import urllib.request

import pyoxigraph as ox
import pytest

from tests.test_serve_protocol import get, serving

G = "https://w3id.org/graphkg/id/graph/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
GK_EVENT = "https://w3id.org/graphkg/ontology#Event"
EVENTS = "SELECT ?e WHERE { ?e a gk:Event }"
BY_GRAPH = "SELECT ?g (COUNT(?e) AS ?n) WHERE { GRAPH ?g { ?e a gk:Event } } GROUP BY ?g"


@pytest.fixture(scope="module")
def served(seed_store):
    with serving(seed_store.directory) as base:
        yield base


@pytest.fixture(scope="module")
def truth(seed_store):
    """Each report graph's events, read straight from the store (not through the server)."""
    db = ox.Store.read_only(str(seed_store.directory / "oxigraph"))
    out: dict[str, set[str]] = {}
    for quad in db.quads_for_pattern(None, ox.NamedNode(RDF_TYPE), ox.NamedNode(GK_EVENT)):
        out.setdefault(quad.graph_name.value, set()).add(quad.subject.value)
    return out


def reports(truth) -> list[str]:
    return sorted(g for g in truth if g.startswith(G + "report/"))


def ask(base: str, how: str, query: str, pairs: list[tuple[str, str]]):
    """(status, JSON bindings or the error body) of a query sent GET, POST form or POST direct."""
    accept = {"Accept": "application/sparql-results+json"}
    if how == "get":
        url = base + "/sparql?" + urllib.parse.urlencode([("query", query), *pairs])
        status, _, body = get(url, accept)
    elif how == "form":
        form = urllib.parse.urlencode([("query", query), *pairs]).encode()
        headers = {**accept, "Content-Type": "application/x-www-form-urlencoded"}
        status, _, body = get(base + "/sparql", headers, form)
    else:  # direct: the query is the body, the dataset in the URL's query string
        url = base + "/query?" + urllib.parse.urlencode(pairs)
        headers = {**accept, "Content-Type": "application/sparql-query"}
        status, _, body = get(url, headers, query.encode())
    if status != 200:
        return status, body.decode()
    return status, json.loads(body)["results"]["bindings"]


def events(rows) -> set[str]:
    return {row["e"]["value"] for row in rows}


HOW = ["get", "form", "direct"]


@pytest.mark.parametrize("how", HOW)
def test_default_graph_uri_makes_the_default_graph(served, truth, how):
    first, second = reports(truth)[:2]
    status, everything = ask(served, how, EVENTS, [])
    assert status == 200 and events(everything) == set().union(*truth.values())
    status, one = ask(served, how, EVENTS, [("default-graph-uri", first)])
    assert status == 200 and events(one) == truth[first] and truth[first] != events(everything)
    # repeated: the merge of both graphs
    pairs = [("default-graph-uri", first), ("default-graph-uri", second)]
    status, two = ask(served, how, EVENTS, pairs)
    assert status == 200 and events(two) == truth[first] | truth[second]


@pytest.mark.parametrize("how", HOW)
def test_named_graph_uri_limits_the_named_graphs_and_empties_the_default(served, truth, how):
    first, second = reports(truth)[1:3]
    status, rows = ask(served, how, BY_GRAPH, [])
    assert {r["g"]["value"] for r in rows} == set(truth)
    status, rows = ask(
        served, how, BY_GRAPH, [("named-graph-uri", first), ("named-graph-uri", second)]
    )
    assert status == 200
    assert {r["g"]["value"]: int(r["n"]["value"]) for r in rows} == {
        first: len(truth[first]), second: len(truth[second])
    }  # fmt: skip
    # a dataset of named graphs only has an empty default graph (as FROM NAMED alone)
    status, rows = ask(served, how, EVENTS, [("named-graph-uri", first)])
    assert status == 200 and rows == []


@pytest.mark.parametrize("how", HOW)
def test_the_protocol_dataset_overrides_the_querys_own(served, truth, how):
    first, second = reports(truth)[:2]
    own = f"SELECT ?e FROM <{first}> WHERE {{ ?e a gk:Event }}"
    status, rows = ask(served, how, own, [])  # the query's FROM holds without parameters
    assert status == 200 and events(rows) == truth[first]
    status, rows = ask(served, how, own, [("default-graph-uri", second)])
    assert status == 200 and events(rows) == truth[second]
    named = "SELECT ?g WHERE {{ GRAPH ?g {{ ?e a gk:Event }} }} GROUP BY ?g"
    own_named = named.replace("WHERE", f"FROM NAMED <{first}> WHERE")
    status, rows = ask(served, how, own_named, [("default-graph-uri", second)])
    # the request's dataset is whole: the query's FROM NAMED is gone with its FROM
    assert status == 200 and rows == []
    status, rows = ask(served, how, own_named, [("named-graph-uri", second)])
    assert status == 200 and {r["g"]["value"] for r in rows} == {second}


def test_a_graph_that_is_no_iri_is_a_400_with_one_line(served):
    status, body = ask(served, "get", EVENTS, [("default-graph-uri", "not an iri")])
    assert status == 400 and body.startswith("Error: graph IRI 'not an iri'")
    assert body.count("\n") == 1


def test_an_unknown_graph_is_an_empty_default_graph(served):
    status, rows = ask(served, "get", EVENTS, [("default-graph-uri", G + "report/none.txt")])
    assert status == 200 and rows == []
