"""Shared fixtures: the seed reports, the evaluation folder and a small table-report builder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from .servers import oxigraph_server, virtuoso  # noqa: F401  (session fixtures: SPARQL servers)

# CI runs the same examples every time (a red CI must mean a change broke something); locally
# hypothesis explores. No deadline: the first example pays for loading pymorphy3.
settings.register_profile("ci", derandomize=True, deadline=None)
settings.register_profile("dev", deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "data" / "raw"
SHARED = ROOT.parent / "shared"

HEADER = [
    "№ п/п",
    "Наименование мероприятия",
    "Место проведения\nмероприятия",
    "Сроки проведения мероприятия",
    "Цель, содержание и результат мероприятия",
    "Участники мероприятия (общее количество, другие дополнительные сведения)",
]


def table_report(rows: list[list[str] | str], title: str = "Отчет\nв I квартале 2025 года") -> str:
    """A report in the TXT table layout: a list of cells is a row, a string is a section header."""
    out = [title, ""]
    out += ["\t" + cell for cell in HEADER]
    for row in rows:
        out.append("")
        cells = [row] if isinstance(row, str) else row
        out += ["\t" + cell for cell in cells]
    return "\n".join(out) + "\n"


@pytest.fixture
def seeds() -> list[Path]:
    return sorted(RAW.glob("*.txt"))


@pytest.fixture
def write(tmp_path):
    """write(name, text_or_bytes, encoding='utf-8') -> path of a file in a temporary folder."""

    def _write(name: str, content: str | bytes, encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
        return path

    return _write


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory):
    """The five seeds built once for the whole session: read-only for the tests that share it."""
    import graphkg

    store = graphkg.EmbeddedStore(tmp_path_factory.mktemp("seeds") / "store")
    graphkg.build([RAW], store)
    return store


def library_rows(store, query_name, notes=None, **params):
    """The rows of a library query, its parameters given as keywords (values made strings)."""
    from graphkg.graph.query import run_library_query

    return run_library_query(store, query_name, {k: str(v) for k, v in params.items()}, notes)[1]
