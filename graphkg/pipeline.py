"""The library API over the stages before the store: read → parse → extract → resolve, one report
or many. A file that cannot be read becomes a one-line problem; the rest of the batch goes on.
"""

from __future__ import annotations

import os
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
            try:
                paths.extend(
                    sorted(p for p in path.iterdir() if p.suffix.lower() in REPORT_SUFFIXES)
                )
            except OSError:  # a folder that cannot be listed: try_parse makes it a problem line
                paths.append(path)
        else:
            paths.append(path)
    return paths


def unique_paths(paths: list[Path]) -> tuple[list[Path], list[str]]:
    """The paths whose file names are unique, and a problem line for each name used twice: a report
    is known by its file name (its source), so neither of two same-named files is read."""
    by_name: dict[str, list[Path]] = {}
    for path in paths:
        by_name.setdefault(Path(path).name, []).append(Path(path))
    refused = {name: same for name, same in by_name.items() if len({p.resolve() for p in same}) > 1}
    problems = [
        f"{' and '.join(str(p) for p in same)} are both named {name}; a report is known by its "
        "file name, so neither was read: rename one"
        for name, same in refused.items()
    ]
    seen: set[Path] = set()
    kept = []
    for path in paths:
        path = Path(path)
        if (
            path.name not in refused and path.resolve() not in seen
        ):  # the same file given twice: once
            seen.add(path.resolve())
            kept.append(path)
    return kept, problems


def try_parse(path: str | Path) -> tuple[Report | None, str | None]:
    """(report, None), or (None, one problem line): a file that cannot be read, or that trips over
    a fault of the parser, fails alone and the rest of a batch goes on."""
    name = Path(path).name
    try:
        if Path(path).is_dir():
            os.listdir(path)  # raises: report_paths passes on only folders it could not list
            return None, f"{name} is a folder of no reports"
        return parse_report(path), None
    except GraphkgError as exc:
        return None, str(exc)
    except OSError as exc:  # permissions, a vanished file, an I/O error
        return None, f"{name} cannot be read: {exc.strerror or exc}"
    except Exception as exc:  # noqa: BLE001 - one file's fault must not sink the batch
        detail = (str(exc).splitlines() or [""])[0]
        return None, f"{name} could not be parsed ({type(exc).__name__}: {detail})"


def parse_report(path: str | Path) -> Report:
    """Read, parse and extract one report; raises GraphkgError when the file cannot be read."""
    return extract_report(parse_document(read_document(path)))


def report_notes(report: Report) -> list[str]:
    """What a user must be told about one report on stderr: its warnings (lines decoded with
    replacement characters, a title block that swallows the text, ...) and every prose paragraph
    left without a date."""
    notes = [f"{report.source}: {warning}" for warning in report.warnings]
    notes += [skipped.describe(report.source) for skipped in report.skipped]
    return notes + [told.describe_background(report.source) for told in report.background]


def parse_reports(inputs: Iterable[str | Path]) -> Batch:
    """Parse every report, then resolve institutions and agreements across all of them."""
    batch = Batch()
    paths, batch.problems = unique_paths(report_paths(inputs))
    for path in paths:
        report, problem = try_parse(path)
        if report is not None:
            batch.reports.append(report)
        else:
            batch.problems.append(problem)
    resolution = resolve(batch.reports)
    batch.reports, batch.entities = resolution.reports, resolution.entities
    return batch
