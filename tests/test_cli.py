import json

from typer.testing import CliRunner

from graphkg.cli.app import app

from .conftest import RAW, table_report

runner = CliRunner()
SCHEMA_KEYS = {"source", "n", "sphere", "title", "start", "end", "places", "online", "countries",
               "by_regions", "institutions", "agreements", "participants"}  # fmt: skip


def test_parse_prints_one_json_object_per_event_with_the_schema_keys():
    result = runner.invoke(app, ["parse", str(RAW / "002_becf744556110d19.txt")])
    assert result.exit_code == 0
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(events) == 24
    assert set(events[0]) >= SCHEMA_KEYS
    assert events[0]["source"] == "002_becf744556110d19.txt"
    assert "Гомельским" in events[0]["title"]


def test_parse_table_format_ends_each_report_with_a_summary_line():
    result = runner.invoke(
        app, ["parse", "--format", "table", str(RAW / "004_f4b0acf8d215ffab.txt")]
    )
    assert result.exit_code == 0
    assert (
        "004_f4b0acf8d215ffab.txt: table layout, I квартал 2025 года: 35 events, 0 dates unparsed"
        in result.stdout
    )


def test_bad_file_is_one_line_on_stderr_and_the_rest_of_the_batch_still_loads(write):
    good = write("good.txt", table_report(["Общие направления сотрудничества",
                                           ["1.", "Встреча", "г. Минск", "3 марта 2025 года", "Итоги", "Делегация"]]))  # fmt: skip
    bad = write("bad.docx", b"not a zip at all")
    result = runner.invoke(app, ["parse", str(good), str(bad)])
    assert result.exit_code == 1
    assert [json.loads(line)["title"] for line in result.stdout.splitlines()] == ["Встреча"]
    assert result.stderr.strip() == "Error: bad.docx is not a Word file (zip header missing)"
    assert "Traceback" not in result.output


def test_row_without_a_date_is_counted_in_the_summary(write):
    path = write("undated.txt", table_report(["Общие направления сотрудничества",
                                              ["1.", "Встреча", "г. Минск", "в рабочем порядке", "Итоги", "Делегация"]]))  # fmt: skip
    result = runner.invoke(app, ["parse", "--format", "table", str(path)])
    assert result.exit_code == 0
    assert "1 events, 1 dates unparsed" in result.stdout
