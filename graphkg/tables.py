"""Loaders for the lookup tables in data/: gazetteer, countries, spheres and the like.

Each table is a CSV a person can review; lines starting with "#" are comments. Adding a town or a
country is a one-line data change.
"""

from __future__ import annotations

import csv
from functools import cache, lru_cache

from pydantic import BaseModel, ConfigDict

from graphkg import resources
from graphkg.errors import GraphkgError
from graphkg.lexicon import PhraseIndex, adjective_forms, phrase_forms


def read_table(name: str) -> list[dict[str, str]]:
    path = resources.table(name)
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(line for line in handle if not line.lstrip().startswith("#"))
        return [{k: (v or "").strip() for k, v in row.items()} for row in rows]


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split("|") if part.strip()]


class Place(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    name: str
    kind: str  # settlement | district | region
    country: str
    region: str | None
    wikidata: str | None
    lat: float | None
    lon: float | None
    districts: tuple[str, ...] = ()  # ids of the gazetteer districts a settlement lies in


class Country(BaseModel):
    model_config = ConfigDict(frozen=True)

    iso2: str
    name: str
    en: str


class SphereConcept(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    label_ru: str
    label_en: str
    keywords: tuple[str, ...]
    broader: str | None = None  # the broader sphere concept (skos:broader)


@lru_cache(maxsize=1)
def places() -> dict[str, Place]:
    out = {}
    for row in read_table("gazetteer.csv"):
        out[row["id"]] = Place(
            id=row["id"],
            name=row["name"],
            kind=row["kind"],
            country=row["country"],
            region=row["region"] or None,
            wikidata=row["wikidata"] or None,
            lat=float(row["lat"]) if row["lat"] else None,
            lon=float(row["lon"]) if row["lon"] else None,
            districts=tuple(_split(row.get("district", ""))),
        )
    unknown = {d for p in out.values() for d in p.districts if d not in out}
    if unknown:
        raise GraphkgError(f"data/gazetteer.csv: district {sorted(unknown)[0]!r} names no row")
    return out


@lru_cache(maxsize=1)
def place_index() -> PhraseIndex[Place]:
    """Every case form of every gazetteer name (and its extra forms) -> the place."""
    index: PhraseIndex[Place] = PhraseIndex()
    table = places()
    for row in read_table("gazetteer.csv"):
        place = table[row["id"]]
        index.add(phrase_forms(place.name), place)
        for form in _split(row["forms"]):
            index.add(phrase_forms(form), place)
    return index


@lru_cache(maxsize=1)
def region_adjective_index() -> PhraseIndex[str]:
    """Regional adjectives ("гомельский", "Витебского") -> the ISO 3166-2 region they point to."""
    index: PhraseIndex[str] = PhraseIndex()
    for row in read_table("gazetteer.csv"):
        for adjective in _split(row["adjective"]):
            index.add(adjective_forms(adjective), row["region"])
    return index


@lru_cache(maxsize=1)
def countries() -> dict[str, Country]:
    return {
        row["iso2"]: Country(iso2=row["iso2"], name=_split(row["names"])[0], en=row["en"])
        for row in read_table("countries.csv")
    }


@lru_cache(maxsize=1)
def country_index() -> PhraseIndex[str]:
    """Country names in every case and country adjectives in every form -> ISO 3166-1 code."""
    index: PhraseIndex[str] = PhraseIndex()
    for row in read_table("countries.csv"):
        for name in _split(row["names"]):
            index.add(phrase_forms(name), row["iso2"])
        for adjective in _split(row["adjectives"]):
            index.add(adjective_forms(adjective), row["iso2"])
    return index


@lru_cache(maxsize=1)
def historical_markers() -> frozenset[str]:
    """Lemmas that make the country word after them a historical topic ("советской Беларуси")."""
    return frozenset(row["marker"] for row in read_table("historical_markers.csv"))


@lru_cache(maxsize=1)
def spheres() -> tuple[SphereConcept, ...]:
    return tuple(
        SphereConcept(
            id=row["id"],
            label_ru=row["label_ru"],
            label_en=row["label_en"],
            keywords=tuple(_split(row["keywords"])),
            broader=row.get("broader") or None,
        )
        for row in read_table("spheres.csv")
    )


@cache
def word_list(name: str) -> frozenset[str]:
    """A closed word list of data/word_lists.csv ("settlement_word", "state_word", ...)."""
    words = frozenset(row["word"] for row in read_table("word_lists.csv") if row["list"] == name)
    if not words:
        raise KeyError(f"data/word_lists.csv has no list {name!r}")
    return words


class Home(BaseModel):
    """The reporting side (data/home.csv): its country and region."""

    model_config = ConfigDict(frozen=True)

    country: str
    region: str
    region_name: str
    adjectives: tuple[str, ...]


@lru_cache(maxsize=1)
def home() -> Home:
    rows = read_table("home.csv")
    if len(rows) != 1:
        raise GraphkgError(f"data/home.csv holds {len(rows)} rows; it must hold exactly one")
    row = rows[0]
    return Home(
        country=row["country"],
        region=row["region"],
        region_name=row["region_name"],
        adjectives=tuple(_split(row["adjectives"])),
    )


@lru_cache(maxsize=1)
def home_region_index() -> PhraseIndex[str]:
    """Names and adjectives that put a body in the home region ("Смоленской области", "Смоленский")."""
    index: PhraseIndex[str] = PhraseIndex()
    region = home().region
    for place in places().values():
        if place.region == region:
            index.add(phrase_forms(place.name), region)
    for row in read_table("gazetteer.csv"):
        if row["region"] == region:
            for form in _split(row["forms"]):
                index.add(phrase_forms(form), region)
    for adjective in home().adjectives:
        index.add(adjective_forms(adjective), region)
    return index
