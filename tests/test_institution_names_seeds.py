"""Every institution name of the seeds' build is written as the text writes it: each word outside
quotes is the written word or the dictionary nominative of it (pymorphy3), never with ё the text
does not have. Words of the table of known organisations (a reviewed source) are allowed too."""

import re
from functools import cache

from graphkg.extract.institutions.known import _entries
from graphkg.lexicon import parses
from graphkg.pipeline import parse_report

from .conftest import RAW

_WORD = re.compile(r"[A-Za-zА-Яа-яЁё0-9]+(?:-[A-Za-zА-Яа-яЁё0-9]+)*")


@cache
def _nominatives(word):
    """The written word's nominative forms (every parse, singular and plural)."""
    out = {word.lower()}
    if "ё" not in word.lower():
        return frozenset(f.replace("ё", "е") for f in _forms(word, out))
    return frozenset(_forms(word, out))


def _forms(word, out):
    found = parses(word)
    best = max((p.score for p in found), default=0)
    for p in found:
        if p.score < best / 10:
            continue  # "главой" as the adjective "главый": a reading the dictionary all but rules out
        for grammemes in ({"nomn"}, {"nomn", "sing"}, {"nomn", "plur"}):
            for gender in ({"masc"}, {"femn"}, {"neut"}, set()):
                form = p.inflect(grammemes | gender)
                if form is not None:
                    out.add(form.word)
        out.add(p.normal_form)
    return out


@cache
def _events():
    return [
        (path.name, event)
        for path in sorted(RAW.glob("*.txt"))
        for event in parse_report(path).events
    ]


def _written(word, row_words):
    """Whether a name's word is a row word or the nominative of a row word of the same stem."""
    low = word.lower()
    if low in row_words:
        return True
    return any(low in _nominatives(w) for w in row_words if w[:2] == low[:2])


def test_every_name_word_outside_quotes_is_as_written_or_its_nominative():
    table_words = {w.lower() for _, forms in _entries() for f in forms for w in _WORD.findall(f)}
    bad = []
    for name, event in _events():
        row_words = {w.lower() for w in _WORD.findall(event.provenance.text)}
        for m in (m for m in event.institutions if m.inferred_from is None):  # named ones
            for word in _WORD.findall(re.sub(r"«.*»", " ", m.mention)):
                if word.lower() not in table_words and not _written(word, row_words):
                    bad.append(f"{name}#{event.n}: {word!r} in {m.mention!r}")
    assert bad == []


def test_no_name_adds_yo_the_text_does_not_write():
    bad = []
    for name, event in _events():
        text = event.provenance.text.lower()
        for m in (m for m in event.institutions if m.inferred_from is None):  # named ones
            for word in _WORD.findall(re.sub(r"«.*»", " ", m.mention)):
                if "ё" in word.lower() and word.lower() not in text:
                    bad.append(f"{name}#{event.n}: {m.mention!r}")
    assert bad == []


def test_the_check_refuses_guessed_and_yo_forms():
    assert _written("Могилевский", {"могилевского"})
    assert not _written("Могилёвский", {"могилевского"})  # ё added
    assert not _written("Главая", {"главой"})  # a noun re-inflected as an adjective
    assert _written("Комитет", {"комитетом"})
