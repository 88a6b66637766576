"""Rules over a row's mentions once they are found: one body where the text joins two names into
one ("Представительство … – Российский центр … в г. Минске"), the parent where a unit or branch is
written with it ("Клуб … МБОУ «…»", "СОГБУК «Музей …», Музей Первого полета"), and one mention of
a body the row names twice ("Концерна Росэнергоатом" beside "АО «Концерна Росэнергоатом»",
"(далее – ЦПК)" beside "ФГБУ «НИИ ЦПК …»", "ООО «…» (ООО «СТиМ»)").
"""

from __future__ import annotations

import re

from graphkg.extract.institutions.lexicon import name_key
from graphkg.extract.institutions.parents import is_unit, join_parents
from graphkg.extract.institutions.venues import drop_non_bodies
from graphkg.lexicon import lemma
from graphkg.tables import word_list

_DASH = re.compile(r"\s+[–—-]\s+$")


def apply_rules(text, kept, aliases):
    """The row's (start, end, mention) spans after the rules; `aliases` gains the short names."""
    kept = _join_apposition(text, kept)
    kept = join_parents(text, kept)  # "… завод концерна «…»": a body of its own with its parent
    kept = [k for n, k in enumerate(kept) if not _unit_or_branch(text, kept, n)]
    kept = drop_non_bodies(text, kept)
    kept = [k for n, k in enumerate(kept) if not _in_persons_title(text, kept, n)]
    _parenthesised_aliases(text, kept, aliases)
    return _drop_twice_named(text, kept, aliases)


def _join_apposition(text, kept):
    """ "A – B", both head-noun names with no legal form: one body named twice over (an office
    and the centre it is)."""
    out = []
    for start, end, mention in kept:
        if out:
            p_start, p_end, prev = out[-1]
            gap = text[p_end:start]
            if (
                _DASH.fullmatch(gap)
                and prev.legal_form is None
                and mention.legal_form is None
                and "\n" not in gap
                and mention.name[:1].isupper()
            ):
                name = f"{prev.name} – {mention.name}"
                joined = prev.model_copy(
                    update={"name": name, "mention": name, "written": text[p_start:end]}
                )
                out[-1] = (p_start, end, joined)
                continue
        out.append((start, end, mention))
    return out


def _unit_or_branch(text, kept, n):
    start, end, mention = kept[n]
    if mention.legal_form is not None:
        return False
    words = mention.name.split()[_head_word(mention.name) :]
    head = lemma(words[0])
    nxt = kept[n + 1] if n + 1 < len(kept) else None
    # "Школьный Клуб Дипломатии МБОУ «…»", "Клуба золотого возраста СОГБУ «…»": the parent's unit
    if is_unit(words) and nxt and nxt[2].legal_form and not text[end : nxt[0]].strip():
        return True
    # "… колледжа (филиал) УО «…»": a unit's branch written with its parent (a body of its own,
    # "… институт … (филиал) ФГБОУ ВО «…»", was joined with its parent by join_parents)
    if re.match(r"\s*\(\s*филиал\s*\)", text[end:]) and nxt and nxt[2].legal_form:
        return True
    prev = kept[n - 1] if n else None
    # "СОГБУК «Молодежный центр-музей …» (Центр военно-патриотического воспитания …)": its unit
    if prev and prev[2].legal_form and re.fullmatch(r"\s*\(\s*", text[prev[1] : start]):
        return True
    # "СОГБУК «Музей Ю.А. Гагарина», Музей Первого полета": a branch of a museum of the same kind
    if prev and prev[2].legal_form and re.fullmatch(r"\s*,\s*", text[prev[1] : start]):
        quoted = re.search(r"«\s*([А-ЯЁа-яё-]+)", prev[2].name)
        if quoted and lemma(quoted.group(1)) == head:
            return True
    return False


def _in_persons_title(text, kept, n):
    """ "полномочный представитель Правительства Смоленской области при Правительстве Российской
    Федерации": «при X» after a person's title is part of the title and names no body (GUIDE)."""
    start = kept[n][0]
    if n == 0 or not re.fullmatch(r"\s+при\s+", text[kept[n - 1][1] : start]):
        return False
    words = re.findall(r"[А-Яа-яЁё-]+", text[max(0, kept[n - 1][0] - 40) : kept[n - 1][0]])
    return bool(words) and lemma(words[-1]) in word_list("person_title")


def _head_word(name):
    """Index of the head noun of an unquoted name: the first word that is not an adjective."""
    from graphkg.extract.institutions.names import _adjective

    words = name.split()
    return next((k for k, w in enumerate(words) if not _adjective(w)), 0)


def _parenthesised_aliases(text, kept, aliases):
    """ "ООО «СТРОИТЕЛЬНАЯ ТЕХНИКА и МАТЕРИАЛЫ» (ООО «СТиМ»)": the short name right after the full
    one, alone in parentheses, is an alias of it."""
    for (_, end, full), (start, s_end, short) in zip(kept, kept[1:], strict=False):
        if (
            re.fullmatch(r"\s*\(\s*", text[end:start])
            and re.match(r"\s*\)", text[s_end:])
            and len(short.name) < len(full.name)
        ):
            aliases.setdefault(name_key(short.name), full.name)


def _words(name):
    return tuple(lemma(w) for w in re.findall(r"[А-Яа-яЁёA-Za-z0-9]+", name))


def _drop_twice_named(text, kept, aliases):
    out = []
    quoted = [re.sub(r"^[^«]*«|»$", "", m.name) for _, _, m in kept if "«" in m.name]
    quoted_words = [_words(q) for q in quoted]
    names = [m.name for _, _, m in kept]
    for start, end, mention in kept:
        words = _words(mention.name)
        if "«" not in mention.name and words in quoted_words:
            continue  # "Концерна Росэнергоатом" beside "АО «Концерна Росэнергоатом»"
        defined = [
            term for term, full in aliases.items() if name_key(full) == name_key(mention.name)
        ]
        if mention.legal_form is None and any(
            re.search(rf"(?<![\w]){re.escape(term)}(?![\w])", name_key(q))
            for term in defined
            for q in quoted
        ):
            continue  # "Центра подготовки космонавтов (далее – ЦПК)" beside "ФГБУ «НИИ ЦПК …»"
        if (
            "«" not in mention.name
            and mention.legal_form is None
            and any(
                len(other) > len(words)
                and set(words) < set(other)
                and other[-1:] != words[-1:]
                and _words(o.name)[_head_word(o.name)] == words[_head_word(mention.name)]
                for other, o in ((_words(o.name), o) for _, _, o in kept)
                if "«" in o.name
            )
        ):
            continue  # "Литературное объединение" after "... литературного объединения «Родник»"
        if any(other != mention.name and other.startswith(mention.name + " в ") for other in names):
            continue  # "Посольство … Беларусь" beside "Посольство … Беларусь в Российской Федерации"
        out.append((start, end, mention))
    return out
