"""One vocabulary: every gk: term the code, the queries and the shapes use is declared in the
ontology and every declared term is used; the namespaces are written once (graphkg/namespaces.py)
and the JSON-LD context is derived from them."""

import re
from pathlib import Path

from graphkg import resources
from graphkg.graph.vocab import GK, context_text, ontology_terms

ROOT = Path(__file__).resolve().parent.parent
CODE = sorted((ROOT / "graphkg").rglob("*.py"))
QUERIES = sorted((ROOT / "queries").glob("*.rq"))
SHAPES = ROOT / "ontology" / "shapes.ttl"


def _used() -> dict[str, set[str]]:
    """gk terms by where they are used: gk("Name") in code, gk:Name in SPARQL and Turtle."""
    used: dict[str, set[str]] = {}
    for path in CODE:
        text = path.read_text(encoding="utf-8")
        for name in re.findall(r'\bgk\("(\w+)"\)', text) + re.findall(r"(?<![\w?$])gk:(\w+)", text):
            used.setdefault(name, set()).add(path.name)
    shapes = set(re.findall(r"^gk:(\w+) a sh:NodeShape", SHAPES.read_text(encoding="utf-8"), re.M))
    for path in [*QUERIES, SHAPES]:
        for name in re.findall(r"(?<![\w?$])gk:(\w+)", path.read_text(encoding="utf-8")):
            if name not in shapes:  # the shapes name themselves in shapes.ttl, not the ontology
                used.setdefault(name, set()).add(path.name)
    return used


def test_every_gk_term_used_is_declared_in_the_ontology():
    undeclared = {name: sorted(where) for name, where in _used().items()}
    undeclared = {k: v for k, v in undeclared.items() if k not in ontology_terms()}
    assert undeclared == {}


def test_every_declared_gk_term_is_used():
    used = set(_used())
    # schemes are the objects of skos:inScheme, written by name in graph/nodes
    assert sorted(ontology_terms() - used) == []


def test_the_jsonld_context_file_is_the_one_derived_from_the_vocabulary():
    # `python -m graphkg.graph.vocab` rewrites it
    assert resources.ontology("context.jsonld").read_text(encoding="utf-8") == context_text()


def test_namespaces_are_written_once():
    """No module but graphkg/namespaces.py spells a namespace of the table."""
    from graphkg.namespaces import NAMESPACES

    for path in CODE:
        if path.name == "namespaces.py":
            continue
        text = path.read_text(encoding="utf-8")
        for prefix, iri in NAMESPACES.items():
            assert iri not in text, f"{path.relative_to(ROOT)} writes the {prefix}: namespace {iri}"
    assert NAMESPACES["gk"] == GK
