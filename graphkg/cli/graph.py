"""Commands over the store: build, events, query, sparql, export, validate."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path

import typer

from graphkg import pipeline
from graphkg.cli.app import (
    EndpointOption,
    StoreOption,
    TableFormat,
    _command,
    _fail,
    _print_rows,
    _store,
)
from graphkg.errors import GraphkgError
from graphkg.graph.build import build as build_store


@_command
def build(
    reports: list[Path] = typer.Argument(None, help="Reports or directories (default: data/raw)."),
    store: Path = StoreOption,
    endpoint: str = EndpointOption,
) -> None:
    """Parse, resolve and load reports into the store (idempotent, incremental, atomic)."""
    from rich.progress import Progress

    inputs = reports or [Path("data/raw")]
    paths = pipeline.report_paths(inputs)
    target_store = _store(store, endpoint)
    with Progress(transient=True) as progress:
        task = progress.add_task("reading reports", total=len(paths))
        result = build_store(paths, target_store, progress=lambda _: progress.advance(task))
    target = getattr(target_store, "name", str(store))
    written = f"{result.graphs} graphs and {result.quads} quads written" + (
        " (incremental)" if result.incremental else ""
    )
    typer.echo(f"{target}: {result.reports} reports, {result.events} events; {written}")
    for problem in result.problems:
        _fail(problem)
    if result.problems:
        raise typer.Exit(1)


@_command
def events(store: Path = StoreOption, endpoint: str = EndpointOption) -> None:
    """Print the events JSON Lines read back from the store by SPARQL."""
    from graphkg.graph.events import events_from_store

    for record in events_from_store(_store(store, endpoint)):
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")


@_command
def query(
    name: str = typer.Argument(
        None, help="A query of queries/*.rq (without .rq); none lists them."
    ),
    param: list[str] = typer.Option(None, "--param", "-p", help="k=v, bound as an RDF term."),
    format: TableFormat = typer.Option(TableFormat.table, "--format", "-f"),
    store: Path = StoreOption,
    endpoint: str = EndpointOption,
) -> None:
    """Run a query of the library with parameters; without a name, list the queries, their
    questions and typed parameters."""
    from graphkg.graph.query import library, run_library_query

    if not name:
        for q in library().values():
            typer.echo(f"{q.name}: {q.title}\n  {q.question}")
            for p in q.params:
                default = f" = {p.default}" if p.default is not None else " (required)"
                typer.echo(f"  --param {p.name}=<{p.type}>{default}")
        return
    given = {}
    for item in param or []:
        key, sep, value = item.partition("=")
        if not sep:
            raise GraphkgError(f"--param {item!r} is not k=v")
        given[key.strip()] = value
    notes: list[str] = []
    columns, rows = run_library_query(_store(store, endpoint), name, given, notes)
    for note in notes:  # what an institution parameter matched: stderr, so the table stays clean
        typer.echo(f"Note: {note}", err=True)
    _print_rows(columns, rows, format)


@_command
def sparql(
    text: str = typer.Argument(..., help="A SPARQL query, or a file that holds one."),
    format: TableFormat = typer.Option(TableFormat.table, "--format", "-f"),
    allow_update: bool = typer.Option(
        False, "--allow-update", help="Let INSERT/DELETE/... change the store."
    ),
    store: Path = StoreOption,
    endpoint: str = EndpointOption,
) -> None:
    """Run ad-hoc SPARQL; updates are refused unless --allow-update. The project's prefixes (gk:,
    schema:, skos:, graph:, ...) need no PREFIX line; on the embedded store the default graph is
    the union of the named graphs."""
    from graphkg.graph.query import run_sparql

    path = Path(text)
    sparql_text = path.read_text(encoding="utf-8") if len(text) < 4096 and path.is_file() else text
    notes: list[str] = []
    columns, rows = run_sparql(_store(store, endpoint), sparql_text, allow_update, notes)
    for note in notes:  # a gk: term the ontology does not declare would match nothing
        typer.echo(f"Warning: {note}", err=True)
    _print_rows(columns, rows, format)


class ExportFormat(StrEnum):
    turtle = "turtle"
    trig = "trig"
    nquads = "nquads"
    jsonld = "jsonld"
    gexf = "gexf"
    graphml = "graphml"


@_command
def export(
    format: ExportFormat = typer.Option(ExportFormat.trig, "--format", "-f"),
    out: Path = typer.Option(None, "--out", "-o", help="File to write (default: standard output)."),
    store: Path = StoreOption,
) -> None:
    """Write the whole graph (Turtle, TriG, N-Quads, JSON-LD) or the partnership graph (GEXF, GraphML)."""
    from graphkg.views.export import export_graph, export_partnerships

    if format in (ExportFormat.gexf, ExportFormat.graphml):
        data = export_partnerships(_store(store, None), format.value)
    else:
        data = export_graph(_store(store, None), format.value)
    if out:
        out.write_bytes(data)
    else:
        sys.stdout.buffer.write(data)


@_command
def validate(store: Path = StoreOption) -> None:
    """Check the store against the SHACL shapes in ontology/shapes.ttl."""
    from graphkg.graph.shapes import validate_store

    conforms, messages = validate_store(_store(store, None))
    typer.echo("conforms" if conforms else "does not conform:")
    for message in messages:
        typer.echo(f"  {message}")
    if not conforms:
        raise typer.Exit(1)
