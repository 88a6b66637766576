"""Quads of agreements, their lives (gk:AgreementEvidence nodes) and dated renames, for the
entities graph (resolve/lives computes them; graph/nodes holds them as nodes).
"""

from __future__ import annotations

from collections.abc import Iterator

from pyoxigraph import Quad

from graphkg.graph.quads import agreement_kind_iri, event_iri, report_iri, report_stem
from graphkg.graph.vocab import NAMESPACES, PROV, RDFS, A, gk, n, text, typed
from graphkg.resolve.lives import Evidence, Record, RenameBounds, life_years

DCTERMS = NAMESPACES["dcterms"]
_XSD_OF_LENGTH = {4: "gYear", 7: "gYearMonth", 10: "date"}


def evidence_iri(agreement: str, e: Evidence) -> str:
    tail = f"/{e.renewal.rsplit('/', 1)[-1]}" if e.renewal else ""
    return f"{agreement}/evidence/{e.kind}/{report_stem(e.source)}/{e.row}{tail}"


def agreement_state(rec: Record, numbers, evidence: list[Evidence], renews: str | None) -> tuple:
    """The agreement node's state; it links its evidence nodes itself (an incremental build
    rewrites a node's quads by their subject)."""
    years = life_years(evidence)
    return ("agreement", rec.kind, rec.parties, rec.date, numbers, rec.subject,
            (rec.part_of,) if rec.part_of else (), rec.term, renews,
            (years[0], years[-1], len(years)) if years else None,
            tuple(evidence_iri(rec.id, e) for e in evidence))  # fmt: skip


def evidence_state(agreement: str, e: Evidence) -> tuple:
    return ("evidence", agreement, e.kind, e.source, e.row, e.date, e.inferred, e.renewal)


def agreement_quads(
    a, kind, parties, signed, numbers, subject, part_of, term, renews, life, evidence, g
) -> Iterator[Quad]:
    yield Quad(a, A, gk("Agreement"), g)
    yield Quad(a, gk("agreementKind"), agreement_kind_iri(kind), g)
    yield Quad(a, n(RDFS + "label"), text(kind, "ru"), g)
    for party in parties:
        yield Quad(a, gk("party"), n(party), g)
    if signed:
        yield Quad(a, gk("signedOn"), _date(signed), g)
    for number in numbers:
        yield Quad(a, gk("registrationNumber"), text(number), g)
    if subject:
        yield Quad(a, gk("subjectText"), text(subject, "ru"), g)
    for whole in part_of:
        yield Quad(a, gk("partOf"), n(whole), g)
    if term:
        yield Quad(a, gk("termText"), text(term, "ru"), g)
    if renews:
        yield Quad(a, gk("renews"), n(renews), g)
    if life:
        first, last, count = life
        yield Quad(a, gk("lifeFirstYear"), typed(first, "integer"), g)
        yield Quad(a, gk("lifeLastYear"), typed(last, "integer"), g)
        yield Quad(a, gk("lifeYearCount"), typed(count, "integer"), g)
    for node in evidence:
        yield Quad(a, gk("evidence"), n(node), g)


def evidence_quads(
    node, agreement, kind, source, row, date, inferred, renewal, g
) -> Iterator[Quad]:
    yield Quad(node, A, gk("AgreementEvidence"), g)
    yield Quad(node, gk("evidenceKind"), text(kind), g)
    yield Quad(node, gk("inferred"), typed(inferred, "boolean"), g)
    yield Quad(node, n(PROV + "wasDerivedFrom"), event_iri(source, row), g)
    yield Quad(node, gk("sourceReport"), report_iri(source), g)
    yield Quad(node, gk("sourceRow"), typed(row, "integer"), g)
    if date:
        yield Quad(node, gk("evidenceDate"), _date(date), g)
    if renewal:
        yield Quad(node, gk("renewedBy"), n(renewal), g)


def rename_state(bounds: RenameBounds | None) -> tuple | None:
    if bounds is None:
        return None
    return (bounds.date, bounds.source, bounds.not_before, bounds.not_after)


def rename_quads(change, state: tuple | None, g) -> Iterator[Quad]:
    """The dating of an org:ChangeEvent: a sourced date, or the bounds the reports give."""
    if not state:
        return
    date, source, not_before, not_after = state
    if date:
        yield Quad(change, gk("changeDate"), _date(date), g)
        yield Quad(change, n(DCTERMS + "source"), text(source or ""), g)
    for prop, bound in (("notBefore", not_before), ("notAfter", not_after)):
        if bound:
            when, report, row = bound
            yield Quad(change, gk(prop), _date(when), g)
            yield Quad(change, gk(prop + "Evidence"), event_iri(report, row), g)


def _date(iso: str):
    return typed(iso, _XSD_OF_LENGTH.get(len(iso), "date"))
