"""Identity keys and IRIs of institutions: a name key that ignores case, quotes, spacing and the
legal form, the reviewed aliases, and readable slugs.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache

from graphkg.extract.institutions import name_key
from graphkg.extract.institutions.lexicon import legal_forms
from graphkg.namespaces import BASE  # one table of namespaces for every stage
from graphkg.tables import read_table

_TRANSLIT = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        [
            "a",
            "b",
            "v",
            "g",
            "d",
            "e",
            "e",
            "zh",
            "z",
            "i",
            "y",
            "k",
            "l",
            "m",
            "n",
            "o",
            "p",
            "r",
            "s",
            "t",
            "u",
            "f",
            "kh",
            "ts",
            "ch",
            "sh",
            "shch",
            "-",
            "y",
            "-",
            "e",
            "yu",
            "ya",
        ],
        strict=True,
    )
)


def slug(text: str, limit: int = 60) -> str:
    latin = "".join(_TRANSLIT.get(ch, ch) for ch in text.lower()).replace("-", "")
    latin = re.sub(r"[^a-z0-9]+", "-", latin).strip("-")
    return latin[:limit].rstrip("-") or "x"


def _digest(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:8]


@lru_cache(maxsize=100_000)
def identity_key(name: str) -> str:
    """The key two spellings of one body share: no legal form, quotes, case or spacing."""
    key = name_key(name)
    quote = re.search(r"[«\"“„]", name)
    if quote:
        # the legal form is what stands before the quoted name ("ГБУК НО «...»", not "ГБУК «НО»")
        matches = [m for m in legal_forms().find(name[: quote.start()]) if m.start == 0]
        if matches:
            key = name_key(name[matches[0].end :])
    return key


@lru_cache(maxsize=1)
def _aliases() -> dict[str, str]:
    return {
        identity_key(r["variant"]): identity_key(r["canonical"]) for r in read_table("aliases.csv")
    }


@lru_cache(maxsize=1)
def renames() -> list[tuple[str, str, str]]:
    return [(r["predecessor"], r["successor"], r["year"]) for r in read_table("renames.csv")]


@lru_cache(maxsize=1)
def _not_same() -> set[frozenset[str]]:
    return {
        frozenset((identity_key(r["a"]), identity_key(r["b"]))) for r in read_table("not_same.csv")
    }


@lru_cache(maxsize=100_000)
def canonical_key(name: str) -> str:
    key = identity_key(name)
    return _aliases().get(key, key)


@lru_cache(maxsize=100_000)
def institution_iri(name: str, country: str | None) -> str:
    key = canonical_key(name)
    return f"{BASE}org/{slug(key)}-{_digest(country or '', key)}"
