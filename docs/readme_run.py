"""Run the README's example commands for cog (`cog -I docs -r README.md` rewrites the outputs,
`cog -I docs --check README.md` in the tests fails when the README has gone stale).

Each command runs with bash in a scratch folder holding `data/` (a link to the checkout's) and a
store built from the seeds, with the graphkg of the running Python's environment first on PATH.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from functools import cache
from pathlib import Path

import cog

REPO = Path(os.environ.get("GRAPHKG_REPO", Path.cwd()))


@cache
def _folder() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="graphkg-readme-"))
    (folder / "data").symlink_to(REPO / "data")
    _run("graphkg build data/raw --store store", folder)
    return folder


def _run(command: str, folder: Path) -> str:
    env = dict(
        os.environ,
        PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        COLUMNS="200",
    )
    done = subprocess.run(
        ["bash", "-c", command], cwd=folder, env=env, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise RuntimeError(f"README example failed: {command}\n{done.stderr}")
    return done.stdout


def show(command: str, head: int | None = None) -> None:
    """The command and what it prints (its first `head` lines), as a fenced block."""
    lines = _run(command, _folder()).rstrip("\n").splitlines()
    cog.outl("```console")
    cog.outl(f"$ {command}" + (f" | head -{head}" if head else ""))
    cog.outl("\n".join(lines[:head] if head else lines))
    cog.outl("```")
