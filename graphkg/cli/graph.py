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
    write_out,
)
from graphkg.errors import GraphkgError
from graphkg.graph.build import build as build_store


@_command
def build(
    reports: list[Path] = typer.Argument(
        None, help="Report files (.txt, .docx, .html) or directories.", readable=False
    ),  # an unreadable file is one problem line, not a refused batch
    store: Path = StoreOption,
    endpoint: str = EndpointOption,
    strict: bool = typer.Option(
        False,
        "--strict",
        help="A prose paragraph left without a date is an error; nothing written.",
    ),
) -> None:
    """Parse, resolve and load reports into the store (idempotent, incremental, atomic). Warnings
    and every prose paragraph left without a date go to stderr."""
    from rich.progress import Progress

    if not reports:  # no default folder: one relative to wherever the command runs misleads
        raise GraphkgError(
            "name the reports to build (files or folders), e.g. `graphkg build data/raw`"
        )
    inputs = reports
    paths = pipeline.report_paths(inputs)
    target_store = _store(store, endpoint)
    with Progress(transient=True) as progress:
        task = progress.add_task("reading reports", total=len(paths))
        result = build_store(paths, target_store, on_wait=_note, strict=strict,
                             progress=lambda _: progress.advance(task))  # fmt: skip
    _report(getattr(target_store, "name", str(store)), result, store)


@_command
def remove(
    reports: list[str] = typer.Argument(..., help="Reports to take out, by file name."),
    store: Path = StoreOption,
) -> None:
    """Take reports out of the store: their graphs, and what only they supported (entities,
    agreements, partnerships and places are resolved again from the reports that stay)."""
    from graphkg.graph.build import remove as remove_reports
    from graphkg.graph.store import EmbeddedStore

    _report(str(store), remove_reports(reports, EmbeddedStore(store), on_wait=_note), store)


def _note(message: str) -> None:
    typer.echo(message, err=True)


def _report(target: str, result, store: Path) -> None:
    if result.unchanged:
        written = "unchanged, nothing written"
    elif result.incremental:
        written = (f"{result.graphs} graphs changed, {result.quads} quads added and "
                   f"{result.removed_quads} removed (incremental)")  # fmt: skip
    else:
        written = f"{result.graphs} graphs and {result.quads} quads written"
    typer.echo(f"{target}: {result.reports} reports, {result.events} events; {written}")
    if result.not_given:
        typer.echo(f"{target} also holds {result.not_given} reports this build was not given; "
                   f"`graphkg remove REPORT --store {store}` takes one out")  # fmt: skip
    for note in result.notes:
        _note(f"Note: {note}")
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


TimeoutOption = typer.Option(60.0, "--timeout", help="Seconds before the query is stopped.")
MaxRowsOption = typer.Option(200_000, "--max-rows", help="Rows kept; a cut is announced on stderr.")


def _limits(timeout: float, max_rows: int, allow_service: bool = False):
    from graphkg.graph.limits import Limits

    if timeout <= 0 or max_rows <= 0:
        raise GraphkgError("--timeout and --max-rows must be positive")
    return Limits(timeout=timeout, max_rows=max_rows, allow_service=allow_service)


def _announce(result) -> None:
    if getattr(result, "truncated", False):
        typer.echo(f"graphkg: the answer was cut at {result.limit} rows (--max-rows)", err=True)


@_command
def query(
    name: str = typer.Argument(
        None, help="A query of queries/*.rq (without .rq); none lists them."
    ),
    param: list[str] = typer.Option(None, "--param", "-p", help="k=v, bound as an RDF term."),
    format: TableFormat = typer.Option(TableFormat.table, "--format", "-f"),
    timeout: float = TimeoutOption,
    max_rows: int = MaxRowsOption,
    store: Path = StoreOption,
    endpoint: str = EndpointOption,
) -> None:
    """Run a query of the library with parameters (bounded: --timeout, --max-rows); without a
    name, list the queries, their questions and typed parameters."""
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
    limits = _limits(timeout, max_rows)
    result = run_library_query(_store(store, endpoint), name, given, notes, limits)
    for note in notes:  # what an institution parameter matched: stderr, so the table stays clean
        typer.echo(f"Note: {note}", err=True)
    _print_rows(*result, format)
    _announce(result)


@_command
def sparql(
    text: str = typer.Argument(..., help="A SPARQL query, or a file that holds one."),
    format: TableFormat = typer.Option(TableFormat.table, "--format", "-f"),
    allow_update: bool = typer.Option(
        False,
        "--allow-update",
        help="Let INSERT/DELETE/... change the store; LOAD reads only local files (file:///...).",
    ),
    allow_service: bool = typer.Option(
        False, "--allow-service", help="Let SERVICE send requests to the servers a query names."
    ),
    timeout: float = TimeoutOption,
    max_rows: int = MaxRowsOption,
    store: Path = StoreOption,
    endpoint: str = EndpointOption,
) -> None:
    """Run ad-hoc SPARQL, bounded (--timeout, --max-rows; Ctrl-C stops it); updates are refused
    unless --allow-update, SERVICE unless --allow-service. The project's prefixes (gk:, schema:,
    skos:, graph:, ...) need no PREFIX line; on the embedded store the default graph is the union
    of the named graphs."""
    from graphkg.graph.query import run_sparql

    path = Path(text)
    sparql_text = path.read_text(encoding="utf-8") if len(text) < 4096 and path.is_file() else text
    notes: list[str] = []
    limits = _limits(timeout, max_rows, allow_service)
    result = run_sparql(_store(store, endpoint), sparql_text, allow_update, notes, limits)
    for note in notes:  # a gk: term the ontology does not declare would match nothing
        typer.echo(f"Warning: {note}", err=True)
    _print_rows(*result, format)
    _announce(result)


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
        write_out(out, data)
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
