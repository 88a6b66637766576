"""Report coverage: scope from the title, one gk:coversMonth per month, and the comparison rule."""

from datetime import date

import pytest

import graphkg
from graphkg.graph.coverage import (
    comparison_warning,
    months,
    period_coverage,
    scope_of,
    store_coverage,
    warn_periods,
)
from graphkg.graph.store import EmbeddedStore

from .conftest import RAW


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory):
    store = EmbeddedStore(tmp_path_factory.mktemp("coverage") / "store")
    graphkg.build([RAW], store)
    return store


@pytest.mark.parametrize(
    ("title", "scope"),
    [
        (
            "Отчет о сотрудничестве органов власти Брянской области с Республикой Беларусь за 2019 год",
            "belarus",
        ),
        (
            "Информация о взаимодействии с регионами Республики Беларусь за 9 месяцев 2021 года",
            "belarus",
        ),
        ("Сведения о сотрудничестве с Беларусью во II квартале 2024 года", "belarus"),
        ("Отчет о мероприятиях в международной сфере в III квартале 2024 года", "all"),
        ("Отчет о мероприятиях с участием Республики Беларусь и Китая в 2024 году", "all"),
    ],
)
def test_scope_from_the_title(title, scope):
    assert scope_of(title) == scope


def test_months_of_a_period_cross_a_year_end():
    assert months(date(2023, 11, 1), date(2024, 2, 29)) == [
        "2023-11",
        "2023-12",
        "2024-01",
        "2024-02",
    ]
    assert months(date(2025, 4, 1), date(2025, 4, 30)) == ["2025-04"]


ROWS = [
    {
        "report": "a.txt",
        "scope": "belarus",
        "months": "2020-01 2020-02 2020-03 2020-04 2020-05 2020-06",
    },
    {"report": "b.txt", "scope": "all", "months": "2025-01 2025-02 2025-03"},
    {"report": "c.txt", "scope": "all", "months": "2025-04 2025-05 2025-06"},
]


def test_a_period_without_report_is_no_report_and_unlike_periods_warn():
    coverage = period_coverage(ROWS, ["2020", "2021", "2025"])
    assert coverage["2021"] == set()
    warning = comparison_warning(coverage)
    assert warning.startswith("warning: no report for 2021")
    assert "2020: belarus, 6 months" in warning and "2025: all, 6 months" in warning


def test_periods_covered_alike_compare_without_warning():
    assert comparison_warning(period_coverage(ROWS, ["2025-01", "2025-05"])) is None
    assert "no report for 2025-07" in comparison_warning(
        period_coverage(ROWS, ["2025-01", "2025-07"])
    )


def test_store_knows_each_seed_report_period_scope_and_months(seed_store):
    rows = {r["report"][:3]: r for r in store_coverage(seed_store)}
    assert {k: (r["scope"], r["month_count"]) for k, r in rows.items()} == {
        "000": ("belarus", 6), "001": ("all", 3), "002": ("belarus", 6), "003": ("all", 3), "004": ("all", 3),
    }  # fmt: skip
    assert rows["001"]["months"] == "2023-10 2023-11 2023-12"
    warning = warn_periods(seed_store, ["2020", "2021", "2023", "2024", "2025"])
    assert "no report for 2021, 2024" in warning and "2023: all, 3 months" in warning


def test_every_period_from_the_first_report_to_the_last_is_covered_or_no_report():
    from graphkg.graph.coverage import coverage_periods

    years = {
        p["period"]: (p["status"], p["scope"], p["months_covered"], p["months"])
        for p in coverage_periods(ROWS, "year")
    }
    assert years["2020"] == ("partly covered", "belarus", 6, 12)
    assert years["2023"] == ("no report", "", 0, 12)
    assert years["2025"] == ("partly covered", "all", 6, 12)
    quarters = [p["period"] for p in coverage_periods(ROWS, "quarter")]
    assert quarters[0] == "2020-Q1" and quarters[-1] == "2025-Q2" and len(quarters) == 22


def test_the_coverage_command_lists_periods_and_warns_on_stderr(seed_store):
    from typer.testing import CliRunner

    from graphkg.cli import app

    result = CliRunner().invoke(
        app, ["coverage", "--by", "year", "-f", "csv", "--store", str(seed_store.directory)]
    )
    assert result.exit_code == 0, result.output
    assert "2021,no report,,0,12," in result.stdout
    assert "warning: no report for 2021, 2024" in result.stderr
