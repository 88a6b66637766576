"""Agreement identities: kind + parties (through renames) + date; a citation finds the signing it
cites; plans and supplements belong to the agreement their row cites.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from graphkg.extract.agreements import part_kinds
from graphkg.models import AgreementMention
from graphkg.resolve.keys import BASE, _digest, canonical_key, slug

if TYPE_CHECKING:
    from graphkg.resolve.resolver import Entity


def _link_parts(agreements: tuple[AgreementMention, ...]) -> tuple[AgreementMention, ...]:
    """ "Подписание Плана мероприятий ... к Соглашению между ...": the plan belongs to the agreement
    the same row cites, when they share their parties (or the plan names none)."""
    parts = part_kinds()  # data/agreement_kinds.csv: part = yes
    bases = [a for a in agreements if a.status == "referenced" and a.kind not in parts]
    out = []
    for a in agreements:
        base = next(
            (
                b
                for b in bases
                if a.kind in parts and (not a.parties or set(a.parties) == set(b.parties))
            ),
            None,
        )
        out.append(a.model_copy(update={"part_of": base.id}) if base else a)
    return tuple(out)


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
        while iri not in seen:
            predecessor = self.entities[iri].predecessor
            if not predecessor:
                break
            seen.add(iri)
            iri = predecessor
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
