"""graphkg serve as a client and an attacker on loopback see it: the SPARQL 1.1 Protocol's
content types, errors, the time and row limits, refused updates and SERVICE, foreign Host
headers, bad and slow requests, a busy port; and the CLI's share of the same limits."""

from __future__ import annotations

import contextlib
import http.server
import json
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import RAW, table_report

GRAPHKG = str(Path(sys.executable).with_name("graphkg"))
CROSS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
HOSTILE_TITLE = 'Визит <script>window.__pwned=1</script> «делегации "Кавычки"» <img src=x onerror="window.__pwned=2">'
HOSTILE_ORG = 'ОАО «Минский <script>window.__pwned=3</script> завод "Кавычка\'"»'


def hostile_report() -> str:
    return table_report([
        "Сотрудничество в сфере промышленности",
        ["1.", HOSTILE_TITLE, "г. Минск (Республика Беларусь)", "12 марта 2025 года",
         "Цель </pre><script>window.__pwned=4</script>",
         f"{HOSTILE_ORG} (Республика Беларусь), Правительство Смоленской области"],
    ])  # fmt: skip


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("serve")
    reports = folder / "reports"
    reports.mkdir()
    for path in sorted(RAW.glob("*.txt"))[:2]:
        (reports / path.name).write_bytes(path.read_bytes())
    (reports / "hostile_2025.txt").write_text(hostile_report(), encoding="utf-8")
    subprocess.run([GRAPHKG, "build", str(reports), "--store", str(folder / "store")],
                   check=True, capture_output=True)  # fmt: skip
    return folder / "store"


PIDS: dict[str, int] = {}


