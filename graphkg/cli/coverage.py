"""The coverage command: which periods the store's reports cover, and which have no report."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer

from graphkg.cli.app import EndpointOption, StoreOption, TableFormat, _command, _print_rows, _store


class By(StrEnum):
    year = "year"
    quarter = "quarter"
    month = "month"


@_command
def coverage(
    by: By = typer.Option(By.quarter, "--by", help="Period: year, quarter or month."),
    format: TableFormat = typer.Option(TableFormat.table, "--format", "-f"),
    store: Path = StoreOption,
    endpoint: str = EndpointOption,
) -> None:
    """Every period from the first report to the last: covered (scope, reports) or no report.
    A warning on stderr when the periods are not covered alike (counts across them mislead)."""
    from graphkg.graph.coverage import (
        comparison_warning,
        coverage_periods,
        period_coverage,
        store_coverage,
    )

    rows = store_coverage(_store(store, endpoint))
    periods = coverage_periods(rows, by.value)
    columns = ["period", "status", "scope", "months_covered", "months", "reports"]
    _print_rows(columns, periods, format)
    warning = comparison_warning(period_coverage(rows, [p["period"] for p in periods]))
    if warning:
        typer.echo(warning, err=True)
