from graphkg.ingest.files import read_document
from graphkg.ingest.layouts import parse_document, parse_period
from graphkg.models import Layout

from .conftest import table_report

ROW = ["{n}. ", "Встреча {n}", "г. Смоленск", "3 марта\n2025 года", "Обсуждение", "Делегация"]


def row(n: int) -> list[str]:
    return [cell.format(n=n) for cell in ROW]


def parse_text(write, text: str):
    return parse_document(read_document(write("report.txt", text)))


def test_rows_are_numbered_as_printed_under_their_section(write):
    report = parse_text(write, table_report(["Сотрудничество в сфере спорта", row(1), row(2)]))
    assert report.layout is Layout.table
    assert [(r.n, r.sphere, r.title) for r in report.rows] == [
        (1, "Сотрудничество в сфере спорта", "Встреча 1"),
        (2, "Сотрудничество в сфере спорта", "Встреча 2"),
    ]


def test_row_marker_without_blank_line_starts_new_event(write):
    text = table_report(["Сотрудничество в сфере спорта", row(34)])
    text += " \t35. \n\tВторая встреча\n\tг. Смоленск\n\t5 марта 2025 года\n\tИтоги\n\tКоманды\n"
    report = parse_text(write, text)
    assert [r.n for r in report.rows] == [34, 35]
    assert report.rows[1].title == "Вторая встреча"
    assert report.rows[0].participants == "Делегация"


def test_section_header_split_over_two_lines_is_joined_with_one_space(write):
    header = (
        "Сотрудничество в сфере архитектуры и строительства Смоленской области,\nв сфере энергетики"
    )
    report = parse_text(write, table_report([header, row(1)]))
    assert report.rows[0].sphere == (
        "Сотрудничество в сфере архитектуры и строительства Смоленской области, в сфере энергетики"
    )


def test_multi_line_cells_keep_their_lines_and_titles_are_collapsed(write):
    cells = row(1)
    cells[1] = "Участие \nв   выставке\n«БЕЛАГРО-2025»"
    cells[2] = "г. Смоленск;\n\nКраснинский муниципальный округ"
    report = parse_text(write, table_report(["Сотрудничество в сфере спорта", cells]))
    assert report.rows[0].title == "Участие в выставке «БЕЛАГРО-2025»"
    assert report.rows[0].place == "г. Смоленск;\nКраснинский муниципальный округ"


def test_trailing_summary_sentence_is_not_an_event(write):
    text = table_report(["Общие направления сотрудничества", row(1)])
    text += "\n\tВ I квартале 2025 года состоялось 3 встречи (приемы, переговоры)\n\n"
    report = parse_text(write, text)
    assert [r.n for r in report.rows] == [1]
    assert "встречи" not in report.rows[0].participants


def test_word_bookmark_artefacts_are_removed(write):
    cells = row(1)
    cells[1] = "[bookmark: _GoBack]Встреча"
    report = parse_text(write, table_report(["Сотрудничество в сфере спорта", cells]))
    assert report.rows[0].title == "Встреча"


def test_columns_come_from_header_text_not_position(write):
    text = "Отчет во II квартале 2025 года\n\n" + "\n".join(
        "\t" + h
        for h in [
            "№ п/п",
            "Сроки проведения",
            "Наименование мероприятия",
            "Участники",
            "Место проведения",
            "Содержание",
        ]
    )
    text += "\n\n\t1.\n\t4 апреля 2025 года\n\tФорум\n\tДелегация\n\tг. Минск\n\tОбсуждение\n"
    raw = parse_text(write, text).rows[0]
    assert (raw.title, raw.place, raw.dates, raw.participants) == (
        "Форум", "г. Минск", "4 апреля 2025 года", "Делегация",
    )  # fmt: skip


def test_row_with_missing_cell_is_kept_with_a_warning(write):
    report = parse_text(
        write,
        table_report(
            [
                "Сотрудничество в сфере спорта",
                row(1)[:5],
                "Общие направления сотрудничества",
                row(2),
            ]
        ),
    )
    assert [r.n for r in report.rows] == [1, 2]
    assert report.rows[1].sphere == "Общие направления сотрудничества"
    assert "row 1 has 5 cells, the header has 6" in report.warnings


def test_prose_paragraph_with_также_yields_two_events(write):
    text = (
        "Отчет\nза I полугодие 2022 года\n\n"
        "Всего за отчетный период состоялось более 30 международных мероприятий.\n"
        "В период с 18 по 19 мая 2022 года делегация приняла участие в форуме «Брест – 2022» \n"
        "(г. Брест, Республика Беларусь). На форуме обсуждались вопросы кооперации. "
        "Также в период с 20 по 21 мая 2022 года состоялась командировка в г. Минск.\n"
        "1 марта 2022 года на базе СОГБУК «Музей» (г. Смоленск) состоялась презентация.\n"
    )
    report = parse_text(write, text)
    assert report.layout is Layout.prose
    assert [(r.n, r.dates) for r in report.rows] == [
        (1, "18 по 19 мая 2022"),
        (2, "20 по 21 мая 2022"),
        (3, "1 марта 2022"),
    ]
    assert "(г. Брест, Республика Беларусь)" in report.rows[0].text


def test_text_with_no_table_and_no_dated_paragraph_is_reported(write):
    report = parse_text(write, "Отчет\nза 2024 год\n\nСотрудничество продолжалось весь год.\n")
    assert report.rows == ()
    assert "no table rows and no dated paragraphs found" in report.warnings


def test_title_without_period_is_reported(write):
    report = parse_text(
        write, table_report(["Общие направления сотрудничества", row(1)], title="Отчет")
    )
    assert report.period is None
    assert "no reporting period found in the title" in report.warnings


def test_periods_from_titles():
    cases = {
        "Отчет в IV квартале 2023 года": ("2023-10-01", "2023-12-31"),
        "во II квартале 2025 года": ("2025-04-01", "2025-06-30"),
        "за I полугодие 2020 года": ("2020-01-01", "2020-06-30"),
        "за II полугодие 2021 года": ("2021-07-01", "2021-12-31"),
        "за 9 месяцев 2024 года": ("2024-01-01", "2024-09-30"),
        "за 2024 год": ("2024-01-01", "2024-12-31"),
        "в 1 квартале 2024 года": ("2024-01-01", "2024-03-31"),
    }
    for title, (start, end) in cases.items():
        period = parse_period(title)
        assert (period.start.isoformat(), period.end.isoformat()) == (start, end), title
