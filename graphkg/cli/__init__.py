"""The `graphkg` command: a thin typer layer over the library; parsing and printing only.

Commands are grouped by what they read: report files (reports), the store (graph), and the views
drawn from it (views).
"""

from __future__ import annotations

from graphkg.cli import coverage, graph, reports, views  # noqa: F401  (registers the commands)
from graphkg.cli.app import app

__all__ = ["app", "main"]


def main() -> None:  # pragma: no cover - console entry point
    app()
