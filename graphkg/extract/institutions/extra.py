"""Bodies the legal-form and head-noun rules do not see: short names of the table of known
organisations ("Росприроднадзора" → Росприроднадзор), Latin-script companies ("Xstrike LLC",
"компания Horsch"), bare «quoted names» listed after a company noun ("экспортеры региона, в том
числе «Лазертаг», «Роял Кейк»": companies, written without quotes as a directory would), and a
city administration written with "г." ("Администрации г. Вязьмы"), and short names by initials
("КВЦ им. Тенишевых", "ГрГУ им. Я. Купалы", a bare "СмолГУ"; all capitals alone only when
data/aliases.csv has them),
named by the full name data/aliases.csv gives them; and a «quoted name» standing alone in
parentheses that opens with the head noun of a named institution ("г. Санкт-Петербург, («Музей
истории денег»)"): the venue's own name, written without its quotes; and a body named by
lower-case adjectives and its town ("краеведческого музея г. Великие Луки").
"""

from __future__ import annotations

import re
from functools import lru_cache

from graphkg.extract.institutions.known import short_name_index
from graphkg.extract.institutions.lexicon import _abbreviations, heads, name_key
from graphkg.lexicon import lemma, parses
from graphkg.tables import place_index, read_table, word_list
from graphkg.text import mask_spans

_LATIN_FORM = re.compile(
    r"\b((?:[A-Z][\w&'-]*\s+){0,4}[A-Z][\w&'-]*\s+(?:LLC|GmbH|Ltd\.?|Inc\.?|LLP|JSC|AG|S\.A\.|PLC))(?![\w])"
)
_LATIN_AFTER_COMPANY = re.compile(
    r"\b([Кк]омпани[яиюейё]{1,2}|[Хх]олдинг[аеуом]{0,2})\s+([A-Z][\w&'-]*(?:\s+[A-Z][\w&'-]*){0,3})"
)
_CITY_ADMIN = re.compile(
    r"\b([Аа]дминистраци[яиюей])\s+(г\.|города)\s*([А-ЯЁ][а-яё]+(?:[- ][А-ЯЁ][а-яё]+)?)"
)


def extra_mentions(text, quotes, make):
    """(start, end, mention) of the bodies above; `make(name, written, end, kind)` builds one."""
    out = []
    masked = mask_spans(text, quotes)
    for match in short_name_index().find(masked):
        if not match.capitalised and not text[match.start : match.end].isupper():
            continue
        out.append(
            (
                match.start,
                match.end,
                make(match.value, text[match.start : match.end], match.end, None),
            )
        )
    for m in _LATIN_FORM.finditer(masked):
        out.append((m.start(1), m.end(1), make(m.group(1), m.group(1), m.end(1), "business")))
    latin = [(m.start(1), m.end(1)) for m in _LATIN_FORM.finditer(masked)]
    for m in _LATIN_AFTER_COMPANY.finditer(masked):
        if any(s < m.end() and m.start() < e for s, e in latin):
            continue  # "компании Xstrike LLC": the company's own name carries its form
        name = f"{_nominative_noun(m.group(1))} {m.group(2)}"
        out.append((m.start(), m.end(), make(name, m.group(0), m.end(), "business")))
    for m in _CITY_ADMIN.finditer(masked):
        if not any(p.tag.case == "gent" for p in parses(m.group(3).split()[0])):
            continue
        name = f"Администрация {m.group(2)} {m.group(3)}".replace(". ", ". ")
        out.append((m.start(), m.end(), make(name, m.group(0), m.end(), "government")))
    out += _listed_companies(text, quotes, make)
    out += _by_initials(masked, make)
    out += _parenthesised_names(text, quotes, make)
    out += _town_bodies(masked, make)
    return out


@lru_cache(maxsize=1)
def _settlement_word() -> str:
    """The words before a settlement's name (word list settlement_word, "г", "город", "д" …) as
    one alternation; an abbreviation of up to three letters only with its dot ("с." is the
    village, "с" the preposition)."""
    words = sorted(word_list("settlement_word"), key=len, reverse=True)
    return "|".join(re.escape(w) + (r"\." if len(w) <= 3 else "") for w in words)


