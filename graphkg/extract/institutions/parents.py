"""A body named through its parent (data/parent_heads.csv, GUIDE.md "Institutions"): a unit written
with its parent gives the parent; a body of its own written right before its parent in the genitive
keeps the whole phrase as written ("Сафоновский … завод (СЭЗ) концерна «Русэлпром»" names
"Сафоновский … завод концерна «Русэлпром»", "… институт … (филиал) ФГБОУ ВО «…»" stays whole).
"""

from __future__ import annotations

import re
from functools import lru_cache

from graphkg.lexicon import lemma, parses
from graphkg.tables import read_table, word_list

# What may stand between a body and its parent: nothing, "(филиал)" (part of a branch's official
# name, kept) or the body's own abbreviation in parentheses ("(СЭЗ)", an alias, left out).
_GAP = re.compile(r"[ \t]*(?:(?P<branch>\(\s*филиал\s*\))|\(\s*[А-ЯЁA-Z]{2,8}\s*\))?[ \t]*")
_WORDS = re.compile(r"[А-Яа-яЁёA-Za-z0-9-]+")


@lru_cache(maxsize=1)
def _table() -> dict[tuple[str, ...], tuple[tuple[str, str], ...]]:
    out: dict[tuple[str, ...], list[tuple[str, str]]] = {}
    for row in read_table("parent_heads.csv"):
        key = tuple(lemma(w) for w in row["head"].split())
        out.setdefault(key, []).append((row["reading"], row["condition"]))
    return {key: tuple(value) for key, value in out.items()}


def readings(words: list[str]) -> tuple[tuple[str, str], ...]:
    """(reading, condition) pairs the table gives the head phrase starting at words[0]; the
    longest phrase wins ("центр дневного пребывания" over "центр")."""
    lemmas = [lemma(w) for w in words]
    for size in range(min(4, len(lemmas)), 0, -1):
        found = _table().get(tuple(lemmas[:size]))
        if found:
            return found
    return ()


def is_unit(words: list[str]) -> bool:
    """Whether the head phrase reads as a unit when its parent follows (no body reading applies)."""
    return any(reading == "unit" for reading, _ in readings(words))


def body_by_quote(head: str) -> bool:
    """ "филиал «Институт геологии»": a head that is a body of its own once it has its «name»."""
    return ("body", "quote") in readings([head])


def meeting_body(head: str, before: str) -> bool:
    """ "заседание Группы высокого уровня …": a head that is a body when the row holds its meeting."""
    words = _WORDS.findall(before)
    while words and any(p.tag.POS in ("ADJF", "PRTF") for p in parses(words[-1])[:1]):
        words.pop()  # "заседание Рабочей группы …"
    return (
        ("body", "meeting") in readings([head])
        and bool(words)
        and lemma(words[-1]) in word_list("meeting_word")
    )


def _head_words(name: str) -> list[str]:
    words = name.split()
    k = next(
        (
            k
            for k, w in enumerate(words)
            if not any(p.tag.POS in ("ADJF", "PRTF") for p in parses(w)[:1])
        ),
        0,
    )
    return words[k:]


def _body_of_its_own(mention) -> bool:
    for reading, condition in readings(_head_words(mention.name)):
        if reading == "body" and (condition == "" or condition == "quote" and "«" in mention.name):
            return True
    return False


def _genitive_start(written: str) -> bool:
    first = _WORDS.search(written)
    if first is None:
        return False
    found = parses(first.group(0))
    return any(p.tag.case in ("gent", "gen2") for p in found) and not any(
        p.tag.case == "nomn" for p in found if p.tag.POS == "NOUN"
    )


def join_parents(text, kept):
    """The row's (start, end, mention) spans with a body of its own and the parent written right
    after it joined into one mention, named as written (the parent keeps its genitive)."""
    out = []
    n = 0
    while n < len(kept):
        start, end, mention = kept[n]
        if n + 1 < len(kept) and mention.legal_form is None and _body_of_its_own(mention):
            p_start, p_end, parent = kept[n + 1]
            gap = _GAP.fullmatch(text[end:p_start])
            if gap and (
                _genitive_start(parent.written) or gap.group("branch") and parent.legal_form
            ):
                written = re.sub(r"\s+", " ", text[p_start:p_end]).strip()
                branch = " (филиал)" if gap.group("branch") else ""
                name = f"{mention.name}{branch} {written}"
                # the body's own evidence of country (its name, a location) wins over the parent's
                source = parent if mention.evidence in ("form", "default") else mention
                joined = mention.model_copy(
                    update={
                        "name": name,
                        "mention": name,
                        "written": re.sub(r"\s+", " ", text[start:p_end]).strip(),
                        "country": source.country,
                        "side": source.side,
                        "evidence": source.evidence,
                        "region": mention.region or parent.region,
                    }
                )
                out.append((start, p_end, joined))
                n += 2
                continue
        out.append((start, end, mention))
        n += 1
    return out
