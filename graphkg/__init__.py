"""graphkg: a knowledge graph of regional partnerships, built from cooperation reports.

The library API, in the order data flows:

    batch = graphkg.parse_reports(["data/raw"])          # read → parse → extract → resolve
    store = graphkg.EmbeddedStore("store")
    graphkg.build(["data/raw"], store)                    # → RDF → the store (atomic, incremental)
    columns, rows = graphkg.run_library_query(store, "repeat_partners")
"""

from graphkg.errors import GraphkgError
from graphkg.graph.build import BuildResult, build
from graphkg.graph.events import events_from_store
from graphkg.graph.query import library, run_library_query, run_sparql
from graphkg.graph.remote import RemoteStore
from graphkg.graph.store import EmbeddedStore
from graphkg.pipeline import Batch, parse_report, parse_reports, report_paths

__all__ = [
    "Batch",
    "BuildResult",
    "EmbeddedStore",
    "GraphkgError",
    "RemoteStore",
    "build",
    "events_from_store",
    "library",
    "parse_report",
    "parse_reports",
    "report_paths",
    "run_library_query",
    "run_sparql",
]
