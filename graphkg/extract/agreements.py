"""Agreements a row signs or cites: kind, status, parties, date, registration number, subject, term.

A kind word (data/agreement_kinds.csv: "Соглашения", "договор", "плана мероприятий") counts when
its sentence says it was signed ("Подписание", "подписаны", "заключено") or cites it as in force
("в рамках", "в соответствии с", "к Соглашению"); a draft merely discussed ("обсуждение проекта
соглашения") is no agreement. The cue words are data/agreement_cues.csv. Parties are the
institutions named after "между" in the same sentence. Mentions of the same kind and status in one
row are one record when their parties can be one set (a title repeating its content, a batch of
trilateral agreements); two signings with disjoint parties ("подписано соглашение между A и B ...
подписаны трехсторонние соглашения между C, D и E") are two records.
"""

from __future__ import annotations

import re
from functools import cache

from razdel import sentenize

from graphkg.dates import FULL_DATE, parse_dates
from graphkg.extract.institutions import Found, find_institutions
from graphkg.ingest.background import cues as background_cues
from graphkg.models import AgreementMention, DateRange
from graphkg.tables import read_table


@cache
def kinds() -> tuple[tuple[re.Pattern[str], str, bool], ...]:
    """(pattern, kind, is a part of an agreement) in table order."""
    return tuple(
        (re.compile(row["pattern"], re.IGNORECASE), row["kind"], row["part"] == "yes")
        for row in read_table("agreement_kinds.csv")
    )


def kind_names() -> tuple[str, ...]:
    """Every kind once, in table order (the vocabulary's concepts)."""
    return tuple(dict.fromkeys(kind for _, kind, _ in kinds()))


def part_kinds() -> frozenset[str]:
    """Kinds that belong to an agreement (plans, supplements, protocols)."""
    return frozenset(kind for _, kind, part in kinds() if part)


@cache
def cue(name: str) -> re.Pattern[str]:
    patterns = [row["pattern"] for row in read_table("agreement_cues.csv") if row["cue"] == name]
    if not patterns:
        raise KeyError(f"data/agreement_cues.csv has no cue {name!r}")
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


_REGISTERED = re.compile(r"зарегистрирован[^;)]*?(№\s*[\w/.\-]+)", re.IGNORECASE)
_CITED = re.compile(
    rf"^[^.;]{{0,120}}?\bот\s+({FULL_DATE})(?:\s*(?:года|г\.))?(?:\s*(№\s*[\w/.\-]+))?",
    re.IGNORECASE,
)
FULL_DATE_PHRASE = re.compile(rf"\b(?:{FULL_DATE})", re.IGNORECASE)
_SUBJECT = re.compile(r"\bо\s+(?:сотрудничеств|намерениях|взаимн)[^,;()]*", re.IGNORECASE)
# The subject stops where the parties or the citation's date begin.
_SUBJECT_END = re.compile(r"\s(?:между|от\s+\d)", re.IGNORECASE)


def agreements(texts: list[str], event_dates: DateRange | None) -> list[AgreementMention]:
    """Agreement records in a row's cells (title, content, ...)."""
    merged: list[AgreementMention] = []
    for text in texts:
        if not text:
            continue
        found = find_institutions(text)
        sentences = [(s.start, s.stop) for s in sentenize(text)]
        for k, (start, stop) in enumerate(sentences):
            previous = text[sentences[k - 1][0] : sentences[k - 1][1]] if k else ""
            for mention in _in_sentence(text, start, stop, previous, found, event_dates):
                same = next((i for i, m in enumerate(merged) if _one_record(m, mention)), None)
                if same is None:
                    merged.append(mention)
                else:
                    merged[same] = _merge(merged[same], mention)
    # "Подписание Соглашения (зарегистрировано ... № 065/27-с)" repeats the title's "Соглашения о
    # намерениях" in short: a party-less plain agreement joins a specific one of the same status.
    out = list(merged)
    for mention in merged:
        if mention.kind != "соглашение" or mention.parties:
            continue
        specific = next(
            (i for i, m in enumerate(out)
             if m.status == mention.status and m.kind != mention.kind and "соглашение" in m.kind),
            None,
        )  # fmt: skip
        if specific is not None:
            out[specific] = _merge(out[specific], mention)
            out.remove(mention)
    return out


def _one_record(a: AgreementMention, b: AgreementMention) -> bool:
    """Two mentions in one row are one record unless both name parties and share none."""
    if (a.kind, a.status) != (b.kind, b.status):
        return False
    return not a.parties or not b.parties or bool(set(a.parties) & set(b.parties))


