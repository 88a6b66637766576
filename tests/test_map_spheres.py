"""The map's sphere filter follows the SKOS hierarchy of spheres (data/spheres.csv): a broader
sphere such as culture-all draws the events of every sphere under it."""

from __future__ import annotations

from typer.testing import CliRunner

from graphkg.cli.app import app
from graphkg.graph.params import sphere_family
from graphkg.tables import spheres
from graphkg.views.network import Filters, partnership_graph


def _events(graph) -> set[tuple]:
    return {(e["report"], e["row"]) for _, _, d in graph.edges(data=True) for e in d["events"]}


def _narrower(top: str) -> set[str]:
    return {s.id for s in spheres() if s.broader == top}


def test_a_broader_sphere_draws_the_union_of_its_narrower_spheres(seed_store):
    narrower = _narrower("culture-all")
    assert len(narrower) >= 2  # the table's two names of the culture section
    union = set().union(
        *(_events(partnership_graph(seed_store, Filters(sphere=s))) for s in narrower)
    )
    drawn = partnership_graph(seed_store, Filters(sphere="culture-all"))
    assert union and _events(drawn) == union
    assert {s for _, _, d in drawn.edges(data=True) for s in d["spheres"]} <= narrower
    # a narrower sphere alone draws only its own events
    for sphere in narrower:
        own = partnership_graph(seed_store, Filters(sphere=sphere))
        assert {s for _, _, d in own.edges(data=True) for s in d["spheres"]} <= {sphere}


def test_sphere_family_is_the_sphere_and_everything_under_it(seed_store):
    assert sphere_family(seed_store.query, "culture-all") == _narrower("culture-all") | {
        "culture-all"
    }
    assert sphere_family(seed_store.query, "youth-all") == _narrower("youth-all") | {"youth-all"}
    assert sphere_family(seed_store.query, "forestry") == {"forestry"}


def test_map_with_an_unknown_sphere_is_one_line(seed_store, tmp_path):
    result = CliRunner().invoke(
        app,
        ["map", "--sphere", "no-such-sphere", "--store", str(seed_store.directory),
         "--out", str(tmp_path / "m.html")],
    )  # fmt: skip
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: sphere 'no-such-sphere'"), lines
    assert "culture-all" in lines[0] and not (tmp_path / "m.html").exists()


def test_map_command_draws_culture_all(seed_store, tmp_path):
    out = tmp_path / "m.html"
    result = CliRunner().invoke(
        app,
        ["map", "--sphere", "culture-all", "--store", str(seed_store.directory), "--out", str(out)],
    )
    assert result.exit_code == 0, result.output
    nodes = int(result.output.split(": ")[1].split()[0])
    assert nodes > 0


def test_an_event_without_a_sphere_is_under_no_sphere(seed_store):
    """The prose report's events have no sphere: no sphere filter draws them (they used to join
    every notation of the vocabulary, so every filter let them through)."""
    every = partnership_graph(seed_store)
    unsorted = {
        (e["report"], e["row"])
        for _, _, d in every.edges(data=True)
        for e in d["events"]
        if e["sphere"] is None
    }
    assert unsorted
    for sphere in ("culture-all", "culture", "forestry", "general"):
        assert not _events(partnership_graph(seed_store, Filters(sphere=sphere))) & unsorted
