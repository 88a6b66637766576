"""Commands over report files, before any store: parse and entities."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path

import typer

from graphkg import pipeline
from graphkg.cli.app import _command, _fail
from graphkg.models import Report
from graphkg.resolve.judgements import append_unsure, judgements_path
from graphkg.resolve.review import review_proposals


class ParseFormat(StrEnum):
    jsonl = "jsonl"
    table = "table"


@_command
def parse(
    reports: list[Path] = typer.Argument(
        ..., help="Report files (.txt, .docx) or directories.", readable=False
    ),  # an unreadable file is one problem line, not a refused batch
    format: ParseFormat = typer.Option(ParseFormat.jsonl, "--format", "-f", help="jsonl or table."),
    strict: bool = typer.Option(
        False, "--strict", help="A prose paragraph left without a date is an error (exit 1)."
    ),
) -> None:
    """Extract events from reports and print them (JSON Lines by default). Warnings and every
    prose paragraph left without a date go to stderr, whatever the format."""
    batch = pipeline.parse_reports(reports)
    if format is ParseFormat.jsonl:
        out = sys.stdout
        for report in batch.reports:
            for event in report.events:
                out.write(json.dumps(event.export(), ensure_ascii=False) + "\n")
    else:
        _print_table(batch.reports)
    for report in batch.reports:
        notes = pipeline.report_notes(report)
        failing = {s.describe(report.source) for s in report.skipped} if strict else set()
        for note in (n for n in notes if n not in failing):  # strict: skipped fail below
            typer.echo(f"warning: {note}", err=True)
    undated = [s.describe(r.source) for r in batch.reports for s in r.skipped] if strict else []
    for problem in batch.problems + undated:
        _fail(problem)
    if batch.problems or undated:
        raise typer.Exit(1)


@_command
def entities(
    reports: list[Path] = typer.Argument(
        ..., help="Report files (.txt, .docx) or directories.", readable=False
    ),  # an unreadable file is one problem line, not a refused batch
    review: bool = typer.Option(
        False,
        "--review",
        help="List proposed merges with their evidence instead, and append them to "
        "judgements.csv as unsure for a person to judge.",
    ),
    user: str = typer.Option(
        "graphkg", "--user", help="Who the appended proposals are recorded as coming from."
    ),
) -> None:
    """List resolved institutions with their name variants, reports, years and event counts."""
    batch = pipeline.parse_reports(reports)
    if review:
        proposals = review_proposals(batch.entities, reports=batch.reports)
        for proposal in proposals:
            typer.echo(f"{proposal.score:.3f}\t{proposal.a}\t{proposal.b}\t{proposal.evidence}")
        added = append_unsure(proposals, user)
        typer.echo(f"{added} proposal(s) appended to {judgements_path()} as unsure", err=True)
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


def _print_table(reports: list[Report]) -> None:
    from rich.table import Table

    from graphkg.cli.app import table_console

    console = table_console()
    for report in reports:
        table = Table(
            title=f"{report.source} — {report.title}", show_lines=False, title_justify="left"
        )
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
            table.add_column(column)  # rich wraps at spaces; "fold" would break words
        for e in report.events:
            dates = f"{e.dates.start.iso()}…{e.dates.end.iso()}" if e.dates else "?"
            table.add_row(
                str(e.n), dates, ", ".join(p.name for p in e.places), "yes" if e.online else "",
                " ".join(e.countries), " ".join(e.by_regions),
                "" if e.participants is None else str(e.participants), e.title,
            )  # fmt: skip
        console.print(table)
        console.print(summary_line(report), soft_wrap=True)
        for warning in report.warnings:
            console.print(f"  warning: {warning}", soft_wrap=True)


def summary_line(report: Report) -> str:
    undated = sum(1 for e in report.events if e.dates is None)
    placeless = sum(1 for e in report.events if not e.places and not e.online)
    if report.news:
        period = f"news item of {report.news.published.isoformat()}"
    else:
        period = report.period.label if report.period else "period unknown"
    skipped = f", {len(report.skipped)} paragraphs skipped" if report.skipped else ""
    if report.background:
        skipped += f", {len(report.background)} background paragraphs"
    decoding = f"; read as {report.decoding}" if report.decoding else ""
    return (
        f"{report.source}: {report.layout.value} layout, {period}: {len(report.events)} events, "
        f"{undated} dates unparsed, {placeless} places unknown{skipped}{decoding}"
    )
