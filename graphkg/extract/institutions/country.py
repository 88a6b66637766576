"""Where a named body is based: its own name first (a country or a Belarusian region in it), then
the legal form's country, then what stands after it ("(Республика Беларусь)").
"""

from __future__ import annotations

import re

from graphkg.extract.geo import foreign_countries
from graphkg.extract.institutions.lexicon import HOME
from graphkg.tables import word_list
from graphkg.text import fold


def _country(name, after, form_country, before=""):
    """Where an organisation is based: its own name, a "(Республика X)" right after it, a country
    adjective right before it ("индийский холдинг «Uflex Group»"), its legal form."""
    owner = _owner_country(name)
    if owner:
        return owner
    last_word = before.split()[-1:]
    adjective = foreign_countries(last_word[0]) if last_word and last_word[0].islower() else []
    if adjective:
        return adjective[0]
    paren = re.match(r"\s*\(([^()]{0,80})\)", after)
    if paren and _is_location(paren.group(1)):
        codes = foreign_countries(paren.group(1))
        if codes:
            return codes[0]
        if re.search(r"Российская Федерация|Смоленск", paren.group(1)):
            return HOME
    return form_country or HOME


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
    if re.search(r"Российск|России\b|Росси[ия]\b|РФ\b|Смоленск", owner_part):
        first_ru = re.search(r"Российск|России\b|РФ\b|Смоленск", owner_part).start()
    else:
        first_ru = None
    codes = foreign_countries(owner_part)
    if codes:
        first_foreign = min(
            (m.start() for m in re.finditer(r"Беларус|Белорус|Республик|[А-ЯЁ]", owner_part)),
            default=0,
        )
        if first_ru is not None and first_ru < first_foreign:
            return HOME
        return codes[0]
    if first_ru is not None:
        return HOME
    return None