def _in_sentence(text, start, stop, previous, found: Found, event_dates):
    sentence = text[start:stop]
    taken: list[tuple[int, int]] = []
    matches = []
    for pattern, kind, _ in kinds():
        for m in pattern.finditer(sentence):
            if any(m.start() < e and m.end() > s for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            matches.append((m, kind))
    matches.sort(key=lambda mk: mk[0].start())
    for k, (m, kind) in enumerate(matches):
        before = sentence[max(0, m.start() - 60) : m.start()]
        if cue("draft").search(before):
            continue
        status = _status(before, sentence, m, kind)
        if status is None:
            continue
        # the words up to the next kind word are this document's own ("Плана ... на 2020-2022
        # годы к Соглашению ...": the term is the plan's)
        own_end = matches[k + 1][0].start() if k + 1 < len(matches) else len(sentence)
        term = cue("term").search(sentence, m.end(), own_end)
        mention = _agreement(text, start, sentence, m, kind, status, found, event_dates, previous)
        if term:
            # the term is not the subject: "о сотрудничестве сроком на 5 лет"
            subject = (mention.subject or "").split(term.group(0).strip())[0].strip(" ,") or None
            mention = mention.model_copy(update={"term": term.group(0).strip(), "subject": subject})
        yield mention


def _status(before, sentence, match, kind):
    if cue("referenced").search(before):
        return "referenced"
    signed = cue("signed")
    if signed.search(before) or signed.search(sentence[match.end() : match.end() + 40]):
        return "signed"
    # a sentence headed by the document: "Соглашение ... подписано 5 мая"
    if kind not in part_kinds() and match.start() < 3 and signed.search(sentence):
        return "signed"
    return None


def _agreement(text, offset, sentence, match, kind, status, found: Found, event_dates, previous):
    rest = sentence[match.end() :]
    parties: list[str] = []
    first_party = None
    between = re.search(r"\bмежду\b", rest)
    # Parties follow "между"; without it, a cited agreement names them up to its date or a comma:
    # "Договором о сотрудничестве Постоянного Комитета ... и Администрации ... от 02.02.2023 № 11".
    clause = re.match(r"[^,;()]*?(?=\sот\s|[,;()]|$)", rest)
    # how far into the rest the parties run: to the sentence's end after "между", else the clause
    reach = len(rest) if between else clause.end() if clause else None
    if reach is not None:
        first = offset + match.end() + (between.end() if between else 0)
        last = offset + match.end() + reach
        # a parenthesis opened after the kind word is an aside: "(учредитель – компания «EGGER»)"
        brackets = [
            (offset + m.start(), offset + m.end())
            for m in re.finditer(r"\([^()]*\)", sentence)
            if m.start() > match.end()
        ]
        for s, _, mention in found.spans:
            name = found.canonical(mention.name)
            inside = any(b0 < s < b1 for b0, b1 in brackets)
            if first <= s < last and not inside and name not in parties:
                parties.append(name)
                first_party = s - offset - match.end() if first_party is None else first_party
    date, number = None, None
    if status == "referenced":
        if cited := _CITED.match(rest):
            parsed, _ = parse_dates(cited.group(1))
            date = parsed.start.iso() if parsed else None
            number = _number(cited.group(2))
    else:
        if registered := _REGISTERED.search(text):
            number = _number(registered.group(1))
        date = _signing_day(sentence[: match.start()], previous, event_dates)
    return AgreementMention(
        kind=kind,
        status=status,
        parties=tuple(parties),
        date=date,
        number=number,
        subject=_subject(rest, first_party),
    )


def _signing_day(before: str, previous: str, event_dates: DateRange | None) -> str | None:
    """The event's day when it has one; inside a multi-day event, the one day the signing
    sentence names before the document ("30 мая подписано соглашение"), or the sentence before it
    names when the signing sentence points back at it ("Важным результатом встречи стало
    подписание"). A day outside the event's dates is not its signing day."""
    if event_dates is None:
        return None
    if event_dates.start == event_dates.end and event_dates.start.day:
        return event_dates.start.iso()
    for chunk in (before, previous if cue("occasion").search(before) else ""):
        parsed, _ = parse_dates(chunk, default_year=event_dates.start.year)
        if parsed is None:
            continue
        day = parsed.start
        if parsed.start != parsed.end or day.day is None:
            return None  # several dates: which one is the signing's is not said
        inside = (
            event_dates.start.sort_key() <= day.sort_key() <= event_dates.end.sort_key(end=True)
        )
        return day.iso() if inside else None
    return None


def _subject(rest: str, first_party: int | None) -> str | None:
    subject = _SUBJECT.search(rest)
    if subject is None or (first_party is not None and subject.start() > first_party):
        return None
    end = subject.end() if first_party is None else min(subject.end(), first_party)
    if stop := _SUBJECT_END.search(rest, subject.start(), end):
        end = stop.start()
    words = rest[subject.start() : end].strip(" .:–-")
    # "о сотрудничестве Постоянного Комитета": the party (in the genitive) is not the subject
    return words or None


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
            "term": a.term or b.term,
        }
    )


def background_citations(text: str) -> list[AgreementMention]:
    """Agreements a background text names ("Напомним, в 2019 году между A и B было подписано
    соглашение"): cited by the event it belongs to, never signed by it. A citation must name its
    parties (without them it cannot be told from any other agreement of its kind); its date is
    the one full day the text gives, if it gives exactly one."""
    if not text:
        return []
    days = {m.group(0) for m in FULL_DATE_PHRASE.finditer(text)}
    stated = None
    if len(days) == 1:
        parsed, _ = parse_dates(days.pop())
        stated = parsed.start.iso() if parsed and parsed.start.day else None
    # "Напомним, соглашение ... было подписано": without its cue the sentence is headed by the
    # document, a form the signing rule reads
    sentences = [_CUE_LEAD.sub("", s.text, count=1) for s in sentenize(text)]
    bare = " ".join(s[:1].upper() + s[1:] for s in sentences)
    return [
        m.model_copy(update={"status": "referenced", "date": m.date or stated})
        for m in agreements([bare], None)
        if m.parties
    ]


_CUE_LEAD = re.compile(
    rf"{background_cues().opening.pattern}[\s,]*(?:что\s+|,\s*)?(?:в\s+\d{{4}}\s+году,?\s*)?",
    re.IGNORECASE,
)