# "краеведческого музея г. Великие Луки": lower-case adjectives (up to three), a head noun of the
# town_body_head list, then a settlement word and the town's capitalised words
@lru_cache(maxsize=1)
def _town_body() -> re.Pattern:
    return re.compile(
        r"(?<![\w-])((?:[а-яё]+(?:-[а-яё]+)*\s+){1,3})([а-яё]+)\s+"
        rf"((?:{_settlement_word()}))\s*([А-ЯЁ][а-яё]+(?:[- ][А-ЯЁ][а-яё]+)?)"
    )


def _town_bodies(masked, make):
    """A body named by what it is and its town; its words before the town in the nominative,
    the town as written (after "г." a name keeps its case as the text gives it)."""
    out = []
    for m in _town_body().finditer(masked):
        noun = next((p for p in parses(m.group(2)) if p.tag.POS == "NOUN"), None)
        if noun is None or noun.normal_form not in word_list("town_body_head"):
            continue
        if noun.tag.number != "sing":
            continue  # "музеи г. Смоленска": several bodies, none named
        # the adjectives right before the head, read from it leftwards ("из фондов краеведческого
        # музея": фондов is no adjective of the museum)
        words = list(re.finditer(r"[а-яё]+(?:-[а-яё]+)*", m.group(1)))
        forms: list[str] = []
        start = None
        for word in reversed(words):
            adjective = next(
                (p for p in parses(word.group(0))
                 if p.tag.POS == "ADJF" and p.tag.case == noun.tag.case and p.tag.number == "sing"),
                None,
            )  # fmt: skip
            nominative = adjective.inflect({"nomn", "sing", noun.tag.gender}) if adjective else None
            if nominative is None:
                break
            forms.insert(0, nominative.word)
            start = m.start(1) + word.start()
        if not forms or start is None:
            continue  # "посетили музей": no adjective names which museum
        head = noun.inflect({"nomn", "sing"})
        name = " ".join(forms + [head.word if head else m.group(2)])
        name = f"{name[0].upper()}{name[1:]} {m.group(3)} {m.group(4)}"
        out.append((start, m.end(), make(name, masked[start : m.end()], m.end(), "culture")))
    return out


# "г. Санкт-Петербург, (", "г. Минск (": a town written as a place cell writes it, then "("
@lru_cache(maxsize=1)
def _after_town() -> re.Pattern:
    return re.compile(
        rf"\b(?:{_settlement_word()})\s*[А-ЯЁ][\w-]+(?:[- ][А-ЯЁ][\w-]+)?\s*,?\s*\(\s*$"
    )


def _parenthesised_names(text, quotes, make):
    """ "г. Санкт-Петербург, («Музей истории денег»)": a quoted name alone in parentheses right
    after a town (the place cell's venue) whose first word is, in the
    nominative and capitalised, the head noun of a named institution (data/institution_heads.csv,
    class named) names that institution. Not a head that needs a «name» of its own (коллектив),
    and never a quote after a word (those are the legal-form and head-noun rules')."""
    out = []
    table = heads()
    for s, e in quotes:
        before = text[max(0, s - 60) : s]
        if not (_after_town().search(before) and text[e:].lstrip().startswith(")")):
            continue  # only right after a town, as a place cell writes its venue
        name = re.sub(r"\s+", " ", text[s + 1 : e - 1]).strip()
        first = name.split(" ", 1)[0]
        head = table.get(lemma(first))
        if head is None or head.cls != "named" or head.quote or not first[:1].isupper():
            continue
        if not any(p.tag.case == "nomn" and p.tag.POS == "NOUN" for p in parses(first)):
            continue
        town = [m.value for m in place_index().find(before) if m.value.kind == "settlement"]
        country = town[-1].country if town else None  # the venue lies in the town before it
        out.append((s, e, make(name, text[s:e], e, head.kind, country)))
    return out


