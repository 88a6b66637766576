"""The same build and queries against a real SPARQL server: `oxigraph serve`, started here."""

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

import graphkg
from graphkg.graph.events import events_from_store
from graphkg.graph.query import run_library_query
from graphkg.graph.remote import RemoteStore
from graphkg.graph.store import EmbeddedStore, StoreError

from .conftest import RAW


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _oxigraph() -> str:
    found = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    if not Path(found).exists():
        pytest.fail("the oxigraph server is not installed: pip install -e '.[dev]' installs it")
    return found


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    port = _free_port()
    location = tmp_path_factory.mktemp("oxigraph")
    process = subprocess.Popen(
        [_oxigraph(), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("oxigraph serve did not start")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_build_sends_every_graph_and_events_read_back_the_same(server, tmp_path):
    remote = RemoteStore(server)
    result = graphkg.build([RAW], remote)
    local = EmbeddedStore(tmp_path / "store")
    graphkg.build([RAW], local)
    key = lambda e: (e["source"], e["n"])  # noqa: E731
    assert sorted(events_from_store(remote), key=key) == sorted(events_from_store(local), key=key)
    assert result.reports == 5


def test_library_queries_answer_the_same_remotely(server, tmp_path):
    remote = RemoteStore(server)
    graphkg.build([RAW], remote)
    local = EmbeddedStore(tmp_path / "store")
    graphkg.build([RAW], local)
    for name, params in (("repeat_partners", {}), ("agreements_signed", {"from": "2020-01-01", "to": "2020-12-31"}),
                         ("partners_of", {"name": "центр народного творчества"})):  # fmt: skip
        assert run_library_query(remote, name, params) == run_library_query(local, name, params), (
            name
        )


def test_unreachable_endpoint_is_one_clear_error():
    with pytest.raises(StoreError, match="cannot reach"):
        RemoteStore(f"http://127.0.0.1:{_free_port()}").query("ASK {}")
