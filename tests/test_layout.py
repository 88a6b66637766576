"""The package's shape holds: modules stay small, resources are named once, and tables a person
edits can live in a working folder."""

import re

import pytest

from graphkg import resources
from graphkg.resolve import keys
from graphkg.tables import read_table

from .conftest import ROOT

MODULES = sorted((ROOT / "graphkg").rglob("*.py"))


@pytest.mark.parametrize("module", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_is_over_400_lines(module):
    assert len(module.read_text(encoding="utf-8").splitlines()) <= 400


@pytest.mark.parametrize("module", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_resource_path_is_built_from_the_module_file(module):
    text = module.read_text(encoding="utf-8")
    assert not re.search(r"__file__\)?\S*\.parent\b", text.replace("pyvis.__file__", "")), (
        "find resources through graphkg.resources"
    )


def test_every_packaged_folder_is_found():
    for name in resources.FOLDERS:
        assert resources.folder(name).is_dir()
    assert resources.ontology().name == "graphkg.ttl"


def test_an_empty_query_library_is_an_error_not_an_empty_listing(monkeypatch, tmp_path):
    monkeypatch.setattr(resources, "folder", lambda name: tmp_path)
    with pytest.raises(resources.ResourceError, match="query library is empty"):
        resources.query_files()


def test_a_missing_resource_names_itself(monkeypatch, tmp_path):
    monkeypatch.setattr(resources, "folder", lambda name: tmp_path)
    with pytest.raises(resources.ResourceError, match="ontology/graphkg.ttl"):
        resources.ontology()


def test_a_working_folder_overrides_only_the_tables_a_person_edits(monkeypatch, tmp_path):
    (tmp_path / "aliases.csv").write_text(
        "variant,canonical\nКВЦ,Культурно-выставочный центр\n", encoding="utf-8"
    )
    (tmp_path / "countries.csv").write_text("iso2,names,adjectives,en\n", encoding="utf-8")
    monkeypatch.setenv(resources.TABLES_ENV, str(tmp_path))
    assert read_table("aliases.csv") == [
        {"variant": "КВЦ", "canonical": "Культурно-выставочный центр"}
    ]
    assert read_table("countries.csv"), "a table nobody edits comes from the package"
    assert (
        resources.table("renames.csv") == resources.folder("tables") / "renames.csv"
    )  # not in the folder
    keys._aliases.cache_clear()
