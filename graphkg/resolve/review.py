"""Look-alike names proposed for a person to accept or refuse; nothing is merged here."""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

from graphkg.resolve.keys import _not_same, canonical_key
from graphkg.resolve.resolver import Entity


@dataclass(frozen=True)
class Proposal:
    a: str
    b: str
    score: float
    evidence: str


def review_proposals(entities: dict[str, Entity], threshold: float = 0.85) -> list[Proposal]:
    """Pairs of entities whose names look alike: for a person to accept into aliases.csv or
    not_same.csv. Nothing is merged here."""
    items = sorted(entities.values(), key=lambda e: e.id)
    refused = _not_same()
    out = []
    for i, a in enumerate(items):
        for b in items[i + 1 :]:
            if a.country != b.country:
                continue
            ka, kb = canonical_key(a.label), canonical_key(b.label)
            if frozenset((ka, kb)) in refused or {a.successor, a.predecessor} & {b.id}:
                continue
            score = SequenceMatcher(None, ka, kb).ratio()
            if score >= threshold:
                evidence = f"{sorted(a.reports)} / {sorted(b.reports)}"
                out.append(Proposal(a.label, b.label, round(score, 3), evidence))
    return sorted(out, key=lambda p: (-p.score, p.a))
