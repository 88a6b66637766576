from pathlib import Path

import pytest

import graphkg
from graphkg.graph.shapes import validate_store, validate_turtle_file
from graphkg.graph.store import EmbeddedStore

from .conftest import RAW

EXAMPLES = Path(__file__).resolve().parent.parent / "ontology" / "examples"


def test_valid_example_conforms():
    assert validate_turtle_file(EXAMPLES / "valid.ttl") == (True, [])


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("invalid-*.ttl")), ids=lambda p: p.stem)
def test_each_invalid_example_fails_with_its_message(path):
    expected = path.read_text(encoding="utf-8").splitlines()[0].removeprefix("# expected: ")
    conforms, messages = validate_turtle_file(path)
    assert not conforms
    assert messages == [expected]


def test_the_built_graph_conforms(tmp_path):
    store = EmbeddedStore(tmp_path / "store")
    graphkg.build([RAW], store)
    assert validate_store(store) == (True, [])
