"""What continues a name beyond its legal form and quote: genitive qualifiers after the closing
quote ("… муниципального образования «…» Смоленской области") and a place adjective before the
legal form ("Санкт-Петербургского ГБУ «…»").
"""

from __future__ import annotations

import re

from graphkg.extract.institutions.names import _genitive, _index_at, _known_word, _match_case
from graphkg.lexicon import lemma, parses
from graphkg.tables import word_list
from graphkg.text import fold, quoted_spans


def _qualifier_after(text, toks, k):
    """Genitive words that continue a name after its closing quote, as written: administrative
    qualifiers ("муниципального образования «Рославльский муниципальный округ» Смоленской
    области", "Краснинского муниципального округа", "г. Смоленска"). Returns (end offset, words)
    of the longest complete run, or (None, "") when none follows."""
    units = word_list("admin_unit")
    quotes = quoted_spans(text)
    end, taken, pending = None, "", []
    start_offset = toks[k].start if k < len(toks) else len(text)
    while k < len(toks):
        tok = toks[k]
        if "\n" in text[toks[k - 1].end : tok.start] if k else False:
            break
        low = fold(tok.text)
        if low in ("г", "города") and k + 1 < len(toks):
            step = 2 if k + 2 < len(toks) and toks[k + 1].text == "." else 1
            place = toks[k + step] if k + step < len(toks) else None
            if place is None or not place.upper or not _genitive_only(place.text):
                break
            k += step + 1
            end = place.end
            pending = []
            continue
        if tok.word and _genitive(tok.text) and not tok.text.isupper():
            if lemma(tok.text) in units:
                k += 1
                end = tok.end
                quote = next(
                    (q for q in quotes if q[0] >= end and not text[end : q[0]].strip()), None
                )
                if quote is not None and lemma(tok.text) == "образование":
                    end = quote[1]
                    k = _index_at(toks, end)
                pending = []
                continue
            if any(p.tag.POS in ("ADJF", "PRTF") for p in parses(tok.text)):
                pending.append(tok)
                k += 1
                continue
        break
    if end is None:
        return None, ""
    taken = re.sub(r"\s+", " ", text[start_offset:end]).strip()
    return end, taken


def _genitive_only(word):
    found = [p for p in parses(word) if p.tag.POS == "NOUN"]
    return bool(found) and not any(p.tag.case == "nomn" for p in found)


def _adjective_before(text, toks, k, full):
    """A capitalised place adjective right before a legal form belongs to the name, put in the
    nominative with the form's head noun ("Санкт-Петербургского ГБУ" → "Санкт-Петербургское ГБУ").
    Returns (start offset, nominative) or None."""
    if k == 0 or not full or "\n" in text[toks[k - 1].end : toks[k].start]:
        return None
    word = toks[k - 1].text
    if not word[:1].isupper() or not _known_word(word):
        return None
    adj = next((p for p in parses(word) if p.tag.POS == "ADJF" and p.tag.case != "nomn"), None)
    noun = next((p for w in full.split() for p in parses(w)[:1] if p.tag.POS == "NOUN"), None)
    if adj is None or noun is None:
        return None
    form = adj.inflect({"nomn", "sing", noun.tag.gender or "masc"})
    if form is None:
        return None
    return toks[k - 1].start, _match_case(word, form.word)


def _appositive(text, toks, head_index, quote):
    """The words from a head to the end of its «name», as written, except a noun phrase in
    apposition to the head (a lower-case type of body in the head's case, "коллектива …
    образцового театра танца «X»"): that is put in the nominative with the head ("… образцовый
    театр танца «X»"); the genitive words after its noun stay as written."""
    from graphkg.extract.institutions.lexicon import heads
    from graphkg.extract.institutions.names import _nominative

    written = re.sub(r"\s+", " ", text[toks[head_index].end : quote[1]]).strip()
    cases = {p.tag.case for p in parses(toks[head_index].text) if p.tag.POS == "NOUN"} - {"nomn"}
    stop = _index_at(toks, quote[0])
    for j in range(head_index + 1, stop):
        if not toks[j].word or toks[j].upper:
            continue
        noun = j  # "образцовой студии": an adjective the dictionary also reads as a surname
        while noun < stop and lemma(toks[noun].text) not in heads() and _any_adjective(toks[noun]):
            noun += 1
        if noun >= stop or lemma(toks[noun].text) not in heads():
            continue
        if not {p.tag.case for p in parses(toks[noun].text) if p.tag.POS == "NOUN"} & cases:
            return written
        before = text[toks[head_index].end : toks[j].start]
        after = text[toks[noun].end : quote[1]]
        return re.sub(r"\s+", " ", f"{before} {_nominative(toks, j, noun)}{after}").strip()
    return written


def _any_adjective(tok):
    return any(p.tag.POS in ("ADJF", "PRTF") for p in parses(tok.text))
