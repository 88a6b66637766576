"""The `graphkg` command: a thin typer layer over the library; parsing and printing only."""

from __future__ import annotations

import functools
import json
import sys
from enum import StrEnum
from pathlib import Path

import typer

from . import pipeline, resolve
from .errors import GraphkgError
from .models import Report

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__)


class ParseFormat(StrEnum):
    jsonl = "jsonl"
    table = "table"


def _command(function=None, *, name: str | None = None):
    """Register a command whose user errors print as one line (exit 1), never a traceback."""
    if function is None:
        return lambda f: _command(f, name=name)

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        try:
            return function(*args, **kwargs)
        except GraphkgError as exc:
            _fail(str(exc))
            raise typer.Exit(1) from None

    return app.command(name)(wrapper)


@app.callback()
def _root() -> None:
    """graphkg: a knowledge graph of regional partnerships from cooperation reports."""


def _fail(message: str) -> None:
    typer.echo(f"Error: {message}", err=True)


@_command
def parse(
    reports: list[Path] = typer.Argument(..., help="Report files (.txt, .docx) or directories."),
    format: ParseFormat = typer.Option(ParseFormat.jsonl, "--format", "-f", help="jsonl or table."),
) -> None:
    """Extract events from reports and print them (JSON Lines by default)."""
    batch = pipeline.parse_reports(reports)
    if format is ParseFormat.jsonl:
        out = sys.stdout
        for report in batch.reports:
            for event in report.events:
                out.write(json.dumps(event.export(), ensure_ascii=False) + "\n")
    else:
        _print_table(batch.reports)
    for problem in batch.problems:
        _fail(problem)
    if batch.problems:
        raise typer.Exit(1)


@_command
def entities(
    reports: list[Path] = typer.Argument(..., help="Report files (.txt, .docx) or directories."),
    review: bool = typer.Option(False, "--review", help="List proposed merges with their evidence instead."),
) -> None:
    """List resolved institutions with their name variants, reports, years and event counts."""
    batch = pipeline.parse_reports(reports)
    if review:
        for proposal in resolve.review_proposals(batch.entities):
            typer.echo(f"{proposal.score:.3f}\t{proposal.a}\t{proposal.b}\t{proposal.evidence}")
    else:
        for entity in sorted(batch.entities.values(), key=lambda e: (-e.events, e.label)):
            record = {
                "id": entity.id,
                "name": entity.label,
                "country": entity.country,
                "variants": sorted(entity.names),
                "reports": sorted(entity.reports),
                "years": sorted(entity.years),
                "events": entity.events,
                "predecessor": entity.predecessor,
                "successor": entity.successor,
            }
            typer.echo(json.dumps(record, ensure_ascii=False))
    for problem in batch.problems:
        _fail(problem)
    if batch.problems:
        raise typer.Exit(1)


DEFAULT_STORE = Path("store")
StoreOption = typer.Option(DEFAULT_STORE, "--store", help="Embedded store directory.")
EndpointOption = typer.Option(None, "--endpoint", help="A SPARQL 1.1 server instead (Oxigraph layout: /query, /store).")


def _store(store: Path, endpoint: str | None):
    from .store import EmbeddedStore, RemoteStore

    return RemoteStore(endpoint) if endpoint else EmbeddedStore(store)


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
    with Progress(transient=True) as progress:
        task = progress.add_task("reading reports", total=len(paths))
        result = pipeline.build(paths, _store(store, endpoint), progress=lambda _: progress.advance(task))
    target = endpoint or str(store)
    written = f"{result.graphs} graphs and {result.quads} quads written" + (" (incremental)" if result.incremental else "")
    typer.echo(f"{target}: {result.reports} reports, {result.events} events; {written}")
    for problem in result.problems:
        _fail(problem)
    if result.problems:
        raise typer.Exit(1)


@_command
def events(store: Path = StoreOption, endpoint: str = EndpointOption) -> None:
    """Print the events JSON Lines read back from the store by SPARQL."""
    from .query import events_from_store

    for record in events_from_store(_store(store, endpoint)):
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")


class TableFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


def _print_rows(columns: list[str], rows: list[dict], format: TableFormat) -> None:
    if format is TableFormat.json:
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
    elif format is TableFormat.csv:
        import csv

        writer = csv.DictWriter(sys.stdout, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(*columns)
        for row in rows:
            table.add_row(*("" if row[c] is None else str(row[c]) for c in columns))
        Console().print(table)


@_command
def query(
    name: str = typer.Argument(None, help="A query of queries/*.rq (without .rq); none lists them."),
    param: list[str] = typer.Option(None, "--param", "-p", help="k=v, bound as an RDF term."),
    format: TableFormat = typer.Option(TableFormat.table, "--format", "-f"),
    store: Path = StoreOption,
    endpoint: str = EndpointOption,
) -> None:
    """Run a query of the library with parameters."""
    from .query import library, run_library_query

    if not name:
        for q in library().values():
            params = " ".join(f"{p.name}={p.default or '?'}" for p in q.params)
            typer.echo(f"{q.name}\t{q.title}\t{params}")
        return
    given = {}
    for item in param or []:
        key, sep, value = item.partition("=")
        if not sep:
            raise GraphkgError(f"--param {item!r} is not k=v")
        given[key.strip()] = value
    columns, rows = run_library_query(_store(store, endpoint), name, given)
    _print_rows(columns, rows, format)


@_command
def sparql(
    text: str = typer.Argument(..., help="A SPARQL query, or a file that holds one."),
    format: TableFormat = typer.Option(TableFormat.table, "--format", "-f"),
    allow_update: bool = typer.Option(False, "--allow-update", help="Let INSERT/DELETE/... change the store."),
    store: Path = StoreOption,
    endpoint: str = EndpointOption,
) -> None:
    """Run ad-hoc SPARQL; updates are refused unless --allow-update."""
    from .query import run_sparql

    path = Path(text)
    sparql_text = path.read_text(encoding="utf-8") if len(text) < 4096 and path.is_file() else text
    columns, rows = run_sparql(_store(store, endpoint), sparql_text, allow_update)
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
    from .export import export_graph, export_partnerships

    if format in (ExportFormat.gexf, ExportFormat.graphml):
        data = export_partnerships(_store(store, None), format.value)
    else:
        data = export_graph(_store(store, None), format.value)
    if out:
        out.write_bytes(data)
    else:
        sys.stdout.buffer.write(data)


@_command
def serve(
    store: Path = StoreOption,
    host: str = typer.Option("127.0.0.1", "--host"),
    port: int = typer.Option(7878, "--port"),
) -> None:
    """A local SPARQL endpoint (/query) with a query page (/)."""
    from .serve import serve as run_server

    typer.echo(f"SPARQL endpoint on http://{host}:{port}/query (query page: http://{host}:{port}/)")
    run_server(_store(store, None), host, port)


@_command
def validate(store: Path = StoreOption) -> None:
    """Check the store against the SHACL shapes in ontology/shapes.ttl."""
    from .shapes import validate_store

    conforms, messages = validate_store(_store(store, None))
    typer.echo("conforms" if conforms else "does not conform:")
    for message in messages:
        typer.echo(f"  {message}")
    if not conforms:
        raise typer.Exit(1)


@_command
def partners(
    min_events: int = typer.Option(2, "--min-events", help="Shared events that make partners repeat (two years also do)."),
    format: TableFormat = typer.Option(TableFormat.table, "--format", "-f"),
    store: Path = StoreOption,
    endpoint: str = EndpointOption,
) -> None:
    """Repeat partnerships with their evidence (report and row of each shared event)."""
    from .analysis import partnership_graph, repeat_partners

    rows = repeat_partners(partnership_graph(_store(store, endpoint)), min_events)
    columns = ["home", "foreign", "events", "agreements", "first_year", "last_year", "evidence"]
    _print_rows(columns, rows, format)


@_command
def network(
    top: int = typer.Option(10, "--top", help="How many central institutions and communities to list."),
    store: Path = StoreOption,
    endpoint: str = EndpointOption,
) -> None:
    """Centrality (degree, betweenness), Louvain communities and region-bridging institutions, as JSON."""
    from .analysis import network_summary, partnership_graph

    summary = network_summary(partnership_graph(_store(store, endpoint)), top)
    typer.echo(json.dumps(summary, ensure_ascii=False, indent=2))


class Layout(StrEnum):
    force = "force"
    geo = "geo"


@_command(name="map")
def map_command(
    out: Path = typer.Option(Path("out/map.html"), "--out", "-o"),
    year_from: int = typer.Option(None, "--from", help="First year."),
    year_to: int = typer.Option(None, "--to", help="Last year."),
    sphere: str = typer.Option(None, "--sphere", help="A sphere id (see data/spheres.csv)."),
    region: str = typer.Option(None, "--region", help="A Belarusian region, BY-XX."),
    min_weight: int = typer.Option(1, "--min-weight", help="Hide partnerships lighter than this."),
    layout: Layout = typer.Option(Layout.force, "--layout"),
    store: Path = StoreOption,
    endpoint: str = EndpointOption,
) -> None:
    """Write the interactive partnership map: one HTML file that works offline."""
    from .analysis import Filters, partnership_graph
    from .lookups import spheres
    from .map import render_map

    graph = partnership_graph(_store(store, endpoint), Filters(year_from, year_to, sphere, region))
    graph.remove_edges_from([(a, b) for a, b, d in graph.edges(data=True) if d["weight"] < min_weight])
    graph.remove_nodes_from([n for n in list(graph.nodes) if graph.degree(n) == 0])
    labels = {s.id: s.label_ru for s in spheres()}
    html = render_map(graph, "Партнерства Смоленской области / Smolensk region partnerships", layout.value, labels)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(html, encoding="utf-8")
    typer.echo(f"{out}: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges")


@_command
def timeline(
    out: Path = typer.Option(Path("out/timeline.html"), "--out", "-o"),
    store: Path = StoreOption,
    endpoint: str = EndpointOption,
) -> None:
    """Write the timeline of repeat partnerships and agreements across years (HTML with SVG)."""
    from .analysis import partnership_graph
    from .timeline import render_timeline

    html = render_timeline(partnership_graph(_store(store, endpoint)), "Партнерства по годам / Partnerships across years")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(html, encoding="utf-8")
    typer.echo(f"{out}")


def _print_table(reports: list[Report]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    for report in reports:
        table = Table(title=f"{report.source} — {report.title}", show_lines=False)
        for column in (
            "n",
            "dates",
            "places",
            "online",
            "countries",
            "BY regions",
            "participants",
            "title",
        ):
            table.add_column(column, overflow="fold")
        for e in report.events:
            dates = f"{e.dates.start.iso()}…{e.dates.end.iso()}" if e.dates else "?"
            table.add_row(
                str(e.n), dates, ", ".join(p.name for p in e.places), "yes" if e.online else "",
                " ".join(e.countries), " ".join(e.by_regions),
                "" if e.participants is None else str(e.participants), e.title[:80],
            )  # fmt: skip
        console.print(table)
        console.print(summary_line(report), soft_wrap=True)
        for warning in report.warnings:
            console.print(f"  warning: {warning}", soft_wrap=True)


def summary_line(report: Report) -> str:
    undated = sum(1 for e in report.events if e.dates is None)
    placeless = sum(1 for e in report.events if not e.places and not e.online)
    period = report.period.label if report.period else "period unknown"
    return (
        f"{report.source}: {report.layout.value} layout, {period}: {len(report.events)} events, "
        f"{undated} dates unparsed, {placeless} places unknown"
    )


def main() -> None:  # pragma: no cover - console entry point
    app()
