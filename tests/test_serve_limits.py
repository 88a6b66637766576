"""graph/limits.py on its own: what counts as an update or a SERVICE call, what LOAD may read,
the row cap and the time limit, and answers while a build swaps the store underneath."""

from __future__ import annotations

import threading

import pyoxigraph as ox
import pytest

from graphkg.graph import limits
from graphkg.graph.query import run_library_query, run_sparql
from graphkg.graph.store import EmbeddedStore


@pytest.mark.parametrize(
    "text",
    [
        "PREFIX x: <http://x/> INSERT DATA { x:a x:b x:c }",
        "prefix x: <http://x/#> prefix : <http://y/> delete where { ?s ?p ?o }",
        "BASE <http://x/> # a comment\n  CLEAR ALL",
        "# SELECT in a comment\nWITH <http://g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
        "\n\n  load <file:///tmp/x.ttl>",
    ],
)
def test_updates_are_recognised_after_any_prologue(text):
    assert limits.is_update(text)


@pytest.mark.parametrize(
    "text",
    [
        'SELECT * WHERE { ?s ?p "INSERT DATA" }',
        "# DROP ALL\nASK { ?s ?p ?o }",
        "PREFIX drop: <http://x/> SELECT * WHERE { ?s drop:x ?o }",
        'CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p """\nDELETE\n""" }',
    ],
)
def test_queries_that_mention_update_words_are_not_updates(text):
    assert not limits.is_update(text)


def test_service_is_found_outside_strings_and_comments_only():
    assert limits.uses_service("SELECT * { service <http://127.0.0.1:1/> { ?s ?p ?o } }")
    assert limits.uses_service(
        "PREFIX s: <http://x/>\nSELECT * { SERVICE SILENT s:e { ?a ?b ?c } }"
    )
    assert not limits.uses_service('SELECT * { ?s ?p "SERVICE" } # SERVICE <http://x>')
    with pytest.raises(limits.QueryRefused):
        limits.check("SELECT * { SERVICE <http://x/> { ?s ?p ?o } }", limits.Limits())
    limits.check("SELECT * { SERVICE <http://x/> { ?s ?p ?o } }", limits.Limits(allow_service=True))


def test_load_takes_only_local_files_in_a_known_syntax(tmp_path):
    good = tmp_path / "a.ttl"
    good.write_text("<http://x/a> <http://x/b> <http://x/c> .\n", encoding="utf-8")
    assert limits.load_files(f"LOAD <{good.as_uri()}> INTO GRAPH <http://g/>") == [
        (good, ox.RdfFormat.TURTLE, "http://g/")
    ]
    assert limits.load_files("INSERT DATA { <http://x/a> <http://x/b> <http://x/c> }") is None
    for text, message in [
        ("LOAD <https://example.org/a.ttl>", "only local files"),
        (f"LOAD <{(tmp_path / 'none.ttl').as_uri()}>", "no such file"),
        (f"LOAD <{(tmp_path).as_uri()}/a.docx>", "no such file"),
        (f"LOAD <{good.as_uri()}> ; INSERT DATA {{ <http://x/a> <http://x/b> <http://x/c> }}", "cannot be mixed"),
    ]:  # fmt: skip
        with pytest.raises(limits.QueryRefused, match=message):
            limits.load_files(text)


def _store(path, n: int) -> EmbeddedStore:
    store = EmbeddedStore(path)
    quads = [
        ox.Quad(ox.NamedNode(f"http://x/s{i}"), ox.NamedNode("http://x/p"), ox.Literal(str(i)))
        for i in range(n)
    ]
    store.write([(ox.NamedNode("http://x/g"), quads)], [])
    return store


def test_the_row_cap_cuts_and_says_so_and_a_small_answer_is_whole(tmp_path):
    store = _store(tmp_path / "store", 30)
    cut = run_sparql(store, "SELECT ?s WHERE { ?s ?p ?o }", limits=limits.Limits(max_rows=10))
    assert len(cut[1]) == 10 and cut.truncated and cut.limit == 10
    whole = run_sparql(store, "SELECT ?s WHERE { ?s ?p ?o }", limits=limits.Limits(max_rows=30))
    assert len(whole[1]) == 30 and not whole.truncated
    graph = limits.run(
        store.directory / "oxigraph", "CONSTRUCT WHERE { ?s ?p ?o }", limits.Limits(max_rows=5)
    )
    assert graph.kind == "graph" and len(graph.triples) == 5 and graph.truncated


def test_the_time_limit_kills_the_worker(tmp_path):
    store = _store(tmp_path / "store", 300)
    with pytest.raises(limits.QueryTimeout):
        run_sparql(store, "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }",
                   limits=limits.Limits(timeout=0.5))  # fmt: skip


def test_a_cancelled_query_stops(tmp_path):
    store = _store(tmp_path / "store", 300)
    cancel = threading.Event()
    threading.Timer(0.3, cancel.set).start()
    with pytest.raises(limits.QueryCancelled):
        limits.run(store.directory / "oxigraph",
                   "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }",
                   limits.Limits(timeout=30), cancel)  # fmt: skip


def test_a_library_query_is_bounded_too(tmp_path, seeds):
    from graphkg.graph.build import build

    store = EmbeddedStore(tmp_path / "store")
    build(seeds, store)
    result = run_library_query(store, "activity_by_region_year", limits=limits.Limits(max_rows=3))
    assert len(result[1]) == 3 and result.truncated


def test_answers_while_builds_swap_the_store_come_from_the_old_or_the_new(tmp_path):
    path = tmp_path / "store"
    _store(path, 10)
    stop = threading.Event()

    def swap() -> None:
        n = 0
        while not stop.is_set():
            _store(path, 10 if n % 2 else 20)
            n += 1

    builder = threading.Thread(target=swap)
    builder.start()
    seen = set()
    try:
        for _ in range(40):
            answer = limits.run(path / "oxigraph", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
            seen.add(int(answer.rows[0][0].value))
    finally:
        stop.set()
        builder.join()
    assert seen <= {10, 20} and seen


def test_service_inside_an_allowed_update_is_refused_too(tmp_path):
    store = _store(tmp_path / "store", 3)
    update = "INSERT { ?s ?p ?o } WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    with pytest.raises(limits.QueryRefused, match="SERVICE"):
        run_sparql(store, update, allow_update=True)


def test_a_worker_whose_parent_never_watches_it_ends_by_itself(seed_store):
    # the parent kills a worker at its time limit; a worker whose parent went away before it knew
    # the worker (a Ctrl-C while the forkserver started it) must not run on for good
    import time

    cross = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    receive, send = limits._context().Pipe(duplex=False)
    worker = limits._context().Process(
        target=limits._work,
        args=(str(seed_store.directory / "oxigraph"), cross, 10, limits.MEMORY, send, None, 0.5),
        daemon=True,
    )
    worker.start()
    send.close()
    began = time.monotonic()
    worker.join(0.5 + limits.BACKSTOP + 5)
    try:
        assert not worker.is_alive(), "the worker ran on past its time and its backstop"
        try:
            answer = receive.recv() if receive.poll() else None
        except EOFError:
            answer = None
        assert answer is None  # it sent nothing: its own timer ended it, not an answer or error
        assert time.monotonic() - began >= 0.5 + limits.BACKSTOP - 0.3
    finally:
        if worker.is_alive():
            worker.kill()
        receive.close()
