import json
import threading
import urllib.parse
import urllib.request
from http.server import ThreadingHTTPServer

import pytest
from typer.testing import CliRunner

from graphkg.cli.app import app
from graphkg.views.serve import make_handler

from .conftest import RAW

runner = CliRunner()


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "store"
    result = runner.invoke(app, ["build", str(RAW), "--store", str(path)])
    assert result.exit_code == 0, result.output
    assert "5 reports, 192 events" in result.stdout
    return path


def test_query_prints_csv_and_json(store_dir):
    result = runner.invoke(app, ["query", "agreements_signed", "-p", "from=2020-03-03", "-p", "to=2020-03-03",
                                 "-f", "json", "--store", str(store_dir)])  # fmt: skip
    assert result.exit_code == 0, result.output
    (row,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert (row["date"], row["kind"]) == ("2020-03-03", "соглашение")
    listing = runner.invoke(app, ["query", "--store", str(store_dir)])
    assert (
        "repeat_partners: Repeat partners\n" in listing.stdout
        and "--param min_events=<integer> = 2" in listing.stdout
    )


def test_bad_parameter_and_update_are_one_line_errors(store_dir):
    bad = runner.invoke(
        app, ["query", "repeat_partners", "-p", "min_events=two", "--store", str(store_dir)]
    )
    assert (bad.exit_code, bad.stderr.strip()) == (
        1,
        "Error: parameter value 'two' is not an integer",
    )
    update = runner.invoke(app, ["sparql", "DELETE WHERE { ?s ?p ?o }", "--store", str(store_dir)])
    assert update.exit_code == 1 and "--allow-update" in update.stderr
    syntax = runner.invoke(app, ["sparql", "SELEKT nothing", "--store", str(store_dir)])
    assert syntax.exit_code == 1 and syntax.stderr.startswith("Error: SPARQL syntax error")
    assert "Traceback" not in bad.output + update.output + syntax.output


def test_events_command_reads_the_store(store_dir):
    result = runner.invoke(app, ["events", "--store", str(store_dir)])
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 192


def test_validate_command(store_dir):
    result = runner.invoke(app, ["validate", "--store", str(store_dir)])
    assert (result.exit_code, result.stdout.strip()) == (0, "conforms")


def test_serve_answers_the_sparql_protocol_and_refuses_updates(store_dir):
    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(store_dir))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        query = "PREFIX gk: <https://w3id.org/graphkg/ontology#> SELECT (COUNT(?e) AS ?n) WHERE { ?e a gk:Event }"
        with urllib.request.urlopen(
            f"{base}/query?{urllib.parse.urlencode({'query': query})}"
        ) as response:
            data = json.loads(response.read())
        assert data["results"]["bindings"][0]["n"]["value"] == "192"
        page = (
            urllib.request.urlopen(f"{base}/?{urllib.parse.urlencode({'query': query})}")
            .read()
            .decode()
        )
        assert "<td>192</td>" in page
        with pytest.raises(urllib.error.HTTPError) as info:
            urllib.request.urlopen(f"{base}/query?{urllib.parse.urlencode({'query': 'DROP ALL'})}")
        assert info.value.code == 403
    finally:
        server.shutdown()
        server.server_close()
