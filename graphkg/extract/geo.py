"""Places, Belarusian regions and foreign countries named in a row, through the gazetteer.

Places come from the place cell only, with quoted names masked and genitive qualifiers dropped
("пионерской организации г. Витебска" names an organisation, not a venue). Regions and countries
are read from the whole row: venue, participants, institutions' names and content alike.
"""

from __future__ import annotations

import re
from functools import lru_cache

from graphkg.lexicon import Match, lemma, parses
from graphkg.models import PlaceRef
from graphkg.tables import (
    Place,
    country_index,
    historical_markers,
    home,
    place_index,
    places,
    region_adjective_index,
    word_list,
)
from graphkg.text import fold, mask_spans, quoted_spans, tokens


def event_places(place_text: str) -> list[PlaceRef]:
    """Settlements (and districts) where an event took place; a region only when nothing finer.
    A district the cell names beside a settlement lying in it is no place of its own."""
    masked = mask_spans(place_text, quoted_spans(place_text))
    found: list[Place] = []
    regions: list[Place] = []
    for match in place_index().find(masked):
        if not match.capitalised or _is_qualifier(masked, match):
            continue
        place = match.value
        target = regions if place.kind == "region" else found
        if place not in target:
            target.append(place)
    # a district named beside a settlement that lies in it only locates that settlement
    # ("пос. Хиславичи, Хиславичский район"); a district of its own stays ("г. Смоленск, Вяземский район")
    within = {d for p in found for d in p.districts}
    found = [p for p in found if p.id not in within]
    chosen = found or regions
    out = [PlaceRef(name=p.name, id=p.id, country=p.country, region=p.region) for p in chosen]
    if not found:
        district = _quoted_district(place_text)
        if district is not None:  # "Муниципальное образование «Духовщинский муниципальный округ»"
            return [district]
    return out


def _quoted_district(place_text: str) -> PlaceRef | None:
    """A quoted municipality of the place cell ("«Руднянский муниципальный округ»"), as written:
    the district a place cell names when it names no settlement."""
    for start, end in quoted_spans(place_text):
        inner = place_text[start + 1 : end - 1].strip()
        words = inner.split()
        if (
            len(words) >= 2
            and fold(words[-1]) in word_list("district_word")
            and inner[:1].isupper()
        ):
            region = next(
                (
                    m.value.region
                    for m in place_index().find(place_text[end:])
                    if m.value.kind == "region"
                ),
                None,
            )
            country = next(
                (
                    m.value.country
                    for m in place_index().find(place_text[end:])
                    if m.value.kind == "region"
                ),
                home().country,
            )
            return PlaceRef(name=inner, id=None, country=country, region=region or home().region)
    return None


def _is_qualifier(text: str, match: Match[Place]) -> bool:
    """A genitive place after a noun qualifies it ("организации г. Витебска", "Оршанского района")."""
    surface = text[match.start : match.end].split()
    last_word = surface[-1]
    before = [fold(w) for w, _, end in tokens(text[: match.start])]
    if (
        match.value.kind == "region"
        and before
        and before[-1].isalpha()
        and text[: match.start].rstrip()[-1:].isalpha()
    ):
        # "трудовой миграции Смоленской области", "делегация Смоленской области": a qualifier of
        # the word before, unless that word is where things happen ("на избирательных участках
        # Могилевской области", "на территории ... области")
        return (
            lemma(before[-1]) not in word_list("place_noun")
            and before[-1] not in word_list("genitive_governor")
            and before[-1] not in ("в", "во", "на")
        )
    cases = {p.tag.case for p in parses(last_word) if p.tag.POS in ("NOUN", "ADJF")}
    if not cases or cases - {"gent", "gen2"}:
        return False
    while before and before[-1] in word_list("settlement_word"):
        before.pop()
    return bool(before) and before[-1] not in word_list("genitive_governor")


@lru_cache(maxsize=50_000)
def _regions(text: str) -> tuple[str, ...]:
    return tuple(belarus_regions_uncached(text))


def belarus_regions(text: str) -> list[str]:
    """ISO 3166-2:BY codes of the regions a text names (cached: institution names repeat)."""
    return list(_regions(text))


def belarus_regions_uncached(text: str) -> list[str]:
    """ISO 3166-2:BY codes of the regions a text names: places, regions, regional adjectives and
    town names fused into a company's name ("Бобруйскагромаш"); a see in a cleric's title
    ("митрополит Минский и Заславский") is a person's title and names none."""
    regions: set[str] = set()
    text = mask_spans(text, _see_titles(text))
    place_matches = [m for m in place_index().find(text) if m.capitalised]
    quotes = quoted_spans(text)
    for match in place_matches:
        if _part_of_quoted_name(text, match, quotes):
            continue  # «Красная Горка» (a checkpoint), М-1 «…»: a name, not the place
        if match.value.country == "BY" and match.value.region:
            regions.add(match.value.region)
    rest = mask_spans(text, [(m.start, m.end) for m in place_matches])
    adjectives = region_adjective_index().find(rest)
    for adjective in adjectives:
        if adjective.value.startswith("BY-"):
            regions.add(adjective.value)
    regions.update(_fused_town_regions(mask_spans(rest, [(a.start, a.end) for a in adjectives])))
    return sorted(regions)


