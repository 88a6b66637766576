"""Documentation that cannot go stale (in the manner of sqlite-utils' tests/test_docs.py): every
command is in the README, has help, and survives a smoke run; the README's example outputs are
what the commands print today (cog)."""

import re
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from graphkg.cli import app

from .conftest import RAW, ROOT

runner = CliRunner()
README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(c.name or c.callback.__name__ for c in app.registered_commands)


def test_the_command_list_is_not_empty():
    assert {"parse", "build", "query", "map"} <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_in_the_readme(command):
    assert re.search(rf"graphkg {command}\b", README), f"README never shows `graphkg {command}`"


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command):
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage" in result.output and len(result.output.splitlines()) > 3


def _smoke_args(command: str, store: str, tmp) -> list[str] | None:
    """Minimal real arguments for each command; None for a server that would not return."""
    seed = str(RAW / "002_becf744556110d19.txt")
    table = {
        "parse": [seed],
        "entities": [seed],
        "build": [seed, "--store", str(tmp / "smoke-store")],
        "events": ["--store", store],
        "query": ["--store", store],
        "sparql": ["ASK { ?s ?p ?o }", "--store", store],
        "export": ["--store", store, "--format", "nquads", "--out", str(tmp / "g.nq")],
        "validate": ["--store", store],
        "partners": ["--store", store],
        "network": ["--store", store],
        "map": ["--store", store, "--out", str(tmp / "map.html")],
        "timeline": ["--store", store, "--out", str(tmp / "timeline.html")],
        "coverage": ["--store", store],
    }
    return table.get(command)


@pytest.mark.parametrize("command", [c for c in COMMANDS if c != "serve"])
def test_every_command_survives_a_smoke_run(command, seed_store, tmp_path):
    args = _smoke_args(command, str(seed_store.directory), tmp_path)
    assert args is not None, f"add smoke arguments for `graphkg {command}` to this test"
    result = runner.invoke(app, [command, *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 0, result.output


def test_the_readme_examples_are_what_the_commands_print():
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "cogapp",
            "-I",
            str(ROOT / "docs"),
            "--check",
            str(ROOT / "README.md"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, (
        "README outputs are stale; run `cog -I docs -r README.md`\n" + done.stdout + done.stderr
    )
