"""The library API over the stages before the store: read → parse → extract → resolve, one report
or many. A file that cannot be read becomes a one-line problem; the rest of the batch goes on.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from graphkg.errors import GraphkgError
from graphkg.extract import extract_report
from graphkg.ingest.files import read_document
from graphkg.ingest.layouts import parse_document
from graphkg.models import Report
from graphkg.resolve.resolver import Entity, resolve

REPORT_SUFFIXES = (".txt", ".docx", ".html", ".htm")  # .html: a saved news page


@dataclass
class Batch:
    reports: list[Report] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # one line per file that failed
    entities: dict[str, Entity] = field(default_factory=dict)


def report_paths(inputs: Iterable[str | Path]) -> list[Path]:
    """Files as given; a directory stands for its .txt and .docx files, sorted by name."""
    paths: list[Path] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            paths.extend(sorted(p for p in path.iterdir() if p.suffix.lower() in REPORT_SUFFIXES))
        else:
            paths.append(path)
    return paths


def parse_report(path: str | Path) -> Report:
    """Read, parse and extract one report; raises GraphkgError when the file cannot be read."""
    return extract_report(parse_document(read_document(path)))


def report_notes(report: Report) -> list[str]:
    """What a user must be told about one report on stderr: its warnings (lines decoded with
    replacement characters, a title block that swallows the text, ...) and every prose paragraph
    left without a date."""
    notes = [f"{report.source}: {warning}" for warning in report.warnings]
    return notes + [skipped.describe(report.source) for skipped in report.skipped]


def parse_reports(inputs: Iterable[str | Path]) -> Batch:
    """Parse every report, then resolve institutions and agreements across all of them."""
    batch = Batch()
    for path in report_paths(inputs):
        try:
            batch.reports.append(parse_report(path))
        except GraphkgError as exc:
            batch.problems.append(str(exc))
    resolution = resolve(batch.reports)
    batch.reports, batch.entities = resolution.reports, resolution.entities
    return batch
