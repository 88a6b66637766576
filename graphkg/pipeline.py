"""The library API over the stages: read → parse → extract, one report or many.

A file that cannot be read becomes a one-line problem in the result; the rest of the batch goes on.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from . import rdf
from .errors import GraphkgError
from .extract import extract_report
from .models import Report
from .parse import parse_document
from .read import read_document
from .resolve import Entity, resolve
from .store import EmbeddedStore

REPORT_SUFFIXES = (".txt", ".docx")


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


@dataclass
class BuildResult:
    reports: list[Report]
    problems: list[str]
    graphs: int
    quads: int


def build(inputs: Iterable[str | Path], store, progress=None) -> BuildResult:
    """Parse the inputs, re-resolve them with the reports already in the store, and write every
    graph (one per report, entities, vocabulary, ontology). Embedded stores swap atomically."""

    parsed: dict[str, Report] = {}
    if isinstance(store, EmbeddedStore) and store.exists:
        parsed = {src: Report.model_validate_json(js) for src, js in store.cached_reports().items()}
    problems: list[str] = []
    paths = report_paths(inputs)
    for path in paths:
        try:
            report = parse_report(path)
            parsed[report.source] = report
        except GraphkgError as exc:
            problems.append(str(exc))
        if progress:
            progress(path)
    if not parsed:
        raise GraphkgError("no report could be read; the store was left as it was")
    ordered = [parsed[k] for k in sorted(parsed)]
    resolution = resolve(ordered)
    graphs = {rdf.report_graph_iri(r.source): list(rdf.report_quads(r)) for r in resolution.reports}
    graphs[rdf.ENTITIES_GRAPH] = list(rdf.entity_quads(resolution))
    graphs[rdf.VOCABULARY_GRAPH] = list(rdf.vocabulary_quads())
    graph, quads = rdf.ontology_quads()
    graphs[graph] = quads
    store.write(graphs, {r.source: r.model_dump_json() for r in ordered})
    return BuildResult(
        reports=resolution.reports,
        problems=problems,
        graphs=len(graphs),
        quads=sum(len(q) for q in graphs.values()),
    )
