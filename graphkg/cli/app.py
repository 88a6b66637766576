"""The typer application and what every command shares: one-line errors, store options, tables."""

from __future__ import annotations

import functools
import json
import sys
from enum import StrEnum
from pathlib import Path

import typer

from graphkg.errors import GraphkgError

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__)


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
    for line in message.splitlines() or [""]:  # an error may list one line per failed file
        typer.echo(f"Error: {line}", err=True)


def write_out(path: Path, data: bytes | str) -> None:
    """Write a file the user named (--out): its missing folders made; a folder, a path under a
    file or one without permission is one line, never a traceback."""
    if path.is_dir():
        raise GraphkgError(f"cannot write {path}: it is a folder; name a file inside it")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, str):
            path.write_text(data, encoding="utf-8")
        else:
            path.write_bytes(data)
    except (FileExistsError, NotADirectoryError):
        blocker = next(p for p in path.parents if p.exists())
        raise GraphkgError(f"cannot write {path}: {blocker} is a file, not a folder") from None
    except OSError as exc:
        raise GraphkgError(f"cannot write {path}: {exc.strerror or exc}") from None


DEFAULT_STORE = Path("store")


StoreOption = typer.Option(DEFAULT_STORE, "--store", help="Embedded store directory.")


EndpointOption = typer.Option(
    None, "--endpoint", help="A SPARQL 1.1 server instead (Oxigraph layout: /query, /store)."
)


def _store(store: Path, endpoint: str | None):
    from graphkg.graph.remote import RemoteStore
    from graphkg.graph.store import EmbeddedStore

    return RemoteStore(endpoint) if endpoint else EmbeddedStore(store)


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
        from rich.table import Table

        table = Table(*columns)
        for row in rows:
            table.add_row(*("" if row[c] is None else str(row[c]) for c in columns))
        table_console().print(table)


# wide enough for any cell of a report: rich then never wraps, only pads
UNWRAPPED = 100_000


def table_console(file=None):
    """A rich console that wraps tables to the terminal's width, at word boundaries; written to a
    file or a pipe it has no width limit, so no cell breaks (rich would assume 80 columns)."""
    from rich.console import Console

    file = file or sys.stdout
    if file.isatty():
        return Console(file=file)
    return Console(file=file, width=UNWRAPPED, no_color=True, highlight=False, soft_wrap=False)
