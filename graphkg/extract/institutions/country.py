"""Where a named body is based: its own name first (a country or a Belarusian region in it), then
what stands right after it ("(Республика Беларусь)"), then the table of known organisations, then
the legal form's country; the row's context (a Belarusian list or delegation) is applied by
`context.py` over the row's mentions.
"""

from __future__ import annotations

import re

from graphkg.extract.geo import foreign_countries
from graphkg.extract.institutions.known import known
from graphkg.tables import country_index, home, place_index, region_adjective_index, word_list
from graphkg.text import fold

# How sure a country is: the body's own name or a location right after it, the table of known
# organisations, the row's context, the legal form, the default. Reconciling one name key over
# several rows takes the surest.
RANK = {"name": 5, "location": 4, "table": 3, "context": 2, "form": 1, "default": 0}


def _country(name, after, form_country, before=""):
    return _country_evidence(name, after, form_country, before)[0]


def _country_evidence(name, after, form_country, before=""):
    """(country, evidence) of an organisation: its own name, a "(Республика X)" right after it, a
    country adjective right before it ("индийский холдинг «Uflex Group»"), the known-organisation
    table, its legal form, else home."""
    owner = _owner_country(name)
    if owner:
        return owner, "name"
    last_word = before.split()[-1:]
    adjective = foreign_countries(last_word[0]) if last_word and last_word[0].islower() else []
    if adjective:
        return adjective[0], "location"
    paren = re.match(r"\s*\(([^()]{0,80})\)", after)
    if paren and _is_location(paren.group(1)):
        codes = foreign_countries(paren.group(1))
        if codes:
            return codes[0], "location"
        if re.search(rf"Российская Федерация|{_home_stems()}", paren.group(1)):
            return home().country, "location"
    beside = re.match(r"\s*,\s*((?:г\.\s?п\.|г\.|аг\.|д\.|пос\.)\s*[А-ЯЁ][^,;()\n]{1,40})", after)
    if beside:  # "Санаторий «…», г.п. Радошковичи, …": a foreign town beside the name
        codes = foreign_countries(beside.group(1))
        if codes:
            return codes[0], "location"
    entry = known(name)
    if entry is not None:
        return entry.country, "table"
    if form_country:
        return form_country, "form"
    return home().country, "default"


def _home_stems():
    """ "Смоленск": the stems of the home region's adjectives (data/home.csv), capitalised."""
    return "|".join(a[:-2].capitalize() for a in home().adjectives)


def _is_location(text):
    """ "(г. Каракол, Республика Кыргызстан)" locates; "(учредитель – австрийская компания)" does not."""
    words = re.findall(r"[А-Яа-яЁё-]+", text)
    return bool(words) and all(
        w[0].isupper() or fold(w) in word_list("location_word") for w in words
    )


def _owner_country(name):
    """The first country a name names outside its quotes, else inside them."""
    unquoted = re.sub(r"«.*", "", name)
    return _owner_of(unquoted) or _owner_of(name[len(unquoted) :])


def _owner_of(name):
    """The first country a name names, skipping locations ("Посольство РФ в Республике Беларусь")."""
    locations = "|".join(sorted(word_list("owner_location")))
    parts = re.split(rf"\s(?:{locations})\s", name, maxsplit=1)
    owner_part = parts[0]
    ru = re.search(rf"Российск|России\b|РФ\b|{_home_stems()}", owner_part)
    first_ru = ru.start() if ru else None
    codes = foreign_countries(owner_part)
    if codes:
        found = [m.start for m in country_index().find(owner_part) if m.value != home().country]
        found += [
            m.start
            for m in place_index().find(owner_part)
            if m.capitalised and m.value.country != home().country
        ]
        found += [
            m.start for m in region_adjective_index().find(owner_part) if m.value.startswith("BY-")
        ]
        first_foreign = min(found, default=0)  # the first foreign country, place or region named
        if first_ru is not None and first_ru < first_foreign:
            return home().country
        return codes[0]
    if first_ru is not None:
        return home().country
    return None
