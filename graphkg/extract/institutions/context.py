"""The country a row's context gives a body that has none of its own (no country or region in its
name, no location after it, not in the table of known organisations):

- a list headed by a foreign group: "представителями белорусских предприятий: ОАО «…», ООО «…»",
  "делегации Республики Беларусь: представители ОАО «…»" (the list runs while only separators,
  parentheses or a short apposition stand between its names; never past ";" or a sentence end);
- a foreign town that opens its one-word quoted name ("ОАО «Могилевлифтмаш»");
- a short name the row defines for a body of known country ("(далее – ОАО «МАЗ»)");
- a Latin-script name in a row that names one foreign country.

Evidence of the body's own (its name, a location after it, the table) always wins over context.
"""

from __future__ import annotations

import re

from graphkg.extract.geo import foreign_countries
from graphkg.extract.institutions.lexicon import name_key
from graphkg.lexicon import lemma
from graphkg.tables import country_index, home, places, word_list

_WEAK = ("form", "default")
_GAP = re.compile(r"[\s,–—-]*(?:\([^()]*\)[\s,–—-]*)*(?:и\s+|а\s+также\s+)?")
_WORD = re.compile(r"[А-Яа-яЁё-]+")


_MET = re.compile(
    r"\bс\s+(?:[а-яё-]+\s+){0,3}(?:директор|руководител|председател|заместител|представител|владел)"
    r"[а-яё]*\s+(?:[а-яё-]+\s+){0,3}$"
)


def apply_context(text, kept, aliases, venue=None):
    """The row's (start, end, mention) spans with countries from the row's context; `venue` is the
    country where the row's event took place, when abroad."""
    out = list(kept)
    frames = list(_frames(text))
    if venue and venue != home().country:
        # held abroad: "посещены предприятия: ОАО «…»" and "переговоры с директором ОАО «…»"
        frames += [(m.end(), venue) for m in re.finditer(r"предприяти[яйе]\s*:", text)]
        for n, (start, end, mention) in enumerate(out):
            before = re.split(r"[;\n]|\.\s", text[max(0, start - 80) : start])[-1]
            if mention.evidence in _WEAK and mention.kind == "business" and _MET.search(before):
                out[n] = (start, end, _with(mention, venue))
    for cue_end, country in frames:
        following = [n for n, (s, _, _) in enumerate(out) if s >= cue_end]
        pos = cue_end
        for n in following:
            start, end, mention = out[n]
            if not _continues(text[pos:start], first=pos == cue_end):
                break
            if mention.evidence in _WEAK and mention.country != country:
                out[n] = (start, end, _with(mention, country))
            pos = end
    for n, (start, end, mention) in enumerate(out):
        if mention.evidence not in _WEAK:
            continue
        town = _town_in_quote(mention.name)
        if town is not None:
            out[n] = (start, end, _with(mention, town.country, town.region))
    _defined(out, aliases)
    _latin(text, out)
    return out


def _with(mention, country, region=None):
    return mention.model_copy(
        update={
            "country": country,
            "side": "home" if country == home().country else "foreign",
            "evidence": "context",
            "region": region or mention.region,
        }
    )


def _frames(text):
    """(offset where the list starts, country) for every foreign group noun in the text."""
    words = [(m.group(0), m.start(), m.end()) for m in _WORD.finditer(text)]
    for k, (word, _, end) in enumerate(words):
        if lemma(word) not in word_list("foreign_group"):
            continue
        if k and (codes := _foreign(words[k - 1][0])) and words[k - 1][0].islower():
            yield end, codes
            continue
        after = text[end : end + 40]
        match = next((m for m in country_index().find(after) if not after[: m.start].strip()), None)
        if match is not None and match.value != home().country:
            yield end + match.end, match.value


def _foreign(word):
    found = [m.value for m in country_index().find(word) if m.value != home().country]
    return found[0] if found else None


def _continues(gap, first):
    """Whether the text between the list's cue (or previous name) and the next name keeps the list."""
    if re.search(r"[;\n]|\.\s", gap):
        return False
    rest = gap if not first else re.sub(r"^\s*:?", "", gap)
    rest = _GAP.sub(" ", rest, count=1).strip()
    words = rest.split()
    return len(words) <= 3 and all(w.islower() for w in words)


def _town_in_quote(name):
    """A foreign settlement whose stem opens a one-word quoted name ("«Могилевлифтмаш»")."""
    quoted = re.fullmatch(r"[^«]*«([А-ЯЁа-яё]+)»", name)
    if not quoted:
        return None
    word = quoted.group(1).lower()
    for place in places().values():
        if place.kind != "settlement" or place.country == home().country:
            continue
        stem = re.sub(r"[аеёиоуыэюяйь]$", "", place.name.lower()).replace("ё", "е")
        if len(stem) >= 5 and word.startswith(stem) and len(word) > len(stem) + 2:
            return place
    return None


def _defined(out, aliases):
    """ "ОАО «МАЗ»" where the row defines it for "Минского автомобильного завода": its country."""
    surest = {name_key(m.name): m for _, _, m in out if m.evidence not in _WEAK}
    for n, (start, end, mention) in enumerate(out):
        full = aliases.get(name_key(mention.name))
        source = surest.get(name_key(full)) if full else None
        if mention.evidence in _WEAK and source is not None and source.country != mention.country:
            out[n] = (start, end, _with(mention, source.country))


def _latin(text, out):
    """ "Xstrike LLC" in a row that names one foreign country only: that country's."""
    countries = foreign_countries(text)
    if len(countries) != 1:
        return
    for n, (start, end, mention) in enumerate(out):
        if mention.evidence in _WEAK and re.match(r"[A-Z]", mention.name):
            out[n] = (start, end, _with(mention, countries[0]))


__all__ = ["apply_context"]
