"""Commands that draw or serve what the store holds: partners, network, map, timeline, serve."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path

import typer

from graphkg.cli.app import (
    EndpointOption,
    StoreOption,
    TableFormat,
    _command,
    _print_rows,
    _store,
    write_out,
)


@_command
def serve(
    store: Path = StoreOption,
    host: str = typer.Option(
        "127.0.0.1", "--host", help="Address to listen on (this machine only by default)."
    ),
    port: int = typer.Option(7878, "--port"),
    timeout: float = typer.Option(60.0, "--timeout", help="Seconds before a query is stopped."),
    max_rows: int = typer.Option(
        200_000, "--max-rows", help="Rows of one answer; a cut is announced."
    ),
    allow_service: bool = typer.Option(
        False, "--allow-service", help="Let SERVICE send requests to the servers a query names."
    ),
) -> None:
    """The workbench: a read-only SPARQL endpoint (/sparql, /query), a query page with the
    library (/), entity pages (/id/...), the map and the timeline."""
    from graphkg.errors import GraphkgError
    from graphkg.graph.limits import Limits
    from graphkg.views.serve import serve as run_server

    if timeout <= 0 or max_rows <= 0:
        raise GraphkgError("--timeout and --max-rows must be positive")
    limits = Limits(timeout, max_rows, allow_service)
    run_server(_store(store, None), host, port, limits, announce=typer.echo)


@_command
def partners(
    min_events: int = typer.Option(
        2, "--min-events", help="Shared events that make partners repeat (two years also do)."
    ),
    format: TableFormat = typer.Option(TableFormat.table, "--format", "-f"),
    store: Path = StoreOption,
    endpoint: str = EndpointOption,
) -> None:
    """Repeat partnerships with their evidence (report and row of each shared event)."""
    from graphkg.views.network import partnership_graph, repeat_partners

    rows = repeat_partners(partnership_graph(_store(store, endpoint)), min_events)
    columns = ["home", "foreign", "events", "agreements", "first_year", "last_year", "evidence"]
    _print_rows(columns, rows, format)


@_command
def network(
    top: int = typer.Option(
        10, "--top", help="How many central institutions and communities to list."
    ),
    store: Path = StoreOption,
    endpoint: str = EndpointOption,
) -> None:
    """Centrality (degree, betweenness), Louvain communities and region-bridging institutions, as JSON."""
    from graphkg.views.network import network_summary, partnership_graph

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
    sphere: str = typer.Option(
        None,
        "--sphere",
        help="A sphere id (see data/spheres.csv); a broader one takes those under it.",
    ),
    region: str = typer.Option(None, "--region", help="A Belarusian region, BY-XX."),
    min_weight: int = typer.Option(1, "--min-weight", help="Hide partnerships lighter than this."),
    layout: Layout = typer.Option(
        Layout.force, "--layout", help="force, or geo: at the places, over the regions' outlines."
    ),
    lineage: bool = typer.Option(
        False, "--lineage", help="Draw a renamed body (org:ChangeEvent) as one node with its names."
    ),
    store: Path = StoreOption,
    endpoint: str = EndpointOption,
) -> None:
    """Write the interactive partnership map: one HTML file that works offline."""
    from graphkg.tables import spheres
    from graphkg.views.lineage import merge_lineages, rename_bounds, renames
    from graphkg.views.map import render_map
    from graphkg.views.network import Filters, partnership_graph

    source = _store(store, endpoint)
    graph = partnership_graph(source, Filters(year_from, year_to, sphere, region))
    if lineage:
        graph = merge_lineages(graph, renames(source), rename_bounds(source))
    graph.remove_edges_from(
        [(a, b) for a, b, d in graph.edges(data=True) if d["weight"] < min_weight]
    )
    graph.remove_nodes_from([n for n in list(graph.nodes) if graph.degree(n) == 0])
    labels = {s.id: s.label_ru for s in spheres()}
    html = render_map(
        graph, "Партнерства Смоленской области / Smolensk region partnerships", layout.value, labels
    )
    write_out(out, html)
    typer.echo(f"{out}: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges")


@_command
def timeline(
    out: Path = typer.Option(Path("out/timeline.html"), "--out", "-o"),
    store: Path = StoreOption,
    endpoint: str = EndpointOption,
) -> None:
    """Write the timeline of repeat partnerships and agreements across years (HTML with SVG)."""
    from graphkg.views.timeline import timeline_from_store

    html = timeline_from_store(
        _store(store, endpoint), "Партнерства по годам / Partnerships across years"
    )
    write_out(out, html)
    typer.echo(f"{out}")
