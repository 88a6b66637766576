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

from graphkg.extract.geo import belarus_regions
from graphkg.extract.institutions.around import (
    _acts,
    _after_unit,
    _is_unit,
    _located_in,
    _planned,
    _quote_after,
)
from graphkg.extract.institutions.context import apply_context
from graphkg.extract.institutions.continuations import (
    _adjective_before,
    _appositive,
    _qualifier_after,
)
from graphkg.extract.institutions.country import _country_evidence
from graphkg.extract.institutions.extra import extra_mentions
from graphkg.extract.institutions.known import known
from graphkg.extract.institutions.lexicon import (
    _TOKEN,
    Head,
    _not_institutions,
    _Tok,
    heads,
    legal_forms,
    name_key,
)
from graphkg.extract.institutions.names import (
    _adjective,
    _capitalise,
    _genitive_chain,
    _index_at,
    _is_noun,
    _left_adjectives,
    _nominative,
    _plural,
)
from graphkg.extract.institutions.parents import body_by_quote, meeting_body
from graphkg.extract.institutions.roles import cell_role, merged, role_of
from graphkg.extract.institutions.rules import apply_rules
from graphkg.lexicon import lemma, parses
from graphkg.models import InstitutionMention
from graphkg.tables import country_index, home, home_region_index, word_list
from graphkg.text import fold, quoted_spans


@dataclass(frozen=True)
class Found:
    """Institution mentions of a text with their character spans, and the row's defined aliases."""

    spans: tuple[tuple[int, int, InstitutionMention], ...]
    aliases: dict[str, str]  # key of a defined short name -> full name

    def canonical(self, name: str) -> str:
        return self.aliases.get(name_key(name), name)


def institutions(
    text: str, venue: str | None = None, cells: dict[str, tuple[int, int]] | None = None
) -> list[InstitutionMention]:
    """Every named organisation in a row's text, once each, sorted by name, with the role the
    row gives it. `venue` is the country of the row's place (a company met there without a
    country of its own takes it); `cells` the offsets of the row's place and participants cells."""
    found = find_institutions(text, venue)
    unique: dict[str, InstitutionMention] = {}
    previous = None
    for start, end, mention in found.spans:
        role = role_of(text, start, previous) or cell_role(start, cells or {})
        previous = (end, role)
        key = name_key(mention.name)
        if key in found.aliases and name_key(found.aliases[key]) != key:
            key = name_key(found.aliases[key])  # "ОАО «МАЗ»" after "(далее – ОАО «МАЗ»)"
            if key not in unique:
                continue
        if key in unique:
            role = merged(unique[key].role, role)
        unique[key] = unique.get(key, mention).model_copy(update={"role": role})
    return sorted(unique.values(), key=lambda m: m.name)


