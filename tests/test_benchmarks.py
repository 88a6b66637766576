"""The benchmark scripts still run against the package as it is laid out now (a benchmark that
imports a module which moved fails only when somebody next measures). Each is run in its
smallest form; nothing here is timed."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


def _module(name: str):
    spec = importlib.util.spec_from_file_location(name, BENCHMARKS / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("path", sorted(BENCHMARKS.glob("*.py")), ids=lambda p: p.name)
def test_every_benchmark_imports(path):
    _module(path.stem)


def test_the_build_benchmarks_model_load_snippet_runs():
    load = _module("bench_build").LOAD
    done = subprocess.run([sys.executable, "-c", load], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr.splitlines()[-1:]
    assert float(done.stdout.strip()) > 0


def test_the_parse_benchmarks_table_parses_every_row():
    from graphkg.ingest.layouts import parse_document

    bench = _module("bench_parse")
    assert len(parse_document(bench.table(30)).rows) == 30


def test_the_query_benchmarks_copies_are_independent_worlds(seed_store):
    bench = _module("bench_queries")
    quads = list(seed_store.open())
    copied = bench.synthetic(quads, 2)
    assert len(set(copied)) == len(copied)  # each quad once, as a store holds them
    events = {q.subject.value for q in quads if "/event/" in q.subject.value}
    copies = {q.subject.value for q in copied if "/event/" in q.subject.value}
    assert len(copies) == 2 * len(events) and not events & copies  # two worlds of their own
