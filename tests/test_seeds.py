"""The five seed reports end to end, and the scores on the reference annotations."""

import json
import subprocess
import sys

import pytest

from graphkg.pipeline import parse_reports

from .conftest import RAW, SHARED

EXPECTED_EVENTS = {
    "000_f55a13aab8e51493.txt": 10,  # 2022 H1, prose
    "001_395057bea5affcc1.txt": 42,  # 2023 Q4
    "002_becf744556110d19.txt": 24,  # 2020 H1
    "003_fc96cb31d86f2e1c.txt": 81,  # 2025 Q2
    "004_f4b0acf8d215ffab.txt": 35,  # 2025 Q1
}


@pytest.fixture(scope="module")
def batch():
    return parse_reports([RAW])


def test_every_seed_event_is_read_with_its_row_number(batch):
    assert batch.problems == []
    counts = {r.source: len(r.events) for r in batch.reports}
    assert counts == EXPECTED_EVENTS
    for report in batch.reports:
        assert [e.n for e in report.events] == list(range(1, len(report.events) + 1))


def test_every_seed_event_has_a_date_and_provenance(batch):
    for report in batch.reports:
        for event in report.events:
            assert event.dates is not None, (report.source, event.n)
            assert event.provenance.text.strip()
            assert event.provenance.lines.first <= event.provenance.lines.last


@pytest.mark.skipif(
    not (SHARED / "eval" / "score.py").exists(), reason="../shared/eval not beside the repo"
)
def test_scores_on_reference_annotations_meet_the_targets(batch, tmp_path):
    out = tmp_path / "events.jsonl"
    out.write_text(
        "".join(
            json.dumps(e.export(), ensure_ascii=False) + "\n"
            for r in batch.reports
            for e in r.events
        ),
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, str(SHARED / "eval" / "score.py"), str(SHARED / "eval" / "gold"), str(out), "--json"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    scores = json.loads(result.stdout)
    assert scores["events"]["f1"] == 1.0
    for field in ("start", "end", "sphere", "title"):
        assert scores[field]["acc"] >= 0.98, field
    for field in ("online", "participants"):
        assert scores[field]["acc"] >= 0.95, field
    for field in ("places", "countries", "by_regions"):
        assert scores[field]["f1"] >= 0.95, field
