"""Every engine answers as the embedded store does: each library query (its defaults and other
parameters) on `oxigraph serve` with its default settings and on Virtuoso 7 gives the embedded
store's rows, in its order; `graphkg events` read back from Virtuoso scores the same on the
reference annotations."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import graphkg
from graphkg.graph.events import events_from_store
from graphkg.graph.query import library, run_library_query
from graphkg.graph.store import EmbeddedStore

from .conftest import RAW, ROOT
from .remote_helpers import remote, wipe

EVAL = Path(os.environ.get("GRAPHKG_EVAL") or ROOT.parent / "shared" / "eval")  # a worktree: set it

# parameters besides each query's defaults: other periods, short and lower-case names (the
# lookup is case-insensitive on Cyrillic), thresholds that let rows in
OTHER_PARAMS = [
    ("agreements_signed", {"from": "2023-01-01", "to": "2024-12-31"}),
    ("institution_timeline", {"name": "Администрация Смоленской"}),
    ("institution_timeline", {"name": "смоленского областного центра"}),  # word by word
    ("long_running_agreements", {"min_years": "1"}),
    ("events_in_period", {"from": "2023-01-01", "to": "2025-12-31"}),
    ("events_of_region", {"region": "BY-VI"}),
    ("events_of_sphere", {"sphere": "culture"}),
    ("partners_of", {"name": "Смоленским областным центром народного"}),  # word by word
    ("partners_of", {"name": "ВИТЕБСКИЙ ОБЛАСТНОЙ МЕТОДИЧЕСКИЙ"}),
    ("repeat_partners", {"min_events": "3"}),
]
RUNS = [(name, {}) for name in sorted(library())] + [
    (name, params) for name, params in OTHER_PARAMS if name in library()
]


@pytest.fixture(scope="module")
def embedded(tmp_path_factory):
    store = EmbeddedStore(tmp_path_factory.mktemp("embedded") / "store")
    graphkg.build([RAW], store)
    return store


@pytest.fixture(scope="module", params=["oxigraph_server", "virtuoso"])
def engine(request, tmp_path_factory):
    """The seeds built into each server (Virtuoso with its Digest credentials)."""
    server = request.getfixturevalue(request.param)
    patch = pytest.MonkeyPatch()
    if server.password:
        patch.setenv("GRAPHKG_USER", server.user)
        patch.setenv("GRAPHKG_PASSWORD", server.password)
    try:
        store = remote(server, tmp_path_factory.mktemp("state"))
        wipe(store)
        graphkg.build([RAW], store)
        yield store
    finally:
        patch.undo()


@pytest.mark.parametrize(
    ("name", "params"), RUNS, ids=[f"{n}{sorted(p.values())}" for n, p in RUNS]
)
def test_every_library_query_gives_the_embedded_rows(engine, embedded, name, params):
    expected = run_library_query(embedded, name, params)
    assert run_library_query(engine, name, params) == expected
    if name != "long_running_agreements":  # the seeds sign each agreement in one report only
        assert expected[1], f"{name} {params} matches nothing on the seeds: the test would be empty"


def test_events_read_back_equal_the_embedded_store(engine, embedded):
    assert events_from_store(engine) == events_from_store(embedded)


@pytest.mark.skipif(
    not (EVAL / "score.py").exists(), reason="no reference annotations (GRAPHKG_EVAL)"
)
def test_events_from_virtuoso_score_the_same(virtuoso, embedded, tmp_path, monkeypatch):
    monkeypatch.setenv("GRAPHKG_USER", virtuoso.user)
    monkeypatch.setenv("GRAPHKG_PASSWORD", virtuoso.password)
    store = remote(virtuoso, tmp_path / "state")
    wipe(store)
    graphkg.build([RAW], store)
    shared = EVAL

    def score(records) -> dict:
        path = tmp_path / f"{len(list(tmp_path.glob('*.jsonl')))}.jsonl"
        path.write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
        )
        out = subprocess.run([sys.executable, str(shared / "score.py"), str(shared / "gold"), str(path), "--json"],
                             capture_output=True, text=True, check=True).stdout  # fmt: skip
        return json.loads(out)

    online = sum(e["online"] for e in events_from_store(store))
    assert online == sum(e["online"] for e in events_from_store(embedded)) > 0  # "1" is true
    assert score(events_from_store(store)) == score(events_from_store(embedded))
