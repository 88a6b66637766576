import pytest
from hypothesis import given
from hypothesis import strategies as st

from graphkg.dates import parse_dates

MONTHS_GEN = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
              "сентября", "октября", "ноября", "декабря"]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("3 марта\n2020 года", "2020-03-03", "2020-03-03"),
        ("22-25 мая 2025 года", "2025-05-22", "2025-05-25"),
        ("10 ноября-3 декабря 2023 года", "2023-11-10", "2023-12-03"),
        ("4 ноября 2023 года – 12 апреля 2024 года", "2023-11-04", "2024-04-12"),
        ("28 февраля – \n15 марта\n2025 года", "2025-02-28", "2025-03-15"),
        ("март-апрель 2020 года", "2020-03", "2020-04"),
        ("март, май 2020 года", "2020-03", "2020-05"),
        ("май\n2020 года", "2020-05", "2020-05"),
        ("октябрь 2023 года", "2023-10", "2023-10"),
        ("31.03.2020 09.04.2020 05.05.2020", "2020-03-31", "2020-05-05"),
        (
            "Отборочный этап: 1-15 марта 2025 года, заключительный этап: 20 апреля 2025 года",
            "2025-03-01",
            "2025-04-20",
        ),
        ("с 26 по 28 февраля 2022", "2022-02-26", "2022-02-28"),
        ("31 мая по 3 июня 2022", "2022-05-31", "2022-06-03"),
        ("в течение 2023 года", "2023", "2023"),
        ("сентябрь – 5 ноября 2023 года", "2023-09", "2023-11-05"),
    ],
)
def test_date_forms_keep_the_precision_the_text_gives(text, start, end):
    found, warnings = parse_dates(text)
    assert (found.start.iso(), found.end.iso()) == (start, end)
    assert warnings == []


def test_a_date_without_year_takes_the_report_year():
    found, _ = parse_dates("14 марта", default_year=2020)
    assert found.start.iso() == "2020-03-14"


def test_a_date_without_year_and_no_report_year_is_a_warning():
    found, warnings = parse_dates("14 марта")
    assert found is None
    assert warnings == ["a date without a year and no report year to take it from"]


def test_impossible_calendar_date_is_a_warning_not_a_crash():
    found, warnings = parse_dates("31 февраля 2025 года")
    assert found is None
    assert warnings == ["31.02.2025 is not a calendar date"]


def test_text_without_date_gives_none():
    assert parse_dates("в рабочем порядке") == (None, [])


@given(
    st.integers(2000, 2030), st.integers(0, 11), st.integers(1, 28), st.integers(0, 27),
    st.sampled_from(["-", "–", " – ", " по "]),
)  # fmt: skip
def test_any_day_range_within_a_month_parses_to_its_bounds(year, month, day, length, dash):
    last = min(day + length, 28)
    found, warnings = parse_dates(f"{day}{dash}{last} {MONTHS_GEN[month]} {year} года")
    assert found.start.iso() == f"{year}-{month + 1:02d}-{day:02d}"
    assert found.end.iso() == f"{year}-{month + 1:02d}-{last:02d}"
    assert warnings == []


@given(st.text(max_size=200))
def test_any_text_gives_a_range_or_none_never_an_exception(text):
    found, warnings = parse_dates(text, default_year=2025)
    if found is not None:
        assert found.start.sort_key() <= found.end.sort_key(end=True)
