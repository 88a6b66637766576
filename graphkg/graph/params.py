"""Library-query parameters: each value checked and turned into RDF terms of its declared type.

Values never become query syntax: they are parsed to terms (typed literals or IRIs) that
pyoxigraph serialises. A value that names nothing is an error naming the valid values (a region,
sphere, country or scope the store does not know; a date that is no calendar date). An
institution is looked up by name: the full name in any case form ("Правительства Смоленской
области" finds that body, not the office "Представительство Правительства ... при ..."), else
the one institution whose name contains the text as written, else word by word in any case form
("Смоленского областного центра" finds "Смоленский областной центр народного творчества"); what
it matched is reported as a note, and a part that fits several bodies is an error naming them.
"""

from __future__ import annotations

import datetime as dt
import re

import pyoxigraph as ox

from graphkg.errors import GraphkgError
from graphkg.graph.vocab import BASE, PREFIXES, XSD
from graphkg.lexicon import lemma, parses, phrase_forms
from graphkg.text import fold, tokens

# types whose values are the notations of a vocabulary concept: (class, IRI folder)
_CONCEPTS = {"region": ("gk:Region", "region"), "country": ("gk:Country", "country"),
             "sphere": ("skos:Concept", "sphere")}  # fmt: skip
_SCOPES = ("belarus", "all")
TYPES = ("integer", "string", "date", "iri", "institution", *_CONCEPTS, "scope")


class QueryError(GraphkgError):
    """An unknown query, a bad parameter, or an update without permission."""


def term(value: str, kind: str):
    """A parameter value of a type that needs no store as an RDF term."""
    value = value.strip() if kind != "string" else value
    if kind == "integer":
        if not re.fullmatch(r"[+-]?\d+", value):
            raise QueryError(f"parameter value {value!r} is not an integer")
        return ox.Literal(value, datatype=ox.NamedNode(XSD + "integer"))
    if kind == "date":
        try:
            day = (
                dt.date.fromisoformat(value) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) else None
            )
        except ValueError:
            day = None
        if day is None:
            raise QueryError(f"parameter value {value!r} is not a date (YYYY-MM-DD, a real day)")
        return ox.Literal(day.isoformat(), datatype=ox.NamedNode(XSD + "date"))
    if kind == "iri":
        if not re.fullmatch(r"https?://[^\s<>\"{}|\\^`]+", value):
            raise QueryError(f"parameter value {value!r} is not an IRI")
        return ox.NamedNode(value)
    if kind == "scope":
        if value not in _SCOPES:
            raise QueryError(f"scope {value!r} is not one of: {', '.join(_SCOPES)}")
        return ox.NamedNode(f"{BASE}scope/{value}")
    return ox.Literal(value)


def concept(query, value: str, kind: str) -> ox.NamedNode:
    """A region, country or sphere by its notation (BY-VI, BY, culture), checked against the
    store's vocabulary graph: an unknown one is an error that lists the known ones."""
    cls, folder = _CONCEPTS[kind]
    sparql = PREFIXES + (
        f"SELECT DISTINCT ?code WHERE {{ GRAPH graph:vocabulary {{ ?c a {cls} ; skos:notation ?code . "
        f'FILTER(STRSTARTS(STR(?c), "{BASE}{folder}/")) }} }} ORDER BY ?code'
    )
    known = [row["code"] for row in query(sparql)[1]]
    code = value.strip()
    if code not in known:
        raise QueryError(f"{kind} {code!r} is not in the store; known: {', '.join(known)}")
    return ox.NamedNode(f"{BASE}{folder}/{code}")


def sphere_family(query, value: str) -> frozenset[str]:
    """The notations a sphere counts: itself and every sphere under it (skos:broader*), so
    culture-all takes culture and culture-tourism (data/spheres.csv). The one expansion in
    Python, for views that filter rows already read (the map); the library queries walk the same
    skos:broader* in their SPARQL. An unknown sphere is the error of concept()."""
    top = concept(query, value, "sphere")
    sparql = PREFIXES + (
        "SELECT DISTINCT ?code WHERE { GRAPH graph:vocabulary { "
        f"?s skos:broader* <{top.value}> ; skos:notation ?code . }} }}"
    )
    return frozenset(row["code"] for row in query(sparql)[1])


_REGEX_META = set("\\.?*+{}()[]^$|-")


def _pattern(text: str) -> ox.Literal:
    return ox.Literal("".join("\\" + ch if ch in _REGEX_META else ch for ch in text))


def _candidates(query, patterns: list[str]) -> tuple[dict[str, set[str]], dict[str, str]]:
    """Institutions whose preferred or other name contains one of the patterns (any case), with
    every name they have. A constant REGEX with the i flag: Oxigraph compiles it once (a bound
    pattern is compiled per label, 6 s at a million triples), 5x faster than CONTAINS(LCASE).
    A store whose engine may not fold case in REGEX (RemoteStore: Virtuoso's "i" never matches
    Cyrillic) gets REGEX over LCASE with a lower-case pattern: the same matches, 3x slower on
    Oxigraph (85 against 27 ms at 1.1M quads)."""
    found: dict[str, set[str]] = {}
    preferred: dict[str, str] = {}
    folds = getattr(getattr(query, "__self__", None), "regex_folds_case", True)
    for text in patterns:
        match = (f'REGEX(STR(?label), {_pattern(text)}, "i")' if folds
                 else f"REGEX(LCASE(STR(?label)), {_pattern(text.lower())})")  # fmt: skip
        sparql = PREFIXES + (
            "SELECT DISTINCT ?i ?label ?pref WHERE { GRAPH graph:entities { "
            "VALUES ?p { skos:prefLabel skos:altLabel } ?i ?p ?label . "
            f"FILTER({match}) ?i skos:prefLabel ?pref . }} }}"
        )
        for row in query(sparql)[1]:
            found.setdefault(row["i"], set()).add(row["label"])
            preferred[row["i"]] = row["pref"]
    return found, preferred


