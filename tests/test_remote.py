"""Remote builds against real servers (`oxigraph serve` with its defaults, and Virtuoso 7 when
installed): the state that lets a partial build lose nothing, only changed graphs sent, failed
builds that leave the server as it was, credentials, and the clear error for a server without
graphkg's graphs."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

import graphkg
from graphkg.cli.app import app
from graphkg.graph.events import events_from_store
from graphkg.graph.remote import RemoteStore
from graphkg.graph.store import EmbeddedStore, StoreError, _coerce
from graphkg.resolve.keys import BASE

from .conftest import RAW
from .remote_helpers import embedded_graphs, remote, remote_graphs, wipe
from .servers import free_port

SEEDS = sorted(RAW.glob("*.txt"))


@pytest.fixture(params=["oxigraph_server", "virtuoso"])
def server(request, monkeypatch):
    """Each test on both servers, starting from no graphkg graphs; Virtuoso's writes need
    Digest credentials, given as a user gives them: in the environment."""
    found = request.getfixturevalue(request.param)
    if found.password:
        monkeypatch.setenv("GRAPHKG_USER", found.user)
        monkeypatch.setenv("GRAPHKG_PASSWORD", found.password)
    wipe(remote(found, None))
    return found


@pytest.fixture(scope="module")
def full(tmp_path_factory):
    store = EmbeddedStore(tmp_path_factory.mktemp("full") / "store")
    graphkg.build([RAW], store)
    return store


def test_booleans_coerce_from_every_engine():
    boolean = "http://www.w3.org/2001/XMLSchema#boolean"
    assert [_coerce(v, boolean) for v in ("true", "1", "false", "0")] == [True, True, False, False]


def test_a_partial_build_then_the_rest_gives_the_full_graphs(server, full, tmp_path):
    store = remote(server, tmp_path / "state")
    first = graphkg.build(SEEDS[:3], store)
    assert first.reports == 3
    second = graphkg.build(SEEDS[3:], store)
    assert second.reports == 5  # the shared graphs come from all five, not the last two
    # the three earlier report graphs did not change, so they were not sent again
    sent = store.graphs_written
    assert not any(f"graph/report/{p.stem}" in g for p in SEEDS[:3] for g in sent), sent
    assert remote_graphs(store) == embedded_graphs(full)


def test_building_again_sends_nothing(server, tmp_path):
    store = remote(server, tmp_path / "state")
    graphkg.build([RAW], store)
    again = graphkg.build([RAW], store)
    assert (again.graphs, again.quads) == (0, 0)


def test_a_server_emptied_behind_the_state_gets_every_graph_again(server, full, tmp_path):
    store = remote(server, tmp_path / "state")
    graphkg.build([RAW], store)
    wipe(store)  # the server was reset; the state still has every hash
    assert graphkg.build([RAW], store).graphs == len(embedded_graphs(full))
    assert remote_graphs(store) == embedded_graphs(full)


def test_a_server_holding_reports_unknown_to_this_state_is_refused(server, tmp_path):
    graphkg.build([RAW], remote(server, tmp_path / "one"))
    before = remote_graphs(remote(server, None))
    other = remote(server, tmp_path / "two")  # another machine's build, without the state
    with pytest.raises(StoreError, match="holds reports this build has no copy of"):
        graphkg.build(SEEDS[:1], other)
    assert remote_graphs(other) == before


def _drop_the_third_put(monkeypatch) -> list[str]:
    """Make the third graph PUT of a build fail, as a dropped connection would; the graphs
    PUT are recorded in the list returned."""
    calls: list[str] = []
    real = RemoteStore.put_graph

    def flaky(self, graph, body):
        calls.append(graph)
        if len(calls) == 3:
            raise StoreError("the connection dropped")
        real(self, graph, body)

    monkeypatch.setattr(RemoteStore, "put_graph", flaky)
    return calls


def test_a_build_failing_halfway_leaves_the_server_as_it_was(server, tmp_path, monkeypatch):
    store = remote(server, tmp_path / "state")
    graphkg.build(SEEDS[:3], store)
    before = remote_graphs(store)
    _drop_the_third_put(monkeypatch)
    with pytest.raises(StoreError, match="the server's graphs were left as they were"):
        graphkg.build(SEEDS[3:], store)
    monkeypatch.undo()
    if server.password:  # undo() dropped the credentials too
        monkeypatch.setenv("GRAPHKG_USER", server.user)
        monkeypatch.setenv("GRAPHKG_PASSWORD", server.password)
    assert remote_graphs(store) == before  # no staging graph left behind either
    assert graphkg.build(SEEDS[3:], store).reports == 5  # and the state still lets it finish


def test_without_an_update_url_a_failure_names_the_graphs_written(server, tmp_path, monkeypatch):
    store = RemoteStore(query_url=server.query_url, store_url=server.store_url, state_dir=tmp_path)
    calls = _drop_the_third_put(monkeypatch)
    with pytest.raises(StoreError) as info:
        graphkg.build([RAW], store)
    assert f"after writing 2 graphs in place: {calls[0]}, {calls[1]}" in str(info.value)


def test_events_read_back_from_the_server_equal_the_embedded_store(server, full, tmp_path):
    store = remote(server, tmp_path / "state")
    graphkg.build([RAW], store)
    assert events_from_store(store) == events_from_store(full)


def test_a_server_without_graphkg_graphs_is_one_clear_error(server):
    store = remote(server, None)
    with pytest.raises(StoreError, match="holds no graphkg graphs"):
        graphkg.run_library_query(store, "repeat_partners")
    with pytest.raises(StoreError, match="answered 404"):
        RemoteStore(query_url=server.base + "/nothing-here").query("ASK {}")


def test_unreachable_endpoint_is_one_clear_error():
    with pytest.raises(StoreError, match="cannot reach"):
        RemoteStore(f"http://127.0.0.1:{free_port()}").query("ASK {}")


def test_virtuoso_credentials_from_netrc_and_a_wrong_password(virtuoso, tmp_path, monkeypatch):
    monkeypatch.delenv("GRAPHKG_USER", raising=False)
    monkeypatch.delenv("GRAPHKG_PASSWORD", raising=False)
    netrc = tmp_path / "netrc"
    quoted = virtuoso.password.replace("\\", "\\\\").replace('"', '\\"')
    netrc.write_text(f'machine 127.0.0.1 login dba password "{quoted}"\n')
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    store = remote(virtuoso, tmp_path / "state")
    graph = BASE + "graph/test-credentials"
    store.put_graph(graph, b"<urn:a> <urn:b> <urn:c> .\n")
    store.delete_graph(graph)
    monkeypatch.setenv("GRAPHKG_USER", "dba")
    monkeypatch.setenv("GRAPHKG_PASSWORD", "wrong")
    with pytest.raises(StoreError, match="answered 401.*GRAPHKG_PASSWORD"):
        remote(virtuoso, tmp_path / "state").put_graph(graph, b"<urn:a> <urn:b> <urn:c> .\n")


def test_cli_builds_and_queries_a_server_by_its_urls(server, full, tmp_path):
    runner = CliRunner()
    urls = ["--query-url", server.query_url, "--update-url", server.update_url,
            "--store-url", server.store_url, "--state-dir", str(tmp_path)]  # fmt: skip
    built = runner.invoke(app, ["build", *map(str, SEEDS[:2]), *urls])
    assert built.exit_code == 0, built.output
    assert f"{server.store_url}: 2 reports" in built.stdout
    built = runner.invoke(app, ["build", str(RAW), *urls])
    assert "5 reports, 192 events" in built.stdout
    result = runner.invoke(app, ["events", *urls])
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 192
    empty = runner.invoke(
        app, ["query", "repeat_partners", "--query-url", server.base + "/nothing"]
    )
    assert (
        empty.exit_code == 1
        and empty.stderr.startswith("Error: ")
        and "Traceback" not in empty.output
    )
