"""Look-alike names proposed for a person to judge; nothing is merged here.

Candidates come from a blocking index, not from all pairs: two entities are compared only when
they share a quoted proper name («Родник») or two rare words of their names. A pair already
judged (data/judgements.csv), refused (not_same.csv) or linked by a rename is not proposed again.
Proposals whose merge would create or remove a partnership (or make one repeat) rank above every
proposal that changes none, and say so in their evidence.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import combinations

from graphkg.models import Report
from graphkg.resolve.judgements import decided
from graphkg.resolve.keys import _not_same, canonical_key
from graphkg.resolve.resolver import Entity
from graphkg.tables import home

_WORD = re.compile(r"[0-9a-zа-яё]{4,}")
_QUOTED = re.compile(r"«([^«»]+)")


@dataclass(frozen=True)
class Proposal:
    a: str
    b: str
    score: float
    evidence: str
    partnerships: int = 0  # partnerships the merge would create, remove or make repeat


def blocks(entities: dict[str, Entity]) -> set[tuple[str, str]]:
    """Candidate pairs of entity ids: a shared quoted name, or two shared words that few names
    have (a word in more than a tenth of the names, like "областной", blocks nothing)."""
    by_word: dict[str, set[str]] = defaultdict(set)
    by_quote: dict[str, set[str]] = defaultdict(set)
    for entity in entities.values():
        key = canonical_key(entity.label)
        for word in set(_WORD.findall(key)):
            by_word[word].add(entity.id)
        for quoted in _QUOTED.findall(entity.label.lower()):
            by_quote[quoted.strip()].add(entity.id)
    common = max(10, len(entities) // 10)
    shared: dict[tuple[str, str], int] = defaultdict(int)
    for ids in by_word.values():
        if len(ids) <= common:
            for pair in combinations(sorted(ids), 2):
                shared[pair] += 1
    pairs = {pair for pair, n in shared.items() if n >= 2}
    for ids in by_quote.values():
        pairs |= set(combinations(sorted(ids), 2))
    return pairs


def review_proposals(
    entities: dict[str, Entity], threshold: float = 0.85, reports: list[Report] | None = None
) -> list[Proposal]:
    """Pairs of entities whose names look alike, for a person to judge (data/judgements.csv)."""
    refused = _not_same() | decided()
    partners = _partners(reports or [])
    out = []
    for ida, idb in sorted(blocks(entities)):
        a, b = entities[ida], entities[idb]
        if a.country != b.country:
            continue
        ka, kb = canonical_key(a.label), canonical_key(b.label)
        if frozenset((ka, kb)) in refused or {a.successor, a.predecessor} & {b.id}:
            continue
        if _different_proper_words(a.label, b.label):
            continue  # "Витебский …" and "Гродненский …": two places' bodies, never one
        score = SequenceMatcher(None, ka, kb).ratio()
        if score < threshold:
            continue
        changed, note = _partnership_change(a.id, b.id, partners)
        evidence = f"{sorted(a.reports)} / {sorted(b.reports)}" + (f"; {note}" if note else "")
        out.append(Proposal(a.label, b.label, round(score, 3), evidence, changed))
    return sorted(out, key=lambda p: (p.partnerships == 0, -p.score, p.a))


def _different_proper_words(a: str, b: str) -> bool:
    """Whether each name has a capitalised word the other lacks (another place, another person)."""
    wa = {w for w in re.findall(r"[А-ЯЁA-Z][\w-]*", a)}
    wb = {w for w in re.findall(r"[А-ЯЁA-Z][\w-]*", b)}
    stem = lambda w: w.lower()[:5]  # noqa: E731 - "Смоленская"/"Смоленского" are one word
    only_a = {stem(w) for w in wa} - {stem(w) for w in wb}
    only_b = {stem(w) for w in wb} - {stem(w) for w in wa}
    return bool(only_a) and bool(only_b)


def _partners(reports: list[Report]) -> dict[str, dict[str, set[str]]]:
    """{entity id: {partner id: events}} over home–foreign pairs of bodies taking part."""
    out: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for report in reports:
        for event in report.events:
            taking = [
                (m.id, m.country)
                for m in event.institutions
                if m.id and m.role not in ("supporter", "topic")
            ]
            for x_id, x_country in taking:
                for y_id, y_country in taking:
                    if (x_country == home().country) != (y_country == home().country):
                        out[x_id][y_id].add(f"{report.source}#{event.n}")
    return out


def _partnership_change(a: str, b: str, partners) -> tuple[int, str]:
    """How many partnerships a merge of a and b creates, removes or makes repeat, and a note."""
    pa, pb = partners.get(a, {}), partners.get(b, {})
    joined = set(pa) & set(pb)  # two partnerships become one
    repeat = {p for p in joined if len(pa[p] | pb[p]) >= 2 and len(pa[p]) < 2 and len(pb[p]) < 2}
    between = b in pa  # the two were partners of each other: the merge removes that partnership
    changed = len(joined) + int(between)
    if not changed:
        return 0, ""
    parts = []
    if joined:
        parts.append(
            f"joins {len(joined)} partnership(s) of both"
            + (f", {len(repeat)} becoming repeat" if repeat else "")
        )
    if between:
        parts.append("removes their partnership with each other")
    return changed, "merge " + " and ".join(parts)
