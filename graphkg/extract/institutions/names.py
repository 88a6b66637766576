"""Name pieces: the adjectives that agree with a head noun, the genitive chain after it, and the
nominative of the words outside quotes.
"""

from __future__ import annotations

import re

from graphkg.extract.institutions.lexicon import _abbreviations, _Tok
from graphkg.lexicon import analyzer, lemma, parses
from graphkg.tables import country_index, word_list
from graphkg.text import fold


def _adjective(word):
    return parses(word)[0].tag.POS in ("ADJF", "PRTF") if parses(word) else False


def _plural(word):
    nouns = [p for p in parses(word) if p.tag.POS == "NOUN"]
    return bool(nouns) and all(p.tag.number == "plur" for p in nouns)


def _index_at(toks, offset):
    for k, t in enumerate(toks):
        if t.start >= offset:
            return k
    return len(toks)


def _is_noun(word):
    return any(p.tag.POS == "NOUN" for p in parses(word)) or word.isupper()


def _left_adjectives(toks, i):
    """Indexes of the adjectives before toks[i] that agree with it in case and number. An order
    title inside the chain ("государственной ордена Трудового Красного Знамени филармонии") is
    stepped over and kept as written (its indexes are in `_order_title`). A noun of a person's
    title or a word the dictionary only guesses is no adjective ("Главой")."""
    head_cases = {(p.tag.case, p.tag.number) for p in parses(toks[i].text) if p.tag.POS == "NOUN"}
    # a body is one: a head that can be singular agrees as singular ("Учащиеся гимназии «...»":
    # "гимназии" read as a plural would take the pupils into the name)
    head_cases = {c for c in head_cases if c[1] == "sing"} or head_cases
    left = []
    j = i - 1
    while j >= 0 and toks[j].word:
        order = _order_title(toks, j)
        if order is not None:
            left[:0] = list(range(order, j + 1))
            j = order - 1
            continue
        cases = {
            (p.tag.case, p.tag.number)
            for p in parses(toks[j].text)
            if p.tag.POS in ("ADJF", "PRTF")
        }
        if (
            not cases & head_cases
            or not _known_word(toks[j].text)
            or lemma(toks[j].text) in word_list("person_title")
        ):
            break
        left.insert(0, j)
        j -= 1
    return left


def _order_title(toks, j):
    """Index of "ордена" when toks[..j] ends an order title ("ордена Трудового Красного Знамени",
    "ордена Дружбы народов")."""
    k = j
    while (
        k >= 0
        and toks[k].word
        and fold(toks[k].text) not in word_list("order_word")
        and (toks[k].upper or not _adjective(toks[k].text))
        and j - k < 4
    ):
        k -= 1
    if k >= 0 and k < j and fold(toks[k].text) in word_list("order_word") and toks[k + 1].upper:
        return k
    return None


def _nominative(toks, first, head_index):
    """The adjectives and the head put in the nominative, keeping each word's capitalisation."""
    nouns = [p for p in parses(toks[head_index].text) if p.tag.POS == "NOUN"]
    head_parse = next((p for p in nouns if fold(p.normal_form) in _heads()), None) or next(
        iter(nouns), None
    )  # "Парке": the parse of the head noun "парк", not "парка"
    words = []
    as_written = set()
    for k in range(first, head_index):
        if fold(toks[k].text) in word_list("order_word"):
            as_written |= set(range(k, _order_end(toks, k, head_index)))
    for k in range(first, head_index + 1):
        word = toks[k].text
        if k in as_written:
            words.append(word)
            continue
        if k == head_index:
            form = (
                head_parse.inflect({"nomn", head_parse.tag.number or "sing"})
                if head_parse
                else None
            )
        else:
            adj = next(
                (
                    p
                    for p in parses(word)
                    if p.tag.POS in ("ADJF", "PRTF")
                    and head_parse
                    and p.tag.case == head_parse.tag.case
                ),
                None,
            )
            gender = head_parse.tag.gender if head_parse else None
            grammemes = {"nomn", head_parse.tag.number or "sing"} | (
                {gender} if gender and head_parse.tag.number != "plur" else set()
            )
            form = adj.inflect(grammemes) if adj else None
        new = form.word if form else word
        words.append(_match_case(word, new))
    return " ".join(words)


def _order_end(toks, k, head_index):
    end = k + 1
    while end < head_index and (toks[end].upper or not _adjective(toks[end].text)):
        end += 1
    return end


def _match_case(original, new):
    """The new form written as the original: its capitals per hyphen part, and no ё where the
    text writes е (pymorphy's lemmas carry ё: "Могилевского" → "Могилевский", not "Могилёвский")."""
    if "ё" not in original.lower():
        new = new.replace("ё", "е").replace("Ё", "Е")
    if original.isupper() and len(original) > 1:
        return new.upper()
    old_parts, new_parts = original.split("-"), new.split("-")
    if len(old_parts) != len(new_parts):
        return new[:1].upper() + new[1:] if original[:1].isupper() else new
    return "-".join(
        n[:1].upper() + n[1:] if o[:1].isupper() else n
        for o, n in zip(old_parts, new_parts, strict=True)
    )


def _capitalise(text):
    return text[:1].upper() + text[1:]


