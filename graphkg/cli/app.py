"""The typer application and what every command shares: one-line errors, store options, tables."""

from __future__ import annotations

import contextvars
import functools
import inspect
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

    remote = "endpoint" in inspect.signature(function).parameters

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        # the remote URLs reach _store() without every command passing them on (and a command
        # without them never sees the last one's, as in a test running several)
        _REMOTE.set({key: kwargs.pop(key, None) for key in _REMOTE_OPTIONS} if remote else None)
        try:
            return function(*args, **kwargs)
        except GraphkgError as exc:
            _fail(str(exc))
            raise typer.Exit(1) from None

    if remote:
        _add_remote_options(wrapper, function)
    return app.command(name)(wrapper)


_REMOTE_OPTIONS = {
    "query_url": (str, typer.Option(None, "--query-url", help="SPARQL 1.1 Protocol query URL (Virtuoso: http://HOST:8890/sparql).")),
    "update_url": (str, typer.Option(None, "--update-url", help="SPARQL 1.1 Update URL (Virtuoso: .../sparql-auth).")),
    "store_url": (str, typer.Option(None, "--store-url", help="Graph Store Protocol URL (Virtuoso: .../sparql-graph-crud-auth).")),
    "state_dir": (Path, typer.Option(None, "--state-dir", help="Where remote builds keep their state (default: $XDG_STATE_HOME/graphkg/remote/).")),
}  # fmt: skip


_REMOTE: contextvars.ContextVar[dict | None] = contextvars.ContextVar("remote", default=None)


def _add_remote_options(wrapper, function) -> None:
    """Give a command that takes --endpoint the other remote options too (typer reads the
    signature and annotations)."""
    signature = inspect.signature(function)
    extra = [inspect.Parameter(key, inspect.Parameter.KEYWORD_ONLY, default=option, annotation=kind)
             for key, (kind, option) in _REMOTE_OPTIONS.items()]  # fmt: skip
    wrapper.__signature__ = signature.replace(parameters=[*signature.parameters.values(), *extra])
    wrapper.__annotations__ = {
        **function.__annotations__,
        **{k: t for k, (t, _) in _REMOTE_OPTIONS.items()},
    }


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
    None,
    "--endpoint",
    help="A SPARQL 1.1 server instead, Oxigraph's layout (/query, /update, /store); other servers: "
    "--query-url, --update-url, --store-url. Credentials: GRAPHKG_USER and GRAPHKG_PASSWORD, or netrc.",
)


def _store(store: Path, endpoint: str | None):
    """The embedded store, or a remote one when --endpoint or a remote URL is given."""
    from graphkg.graph.remote import RemoteStore
    from graphkg.graph.store import EmbeddedStore

    remote = _REMOTE.get() or {}
    if endpoint is None and not any(remote.values()):
        return EmbeddedStore(store)
    urls = {k: v for k, v in remote.items() if k != "state_dir"}
    return RemoteStore(endpoint, **urls, state_dir=remote.get("state_dir"))


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
