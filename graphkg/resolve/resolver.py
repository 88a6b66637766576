"""One identity per real-world institution and agreement across rows, reports and years.

Institutions: a name key that ignores case, quotes, spacing and the legal form (ОГБУК → ГБУК is one
body), plus the reviewed aliases in data/aliases.csv. Renames (data/renames.csv) stay two entities,
linked as predecessor and successor. A fuzzy match only proposes (`review_proposals`); it never
merges. Agreements: kind + parties (through renames) + date; a citation "от 02.02.2023 № 11"
finds the signing it cites, and an undated citation the one agreement of that kind and parties.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from graphkg.extract.institutions.country import RANK
from graphkg.extract.institutions.roles import merged
from graphkg.models import AgreementMention, InstitutionMention, Report
from graphkg.resolve.agreements import _AgreementIndex, _link_parts
from graphkg.resolve.facts import InstitutionFact, ReportFacts, report_facts
from graphkg.resolve.initials import short_names
from graphkg.resolve.keys import canonical_key, institution_iri, renames
from graphkg.tables import home


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


@dataclass
class Resolution:
    """Entities and agreement identities over a set of reports (their facts, sorted by source)."""

    entities: dict[str, Entity]
    facts: list[ReportFacts]
    agreements: dict[
        str, list[list[AgreementMention]]
    ]  # source → per event, its resolved agreements
    reports: list[Report] = field(default_factory=list)  # resolved reports, when resolve() had them
    _ids: dict[str, list] = field(default_factory=dict, repr=False)

    countries: dict[tuple[str, str | None], str | None] = field(default_factory=dict, repr=False)
    # a short name by initials → the full name and country of the one body it fits (initials.py)
    short: dict[str, tuple[str, str | None]] = field(default_factory=dict, repr=False)

    def country(self, name: str, country: str | None) -> str | None:
        """The country a mention's body has after reconciling its name key across reports."""
        name, country = self.short.get(name, (name, country))
        return self.countries.get((canonical_key(name), country), country)

    def institution(self, name: str, country: str | None) -> Entity:
        full = self.short.get(name, (name, country))[0]
        return self.entities[institution_iri(full, self.country(name, country))]

    def apply(self, report: Report) -> Report:
        """The report with entity ids on its institution and agreement mentions."""
        per_event = self.agreements[report.source]
        events = []
        for event, agreements in zip(report.events, per_event, strict=True):
            by_id: dict[str, InstitutionMention] = {}
            for m in event.institutions:
                entity = self.institution(m.name, m.country)
                country = self.country(m.name, m.country)
                resolved = m.model_copy(
                    update={
                        "id": entity.id,
                        "name": entity.label,
                        "country": country,
                        "side": "home" if country == home().country else "foreign",
                    }
                )
                if entity.id in by_id:  # two spellings of one body in one row: listed once
                    resolved = by_id[entity.id].model_copy(
                        update={"role": merged(by_id[entity.id].role, m.role)}
                    )
                by_id[entity.id] = resolved
            institutions = tuple(by_id.values())
            events.append(
                event.model_copy(
                    update={"institutions": institutions, "agreements": tuple(agreements)}
                )
            )
        return report.model_copy(update={"events": tuple(events)})

    def agreement_ids(self, source: str) -> list[list]:
        """What a report's graph takes from other reports: the ids its agreement mentions get, as
        [event index, [ids]] for the events that mention agreements (computed once per report)."""
        if source not in self._ids:
            self._ids[source] = [
                [k, [a.id for a in event]]
                for k, event in enumerate(self.agreements[source])
                if event
            ]
        return self._ids[source]


def resolve(reports: list[Report]) -> Resolution:
    """Give every institution and agreement mention its entity IRI; deterministic."""
    resolution = resolve_facts([report_facts(r) for r in reports])
    resolution.reports = [resolution.apply(r) for r in reports]
    return resolution


def _rank(evidence: str | None) -> int:
    """How sure a mention's country is; a mention without evidence is the least sure."""
    return RANK.get(evidence, 0) if evidence is not None else 0


