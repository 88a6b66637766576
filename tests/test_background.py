"""Background in prose ("Напомним, ...", "Ранее, ...", an old date in a news item) is no event,
is listed, and cites the agreements it names for the event it belongs to.

Every sentence here was written for these tests (no news text is copied).
"""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from graphkg.cli.app import app
from graphkg.extract.agreements import background_citations
from graphkg.ingest.background import latest_day, looks_back, opening_cue
from graphkg.pipeline import parse_report

from .conftest import RAW

runner = CliRunner()

LEAD = "15 октября делегация Правительства Смоленской области посетила г. Гомель."


def item(*paragraphs: str, published: str = "2025-10-17") -> str:
    body = "\n\n".join(paragraphs)
    return f"title: Визит\nurl: https://example.org/n/7\npublished: {published}\n\n{body}\n"


@pytest.mark.parametrize(
    "sentence, cue",
    [
        ("Напомним, в 2019 году стороны подписали соглашение о сотрудничестве.", "Напомним"),
        ("Ранее, в марте, делегация района уже посещала Оршу.", "Ранее"),
        ("Как сообщалось, мастера из Могилева приезжали летом.", "Как сообщалось"),
        ("«Напоминаем, что ярмарка проходит ежегодно.", "Напоминаем"),
        ("Справочно: область поддерживает связи с 12 странами.", "Справочно"),
    ],
)
def test_a_sentence_opening_with_a_cue_opens_background(sentence, cue):
    assert opening_cue(sentence) == cue


@pytest.mark.parametrize(
    "sentence",
    [
        "Делегация, как сообщалось, прибыла утром.",  # the cue must open the sentence
        "Ранний урожай показали на ярмарке 5 мая.",  # "Ранний" is not "Ранее"
        "Гости напомнили о дружбе двух городов.",
    ],
)
def test_a_cue_word_inside_a_sentence_opens_nothing(sentence):
    assert opening_cue(sentence) is None


def test_looking_back_is_read_from_the_table():
    assert looks_back("Сотрудничество районов развивается с 2015 года.")
    assert looks_back("Делегация уже посещала выставку в Витебске.")
    assert looks_back("Такой же турнир прошел в прошлом году.")
    assert not looks_back("Делегация посетила выставку в Витебске.")


def test_a_phrase_without_a_year_in_a_sentence_that_names_one_is_of_that_year():
    from datetime import date

    day = latest_day("20 июня", "В 2021 году, 20 июня, подписан план.", date(2025, 10, 17))
    assert day == date(2021, 6, 20)
    assert latest_day("20 июня", "20 июня подписан план.", date(2025, 10, 17)) == date(2025, 6, 20)


def test_a_background_paragraph_of_an_item_is_no_event_and_is_listed_not_skipped(write):
    path = write(
        "n.txt",
        item(LEAD, "Ранее, 3 марта, представители района уже побывали в Витебске."),
    )
    report = parse_report(path)
    assert [e.dates.start.iso() for e in report.events] == ["2025-10-15"]
    assert report.skipped == ()
    assert [(b.paragraph, b.why) for b in report.background] == [
        (2, "background (opens with «Ранее»)")
    ]
    result = runner.invoke(app, ["parse", "--strict", str(path)])  # background is no error
    assert result.exit_code == 0, result.stderr
    assert "paragraph 2 (line 7) «Ранее, 3 марта, представители района уже»" in result.stderr
    assert "not an event: background (opens with «Ранее»)" in result.stderr


def test_an_old_date_is_background_only_when_the_item_tells_a_newer_event(write):
    old = "12 мая 2024 года в г. Могилеве прошла ярмарка народных промыслов."
    with_lead = parse_report(write("a.txt", item(LEAD, old)))
    assert [e.dates.start.iso() for e in with_lead.events] == ["2025-10-15"]
    assert "more than 45 days before" in with_lead.background[0].why
    # a late digest: no paragraph is near its publication, so every dated one stays an event
    alone = parse_report(write("b.txt", item(old, "3 июня 2024 года в г. Орше открылся сквер.")))
    assert [e.dates.start.iso() for e in alone.events] == ["2024-05-12", "2024-06-03"]
    assert alone.background == ()


def test_an_old_paragraph_that_looks_back_is_background_even_alone(write):
    text = item("В прошлом году, 14 мая 2024 года, школьники уже посещали г. Витебск.")
    report = parse_report(write("n.txt", text))
    assert report.events == () and "looks back" in report.background[0].why


def test_an_undated_paragraph_that_looks_back_is_background_not_undated(write):
    text = item(LEAD, "Сотрудничество Смоленской и Гомельской областей развивается с 2015 года.")
    report = parse_report(write("n.txt", text))
    assert report.skipped == () and "развивается с" in report.background[0].why
    assert len(report.events) == 1


def test_a_report_paragraph_opening_with_a_cue_is_background_but_old_dates_stay(write):
    text = (
        "Отчет\nза III квартал 2025 года\n\n3 июля в г. Бресте прошел турнир.\n\n"
        "Напомним, 10 мая 2019 года в г. Бресте прошел первый турнир.\n\n"
        "12 мая 2019 года в г. Минске прошла встреча ветеранов.\n"
    )
    report = parse_report(write("r.txt", text))
    # a report has no publication day: only the cue counts, an old date is still an event
    assert [e.dates.start.iso() for e in report.events] == ["2025-07-03", "2019-05-12"]
    assert [b.paragraph for b in report.background] == [2]


def test_the_seed_prose_report_has_no_background_and_keeps_its_10_events():
    report = parse_report(next(RAW.glob("000_*.txt")))
    assert len(report.events) == 10 and report.background == ()


AGREEMENT = (
    "Напомним, соглашение о сотрудничестве между Правительством Смоленской области и Гомельским"
    " областным исполнительным комитетом было подписано 3 марта 2020 года."
)


def test_a_background_sentence_cites_its_agreement_and_never_signs_it():
    (cited,) = background_citations(AGREEMENT)
    assert (cited.kind, cited.status, cited.date) == ("соглашение", "referenced", "2020-03-03")
    assert cited.parties == (
        "Правительство Смоленской области",
        "Гомельский областной исполнительный комитет",
    )
    # "стороны подписали": no parties named, so no agreement can be told apart
    assert background_citations("Напомним, в 2019 году стороны подписали соглашение.") == []


def test_a_background_sentence_inside_an_event_paragraph_is_cited_not_signed(write):
    text = item(f"{LEAD} Гости осмотрели цеха. {AGREEMENT}")
    (event,) = parse_report(write("n.txt", text)).events
    assert [(a.status, a.date) for a in event.agreements] == [("referenced", "2020-03-03")]
    # the background's parties take no part in the event: only its own text names its bodies
    assert [m.name for m in event.institutions] == ["Правительство Смоленской области"]
    assert event.by_regions == ("BY-HO",)  # from the visit to Gomel, not from the agreement
    assert AGREEMENT in event.provenance.text  # the source text is the paragraph as written


def test_a_background_paragraph_cites_its_agreement_for_the_event_before_it(write):
    text = item(LEAD, "Делегация осмотрела предприятия.", AGREEMENT)
    report = parse_report(write("n.txt", text))
    (event,) = report.events
    assert [a.status for a in event.agreements] == ["referenced"]
    assert [b.paragraph for b in report.background] == [3]


def test_background_before_any_event_goes_to_the_first_event(write):
    text = item(AGREEMENT, LEAD)
    (event,) = parse_report(write("n.txt", text)).events
    assert [a.date for a in event.agreements] == ["2020-03-03"]
