"""Named organisations in a row, in the nominative, with country, region, legal form and kind.

Two rules, both driven by data tables: a legal form (data/legal_forms.csv) right before a «quoted
name» ("ГБУК «...»", "Учреждения образования «...»"), and a head noun (data/institution_heads.csv)
with the adjectives that agree with it and the genitive name after it ("Гомельским областным
исполнительным комитетом", "Министерства образования Республики Беларусь"). Words outside quotes
are put in the nominative with pymorphy3; quoted names are kept exactly as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..lexicon import PhraseIndex, lemma, parses, phrase_forms
from ..lookups import country_index, read_table, word_list
from ..models import InstitutionMention
from ..text import fold, quoted_spans
from .geo import belarus_regions, foreign_countries

_TOKEN = re.compile(
    r"[А-ЯЁA-Z]\.\s?[А-ЯЁA-Z]\."  # initials "М.И."
    r"|[A-Za-zА-Яа-яЁё0-9]+(?:-[A-Za-zА-Яа-яЁё0-9]+)*"
    r"|\S"
)
HOME = "RU"


@dataclass(frozen=True)
class _Tok:
    text: str
    start: int
    end: int

    @property
    def word(self) -> bool:
        return self.text[0].isalnum()

    @property
    def upper(self) -> bool:
        return self.text[0].isupper()


@dataclass(frozen=True)
class LegalForm:
    form: str
    nominative: str  # how the name is written with it
    country: str | None
    kind: str


@dataclass(frozen=True)
class Head:
    lemma: str
    kind: str
    cls: str  # body | named | unit
    prepositions: frozenset[str]
    action: bool  # also names an activity: "Организация санаторно-курортного лечения"


@lru_cache(maxsize=1)
def legal_forms() -> PhraseIndex[LegalForm]:
    index: PhraseIndex[LegalForm] = PhraseIndex()
    for row in read_table("legal_forms.csv"):
        form = LegalForm(row["form"], row["form"], row["country"] or None, row["kind"])
        if row["form"].isupper() or " " in row["form"] and row["form"].split()[0].isupper():
            index.add([row["form"]], form)  # abbreviations are not inflected
        else:
            index.add(phrase_forms(row["form"]), form)
    return index


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    return frozenset(row["form"].split()[0] for row in read_table("legal_forms.csv") if row["form"].split()[0].isupper())


@lru_cache(maxsize=1)
def heads() -> dict[str, Head]:
    return {
        row["head"]: Head(
            row["head"], row["kind"], row["class"], frozenset(filter(None, row["prepositions"].split("|"))), row["action"] == "yes"
        )
        for row in read_table("institution_heads.csv")
    }


@dataclass(frozen=True)
class Found:
    """Institution mentions of a text with their character spans, and the row's defined aliases."""

    spans: tuple[tuple[int, int, InstitutionMention], ...]
    aliases: dict[str, str]  # key of a defined short name -> full name

    def canonical(self, name: str) -> str:
        return self.aliases.get(name_key(name), name)


def institutions(text: str) -> list[InstitutionMention]:
    """Every named organisation in a row's text, once each, sorted by name."""
    found = find_institutions(text)
    unique: dict[str, InstitutionMention] = {}
    for _, _, mention in found.spans:
        key = name_key(mention.name)
        if key in found.aliases and name_key(found.aliases[key]) != key:
            continue  # "ОАО «МАЗ»" after "(далее – ОАО «МАЗ»)": the full name is listed
        unique.setdefault(key, mention)
    return sorted(unique.values(), key=lambda m: m.name)


