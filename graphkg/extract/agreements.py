"""Agreements a row signs or cites: kind, status, parties, date, registration number, subject.

A kind word ("Соглашения", "договор", "плана мероприятий") counts when its sentence says it was
signed ("Подписание", "подписаны", "заключено") or cites it as in force ("в рамках", "в соответствии
с", "к Соглашению"); a draft merely discussed ("обсуждение проекта соглашения") is no agreement.
Parties are the institutions named after "между" in the same sentence. Mentions of the same kind
and status in one row are one agreement (a batch of trilateral agreements is one record).
"""

from __future__ import annotations

import re

from razdel import sentenize

from graphkg.dates import FULL_DATE, parse_dates
from graphkg.extract.institutions import Found, find_institutions
from graphkg.models import AgreementMention, DateRange

# (pattern, kind): longest first, so "дополнительного Соглашения" is not also a plain "соглашение".
_KINDS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p, re.IGNORECASE), kind)
    for p, kind in (
        (r"дополнительн\w*\s+соглашени\w*", "дополнительное соглашение"),
        (r"соглашени\w*\s+о\s+намерениях", "соглашение о намерениях"),
        (r"соглашени\w*", "соглашение"),
        (r"договор(?!енност)\w*", "договор"),
        (r"меморандум\w*", "меморандум"),
        (r"протокол(?!ьн)\w*", "протокол"),
        (r"план\w*\s+(?:мероприятий|реализации|совместных|действий|сотрудничества)", "план"),
    )
)
_SIGNED = re.compile(r"подписа|заключ", re.IGNORECASE)
_REFERENCED = re.compile(
    r"в\s+рамках|в\s+соответствии\s+с|согласно|во\s+исполнение|реализаци|действующ|\bк\s*$",
    re.IGNORECASE,
)
_DRAFT = re.compile(r"проект\w*\s*$", re.IGNORECASE)
_REGISTERED = re.compile(r"зарегистрирован[^;)]*?(№\s*[\w/.\-]+)", re.IGNORECASE)
_CITED = re.compile(
    rf"^[^.;]{{0,120}}?\bот\s+({FULL_DATE})(?:\s*(?:года|г\.))?(?:\s*(№\s*[\w/.\-]+))?",
    re.IGNORECASE,
)
_SUBJECT = re.compile(r"\bо\s+(сотрудничеств[^,;()]*|намерениях[^,;()]*)", re.IGNORECASE)


def agreements(texts: list[str], event_dates: DateRange | None) -> list[AgreementMention]:
    """Agreements in a row's cells (title, content, ...), one per kind and status."""
    merged: dict[tuple[str, str], AgreementMention] = {}
    for text in texts:
        if not text:
            continue
        found = find_institutions(text)
        for sentence in sentenize(text):
            for mention in _in_sentence(text, sentence.start, sentence.stop, found, event_dates):
                key = (mention.kind, mention.status)
                merged[key] = _merge(merged[key], mention) if key in merged else mention
    # "Подписание Соглашения (зарегистрировано ... № 065/27-с)" repeats the title's "Соглашения о
    # намерениях" in short: a party-less plain agreement joins a specific one of the same status.
    for (kind, status), mention in list(merged.items()):
        specific = [
            k for k in merged if k[1] == status and k[0] != kind and k[0].find("соглашение") >= 0
        ]
        if kind == "соглашение" and not mention.parties and specific:
            merged[specific[0]] = _merge(merged[specific[0]], mention)
            del merged[(kind, status)]
    return list(merged.values())


def _in_sentence(text, start, stop, found: Found, event_dates):
    sentence = text[start:stop]
    taken: list[tuple[int, int]] = []
    for pattern, kind in _KINDS:
        for m in pattern.finditer(sentence):
            if any(m.start() < e and m.end() > s for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            before = sentence[max(0, m.start() - 60) : m.start()]
            if _DRAFT.search(before):
                continue
            status = _status(before, sentence, m, kind)
            if status is None:
                continue
            yield _agreement(text, start, sentence, m, kind, status, found, event_dates)


def _status(before, sentence, match, kind):
    if _REFERENCED.search(before):
        return "referenced"
    if _SIGNED.search(before) or _SIGNED.search(sentence[match.end() : match.end() + 40]):
        return "signed"
    if (
        kind != "план"
        and re.match(r"^\s*(?:Соглашени|Договор|Меморандум)", sentence)
        and _SIGNED.search(sentence)
    ):
        return "signed"
    return None


def _agreement(text, offset, sentence, match, kind, status, found: Found, event_dates):
    rest = sentence[match.end() :]
    parties: list[str] = []
    between = re.search(r"\bмежду\b", rest)
    # Parties follow "между"; without it, a cited agreement names them up to its date or a comma:
    # "Договором о сотрудничестве Постоянного Комитета ... и Администрации ... от 02.02.2023 № 11".
    clause = re.match(r"[^,;()]*?(?=\sот\s|[,;()]|$)", rest)
    if between or clause:
        first = offset + match.end() + (between.end() if between else 0)
        last = offset + (len(sentence) if between else match.end() + clause.end())
        # a parenthesis opened after the kind word is an aside: "(учредитель – компания «EGGER»)"
        brackets = [
            (offset + m.start(), offset + m.end())
            for m in re.finditer(r"\([^()]*\)", sentence)
            if m.start() > match.end()
        ]
        for s, _, mention in found.spans:
            name = found.canonical(mention.name)
            inside = any(b0 < s < b1 for b0, b1 in brackets)  # "(учредитель – компания «EGGER»)"
            if first <= s < last and not inside and name not in parties:
                parties.append(name)
    date, number = None, None
    if status == "referenced":
        if cited := _CITED.match(rest):
            parsed, _ = parse_dates(cited.group(1))
            date = parsed.start.iso() if parsed else None
            number = _number(cited.group(2))
    else:
        if registered := _REGISTERED.search(text):
            number = _number(registered.group(1))
        if event_dates and event_dates.start == event_dates.end and event_dates.start.day:
            date = event_dates.start.iso()
    subject = _SUBJECT.search(rest)
    return AgreementMention(
        kind=kind,
        status=status,
        parties=tuple(parties),
        date=date,
        number=number,
        subject=subject.group(0).strip() if subject else None,
    )


def _number(raw: str | None) -> str | None:
    if not raw:
        return None
    return "№ " + raw.lstrip("№").strip().rstrip(".")


def _merge(a: AgreementMention, b: AgreementMention) -> AgreementMention:
    parties = a.parties + tuple(p for p in b.parties if p not in a.parties)
    return a.model_copy(
        update={
            "parties": parties,
            "date": a.date or b.date,
            "number": a.number or b.number,
            "subject": a.subject or b.subject,
        }
    )