def _genitive_chain(
    text: str, toks: list[_Tok], i: int, prepositions: frozenset[str]
) -> tuple[int, str]:
    """Genitive words after a head ("образования Республики Беларусь", "имени Г.И. Цитовича")."""
    words: list[str] = []
    end = 0
    capital_seen = False
    po_cases: set = set()  # the cases of a "по ..." phrase, which "и"/"," may continue
    k = i
    while k < len(toks):
        tok = toks[k]
        new_line = k > 0 and "\n" in text[toks[k - 1].end : tok.start]
        low = fold(tok.text)
        if low in ("имени", "им") and k + 2 < len(toks):
            step = 2 if toks[k + 1].text == "." else 1
            if (
                re.match(r"[А-ЯЁ]\.", toks[k + step].text)
                and k + step + 1 < len(toks)
                and toks[k + step + 1].upper
            ):
                words += [
                    "имени" if low == "имени" else "им.",
                    toks[k + step].text,
                    toks[k + step + 1].text,
                ]
                end = toks[k + step + 1].end
                k += step + 2
                continue
            break
        if low in prepositions and k + 1 < len(toks) and toks[k + 1].word:
            j, cases = k + 1, None
            taken: list[str] = []
            while (
                j < len(toks)
                and toks[j].word
                and "\n" not in text[toks[j - 1].end : toks[j].start]
                and len(taken) < 6
                and not _function_word(toks[j].text)
                and (toks[j].upper or _oblique(toks[j].text))
            ):
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
                if low == "по":
                    po_cases = cases or set()
                continue
            break
        if (
            low in ("и", ",")
            and po_cases
            and k + 1 < len(toks)
            and toks[k + 1].word
            and not toks[k + 1].upper
            and not _function_word(toks[k + 1].text)
            and lemma(toks[k + 1].text) not in _heads()
            and {p.tag.case for p in parses(toks[k + 1].text)} & po_cases
        ):  # "по сельскому хозяйству и продовольствию", "по культуре, туризму и молодежной политике"
            j = k + 1
            while (
                j < len(toks)
                and toks[j].word
                and not toks[j].upper
                and {p.tag.case for p in parses(toks[j].text)} & po_cases
                and not _function_word(toks[j].text)
            ):
                j += 1
            words += [tok.text] + [t.text for t in toks[k + 1 : j]]
            end = toks[j - 1].end
            k = j
            continue
        if (
            low == "и"
            and capital_seen
            and k + 1 < len(toks)
            and country_index().find(toks[k + 1].text)
        ):
            words += [tok.text, toks[k + 1].text]  # "Союза Беларуси и России"
            end = toks[k + 1].end
            k += 2
            continue
        if (
            low == "и"
            and capital_seen
            and "по" in prepositions
            and k + 1 < len(toks)
            and toks[k + 1].upper
            and lemma(toks[k + 1].text) in _heads()
            and _genitive(toks[k + 1].text)
        ):  # "комиссии Совета Федерации ... и Совета Республики ... по межрегиональному сотрудничеству"
            sub_end, sub = _genitive_chain(text, toks, k + 2, prepositions)
            if " по " in f" {sub} ":
                words += [tok.text, toks[k + 1].text, *sub.split()]
                end = sub_end
                break
        if (
            low == "и"
            and capital_seen
            and k + 2 < len(toks)
            and lemma(toks[k + 1].text) in word_list("state_word")
            and toks[k + 2].upper
            and country_index().find(f"{toks[k + 1].text} {toks[k + 2].text}")
        ):  # "... Российской Федерации и Республики Беларусь"
            words += [tok.text, toks[k + 1].text, toks[k + 2].text]
            end = toks[k + 2].end
            k += 3
            continue
        if (
            low == "и"
            and not capital_seen
            and k + 1 < len(toks)
            and toks[k + 1].word
            and not toks[k + 1].upper
            and _genitive(toks[k + 1].text)
        ):
            words.append(tok.text)
            k += 1
            continue
        after_state = words and lemma(words[-1]) in word_list("state_word")
        if (
            tok.word and tok.upper and after_state and not new_line and "." not in tok.text
        ):  # "Республики Беларусь": the name stands in the nominative
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
    while words and words[-1] in ("и", ","):
        words.pop()
    return end, " ".join(words).replace(" ,", ",")


def _heads():
    from graphkg.extract.institutions.lexicon import heads

    return heads()


def _function_word(word):
    found = parses(word)
    return (
        (len(word) == 1 and word.islower())
        or bool(found)
        and found[0].tag.POS in ("PREP", "CONJ", "PRCL", "INTJ")
    )


def _genitive(word):
    if _function_word(word):
        return False
    if word.isupper() and len(word) > 1 and "." not in word:
        return True  # an abbreviation inside a name ("Министерство образования РФ")
    return any(
        p.tag.case in ("gent", "gen2") and p.tag.POS in ("NOUN", "ADJF", "PRTF", "NUMR")
        for p in parses(word)
    )


def _oblique(word):
    return not _function_word(word) and any(
        p.tag.case in ("loct", "datv", "gent", "ablt") for p in parses(word)
    )


def _known_word(word):
    """A word the dictionary knows (each hyphen part), or an adjective by a certain ending: a
    capitalised word pymorphy only guesses is never re-inflected by guess ("Главой" is no adjective)."""
    parts = [part.lower() for part in word.split("-") if part]
    if analyzer().word_is_known(word.lower()) or parts and analyzer().word_is_known(parts[-1]):
        return True  # "Историко-художественный": the last part carries the ending
    return bool(_CERTAIN_ADJECTIVE.search(word.lower()))


_CERTAIN_ADJECTIVE = re.compile(r"(?:ск|цк)(?:ого|ой|ому|им|ом|ая|ий|ое|ую|ых|их|ие|ым|ими)$")
