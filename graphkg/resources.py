"""Every packaged resource, named once: the ontology, the query library, the data tables and the
page templates, wherever graphkg is installed.

The top-level folders of the checkout (ontology/, queries/, data/, viz/) are the source; a wheel
carries them as graphkg/share/{ontology,queries,tables,viz} (pyproject.toml maps them), and an
editable install reads the checkout itself (found from the install's direct_url.json, PEP 610).
Tables a person edits (aliases, judgements, renames, not-same pairs) are read from one working
folder when one is given ($GRAPHKG_TABLES, or --tables, which sets it); any table that folder
lacks comes from the packaged copy.
"""

from __future__ import annotations

import json
import os
from functools import cache
from importlib import metadata, resources
from pathlib import Path
from urllib.parse import unquote, urlparse

from graphkg.errors import GraphkgError

# packaged folder -> the checkout folder it is made from
FOLDERS = {"ontology": "ontology", "queries": "queries", "tables": "data", "viz": "viz",
           "templates": "templates"}  # fmt: skip
WORKING_TABLES = frozenset({"aliases.csv", "judgements.csv", "renames.csv", "not_same.csv"})
TABLES_ENV = "GRAPHKG_TABLES"


class ResourceError(GraphkgError):
    """A packaged resource that is missing: a broken install."""


@cache
def _root() -> Path:
    packaged = Path(str(resources.files("graphkg"))) / "share"
    if packaged.is_dir():
        return packaged
    checkout = _editable_checkout()
    if checkout is not None:
        return checkout
    raise ResourceError(
        "graphkg's resources are missing (no graphkg/share in the install); reinstall graphkg"
    )


def _editable_checkout() -> Path | None:
    """The project folder of an editable install, as pip recorded it."""
    for distribution in metadata.distributions(name="graphkg"):  # a stale egg-info may come first
        info = json.loads(distribution.read_text("direct_url.json") or "{}")
        url = urlparse(info.get("url", ""))
        if info.get("dir_info", {}).get("editable") and url.scheme == "file":
            return Path(unquote(url.path))
    return None


def folder(name: str) -> Path:
    """One packaged folder: "ontology", "queries", "tables" or "viz"."""
    root = _root()
    path = root / (name if root.name == "share" else FOLDERS[name])
    if not path.is_dir():
        raise ResourceError(f"graphkg's {name} folder is missing ({path}); reinstall graphkg")
    return path


def resource(kind: str, name: str) -> Path:
    path = folder(kind) / name
    if not path.is_file():
        raise ResourceError(f"graphkg's resource {kind}/{name} is missing; reinstall graphkg")
    return path


def ontology(name: str = "graphkg.ttl") -> Path:
    return resource("ontology", name)


def viz(name: str) -> Path:
    return resource("viz", name)


def template(name: str) -> Path:
    """A file of the workbench's pages (templates/: Jinja2 templates, its CSS, JS and icon)."""
    return resource("templates", name)


def working_tables() -> Path | None:
    value = os.environ.get(TABLES_ENV)
    return Path(value) if value else None


def table(name: str) -> Path:
    """A data table: from the working folder when it is one a person edits and the folder has it."""
    working = working_tables()
    if working is not None and name in WORKING_TABLES and (working / name).is_file():
        return working / name
    return resource("tables", name)


def query_files() -> list[Path]:
    """The query library; an empty one is a broken install, never an empty listing."""
    files = sorted(folder("queries").glob("*.rq"))
    if not files:
        raise ResourceError(
            f"graphkg's query library is empty ({folder('queries')}); reinstall graphkg"
        )
    return files


def signature_files() -> list[Path]:
    """What a build's output is made from: the package's code, the tables and the ontology."""
    package = Path(str(resources.files("graphkg")))
    tables = sorted(folder("tables").glob("*.csv"))
    working = working_tables()
    if working is not None:
        tables += sorted(working / name for name in WORKING_TABLES if (working / name).is_file())
    return sorted(package.rglob("*.py")) + tables + [ontology()]