def _lemmas(word: str) -> frozenset[str]:
    """Every dictionary form pymorphy3 offers for a word, and the word itself, folded: a name
    word and a text word match when they share one ("центра" and "центр", "областного" and
    "областной")."""
    return frozenset(fold(p.normal_form) for p in parses(word)) | {fold(word)}


def _words(text: str) -> list[str]:
    return [w for w, _, _ in tokens(text) if any(ch.isalnum() for ch in w)]


def _stem(word: str) -> str:
    """The start a word shares with every form of its lexemes: a cheap filter on the names
    ("смоленск" for "Смоленского", "областн" for "областной"), the word match then decides."""
    forms = [fold(word), *(fold(f.word) for p in parses(word) for f in p.lexeme
                           if f.tag.POS == p.tag.POS)]  # fmt: skip
    size = 0
    while all(len(f) > size and f[size] == forms[0][size] for f in forms):
        size += 1
    return forms[0][:size]


def _contains_words(name: str, wanted: list[frozenset[str]]) -> bool:
    """Whether the name has a run of consecutive words matching the wanted words in order."""
    have = [_lemmas(w) for w in _words(name)]
    return any(
        all(have[start + k] & wanted[k] for k in range(len(wanted)))
        for start in range(len(have) - len(wanted) + 1)
    )


def _by_words(query, text: str) -> tuple[dict[str, set[str]], dict[str, str]]:
    """Institutions whose name contains the text word by word, each word in any case form: the
    names that hold every word's stem (one constant REGEX each, ё and е alike), then the
    words compared by their dictionary forms."""
    words = _words(text)
    if not words:
        return {}, {}
    folds = getattr(getattr(query, "__self__", None), "regex_folds_case", True)
    tests = []
    for stem in sorted({_stem(w) for w in words}):
        if len(stem) < 3:  # too short to narrow anything
            continue
        body = ox.Literal("".join("[её]" if ch == "е" else "\\" + ch if ch in _REGEX_META
                                  else ch for ch in stem))  # fmt: skip
        tests.append(f'REGEX(STR(?label), {body}, "i")' if folds
                     else f"REGEX(LCASE(STR(?label)), {body})")  # fmt: skip
    sparql = PREFIXES + (
        "SELECT DISTINCT ?i ?label ?pref WHERE { GRAPH graph:entities { "
        "VALUES ?p { skos:prefLabel skos:altLabel } ?i ?p ?label . "
        + (f"FILTER({' && '.join(tests)}) " if tests else "")
        + "?i skos:prefLabel ?pref . } }"
    )
    wanted = [_lemmas(w) for w in words]
    found: dict[str, set[str]] = {}
    preferred: dict[str, str] = {}
    for row in query(sparql)[1]:
        if _contains_words(row["label"], wanted):
            found.setdefault(row["i"], set()).add(row["label"])
            preferred[row["i"]] = row["pref"]
    return found, preferred


SHOWN = 12  # candidates an ambiguity error names before "and N more"


def _full_forms(name: str) -> frozenset[str]:
    """A name in every case of its head (the first word), the rest as written: the genitive of
    "Правительство Смоленской области" is "Правительства Смоленской области"."""
    head, _, rest = name.partition(" ")
    return frozenset(f"{form} {fold(rest)}".strip() for form in phrase_forms(head)) | {fold(name)}


def institutions_named(query, text: str, notes: list[str] | None = None) -> list[ox.NamedNode]:
    """The institutions a text names: those whose full name, in any case form, is the text; if
    none, those whose name contains the text (or the text with its first word in the dictionary
    form). `query` runs SPARQL and returns (columns, rows), as a store's query method does.
    Which institutions matched, or that none did, is appended to `notes`."""
    text = " ".join(text.split())
    head, _, rest = text.partition(" ")
    base = f"{lemma(head)} {rest}".strip() if head else text
    patterns = [text] + ([rest] if rest else [base] if base != fold(text) else [])
    found, preferred = _candidates(query, patterns) if text else ({}, {})
    key = fold(text)
    full = {i for i, names in found.items() if any(key in _full_forms(n) for n in names)}
    if full:
        how, chosen = "by its full name", full
    else:
        chosen = {i for i, names in found.items() if any(key in fold(n) or fold(base) in fold(n)
                                                           for n in names)}  # fmt: skip
        how = "by part of the name"
        if not chosen:  # the part as written first; word by word in any case form only then
            by_words, their_names = _by_words(query, text)
            chosen, how = set(by_words), "by part of the name, word by word"
            preferred.update(their_names)
        if len({preferred[i] for i in chosen}) > 1:
            # a part that fits bodies of several names: which one was meant cannot be said, so
            # the user picks (binding them all would mix their rows into one answer). Bodies that
            # bear one and the same name are all bound, as a full name binds them: no more of the
            # name could tell them apart (the note says how many there are)
            labels = sorted(preferred[i] for i in chosen)
            more = f"; and {len(labels) - SHOWN} more" if len(labels) > SHOWN else ""
            raise QueryError(
                f"{text!r} is part of the names of {len(labels)} institutions; give more of "
                f"the name: " + "; ".join(labels[:SHOWN]) + more
            )
    if notes is not None:
        if not chosen:
            notes.append(f"no institution matches {text!r}")
        else:
            labels = sorted(preferred[i] for i in chosen)
            notes.append(
                f"{text!r} matched {len(chosen)} institution(s) {how}: " + "; ".join(labels)
            )
    return sorted((ox.NamedNode(i) for i in chosen), key=lambda n: n.value)