@contextlib.contextmanager
def serving(store, *options: str):
    """`graphkg serve` on a free port of 127.0.0.1, answering once it yields its base URL;
    stopped by Ctrl-C (SIGINT) at the end."""
    port = free_port()
    process = subprocess.Popen(
        [GRAPHKG, "serve", "--store", str(store), "--port", str(port), *options],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    PIDS[base] = process.pid
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/favicon.ico", timeout=1).read()
            break
        except OSError:
            time.sleep(0.1)
    try:
        yield base
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(10)


@pytest.fixture(scope="module")
def server(store):
    with serving(store, "--timeout", "3", "--max-rows", "50") as base:
        yield base


def get(url: str, headers: dict | None = None, data: bytes | None = None):
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def q(base: str, query: str, **params) -> str:
    return base + "/sparql?" + urllib.parse.urlencode({"query": query, **params})


SELECT = "SELECT ?r ?n WHERE { ?r a <https://w3id.org/graphkg/ontology#Region> ; <http://www.w3.org/2004/02/skos/core#notation> ?n } ORDER BY ?n"


@pytest.mark.parametrize(
    ("accept", "mime", "check"),
    [
        ("application/sparql-results+json", "application/sparql-results+json",
         lambda b: json.loads(b)["results"]["bindings"][0]["n"]["value"] == "BY-BR"),
        ("text/csv", "text/csv", lambda b: b.decode().splitlines()[1].endswith(",BY-BR")),
        ("text/tab-separated-values", "text/tab-separated-values",
         lambda b: b.decode().splitlines()[1].endswith('\t"BY-BR"')),
        ("application/sparql-results+xml", "application/sparql-results+xml",
         lambda b: b"<literal>BY-BR</literal>" in b),
    ],
)  # fmt: skip
def test_select_answers_in_the_format_the_accept_header_asks(server, accept, mime, check):
    status, headers, body = get(q(server, SELECT), {"Accept": accept})
    assert status == 200 and headers["content-type"].startswith(mime)
    assert check(body)


def test_format_parameter_post_form_and_post_query_agree(server):
    _, _, by_param = get(q(server, SELECT, format="csv"))
    form = urllib.parse.urlencode({"query": SELECT}).encode()
    _, _, by_form = get(server + "/sparql", {"Accept": "text/csv",
                        "Content-Type": "application/x-www-form-urlencoded"}, form)  # fmt: skip
    _, _, by_body = get(server + "/query", {"Accept": "text/csv",
                        "Content-Type": "application/sparql-query"}, SELECT.encode())  # fmt: skip
    assert by_param == by_form == by_body and by_param.count(b"\n") == 9  # header + 8 regions


def test_ask_and_construct(server):
    status, _, body = get(q(server, "ASK { ?s ?p ?o }"))
    assert status == 200 and json.loads(body)["boolean"] is True
    construct = "CONSTRUCT { ?r <http://x/n> ?n } WHERE { ?r <http://www.w3.org/2004/02/skos/core#notation> ?n . FILTER(?n = 'BY-MA') }"
    status, headers, body = get(q(server, construct), {"Accept": "text/turtle"})
    assert headers["content-type"].startswith("text/turtle") and b'"BY-MA"' in body
    status, headers, body = get(q(server, construct), {"Accept": "application/n-triples"})
    assert body.strip() == b'<https://w3id.org/graphkg/id/region/BY-MA> <http://x/n> "BY-MA" .'


def test_syntax_error_is_a_400_with_one_line(server):
    status, _, body = get(q(server, "SELECT WHERE {"))
    assert status == 400 and body.decode().startswith("Error: SPARQL syntax error")
    assert body.decode().count("\n") == 1


def test_the_row_limit_cuts_and_says_so(server):
    status, headers, body = get(q(server, "SELECT * WHERE { ?s ?p ?o }"))
    assert status == 200 and headers["x-graphkg-truncated"] == "50"
    answer = json.loads(body)
    assert len(answer["results"]["bindings"]) == 50 and answer["graphkg"]["truncated"] is True
    _, headers, _ = get(q(server, SELECT))
    assert "x-graphkg-truncated" not in headers


def test_the_time_limit_stops_a_cross_product_and_the_server_goes_on(server):
    start = time.monotonic()
    status, _, body = get(q(server, CROSS))
    assert status == 503 and b"ran out of time" in body
    assert time.monotonic() - start < 8
    assert get(q(server, "ASK {}"))[0] == 200


def test_a_client_that_goes_away_stops_its_query(server):
    url = urllib.parse.urlparse(q(server, CROSS))
    pid = PIDS[server]
    before = _workers(pid)
    with socket.create_connection((url.hostname, url.port)) as sock:
        sock.sendall(f"GET {url.path}?{url.query} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
        time.sleep(0.8)
        assert _workers(pid) == before + 1  # the query's worker runs
    time.sleep(1.2)  # well before the 3 s limit
    assert _workers(pid) == before


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        with contextlib.suppress(OSError):
            found += [int(p) for p in (task / "children").read_text().split()]
    return found


def _workers(server_pid: int) -> int:
    """Query workers alive: children of this server's forkserver (read from /proc)."""
    return sum(len(_children(fs)) for fs in _children(server_pid)
               if b"forkserver" in Path(f"/proc/{fs}/cmdline").read_bytes())  # fmt: skip


@pytest.mark.parametrize(
    "update",
    ["INSERT DATA { <http://x/a> <http://x/b> <http://x/c> }",
     "PREFIX x: <http://x/> INSERT DATA { x:a x:b x:c }",
     "# a comment\nDROP ALL", "prefix : <http://x/> base <http://y/> delete where { ?s ?p ?o }"],
)  # fmt: skip
def test_updates_are_refused_after_any_prologue(server, update):
    assert get(q(server, update))[0] == 403
    form = urllib.parse.urlencode({"update": update}).encode()
    assert (
        get(server + "/sparql", {"Content-Type": "application/x-www-form-urlencoded"}, form)[0]
        == 403
    )
    assert (
        get(server + "/sparql", {"Content-Type": "application/sparql-update"}, update.encode())[0]
        == 403
    )
    assert b"true" in get(q(server, "ASK { ?s ?p ?o }"))[2]
    assert b"false" in get(q(server, "ASK { <http://x/a> ?p ?o }"))[2]


@pytest.fixture
def witness():
    """A local HTTP server that counts the requests it receives."""
    hits = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()

        do_POST = do_GET  # noqa: N815

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/sparql", hits
    httpd.shutdown()


def test_service_is_refused_and_the_witness_receives_nothing(server, store, witness):
    address, hits = witness
    query = f"SELECT * WHERE {{ SERVICE <{address}> {{ ?s ?p ?o }} }}"
    status, _, body = get(q(server, query))
    assert status == 403 and b"SERVICE is refused" in body
    cli = subprocess.run(
        [GRAPHKG, "sparql", query, "--store", str(store)], capture_output=True, text=True
    )
    assert cli.returncode == 1 and cli.stderr.startswith("Error: SERVICE is refused")
    time.sleep(0.3)
    assert hits == []


def test_a_foreign_host_is_refused_and_local_names_are_answered(server):
    port = urllib.parse.urlparse(server).port
    assert get(q(server, "ASK {}"), {"Host": "evil.example"})[0] == 400
    assert get(q(server, "ASK {}"), {"Host": f"rebind.attacker.test:{port}"})[0] == 400
    for host in ("localhost", f"127.0.0.1:{port}", f"[::1]:{port}"):
        assert get(q(server, "ASK {}"), {"Host": host})[0] == 200


def _raw(server: str, payload: bytes, wait: float = 3.0) -> bytes:
    url = urllib.parse.urlparse(server)
    with socket.create_connection((url.hostname, url.port), timeout=wait) as sock:
        sock.sendall(payload)
        try:
            return sock.recv(4096)
        except TimeoutError:
            return b"(no answer)"


def test_bad_huge_and_slow_requests_get_an_error_and_the_server_stays_up(server):
    bad = b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: banana\r\n\r\n"
    assert _raw(server, bad).startswith(b"HTTP/1.1 400") or _raw(server, bad) == b""
    big = b"x" * 1_100_000
    status = get(server + "/sparql", {"Content-Type": "application/sparql-query"}, big)[0]
    assert status == 413
    # a body announced longer than sent: the server answers 408, and others are served meanwhile
    url = urllib.parse.urlparse(server)
    with socket.create_connection((url.hostname, url.port), timeout=15) as slow:
        slow.sendall(
            b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\nContent-Length: 100\r\n\r\nASK"
        )
        assert get(q(server, "ASK {}"))[0] == 200
        assert slow.recv(4096).startswith(b"HTTP/1.1 408")
    assert get(q(server, "ASK {}"))[0] == 200


def test_a_busy_port_is_one_line(store):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        port = sock.getsockname()[1]
        run = subprocess.run([GRAPHKG, "serve", "--store", str(store), "--port", str(port)],
                             capture_output=True, text=True, timeout=20)  # fmt: skip
    assert (
        run.returncode == 1
        and run.stderr == f"Error: cannot listen on 127.0.0.1:{port}: the port is in use\n"
    )


def test_entity_pages_negotiate_and_unknown_ones_are_404(server):
    iri = "/id/region/BY-MA"
    status, headers, body = get(server + iri, {"Accept": "text/turtle"})
    assert status == 200 and headers["content-type"].startswith("text/turtle")
    assert "Могилевская область" in body.decode()
    status, headers, body = get(server + iri, {"Accept": "application/ld+json"})
    assert headers["content-type"].startswith("application/ld+json") and "BY-MA" in body.decode()
    status, headers, body = get(server + iri, {"Accept": "text/html"})
    assert "<h1>Могилевская область</h1>" in body.decode()
    assert get(server + "/id/region/XX-NOPE")[0] == 404
    assert get(server + "/id/region/XX-NOPE", {"Accept": "text/turtle"})[0] == 404


def test_a_library_query_never_runs_with_a_parameter_unbound(server):
    status, _, body = get(server + "/?lib=partners_of&run=1&p.name=")
    assert status == 400 and "fill in the parameter name" in body.decode()
    from graphkg.graph.query import library

    name, param = next(
        (q.name, p.name) for q in library().values() for p in q.params if p.type == "integer"
    )
    status, _, body = get(server + f"/?lib={name}&run=1&p.{param}=two")
    assert status == 400 and "is not an integer" in body.decode()
    pasted = (RAW.parent.parent / "queries" / "partners_of.rq").read_text(encoding="utf-8")
    status, _, body = get(server + "/?" + urllib.parse.urlencode({"query": pasted}))
    assert status == 400 and "declares the parameter name" in body.decode()


def test_cli_limits_are_announced_and_ctrl_c_stops_a_query(store, tmp_path):
    run = subprocess.run([GRAPHKG, "sparql", "SELECT * WHERE { ?s ?p ?o }", "--store", str(store),
                          "-f", "csv", "--max-rows", "5"], capture_output=True, text=True)  # fmt: skip
    assert len(run.stdout.splitlines()) == 6
    assert run.stderr == "graphkg: the answer was cut at 5 rows (--max-rows)\n"
    run = subprocess.run([GRAPHKG, "sparql", CROSS, "--store", str(store), "--timeout", "1"],
                         capture_output=True, text=True)  # fmt: skip
    assert run.returncode == 1 and run.stderr.startswith("Error: the query ran out of time")
    # SIGINT as a terminal leaves it: a test run started in the background by a non-interactive
    # shell (`sh -c '.ci/run &'`) passes SIGINT on ignored, and Ctrl-C would then do nothing
    process = subprocess.Popen([GRAPHKG, "sparql", CROSS, "--store", str(store)],
                               stderr=subprocess.PIPE,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))  # fmt: skip
    time.sleep(2.5)
    start = time.monotonic()
    process.send_signal(signal.SIGINT)
    assert process.wait(10) != 0 and time.monotonic() - start < 5


def test_load_reads_only_local_files_with_allow_update(store, tmp_path):
    copy = tmp_path / "store"
    subprocess.run(["cp", "-r", str(store), str(copy)], check=True)
    data = tmp_path / "extra.ttl"
    data.write_text("<http://x/a> <http://x/b> <http://x/c> .\n", encoding="utf-8")
    base = [GRAPHKG, "sparql", "--store", str(copy)]
    refused = subprocess.run(
        base + ["LOAD <http://127.0.0.1:9/x.ttl>", "--allow-update"], capture_output=True, text=True
    )
    assert refused.stderr.startswith("Error: LOAD <http://127.0.0.1:9/x.ttl> is refused")
    missing = subprocess.run(
        base + [f"LOAD <file://{tmp_path}/nope.ttl>", "--allow-update"],
        capture_output=True,
        text=True,
    )
    assert missing.stderr == f"Error: LOAD <file://{tmp_path}/nope.ttl>: no such file\n"
    assert subprocess.run(base + [f"LOAD <{data.as_uri()}>"], capture_output=True).returncode == 1
    subprocess.run(
        base + [f"LOAD <{data.as_uri()}> INTO GRAPH <http://x/g>", "--allow-update"],
        check=True,
        capture_output=True,
    )
    ask = subprocess.run(
        base + ["ASK { GRAPH <http://x/g> { <http://x/a> ?p ?o } }", "-f", "json"],
        capture_output=True,
        text=True,
    )
    assert json.loads(ask.stdout) == {"ask": True}


def test_headers_that_never_end_get_a_408_and_others_are_served_meanwhile(server):
    url = urllib.parse.urlparse(server)
    with socket.create_connection((url.hostname, url.port), timeout=20) as slow:
        slow.sendall(b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
        start = time.monotonic()
        assert get(q(server, "ASK {}"))[0] == 200
        answer = slow.recv(4096)
        assert answer.startswith(b"HTTP/1.1 408") and time.monotonic() - start < 15


def test_the_query_page_knows_the_prefixes_and_links_iris_with_their_names(server):
    query = "SELECT ?r WHERE { ?r a gk:Region ; skos:notation 'BY-MA' }"  # no PREFIX declared
    status, _, body = get(server + "/?" + urllib.parse.urlencode({"query": query}))
    page = body.decode()
    assert status == 200 and 'id="rowcount">1<' in page
    assert (
        '<a href="/id/region/BY-MA" title="https://w3id.org/graphkg/id/region/BY-MA">Могилевская область</a>'
        in page
    )


def test_an_agreement_page_shows_its_parties_mentions_and_life(server):
    rows = json.loads(
        get(q(server, "SELECT ?a WHERE { ?e gk:signs ?a . ?a gk:party ?p } LIMIT 1"))[2]
    )
    iri = rows["results"]["bindings"][0]["a"]["value"]
    status, _, body = get(server + "/id/" + iri.removeprefix("https://w3id.org/graphkg/id/"))
    page = body.decode()
    assert status == 200 and 'id="parties"' in page and 'id="mentions"' in page
    assert ">signs<" in page and 'id="life"' in page