def reconcile_countries(facts: list[ReportFacts]) -> dict[tuple[str, str | None], str | None]:
    """One name key, one country where the evidence says so: a mention whose country is only
    the default (or its legal form's, or the row's context) takes the country a surer mention of
    the same key has (its name, a location, the table). Equal evidence for two countries keeps
    two bodies: the country stays in the identity key. Returns {(key, country): country}."""
    best: dict[str, tuple[int, set[str | None]]] = {}
    for report in facts:
        for event in report.events:
            for m in event.institutions:
                rank = _rank(m.evidence)
                held = best.get(m.key)
                if held is None or rank > held[0]:
                    best[m.key] = (rank, {m.country})
                elif rank == held[0]:
                    held[1].add(m.country)
    out = {}
    for report in facts:
        for event in report.events:
            for m in event.institutions:
                top, chosen = best[m.key]
                if _rank(m.evidence) < top and len(chosen) == 1 and m.country not in chosen:
                    out[(m.key, m.country)] = next(iter(chosen))
    return out


def _reconciled(facts: list[ReportFacts], countries: dict) -> list[ReportFacts]:
    """The facts with reconciled countries and the IRIs they give (other fields as they were)."""
    if not countries:
        return facts

    def fixed(m: InstitutionFact) -> InstitutionFact:
        new = countries.get((m.key, m.country))
        return m if new is None else m._replace(country=new, iri=institution_iri(m.name, new))

    return _each_mention(facts, fixed)


def _expanded(facts: list[ReportFacts], short: dict) -> list[ReportFacts]:
    """The facts with each short name by initials read as the full name it stands for."""
    if not short:
        return facts

    def full(m: InstitutionFact) -> InstitutionFact:
        if m.name not in short:
            return m
        # the name stays as written (the body's label is its most used name); identity is the full's
        name, country = short[m.name]
        key, iri = canonical_key(name), institution_iri(name, country)
        return m._replace(country=country, key=key, iri=iri)

    return _each_mention(facts, full)


def _each_mention(facts: list[ReportFacts], change) -> list[ReportFacts]:
    """The facts with change(mention) in place of every institution mention."""
    return [
        report._replace(
            events=tuple(
                e._replace(institutions=tuple(change(m) for m in e.institutions))
                for e in report.events
            )
        )
        for report in facts
    ]


def resolve_facts(facts: list[ReportFacts]) -> Resolution:
    """Resolve institutions and agreements over the facts of every report, in the given order."""
    short = short_names(facts)
    facts = _expanded(facts, short)
    countries = reconcile_countries(facts)
    facts = _reconciled(facts, countries)
    entities: dict[str, Entity] = {}
    for report in facts:
        for event in report.events:
            for m in event.institutions:
                entity = entities.get(m.iri)
                if entity is None:
                    entity = entities[m.iri] = Entity(id=m.iri, country=m.country)
                entity.names[m.name] += 1
                entity.keys[m.name] = m.key
                entity.region = entity.region or m.region
                entity.legal_form = entity.legal_form or m.legal_form
                entity.kind = entity.kind or m.kind
                entity.reports.add(report.source)
                entity.events += 1
                if event.year:
                    entity.years.add(event.year)
    _link_renames(entities)
    # parties keep the names the row writes (a renamed body under its old name); the agreement's
    # node finds their entities by name key (resolve/lives.party_entities)
    mentions: dict[str, list[list[tuple[int, AgreementMention]]]] = {}
    for report in facts:
        per_event = mentions[report.source] = []
        for event in report.events:
            per_event.append([
                (event.n, AgreementMention(kind=a.kind, status=a.status, date=a.date, number=a.number, subject=a.subject, term=a.term,
                                           parties=tuple(dict.fromkeys(a.parties))))
                for a in event.agreements
            ])  # fmt: skip
    index = _AgreementIndex(entities)
    # Signings first, so that citations in any report find them.
    for report in facts:
        for listed in mentions[report.source]:
            for n, agreement in listed:
                if agreement.status == "signed":
                    index.register(report.source, n, agreement)
    resolved = {}
    for report in facts:
        source = report.source
        resolved[source] = [
            list(
                _link_parts(
                    tuple(a.model_copy(update={"id": index.find(source, n, a)}) for n, a in event)
                )
            )
            if event
            else []
            for event in mentions[source]
        ]
    return Resolution(
        entities=entities, facts=facts, agreements=resolved, countries=countries, short=short
    )


def _link_renames(entities: dict[str, Entity]) -> None:
    by_key = {e.keys[e.label]: e for e in entities.values()}
    for old, new, _ in renames():
        a, b = by_key.get(canonical_key(old)), by_key.get(canonical_key(new))
        if a and b:
            a.successor, b.predecessor = b.id, a.id
