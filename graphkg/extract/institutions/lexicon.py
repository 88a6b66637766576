"""The tables institution rules read: legal forms, head nouns, abbreviations, words that are no
institution; and the token the rules walk over.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from graphkg.lexicon import PhraseIndex, parses, phrase_forms
from graphkg.tables import read_table
from graphkg.text import fold

_TOKEN = re.compile(
    r"[А-ЯЁA-Z]\.\s?[А-ЯЁA-Z]\."  # initials "М.И."
    r"|[A-Za-zА-Яа-яЁё0-9]+(?:-[A-Za-zА-Яа-яЁё0-9]+)*"
    r"|\S"
)


@dataclass(frozen=True)
class _Tok:
    text: str
    start: int
    end: int

    @property
    def word(self) -> bool:
        return self.text[0].isalnum()

    @property
    def upper(self) -> bool:
        return self.text[0].isupper()


@dataclass(frozen=True)
class LegalForm:
    form: str
    nominative: str  # how the name is written with it
    country: str | None
    kind: str
    full: str = ""  # the words an abbreviation stands for (its head noun gives the gender)


@dataclass(frozen=True)
class Head:
    lemma: str
    kind: str
    cls: str  # body | named | unit
    prepositions: frozenset[str]
    action: bool  # also names an activity: "Организация санаторно-курортного лечения"
    quote: bool = False  # a body only with its «quoted name» ("Народный коллектив «...»")


@lru_cache(maxsize=1)
def legal_forms() -> PhraseIndex[LegalForm]:
    index: PhraseIndex[LegalForm] = PhraseIndex()
    for row in read_table("legal_forms.csv"):
        form = LegalForm(row["form"], row["form"], row["country"] or None, row["kind"], row["full"])
        if row["form"].isupper() or " " in row["form"] and row["form"].split()[0].isupper():
            index.add([row["form"]], form)  # abbreviations are not inflected
        else:
            index.add(_head_forms(row["form"]), form)
    return index


def _head_forms(phrase: str) -> frozenset[str]:
    """Case forms of a full legal form: the words up to its head noun inflect together, the
    genitive words after it stay as written ("организации детей и молодежи", not "ребенка")."""
    words = phrase.split()
    head = next(
        (k for k, w in enumerate(words) if any(p.tag.POS == "NOUN" for p in parses(w)[:1])),
        len(words) - 1,
    )
    tail = " ".join(words[head + 1 :])
    return frozenset(f"{form} {tail}".strip() for form in phrase_forms(" ".join(words[: head + 1])))


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    return frozenset(
        row["form"].split()[0]
        for row in read_table("legal_forms.csv")
        if row["form"].split()[0].isupper()
    )


@lru_cache(maxsize=1)
def heads() -> dict[str, Head]:
    return {
        row["head"]: Head(
            row["head"],
            row["kind"],
            row["class"],
            frozenset(filter(None, row["prepositions"].split("|"))),
            row["action"] == "yes",
            row.get("quote") == "yes",
        )
        for row in read_table("institution_heads.csv")
    }


@lru_cache(maxsize=1)
def _not_institutions() -> frozenset[str]:
    return frozenset(name_key(row["name"]) for row in read_table("not_institutions.csv"))


def name_key(name: str) -> str:
    """Case-, quote- and spacing-insensitive key of a name."""
    key = fold(name).replace("им. ", "имени ")
    key = re.sub(r"[«»“”„\"]", "", key)
    return re.sub(r"\s+", " ", key).strip()