def find_institutions(text: str) -> Found:
    toks = [_Tok(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    quotes = quoted_spans(text)
    definitions, aliases = _definitions(text, toks)
    found: list[tuple[int, int, InstitutionMention]] = list(definitions)
    found += _quoted_mentions(text, toks, quotes)
    found += _head_mentions(text, toks, quotes, aliases)
    # Longest mention wins where mentions overlap ("Представительство Правительства ... при Правительстве ...").
    kept: list[tuple[int, int, InstitutionMention]] = []
    for start, end, mention in sorted(found, key=lambda f: (f[0] - f[1], f[0])):
        if all(end <= s or start >= e for s, e, _ in kept):
            kept.append((start, end, mention))
    kept.sort(key=lambda f: f[0])
    # "АНО «Национальный центр ...» (далее – Национальный центр)": the short name is an alias.
    for m in _DEFINITION.finditer(text):
        before = next((mention for _, end, mention in kept if not text[end : m.start()].strip()), None)
        if before is not None:
            aliases.setdefault(name_key(m.group(1)), before.name)
    return Found(spans=tuple(kept), aliases=aliases)


def name_key(name: str) -> str:
    """Case-, quote- and spacing-insensitive key of a name."""
    key = fold(name).replace("им. ", "имени ")
    key = re.sub(r"[«»“”„\"]", "", key)
    return re.sub(r"\s+", " ", key).strip()


def _quoted_mentions(text, toks, quotes):
    out = []
    index = legal_forms()
    for q_start, q_end in quotes:
        before = text[max(0, q_start - 120) : q_start]
        matches = [m for m in index.find(before) if not before[m.end :].strip()]
        name_part = text[q_start:q_end]
        if matches:
            match = matches[-1]
            form = match.value
            written = before[match.start : match.end]
            label = written if written.isupper() or form.form.isupper() else _capitalise(form.form)
            start = q_start - len(before) + match.start
            name = f"{label} {name_part}"
            out.append((start, q_end, _mention(text, name, written + " " + name_part, q_end, form.country, form.kind, form.form)))
            continue
    return out


_DEFINITION = re.compile(r"\(\s*далее\s*[–—-]\s*([^()]{1,60}?)\s*\)")
_QUOTED_TERM = re.compile(r"^(.*?)\s*«(.+?)»?$")


def _definitions(text, toks):
    """"Минского автомобильного завода (далее – ОАО «МАЗ»)" names ОАО «Минский автомобильный завод».

    Returns the mentions a definition makes (only when the defined term carries a legal form) and
    the alias map {key of the defined term: full name}.
    """
    mentions, aliases = [], {}
    for m in _DEFINITION.finditer(text):
        i = _index_at(toks, m.start())
        j = i
        while j > 0 and i - j < 8 and toks[j - 1].word and "\n" not in text[toks[j - 1].end : toks[j].start]:
            j -= 1
        # The name starts at the nearest capitalised adjective, else the nearest capitalised word,
        # with at least two words up to the parenthesis ("Минского автомобильного завода").
        starts = [k for k in range(i - 2, j - 1, -1) if toks[k].upper]
        first = next((k for k in starts if _adjective(toks[k].text)), starts[0] if starts else None)
        if first is None:
            continue
        head = next((k for k in range(first, i) if _is_noun(toks[k].text) and not _adjective(toks[k].text)), None)
        if head is None:
            continue
        np = _nominative(toks, first, head) + ("" if head + 1 >= i else " " + text[toks[head + 1].start : toks[i - 1].end])
        term = m.group(1).strip()
        quoted = _QUOTED_TERM.match(term)
        if quoted and quoted.group(1) and legal_forms().find(quoted.group(1)):
            name = f"{quoted.group(1)} «{np}»"
            mention = _mention(text, name, text[toks[first].start : m.end()], m.end(), None, None, quoted.group(1))
            mentions.append((toks[first].start, m.end(), mention.model_copy(update={"aliases": (term,)})))
            aliases[name_key(term)] = name
        elif term.isupper():  # a bare abbreviation: "(далее – БРПО)"
            aliases[name_key(term)] = np
    return mentions, aliases


def _adjective(word):
    return parses(word)[0].tag.POS in ("ADJF", "PRTF") if parses(word) else False


def _head_mentions(text, toks, quotes, aliases):
    out = []
    table = heads()
    for i, tok in enumerate(toks):
        if not tok.word or any(s <= tok.start < e for s, e in quotes):
            continue
        head = table.get(lemma(tok.text))
        if head is None or not _is_noun(tok.text):
            continue
        left = _left_adjectives(toks, i)
        first = left[0] if left else i
        chain_end, chain = _genitive_chain(text, toks, i + 1, head.prepositions)
        if head.kind == "business" and not chain and i + 1 < len(toks) and toks[i + 1].upper and toks[i + 1].word:
            chain_end, chain = toks[i + 1].end, toks[i + 1].text  # "Концерна Росэнергоатом"
        if _is_unit(head, left, chain, aliases):
            continue  # a unit named with its parent: the parent is found on its own
        end = chain_end or tok.end
        quote = None
        if head.cls == "named":
            quote = next(((s, e) for s, e in quotes if text[end:s].strip() == "" and s >= end), None)
        nominative = _capitalise(_nominative(toks, first, i))
        name = nominative + (f" {chain}" if chain else "")
        if quote is not None:  # "Дипломатического клуба «Стратег»"
            name += " " + text[quote[0] : quote[1]]
            end = quote[1]
        named_left = any(toks[j].upper for j in left)
        named_right = bool(chain) and any(w[:1].isupper() for w in chain.split())
        if head.cls in ("body", "unit") and not (named_left or named_right or quote):
            continue
        if head.cls == "named" and not (toks[first].upper and (left or chain or quote)):
            continue
        if head.action and not left and not quote and not named_right:
            continue  # "Организация санаторно-курортного лечения": an action, not a body
        if not quote and _plural(tok.text):
            continue  # "Театральные коллективы из России" is a group, not a named body
        if name_key(nominative) in _not_institutions() or name_key(name) in _not_institutions():
            continue
        out.append((toks[first].start, end, _mention(text, name, text[toks[first].start : end], end, None, head.kind, None)))
    return out


def _plural(word):
    nouns = [p for p in parses(word) if p.tag.POS == "NOUN"]
    return bool(nouns) and all(p.tag.number == "plur" for p in nouns)


def _is_unit(head, left, chain, aliases):
    """"Витебского областного Совета Белорусской республиканской пионерской организации" is a unit."""
    table = heads()
    words = chain.split()
    if any(table.get(lemma(w)) is not None and table[lemma(w)].cls == "unit" for w in words):
        return True  # "Центр ... отдела общего обслуживания": inside a unit of a parent
    unit = head.cls == "unit" or head.lemma == "совет" and bool(left)
    return unit and any(lemma(w) in table or name_key(w) in aliases for w in words)


@lru_cache(maxsize=1)
def _not_institutions() -> frozenset[str]:
    return frozenset(name_key(row["name"]) for row in read_table("not_institutions.csv"))


def _index_at(toks, offset):
    for k, t in enumerate(toks):
        if t.start >= offset:
            return k
    return len(toks)


def _is_noun(word):
    return any(p.tag.POS == "NOUN" for p in parses(word)) or word.isupper()


def _left_adjectives(toks, i):
    """Indexes of the adjectives before toks[i] that agree with it in case and number."""
    head_cases = {(p.tag.case, p.tag.number) for p in parses(toks[i].text) if p.tag.POS == "NOUN"}
    left = []
    j = i - 1
    while j >= 0 and toks[j].word:
        cases = {(p.tag.case, p.tag.number) for p in parses(toks[j].text) if p.tag.POS in ("ADJF", "PRTF")}
        if not cases & head_cases:
            break
        left.insert(0, j)
        j -= 1
    return left


def _nominative(toks, first, head_index):
    """The adjectives and the head put in the nominative, keeping each word's capitalisation."""
    head_parse = next((p for p in parses(toks[head_index].text) if p.tag.POS == "NOUN"), None)
    words = []
    for k in range(first, head_index + 1):
        word = toks[k].text
        if k == head_index:
            form = head_parse.inflect({"nomn", head_parse.tag.number or "sing"}) if head_parse else None
        else:
            adj = next((p for p in parses(word) if p.tag.POS in ("ADJF", "PRTF") and head_parse and p.tag.case == head_parse.tag.case), None)
            gender = head_parse.tag.gender if head_parse else None
            grammemes = {"nomn", head_parse.tag.number or "sing"} | ({gender} if gender and head_parse.tag.number != "plur" else set())
            form = adj.inflect(grammemes) if adj else None
        new = form.word if form else word
        words.append(_match_case(word, new))
    return " ".join(words)


def _match_case(original, new):
    if original.isupper() and len(original) > 1:
        return new.upper()
    return new[:1].upper() + new[1:] if original[:1].isupper() else new


def _capitalise(text):
    return text[:1].upper() + text[1:]


def _genitive_chain(text, toks, i, prepositions):
    """Genitive words after a head ("образования Республики Беларусь", "имени Г.И. Цитовича")."""
    words: list[str] = []
    end = 0
    capital_seen = False
    k = i
    while k < len(toks):
        tok = toks[k]
        new_line = k > 0 and "\n" in text[toks[k - 1].end : tok.start]
        low = fold(tok.text)
        if low in ("имени", "им") and k + 2 < len(toks):
            step = 2 if toks[k + 1].text == "." else 1
            if re.match(r"[А-ЯЁ]\.", toks[k + step].text) and k + step + 1 < len(toks) and toks[k + step + 1].upper:
                words += ["имени" if low == "имени" else "им.", toks[k + step].text, toks[k + step + 1].text]
                end = toks[k + step + 1].end
                k += step + 2
                continue
            break
        if low in prepositions and k + 1 < len(toks) and toks[k + 1].word:
            j, taken, cases = k + 1, [], None
            while j < len(toks) and toks[j].word and "\n" not in text[toks[j - 1].end : toks[j].start] and len(taken) < 6 and not _function_word(toks[j].text) and (toks[j].upper or _oblique(toks[j].text)):
                word_cases = {p.tag.case for p in parses(toks[j].text)}
                if cases is not None and not cases & word_cases:
                    break  # "в Российской Федерации Маттиасом Шеппом": the phrase has ended
                cases = word_cases if cases is None else cases & word_cases
                taken.append(toks[j].text)
                j += 1
            if taken and any(w[:1].isupper() for w in taken) or low == "по" and taken:
                words += [tok.text] + taken
                end = toks[j - 1].end
                k = j
                continue
            break
        if low == "и" and capital_seen and k + 1 < len(toks) and country_index().find(toks[k + 1].text):
            words += [tok.text, toks[k + 1].text]  # "Союза Беларуси и России"
            end = toks[k + 1].end
            k += 2
            continue
        if low == "и" and not capital_seen and k + 1 < len(toks) and toks[k + 1].word and not toks[k + 1].upper and _genitive(toks[k + 1].text):
            words.append(tok.text)
            k += 1
            continue
        after_state = words and lemma(words[-1]) in word_list("state_word")
        if tok.word and tok.upper and after_state and not new_line and "." not in tok.text:  # "Республики Беларусь": the name stands in the nominative
            words.append(tok.text)
            end = tok.end
            k += 1
            continue
        if tok.word and tok.text.isupper() and tok.text in _abbreviations():
            break  # "Министерства культуры ГБУК «...»": a legal form starts the next name
        if tok.word and _genitive(tok.text) and not (tok.text.isdigit()):
            words.append(tok.text)
            capital_seen |= tok.upper
            end = tok.end
            k += 1
            continue
        break
    while words and words[-1] in ("и",):
        words.pop()
    return end, " ".join(words)


def _function_word(word):
    found = parses(word)
    return (len(word) == 1 and word.islower()) or bool(found) and found[0].tag.POS in ("PREP", "CONJ", "PRCL", "INTJ")


def _genitive(word):
    if _function_word(word):
        return False
    if word.isupper() and len(word) > 1 and "." not in word:
        return True  # an abbreviation inside a name ("Министерство образования РФ")
    return any(p.tag.case in ("gent", "gen2") and p.tag.POS in ("NOUN", "ADJF", "PRTF", "NUMR") for p in parses(word))


def _oblique(word):
    return not _function_word(word) and any(p.tag.case in ("loct", "datv", "gent", "ablt") for p in parses(word))


def _mention(text, name, written, end, form_country, kind, legal_form) -> InstitutionMention:
    name = re.sub(r"\s+", " ", name).strip()
    country = _country(name, text[end : end + 80], form_country, text[max(0, end - len(written) - 30) : end - len(written)])
    return InstitutionMention(
        name=name,
        mention=name,
        written=re.sub(r"\s+", " ", written).strip(),
        country=country,
        side="home" if country == HOME else "foreign",
        region=next(iter(belarus_regions(name)), None),
        legal_form=legal_form,
        kind=kind,
    )


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
    """"(г. Каракол, Республика Кыргызстан)" locates; "(учредитель – австрийская компания)" does not."""
    words = re.findall(r"[А-Яа-яЁё-]+", text)
    return bool(words) and all(w[0].isupper() or fold(w) in word_list("location_word") for w in words)


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
            (m.start() for m in re.finditer(r"Беларус|Белорус|Республик|[А-ЯЁ]", owner_part)), default=0
        )
        if first_ru is not None and first_ru < first_foreign:
            return HOME
        return codes[0]
    if first_ru is not None:
        return HOME
    return None