_FUSED_STEM = 5  # a shorter town name ("Лида", "Орша") fused into a word is too likely a look-alike
_FUSED_REST = 3  # letters the rest of the word must have ("…агромаш", "…лифтмаш")


@lru_cache(maxsize=1)
def _fused_stems() -> tuple[tuple[str, str], ...]:
    """(folded name, region) of Belarusian settlements of the gazetteer, longest first (so that a
    longer town's name wins over a shorter one it starts with)."""
    stems = {
        fold(place.name): place.region
        for place in places().values()
        if place.kind == "settlement"
        and place.country == "BY"
        and place.region
        and len(place.name) >= _FUSED_STEM
    }
    return tuple(sorted(stems.items(), key=lambda item: -len(item[0])))


def _fused_town_regions(text: str) -> set[str]:
    """Regions of Belarusian towns whose name opens a capitalised word the dictionary does not know
    ("Бобруйскагромаш", "Гомельтранснефть", "Витебскхлебпром"): a company's name made of its town.
    A hyphenated name ("Речица-Агро") is two words and is read as such; a known word or an
    adjective ("Минский", "Полоцкого", "Борисовича") is never a fused name."""
    found: set[str] = set()
    for word, _, _ in tokens(text):
        if not word[:1].isupper() or not word.isalpha():
            continue
        folded = fold(word)
        for stem, region in _fused_stems():
            if folded.startswith(stem) and len(folded) - len(stem) >= _FUSED_REST:
                if not any(p.is_known or p.tag.POS == "ADJF" for p in parses(word)):
                    found.add(region)
                break  # the longest town name that opens the word, and no other
    return found


def _see_titles(text: str) -> list[tuple[int, int]]:
    """Spans of the sees in clerics' titles: the capitalised words (and "и", "всея") right after a
    title word of data/word_lists.csv see_title ("митрополит Минский и Заславский Вениамин")."""
    spans: list[tuple[int, int]] = []
    words = tokens(text)
    titles = word_list("see_title")
    openings = {title[:4] for title in titles}  # lemmatise only words that may be a title: speed
    for k, (word, _, end) in enumerate(words):
        if fold(word)[:4] not in openings or lemma(word) not in titles:
            continue
        last = end
        for next_word, start, stop in words[k + 1 : k + 8]:
            if text[last:start].strip():
                break  # punctuation: the title has ended
            if next_word[:1].isupper():
                spans.append((start, stop))
            elif fold(next_word) not in ("и", "всея"):
                break
            last = stop
    return spans


def _part_of_quoted_name(text: str, match: Match[Place], quotes) -> bool:
    """A place word that a quoted proper name holds with a word of its own beside it
    ("«Красная Горка»", "«Новые Горки»") names no place; "«Рославль – Витебск»", the whole quoted
    name ("Центр культуры «Витебск»") and "«… г. Гродно»" still do."""
    for start, end in quotes:
        if start <= match.start < end:
            before = re.search(r"([^\W\d_][\w-]*)\.?\s*$", text[start + 1 : match.start])
            after = re.match(r"\s*([^\W\d_][\w-]*)", text[match.end : end - 1])
            for word in (before.group(1) if before else "", after.group(1) if after else ""):
                if word and fold(word) not in word_list("settlement_word"):
                    return True  # a word of the name right beside the place word
            return False
    return False


@lru_cache(maxsize=50_000)
def _countries(text: str) -> tuple[str, ...]:
    return tuple(foreign_countries_uncached(text))


def foreign_countries(text: str) -> list[str]:
    """ISO 3166-1 codes of the foreign countries a text names (cached: names repeat)."""
    return list(_countries(text))


def foreign_countries_uncached(text: str) -> list[str]:
    """ISO 3166-1 codes of the foreign countries a text names, by name, adjective or place."""
    codes: set[str] = set()
    markers = historical_markers()
    for match in country_index().find(text):
        before = tokens(text[: match.start])[-1:]
        after = tokens(text[match.end :])[:1]
        if before and lemma(before[0][0]) in markers:
            continue  # "советской Беларуси": a topic, not a participant
        if after and fold(after[0][0]).startswith("язык"):
            continue  # "на китайском языке": a language
        codes.add(match.value)
    for place in place_index().find(text):
        if place.capitalised and place.value.kind == "settlement":
            codes.add(place.value.country)
    if belarus_regions(text):
        codes.add("BY")
    codes.discard(home().country)
    return sorted(codes)
