"""The facts of one report that resolution and the shared graphs need, as named records.

The store keeps them (store/facts.json), so adding a report re-resolves without re-reading the
other reports.
"""

from __future__ import annotations

from graphkg.models import Report
from graphkg.resolve.keys import canonical_key, institution_iri

# The facts of one report that resolution and the shared graphs need, as plain JSON-able lists:
# {"source": ..., "events": [[n, year, institutions, agreements, places], ...]} with
# institutions [[name, country, region, legal_form, kind, key, iri, role, evidence], ...]
# (key: canonical_key(name); role: what the row says the body does; evidence: how its country is known),
# agreements [[kind, status, [parties], date, number, subject], ...] and places [[id, name], ...].
# The store keeps them (store/facts.json), so adding a report re-resolves without re-reading the
# other reports.
Facts = dict


def report_facts(report: Report) -> Facts:
    events = []
    for event in report.events:
        events.append([
            event.n,
            event.dates.start.year if event.dates else None,
            [[m.name, m.country, m.region, m.legal_form, m.kind, canonical_key(m.name), institution_iri(m.name, m.country),
              m.role, m.evidence]
             for m in event.institutions],
            [[a.kind, a.status, list(a.parties), a.date, a.number, a.subject] for a in event.agreements],
            [[p.id, p.name] for p in event.places],
        ])  # fmt: skip
    return {"source": report.source, "events": events}


def pack_facts(facts: list[Facts]) -> dict:
    """Facts for storage: each distinct institution mention written once, events refer to it."""
    table: dict[tuple, int] = {}
    reports = []
    for report in facts:
        events = [[n, year, [table.setdefault(tuple(m), len(table)) for m in institutions], agreements, places]
                  for n, year, institutions, agreements, places in report["events"]]  # fmt: skip
        reports.append({"source": report["source"], "events": events})
    return {"institutions": list(table), "reports": reports}


def unpack_facts(packed: dict) -> list[Facts]:
    table = [tuple(m) for m in packed["institutions"]]
    return [
        {"source": r["source"], "events": [[n, year, [table[i] for i in refs], agreements, places]
                                           for n, year, refs, agreements, places in r["events"]]}
        for r in packed["reports"]
    ]  # fmt: skip