def find_institutions(text: str, venue: str | None = None) -> Found:
    toks = [_Tok(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    quotes = quoted_spans(text)
    definitions, aliases = _definitions(text, toks)
    found: list[tuple[int, int, InstitutionMention]] = list(definitions)
    found += _quoted_mentions(text, toks, quotes)
    found += _head_mentions(text, toks, quotes, aliases)
    found += extra_mentions(
        text,
        quotes,
        lambda name, written, end, kind, country=None: _mention(
            text, name, written, end, country, kind, None
        ),
    )
    # Longest mention wins where mentions overlap ("Представительство Правительства ... при Правительстве ...").
    kept: list[tuple[int, int, InstitutionMention]] = []
    for start, end, mention in sorted(found, key=lambda f: (f[0] - f[1], f[0])):
        if all(end <= s or start >= e for s, e, _ in kept):
            kept.append((start, end, mention))
    kept.sort(key=lambda f: f[0])
    kept = apply_rules(text, kept, aliases)
    # "АНО «Национальный центр ...» (далее – Национальный центр)": the short name is an alias.
    for m in _DEFINITION.finditer(text):
        before = next(
            (mention for _, end, mention in kept if not text[end : m.start()].strip()), None
        )
        if before is not None:
            aliases.setdefault(name_key(m.group(1)), before.name)
    kept = apply_context(text, kept, aliases, venue)
    return Found(spans=tuple(kept), aliases=aliases)


def _quoted_mentions(text, toks, quotes):
    out = []
    index = legal_forms()
    for q_start, q_end in quotes:
        before = text[max(0, q_start - 120) : q_start]
        matches = [m for m in index.find(before) if not before[m.end :].strip()]
        if not matches:
            continue
        match = matches[-1]
        form = match.value
        written = before[match.start : match.end]
        label = written if written.isupper() or form.form.isupper() else _capitalise(form.form)
        start = q_start - len(before) + match.start
        adjective = _adjective_before(text, toks, _index_at(toks, start), form.full)
        if adjective is not None:  # "Санкт-Петербургского ГБУ «...»"
            start, label = adjective[0], f"{adjective[1]} {label}"
            written = text[start:q_start].strip()
        end, qualifier = _qualifier_after(text, toks, _index_at(toks, q_end))
        if _after_unit(toks, _index_at(toks, start)):
            end, qualifier = (
                None,
                "",
            )  # "отделения ... «Движение Первых» Смоленской области": the unit's
        name = f"{label} {text[q_start:q_end]}" + (f" {qualifier}" if qualifier else "")
        end = end or q_end
        out.append(
            (
                start,
                end,
                _mention(
                    text,
                    name,
                    written + " " + text[q_start:end],
                    end,
                    form.country,
                    form.kind,
                    form.form,
                ),
            )
        )
    return out


_STRAIGHT = re.compile(r'"([^"«»]+)"')
_DEFINITION = re.compile(r"\(\s*далее\s*[–—-]\s*([^()]{1,60}?)\s*\)")


_QUOTED_TERM = re.compile(r"^(.*?)\s*«(.+?)»?$")


def _definitions(text, toks):
    """ "Минского автомобильного завода (далее – ОАО «МАЗ»)" names ОАО «Минский автомобильный завод».

    Returns the mentions a definition makes (only when the defined term carries a legal form) and
    the alias map {key of the defined term: full name}.
    """
    mentions, aliases = [], {}
    for m in _DEFINITION.finditer(text):
        i = _index_at(toks, m.start())
        j = i
        while (
            j > 0
            and i - j < 8
            and toks[j - 1].word
            and "\n" not in text[toks[j - 1].end : toks[j].start]
        ):
            j -= 1
        # The name starts at the nearest capitalised adjective, else the nearest capitalised word,
        # with at least two words up to the parenthesis ("Минского автомобильного завода").
        starts = [k for k in range(i - 2, j - 1, -1) if toks[k].upper]
        first = next((k for k in starts if _adjective(toks[k].text)), starts[0] if starts else None)
        if first is None:
            continue
        head = next(
            (k for k in range(first, i) if _is_noun(toks[k].text) and not _adjective(toks[k].text)),
            None,
        )
        if head is None:
            continue
        np = _nominative(toks, first, head) + (
            "" if head + 1 >= i else " " + text[toks[head + 1].start : toks[i - 1].end]
        )
        term = m.group(1).strip()
        quoted = _QUOTED_TERM.match(term)
        if quoted and quoted.group(1) and legal_forms().find(quoted.group(1)):
            name = f"{quoted.group(1)} «{np}»"
            mention = _mention(
                text, name, text[toks[first].start : m.end()], m.end(), None, None, quoted.group(1)
            )
            mentions.append(
                (toks[first].start, m.end(), mention.model_copy(update={"aliases": (term,)}))
            )
            aliases[name_key(term)] = name
        elif term.isupper():  # a bare abbreviation: "(далее – БРПО)"
            aliases[name_key(term)] = np
    return mentions, aliases


def _head_mentions(text, toks, quotes, aliases):
    out = []
    table = heads()
    for i, tok in enumerate(toks):
        if not tok.word or any(s <= tok.start < e for s, e in quotes):
            continue
        head = table.get(lemma(tok.text)) or next(
            (
                table[fold(p.normal_form)]
                for p in parses(tok.text)
                if p.tag.POS == "NOUN" and fold(p.normal_form) in table
            ),
            None,
        )  # "Парке": the first parse is "парка", a noun parse "парк"
        if head is None and meeting_body(lemma(tok.text), text[max(0, tok.start - 30) : tok.start]):
            head = Head(lemma(tok.text), "government", "body", frozenset({"по"}), False)
        if head is None or not _is_noun(tok.text):
            continue
        left = _left_adjectives(toks, i)
        while left and toks[left[0]].text.islower() and country_index().find(toks[left[0]].text):
            left = left[1:]  # "индийский холдинг «Uflex Group»": the country is not in the name
        first = left[0] if left else i
        chain_end, chain = _genitive_chain(text, toks, i + 1, head.prepositions)
        if (
            head.kind == "business"
            and not chain
            and i + 1 < len(toks)
            and toks[i + 1].upper
            and toks[i + 1].word
        ):
            chain_end, chain = toks[i + 1].end, toks[i + 1].text  # "Концерна Росэнергоатом"
        if head.quote and chain.split()[:1] == ["и"]:
            chain_end, chain = 0, ""  # "школы и детского сада «...»": the quote is the other's
        if _is_unit(head, left, chain, aliases) and not _acts(text, toks, first, i, chain_end):
            continue  # a unit named with its parent: the parent is found on its own
        end = chain_end or tok.end
        if head.cls == "named" and chain and head.lemma in word_list("located_head"):
            end, chain = _located_in(text, toks, end, chain)  # "... центра ... в г. Гомеле"
        quote = None
        if head.cls == "named" or body_by_quote(head.lemma):  # "филиала «Институт геологии»"
            quote = _quote_after(text, toks, quotes, end, head.quote)
        nominative = _capitalise(_nominative(toks, first, i))
        name = nominative + (f" {chain}" if chain else "")
        if quote is not None:  # "Дипломатического клуба «Стратег»", "коллектив ансамбль ... «X»"
            # "коллектива … образцового театра танца «X»": the type is put in the nominative too
            if head.quote:
                name = f"{nominative} {_appositive(text, toks, i, quote)}"
            else:
                name += " " + re.sub(r"\s+", " ", text[end : quote[1]]).strip()
            end = quote[1]
            q_end, qualifier = _qualifier_after(text, toks, _index_at(toks, end))
            if qualifier and not _after_unit(
                toks, first
            ):  # "... «Стратег» Краснинского муниципального округа"
                name, end = f"{name} {qualifier}", q_end
        named_left = any(toks[j].upper for j in left)
        named_right = bool(chain) and any(w[:1].isupper() for w in chain.split())
        legal = None
        if head.quote and quote is None:
            continue  # "Народный самодеятельный коллектив" without its «name»: no body
        if head.cls in ("body", "unit") and not (named_left or named_right or quote):
            continue
        through_parent = (
            head.kind in ("education", "culture")
            and named_right
            and any(heads().get(lemma(w.strip(","))) is not None for w in chain.split())
        )  # "института экономики Российской академии наук": a body of its own named through its parent
        if head.cls == "named" and not (
            quote or toks[first].upper and (left or chain) or through_parent
        ):
            continue
        if (
            quote
            and not toks[first].upper
            and any(
                lemma(part) in word_list("venue_word")
                for j in range(max(0, first - 1), i)
                for part in [toks[j].text, *toks[j].text.split("-")]
            )
        ):
            continue  # "конгрессно-выставочный центр «Экспофорум»": a venue
        if head.action and not left and not quote and not named_right:
            continue  # "Организация санаторно-курортного лечения": an action, not a body
        if (
            head.action
            and not left
            and not quote
            and i + 1 < len(toks)
            and not toks[i + 1].upper
            and (i == 0 or "\n" in text[toks[i - 1].end : tok.start])
        ):
            continue  # a cell that opens with "Организация ... лечения ветеранов ... Войны": an activity
        if legal is None and _planned(text, toks[first].start):
            continue  # "создание в регионе совместного с ОАО «МАЗ» Центра ...": a plan, not a body
        if _plural(tok.text):
            continue  # "Театральные коллективы из России" is a group, not a named body
        if name_key(nominative) in _not_institutions() or name_key(name) in _not_institutions():
            continue
        out.append(
            (
                toks[first].start,
                end,
                _mention(text, name, text[toks[first].start : end], end, None, head.kind, None),
            )
        )
    return out


def _mention(text, name, written, end, form_country, kind, legal_form) -> InstitutionMention:
    # a quoted name is written with «» (GUIDE), whatever quotes the text used: завода "Гомсельмаш"
    name = _STRAIGHT.sub(r"«\1»", re.sub(r"\s+", " ", name).strip())
    country, evidence = _country_evidence(
        name,
        text[end : end + 80],
        form_country,
        text[max(0, end - len(written) - 30) : end - len(written)],
    )
    return InstitutionMention(
        name=name,
        mention=name,
        written=re.sub(r"\s+", " ", written).strip(),
        country=country,
        side="home" if country == home().country else "foreign",
        region=body_region(name, country),
        legal_form=legal_form,
        kind=kind,
        evidence=evidence,
    )


def body_region(name: str, country: str | None) -> str | None:
    """A Belarusian body's region from its name; a home body's region when its name (outside a
    country-wide qualifier) names the home region or one of its places; a federal body none."""
    entry = known(name)
    if entry is not None and entry.country == country and entry.region:
        return entry.region
    if country == home().country:
        return next((m.value for m in home_region_index().find(name) if m.capitalised), None)
    return next(iter(belarus_regions(name)), None) if country == "BY" else None
