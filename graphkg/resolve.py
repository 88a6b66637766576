"""One identity per real-world institution and agreement across rows, reports and years.

Institutions: a name key that ignores case, quotes, spacing and the legal form (ОГБУК → ГБУК is one
body), plus the reviewed aliases in data/aliases.csv. Renames (data/renames.csv) stay two entities,
linked as predecessor and successor. A fuzzy match only proposes (`review_proposals`); it never
merges. Agreements: kind + parties (through renames) + date; a citation "от 02.02.2023 № 11"
finds the signing it cites, and an undated citation the one agreement of that kind and parties.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import cached_property, lru_cache

from .extract.institutions import legal_forms, name_key
from .lookups import read_table
from .models import AgreementMention, Report

BASE = "https://w3id.org/graphkg/id/"
_TRANSLIT = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "-", "y", "-", "e", "yu", "ya"],
        strict=True,
    )
)


def slug(text: str, limit: int = 60) -> str:
    latin = "".join(_TRANSLIT.get(ch, ch) for ch in text.lower()).replace("-", "")
    latin = re.sub(r"[^a-z0-9]+", "-", latin).strip("-")
    return latin[:limit].rstrip("-") or "x"


def _digest(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:8]


@lru_cache(maxsize=100_000)
def identity_key(name: str) -> str:
    """The key two spellings of one body share: no legal form, quotes, case or spacing."""
    key = name_key(name)
    quote = re.search(r"[«\"“„]", name)
    if quote:
        # the legal form is what stands before the quoted name ("ГБУК НО «...»", not "ГБУК «НО»")
        matches = [m for m in legal_forms().find(name[: quote.start()]) if m.start == 0]
        if matches:
            key = name_key(name[matches[0].end :])
    return key


@lru_cache(maxsize=1)
def _aliases() -> dict[str, str]:
    return {identity_key(r["variant"]): identity_key(r["canonical"]) for r in read_table("aliases.csv")}


@lru_cache(maxsize=1)
def renames() -> list[tuple[str, str, str]]:
    return [(r["predecessor"], r["successor"], r["year"]) for r in read_table("renames.csv")]


@lru_cache(maxsize=1)
def _not_same() -> set[frozenset[str]]:
    return {frozenset((identity_key(r["a"]), identity_key(r["b"]))) for r in read_table("not_same.csv")}


@lru_cache(maxsize=100_000)
def canonical_key(name: str) -> str:
    key = identity_key(name)
    return _aliases().get(key, key)


@lru_cache(maxsize=100_000)
def institution_iri(name: str, country: str | None) -> str:
    key = canonical_key(name)
    return f"{BASE}org/{slug(key)}-{_digest(country or '', key)}"


@dataclass
class Entity:
    """A resolved institution and the evidence for it."""

    id: str
    country: str | None
    names: Counter = field(default_factory=Counter)
    keys: dict[str, str] = field(default_factory=dict)  # name → canonical_key(name)
    reports: set[str] = field(default_factory=set)
    years: set[int] = field(default_factory=set)
    events: int = 0
    predecessor: str | None = None
    successor: str | None = None
    region: str | None = None
    legal_form: str | None = None
    kind: str | None = None

    @cached_property  # read once every mention is counted
    def label(self) -> str:
        """The most used name; among equals the longest (full forms over abbreviations)."""
        return max(self.names.items(), key=lambda kv: (kv[1], len(kv[0]), kv[0]))[0]


# The facts of one report that resolution and the shared graphs need, as plain JSON-able lists:
# {"source": ..., "events": [[n, year, institutions, agreements, places], ...]} with
# institutions [[name, country, region, legal_form, kind, key, iri], ...] (key: canonical_key(name)),
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
            [[m.name, m.country, m.region, m.legal_form, m.kind, canonical_key(m.name), institution_iri(m.name, m.country)]
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


@dataclass
class Resolution:
    """Entities and agreement identities over a set of reports (their facts, sorted by source)."""

    entities: dict[str, Entity]
    facts: list[Facts]
    agreements: dict[str, list[list[AgreementMention]]]  # source → per event, its resolved agreements
    reports: list[Report] = field(default_factory=list)  # resolved reports, when resolve() had them
    _ids: dict[str, list] = field(default_factory=dict, repr=False)

    def institution(self, name: str, country: str | None) -> Entity:
        return self.entities[institution_iri(name, country)]

    def apply(self, report: Report) -> Report:
        """The report with entity ids on its institution and agreement mentions."""
        per_event = self.agreements[report.source]
        events = []
        for event, agreements in zip(report.events, per_event, strict=True):
            institutions = tuple(
                m.model_copy(update={"id": (entity := self.institution(m.name, m.country)).id, "name": entity.label})
                for m in event.institutions
            )
            events.append(event.model_copy(update={"institutions": institutions, "agreements": tuple(agreements)}))
        return report.model_copy(update={"events": tuple(events)})

    def agreement_ids(self, source: str) -> list[list]:
        """What a report's graph takes from other reports: the ids its agreement mentions get, as
        [event index, [ids]] for the events that mention agreements (computed once per report)."""
        if source not in self._ids:
            self._ids[source] = [[k, [a.id for a in event]] for k, event in enumerate(self.agreements[source]) if event]
        return self._ids[source]


def resolve(reports: list[Report]) -> Resolution:
    """Give every institution and agreement mention its entity IRI; deterministic."""
    resolution = resolve_facts([report_facts(r) for r in reports])
    resolution.reports = [resolution.apply(r) for r in reports]
    return resolution


def resolve_facts(facts: list[Facts]) -> Resolution:
    """Resolve institutions and agreements over the facts of every report, in the given order."""
    entities: dict[str, Entity] = {}
    for report in facts:
        source = report["source"]
        for _, year, institutions, _, _ in report["events"]:
            for name, country, region, legal_form, kind, key, iri in institutions:
                entity = entities.get(iri)
                if entity is None:
                    entity = entities[iri] = Entity(id=iri, country=country)
                entity.names[name] += 1
                entity.keys[name] = key
                entity.region = entity.region or region
                entity.legal_form = entity.legal_form or legal_form
                entity.kind = entity.kind or kind
                entity.reports.add(source)
                entity.events += 1
                if year:
                    entity.years.add(year)
    _link_renames(entities)
    label_of: dict[str, str] = {}
    for entity in sorted(entities.values(), key=lambda e: -e.events):
        for key in entity.keys.values():
            label_of.setdefault(key, entity.label)
    mentions: dict[str, list[list[tuple[int, AgreementMention]]]] = {}
    for report in facts:
        per_event = mentions[report["source"]] = []
        for n, _, _, agreements, _ in report["events"]:
            per_event.append([
                (n, AgreementMention(kind=kind, status=status, date=date, number=number, subject=subject,
                                     parties=tuple(dict.fromkeys(label_of.get(canonical_key(p), p) for p in parties))))
                for kind, status, parties, date, number, subject in agreements
            ])  # fmt: skip
    index = _AgreementIndex(entities)
    # Signings first, so that citations in any report find them.
    for report in facts:
        for event in mentions[report["source"]]:
            for n, agreement in event:
                if agreement.status == "signed":
                    index.register(report["source"], n, agreement)
    resolved = {}
    for report in facts:
        source = report["source"]
        resolved[source] = [
            list(_link_parts(tuple(a.model_copy(update={"id": index.find(source, n, a)}) for n, a in event))) if event else []
            for event in mentions[source]
        ]
    return Resolution(entities=entities, facts=facts, agreements=resolved)


_PARTS = ("план", "дополнительное соглашение", "протокол")


def _link_parts(agreements: tuple[AgreementMention, ...]) -> tuple[AgreementMention, ...]:
    """"Подписание Плана мероприятий ... к Соглашению между ...": the plan belongs to the agreement
    the same row cites, when they share their parties (or the plan names none)."""
    bases = [a for a in agreements if a.status == "referenced" and a.kind not in _PARTS]
    out = []
    for a in agreements:
        base = next((b for b in bases if a.kind in _PARTS and (not a.parties or set(a.parties) == set(b.parties))), None)
        out.append(a.model_copy(update={"part_of": base.id}) if base else a)
    return tuple(out)


def _link_renames(entities: dict[str, Entity]) -> None:
    by_key = {e.keys[e.label]: e for e in entities.values()}
    for old, new, _ in renames():
        a, b = by_key.get(canonical_key(old)), by_key.get(canonical_key(new))
        if a and b:
            a.successor, b.predecessor = b.id, a.id


class _AgreementIndex:
    def __init__(self, entities: dict[str, Entity]) -> None:
        self.entities = entities
        self.by_name = {key: e.id for e in entities.values() for key in e.keys.values()}
        self.by_key: dict[tuple, str] = {}
        self.by_parties: dict[tuple, list[str]] = defaultdict(list)

    def _root(self, name: str) -> str:
        """The earliest predecessor of a party, so renamed bodies keep their agreements."""
        iri = self.by_name.get(canonical_key(name))
        if iri is None:
            return canonical_key(name)
        seen = set()
        while self.entities[iri].predecessor and iri not in seen:
            seen.add(iri)
            iri = self.entities[iri].predecessor
        return iri

    def _parties(self, agreement: AgreementMention) -> tuple[str, ...]:
        return tuple(sorted({self._root(p) for p in agreement.parties}))

    def register(self, source: str, n: int, agreement: AgreementMention) -> str:
        parties = self._parties(agreement)
        if not parties:
            return self._local(source, n, agreement)
        key = (agreement.kind, parties, agreement.date or agreement.number or "")
        if key not in self.by_key:
            iri = f"{BASE}agreement/{slug(agreement.kind, 20)}-{_digest(*map(str, key))}"
            self.by_key[key] = iri
            self.by_parties[(agreement.kind, parties)].append(iri)
        return self.by_key[key]

    def find(self, source: str, n: int, agreement: AgreementMention) -> str:
        parties = self._parties(agreement)
        if not parties:
            return self._local(source, n, agreement)
        if agreement.status == "signed":
            return self.register(source, n, agreement)
        for stamp in (agreement.date, agreement.number):
            if stamp and (agreement.kind, parties, stamp) in self.by_key:
                return self.by_key[(agreement.kind, parties, stamp)]
        known = self.by_parties.get((agreement.kind, parties), [])
        if len(known) == 1 and not agreement.date:
            return known[0]
        return self.register(source, n, agreement)

    @staticmethod
    def _local(source: str, n: int, agreement: AgreementMention) -> str:
        """An agreement that names no parties cannot be matched: it is known by its row."""
        return f"{BASE}agreement/{slug(agreement.kind, 20)}-{_digest(source, str(n), agreement.kind, agreement.status)}"


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
