"""What stands around a head noun and decides whether it names a body: the quoted name after it,
"в г. X" that belongs to the name, a plan whose object it is, a unit written with its parent and a
unit that acts in the row.
"""

from __future__ import annotations

import re

from graphkg.extract.institutions.lexicon import heads, name_key
from graphkg.lexicon import lemma, parses
from graphkg.tables import word_list
from graphkg.text import fold


def _planned(text, start):
    """Whether a name stands in the object of a plan ("создание ...", "открытие в г. Смоленске
    первого ... центра"): within one clause after a word of data/word_lists.csv plan_word."""
    before = re.sub(r"\b(?:г|гг|с|д|пос|им|[А-ЯЁ])\.", " ", text[max(0, start - 90) : start])
    clause = re.split(r"[,;:\n]|\.\s", before)[-1]
    words = re.findall(r"[А-Яа-яЁё]+", clause)[-9:]
    plan = next(
        (k for k in range(len(words) - 1, -1, -1) if lemma(words[k]) in word_list("plan_word")),
        None,
    )
    if plan is None:
        return False
    # "На открытии выставки выступили сотрудники музея": a verb between, the name is no object
    verbs = ("VERB", "INFN", "GRND", "PRTS")
    return not any(parses(w) and parses(w)[0].tag.POS in verbs for w in words[plan + 1 :])


def _after_unit(toks, k):
    """Whether the name starting at toks[k] follows a unit head ("отделения …"): the genitive
    words after it then qualify the unit, not the name."""
    unit = heads().get(lemma(toks[k - 1].text)) if k else None
    return unit is not None and unit.cls == "unit"


def _quote_after(text, toks, quotes, end, type_phrase):
    """The «quoted name» right after a head's words; for a head named only by its quote, after a
    type phrase of up to five lower-case words ("коллектив ансамбль народной песни «...»")."""
    for s, e in quotes:
        if s < end:
            continue
        gap = text[end:s]
        if not gap.strip():
            return s, e
        words = gap.split()
        if (
            type_phrase
            and len(words) <= 5
            and words[0] not in ("и", "или")  # "школы и детского сада «...»": another body's name
            and "\n" not in gap
            and all(re.fullmatch(r"[а-яё-]+", w) for w in words)
        ):
            return s, e
        return None
    return None


def _located_in(text, toks, end, chain):
    """ "в г. Гомеле" right after a named head's genitive words belongs to the name (the Russian
    centre in Gomel is another body than the one in Minsk)."""
    m = re.match(r"\s+в\s+(г\.|городе)\s*([А-ЯЁ][а-яё-]+)", text[end:])
    if m and _oblique_place(m.group(2)):
        return end + m.end(), f"{chain} в {m.group(1)} {m.group(2)}".replace("  ", " ")
    return end, chain


def _oblique_place(word):
    return any(p.tag.case == "loct" for p in parses(word))


def _acts(text, toks, first, i, chain_end):
    """A unit that acts in the row is a body of its own (GUIDE): a party of "между A и B"
    ("между Управлением спорта и туризма ... исполнительного комитета (Республика Беларусь) и ...")."""
    if not any(p.tag.case == "ablt" for p in parses(toks[i].text)):
        return False
    before = fold(toks[first - 1].text) if first else ""
    after = re.match(r"\s*(?:\([^()]*\))?\s*и\s+[А-ЯЁ]", text[chain_end or toks[i].end :])
    return (
        before == "между"
        or bool(after)
        and "между" in fold(text[max(0, toks[first].start - 200) : toks[first].start])
    )


def _is_unit(head, left, chain, aliases):
    """ "Витебского областного Совета Белорусской республиканской пионерской организации" is a unit."""
    table = heads()
    words = chain.split()
    if any(table.get(lemma(w)) is not None and table[lemma(w)].cls == "unit" for w in words):
        return True  # "Центр ... отдела общего обслуживания": inside a unit of a parent
    unit = head.cls == "unit" or head.lemma == "совет" and bool(left)
    return unit and any(lemma(w) in table or name_key(w) in aliases for w in words)
