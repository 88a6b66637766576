"""Morphology-aware phrase lookup: every case form of a nominative phrase finds its entry.

Lookup tables list names once, in the nominative ("Витебская область"); pymorphy3 generates the
inflected forms ("Витебской области", "в Витебске") when the index is built, so matching at run
time is a dictionary lookup over word n-grams.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Generic, TypeVar

from graphkg.text import fold, tokens

T = TypeVar("T")
CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")


@lru_cache(maxsize=1)
def analyzer():
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=200_000)
def parses(word: str):
    """pymorphy3's parses of a word; none for a word it cannot analyse (a character with no
    Unicode name makes pymorphy3 raise ValueError)."""
    try:
        return analyzer().parse(word)
    except ValueError:
        return []


def _nominative_parse(word: str):
    """The parse of a dictionary-form word: nominative noun/adjective, else the best parse."""
    candidates = parses(word)
    for p in candidates:
        if "nomn" in p.tag and p.tag.POS in ("NOUN", "ADJF"):
            return p
    return candidates[0] if candidates else None


def _declinable(word: str) -> bool:
    return any("А" <= ch <= "я" or ch in "Ёё" for ch in word) and not word.isupper()


@lru_cache(maxsize=50_000)
def phrase_forms(phrase: str) -> frozenset[str]:
    """Folded case forms (singular and plural) of a nominative phrase, words inflected together."""
    words = phrase.split()
    forms = {fold(phrase)}
    for number in ("sing", "plur"):
        for case in CASES:
            out = []
            for word in words:
                p = _nominative_parse(word) if _declinable(word) else None
                form = p.inflect({case, number}) if p is not None and "Fixd" not in p.tag else None
                if form is None and p is not None and number == "sing":
                    form = p.inflect({case})
                out.append(form.word if form else fold(word))
            forms.add(fold(" ".join(out)))
    return frozenset(forms)


@lru_cache(maxsize=10_000)
def adjective_forms(adjective: str) -> frozenset[str]:
    """Every gender, number and case form of an adjective given in the masculine nominative."""
    for p in parses(adjective):
        if p.tag.POS == "ADJF":
            return frozenset(fold(f.word) for f in p.lexeme if f.tag.POS == "ADJF")
    return frozenset({fold(adjective)})


def lemma(word: str) -> str:
    """The dictionary form of a word (first pymorphy3 parse), folded."""
    found = parses(word)
    return fold(found[0].normal_form) if found else fold(word)


@dataclass(frozen=True)
class Match(Generic[T]):
    start: int  # character offsets in the searched text
    end: int
    value: T
    capitalised: bool


class PhraseIndex(Generic[T]):
    """Maps word n-grams (folded surface forms) to values; finds longest matches in a text."""

    def __init__(self) -> None:
        self._entries: dict[tuple[str, ...], T] = {}
        self._longest = 1

    def add(self, surface_forms: Iterable[str], value: T) -> None:
        for form in surface_forms:
            key = tuple(fold(w) for w, _, _ in tokens(form))
            if key and key not in self._entries:
                self._entries[key] = value
                self._longest = max(self._longest, len(key))

    def find(self, text: str) -> list[Match[T]]:
        words = tokens(text)
        folded = [fold(w) for w, _, _ in words]
        found: list[Match[T]] = []
        i = 0
        while i < len(words):
            for size in range(min(self._longest, len(words) - i), 0, -1):
                value = self._entries.get(tuple(folded[i : i + size]))
                if value is not None:
                    first = words[i][0]
                    found.append(
                        Match(words[i][1], words[i + size - 1][2], value, first[:1].isupper())
                    )
                    i += size
                    break
            else:
                i += 1
        return found
