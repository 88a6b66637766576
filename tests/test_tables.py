"""Tables for people (`--format table`): wrapped to a terminal, but written to a file or a pipe
(out/events.txt) no cell breaks and no 80-column limit applies."""

import io
import json
import re

from typer.testing import CliRunner

from graphkg.cli import app
from graphkg.cli.app import table_console

from .conftest import RAW, table_report


def test_events_txt_keeps_every_title_whole_on_one_line():
    runner = CliRunner()
    table = runner.invoke(app, ["parse", str(RAW), "--format", "table"])  # not a terminal
    assert table.exit_code == 0, table.output
    lines = table.stdout.splitlines()
    assert max(map(len, lines)) > 200  # no 80-column limit
    events = [
        json.loads(line) for line in runner.invoke(app, ["parse", str(RAW)]).stdout.splitlines()
    ]
    titles = [e["title"] for e in events if "title" in e]
    assert len(titles) == 192
    for title in titles:  # each title whole, in one line: no word broken, no cell wrapped
        assert any(title in line for line in lines), title


def test_a_long_cell_of_our_own_is_not_cut_or_folded(write):
    title = ("Рабочая встреча специалистов учреждений культуры Смоленской области и Витебской области "
             "по вопросам подготовки совместного фестиваля народного творчества «Днепровские зори»")  # fmt: skip
    row = [
        "1.",
        title,
        "г. Смоленск",
        "14 марта 2025 года",
        "ГБУК «Смоленский областной дом ремесел»",
        "Встреча",
    ]
    path = write("own.txt", table_report(["Общие направления сотрудничества", row]))
    output = CliRunner().invoke(app, ["parse", str(path), "--format", "table"]).output
    assert f"│ {title} │" in output  # whole, in one cell line


class _Terminal(io.StringIO):
    def isatty(self):
        return True


def test_a_terminal_gets_tables_wrapped_to_its_width_at_word_boundaries(monkeypatch):
    from rich.table import Table

    monkeypatch.setenv("COLUMNS", "60")
    terminal = _Terminal()
    table = Table("evidence")
    words = (
        "Участие делегации Смоленской области в международном форуме регионов России и Беларуси "
        "и посещение предприятий Могилевской области"
    )
    table.add_row(words)
    table_console(terminal).print(table)
    lines = re.sub(r"\x1b\[[0-9;]*m", "", terminal.getvalue()).splitlines()
    assert max(map(len, lines)) <= 60 and len(lines) > 4
    cells = " ".join(line.strip("│ ") for line in lines[3:-1])
    assert " ".join(cells.split()) == words  # wrapped between words, none broken


def test_partners_table_into_a_file_keeps_each_evidence_cell_whole(tmp_path, write):
    import graphkg
    from graphkg.graph.store import EmbeddedStore
    from graphkg.views.network import partnership_graph, repeat_partners

    people = ("ГБУК «Смоленская областная детская библиотека», ГУК «Оршанская централизованная "
              "библиотечная система» (Витебская область)")  # fmt: skip
    rows = [["1.", "Совместный семинар библиотекарей о чтении детей", "г. Орша", "12 марта 2025 года", people, "Семинар"],
            ["2.", "Выставка детской книги и встреча с читателями", "г. Смоленск", "20 мая 2025 года", people, "Выставка"]]  # fmt: skip
    report = write("own.txt", table_report(["Общие направления сотрудничества", *rows]))
    store = EmbeddedStore(tmp_path / "store")
    graphkg.build([report], store)
    [row] = repeat_partners(partnership_graph(store))
    out = (
        CliRunner()
        .invoke(app, ["partners", "--store", str(store.directory), "--format", "table"])
        .output
    )
    line = next(line for line in out.splitlines() if row["home"] in line)
    assert row["foreign"] in line and row["evidence"] in line  # one line, every cell whole
