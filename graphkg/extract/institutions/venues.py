"""Mentions that name no body although a rule found them (GUIDE.md: places and countries as such
are no institutions):

- a facility the row meets at ("Парк культуры и отдыха «…»", "Дворец спорта «…»", "объект
  культурного наследия … монастырь"), written without a legal form, unless a cue says it acts
  (organises, hosts "на базе", takes part); museums, libraries, theatres and centres are bodies;
- a union after a group of countries ("певцов из стран СНГ", "государств – участников СНГ"):
  geography; the union is a body only where it acts ("Миссия наблюдателей от СНГ").

Word lists: data/word_lists.csv venue_head, venue_marker, country_group, group_member.
"""

from __future__ import annotations

import re
from functools import lru_cache

from graphkg.extract.institutions.roles import TAKES_PART, role_of
from graphkg.lexicon import lemma, parses
from graphkg.tables import word_list

_WORDS = re.compile(r"[А-Яа-яЁёA-Za-z0-9]+")


@lru_cache(maxsize=1)
def _phrases(name: str) -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(lemma(w) for w in entry.split()) for entry in word_list(name))


def drop_non_bodies(text, kept):
    """The row's (start, end, mention) spans without venues and country groups."""
    return [
        (start, end, mention)
        for start, end, mention in kept
        if not (_venue(text, start, mention) or _country_group(text, start, mention))
    ]


def _venue(text, start, mention):
    if mention.legal_form is not None or role_of(text, start, None) in TAKES_PART:
        return False
    words = [w for w in _WORDS.findall(mention.name.split("«")[0])]
    head = next(
        (
            k
            for k, w in enumerate(words)
            if not any(p.tag.POS in ("ADJF", "PRTF") for p in parses(w)[:1])
        ),
        0,
    )
    lemmas = tuple(lemma(w) for w in words[head:])
    if any(lemmas[: len(p)] == p for p in _phrases("venue_head")):
        return True  # "Парк культуры и отдыха «…»"
    before = tuple(lemma(w) for w in _WORDS.findall(_clause_before(text, start)))
    return any(before[-len(p) :] == p for p in _phrases("venue_marker"))


def _clause_before(text, start):
    return re.split(r"[;:\n]|\.\s", text[max(0, start - 60) : start])[-1]


def _country_group(text, start, mention):
    """ "стран СНГ", "государств – участников СНГ", "стран-членов ШОС": a group of countries."""
    if mention.legal_form is not None:
        return False
    words = [lemma(w) for w in re.findall(r"[А-Яа-яЁё]+", _clause_before(text, start))[-2:]]
    if words and words[-1] in word_list("group_member"):
        words = words[:-1]
    return bool(words) and words[-1] in word_list("country_group")