# An abbreviation: capitals, each but the last may carry up to three small letters ("ГрГУ",
# "СмолГУ", "КВЦ"); with "им."/"имени", initials and a surname it is a body's short name.
ABBREVIATION = r"[А-ЯЁ](?:[а-яё]{0,3}[А-ЯЁ])+"
_NAMED_AFTER = re.compile(
    rf"(?<![\w«\"])({ABBREVIATION})\s+(им\.|имени)\s*((?:[А-ЯЁ]\.\s?){{0,2}}"
    r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?)"
)
# small letters inside and two capitals at the end: a university's or a maker's own short form
# ("СмолГУ", "ГрГУ", "БелАЗ"), never a word; all-capital ones (ВКС, СМИ, РФ) are no body alone
_MIXED = re.compile(r"[А-ЯЁ][а-яё]{1,3}(?:[А-ЯЁ][а-яё]{0,3})*[А-ЯЁ]{2}")
_BARE = re.compile(rf"(?<![\w«\"-])({ABBREVIATION})(?![\w-])")


@lru_cache(maxsize=1)
def _alias_names() -> dict[str, str]:
    """name key of a variant (quotes and legal form aside) → its full name, from data/aliases.csv."""
    out: dict[str, str] = {}
    for row in read_table("aliases.csv"):
        variant = row["variant"]
        if quoted := re.search(r"«(.+)»$", variant):
            out.setdefault(name_key(quoted.group(1)), row["canonical"])
        out.setdefault(name_key(variant), row["canonical"])
    return out


def _by_initials(masked, make):
    """ "сотрудники КВЦ им. Тенишевых": an abbreviation named after a person is a body, known or
    not; a bare one when the reviewed aliases name it or it mixes small letters ("СмолГУ")."""
    out = []
    forms = _abbreviations()
    taken = []
    for m in _NAMED_AFTER.finditer(masked):
        if m.group(1) in forms:
            continue  # a legal form starts a name the quoted rule reads
        written = re.sub(r"\s+", " ", m.group(0))
        name = _alias_names().get(name_key(written), written)
        out.append((m.start(), m.end(), make(name, written, m.end(), None)))
        taken.append((m.start(), m.end()))
    for m in _BARE.finditer(masked):
        if any(s <= m.start() < e for s, e in taken):
            continue
        name = _alias_names().get(name_key(m.group(1)))
        if name is None and _MIXED.fullmatch(m.group(1)):
            name = m.group(1)  # "СмолГУ", "ГрГУ": a short name of its own; the corpus may spell it
        if name is not None:
            out.append((m.start(), m.end(), make(name, m.group(1), m.end(), None)))
    return out


def _nominative_noun(word):
    found = next((p for p in parses(word) if p.tag.POS == "NOUN"), None)
    nominative = found.inflect({"nomn", "sing"}) if found else None
    return (nominative.word if nominative else word).capitalize()


_SEPARATOR = re.compile(r"\s*(?:,|и|,\s*а также)\s*$")
_LEAD = re.compile(r"(?:,?\s*(?:в том числе|такие как|в частности|включая))?\s*:?\s*$")


def _listed_companies(text, quotes, make):
    """«X», «Y» и «Z» right after a company noun ("экспортеры региона, в том числе «...»")."""
    out = []
    k = 0
    while k < len(quotes):
        start = quotes[k][0]
        before = text[max(0, start - 80) : start]
        lead = _LEAD.search(before)
        words = re.findall(r"[А-Яа-яЁё-]+", before[: lead.start()] if lead else before)[-2:]
        if not any(lemma(w) in word_list("company_noun") for w in words):
            k += 1
            continue
        run = [quotes[k]]
        while k + 1 < len(quotes) and _SEPARATOR.fullmatch(
            " " + text[run[-1][1] : quotes[k + 1][0]]
        ):
            k += 1
            run.append(quotes[k])
        if len(run) < 2:
            k += 1
            continue  # one «name» after "предприятия" may be the enterprise's form; a list is companies
        for s, e in run:
            name = text[s + 1 : e - 1].strip()
            out.append((s, e, make(name, text[s:e], e, "business")))
        k += 1
    return out
