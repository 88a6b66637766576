"""The table of known organisations (data/known_organisations.csv): where a body is seated when its
name says nothing, and the short names ("Росприроднадзор", "Минприроды России") that name a body
of their own without a legal form or a head noun. Each entry names the source that lists it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from graphkg.extract.institutions.lexicon import legal_forms, name_key
from graphkg.lexicon import PhraseIndex, phrase_forms
from graphkg.tables import read_table


@dataclass(frozen=True)
class Known:
    name: str  # the official name
    country: str
    region: str | None
    kind: str
    source: str


def _core_key(name: str) -> str:
    """The key of a name without a legal form before its quote ("ОАО «МАЗ»" → "маз")."""
    quote = name.find("«")
    if quote > 0 and any(m.start == 0 for m in legal_forms().find(name[:quote])):
        return name_key(name[quote:])
    return name_key(name)


@lru_cache(maxsize=1)
def _entries() -> tuple[tuple[Known, tuple[str, ...]], ...]:
    out = []
    for row in read_table("known_organisations.csv"):
        entry = Known(
            row["name"], row["country"], row["region"] or None, row["kind"], row["source"]
        )
        forms = tuple(f.strip() for f in row["forms"].split("|") if f.strip())
        out.append((entry, (row["name"], *forms)))
    return tuple(out)


@lru_cache(maxsize=1)
def _by_key() -> dict[str, Known]:
    return {_core_key(form): entry for entry, forms in _entries() for form in forms}


def known(name: str) -> Known | None:
    """The table's entry for a name found in a text, by its key without the legal form."""
    found = _by_key().get(_core_key(name)) or _by_key().get(name_key(name))
    first, _, rest = name.partition(" ")
    if found is None and rest and any(m.start == 0 for m in legal_forms().find(first)):
        found = _by_key().get(name_key(rest))  # "Компания Horsch"
    return found


@lru_cache(maxsize=1)
def short_name_index() -> PhraseIndex[str]:
    """Unquoted names of the table (official names and short forms), in every case -> the
    nominative as the table writes it. Quoted forms ("ОАО «МАЗ»") are found by the quote rule."""
    index: PhraseIndex[str] = PhraseIndex()
    for _, forms in _entries():
        for form in forms:
            if "«" in form:
                continue
            if re.search(r"[A-Za-z]", form) or form.split()[0].isupper():
                index.add([form], form)  # Latin names and abbreviations are not inflected
            else:
                index.add(phrase_forms(form) | {form}, form)
    return index
